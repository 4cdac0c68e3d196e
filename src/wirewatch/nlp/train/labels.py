"""The NER label scheme the shipped model learns, and how each source's annotation maps onto it.

The statistical NER learns three labels: PERSON, ORG and LOC, where LOC is every location
(countries, cities, regions, geographic features, facilities). NORP, GPE-against-LOC and FAC
come later from a gazetteer, so no source teaches them here.

A source's other entity types (MISC, nationalities, products, events, money, dates ...) map to
MISSING, never to O: the model must not learn that "Turkish" or "World War II" lies outside every
entity, only that we do not know. The same goes for spans a source marks as entities but that are
not names (re3d's "he" or "the Foreign Secretary"): their capitalised words become MISSING, their
other words O.

Sources that have no parts of speech (re3d, MEANTIME) mark whole noun phrases, so the name inside a
span is found by its shape: `surface_names` keeps the capitalised run that is the phrase's name and
drops determiners and titles, as UNER and CoNLL annotate ("President Bush" is PERSON "Bush").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

PERSON = "PERSON"
ORG = "ORG"
LOC = "LOC"
LABELS = (PERSON, ORG, LOC)

MISSING = "-"
"""A span whose annotation is unknown: spaCy neither rewards nor punishes the model there."""

OUTSIDE = "O"
"""Known not to be part of any entity."""

# UniversalNER English-EWT, IOB2. OTH occurs only in the pre-release train file we hold:
# nationalities ("American", "Iraqi"), bands, ships, products. The released UNER folds it into O,
# but it marks exactly what must not be taught as O. "B-O" (a stray tag on sentence-final
# punctuation in the same file) parses as the label "O".
UNER: Mapping[str, str] = {"PER": PERSON, "ORG": ORG, "LOC": LOC, "OTH": MISSING, "O": OUTSIDE}

# wikigold, CoNLL-2003 labels in IOB1.
WIKIGOLD: Mapping[str, str] = {"PER": PERSON, "ORG": ORG, "LOC": LOC, "MISC": MISSING}

# re3d (Dstl), IOB2. Its Person/Organisation/Location spans include pronouns, titles and
# descriptions, so they pass through `surface_names`; every other type is MISSING. The last four
# are in re3d's schema but were dropped from the CoNLL conversion; listed so they would not be
# reported as unknown.
RE3D: Mapping[str, str] = {
    "Person": PERSON,
    "Organisation": ORG,
    "Location": LOC,
    "Nationality": MISSING,
    "Temporal": MISSING,
    "Quantity": MISSING,
    "Money": MISSING,
    "Weapon": MISSING,
    "MilitaryPlatform": MISSING,
    "DocumentReference": MISSING,
    "CommsIdentifier": MISSING,
    "Frequency": MISSING,
    "Vehicle": MISSING,
    "Url": MISSING,
}

# GUM entity types (global.Entity "etype"). Every mention of every type is annotated, pronouns and
# common nouns included; only mentions that are proper names become entities (corpus.py), and
# proper nouns outside those names are MISSING whatever the mention type.
GUM: Mapping[str, str] = {
    "person": PERSON,
    "organization": ORG,
    "place": LOC,
    "event": MISSING,
    "object": MISSING,
    "abstract": MISSING,
    "time": MISSING,
    "substance": MISSING,
    "animal": MISSING,
    "plant": MISSING,
}

# MEANTIME ENTITY ent_type, reached from an ENTITY_MENTION through REFERS_TO. PRO = products,
# FIN = financial entities (indices, stocks), MIX = mixed groups.
MEANTIME: Mapping[str, str] = {
    "PER": PERSON,
    "ORG": ORG,
    "LOC": LOC,
    "PRO": MISSING,
    "FIN": MISSING,
    "MIX": MISSING,
}


def mapped(table: Mapping[str, str], label: str) -> str | None:
    """The scheme's label for a source label; None when the table does not know it."""
    return table.get(label)


DETERMINERS = frozenset({"the", "a", "an"})

PRONOUNS = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his "
    "himself she her hers herself it its itself they them their theirs themselves this that these "
    "those who whom whose which what there here".split()
)

# Lower-case words that may sit inside a name: "Bank of America", "Abu Musab al-Zarqawi".
CONNECTORS = frozenset(
    "of and & for the de du des la le al el bin ibn van von der den da di dos - ' ’ .".split()
)

# Lower-case particles that may begin a name: "al-Qaida", "de Gaulle", "van Gogh".
PARTICLES = frozenset(
    "al el ad ar as ash at az bin ibn van von de da di du la le der den dos".split()
)

# A name run that starts right after one of these may have lost its first words ("the city of
# Mosul", "Minister for the Middle East Tobias Ellwood"): too uncertain to label.
AMBIGUOUS_BEFORE = frozenset("of for the and or in on at from to with by a an & de".split())

# Words that split one annotated span into parts: "Palmyra, Syria", "Singapore Airlines (SIA)".
SEPARATORS = frozenset({",", "(", ")", "[", "]", ";", ":", "--", "|"})
OPENING_BRACKETS = frozenset({"(", "["})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
JOINERS = frozenset({"-", "'", "’"})

