"""The CAMEO codebook: each code's name, Goldstein score, quad class and PLOVER equivalent.

The package's own files ``data/cameo.tsv`` and ``data/plover.tsv`` are read once; they are
written by ``build_codebook.py`` from the sources named in ``data/SOURCES.md``. Codes are
strings, because the leading zero is part of them ("030" is not "30").

Quad classes follow GDELT: roots 01-05 are verbal cooperation (1), 06-09 material
cooperation (2), 10-14 verbal conflict (3) and 15-20 material conflict (4).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from wirewatch.errors import WirewatchError

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
_CAMEO_COLUMNS = ("code", "name", "goldstein", "goldstein_source", "quad_class")
_PLOVER_COLUMNS = ("cameo", "event", "mode", "source", "reason")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code. ``plover_event`` is None for root 01, which PLOVER dropped."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    root: str
    plover_event: str | None
    plover_mode: str | None

    @property
    def is_root(self) -> bool:
        return self.code == self.root


def cameo(code: str) -> CameoCode:
    """The codebook entry for ``code`` ("030", "1823"); WW401 when there is none."""
    found = _codebook().get(code.strip())
    if found is None:
        raise WirewatchError("WW401", repr(code))
    return found


def is_cameo(code: str) -> bool:
    """Whether ``code`` is in the codebook."""
    return code.strip() in _codebook()


def codes() -> tuple[CameoCode, ...]:
    """Every code, roots included, in code order."""
    return tuple(_codebook().values())


def roots() -> tuple[CameoCode, ...]:
    """The 20 root codes, 01 to 20."""
    return tuple(entry for entry in _codebook().values() if entry.is_root)


def quad_class(code: str) -> int:
    """The quad class (1-4) of ``code``; WW401 when it is not a CAMEO code."""
    return cameo(code).quad_class


@cache
def _codebook() -> dict[str, CameoCode]:
    return parse(_package_file("cameo.tsv"), _package_file("plover.tsv"))


def _package_file(name: str) -> str:
    try:
        return resources.files(__package__).joinpath("data", name).read_text("utf-8")
    except OSError as error:
        raise WirewatchError("WW402", f"data/{name}: {error.strerror or error}") from error


def parse(cameo_text: str, plover_text: str) -> dict[str, CameoCode]:
    """The codebook from the text of the two shipped files; WW402 on a row that is wrong."""
    plover = {
        row[0]: (row[1] or None, row[2] or None) for row in _rows(plover_text, _PLOVER_COLUMNS)
    }
    book: dict[str, CameoCode] = {}
    for code, name, goldstein, _source, quad in _rows(cameo_text, _CAMEO_COLUMNS):
        event, mode = plover.get(code, (None, None))
        score, quad_number = _score(goldstein, code), _quad(quad, code)
        book[code] = CameoCode(code, name, score, quad_number, code[:2], event, mode)
    unknown = set(plover) - set(book)
    if unknown:
        raise WirewatchError("WW402", f"PLOVER rows for unknown codes {sorted(unknown)}")
    return book


def _rows(text: str, columns: tuple[str, ...]) -> list[list[str]]:
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    if not lines or tuple(lines[0].split("\t")) != columns:
        raise WirewatchError("WW402", f"expected the columns {', '.join(columns)}")
    rows = [line.split("\t") for line in lines[1:]]
    for number, row in enumerate(rows, start=2):
        if len(row) != len(columns) or not row[0].isdigit() or len(row[0]) not in (2, 3, 4):
            raise WirewatchError("WW402", f"row {number}: {'|'.join(row)!r}")
    return rows


def _score(value: str, code: str) -> float:
    try:
        score = float(value)
    except ValueError:
        score = float("nan")
    if not -10.0 <= score <= 10.0:
        raise WirewatchError("WW402", f"Goldstein score {value!r} for {code}")
    return score


def _quad(value: str, code: str) -> int:
    if value not in ("1", "2", "3", "4"):
        raise WirewatchError("WW402", f"quad class {value!r} for {code}")
    return int(value)
