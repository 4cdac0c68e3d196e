"""Coded errors and warnings.

Every failure a user can meet has a code (WWnnn), a message that says what went
wrong with which input, and a hint that says what to do. The catalogue below is
the single source of truth: docs/errors.md is checked against it by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from wirewatch.model import Notice


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    title: str
    hint: str
    fatal: bool = True


CATALOGUE: dict[str, Code] = {
    c.code: c
    for c in (
        Code(
            "WW001",
            "invalid setting",
            "A setting's value does not parse (a number expected, say); see docs/settings.md.",
        ),
        Code(
            "WW002",
            "configuration file cannot be read",
            "wirewatch.toml (or WIREWATCH_CONFIG) is not valid TOML or not readable; fix or "
            "remove it.",
        ),
        Code("WW100", "input not found", "Check the path; use - to read standard input."),
        Code(
            "WW101",
            "empty page",
            "The input has no bytes or only white space; check how it was fetched or saved.",
        ),
        Code(
            "WW102",
            "not a text or HTML page",
            "The bytes look binary (an image, PDF, archive or executable); "
            "pass HTML or text scraped from a page.",
        ),
        Code(
            "WW103",
            "page too large",
            "Pages over the size limit are refused to bound memory; raise "
            "WIREWATCH_MAX_PAGE_BYTES (or --max-bytes) if the page is genuine.",
        ),
        Code(
            "WW104",
            "corrupt compressed input",
            "The .gz stream is damaged; fetch or copy the page again.",
        ),
        Code(
            "WW105",
            "no article text found",
            "The page has no paragraph of running text (an index page, a login wall or a "
            "page built by JavaScript); pass the article's own page.",
        ),
        Code(
            "WW106",
            "input cannot be read",
            "The operating system refused to read it (permissions, a folder where a file "
            "was expected, a device); check the path.",
        ),
        Code(
            "WW107",
            "no pages in folder",
            "The folder holds no page files (.html, .htm, .xhtml, .txt, .text, gzipped or "
            "not; hidden ones are skipped); name other files one by one.",
        ),
        Code(
            "WW199",
            "page could not be parsed",
            "The page drove a parser past its limits (nesting, size); the rest of the batch "
            "went on. Please report the page if it is a real article.",
        ),
        Code(
            "WW201",
            "the shipped NLP model is missing",
            "The package was installed without its model files; reinstall wirewatch, or "
            "rebuild the model with `make model`.",
        ),
        Code(
            "WW202",
            "NLP model not installed",
            "The spaCy pipeline named (argument or WIREWATCH_MODEL) is not installed; install "
            "its package, point WIREWATCH_MODEL at a pipeline folder, or unset it to use the "
            "shipped model.",
        ),
        Code(
            "WW203",
            "NLP model cannot be loaded",
            "The pipeline's files are damaged or were made by an incompatible spaCy version; "
            "reinstall it or rebuild it with `make model`.",
        ),
        Code(
            "WW301",
            "actor dictionary cannot be read",
            "The path given for an actor or agent dictionary does not exist or the operating "
            "system refused to read it; check the path and its permissions.",
        ),
        Code(
            "WW302",
            "not an actor dictionary",
            "The file (or every file in the folder) holds no entry in the PETRARCH/TABARI "
            "actor or agent format; see docs/entities.md for the format.",
        ),
        Code(
            "WW401",
            "unknown CAMEO code",
            "The code is not in the CAMEO codebook wirewatch ships (CAMEO 0.7b5: roots 01-20 "
            "and their three- and four-digit codes); see docs/events.md.",
        ),
        Code(
            "WW402",
            "the shipped CAMEO codebook is damaged",
            "A codebook file in the package is missing or has a row that does not parse; "
            "reinstall wirewatch, or regenerate the files with "
            "`python -m wirewatch.analyze.events.build_codebook`.",
        ),
        Code(
            "WW403",
            "event source data cannot be read",
            "The codebook builder could not read or check a CAMEO or PLOVER source file; pass "
            "--shared with the folder that holds data/events (see data/SOURCES.md).",
        ),
        Code(
            "WW404",
            "input line cannot be coded",
            "A line given to `wirewatch code` on standard input is a JSON object with a "
            "`text` string, and optionally an `id` and a `date` (YYYY-MM-DD); the other "
            "lines were still coded.",
        ),
        Code(
            "WW420",
            "action lexicon cannot be read",
            "The path given for a lexicon file or folder does not exist, cannot be read, or "
            "is not UTF-8 text; check the path (see docs/lexicon.md).",
        ),
        Code(
            "WW421",
            "lexicon line does not parse",
            "A lexicon line is `PATTERN -> CODE` or a word set `$NAME = word word`; the "
            "message gives the file and line. See docs/lexicon.md for the format.",
        ),
        Code(
            "WW422",
            "not a CAMEO code in the lexicon",
            "After -> comes a code of three or four digits from the CAMEO codebook (030, "
            "0311, 190), or --- for a pattern that is no event.",
        ),
        Code(
            "WW423",
            "unknown word set in the lexicon",
            "The line uses a $SET that no loaded file defines; define it (`$SET = word word`) "
            "or check its spelling.",
        ),
        Code(
            "WW424",
            "conflicting lexicon entries",
            "Two lines of one file give one pattern two codes; keep one. (A later file may "
            "replace an earlier file's entry; a line may make an exception to a word set.)",
        ),
        Code(
            "WW425",
            "no lexicon entries",
            "The file (or every .txt file in the folder) holds no `PATTERN -> CODE` line; "
            "check that it is the file meant.",
        ),
        Code(
            "WW150",
            "truncated page",
            "The page ends mid-document; what was there was extracted, but text may be "
            "missing. Fetch it again if it matters.",
            fatal=False,
        ),
        Code(
            "WW151",
            "text repaired",
            "The page was mis-encoded (mojibake such as 'â€™'); the text was repaired. "
            "Check the source's declared charset.",
            fatal=False,
        ),
        Code(
            "WW152",
            "undecodable bytes replaced",
            "Some bytes fit no encoding and were replaced with U+FFFD.",
            fatal=False,
        ),
        Code(
            "WW153",
            "no headline found",
            "Neither the markup nor the text gave a headline; the title is empty.",
            fatal=False,
        ),
        Code(
            "WW154",
            "no publication date found",
            "Neither a printed date nor a dated reference in the text gave the date.",
            fatal=False,
        ),
        Code(
            "WW320",
            "actor dictionary lines skipped",
            "Some lines of an actor or agent dictionary could not be read (a name with no "
            "code, a code block that does not parse); the rest was loaded. The warning lists "
            "the first lines by file and number.",
            fatal=False,
        ),
    )
}


class WirewatchError(Exception):
    """An error with a code from the catalogue, the input it concerns, and a hint."""

    def __init__(self, code: str, detail: str = "", *, source: str | None = None) -> None:
        self.code = code
        self.entry = CATALOGUE[code]
        self.detail = detail
        self.source = source
        super().__init__(self.describe())

    @property
    def hint(self) -> str:
        return self.entry.hint

    def describe(self) -> str:
        where = f"{self.source}: " if self.source else ""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{where}{self.code} {self.entry.title}{detail}. Hint: {self.entry.hint}"


def notice(code: str, detail: str = "") -> Notice:
    """A warning from the catalogue, as carried on a record."""
    entry = CATALOGUE[code]
    if entry.fatal:
        raise ValueError(f"{code} is an error, not a warning")
    return Notice(code, f"{entry.title}: {detail}" if detail else entry.title)
