"""Reported speech in one paragraph: quotes, their attributions and indirect speech.

The reading leans on what survives a weak parse: quotation marks, the reporting
verbs of reporting_verbs.txt, punctuation and the words right before and after a
verb. The parse is asked only for a verb's subject, and its answer is taken only
when it is a noun or pronoun beside the verb's clause.

A quote's attribution is the narrative next to it in the same sentence: after it
(`"...," he said`), before it (`He said: "..."`), or between the halves of a
split quote. A quote is `direct` when it stands as its own sentence or clause
beside its attribution, `partial` when it is a phrase inside reported text (called
it a "serious statement"); a partial quote with no reporting verb in its sentence
is a scare quote and is dropped. Indirect speech is a reporting verb's clause
(said on Monday it wanted ...; ..., he said; according to X, ...). A verb of
thought, belief or perception reports a `stance` the same way ("analysts believe
...", "investigators found that ..."); it attributes no quotation, and no quote
after it takes its holder for speaker.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from wirewatch.analyze.marks import Marked, quoted
from wirewatch.analyze.speakers import (
    ACCORDING_TO,
    MAX_ADJUNCT,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
    Phrase,
    according_source,
    according_to,
    is_np_token,
    parsed_subject,
    phrase_of,
    speaker_of,
)
from wirewatch.analyze.verbs import cue_forms, needs_marker, reporting_lemma, stance_lemma

DIRECT, PARTIAL, INDIRECT, STANCE = "direct", "partial", "indirect", "stance"
# Kinds without quotation marks: never a quote that a later quote continues.
UNQUOTED = frozenset({INDIRECT, STANCE})
_ENDERS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_MARK_CHARS = "\"“”„«»‟'‘’‚‹›"
_FINITE = frozenset(
    "is are was were am be been will would could can may might must should shall had has "
    "have did does do 's 're 've 'd 'll wo ca".split()
)
_CLAUSE_PREPOSITIONS = frozenset(
    "on in at during after before via through over from with late early last this of to".split()
)
_OBJECT_VERBS = frozenset(
    "tell inform notify remind assure reassure warn advise brief ask urge promise".split()
)
_BE = frozenset("be been being is was were are am".split())
_WH = frozenset("whether if why how what when where who".split())
MIN_CLAUSE_TOKENS = 3
MAX_APPOSITION = 10
_NOUN_PHRASE = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM"})
# "said the decline in iodine intake appears": how far a clause's verb may follow its start.
MAX_SUBJECT = 10
_CLAUSE_BREAK = frozenset("and but or so yet that which who whom because although if".split())
# "..., Kremlin spokesman Dmitry Peskov told reporters on Monday.": the longest such tail.
MAX_SPEAKER_TOKENS = 12
MAX_TRAILING = 7
MAX_SIGNATURE = 6
# The first words of "according to X" and "in the words of X".
_SOURCE_WORDS = frozenset({"according", "words"})
# Built once, not on every call or loop turn.
_CLEAN_ENDS = frozenset(".,!?…—–-:;")
_TITLE_SMALL_WORDS = frozenset("of the a an and in on for to with at by".split())
_OBJECT_STOPS = SUBJECT_PRONOUNS - {"it"}


@dataclass(frozen=True, slots=True)
class Speech:
    """One piece of reported speech in a paragraph (offsets of its text).

    `follows` is True for a quote that opens its paragraph, with no attribution
    of its own: it may go on from the paragraph before. `open_end`: the quote
    is still open when the paragraph ends, so the next paragraph's first quote
    continues it.
    """

    kind: str
    start: int
    end: int
    verb: str | None
    speaker: Phrase | None
    at: int
    follows: bool = False
    open_end: bool = False


@dataclass(frozen=True, slots=True)
class Act:
    """A reporting verb with a speaker, quote or not: "Cavusoglu ... denied ...".

    Speaker-less quotes in the next paragraph may continue an act that ends its
    paragraph (`final`), the strongest cue a reader has.
    """

    verb: str
    speaker: Phrase
    at: int
    final: bool


@dataclass(frozen=True, slots=True)
class Reading:
    """What one paragraph says who said: its speeches, acts and quoted stretches."""

    speeches: tuple[Speech, ...]
    acts: tuple[Act, ...]
    quoted: tuple[Marked, ...]
    ends_with_colon: bool
    # spaCy rebuilds Doc.text from every token on each access: read it once, here
    text: str


@dataclass(frozen=True, slots=True)
class _Layout:
    """Per token: the quote it is inside (-1: narrative), mark or not, sentence starts;
    and the tokens that may be reporting verbs, the only ones _verbs looks at."""

    inside: tuple[int, ...]
    mark: tuple[bool, ...]
    starts: tuple[bool, ...]
    cues: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Tokens:
    """What one pass over a Doc's tokens gives: the text as Doc.text spells it, each
    token's words and offset, and the tokens that may report speech. Every `doc[i]`
    makes a new Token object (and Doc.text one per token), the reader's main cost:
    the layout reads these lists instead."""

    text: str
    words: list[str]
    offsets: list[int]
    cues: tuple[int, ...]


def _tokens(doc: Doc) -> _Tokens:
    words: list[str] = []
    spaces: list[str] = []
    offsets: list[int] = []
    cues: list[int] = []
    forms = cue_forms()
    for token in doc:
        words.append(token.text)
        spaces.append(token.whitespace_)
        offsets.append(token.idx)
        lower = token.lower_
        # the test of reporting_lemma and according_to that most words fail
        if lower in forms or lower in _SOURCE_WORDS or token.lemma_.lower() in forms:
            cues.append(token.i)
    text = "".join([w + s for w, s in zip(words, spaces, strict=True)])
    return _Tokens(text, words, offsets, tuple(cues))


def _layout(tokens: _Tokens, marks: tuple[Marked, ...]) -> _Layout:
    words = tokens.words
    inside = _inside(words, tokens.offsets, marks)
    # a mark token is nothing but marks: stripping them leaves nothing
    mark = [bool(w) and not w.strip(_MARK_CHARS) for w in words]
    # only a token after an ender or a mark can start a sentence: the full test for those
    starts = [
        i == 0 or ((mark[i - 1] or words[i - 1] in _ENDERS) and _starts_sentence(words, i, mark))
        for i in range(len(words))
    ]
    return _Layout(tuple(inside), tuple(mark), tuple(starts), tokens.cues)


def _inside(words: list[str], offsets: list[int], marks: tuple[Marked, ...]) -> list[int]:
    inside = [-1] * len(words)
    if not marks:
        return inside
    q = 0
    for i, (word, at) in enumerate(zip(words, offsets, strict=True)):
        end = at + len(word)
        while q < len(marks) and marks[q].end <= at and not _covers(marks[q], at, end):
            q += 1
        if q < len(marks) and _covers(marks[q], at, end):
            inside[i] = q
    return inside


def _covers(marked: Marked, start: int, end: int) -> bool:
    return marked.start <= start and end <= marked.end


def _starts_sentence(words: list[str], i: int, mark: list[bool]) -> bool:
    if i == 0:
        return True
    p = i - 1
    while p > 0 and mark[p] and words[p] in "\"”’'":
        p -= 1
    if words[p] not in _ENDERS or (mark[i] and words[i] in "”’"):
        return False
    j = i
    while j < len(words) - 1 and mark[j]:
        j += 1
    return not words[j][:1].islower()


def _sentence_bounds(layout: _Layout, i: int) -> tuple[int, int]:
    lo = i
    while lo > 0 and not layout.starts[lo]:
        lo -= 1
    hi = i + 1
    while hi < len(layout.starts) and not layout.starts[hi]:
        hi += 1
    return lo, hi


def _verbs(
    doc: Doc, lo: int, hi: int, layout: _Layout, stance: bool = False
) -> Iterator[tuple[int, str, bool]]:
    """The reporting verbs of doc[lo:hi] outside quotes, each with whether it reports a
    stance; verbs of thought and perception only when `stance` asks for them."""
    cues = layout.cues
    for i in cues[bisect_left(cues, lo) : bisect_left(cues, hi)]:
        if layout.inside[i] >= 0 or layout.mark[i]:
            continue
        if according_to(doc, i, hi):
            yield i, ACCORDING_TO, False
            continue
        lemma = reporting_lemma(doc[i])
        held = None if lemma is not None or not stance else stance_lemma(doc[i])
        if (lemma or held) and not _passive(doc, i, lo):
            yield i, lemma or held or "", held is not None


def _passive(doc: Doc, verb: int, lo: int) -> bool:
    """ "should be declared guilty": a passive reporting verb has no speaker for subject."""
    j = verb - 1
    while j >= lo and doc[j].pos_ == "ADV":
        j -= 1
    return j >= lo and doc[j].lower_ in _BE and not doc[verb].lower_.endswith("ing")


# Quotes --------------------------------------------------------------------------------


def _quote_tokens(layout: _Layout) -> dict[int, tuple[int, int]]:
    """Each quote's first token and the token after its last."""
    ranges: dict[int, tuple[int, int]] = {}
    for i, q in enumerate(layout.inside):
        if q >= 0:
            ranges[q] = (ranges.get(q, (i, i))[0], i + 1)
    return ranges


