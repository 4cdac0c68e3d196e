"""Finding the name mentions in one paragraph's Doc.

The NER's entities are taken with the words it ran in at their edges trimmed off and
cut where a title stands inside them ("Turkish President Tayyip Erdogan" is "Turkish"
and "Tayyip Erdogan"); people it missed are found from the titles and naming words
before them ("spokesman Dmitry Peskov", "a man named Akhmed Chatayev"). What each
mention refers to is left to ``linking``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from wirewatch import knowledge
from wirewatch.analyze.roles import RoleTable, Words, title_ending_in, title_starting_in

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})
# Labels other pipelines give the same things.
LABEL_ALIASES = {"PER": "PERSON", "ORGANIZATION": "ORG", "LOCATION": "LOC"}
# Capitalised words that never start or continue a person's name.
NOT_NAMES = frozenset(
    "The A An In At On Of From To For By And Or But As It He She They We I This That These "
    "Those His Her Their Its Our Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December "
    "Mr Mrs Ms Dr Sir".split()
)
DATE_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December".split()
)
# Lowercase particles inside names: "Osama bin Laden", "Ursula von der Leyen".
NAME_PARTICLES = frozenset(
    {"bin", "bint", "ibn", "al", "el", "de", "da", "der", "van", "von", "la"}
)
# Words after which a capitalised run is a person's name: "a man named Akhmed Chatayev".
NAMING_CUES = frozenset({"named", "called", "identified as"})
# Words that name a body, never a person: "General Assembly", "President Hotel".
BODY_WORDS = frozenset(
    "Assembly Council Committee Commission Ministry Department Office Court Party Army Forces "
    "Staff Union Agency Bank Company Corporation Group Association Organization Organisation "
    "Authority Service Police Guard Command Headquarters University Institute Hospital Airport "
    "Base Palace House Hotel Street Square Club Foundation Fund Board Bureau Embassy "
    "Government Parliament Senate Congress Cabinet Administration Tribunal Federation".split()
)
MAX_NAME_WORDS = 4
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True, slots=True)
class Found:
    """One mention: where it is, what it was labelled, and what it refers to (``key``)."""

    paragraph: int
    span: Span
    label: str
    key: str = ""
    country: str | None = None

    @property
    def order(self) -> tuple[int, int]:
        return self.paragraph, self.span.start_char


def find_mentions(words: Words, paragraph: int, table: RoleTable) -> list[Found]:
    """The doc's named entities, cut where the NER ran names together, and the people
    the NER missed that a title or a naming word shows."""
    doc = words.doc
    found: list[Found] = []
    for span in doc.ents:
        label = _label(span)
        if label is None or (label != "PERSON" and _is_date(span)):
            continue
        if span.kb_id_ and label != "PERSON":
            found.append(Found(paragraph, span, label, country=_country_ext(span)))
            continue
        for part, part_label in _split(span, label, table, words):
            found.append(Found(paragraph, part, part_label, country=_country_ext(part)))
    return _with_cued_people(words, paragraph, found, table)


@lru_cache(maxsize=1 << 16)  # asked of every capitalised token, twice; words recur
def name_word(text: str) -> bool:
    """Whether a word can be part of a person's name: capitalised, with lowercase in it."""
    if text in NOT_NAMES or text.rstrip(".") in NOT_NAMES or not text[:1].isupper():
        return False
    return all(ch.isalpha() or ch in "-'’." for ch in text) and any(ch.islower() for ch in text)


def tokens_of(span: Span) -> range:
    return range(span.start, span.end)


def _label(span: Span) -> str | None:
    label = LABEL_ALIASES.get(span.label_, span.label_)
    return label if label in NAME_LABELS else None


def _country_ext(span: Span) -> str | None:
    if not Span.has_extension("country"):
        return None
    value = span._.get("country")
    return value if isinstance(value, str) else None


def _is_date(span: Span) -> bool:
    return all(t.text in DATE_WORDS for t in span)


# ---------------------------------------------------------------- the NER's spans


def _split(span: Span, label: str, table: RoleTable, words: Words) -> list[tuple[Span, str]]:
    """A model entity without the words around a name, and cut at a title inside it:
    ORG "Turkish President Tayyip Erdogan" is "Turkish" and PERSON "Tayyip Erdogan"."""
    doc = span.doc
    start, end = _trimmed(doc, span.start, span.end)
    if start == end:
        return []
    for k in range(start, end):
        if k > start and title_starting_in(words, k, table, end) == end:
            # "Turkish Foreign Minister" before a name: the title is the next person's
            # role, and only its owner is a name of its own.
            return [
                (
                    Span(doc, start, k, label="NORP" if _demonym(doc[start:k]) else span.label),
                    "NORP" if _demonym(doc[start:k]) else label,
                )
            ]
        stop = _titles_end(words, k, end, table)
        if stop is None:
            continue
        names = end - stop
        if label != "PERSON" and k == start and names < 2:
            continue  # "General Motors", "President Hotel": a body's name, not a person
        parts = [(Span(doc, stop, _extended(doc, stop, end), label="PERSON"), "PERSON")]
        owner = _trimmed(doc, start, k)
        if owner[0] < owner[1]:
            parts.insert(0, (Span(doc, owner[0], owner[1], label=span.label), label))
        return parts
    if label == "PERSON":
        end = _extended(doc, start, end)
    return [(Span(doc, start, end, label=span.label, kb_id=span.kb_id), label)]