# Titles before a person's name, excluded from PERSON as UNER and CoNLL exclude them. Honorifics
# may also be surnames ("John Major"), so only role titles disqualify a name that ends in one.
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady king queen prince princess emperor "
    "pope cardinal bishop archbishop rev reverend father sister brother sheikh shaikh imam "
    "ayatollah mullah general gen lt lieutenant col colonel maj major capt captain sgt sergeant "
    "cpl corporal pvt private adm admiral brig brigadier cmdr commander marshal judge justice "
    "saint st hon honourable honorable".split()
)
ROLE_TITLES = frozenset(
    "president vice prime minister secretary chancellor senator sen rep representative "
    "congressman congresswoman governor gov mayor chief executive ceo cfo coo cto chairman "
    "chairwoman chairperson chair director spokesman spokeswoman spokesperson ambassador envoy "
    "commissioner officer agent detective inspector superintendent sheriff deputy coach analyst "
    "advisor adviser counsel attorney president-elect premier speaker leader founder "
    "correspondent".split()
)
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PHRASE_WORDS = frozenset({"of", "and", "&", "for", "the"})

_DEMONYM = re.compile(r"[a-z](?:an|ans|ian|ians|ese|ish|i|is|ic)$")
_PEOPLES = re.compile(r"[A-Z][a-z]+[^s]s")
_ADJECTIVAL = re.compile(r"-[a-z]+$")  # "City-based", "U.S.-led": not the end of a name


def _key(word: str) -> str:
    return word.lower().rstrip(".")


def is_title(word: str) -> bool:
    return _key(word) in HONORIFICS or _key(word) in ROLE_TITLES


def is_connector(word: str) -> bool:
    return word.lower() in CONNECTORS


def looks_proper(word: str, *, sentence_initial: bool, capitalised_elsewhere: bool) -> bool:
    """Whether a word looks like part of a name, for sources without parts of speech.

    A sentence's first word is capitalised anyway, so there it counts only when it is an acronym,
    has inner capitals ("iPhone", "McCain") or is capitalised mid-sentence elsewhere in the text.
    """
    acronym = len(word) > 1 and word.isupper()
    if not word[:1].isalpha() or (word.lower() in PRONOUNS and not acronym):
        return False
    if word.lower() in DETERMINERS:
        return False
    inner_capitals = any(char.isupper() for char in word[1:])
    if not word[0].isupper():
        return inner_capitals
    return not sentence_initial or inner_capitals or capitalised_elsewhere


def looks_like_demonym(word: str, descriptor: str) -> bool:
    """ "American", "Japanese": a people's adjective (NORP), not the place, unless the entity's
    own name (`descriptor`) has the word."""
    known = set(re.findall(r"\w+", descriptor.lower()))
    return bool(_DEMONYM.search(word)) and word.lower() not in known


def looks_like_people(word: str) -> bool:
    """ "Syrians", "Iraqis", "Kurds": re3d marks peoples as Organisation; here they are NORP.
    A one-word plural ORG name ("Reuters") is rare enough to lose."""
    return bool(_PEOPLES.fullmatch(word))


def person_name(words: Sequence[str], start: int, end: int) -> tuple[int, int] | None:
    """The name inside a PERSON span once titles before it are cut ("Foreign Secretary Philip
    Hammond" -> "Philip Hammond"); None when only titles or an uncertain remainder is left."""
    cut = start
    for index in range(start, end - 1):
        rest_is_suffix = all(_key(word) in NAME_SUFFIXES for word in words[index + 1 : end])
        if is_title(words[index]) and not rest_is_suffix:
            cut = index + 1
    if is_connector(words[cut]) or _key(words[end - 1]) in ROLE_TITLES:
        return None
    if all(is_title(word) for word in words[cut:end]):
        return None
    return cut, end


def is_possessive(words: Sequence[str], index: int) -> bool:
    """ "'s", or an apostrophe after a plural before a name ("Beatles ' Apple Corps"), but not
    the apostrophe inside "O ' Leary" or "Da ’ esh"."""
    word = words[index]
    if word in {"'s", "’s"}:
        return True
    after_plural = index > 0 and words[index - 1].endswith("s")
    before_name = index + 1 < len(words) and words[index + 1][:1].isupper()
    return word in {"'", "’"} and after_plural and before_name


def _continues_name(words: Sequence[str], proper: Sequence[bool], index: int) -> bool:
    """A word inside a name: proper, a number after a name word, a connector, or the lower-case
    end of a hyphenated or apostrophed name ("Da'esh"); never a possessive."""
    word = words[index]
    if is_possessive(words, index):
        return False
    if proper[index] or is_connector(word):
        return True
    after = index > 0 and words[index - 1] in JOINERS
    return after or (word[:1].isdigit() and index > 0 and proper[index - 1])


def _has_word(words: Sequence[str], start: int, end: int) -> bool:
    """A name has a word of two letters or more: a lone "E" in coordinates is not one."""
    return any(sum(char.isalpha() for char in word) > 1 for word in words[start:end])


def _ends_name(words: Sequence[str], start: int, end: int) -> bool:
    last = words[end - 1]
    return not is_connector(last) and not _ADJECTIVAL.search(last) and _has_word(words, start, end)