def _narrative_after(layout: _Layout, end: int) -> tuple[int, int]:
    """The narrative tokens from `end` (after the marks) to the next quote or sentence end."""
    lo = end
    while lo < len(layout.mark) and layout.mark[lo] and layout.inside[lo] < 0:
        lo += 1
    hi = lo
    while hi < len(layout.mark) and layout.inside[hi] < 0 and not layout.mark[hi]:
        hi += 1
        if hi < len(layout.mark) and layout.starts[hi]:
            break
    return lo, hi


def _narrative_before(layout: _Layout, start: int) -> tuple[int, int]:
    hi = start
    while hi > 0 and layout.mark[hi - 1] and layout.inside[hi - 1] < 0:
        hi -= 1
    lo = hi
    while (
        lo > 0 and layout.inside[lo - 1] < 0 and not layout.mark[lo - 1] and not layout.starts[lo]
    ):
        lo -= 1
    return lo, hi


@dataclass(frozen=True, slots=True)
class _Attribution:
    verb: str
    at: int
    speaker: Phrase | None


def _attribution(
    doc: Doc, layout: _Layout, span: tuple[int, int], last: bool
) -> _Attribution | None:
    lo, hi = span
    found = list(_verbs(doc, lo, hi, layout))
    if not found:
        return None
    verb, lemma, _ = found[-1] if last else found[0]
    return _Attribution(lemma, doc[verb].idx, speaker_of(doc, verb, lemma, (lo, hi), None))


