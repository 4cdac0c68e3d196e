"""The action lexicon: which CAMEO code a verb, a noun or a phrase around them stands for.

The lexicon is plain text, one entry per line, written for wirewatch from the CAMEO
category definitions (``actions/NN_*.txt`` beside this module; the format is in
``actions/00_sets.txt`` and docs/lexicon.md)::

    attack                          -> 190   # a verb lemma
    cut off $RELATION with          -> 161   # particle, object, preposition
    agree to provide $AID           -> 033   # a to-complement and its object
    n:talk with                     -> 046   # a noun (nominalisation)
    n:heart_attack                  -> ---   # a compound that is no event

The coder describes a clause (the verb's lemma, its particles, its object, the
prepositions attached with their objects, a to-complement) and asks for the most
specific entry that fits; ``nominal`` does the same for a noun. Words are compared
after ``fold``, so "talks" and "talk", "criticise" and "criticize" are one word.
Files a user loads are read after the built-in ones: their word sets add to the
built-in sets and their entries replace built-in entries with the same pattern.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from itertools import product
from pathlib import Path
from typing import Literal

from wirewatch.analyze.events.codebook import is_cameo
from wirewatch.errors import WirewatchError

ACTIONS = "actions"  # the built-in lexicon's folder, beside this module
NO_EVENT = "---"
NOUN_MARK = "n:"
ANY = "*"
ANY_BREADTH = 10_000  # ``*`` is broader than any list of words
NAMED = 2  # what a named word counts for in an entry's score
LIGHT_SET = "$LIGHT"  # verbs whose object noun carries the action: "held talks"
LIGHT_PARTICLES = frozenset({"out", "up"})

# Words that, right after the head, are read as particles ("crack down", "cut off").
PARTICLES = frozenset("up down off out back away aside apart together forward ahead".split())
PREPOSITIONS = frozenset(
    "about above across after against along amid amidst among around as at before behind "
    "below beside between beyond by despite during for from in inside into near of off on "
    "onto out outside over past through throughout to toward towards under until upon via "
    "with within without".split()
)
_CODE = re.compile(r"^\d{3,4}$")  # an event code; a root ("19") names a category
_SET_NAME = re.compile(r"^\$[A-Z][A-Z0-9]*$")
_WORD = re.compile(r"^[^\W_][\w'.-]*$")  # a lemma: letters (any script), digits, ' . -
_BRITISH = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "programme": "program",
    "labour": "labor",
    "honour": "honor",
    "centre": "center",
    "favour": "favor",
    "armour": "armor",
    "rumour": "rumor",
    "neighbour": "neighbor",
    "harbour": "harbor",
    "manoeuvre": "maneuver",
    "endeavour": "endeavor",
}

Kind = Literal["verb", "noun"]
Key = tuple[Hashable, ...]  # what makes two entries one pattern


@cache
def fold(word: str) -> str:
    """A word as the lexicon compares it: lower case, no hyphens, singular, US spelling.

    Both sides go through the same folding, so a crude rule is enough as long as it
    is consistent: "talks" = "talk", "ties" = "tie", "criticise" = "criticize",
    "cease-fire" = "ceasefire", "defence" = "defense".
    """
    folded = word.lower().replace("-", "")
    if len(folded) > 3 and folded.endswith("s") and not folded.endswith(("ss", "us", "is")):
        if folded.endswith("ies"):
            folded = folded[:-1] if len(folded) <= 4 else folded[:-3] + "y"
        elif folded.endswith(("ches", "shes", "sses", "xes")):
            folded = folded[:-2]
        else:
            folded = folded[:-1]
    folded = _BRITISH.get(folded, folded)
    if folded.endswith("isation"):
        return folded[: -len("isation")] + "ization"
    if len(folded) > 5 and folded.endswith("ise"):
        return folded[:-3] + "ize"
    if folded.endswith("yse"):
        return folded[:-3] + "yze"
    return folded


# ---------------------------------------------------------------- what the coder passes


@dataclass(frozen=True, slots=True)
class Word:
    """A word in the sentence: its lemma and the lemmas of its modifiers ("economic aid")."""

    lemma: str
    modifiers: frozenset[str] = frozenset()

    @staticmethod
    def of(value: str | Word) -> Word:
        """A Word from a lemma or a Word, folded."""
        if isinstance(value, str):
            return Word(fold(value))
        return Word(fold(value.lemma), frozenset(fold(m) for m in value.modifiers))


def _word(value: str | Word | None) -> Word | None:
    return None if value is None else Word.of(value)


@dataclass(frozen=True, slots=True)
class Clause:
    """A predicate and what hangs on it, as the coder found it in the parse.

    ``prepositions`` pairs each preposition with the head of its object (None when it
    has none); give those attached to the verb and those attached to its object, as
    parsers hang "sanctions on Iran" on either. ``complement`` is the verb of a
    to-infinitive or that-clause ("agreed to *meet*", "demanded that Israel
    *withdraw*") and ``complement_object`` that verb's object ("agreed to provide *aid*").
    """

    head: Word
    particles: frozenset[str] = frozenset()
    object: Word | None = None
    prepositions: tuple[tuple[str, Word | None], ...] = ()
    complement: Word | None = None
    complement_object: Word | None = None


def clause(
    lemma: str | Word,
    *,
    particles: Iterable[str] = (),
    obj: str | Word | None = None,
    prepositions: Iterable[tuple[str, str | Word | None]] = (),
    complement: str | Word | None = None,
    complement_object: str | Word | None = None,
) -> Clause:
    """A folded Clause from lemmas or Words."""
    return Clause(
        Word.of(lemma),
        frozenset(fold(p) for p in particles),
        _word(obj),
        tuple((fold(p), _word(w)) for p, w in prepositions),
        _word(complement),
        _word(complement_object),
    )


# ---------------------------------------------------------------- what the lexicon holds


@dataclass(frozen=True, slots=True)
class Choice:
    """One word a slot accepts: its lemma and the modifiers it must carry."""

    lemma: str
    modifiers: frozenset[str] = frozenset()

    def accepts(self, word: Word) -> bool:
        return self.lemma == word.lemma and self.modifiers <= word.modifiers


@dataclass(frozen=True, slots=True)
class Slot:
    """The words a position accepts (``ties|relations``, ``$AID``, ``military_aid``)."""

    choices: tuple[Choice, ...]  # none: ``*``, any word at all

    def fit(self, word: Word | None) -> int | None:
        """How specific the best accepting choice is, or None: a named word counts 2 (a
        bare preposition or particle counts 1, ``*`` too), each modifier 1 more."""
        if word is None:
            return None
        if not self.choices:
            return 1
        fits = [2 + len(c.modifiers) for c in self.choices if c.accepts(word)]
        return max(fits) if fits else None

    @property
    def breadth(self) -> int:
        return len(self.choices) if self.choices else ANY_BREADTH


@dataclass(frozen=True, slots=True)
class PrepSlot:
    """A preposition (or alternatives) with an optional object; ``to`` also takes a
    to-complement, whose own object may be constrained too ("agree to provide aid")."""

    prepositions: frozenset[str]
    object: Slot | None = None
    complement_object: Slot | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: a pattern and its CAMEO code (None: the pattern is no event)."""

    kind: Kind
    lemma: str
    modifiers: frozenset[str]
    particles: tuple[str, ...]
    object: Slot | None
    prepositions: tuple[PrepSlot, ...]
    code: str | None
    source: str
    line: int
    pattern: str
    order: int = field(default=0, compare=False)

    def __str__(self) -> str:
        return f"{self.pattern} -> {self.code or NO_EVENT} ({self.source}:{self.line})"

    @property
    def key(self) -> Key:
        """What makes two entries the same pattern (the later one replaces the earlier)."""
        return (
            self.kind,
            self.lemma,
            self.modifiers,
            frozenset(self.particles),
            self.object,
            frozenset(self.prepositions),
        )

    @property
    def breadth(self) -> int:
        """How many words the entry's slots accept in all: fewer is narrower."""
        slots = [self.object] + [
            s for p in self.prepositions for s in (p.object, p.complement_object)
        ]
        return sum(s.breadth for s in slots if s is not None)

    def fit(self, query: Clause) -> int | None:
        """How many of the entry's constraints the clause meets, or None if one fails.

        A modifier the head must carry names a word, and counts as one (2): "bomb
        attack" is more specific than "attack on" (a bare preposition, 1).
        """
        if not self.modifiers <= query.head.modifiers or not self._covers(query):
            return None
        score = NAMED * len(self.modifiers) + len(self.particles)
        if self.object is not None:
            found = self.object.fit(query.object)
            if found is None:
                return None
            score += found
        for slot in self.prepositions:
            found = _prep_fit(slot, query)
            if found is None:
                return None
            score += found
        return score

    def _covers(self, query: Clause) -> bool:
        """The entry names every particle of the clause, and has every one it names.

        A phrasal verb is another verb ("back down" is not "back"), so a clause
        particle the entry does not name rules the entry out. Parsers mix up particles
        and bare prepositions ("give in"), so either may stand for the other.
        """
        named = set(self.particles).union(*(s.prepositions for s in self.prepositions))
        present = query.particles | {p for p, _ in query.prepositions}
        return query.particles <= named and all(p in present for p in self.particles)


def _prep_fit(slot: PrepSlot, query: Clause) -> int | None:
    fits: list[int] = []
    for prep, word in query.prepositions:
        if prep in slot.prepositions and slot.complement_object is None:
            found = 1 if slot.object is None else _plus(slot.object.fit(word), 1)
            fits += [found] if found is not None else []
    if slot.complement_object is None and query.particles & slot.prepositions:
        # "took in refugees": a particle and an object read like "in" and its object
        found = 1 if slot.object is None else _plus(slot.object.fit(query.object), 1)
        fits += [found] if found is not None else []
    if "to" in slot.prepositions and query.complement is not None:
        found = _complement_fit(slot, query)
        fits += [found] if found is not None else []
    return max(fits) if fits else None


def _complement_fit(slot: PrepSlot, query: Clause) -> int | None:
    score = 1
    if slot.object is not None:
        found = slot.object.fit(query.complement)
        if found is None:
            return None
        score += found
    if slot.complement_object is not None:
        found = slot.complement_object.fit(query.complement_object)
        if found is None:
            return None
        score += found
    return score


def _plus(value: int | None, more: int) -> int | None:
    return None if value is None else value + more


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Entries indexed by their head lemma, with the word sets they were written with."""

    entries: tuple[Entry, ...] = ()
    sets: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    sources: tuple[str, ...] = ()
    _index: dict[tuple[Kind, str], tuple[Entry, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _light: frozenset[str] = frozenset()

    def has(self, lemma: str, kind: Kind = "verb") -> bool:
        """Whether any entry has this head: a cheap test before building a Clause."""
        return (kind, fold(lemma)) in self._index

    def light(self, lemma: str) -> bool:
        """Whether the verb is light ("hold", "launch"): its object noun names the action."""
        return fold(lemma) in self._light

    def best(self, query: Clause, kind: Kind = "verb") -> Entry | None:
        """The most specific entry for a clause (see ``ranked``), or None."""
        ranks = self._ranks(query, kind)
        return max(ranks)[-1] if ranks else None

    def ranked(self, query: Clause, kind: Kind = "verb") -> list[Entry]:
        """Every entry that fits, best first.

        Best is: most constraints met; then the narrowest word lists; then a verb's
        own entry before its object noun's (for a light verb); then the one loaded
        last (a user's file beats the built-in lexicon, a later line an earlier one).
        """
        return [rank[-1] for rank in sorted(self._ranks(query, kind), reverse=True)]

    def _ranks(self, query: Clause, kind: Kind) -> list[tuple[int, int, int, int, Entry]]:
        ranks = [(s, -e.breadth, 1, e.order, e) for e, s in self._fits(query, kind)]
        if kind == "verb" and query.object is not None and self._lightly(query):
            noun = Clause(
                query.object, prepositions=query.prepositions, complement=query.complement
            )
            # the noun itself is one more constraint met, as a verb's object would be
            ranks += [(s + 2, -e.breadth, 0, e.order, e) for e, s in self._fits(noun, "noun")]
        return ranks

    def _lightly(self, query: Clause) -> bool:
        """A light verb with at most "out" or "up" ("carried out raids", "stepped up
        attacks"); other particles change the act ("held off", "called off")."""
        return self.light(query.head.lemma) and query.particles <= LIGHT_PARTICLES

    def _fits(self, query: Clause, kind: Kind) -> Iterator[tuple[Entry, int]]:
        for entry in self._index.get((kind, query.head.lemma), ()):
            score = entry.fit(query)
            if score is not None:
                yield entry, score

    def match(
        self,
        lemma: str | Word,
        *,
        particles: Iterable[str] = (),
        obj: str | Word | None = None,
        prepositions: Iterable[tuple[str, str | Word | None]] = (),
        complement: str | Word | None = None,
        complement_object: str | Word | None = None,
    ) -> Entry | None:
        """The best entry for a verb (or predicate adjective) and what hangs on it."""
        query = clause(
            lemma,
            particles=particles,
            obj=obj,
            prepositions=prepositions,
            complement=complement,
            complement_object=complement_object,
        )
        return self.best(query, "verb")

    def nominal(
        self,
        noun: str | Word,
        preposition: str | None = None,
        *,
        obj: str | Word | None = None,
        complement: str | Word | None = None,
    ) -> Entry | None:
        """The best entry for a noun, with the preposition after it and that one's object.

        ``nominal("attack", "on")`` is 190; ``nominal("release", "of", obj="prisoner")``
        is 0841; ``complement`` is a to-infinitive after the noun ("attempt to kill").
        """
        preps = ((preposition, obj),) if preposition else ()
        return self.best(clause(noun, prepositions=preps, complement=complement), "noun")

    def merge(self, other: Lexicon) -> Lexicon:
        """Both lexicons; where both have a pattern, ``other``'s entry wins."""
        sets = {k: tuple(dict.fromkeys(self.sets.get(k, ()) + v)) for k, v in other.sets.items()}
        return build(
            self.entries + other.entries, {**self.sets, **sets}, self.sources + other.sources
        )


def build(
    entries: Iterable[Entry],
    sets: dict[str, tuple[str, ...]] | None = None,
    sources: Iterable[str] = (),
) -> Lexicon:
    """A Lexicon from entries in load order: a later entry replaces one with its pattern."""
    latest: dict[Key, Entry] = {}
    for order, entry in enumerate(entries):
        latest.pop(entry.key, None)  # re-inserted last, so the dict keeps load order
        latest[entry.key] = replace(entry, order=order)
    index: dict[tuple[Kind, str], list[Entry]] = {}
    for entry in latest.values():
        index.setdefault((entry.kind, entry.lemma), []).append(entry)
    frozen = {k: tuple(v) for k, v in index.items()}
    sets = dict(sets or {})
    light = frozenset(fold(word) for word in sets.get(LIGHT_SET, ()))
    return Lexicon(tuple(latest.values()), sets, tuple(sources), frozen, light)


# ---------------------------------------------------------------- reading files


@cache
def builtin_lexicon() -> Lexicon:
    """The lexicon shipped with wirewatch (read once)."""
    return parse_lexicon(builtin_texts())


def load_lexicon(*extra: str | Path) -> Lexicon:
    """The built-in lexicon with the user's files (or folders of ``.txt`` files) after it.

    Raises WW420 when a path cannot be read, WW425 when one holds no entry, and the
    line errors (WW421-WW424) of ``parse_lexicon``.
    """
    if not extra:
        return builtin_lexicon()
    users = [text for path in extra for text in _user_texts(Path(path))]
    for name, text in users:
        if not any(_entry_lines(text)):
            raise WirewatchError("WW425", "no entries", source=name)
    return parse_lexicon([*builtin_texts(), *users])


def builtin_texts() -> list[tuple[str, str]]:
    """The built-in lexicon files, as (``actions/NAME``, text) in load order."""
    folder = resources.files("wirewatch.analyze.events").joinpath(ACTIONS)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".txt")), key=lambda f: f.name)
    return [(f"{ACTIONS}/{f.name}", f.read_text("utf-8")) for f in files]


