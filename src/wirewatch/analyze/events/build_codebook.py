"""Write the shipped codebook files, ``data/cameo.tsv`` and ``data/plover.tsv``, from sources.

    python -m wirewatch.analyze.events.build_codebook [--shared PATH] [--out DIR]

PATH is the project's shared data folder (default ``$WIREWATCH_SHARED`` or ``../shared``
beside the repository); the sources are read from ``PATH/data/events``:

- ``cameo/CAMEO_codefile.txt``: CAMEO 0.7b5 codes, names and the 20 root names (MIT);
- ``cameo/CAMEO.goldsteinscale.gdelt.txt``: GDELT's Goldstein score for each code;
- ``plover/CAMEO2PLOVER-2021.txt``: the CAMEO -> PLOVER table (CC BY-SA 4.0);
- ``plover/plover_event_modes_scores.csv``: PLOVER's event types and modes, derived from
  the PLOVER manual, to check the table and the rows the table does not give.

The rules that turn them into the shipped files are here and in ``data/SOURCES.md``.
Nothing at run time reads the sources; the package reads only the files it writes.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from wirewatch.errors import WirewatchError

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
CAMEO_FILE = "cameo.tsv"
PLOVER_FILE = "plover.tsv"
ROOTS = tuple(f"{n:02d}" for n in range(1, 21))

# Spelling slips in the code file's names, mended so that users never read them.
_SPELLING = {"Ostruct ": "Obstruct ", "adminstrative": "administrative", "Apolgize": "Apologize"}
# The 2021 table puts a context ("pro_autocracy", for 175) where the mode belongs.
_CONTEXTS_AS_MODES = frozenset({"pro_autocracy"})

_LABEL = re.compile(r"^LABEL:\s*(\d{2,4})\s*=\s*(.+?)\s*$")
_ROOT = re.compile(r"^//\s*(\d\d)\s*[:=]\s*(.+?)\s*$")
_PLOVER = re.compile(r"^(\d{3,4}):\s*([^#]*)")

# Why root 01 has no PLOVER event, written on each of its rows.
NO_PLOVER = (
    "PLOVER has no public statements: the manual drops CAMEO root 01 (README, "
    "'Migrating from CAMEO')"
)
# Rows the 2021 table leaves out or gives otherwise than the manual: (event, mode,
# source, reason). Appeals (02x) are built apart: see `_appeal`.
DECISIONS: dict[str, tuple[str, str, str, str]] = {
    "163": ("SANCTION", "", "manual",
            "imposed embargoes, boycotts and sanctions are the manual's SANCTION; the "
            "table gives COERCE restrict, the mode of domestic restrictions"),
    "116": ("SANCTION", "convict", "manual",
            "a conviction is the manual's SANCTION mode convict; the table's ACCUSE "
            "disapprove is a verbal act"),
    "0831": ("RETREAT", "resign", "manual",
             "giving in to demands for a change of leader is stepping down: the manual's "
             "RETREAT mode resign; the table's CONCEDE has no mode for it"),
    "175": ("ASSAULT", "crowd-control", "project",
            "the table puts the context pro_autocracy in the mode column; force used on "
            "crowds is the manual's ASSAULT mode crowd-control"),
    "1712": ("ASSAULT", "destroy", "project",
             "the table's mode seize is COERCE's; destroying property is the manual's "
             "ASSAULT mode destroy"),
    "185": ("ASSAULT", "targeted", "project",
            "the manual has no mode assassinate; an attempt on a named person is its "
            "ASSAULT mode targeted"),
    "186": ("ASSAULT", "targeted", "project",
            "the manual has no mode assassinate; killing a named person is its ASSAULT "
            "mode targeted"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Sources:
    """The parsed source files."""

    names: dict[str, str]
    root_names: dict[str, str]
    goldstein: dict[str, float]
    plover: dict[str, tuple[str, str]]
    plover_events: frozenset[str]
    plover_modes: frozenset[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class CodeRow:
    code: str
    name: str
    goldstein: float
    goldstein_source: str
    quad_class: int


@dataclass(frozen=True, slots=True)
class PloverRow:
    """A code's PLOVER event and mode (both empty where it has none), where the row comes
    from (``table``, ``table:CODE`` for the row of the code it takes after, ``manual``,
    ``project`` or ``none``) and, for all but the table's own rows, why."""

    cameo: str
    event: str
    mode: str
    source: str
    reason: str