def _ends_clean(doc: Doc, first: int, last: int, text: str, marked: Marked) -> bool:
    inner = text[marked.start : marked.end].rstrip()
    return not marked.closed or inner[-1:] in _CLEAN_ENDS or last >= len(doc)


def _starts_clean(doc: Doc, layout: _Layout, first: int) -> bool:
    opening = first
    while opening > 0 and layout.mark[opening - 1] and layout.inside[opening - 1] < 0:
        opening -= 1
    if opening == 0 or layout.starts[opening] or layout.starts[first]:
        return True
    before = doc[opening - 1]
    return before.text in {":", ",", "—", "–", "-"} or reporting_lemma(before) is not None


def _quote_speeches(
    doc: Doc, text: str, layout: _Layout, marks: tuple[Marked, ...]
) -> list[Speech]:
    speeches: list[Speech] = []
    ranges = _quote_tokens(layout)
    for q, marked in enumerate(marks):
        if q not in ranges:
            continue
        first, last = ranges[q]
        after_span = _narrative_after(layout, last)
        before_span = _narrative_before(layout, first)
        after = None
        if marked.closed and _attaches(doc, layout, after_span, text[marked.start : marked.end]):
            after = _attribution(doc, layout, after_span, last=False)
        before = _attribution(doc, layout, before_span, last=True)
        # `"... living", said Gustafon.`: a comma outside the marks, then the attribution
        ends = _ends_clean(doc, first, last, text, marked) or (
            after is not None and text[marked.end + 1 : marked.end + 2] in {",", "."}
        )
        clean = _starts_clean(doc, layout, first) and ends
        kind = DIRECT if clean else PARTIAL
        # `X notes, "...", highlighting ...`: a participle after a quote is no attribution
        # when one stands before it
        if after is not None and before is not None and _participle(doc, after):
            after = None
        chosen = (after or before) if kind == DIRECT else (before or after)
        if chosen is None and kind == DIRECT:
            chosen = _signed(doc, layout, after_span) or _introduced(doc, layout, first)
        if chosen is None and kind == PARTIAL:
            chosen = _sentence_attribution(doc, layout, first)
        if kind == PARTIAL and (chosen is None or _a_title(text[marked.start : marked.end])):
            continue  # a scare quote or a title: nobody in the sentence says it
        start, end = _trimmed(text, marked.start, marked.end)
        opens = first == 0 or (all(layout.mark[i] for i in range(first)) and not speeches)
        speeches.append(
            Speech(
                kind,
                start,
                end,
                (chosen.verb or None) if chosen else None,
                chosen.speaker if chosen else None,
                chosen.at if chosen else start,
                follows=chosen is None and opens,
                open_end=not marked.closed and marked.end >= len(text.rstrip()),
            )
        )
    return speeches


