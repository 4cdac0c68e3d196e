"""User actor dictionaries in the PETRARCH/TABARI format: actors (who) and agents (titles).

A TSV file (``.tsv``) is the simplest form: ``name<TAB>code<TAB>synonym|synonym``.
An actors file lists names with their CAMEO actor codes::

    UNITED_STATES  [USA]          # a phrase, words joined by _ or spaces, and its code
    +U.S.                         # synonyms on the lines after it
    GOLLUM
    +SMEAGOL
        [HOB < 950601]            # date-restricted codes: before, between, after
        [HOBGOV 19950601 - 19990815]
        [HOBREB > 990816]

An agents file lists titles and groups with the code they add to an actor's::

    !MINST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES    # a substitution macro
    FOREIGN_MINISTER [~GOVFRM]       # ~ before: appended to the actor's code
    HUMAN_RIGHTS_BODY [NGO~]         # ~ after: put before it
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]  # an irregular plural; {} for none

Comments are ``#``, ``;`` (TABARI) and ``<!-- ... -->``, on a line or across lines. A
line that cannot be read is counted and reported in one WW320 warning; the rest of
the file is still loaded. Both kinds of entry may share a file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from wirewatch import knowledge
from wirewatch.errors import WirewatchError, notice
from wirewatch.knowledge.names import normalise
from wirewatch.model import Notice

# Actor sectors as CAMEO and PLOVER codes write them (three letters after the country).
SECTORS = frozenset(
    "GOV MIL REB MED BUS JUD LEG OPP COP IGO NGO CVL REL EDU HRI ELI LAB SPY INS SEP UAF PTY "
    "REF CRM AGR DEV ENV HLH MOD RAD IMG NGM MNC".split()
)
# Codes that start with a transnational type instead of a country.
TRANSNATIONAL = frozenset({"IGO", "NGO", "IMG", "NGM", "MNC"})
# Two-digit years in TABARI dates: up to this are 20YY, the rest 19YY.
CENTURY_PIVOT = 30
MAX_SKIPPED_SHOWN = 10

_CODE = re.compile(r"^[A-Za-z0-9/]+$|^[-+#]{3}$")
_RESTRICTION = re.compile(
    r"^(?:<\s*(?P<before>\d{6}|\d{8})|>\s*(?P<after>\d{6}|\d{8})"
    r"|(?P<from>\d{6}|\d{8})\s*-\s*(?P<to>\d{6}|\d{8}))$"
)
_ENTRY = re.compile(
    r"^(?P<phrase>[^\[\]{}]+?)\s*(?:\{(?P<plural>[^{}]*)\})?\s*(?:\[(?P<code>[^\[\]]*)\])?$"
)
_MACRO = re.compile(r"^(?P<name>![A-Za-z]+!)\s*=\s*(?P<items>.+)$")
_HTML_COMMENT = re.compile(r"<!.*?-->")


@dataclass(frozen=True, slots=True)
class DatedCode:
    """An actor's code for a span of dates (inclusive); no dates: its default code.

    ``code`` is None for the null code ("---"): the name is known and codes as nothing.
    """

    code: str | None
    after: dt.date | None = None
    before: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.after is not None or self.before is not None

    def applies(self, on: dt.date) -> bool:
        return (self.after is None or self.after <= on) and (
            self.before is None or on <= self.before
        )


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor: its primary phrase, synonyms and codes, as the file gives them."""

    name: str
    synonyms: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    line: int

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms)

    def code(self, on: dt.date | None = None) -> str | None:
        """The code on a date (the first restriction that applies, else the default).

        Without a date: the default, else the restriction still open ("> date"), else
        the last one listed; the file's order says which is current.
        """
        if on is not None:
            found = next((c for c in self.codes if c.dated and c.applies(on)), None)
            if found is not None:
                return found.code
        default = next((c for c in self.codes if not c.dated), None)
        if default is not None:
            return default.code
        if on is None:
            current = next((c for c in self.codes if c.before is None), None)
            return (current or self.codes[-1]).code if self.codes else None
        return None


