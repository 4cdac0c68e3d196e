"""Speakers as written: the phrase that says a reporting verb's words, and its head.

A name or pronoun right before the verb is its subject whatever the parse says;
otherwise the parser's subject, when it is a noun or pronoun before the verb; else
the noun phrase before the verb, past adverbs, auxiliaries and a parenthesis
("Cavusoglu, in comments broadcast live on Monday, denied"). An inverted verb
(`"...," said Peskov`) has its speaker after it; a verb that shares a subject
("said ... but denied having suggested") takes the first verb's.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from wirewatch.analyze.verbs import reporting_lemma

ACCORDING_TO = "according to"
# Words between a subject and its verb ("has also said", "on Monday told").
BETWEEN = frozenset(
    "has have had was were is are will would also later then again previously earlier "
    "separately repeatedly once not n't never further however meanwhile too".split()
)
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "week month year morning afternoon evening night weekend".split()
)
# Words that cannot be inside a speaker's noun phrase.
STOP = frozenset(
    "and but or nor so yet that which who whom whose where when while because although "
    "though if whether as than to of in on at by for with from into about after before "
    "during over under since until via per against between among through not n't".split()
)
SUBJECT_PRONOUNS = frozenset("i you he she it we they there".split())
_NOMINAL = frozenset({"PROPN", "NOUN", "PRON", "NUM"})
_NP_POS = frozenset({"PROPN", "NOUN", "PRON", "NUM", "ADJ", "DET", "PART"})
# What may stand between "but" or "and" and a verb sharing the first one's subject.
_BEFORE_COORDINATED = BETWEEN | {"having", "been"}
MAX_PARENTHESIS = 25
MAX_ADJUNCT = 12


@dataclass(frozen=True, slots=True)
class Phrase:
    """A speaker as written: character offsets of the phrase and of its head word."""

    start: int
    end: int
    head_start: int
    head_end: int
    text: str
    head: str
    pronoun: bool


def is_np_token(token: Token) -> bool:
    if token.lower_ in STOP or not token.text.strip() or token.is_punct:
        return token.text in {"'s", "’s", "'", "’"} and token.i > 0 and token.nbor(-1).is_alpha
    if reporting_lemma(token) is not None:
        return False
    return token.pos_ in _NP_POS or (token.text[:1].isupper() and token.pos_ not in {"VERB", "AUX"})


def phrase_of(doc: Doc, lo: int, hi: int) -> Phrase | None:
    """The phrase doc[lo:hi] with its head: the last noun, name or pronoun in it."""
    # one list of the tokens: every doc[i] and doc[lo:hi] makes new Token objects
    tokens = list(doc[lo:hi])
    while tokens and (tokens[0].pos_ in {"PART", "ADP"} or tokens[0].text in {"'s", "’s", "."}):
        del tokens[0]
    # "Claudio De Vincenti, undersecretary to ...": a name before its apposition
    comma = next((k for k, t in enumerate(tokens) if k and t.text == ","), len(tokens))
    if any(t.pos_ == "PROPN" for t in tokens[:comma]):
        del tokens[comma:]
    # "Director of the study": the head stands before the first preposition
    cut = next((k for k, t in enumerate(tokens) if k and t.lower_ in STOP), len(tokens))
    heads = [t for t in tokens[:cut] if t.pos_ in _NOMINAL or t.text[:1].isupper()]
    if not heads:
        return None
    head, first, last = heads[-1], tokens[0], tokens[-1]
    end = last.idx + len(last.text)
    return Phrase(
        first.idx,
        end,
        head.idx,
        head.idx + len(head.text),
        "".join([t.text_with_ws for t in tokens[:-1]]) + last.text,
        head.text,
        pronoun=head.lower_ in SUBJECT_PRONOUNS or head.pos_ == "PRON",
    )


def parsed_subject(verb: Token, lo: int, hi: int) -> Phrase | None:
    for child in verb.children:
        if child.dep_ not in {"nsubj", "nsubj:pass"} or not lo <= child.i < hi:
            continue
        if _nominal(child) or child.lower_ in SUBJECT_PRONOUNS:
            left = max(lo, child.left_edge.i)
            right = child.i + 1
            # "Professor Cres Eastman": the parser may head a name by its first word
            while right < hi and _name_part(verb.doc[right], child):
                right += 1
            return phrase_of(verb.doc, left, min(hi, right))
    return None


def _nominal(token: Token) -> bool:
    # The tagger and the morphologizer disagree at times; either one saying so is enough.
    return token.pos_ in _NOMINAL or token.tag_.startswith(("NN", "PRP", "CD"))


def _proper(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.tag_ in {"NNP", "NNPS"}


def _name_part(token: Token, head: Token) -> bool:
    if _proper(token) and _proper(head):
        return True
    return token.head == head and token.dep_ in {"flat", "compound", "flat:name", "fixed"}


def _skip_back(doc: Doc, j: int, lo: int) -> int:
    """From just before a verb, back past adverbs, auxiliaries and a parenthesis."""
    while j >= lo:
        token = doc[j]
        if token.lower_ in BETWEEN or (token.pos_ == "ADV" and token.lower_ not in STOP):
            j -= 1
        elif token.lower_ in TIME_WORDS and j - 1 >= lo and doc[j - 1].lower_ in {"on", "last"}:
            j -= 2
        elif token.text == ")":
            j = _opening_bracket(doc, j, lo) - 1  # "The World Health Organisation (WHO) says"
        elif token.text == ",":
            named = _named_opening(doc, lo, j)
            if named is not None:
                return named
            k = j - 1
            while k >= max(lo, j - MAX_PARENTHESIS) and doc[k].text != ",":
                k -= 1
            if k < lo or doc[k].text != ",":
                return _clause_initial_subject(doc, lo, j)
            if k - 1 < lo or not is_np_token(doc[k - 1]):
                return j
            j = k - 1
        else:
            return j
    return j


def _opening_bracket(doc: Doc, j: int, lo: int) -> int:
    """The "(" that the ")" at j closes, or lo."""
    depth = 0
    while j >= lo:
        depth += {")": 1, "(": -1}.get(doc[j].text, 0)
        if depth == 0:
            return j
        j -= 1
    return lo


def _named_opening(doc: Doc, lo: int, comma: int) -> int | None:
    """ "Professor Cres Eastman, Director of ..., and Chairman of ..., says": a sentence
    that opens with a name and a comma has that name for the subject of its verb."""
    if not _name_word(doc[lo]) or doc[lo].lower_ in TIME_WORDS:
        return None
    end = lo
    while end + 1 < comma and _name_word(doc[end + 1]):
        end += 1
    return end if end + 1 < comma and doc[end + 1].text == "," else None


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.text[:1].isupper())


def _clause_initial_subject(doc: Doc, lo: int, comma: int) -> int:
    """ "Lydia Buchtmann for Food Standards Australia, says": one comma, the subject first."""
    if comma - lo <= MAX_ADJUNCT and is_np_token(doc[lo]) and doc[lo].pos_ != "ADP":
        first_stop = next((t.i for t in doc[lo:comma] if t.lower_ in STOP), comma)
        return first_stop - 1 if first_stop > lo else comma
    return comma


def subject_left(doc: Doc, verb: int, lo: int) -> Phrase | None:
    """The noun phrase before `verb` that says it: "Kremlin spokesman Dmitry Peskov told".

    A name or pronoun right before the verb is its subject whatever the parse says
    ("Minister of Education Stefania Giannini said"); otherwise the parse decides,
    and the words before the verb when it has no answer.
    """
    end = _skip_back(doc, verb - 1, lo)
    nearest = None
    if end >= lo and is_np_token(doc[end]):
        start = end
        while start - 1 >= lo and is_np_token(doc[start - 1]):
            start -= 1
        nearest = phrase_of(doc, start, end + 1)
    if nearest is not None and end == verb - 1 and doc[end].pos_ in {"PROPN", "PRON"}:
        return nearest
    parsed = parsed_subject(doc[verb], lo, verb)
    if parsed is not None and nearest is not None and _inside_apposition(doc, nearest, parsed):
        return nearest
    return parsed or nearest


def _inside_apposition(doc: Doc, nearest: Phrase, parsed: Phrase) -> bool:
    """ "Professor Cres Eastman, Director of the study, says": the parse took a noun of
    the apposition, set in commas after the name that the verb's subject is."""
    if not nearest.end <= parsed.start:
        return False
    between = doc.char_span(nearest.end, parsed.start, alignment_mode="expand")
    return between is not None and any(t.text == "," for t in between)