def _participle(doc: Doc, attribution: _Attribution) -> bool:
    verb = doc[_token_at(doc, attribution.at)]
    return verb.lower_.endswith("ing")


def _attaches(doc: Doc, layout: _Layout, span: tuple[int, int], inner: str) -> bool:
    """Whether the narrative after a quote is its attribution: in the same sentence, or
    right after a question or exclamation (`"Why?" Peskov asked.`)."""
    lo, hi = span
    if lo >= hi or not layout.starts[lo]:
        return True
    asks = inner.rstrip()[-1:] in {"?", "!"}
    return asks and any(reporting_lemma(t) for t in doc[lo : min(hi, lo + 4)])


def _sentence_attribution(doc: Doc, layout: _Layout, first: int) -> _Attribution | None:
    """The reporting verb before a partial quote in its sentence: described it as "..."."""
    lo, _ = _sentence_bounds(layout, first)
    return _attribution(doc, layout, (lo, first), last=True)


def _a_title(quoted_text: str) -> bool:
    """ "The Internet Explorer 6 Countdown", "History": names of works, not words said."""
    words = [w for w in quoted_text.split() if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() or w in _TITLE_SMALL_WORDS for w in words)


def _signed(doc: Doc, layout: _Layout, span: tuple[int, int]) -> _Attribution | None:
    """`"..." - Matthew Ingram`: a quote signed with a dash and a name."""
    lo, hi = span
    if lo >= hi or doc[lo].text not in {"-", "—", "–", "--"}:
        return None
    rest = [t for t in doc[lo + 1 : hi] if not t.is_punct]
    if not rest or len(rest) > MAX_SIGNATURE or any(not t.text[:1].isupper() for t in rest):
        return None
    phrase = phrase_of(doc, rest[0].i, rest[-1].i + 1)
    return _Attribution("", doc[lo].idx, phrase) if phrase else None


def _introduced(doc: Doc, layout: _Layout, first: int) -> _Attribution | None:
    """`Sunak defended the record: "..."`: a colon hands the quote to the sentence's subject,
    when that subject is a name or a pronoun."""
    lo, _ = _sentence_bounds(layout, first)
    hi = first
    while hi > lo and layout.mark[hi - 1]:
        hi -= 1
    if hi <= lo or doc[hi - 1].text != ":":
        return None
    for token in doc[lo:hi]:
        if token.dep_ == "nsubj" and _name_or_pronoun(token) and lo <= token.head.i < hi:
            phrase = parsed_subject(token.head, lo, hi)
            if phrase is not None:
                return _Attribution("", token.head.idx, phrase)
    return None


def _name_or_pronoun(token: Token) -> bool:
    # The tagger and the morphologizer disagree at times; either one saying so is enough.
    return token.pos_ in {"PROPN", "PRON"} or token.tag_ in {"NNP", "NNPS", "PRP"}


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


# Indirect speech -----------------------------------------------------------------------


def _skip_adjuncts(doc: Doc, j: int, hi: int, lemma: str) -> int:
    """Past what stands between a verb and its clause: objects, times, "in a statement"."""
    limit = min(hi, j + MAX_ADJUNCT)
    if lemma in _OBJECT_VERBS and j < limit and doc[j].lower_ not in {"that", *_WH}:
        while j < limit and is_np_token(doc[j]) and doc[j].lower_ not in _OBJECT_STOPS:
            j += 1
    while j < limit:
        token = doc[j]
        if token.text == "," or token.lower_ in TIME_WORDS or token.lower_ in {"also", "then"}:
            j += 1
        elif token.lower_ in _CLAUSE_PREPOSITIONS:
            j += 1
            while j < limit and is_np_token(doc[j]) and doc[j].lower_ not in SUBJECT_PRONOUNS:
                j += 1
        else:
            break
    return j