def _user_texts(path: Path) -> list[tuple[str, str]]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())
        if not files:
            raise WirewatchError("WW425", "the folder holds no .txt files", source=str(path))
        return [(str(p), _read(p)) for p in files]
    return [(str(path), _read(path))]


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except OSError as exc:
        raise WirewatchError("WW420", exc.strerror or type(exc).__name__, source=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise WirewatchError("WW420", "not UTF-8 text", source=str(path)) from exc


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines without comments, blank ones dropped."""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if line:
            yield number, line


def _is_set(line: str) -> bool:
    """``$NAME = words`` defines a set; a line with ``->`` is an entry even if its head
    is a set (``$SAY -> 010``)."""
    return line.startswith("$") and "->" not in line


def _entry_lines(text: str) -> Iterator[tuple[int, str]]:
    return ((n, line) for n, line in _lines(text) if not _is_set(line))


def parse_lexicon(texts: Iterable[tuple[str, str]]) -> Lexicon:
    """A Lexicon from (source name, text) pairs, in load order."""
    texts = list(texts)
    sets = _gather_sets(texts)
    return build(_entries(texts, sets), sets, [source for source, _ in texts])


def parse_entries(texts: Iterable[tuple[str, str]]) -> list[Entry]:
    """Every entry of the texts in load order, before later ones replace earlier ones.

    Word sets are gathered from every text first, so an entry may use a set that a
    later file defines or extends.
    """
    texts = list(texts)
    return _entries(texts, _gather_sets(texts))


def _entries(texts: list[tuple[str, str]], sets: dict[str, tuple[str, ...]]) -> list[Entry]:
    return [entry for source, text in texts for entry in _source_entries(source, text, sets)]


def _gather_sets(texts: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    sets: dict[str, list[str]] = {}
    for source, text in texts:
        for number, line in _lines(text):
            if _is_set(line):
                name, words = _set_line(line, source, number)
                sets.setdefault(name, []).extend(w for w in words if w not in sets.get(name, ()))
    return {name: tuple(words) for name, words in sets.items()}


def _set_line(line: str, source: str, number: int) -> tuple[str, list[str]]:
    name, equals, rest = line.partition("=")
    name = name.strip()
    words = rest.split()
    if not equals or _SET_NAME.match(name) is None or not words:
        raise _line_error("WW421", "a word set is `$NAME = word word ...`", source, number)
    for word in words:
        if any(_WORD.match(p) is None or p != p.lower() for p in word.split("_")):
            raise _line_error("WW421", f"{word!r} is not a word or compound", source, number)
    return name, words


def _source_entries(source: str, text: str, sets: dict[str, tuple[str, ...]]) -> list[Entry]:
    """The entries of one text; two lines with one pattern and two codes are an error
    unless the later one makes an exception to a word set ("offer to" after "$INTEND to")."""
    seen: dict[Key, tuple[Entry, bool]] = {}
    out: list[Entry] = []
    for number, line in _entry_lines(text):
        for entry, via_set in _parse_entry(line, source, number, sets):
            earlier = seen.get(entry.key)
            if earlier is not None and earlier[0].code != entry.code and not earlier[1]:
                where = f"line {earlier[0].line} gives {earlier[0].code or NO_EVENT}"
                raise _line_error("WW424", f"{entry.pattern}: {where}", source, number)
            seen[entry.key] = (entry, via_set)
            out.append(entry)
    return out


def _line_error(code: str, detail: str, source: str, number: int) -> WirewatchError:
    return WirewatchError(code, detail, source=f"{source}:{number}")


@dataclass(slots=True)
class _Pattern:
    """A pattern being read, left to right."""

    particles: list[str] = field(default_factory=list)
    object: Slot | None = None
    prepositions: list[PrepSlot] = field(default_factory=list)


def _parse_entry(
    line: str, source: str, number: int, sets: dict[str, tuple[str, ...]]
) -> Iterator[tuple[Entry, bool]]:
    pattern, arrow, code_text = line.partition("->")
    code_text = code_text.strip()
    if not arrow or not pattern.strip() or " " in code_text:
        raise _line_error("WW421", "an entry is `PATTERN -> CODE`", source, number)
    if code_text != NO_EVENT and (_CODE.match(code_text) is None or not is_cameo(code_text)):
        raise _line_error("WW422", f"{code_text!r}", source, number)
    kind: Kind = "noun" if pattern.lstrip().startswith(NOUN_MARK) else "verb"
    tokens = pattern.strip().removeprefix(NOUN_MARK).split()
    if not tokens or tokens[0] == ANY:
        raise _line_error("WW421", "no head word before ->", source, number)
    heads = _slot(tokens[0], sets, source, number)
    body = _body(tokens[1:], kind, sets, source, number)
    code = None if code_text == NO_EVENT else code_text
    text = " ".join(pattern.split())
    for head in heads.choices:
        yield (
            Entry(
                kind,
                head.lemma,
                head.modifiers,
                tuple(body.particles),
                body.object,
                tuple(body.prepositions),
                code,
                source,
                number,
                text,
            ),
            len(heads.choices) > 1,
        )


def _body(
    tokens: list[str], kind: Kind, sets: dict[str, tuple[str, ...]], source: str, number: int
) -> _Pattern:
    """Particles, then an object, then prepositions each with an optional object (and,
    after ``to``, the complement's object)."""
    found = _Pattern()
    for token in tokens:
        alternatives = token.split("|")
        if found.object is None and not found.prepositions and token in PARTICLES:
            found.particles.append(token)
        elif all(a in PREPOSITIONS for a in alternatives):
            found.prepositions.append(PrepSlot(frozenset(alternatives)))
        elif not found.prepositions and found.object is None and kind == "verb":
            found.object = _slot(token, sets, source, number)
        elif found.prepositions and _open(found.prepositions[-1]) is not None:
            last = found.prepositions.pop()
            found.prepositions.append(_filled(last, _slot(token, sets, source, number)))
        else:
            why = "write a compound with _" if kind == "noun" else "a word out of place"
            raise _line_error("WW421", f"{token!r}: {why}", source, number)
    return found


def _open(slot: PrepSlot) -> str | None:
    """Which part of a prepositional slot the next word fills, if any."""
    if slot.object is None:
        return "object"
    if slot.prepositions == frozenset({"to"}) and slot.complement_object is None:
        return "complement_object"
    return None


def _filled(slot: PrepSlot, word: Slot) -> PrepSlot:
    if _open(slot) == "object":
        return PrepSlot(slot.prepositions, word)
    return PrepSlot(slot.prepositions, slot.object, word)


def _slot(token: str, sets: dict[str, tuple[str, ...]], source: str, number: int) -> Slot:
    """``a|b``, ``$SET``, ``mod_head``, ``$SET_head``: every (lemma, modifiers) they allow;
    ``*``: any word."""
    if token == ANY:
        return Slot(())
    choices: dict[Choice, None] = {}
    for alternative in token.split("|"):
        parts = [_part(p, sets, source, number) for p in alternative.split("_")]
        for combo in product(*parts):
            head = combo[-1]
            modifiers = head.modifiers.union(*(m.modifiers | {m.lemma} for m in combo[:-1]))
            choices[Choice(head.lemma, modifiers)] = None
    return Slot(tuple(choices))


def _part(part: str, sets: dict[str, tuple[str, ...]], source: str, number: int) -> list[Choice]:
    if part.startswith("$"):
        if part not in sets:
            raise _line_error("WW423", part, source, number)
        return [_member(word) for word in sets[part]]
    if _WORD.match(part) is None or part != part.lower():
        raise _line_error("WW421", f"{part!r} is not a lower-case lemma", source, number)
    return [Choice(fold(part))]


def _member(word: str) -> Choice:
    *modifiers, head = word.split("_")
    return Choice(fold(head), frozenset(fold(m) for m in modifiers))