def read_names(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Code -> name and root -> name from the CAMEO code file.

    Only ``LABEL:`` lines count: ``LABELi:`` lines are ICEWS's variants. Where a code has
    two ``LABEL:`` lines the later one is the corrected one (018 "commment", 175)."""
    names: dict[str, str] = {}
    roots: dict[str, str] = {}
    for line in text.splitlines():
        if label := _LABEL.match(line):
            names[label[1]] = _mend(label[2])
        elif root := _ROOT.match(line):
            roots[root[1]] = root[2].capitalize()
    return names, roots


def _mend(name: str) -> str:
    for wrong, right in _SPELLING.items():
        name = name.replace(wrong, right)
    return name


def read_goldstein(text: str) -> dict[str, float]:
    """Code -> Goldstein score from GDELT's two-column lookup file (with a header line)."""
    scores: dict[str, float] = {}
    for line in text.splitlines()[1:]:
        fields = line.split()
        if len(fields) == 2:
            scores[fields[0]] = float(fields[1])
    return scores


def read_plover(text: str) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER event, mode) from the conversion table; the context is left out."""
    table: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        row = _PLOVER.match(line)
        if row is None:
            continue
        fields = [field.strip() for field in row[2].split(",")]
        mode = fields[1] if len(fields) > 1 and fields[1] not in _CONTEXTS_AS_MODES else ""
        entry = (fields[0], mode)
        if table.get(row[1], entry) != entry:
            raise WirewatchError("WW403", f"CAMEO {row[1]} has two PLOVER mappings")
        table[row[1]] = entry
    return table


def read_plover_events(text: str) -> frozenset[str]:
    """The PLOVER event types named in the manual's score table."""
    return frozenset(row["plover_event"] for row in csv.DictReader(text.splitlines()))


def read_plover_modes(text: str) -> frozenset[tuple[str, str]]:
    """The (event, mode) pairs the manual's score table names."""
    rows = csv.DictReader(text.splitlines())
    return frozenset((row["plover_event"], row["mode"]) for row in rows if row["mode"])


def read_sources(events: Path) -> Sources:
    """Parse the four source files under ``events`` (the shared ``data/events`` folder)."""
    names, roots = read_names(_read(events / "cameo" / "CAMEO_codefile.txt"))
    modes = _read(events / "plover" / "plover_event_modes_scores.csv")
    return Sources(
        names=names,
        root_names=roots,
        goldstein=read_goldstein(_read(events / "cameo" / "CAMEO.goldsteinscale.gdelt.txt")),
        plover=read_plover(_read(events / "plover" / "CAMEO2PLOVER-2021.txt")),
        plover_events=read_plover_events(modes),
        plover_modes=read_plover_modes(modes),
    )


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except OSError as error:
        raise WirewatchError("WW403", f"{path}: {error.strerror or error}") from error


