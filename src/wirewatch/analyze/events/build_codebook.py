"""Write the shipped codebook files, ``data/cameo.tsv`` and ``data/plover.tsv``, from sources.

    python -m wirewatch.analyze.events.build_codebook [--shared PATH] [--out DIR]

PATH is the project's shared data folder (default ``$WIREWATCH_SHARED`` or ``../shared``
beside the repository); the sources are read from ``PATH/data/events``:

- ``cameo/CAMEO_codefile.txt``: CAMEO 0.7b5 codes, names and the 20 root names (MIT);
- ``cameo/CAMEO.goldsteinscale.gdelt.txt``: GDELT's Goldstein score for each code;
- ``plover/CAMEO2PLOVER-2021.txt``: the CAMEO -> PLOVER table (CC BY-SA 4.0);
- ``plover/plover_event_modes_scores.csv``: PLOVER's event types, to check the table.

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


@dataclass(frozen=True, slots=True)
class Sources:
    """The parsed source files."""

    names: dict[str, str]
    root_names: dict[str, str]
    goldstein: dict[str, float]
    plover: dict[str, tuple[str, str]]
    plover_events: frozenset[str]


@dataclass(frozen=True, slots=True)
class CodeRow:
    code: str
    name: str
    goldstein: float
    goldstein_source: str
    quad_class: int


@dataclass(frozen=True, slots=True)
class PloverRow:
    cameo: str
    event: str
    mode: str
    basis: str


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


def read_sources(events: Path) -> Sources:
    """Parse the four source files under ``events`` (the shared ``data/events`` folder)."""
    names, roots = read_names(_read(events / "cameo" / "CAMEO_codefile.txt"))
    return Sources(
        names=names,
        root_names=roots,
        goldstein=read_goldstein(_read(events / "cameo" / "CAMEO.goldsteinscale.gdelt.txt")),
        plover=read_plover(_read(events / "plover" / "CAMEO2PLOVER-2021.txt")),
        plover_events=read_plover_events(
            _read(events / "plover" / "plover_event_modes_scores.csv")
        ),
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
    """The PLOVER event and mode of each code that has one.

    Roots 01 and 02 have none: PLOVER dropped CAMEO's statements and appeals. A root takes
    its x0 code's mapping (03 -> 030); a code the table leaves out takes its parent's."""
    rows = []
    for code in codes:
        if code[:2] in ("01", "02"):
            continue
        source = code + "0" if len(code) == 2 else code
        if source not in sources.plover:
            source = parent(code)
        event, mode = sources.plover[source]
        if event not in sources.plover_events:
            raise WirewatchError("WW403", f"CAMEO {source} maps to unknown PLOVER {event}")
        rows.append(PloverRow(code, event, mode, "published" if source == code else source))
    return rows


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
        ("cameo", "event", "mode", "basis"),
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