def subject_right(doc: Doc, verb: int, hi: int) -> Phrase | None:
    """The noun phrase after an inverted verb: `"...," said Dmitry Peskov`."""
    end = verb + 1
    while end < hi and is_np_token(doc[end]):
        end += 1
    return phrase_of(doc, verb + 1, end)


def according_source(doc: Doc, to: int, hi: int) -> Phrase | None:
    """The source after "according to" (`to` is the index of "to"): up to the comma that
    closes it when no verb stands before that comma ("According to Afghanistan's
    ambassador to the United States Hamdullah Mohib, ..."), else its noun phrase."""
    end = to + 1
    while end < min(hi, to + 1 + MAX_ADJUNCT) and doc[end].text != ",":
        token = doc[end]
        # a capitalised "verb" is a word of a name ("the United States")
        if (token.pos_ in {"VERB", "AUX"} and token.text[:1].islower()) or token.lower_ in {
            "that",
            "which",
            "who",
        }:
            break
        end += 1
    if to + 1 < end < hi and doc[end].text == ",":
        return phrase_of(doc, to + 1, end)
    return subject_right(doc, to, hi)


def according_to(doc: Doc, i: int, hi: int) -> bool:
    """ "according to X" and "in the words of X" name a speaker after them."""
    word = doc[i].lower_
    nxt = doc[i + 1].lower_ if i + 1 < hi else ""
    if word == "according":
        # "justice according to the law" is not a source: a source stands apart, by a comma
        opens = i == 0 or doc[i - 1].is_punct or bool(doc[i].is_sent_start)
        return nxt == "to" and opens
    return word == "words" and nxt == "of" and i >= 2 and doc[i - 2].lower_ == "in"