def quad_class(code: str) -> int:
    """GDELT's quad class from the root: 01-05, 06-09, 10-14, 15-20 -> 1, 2, 3, 4."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def parent(code: str) -> str:
    """The code one level up: 1951 -> 195, 195 -> 19."""
    return code[:3] if len(code) == 4 else code[:2]


def code_rows(sources: Sources) -> list[CodeRow]:
    """One row per root and per named code, in code order."""
    missing = set(ROOTS) - set(sources.root_names)
    if missing:
        raise WirewatchError("WW403", f"no root name for {', '.join(sorted(missing))}")
    named = {**sources.root_names, **sources.names}
    return [_code_row(code, name, sources.goldstein) for code, name in sorted(named.items())]


def _code_row(code: str, name: str, goldstein: dict[str, float]) -> CodeRow:
    # GDELT scores four-digit codes like their parents; where it leaves one out (1213,
    # 1214, 1951, 1952) the parent's score is taken, and the row says so.
    source = code if code in goldstein else parent(code)
    if source not in goldstein:
        raise WirewatchError("WW403", f"no Goldstein score for CAMEO {code} or {source}")
    label = "gdelt" if source == code else f"gdelt:{source}"
    return CodeRow(code, name, goldstein[source], label, quad_class(code))


def plover_rows(sources: Sources, codes: Iterable[str]) -> list[PloverRow]:
    """Every code's PLOVER row: the table's, or the reason it is another's or none.

    Root 01 has none (public statements). Appeals (02x) are REQUEST like the demands
    (10x) they mirror; the codes in `DECISIONS` are the manual's or the project's. A
    root takes its x0 code's row (03 -> 030); a code the table leaves out its parent's."""
    rows = []
    for code in codes:
        row = _decided(code, sources) or _published(code, sources)
        if row.event and row.event not in sources.plover_events:
            raise WirewatchError("WW403", f"CAMEO {code} maps to unknown PLOVER {row.event}")
        rows.append(row)
    return rows


def _decided(code: str, sources: Sources) -> PloverRow | None:
    if code[:2] == "01":
        return PloverRow(code, "", "", "none", NO_PLOVER)
    if code[:2] == "02":
        return _appeal(code, sources)
    if code not in DECISIONS:
        return None
    event, mode, source, reason = DECISIONS[code]
    if mode and (event, mode) not in sources.plover_modes:
        raise WirewatchError("WW403", f"CAMEO {code}: the manual names no {event} mode {mode}")
    return PloverRow(code, event, mode, source, reason)


def _appeal(code: str, sources: Sources) -> PloverRow:
    """An appeal (02x) is the REQUEST of the demand (10x) it mirrors: 0231 as 1031."""
    mirror = "10" + (code[2:] or "0")
    event, mode = sources.plover[mirror]
    reason = (
        f"the manual's REQUEST is any appeal or demand: CAMEO's appeals (02) and demands "
        f"(10) are one event; the mode of {mirror}, the demand it mirrors"
    )
    return PloverRow(code, event, mode, "manual", reason)


def _published(code: str, sources: Sources) -> PloverRow:
    source = code + "0" if len(code) == 2 else code
    if source not in sources.plover:
        source = parent(code)
    event, mode = sources.plover[source]
    if source == code:
        return PloverRow(code, event, mode, "table", "")
    why = (
        "a root takes its x0 code's row" if len(code) == 2 else "not in the table: its parent's row"
    )
    return PloverRow(code, event, mode, f"table:{source}", why)


def write_tsv(path: Path, comment: str, header: tuple[str, ...], rows: Iterable[object]) -> None:
    lines = [f"# {comment}", "\t".join(header)]
    lines += ["\t".join(str(getattr(row, field)) for field in header) for row in rows]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def build(events: Path, out: Path) -> tuple[int, int]:
    """Write both files to ``out``; return how many rows each has."""
    sources = read_sources(events)
    codes = code_rows(sources)
    plover = plover_rows(sources, (row.code for row in codes))
    write_tsv(
        out / CAMEO_FILE,
        "CAMEO 0.7b5 codes (MIT, Schrodt) with GDELT Goldstein scores. Generated by "
        "wirewatch.analyze.events.build_codebook; see SOURCES.md.",
        ("code", "name", "goldstein", "goldstein_source", "quad_class"),
        codes,
    )
    write_tsv(
        out / PLOVER_FILE,
        "CAMEO to PLOVER, from CAMEO2PLOVER-2021 (c) Open Event Data Alliance, CC BY-SA 4.0. "
        "Generated by wirewatch.analyze.events.build_codebook; see SOURCES.md.",
        ("cameo", "event", "mode", "source", "reason"),
        plover,
    )
    return len(codes), len(plover)


def default_shared() -> Path:
    return Path(os.environ.get("WIREWATCH_SHARED") or REPO.parent / "shared")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wirewatch.analyze.events.build_codebook")
    parser.add_argument("--shared", type=Path, default=default_shared(), help="shared folder")
    parser.add_argument("--out", type=Path, default=HERE / "data", help="where to write")
    args = parser.parse_args(argv)
    try:
        codes, plover = build(args.shared / "data" / "events", args.out)
    except WirewatchError as error:
        print(f"build_codebook: {error}", file=sys.stderr)
        return 1
    print(f"{codes} CAMEO codes, {plover} PLOVER mappings -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