@dataclass(frozen=True, slots=True)
class Agent:
    """A title or group and the code it adds to an actor's: ``~GOV`` after, ``NGO~`` before."""

    phrase: str
    code: str
    prefix: bool
    forms: tuple[str, ...]
    line: int

    @property
    def sector(self) -> str | None:
        return next((p for p in _chunks(self.code) if p in SECTORS), None)


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """Actors and agents loaded from one or more files, with the lines that were skipped."""

    actors: tuple[Actor, ...] = ()
    agents: tuple[Agent, ...] = ()
    skipped: tuple[str, ...] = ()  # "file:line" for each line that could not be read
    sources: tuple[str, ...] = ()
    _by_name: dict[str, Actor] = field(default_factory=dict, compare=False, repr=False)

    @property
    def warnings(self) -> tuple[Notice, ...]:
        if not self.skipped:
            return ()
        shown = ", ".join(self.skipped[:MAX_SKIPPED_SHOWN])
        more = " …" if len(self.skipped) > MAX_SKIPPED_SHOWN else ""
        return (notice("WW320", f"{len(self.skipped)} lines skipped ({shown}{more})"),)

    def actor(self, name: str) -> Actor | None:
        """The actor a name (as news writes it, or as the file does) stands for."""
        return self._by_name.get(phrase_key(name))

    def merge(self, other: ActorDictionary) -> ActorDictionary:
        """Both dictionaries; where both name an actor, ``other``'s entry wins."""
        return build(
            self.actors + other.actors,
            self.agents + other.agents,
            self.skipped + other.skipped,
            self.sources + other.sources,
        )


def build(
    actors: Iterable[Actor],
    agents: Iterable[Agent],
    skipped: Iterable[str] = (),
    sources: Iterable[str] = (),
) -> ActorDictionary:
    """An ActorDictionary with its name index (later entries win)."""
    actors = tuple(actors)
    by_name = {phrase_key(name): actor for actor in actors for name in actor.names}
    return ActorDictionary(actors, tuple(agents), tuple(skipped), tuple(sources), by_name)


def phrase_key(phrase: str) -> str:
    """A dictionary phrase and a name in text compared: "UNITED_STATES" = "United States"."""
    return normalise(phrase.replace("_", " "))


def words(phrase: str) -> str:
    """A dictionary phrase as words: underscores and runs of spaces become one space."""
    return " ".join(phrase.replace("_", " ").split())


def _chunks(code: str) -> Iterator[str]:
    yield from (code[i : i + 3] for i in range(0, len(code), 3))


def split_code(code: str | None) -> tuple[str | None, str | None]:
    """The country (ISO alpha-3) and sector an actor code gives: "TURGOV" -> (TUR, GOV)."""
    if not code:
        return None, None
    head = code[:3]
    found = knowledge.country(head) if head.isalpha() and head.isupper() else None
    country = found.iso3 if found is not None and found.iso3 == head else None
    rest = code[3:] if country else code
    if rest[:3] in TRANSNATIONAL:
        return country, rest[:3]
    return country, next((part for part in _chunks(rest) if part in SECTORS), None)


# ---------------------------------------------------------------- reading files


def load_actor_dictionaries(paths: Iterable[str | Path]) -> ActorDictionary:
    """Several dictionaries as one; where two name an actor, the later file wins."""
    loaded = [load_actor_dictionary(path) for path in paths]
    merged = loaded[0] if loaded else ActorDictionary()
    for more in loaded[1:]:
        merged = merged.merge(more)
    return merged