def _starts_name(words: Sequence[str], proper: Sequence[bool], index: int, end: int) -> bool:
    """A proper word, or a particle joined to one: "al - Qaida", "bin Laden", "de Gaulle"."""
    if proper[index]:
        return True
    if words[index].lower() not in PARTICLES:
        return False
    index += 1
    while index < end and (words[index] in JOINERS or words[index].lower() in PARTICLES):
        index += 1
    return index < end and proper[index]


def whole_name(
    words: Sequence[str], proper: Sequence[bool], start: int, end: int
) -> tuple[int, int] | None:
    """The part itself when all of it is name-shaped ("Islamic State of Iraq and the Levant")."""
    if not _starts_name(words, proper, start, end) or not _ends_name(words, start, end):
        return None
    inside = all(_continues_name(words, proper, index) for index in range(start, end))
    return (start, end) if inside else None


def trailing_name(
    words: Sequence[str], proper: Sequence[bool], start: int, end: int
) -> tuple[int, int] | None:
    """The name that ends a descriptive phrase ("the Swedish citizen Mohamed Moumou"), unless the
    word before it may belong to it ("the city of Mosul", "Fighters of al-Qaida")."""
    first = end
    while first > start and _continues_name(words, proper, first - 1):
        first -= 1
    while first < end and not _starts_name(words, proper, first, end):
        first += 1
    if first == end or not _ends_name(words, first, end):
        return None
    if first == start or is_possessive(words, first - 1):
        return first, end
    before = words[first - 1]
    ambiguous = before.lower() in AMBIGUOUS_BEFORE or is_connector(before)
    return None if ambiguous else (first, end)


def _parts(
    words: Sequence[str], start: int, end: int, conjunction: bool
) -> list[tuple[int, int, bool]]:
    """The span cut at separators (and at "and" in a known `conjunction`), each part with
    whether it is in brackets: "Palmyra, Syria", "Singapore Airlines (SIA)"."""
    parts: list[tuple[int, int, bool]] = []
    begin, bracketed = start, False
    for index in range(start, end + 1):
        word = words[index].lower() if index < end else ""
        if index == end or word in SEPARATORS or (conjunction and word == "and"):
            if index > begin:
                parts.append((begin, index, bracketed))
            begin, bracketed = index + 1, word in OPENING_BRACKETS
    return parts


def _coordinated(words: Sequence[str], start: int, end: int) -> bool:
    """An "and" that is not inside an "of" phrase: "Boeing and Lockheed Martin" may be two names,
    "European Aeronautic Defence and Space Company" is one; without syntax, nobody knows."""
    lowered = [word.lower() for word in words[start:end]]
    return "and" in lowered and "of" not in lowered[: lowered.index("and")]


def _trim(words: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """Without leading determiners and a trailing possessive: "the Coalition", "Obama 's"."""
    while start < end and words[start].lower() in DETERMINERS:
        start += 1
    while end > start and words[end - 1] in POSSESSIVES:
        end -= 1
    return start, end


def _part_name(
    words: Sequence[str], proper: Sequence[bool], part: tuple[int, int], first: bool, label: str
) -> tuple[int, int] | None:
    begin, finish = _trim(words, *part)
    if begin == finish:
        return None
    found = whole_name(words, proper, begin, finish)
    if found is None and first:
        found = trailing_name(words, proper, begin, finish)
    if found is None or _coordinated(words, *found):
        return None
    if label != PERSON:
        return found
    # Without parts of speech, "of" in a PERSON span means a phrase ("officials of the People's
    # Republic of China"), not a name like "Joan of Arc".
    if any(word.lower() in PHRASE_WORDS for word in words[found[0] : found[1]]):
        return None
    return person_name(words, *found)


def surface_names(
    words: Sequence[str],
    proper: Sequence[bool],
    start: int,
    end: int,
    label: str,
    *,
    conjunction: bool = False,
) -> tuple[list[tuple[int, int]], list[int]]:
    """The names inside an annotated span of a source without parts of speech, and the name-like
    words of the span left outside them (to be MISSING).

    The span is cut at commas and brackets; every part that is wholly a name is one ("Palmyra,
    Syria" gives two); only the first part may also end in a name after a description ("U.S.
    automaker Chrysler"), since later parts are often clauses ("which serves Bangkok"). A
    bracketed part of a PERSON span is not a name ("John McCain (R-AZ)").
    """
    names: list[tuple[int, int]] = []
    for number, (begin, finish, bracketed) in enumerate(_parts(words, start, end, conjunction)):
        if label == PERSON and bracketed:
            continue
        found = _part_name(words, proper, (begin, finish), number == 0, label)
        if found is not None:
            names.append(found)
    named = {index for first, last in names for index in range(first, last)}
    left: list[int] = []
    for index in (index for index in range(start, end) if index not in named):
        joins = words[index] in JOINERS and bool(left) and left[-1] == index - 1
        joins = joins and index + 1 < end and _starts_name(words, proper, index + 1, end)
        if joins or _starts_name(words, proper, index, end):
            left.append(index)
    return names, left