def _clause_start(doc: Doc, j: int, hi: int, lemma: str) -> int | None:
    if j >= hi:
        return None
    word = doc[j].lower_
    if word == "that":
        return j + 1
    if word in _WH and word not in {"who"}:
        return j
    if word in SUBJECT_PRONOUNS or is_np_token(doc[j]) or _gerund_subject(doc[j]):
        return j if _finite_follows(doc, j + 1, hi) else None
    return None


def _gerund_subject(token: Token) -> bool:
    """ "say adding the mineral to salt is the simplest method": a gerund as subject."""
    return token.tag_ == "VBG" and token.dep_ in {"csubj", "csubj:pass"}


def _finite_follows(doc: Doc, k: int, hi: int) -> bool:
    """Whether a finite verb follows a clause's first word within a subject's length,
    past quotation marks (`a "more general reflection" is needed`) and an apposition
    set in commas ("John Kerry, the Secretary of State, contacted ...")."""
    taken = 0
    while k < hi and taken < MAX_SUBJECT:
        token = doc[k]
        if token.lower_ in _FINITE or (
            token.pos_ in {"VERB", "AUX"} and "Fin" in token.morph.get("VerbForm", [])
        ):
            return True
        if token.text == ",":
            closing = _apposition_end(doc, k, hi)
            if closing is None:
                return False
            k = closing + 1
            continue
        if token.text == "(":
            k = _closing_bracket(doc, k, hi)  # "said a reform (of the law) is needed"
            continue
        if token.lower_ in {"and", "or"} and k + 1 < hi and is_np_token(doc[k + 1]):
            k += 1  # "said the army and police would ...": one subject of two nouns
            continue
        if (token.is_punct and token.text.strip(_MARK_CHARS)) or token.lower_ in _CLAUSE_BREAK:
            return False
        k += 1
        taken += 1
    return False


def _closing_bracket(doc: Doc, k: int, hi: int) -> int:
    """The token after the ")" that closes the bracket at k, or hi."""
    depth = 0
    for token in doc[k:hi]:
        depth += {"(": 1, ")": -1}.get(token.text, 0)
        if depth == 0:
            return token.i + 1
    return hi


def _apposition_end(doc: Doc, comma: int, hi: int) -> int | None:
    """The comma that closes a noun phrase set in commas after `comma`, if one does."""
    end = comma + 1
    if end >= hi or doc[end].pos_ not in {"DET", "PROPN", "NOUN", "ADJ", "NUM"}:
        return None
    while end < min(hi, comma + 1 + MAX_APPOSITION) and doc[end].text != ",":
        token = doc[end]
        if token.pos_ in {"VERB", "AUX", "PRON"} or token.lower_ in _CLAUSE_BREAK:
            return None
        end += 1
    return end if end < hi and doc[end].text == "," else None


def _after_object(doc: Doc, span: tuple[int, int], hi: int, lemma: str) -> int | None:
    """ "told BBC News every claim will be assessed": where the object ends and the
    clause begins, when the object's words ran into the clause's subject."""
    for k in range(*span):
        # a noun phrase opens with a determiner, or with a noun no noun stands before
        opens = doc[k].pos_ in {"PROPN", "NOUN"} and doc[k - 1].pos_ not in _NOUN_PHRASE
        if doc[k].pos_ in {"DET", "PRON", "NUM"} or opens:
            start = _clause_start(doc, k, hi, lemma)
            if start is not None:
                return start
    return None


def _stance_clause_start(doc: Doc, j: int, hi: int, lemma: str) -> int | None:
    """Where the clause of a stance verb starts: right after it, "that" or a wh-word
    first; a bare clause only for verbs of thought ("I think it is", not "saw it was")."""
    if (j < hi and doc[j].lower_ in {"that", *_WH}) or not needs_marker(lemma):
        return _clause_start(doc, j, hi, lemma)
    return None