def speaker_of(
    doc: Doc, verb: int, lemma: str, bounds: tuple[int, int], prior: Phrase | None
) -> Phrase | None:
    """Who says it; `prior` is the speaker of the sentence's previous reporting verb."""
    lo, hi = bounds
    if lemma == ACCORDING_TO:
        return according_source(doc, verb + 1, hi)
    if prior is not None and _coordinated(doc, verb, lo):
        return prior
    if doc[verb].lower_.endswith("ing") and verb > lo and doc[verb - 1].text == ",":
        # "..., writing:" hangs from its clause; the words before the comma are not its
        # subject, the clause's is, and a clause's first subject when the parse loses the way
        found = (
            _governor_subject(doc[verb], lo, verb)
            or _first_subject(doc, lo, verb)
            or _opening_phrase(doc, lo, verb)
        )
    elif verb > lo and doc[verb - 1].text == "," and _set_off(doc, verb, hi):
        found = subject_right(doc, verb, hi)
    else:
        found = subject_left(doc, verb, lo) or _governor_subject(doc[verb], lo, verb)
    if found is None and _inverted(doc, verb, lo):
        found = subject_right(doc, verb, hi)
    return found


def _first_subject(doc: Doc, lo: int, hi: int) -> Phrase | None:
    for token in doc[lo:hi]:
        if token.dep_ == "nsubj" and token.pos_ in _NOMINAL:
            return parsed_subject(token.head, lo, hi)
    return None


def _opening_phrase(doc: Doc, lo: int, hi: int) -> Phrase | None:
    """ "The Senator from Alaska, in explaining ..., tried ..., writing:": when the parse
    finds no subject, the noun phrase that opens the sentence, if it opens with one."""
    if lo >= hi or doc[lo].pos_ not in {"DET", "PROPN", "NOUN", "PRON"}:
        return None
    end = lo
    while end < hi and is_np_token(doc[end]):
        end += 1
    return phrase_of(doc, lo, end) if end > lo else None


def _set_off(doc: Doc, verb: int, hi: int) -> bool:
    """ "Institutional recipients, said Mauer, are ...": a name set off after the verb."""
    end = verb + 1
    while end < hi and is_np_token(doc[end]):
        end += 1
    named = any(t.pos_ == "PROPN" for t in doc[verb + 1 : end])
    return named and end < len(doc) and doc[end].text in {",", ".", ";"}


def _coordinated(doc: Doc, verb: int, lo: int) -> bool:
    """ "said ... but denied having suggested": verbs sharing the first one's subject."""
    j = verb - 1
    while j > lo and (
        doc[j].pos_ in {"ADV", "AUX", "PART"} or doc[j].lower_ in _BEFORE_COORDINATED
    ):
        j -= 1
    return j > lo and (doc[j].lower_ in {"but", "and"} or reporting_lemma(doc[j]) is not None)


def _inverted(doc: Doc, verb: int, lo: int) -> bool:
    """`"...," said Peskov`: nothing but punctuation and adverbs before the verb."""
    return all(t.is_punct or t.pos_ == "ADV" or t.lower_ in BETWEEN for t in doc[lo:verb])


def _governor_subject(verb: Token, lo: int, hi: int) -> Phrase | None:
    """The subject of the verb a subjectless one hangs from: "Turkey said ... but denied"."""
    token = verb
    # "..., writing: ...": a participle's subject is its clause's
    climbs = {"xcomp", "conj", "advcl"} if verb.lower_.endswith("ing") else {"xcomp", "conj"}
    for _ in range(3):
        if token.dep_ not in climbs or token.head is token:
            return None
        token = token.head
        found = parsed_subject(token, lo, hi)
        if found is not None:
            return found
    return None
