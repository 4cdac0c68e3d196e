"""Charts drawn on the server as inline SVG: no script, nothing to download, and the
page's Content-Security-Policy stays strict. Colours come from the style sheet
through class names, so the SVG carries no inline style."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from wirewatch.analyze.events.codebook import QUAD_NAMES as QUADS

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP = 44, 12, 14
LINE_H = 150  # the Goldstein panel's height
BARS_TOP = TOP + LINE_H + 26
BARS_H = HEIGHT - BARS_TOP - 28


@dataclass(frozen=True, slots=True)
class Month:
    """One month of a pair's events: how many of each quad class, and the mean score."""

    month: str
    goldstein: float
    quads: tuple[int, int, int, int]

    @property
    def count(self) -> int:
        return sum(self.quads)


def months(events: Iterable[tuple[dt.date | None, float, int]]) -> list[Month]:
    """Events (day, Goldstein score, quad class) by month, every month from the first to
    the last present (empty ones too, so that time runs evenly); undated ones left out."""
    scores: dict[str, list[float]] = {}
    quads: dict[str, list[int]] = {}
    for day, goldstein, quad in events:
        if day is None:
            continue
        key = f"{day:%Y-%m}"
        scores.setdefault(key, []).append(goldstein)
        counts = quads.setdefault(key, [0, 0, 0, 0])
        if 1 <= quad <= 4:
            counts[quad - 1] += 1
    if not scores:
        return []
    out = []
    for key in _month_range(min(scores), max(scores)):
        values = scores.get(key, [])
        mean = sum(values) / len(values) if values else 0.0
        c = quads.get(key, [0, 0, 0, 0])
        out.append(Month(key, mean, (c[0], c[1], c[2], c[3])))
    return out


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _x(index: int, total: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + span * (index + 0.5) / max(total, 1)


def _y(score: float) -> float:
    return TOP + LINE_H * (10 - score) / 20


def relations_chart(data: Sequence[Month], label: str) -> Markup:
    """The Goldstein line (mean per month, -10 to +10) above bars of events per month
    stacked by quad class."""
    if not data:
        return Markup('<p class="empty">No dated events between these actors.</p>')
    parts = [_frame(label), _goldstein_line(data), _quad_bars(data), _axis(data), _legend()]
    return Markup("").join(parts) + Markup("</svg>")


def _frame(label: str) -> Markup:
    head = Markup(
        '<svg class="chart relations-chart" viewBox="0 0 {w} {h}" role="img" '
        'aria-label="{label}"><title>{label}</title>'
    ).format(w=WIDTH, h=HEIGHT, label=label)
    grid = [
        Markup(
            '<line class="grid" x1="{a}" x2="{b}" y1="{y:.1f}" y2="{y:.1f}"/>'
            '<text class="tick" x="{t}" y="{ty:.1f}">{v:+d}</text>'
        ).format(a=LEFT, b=WIDTH - RIGHT, y=_y(v), t=LEFT - 6, ty=_y(v) + 4, v=v)
        for v in (10, 5, 0, -5, -10)
    ]
    return head + Markup("").join(grid)


def _goldstein_line(data: Sequence[Month]) -> Markup:
    points = [(_x(i, len(data)), _y(m.goldstein), m) for i, m in enumerate(data) if m.count]
    path = " ".join(
        f"{'M' if n == 0 else 'L'}{x:.1f},{y:.1f}" for n, (x, y, _) in enumerate(points)
    )
    dots = Markup("").join(
        Markup(
            '<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="3.5">'
            "<title>{m}: mean Goldstein {g:+.1f} over {n} events</title></circle>"
        ).format(x=x, y=y, m=m.month, g=m.goldstein, n=m.count)
        for x, y, m in points
    )
    return Markup('<path class="goldstein" d="{d}"/>').format(d=path) + dots


def _quad_bars(data: Sequence[Month]) -> Markup:
    most = max(m.count for m in data) or 1
    width = min(36.0, max(2.0, (WIDTH - LEFT - RIGHT) / len(data) * 0.7))
    bars = []
    for i, m in enumerate(data):
        base = float(BARS_TOP + BARS_H)
        for quad, n in enumerate(m.quads, start=1):
            if not n:
                continue
            h = BARS_H * n / most
            base -= h
            bars.append(
                Markup(
                    '<rect class="bar q{q}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
                    'height="{h:.1f}">'
                    "<title>{m}: {n} {name}</title></rect>"
                ).format(
                    q=quad,
                    x=_x(i, len(data)) - width / 2,
                    y=base,
                    w=width,
                    h=h,
                    m=m.month,
                    n=n,
                    name=QUADS[quad],
                )
            )
    note = Markup('<text class="tick" x="{x}" y="{y}">{n}</text>').format(
        x=LEFT - 6, y=BARS_TOP + 4, n=most
    )
    return note + Markup("").join(bars)


def _axis(data: Sequence[Month]) -> Markup:
    step = max(1, len(data) // 8)
    labels = [
        Markup('<text class="month" x="{x:.1f}" y="{y}">{m}</text>').format(
            x=_x(i, len(data)), y=HEIGHT - 8, m=m.month
        )
        for i, m in enumerate(data)
        if i % step == 0 or i == len(data) - 1
    ]
    return Markup("").join(labels)


def _legend() -> Markup:
    items = [
        Markup('<text class="legend" x="{x}" y="{y}">Goldstein, mean per month</text>').format(
            x=LEFT + 4, y=TOP + 10
        )
    ]
    for quad, name in QUADS.items():
        x = LEFT + 4 + (quad - 1) * 150
        items.append(
            Markup(
                '<rect class="bar q{q}" x="{x}" y="{y}" width="10" height="10"/>'
                '<text class="legend" x="{tx}" y="{ty}">{name}</text>'
            ).format(q=quad, x=x, y=BARS_TOP - 16, tx=x + 14, ty=BARS_TOP - 7, name=name)
        )
    return Markup("").join(items)


def mentions_chart(data: Sequence[tuple[str, int, int]], label: str) -> Markup:
    """Articles naming an entity, per month, as bars."""
    if not data:
        return Markup('<p class="empty">No dated articles name it.</p>')
    filled = _fill_months(data)
    most = max(n for _, n in filled) or 1
    height, top, bottom = 140, 10, 24
    inner = height - top - bottom
    width = min(36.0, max(2.0, (WIDTH - LEFT - RIGHT) / len(filled) * 0.7))
    bars = [
        Markup(
            '<rect class="bar mentions" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
            'height="{h:.1f}"><title>{m}: {n} articles</title></rect>'
        ).format(
            x=_x(i, len(filled)) - width / 2,
            y=top + inner - inner * n / most,
            w=width,
            h=inner * n / most,
            m=month,
            n=n,
        )
        for i, (month, n) in enumerate(filled)
        if n
    ]
    step = max(1, len(filled) // 8)
    ticks = [
        Markup('<text class="month" x="{x:.1f}" y="{y}">{m}</text>').format(
            x=_x(i, len(filled)), y=height - 6, m=month
        )
        for i, (month, _) in enumerate(filled)
        if i % step == 0 or i == len(filled) - 1
    ]
    head = Markup(
        '<svg class="chart mentions-chart" viewBox="0 0 {w} {h}" role="img" aria-label="{l}">'
        '<title>{l}</title><text class="tick" x="{tx}" y="{ty}">{most}</text>'
    ).format(w=WIDTH, h=height, l=label, tx=LEFT - 6, ty=top + 8, most=most)
    return head + Markup("").join(bars) + Markup("").join(ticks) + Markup("</svg>")


def _fill_months(data: Sequence[tuple[str, int, int]]) -> list[tuple[str, int]]:
    counts = {month: n for month, n, _ in data}
    return [(m, counts.get(m, 0)) for m in _month_range(data[0][0], data[-1][0])]