def _clause_end(doc: Doc, start: int, hi: int, layout: _Layout) -> int:
    """Where a reported clause ends: the sentence's end, or a second reporting verb."""
    end = hi
    for token in doc[start:hi]:
        nxt = token.i + 1
        if token.lower_ in {"but", "and"} and nxt < hi and reporting_lemma(doc[nxt]) is not None:
            end = token.i
            break
        if token.text == "," and nxt + 1 < hi and doc[nxt].lower_ == "according":
            end = token.i
            break
        if token.lower_ == "but" and token.i > start and _new_clause(doc, nxt, hi):
            end = token.i  # "said X, but he did not ...": the contrast is the writer's
            break
    while end > start and (
        doc[end - 1].is_punct or layout.mark[end - 1] or doc[end - 1].lower_ in {"and", "but"}
    ):
        end -= 1
    return end


def _new_clause(doc: Doc, j: int, hi: int) -> bool:
    """Whether doc[j:] opens a clause of its own: a subject pronoun and a finite verb."""
    return j < hi and doc[j].lower_ in SUBJECT_PRONOUNS and _finite_follows(doc, j + 1, hi)


def _indirect_after(
    doc: Doc, layout: _Layout, cue: tuple[int, str, bool], hi: int
) -> tuple[int, int] | None:
    verb, lemma, stance = cue
    if stance:
        # "I think, ..." and "you know, ...": a stance verb before a comma is parenthetical
        start = _stance_clause_start(doc, verb + 1, hi, lemma)
    else:
        after = _skip_adjuncts(doc, verb + 1, hi, lemma)
        start = _clause_start(doc, after, hi, lemma)
        if start is None and lemma in _OBJECT_VERBS:
            start = _after_object(doc, (verb + 2, after), hi, lemma)
    if start is None:
        return None
    while start < hi and doc[start].is_punct:
        start += 1
    end = _clause_end(doc, start, hi, layout)
    return (start, end) if end - start >= MIN_CLAUSE_TOKENS else None


def _indirect_before(
    doc: Doc, layout: _Layout, verb: int, lo: int, hi: int, speaker: Phrase | None
) -> tuple[int, int] | None:
    """A clause the attribution closes: "..., he said." or "..., according to X."."""
    comma = verb - 1
    while comma > lo and doc[comma].text != ",":
        comma -= 1
    if comma <= lo or verb - comma > MAX_SPEAKER_TOKENS or not _only_attribution(doc, verb, hi):
        return None
    if speaker is None or speaker.start < doc[comma].idx:
        return None  # "Moscow, which ..., pledged": the comma is inside the speaker's clause
    if any(_is_clause_word(t) for t in doc[comma + 1 : verb]):
        return None
    end = comma
    while end > lo and layout.mark[end - 1]:
        end -= 1
    if any(reporting_lemma(t) for t in doc[lo:end] if layout.inside[t.i] < 0):
        return None  # `"...," Kanaani said, according to IRNA`: already attributed
    return (lo, end) if end - lo >= MIN_CLAUSE_TOKENS else None


def _only_attribution(doc: Doc, verb: int, hi: int) -> bool:
    rest = [t for t in doc[verb + 1 : hi] if not t.is_punct]
    return len(rest) <= MAX_TRAILING and not any(_is_clause_word(t) for t in rest)


def _is_clause_word(token: Token) -> bool:
    return token.lower_ in {"that", "which", "who"} or (
        token.pos_ in {"VERB", "AUX"} and reporting_lemma(token) is None
    )


def _covered(span: tuple[int, int], layout: _Layout) -> bool:
    inside = [layout.inside[i] for i in range(*span) if not layout.mark[i]]
    return bool(inside) and all(q >= 0 for q in inside)