def _demonym(span: Span) -> bool:
    country = knowledge.country_of(span.text)
    return country is not None and span.text in country.adjectives + country.demonyms


def _extended(doc: Doc, start: int, end: int) -> int:
    """A person's name the NER cut short, run on over the name words after it that no
    entity holds: "Col. [Mahamat] Abakar Tene"."""
    while (
        end < len(doc)
        and end - start < MAX_NAME_WORDS
        and doc[end].ent_iob_ not in ("B", "I")
        and name_word(doc[end].text)
        and doc[end].text not in BODY_WORDS
    ):
        end += 1
    return end


def _titles_end(words: Words, k: int, end: int, table: RoleTable) -> int | None:
    """Where the titles starting at token ``k`` end, when a name follows them in the span."""
    stop = title_starting_in(words, k, table, end)
    while stop is not None and stop < end:
        if name_word(words.at(stop)) and words.at(stop) not in BODY_WORDS:
            more = title_starting_in(words, stop, table, end)
            if more is None or more >= end:
                return stop
            stop = more
        else:
            return None
    return None


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A span without the lowercase words and possessives the NER took in at its edges."""
    while start < end and _edge_word(doc, start):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVES or _edge_word(doc, end - 1)):
        end -= 1
    return start, end


def _edge_word(doc: Doc, i: int) -> bool:
    text = doc[i].text
    if text in NAME_PARTICLES or (i + 1 < len(doc) and doc[i + 1].text == "-"):
        return False
    return text.isalpha() and text.islower()


# ---------------------------------------------------------------- people the NER missed


def _with_cued_people(
    words: Words, paragraph: int, found: list[Found], table: RoleTable
) -> list[Found]:
    """Add people named after a title or a naming word whom the NER left out or mislabelled."""
    doc = words.doc
    known = {i for f in found if f.label == "PERSON" or f.span.kb_id_ for i in tokens_of(f.span)}
    added: list[Found] = []
    for i in range(1, len(doc)):
        # A name run starts with a name word, so nothing else needs its cue read:
        # most tokens are not one, and reading the cue cost 3 ms an article.
        if i in known or not name_word(words.at(i)):
            continue
        needed = _cued(words, i, table)
        if needed is None:
            continue
        end = _name_run(doc, i, known)
        if any(_not_a_name(doc[j].text, table) for j in range(i, end)):
            continue
        joined = _joined_person(found, i, end) if end > i else None
        if joined is not None:
            # "President Recep" + NER's "Tayyip Erdogan": one name the NER cut short.
            found = [f for f in found if f is not joined]
            end = joined.span.end
        elif end - i < needed:
            continue
        span = Span(doc, i, end, label="PERSON")
        known.update(range(i, end))
        added.append(Found(paragraph, span, "PERSON"))
    if not added:
        return found
    covered = {j for f in added for j in tokens_of(f.span)}
    kept = [f for f in found if f.label == "PERSON" or not covered.intersection(tokens_of(f.span))]
    return sorted(kept + added, key=lambda f: f.span.start)


def _joined_person(found: list[Found], start: int, end: int) -> Found | None:
    """The PERSON mention that begins right where a cued name run from ``start`` stops."""
    return next((f for f in found if f.label == "PERSON" and f.span.start == end), None)


def _cued(words: Words, i: int, table: RoleTable) -> int | None:
    """How many name words must follow a cue ending before token ``i``, or None: one
    after a capitalised title ("President Erdogan"), two after a lowercase one."""
    two = words.span_text(max(0, i - 2), i)
    if words.lower_at(i - 1) in NAMING_CUES or two.lower() in NAMING_CUES:
        return 2
    start = title_ending_in(words, i, table)
    if start is None:
        return None
    return 1 if words.at(start)[:1].isupper() else 2


def _name_run(doc: Doc, start: int, taken: set[int]) -> int:
    """Where a run of capitalised name words from ``start`` ends (``start`` if none)."""
    end = start
    while end < len(doc) and end - start < MAX_NAME_WORDS and end not in taken:
        text = doc[end].text
        inner = end > start and text in NAME_PARTICLES
        if not (name_word(text) or inner):
            break
        end += 1
    while end > start and doc[end - 1].text in NAME_PARTICLES:
        end -= 1
    return end


def _not_a_name(word: str, table: RoleTable) -> bool:
    return word in BODY_WORDS or word.lower() in table.titles
