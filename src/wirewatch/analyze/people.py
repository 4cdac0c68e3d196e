"""People's names chained into persons, and the bare surnames the NER missed.

A later or earlier name whose words are a subsequence of a fuller one with the same
surname is the same person ("Erdogan" <- "Tayyip Erdogan" <- "Recep Tayyip Erdogan");
a name matching several persons goes to the one last seen.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span

from wirewatch.analyze.mentions import POSSESSIVES, Found, name_word, tokens_of
from wirewatch.analyze.roles import Words
from wirewatch.knowledge.names import fold


@dataclass(slots=True)
class _Person:
    words: list[str]
    last_seen: tuple[int, int]


def name_key(span: Span) -> list[str]:
    """A name's words as compared: folded, casefolded, without possessives and dots."""
    return _name_words([t.text for t in span])


def _name_words(texts: list[str]) -> list[str]:
    return [_word_key(text) for text in texts if text not in POSSESSIVES]


def _word_key(text: str) -> str:
    return fold(text).casefold().rstrip(".")


def same_person(a: list[str], b: list[str]) -> bool:
    """One name is the other's or a shortening of it that keeps the surname."""
    if not a or not b or a[-1] != b[-1]:
        return False
    return _subsequence(a, b) or _subsequence(b, a)


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def chain_people(people: list[Found]) -> list[Found]:
    """Each person mention keyed to one person, names chained as the module says."""
    persons: list[_Person] = []
    out: list[Found] = []
    for f in sorted(people, key=lambda f: f.order):
        words = name_key(f.span)
        matches = [p for p in persons if same_person(words, p.words)]
        if matches:
            person = max(matches, key=lambda p: p.last_seen)
            if len(words) > len(person.words):
                person.words = words
        else:
            person = _Person(words, f.order)
            persons.append(person)
        person.last_seen = f.order
        out.append(replace(f, key=f"person:{persons.index(person)}"))
    return out


# ---------------------------------------------------------------- surnames


def surnames(words: Sequence[Words], people: list[Found], others: list[Found]) -> list[Found]:
    """Names of known people that the NER did not mark: "But Cavusoglu, in comments ..."."""
    keys = _person_forms(people)
    if not keys:
        return []
    forms = _Forms.of(keys)
    added: list[Found] = []
    for paragraph, paragraph_words in enumerate(words):
        taken = {i for f in people if f.paragraph == paragraph for i in tokens_of(f.span)}
        taken |= {
            i
            for f in others
            if f.paragraph == paragraph and f.span.kb_id_
            for i in tokens_of(f.span)
        }
        added += _find_forms(paragraph_words, paragraph, forms, taken)
    return added


def _person_forms(people: list[Found]) -> dict[tuple[str, ...], str]:
    """Each person's full name and surname (and their two last words), to their key."""
    forms: dict[tuple[str, ...], set[str]] = {}
    for f in people:
        words = name_key(f.span)
        for size in (len(words), 2, 1):
            if 0 < size <= len(words):
                forms.setdefault(tuple(words[-size:]), set()).add(f.key)
    # A surname two people share ("Bush") names neither.
    return {form: keys.pop() for form, keys in forms.items() if len(keys) == 1}


@dataclass(frozen=True, slots=True)
class _Forms:
    """The known people's forms, their longest in words, and the words they start with."""

    keys: dict[tuple[str, ...], str]
    longest: int
    firsts: frozenset[str]

    @classmethod
    def of(cls, keys: dict[tuple[str, ...], str]) -> _Forms:
        longest = max(len(form) for form in keys)
        return cls(keys, longest, frozenset(form[0] for form in keys))


def _find_forms(words: Words, paragraph: int, forms: _Forms, taken: set[int]) -> Iterator[Found]:
    texts = words.text
    i = 0
    while i < len(texts):
        hit = _form_at(texts, i, forms, taken)
        if hit is None:
            i += 1
            continue
        end, key = hit
        yield Found(paragraph, Span(words.doc, i, end, label="PERSON"), "PERSON", key)
        i = end


def _form_at(texts: list[str], i: int, forms: _Forms, taken: set[int]) -> tuple[int, str] | None:
    """The end and key of the longest known form starting a name at token ``i``, when
    the name ends there too (a fuller, unknown name is someone else)."""
    if i in taken or not name_word(texts[i]) or (i > 0 and name_word(texts[i - 1])):
        return None
    if _word_key(texts[i]) not in forms.firsts:  # no form starts here: skip the lookups
        return None
    for size in range(min(forms.longest, len(texts) - i), 0, -1):
        key = forms.keys.get(tuple(_name_words(texts[i : i + size])))
        if key is None or taken.intersection(range(i, i + size)):
            continue
        after = texts[i + size] if i + size < len(texts) else ""
        return None if name_word(after) else (i + size, key)
    return None