def load_actor_dictionary(path: str | Path) -> ActorDictionary:
    """An actors or agents file, or every file in a folder: PETRARCH/TABARI or TSV.

    A ``.tsv`` file, or one with tabs and no ``[`` anywhere, is read as the TSV form
    (name, code, synonyms separated by ``|``). Raises WW301 when the path cannot be read
    and WW302 when nothing in it is an entry; lines that cannot be read are skipped and
    reported in ``warnings`` (WW320).
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        if not files:
            raise WirewatchError("WW302", "the folder holds no files", source=str(path))
        return load_actor_dictionaries(files)
    text = _read(path)
    if path.suffix.lower() == ".tsv" or ("\t" in text and "[" not in text):
        found = parse_actor_table(text, source=str(path))
    else:
        found = parse_actor_dictionary(text, source=str(path))
    if not found.actors and not found.agents:
        raise WirewatchError("WW302", "no actor or agent entries", source=str(path))
    return found


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WirewatchError("WW301", exc.strerror or type(exc).__name__, source=str(path)) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # the TABARI-era files are Latin-1 where not ASCII


@dataclass(slots=True)
class _Open:
    """The actor being read: its lines come before the next entry begins."""

    name: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    codes: list[DatedCode] = field(default_factory=list)


@dataclass(slots=True)
class _Reader:
    source: str
    actors: list[Actor] = field(default_factory=list)
    agents: list[tuple[str, str | None, str, int]] = field(default_factory=list)
    macros: dict[str, tuple[str, ...]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    current: _Open | None = None

    def skip(self, number: int) -> None:
        self.skipped.append(f"{Path(self.source).name}:{number}")

    def close(self) -> None:
        entry, self.current = self.current, None
        if entry is None:
            return
        if not entry.codes:
            self.skip(entry.line)  # a name with no code anywhere says nothing
            return
        synonyms = tuple(words(s) for s in entry.synonyms)
        self.actors.append(Actor(words(entry.name), synonyms, tuple(entry.codes), entry.line))


def parse_actor_dictionary(text: str, source: str = "<text>") -> ActorDictionary:
    """Actors and agents from the text of a dictionary file."""
    reader = _Reader(source)
    for number, line in _lines(text):
        _read_line(reader, number, line)
    reader.close()
    agents = [a for entry in reader.agents for a in _agents(entry, reader)]
    return build(reader.actors, agents, reader.skipped, (source,))


def parse_actor_table(text: str, source: str = "<text>") -> ActorDictionary:
    """Actors from the TSV form: ``name<TAB>code[<TAB>synonym|synonym...]``, ``#`` comments.

    A first row whose code column reads ``code`` is a header and is skipped.
    """
    actors: list[Actor] = []
    skipped: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) < 2 or fields[1].lower() == "code":
            if len(fields) < 2:
                skipped.append(f"{Path(source).name}:{number}")
            continue
        block = _code_block(f"[{fields[1]}]") if fields[0] else None
        if block is None:
            skipped.append(f"{Path(source).name}:{number}")
            continue
        synonyms = (
            tuple(s.strip() for s in fields[2].split("|") if s.strip()) if len(fields) > 2 else ()
        )
        actors.append(Actor(fields[0], synonyms, (block,), number))
    return build(actors, (), skipped, (source,))


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines with comments removed (blank ones dropped)."""
    in_comment = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        line = _HTML_COMMENT.sub(" ", line)
        if "<!" in line:
            line, in_comment = line.split("<!", 1)[0], True
        line = re.split(r"[#;]", line, maxsplit=1)[0]
        if line.strip():
            yield number, line.rstrip()


def _read_line(reader: _Reader, number: int, line: str) -> None:
    stripped = line.strip()
    if stripped.startswith("+"):
        _synonym(reader, number, stripped[1:].strip())
    elif stripped.startswith("["):
        _dated(reader, number, stripped)
    elif (macro := _MACRO.match(stripped)) is not None:
        items = tuple(words(i) for i in macro["items"].split(",") if i.strip())
        reader.macros[macro["name"].upper()] = items
    else:
        reader.close()
        _entry(reader, number, stripped)


def _synonym(reader: _Reader, number: int, phrase: str) -> None:
    if reader.current is None or not phrase or "[" in phrase:
        reader.skip(number)
        return
    reader.current.synonyms.append(phrase)