def _indirect(
    doc: Doc, layout: _Layout, used: set[int]
) -> Iterator[tuple[Speech | None, Act | None]]:
    """Every reporting verb outside quotes: its act, and its clause when it has one."""
    i = 0
    while i < len(doc):
        lo, hi = _sentence_bounds(layout, i)
        found: list[tuple[int, str, Phrase | None]] = []
        held: set[int] = set()
        for verb, lemma, stance in _verbs(doc, lo, hi, layout, stance=True):
            prior = next((who for *_, who in reversed(found) if who), None)
            found.append((verb, lemma, speaker_of(doc, verb, lemma, (lo, hi), prior)))
            if stance:
                held.add(verb)
        for k, (verb, lemma, speaker) in enumerate(found):
            at = doc[verb].idx
            # a stance is no report: quotes after it do not continue it
            act = Act(lemma, speaker, at, hi >= len(doc)) if speaker and verb not in held else None
            limit = _nextspeaker_of(doc, verb, found[k + 1], hi) if k + 1 < len(found) else hi
            span = None
            if verb not in used:
                span = _indirect_span(
                    doc, layout, (verb, lemma, verb in held), (lo, hi, limit), speaker
                )
            if span is None or _covered(span, layout):
                yield None, act
                continue
            start, end = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
            kind = STANCE if verb in held else INDIRECT
            yield Speech(kind, start, end, lemma, speaker, at), act
        i = hi


def _nextspeaker_of(doc: Doc, verb: int, following: tuple[int, str, Phrase | None], hi: int) -> int:
    """Where the next reporting clause begins: its speaker, when it stands after `verb`."""
    nxt, _, speaker = following
    cut = nxt
    if speaker is not None and speaker.start > doc[verb].idx:
        cut = min(nxt, _token_at(doc, speaker.start))
    # "announced that ..., many of them acknowledge that": a new clause, not an embedded one
    coordinated = cut > 0 and doc[cut - 1].lower_ in {",", ";", "and", "but", "while"}
    return cut if coordinated else hi


def _indirect_span(
    doc: Doc,
    layout: _Layout,
    cue: tuple[int, str, bool],
    bounds: tuple[int, int, int],
    speaker: Phrase | None,
) -> tuple[int, int] | None:
    """The clause a verb reports; `cue` is the verb, its lemma and whether it is a stance."""
    verb, lemma, _ = cue
    lo, hi, limit = bounds
    if lemma == ACCORDING_TO:
        if verb > lo + 1:
            return _indirect_before(doc, layout, verb, lo, hi, speaker)
        source = according_source(doc, verb + 1, limit)
        if source is None:
            return None
        start = _token_at(doc, source.end - 1) + 1
        while start < limit and doc[start].is_punct:
            start += 1
        return (start, _clause_end(doc, start, limit, layout)) if start < limit else None
    return (
        _indirect_after(doc, layout, cue, limit)
        or _indirect_before(doc, layout, verb, lo, hi, speaker)
        or _indirect_around(doc, layout, verb, (lo, hi), speaker)
    )


def _indirect_around(
    doc: Doc, layout: _Layout, verb: int, bounds: tuple[int, int], speaker: Phrase | None
) -> tuple[int, int] | None:
    """ "Institutional recipients, said Mauer, are required to ...": an attribution set
    in commas inside the clause it reports; the clause is the sentence around it."""
    lo, hi = bounds
    if speaker is None:
        return None
    first = min(verb, _token_at(doc, speaker.start))
    last = max(verb, _token_at(doc, speaker.end - 1))
    opening, closing = first - 1, last + 1
    if opening <= lo or closing >= hi or doc[opening].text != "," or doc[closing].text != ",":
        return None
    if any(_is_clause_word(t) for t in doc[closing + 1 : hi]) is False:
        return None  # nothing after the attribution says anything
    end = _clause_end(doc, closing + 1, hi, layout)
    return (lo, end) if end - lo >= MIN_CLAUSE_TOKENS else None


def read(doc: Doc) -> Reading:
    """Everything reported in one paragraph's Doc."""
    tokens = _tokens(doc)
    text = tokens.text
    marks = quoted(text)
    layout = _layout(tokens, marks)
    quotes = _quote_speeches(doc, text, layout, marks)
    used = {_token_at(doc, s.at) for s in quotes if s.verb is not None and s.kind == DIRECT}
    speeches: list[Speech] = list(quotes)
    acts: list[Act] = []
    for speech, act in _indirect(doc, layout, used):
        if speech is not None:
            speeches.append(speech)
        if act is not None:
            acts.append(act)
    speeches.sort(key=lambda s: s.start)
    return Reading(tuple(speeches), tuple(acts), marks, text.rstrip().endswith(":"), text)


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else -1
