"""An article's paragraphs as HTML, with its entities, quotes and evidence marked.

Offsets in the analysis are per paragraph, and spans overlap: a mention sits inside
a quote, a quote inside an event's evidence sentence, and a quote may run past the
end of a sentence. The markup is built from the offsets, never by editing HTML:
every piece of the article's text is escaped on its own, and tags come only from
here, so nothing an article says can become markup in our page.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

# Outer layers open first and close last: evidence holds quotes, quotes hold mentions.
EVIDENCE, QUOTE, MENTION = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Span:
    """A marked range of one paragraph: `open_tag` starts it, `close_tag` ends it.
    `first_tag` replaces `open_tag` on the first piece only (ids must be unique)."""

    start: int
    end: int
    layer: int
    open_tag: Markup
    close_tag: Markup
    first_tag: Markup | None = None


def render(text: str, spans: Iterable[Span]) -> Markup:
    """The text with the spans marked, properly nested: a span that must close while an
    inner one is open closes the inner one and opens it again after."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    points = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    out: list[str] = []
    stack: list[Span] = []
    started: set[int] = set()
    for here, after in itertools.pairwise(points):
        ending = [s for s in stack if s.end <= here]
        if ending:
            _close(out, stack, ending, started)
        opening = [s for s in valid if s.start == here]
        opening.sort(key=lambda s: (s.layer, -s.end))
        for span in opening:
            _open(out, stack, span, started)
        out.append(str(escape(text[here:after])))
    _close(out, stack, list(stack), started)
    return Markup("".join(out))


def _open(out: list[str], stack: list[Span], span: Span, started: set[int]) -> None:
    first = id(span) not in started and span.first_tag is not None
    out.append(str(span.first_tag if first else span.open_tag))
    started.add(id(span))
    stack.append(span)


def _close(out: list[str], stack: list[Span], ending: list[Span], started: set[int]) -> None:
    """Close every span in `ending`; spans above them in the stack are closed and
    reopened, in their order, so that tags nest."""
    done = {id(s) for s in ending}
    if not done:
        return
    lowest = min(i for i, s in enumerate(stack) if id(s) in done)
    reopen = [s for s in stack[lowest:] if id(s) not in done]
    for span in reversed(stack[lowest:]):
        out.append(str(span.close_tag))
    del stack[lowest:]
    for span in reopen:
        _open(out, stack, span, started)


def _tag(template: str, **values: Any) -> Markup:
    return Markup(template).format(**values)


def article_spans(
    analysis: Mapping[str, Any],
    entity_url: Callable[[str], str | None],
    event_ids: Mapping[int, int],
) -> dict[int, list[Span]]:
    """The spans of each paragraph (body, then captions, as the analysis numbers them)."""
    by_paragraph: dict[int, list[Span]] = {}

    def add(paragraph: int, span: Span) -> None:
        by_paragraph.setdefault(paragraph, []).append(span)

    for ent in analysis.get("entities", []):
        url = entity_url(ent["id"])
        kind = str(ent.get("type", "")).lower()
        for m in ent.get("mentions", []):
            if url is None:
                opening = _tag('<span class="ent ent-{k}">', k=kind)
                add(m["paragraph"], Span(m["start"], m["end"], MENTION, opening, Markup("</span>")))
                continue
            opening = _tag(
                '<a class="ent ent-{k}" href="{u}" title="{n}">', k=kind, u=url, n=ent["name"]
            )
            add(m["paragraph"], Span(m["start"], m["end"], MENTION, opening, Markup("</a>")))
    for q in analysis.get("quotes", []):
        speaker = (q.get("speaker") or {}).get("name") or "unattributed"
        opening = _tag('<span class="quote quote-{k}" title="{s}">', k=q["kind"], s=speaker)
        add(q["paragraph"], Span(q["start"], q["end"], QUOTE, opening, Markup("</span>")))
    for (paragraph, start, end), group in _evidence_groups(analysis, event_ids).items():
        anchors = Markup("").join(_tag('<span id="event-{i}"></span>', i=i) for i in group)
        opening = Markup('<mark class="evidence">')
        span = Span(start, end, EVIDENCE, opening, Markup("</mark>"), first_tag=opening + anchors)
        add(paragraph, span)
    return by_paragraph


def _evidence_groups(
    analysis: Mapping[str, Any], event_ids: Mapping[int, int]
) -> dict[tuple[int, int, int], list[int]]:
    """Events that share an evidence sentence are one mark, holding each event's anchor."""
    groups: dict[tuple[int, int, int], list[int]] = {}
    for ordinal, event in enumerate(analysis.get("events", [])):
        ev = event["evidence"]
        key = (int(ev["paragraph"]), int(ev["start"]), int(ev["end"]))
        groups.setdefault(key, []).append(event_ids.get(ordinal, ordinal))
    return groups