def _dated(reader: _Reader, number: int, text: str) -> None:
    found = _code_block(text) if text.endswith("]") else None
    if reader.current is None or found is None:
        reader.skip(number)
        return
    reader.current.codes.append(found)


def _entry(reader: _Reader, number: int, text: str) -> None:
    match = _ENTRY.match(text)
    if match is None:
        reader.skip(number)
        return
    code = (match["code"] or "").strip()
    if match["plural"] is not None or "~" in code:
        _agent_line(reader, number, match["phrase"], match["plural"], code)
        return
    reader.current = _Open(match["phrase"], number)
    if match["code"] is not None:
        block = _code_block(f"[{code}]")
        if block is None:
            reader.current = None
            reader.skip(number)
        else:
            reader.current.codes.append(block)


def _agent_line(reader: _Reader, number: int, phrase: str, plural: str | None, code: str) -> None:
    squeezed = code.replace(" ", "")
    bare = squeezed.strip("~")
    if squeezed.count("~") != 1 or not bare.isalnum():
        reader.skip(number)
        return
    reader.agents.append((phrase, plural, squeezed, number))


def _code_block(text: str) -> DatedCode | None:
    """``[CODE]``, ``[CODE <date]``, ``[CODE >date]`` or ``[CODE date-date]``."""
    inner = text.strip()[1:-1].strip()
    code, _, restriction = inner.partition(" ")
    if not code or _CODE.match(code) is None:
        return None
    value = None if not code[0].isalnum() else code.split("/")[0].upper()
    restriction = restriction.strip()
    if not restriction:
        return DatedCode(value)
    match = _RESTRICTION.match(restriction)
    if match is None:
        return None
    return _restricted(value, match)


def _restricted(code: str | None, match: re.Match[str]) -> DatedCode | None:
    try:
        if match["before"]:
            return DatedCode(code, before=_date(match["before"]))
        if match["after"]:
            return DatedCode(code, after=_date(match["after"]))
        return DatedCode(code, after=_date(match["from"]), before=_date(match["to"]))
    except ValueError:
        return None


def _date(text: str) -> dt.date:
    if len(text) == 8:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    year = int(text[:2])
    century = 2000 if year <= CENTURY_PIVOT else 1900
    return dt.date(century + year, int(text[2:4]), int(text[4:]))


# ---------------------------------------------------------------- agents


def _agents(entry: tuple[str, str | None, str, int], reader: _Reader) -> Iterator[Agent]:
    phrase, plural, code, number = entry
    expanded = _expand(phrase, reader.macros)
    if expanded is None:
        reader.skip(number)
        return
    prefix = code.endswith("~")
    bare = code.strip("~").upper()
    for form in expanded:
        plurals = _plurals(form, plural) if "!" not in phrase else ()
        yield Agent(words(form), bare, prefix, (words(form), *plurals), number)


def _expand(phrase: str, macros: dict[str, tuple[str, ...]]) -> list[str] | None:
    """The phrases a macro stands for: CONGRESS!PERSON! -> CONGRESSMAN, CONGRESSWOMEN, ..."""
    found = re.search(r"![A-Za-z]+!", phrase)
    if found is None:
        return [phrase]
    items = macros.get(found.group().upper())
    if items is None:
        return None
    out: list[str] = []
    for item in items:
        more = _expand(phrase[: found.start()] + item + phrase[found.end() :], macros)
        if more is None:
            return None
        out += more
    return out


def _plurals(phrase: str, given: str | None) -> tuple[str, ...]:
    """Regular plurals unless ``{...}`` gives them or ``{}`` says there are none."""
    if given is not None:
        return tuple(words(p) for p in given.split())
    if phrase.endswith("_"):
        return ()
    head, _, last = words(phrase).rpartition(" ")
    upper = last.upper()
    if upper.endswith("Y") and upper[-2:-1] not in set("AEIOU"):
        plural = last[:-1] + "IES"
    elif upper.endswith(("S", "SH", "CH", "X", "Z")):
        plural = last + "ES"
    else:
        plural = last + "S"
    return (f"{head} {plural}".strip(),)
