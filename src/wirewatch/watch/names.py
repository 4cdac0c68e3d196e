"""Name matching for screening: does a name in a story name someone on a watchlist?

The matcher (``names.v1``) works on tokens, not on whole strings, because the ways
two spellings of one name differ are token-shaped: the order of the parts ("Putin,
Vladimir"), parts left out (a patronymic, a middle name), initials ("V. Putin"),
transliteration ("Chatayev" and "CHATAEV" are both Чатаев), typing errors, and
names written in their original script. Each name is turned into tokens that carry
three spellings: the ASCII text, a phonetic key that folds the usual
transliteration variants together, and a consonant skeleton used only against a
name written in a script without (written) vowels. The tokens of the two names are
aligned one to one, best pair first, and the score is the weighted mean similarity
of the aligned pairs, discounted for parts that only one name has (``extra``) and,
much more, for parts that both names have but that disagree (``conflict``: "Daniel
Tusk" is not "Donald Tusk"). See docs/watchlists.md.

The score is in [0, 1]; a pair at or above ``THRESHOLD`` is a match. The threshold
was fixed before the benchmark's figures were taken (benchmarks/names.py also
reports the best threshold on the pairs, and a cross-validated one, apart).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from anyascii import anyascii
from rapidfuzz.distance import OSA

__all__ = ["MATCHER", "THRESHOLD", "Kind", "Name", "Token", "name_score", "prepare"]

MATCHER = "names.v1"
THRESHOLD = 0.8

Kind = Literal["PERSON", "ORG"]

# Roles a token can play, and how much it weighs in the score. A particle or a
# title says little about who is meant; a legal form says almost nothing.
NAME, PARTICLE, TITLE, LEGAL, NUMBER, INITIAL, SYLLABLE = (
    "name",
    "particle",
    "title",
    "legal",
    "number",
    "initial",
    "syllable",
)
WEIGHTS = {
    NAME: 1.0,
    SYLLABLE: 1.0,
    NUMBER: 0.3,
    INITIAL: 0.4,
    PARTICLE: 0.2,
    TITLE: 0.1,
    LEGAL: 0.1,
}

# Pairs less alike than this are not aligned at all: two tokens one edit apart in
# five letters are one name mistyped; two edits in six are another name.
ALIGN_FLOOR = 0.75
# Parts this short that differ by more than a vowel are different names ("Ali",
# "Ari"); for organisations, where short parts are acronyms, by anything at all.
SHORT_PART = 3
# What a name part written without vowels scores when its consonants agree.
CROSS_SCRIPT = 0.85
SHORT_ACRONYM = 4
# How much a part that only one name has costs (per unit of weight): a person's
# extra middle name or patronymic is common; an organisation's extra word is
# usually another organisation (a subsidiary, a branch, a country office).
EXTRA_COST: dict[Kind, float] = {"PERSON": 0.15, "ORG": 1.0}
# A part both names have but that disagrees is strong evidence of another person.
CONFLICT_COST = 2.0
# A person named by one part alone ("Putin", "Michaela") is not identified by it.
SINGLE_PART_CAP = 0.6


@dataclass(frozen=True, slots=True)
class Token:
    """One part of a name: its ASCII text, phonetic key, vowel-free key and role."""

    text: str
    key: str
    shape: str
    skeleton: str
    role: str
    vowelled: bool
    glyph: str = ""

    @property
    def weight(self) -> float:
        return WEIGHTS[self.role]


# A run of adjacent parts: their indexes, the run as one part, its initials, its weight.
Span = tuple[tuple[int, ...], Token, str, float]


@dataclass(frozen=True, slots=True)
class Name:
    """A name ready for matching: the text as given and its tokens in order."""

    text: str
    kind: Kind
    tokens: tuple[Token, ...]
    spans: tuple[Span, ...] = ()


# --- vocabularies -----------------------------------------------------------------

_PARTICLES = {
    "al": "al",
    "el": "al",
    "ul": "al",
    "ur": "al",
    "ud": "al",
    "bin": "bin",
    "ben": "bin",
    "ibn": "bin",
    "bint": "bint",
    "binti": "bint",
    "de": "de",
    "da": "de",
    "di": "de",
    "do": "de",
    "dos": "de",
    "das": "de",
    "del": "de",
    "della": "de",
    "du": "de",
    "des": "de",
    "van": "van",
    "von": "van",
    "der": "der",
    "den": "der",
    "ter": "der",
    "le": "le",
    "la": "le",
}
_TITLES = frozenset(
    "mr mrs ms miss dr prof president praesident prasident monsieur madame mme sir dame "
    "lord sheikh shaikh haji hajji alhaji mullah mulla maulavi mawlawi maulana qari "
    "general gen colonel col captain capt lt major admiral minister king queen prince "
    "princess emir ayatollah mufti senator governor judge".split()
)
_ORG_STOPWORDS = frozenset("the of and for in de la le du des del der und et y".split())
# Legal forms, each mapped to one spelling so that "Ltd" meets "Limited"; longer
# phrases first. Words are as they read after transliteration ("obshchestvo").
_LEGAL_PHRASES = [
    ("societatea cu raspundere limitata", "srl"),
    ("gesellschaft mit beschrankter haftung", "gmbh"),
    ("obshchestvo s ogranichennoy otvetstvennostyu", "llc"),
    ("limited liability company", "llc"),
    ("limited liability partnership", "llp"),
    ("open joint stock company", "jsc"),
    ("closed joint stock company", "jsc"),
    ("public joint stock company", "jsc"),
    ("joint stock company", "jsc"),
    ("aktsionernoe obshchestvo", "jsc"),
    ("public limited company", "plc"),
    ("limited partnership", "lp"),
    ("societe anonyme", "sa"),
    ("sociedad anonima", "sa"),
    ("sp z o o", "spzoo"),
    ("s a de c v", "sa"),
    ("s de rl", "srl"),
]
_LEGAL_WORDS = {
    "ltd": "ltd",
    "limited": "ltd",
    "inc": "inc",
    "incorporated": "inc",
    "corp": "corp",
    "corporation": "corp",
    "co": "co",
    "company": "co",
    "llc": "llc",
    "ooo": "llc",
    "tov": "llc",
    "llp": "llp",
    "lp": "lp",
    "plc": "plc",
    "ag": "ag",
    "aktiengesellschaft": "ag",
    "akg": "ag",
    "gmbh": "gmbh",
    "sa": "sa",
    "nv": "nv",
    "bv": "bv",
    "srl": "srl",
    "sarl": "srl",
    "sas": "sas",
    "spa": "spa",
    "ab": "ab",
    "as": "as",
    "oy": "oy",
    "kg": "kg",
    "jsc": "jsc",
    "ojsc": "jsc",
    "cjsc": "jsc",
    "pjsc": "jsc",
    "oao": "jsc",
    "zao": "jsc",
    "pao": "jsc",
    "ao": "jsc",
    "pte": "pte",
    "pty": "pty",
    "bhd": "bhd",
    "sdn": "sdn",
    "spzoo": "spzoo",
}
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_TENS["fourty"] = 40
del _TENS["_"]
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}

# --- scripts ----------------------------------------------------------------------

# Scripts whose transliteration keeps the vowels; the others (abjads such as
# Arabic and Hebrew, abugidas such as Devanagari or Khmer) come out as consonants.
_VOWELLED_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN", "HANGUL")
# Scripts where one character is one syllable of a name (in Chinese, one
# character is one part of the name, so "习近朋" is not "习近平").
_SYLLABIC_SCRIPTS = ("CJK", "HANGUL")


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0]


def _is_syllabic(char: str) -> bool:
    return _script(char) in _SYLLABIC_SCRIPTS


# --- from text to tokens ----------------------------------------------------------

_APOSTROPHES = re.compile(r"['’ʼʻ`´‘]")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_INITIALISM = re.compile(r"\b(?:[^\W\d_]\.){2,}(?![^\W\d_])")
_WORDS = re.compile(r"[^\W_]+")
_ROMAN = {
    r: i
    for i, r in enumerate(
        "_ i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split()
    )
    if r != "_"
}
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def prepare(text: str, kind: Kind = "PERSON") -> Name:
    """The tokens of a name, for `name_score` (prepare a name once, compare it often)."""
    return _prepare(text, kind)


@lru_cache(maxsize=65536)
def _prepare(text: str, kind: Kind) -> Name:
    clean = unicodedata.normalize("NFKC", text).replace("\u200c", "").replace("\u0640", "")
    if kind == "PERSON":
        clean = _comma_form(clean)
    clean = _INITIALISM.sub(lambda m: _initialism(m.group(0), kind), clean)
    clean = clean.replace("&", " and ")
    words = [w for raw in _WORDS.findall(_APOSTROPHES.sub("", clean)) for w in _transliterate(raw)]
    tokens = _classify(words, kind)
    return Name(text, kind, tuple(tokens), _spans(tokens))


def _comma_form(text: str) -> str:
    """ "Putin, Vladimir" as "Vladimir Putin": lists write surnames first."""
    head, comma, tail = text.partition(",")
    if not comma or "," in tail or not head.strip() or not tail.strip():
        return text
    return f"{tail.strip()} {head.strip()}"


def _initialism(found: str, kind: Kind) -> str:
    letters = found.replace(".", "")
    # "A.B.C. Company" is one word; "N.N." before a person's name is two initials.
    return f" {letters} " if kind == "ORG" else " " + " ".join(letters) + " "


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    vowelled: bool = True
    glyph: str = ""  # the character, for a syllable of Chinese or Korean


def _transliterate(word: str) -> list[_Word]:
    """A word as ASCII parts, each with whether its script writes vowels.

    A Chinese or Korean word is read one character (one syllable) at a time;
    camel case ("SiemensAG", "JPMorgan") is split, since either side may join parts.
    """
    if any(_is_syllabic(c) for c in word):
        return [_Word(anyascii(c).lower(), True, c) for c in word if c.isalnum()]
    vowelled = all(not c.isalpha() or _script(c) in _VOWELLED_SCRIPTS for c in word)
    ascii_word = anyascii(word)
    parts = _CAMEL.sub(" ", ascii_word).split() if word.isascii() else [ascii_word]
    return [
        _Word(p.lower(), vowelled)
        for part in parts
        for p in _WORDS.findall(_APOSTROPHES.sub("", part))
    ]


def _classify(words: Sequence[_Word], kind: Kind) -> list[Token]:
    if kind == "ORG":
        words = _numbers(_join_legal_phrases(words))
    out = []
    for word in words:
        role, canonical = _role(word, kind, len(words))
        out.append(_token(canonical, role, word.vowelled, word.glyph))
    return out


def _role(word: _Word, kind: Kind, count: int) -> tuple[str, str]:
    text = word.text
    if text.isdigit():
        return NUMBER, str(int(text))
    if word.glyph:
        return SYLLABLE, text
    if kind == "ORG":
        if text in _LEGAL_WORDS and count > 1:
            return LEGAL, _LEGAL_WORDS[text]
        if text in _ORG_STOPWORDS and count > 1:
            return PARTICLE, text
        return NAME, text
    if len(text) == 1:
        return INITIAL, text
    if text in _PARTICLES and count > 1:
        return PARTICLE, _PARTICLES[text]
    if text in _TITLES and count > 1:
        return TITLE, text
    return NAME, text


def _join_legal_phrases(words: Sequence[_Word]) -> list[_Word]:
    joined = " ".join(w.text for w in words)
    if not any(phrase in joined for phrase, _ in _LEGAL_PHRASES):
        return list(words)
    for phrase, form in _LEGAL_PHRASES:
        joined = re.sub(rf"\b{phrase}\b", form, joined)
    return [_Word(text) for text in joined.split()]


def _numbers(words: Sequence[_Word]) -> list[_Word]:
    """Number words as digits: "Forty-Four" and "44", "1st" and "First"."""
    out: list[_Word] = []
    tens = False
    for word in words:
        value = _number(word.text)
        if value is None:
            out.append(word)
            tens = False
        elif tens and 0 < value < 10:
            out[-1] = _Word(str(int(out[-1].text) + value))
            tens = False
        else:
            out.append(_Word(str(value)))
            tens = value in _TENS.values()
    return out


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text in _NUMBER_WORDS:
        return _NUMBER_WORDS[text]
    if text in _ORDINALS:
        return _ORDINALS[text]
    if text in _TENS:
        return _TENS[text]
    if text in _ROMAN:
        return _ROMAN[text]
    found = _ORDINAL_DIGITS.match(text)
    return int(found.group(1)) if found else None


@lru_cache(maxsize=65536)
def _token(text: str, role: str, vowelled: bool, glyph: str = "") -> Token:
    key = phonetic_key(text)
    # In a script without written vowels, w and y are the long vowels' letters.
    bare = key if vowelled else phonetic_key(text.replace("w", "").replace("y", ""))
    return Token(text, key, _shape(key), _skeleton(bare), role, vowelled, glyph)


# --- phonetic keys ----------------------------------------------------------------

# Spellings that transliterations of one sound vary between (Russian, Arabic,
# Persian, German and French conventions into English), folded to one. Order
# matters: longer sequences first. Upper-case letters stand for digraphs.
_FOLDS = (
    ("tsch", "C"),
    ("sch", "S"),
    ("tch", "C"),
    ("dzh", "J"),
    ("dj", "J"),
    ("zh", "J"),
    ("ch", "C"),
    ("sh", "S"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
    ("x", "ks"),
)
_SOFT_C = re.compile(r"c(?=[eiy])")
_J_AS_VOWEL = re.compile(r"(?<=[aeiouy])j(?![aeiouy])")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_VOWELS = str.maketrans({"e": "i", "y": "i", "o": "u"})
_REPEATS = re.compile(r"(.)\1+")
_VOWEL_RUN = re.compile(r"[aiu]+")
_SKELETON = str.maketrans(
    {
        "a": None,
        "i": None,
        "u": None,
        "h": None,
        "v": "b",
        "f": "b",
        "p": "b",
        "d": "t",
        "g": "k",
        "z": "s",
        "S": "s",
        "C": "s",
        "J": "s",
        "l": "r",
    }
)


@lru_cache(maxsize=65536)
def phonetic_key(text: str) -> str:
    """A key that transliteration variants of one name part share.

    "chatayev" and "chataev", "sergey", "sergei" and "sergej", "mohammed" and
    "muhamad", "wladimir" and "vladimir" each get one key.
    """
    key = _J_AS_VOWEL.sub("i", text)
    key = _SOFT_C.sub("s", key)
    for spelling, folded in _FOLDS:
        key = key.replace(spelling, folded)
    key = key.replace("c", "k").replace("z", "s")
    key = _FINAL_H.sub("", key)
    key = _REPEATS.sub(r"\1", key.translate(_VOWELS))
    # A y (now i) between vowels is a glide that one transliteration writes and
    # another leaves out ("Chatayev", "Chataev"): a vowel run is read as its first.
    return _VOWEL_RUN.sub(lambda m: m.group(0)[0], key)


def _shape(key: str) -> str:
    """The key with every vowel but the first letter alike: two spellings that
    differ only in vowels ("Natanyahu", "Netanyahu")."""
    return key[:1] + _VOWEL_RUN.sub("*", key[1:])


def _skeleton(key: str) -> str:
    """Consonant classes only: what a name written in Arabic or Hebrew letters keeps."""
    return _REPEATS.sub(r"\1", key.translate(_SKELETON))


# --- comparing tokens -------------------------------------------------------------


def token_similarity(a: Token, b: Token) -> float:
    """How alike two name parts are, 0 to 1."""
    return _similarity(a, b)


@lru_cache(maxsize=262144)
def _similarity(a: Token, b: Token) -> float:
    if a.role == SYLLABLE and b.role == SYLLABLE:
        # Homophones are different characters, so different names (高石, 高市).
        return 1.0 if a.glyph == b.glyph else 0.0
    if a.text == b.text:
        return 1.0
    if a.role == INITIAL or b.role == INITIAL:
        return 0.9 if a.text[0] == b.text[0] and a.role != b.role else 0.0
    if NUMBER in (a.role, b.role) or SYLLABLE in (a.role, b.role):
        return 0.0
    if a.key == b.key:
        return 0.95
    if max(len(a.text), len(b.text)) <= SHORT_PART and a.shape != b.shape:
        return 0.0
    best = OSA.normalized_similarity(a.text, b.text)
    # Keys fold spellings together, so two short keys one edit apart are often
    # two different names ("Chen" and "Chiang"); only long ones are compared so.
    if max(len(a.key), len(b.key)) >= 5 and a.key[0] == b.key[0]:
        best = max(best, OSA.normalized_similarity(a.key, b.key))
    if len(a.key) >= 4 and a.shape == b.shape:
        best = max(best, 0.9)
    if not (a.vowelled and b.vowelled) and len(a.skeleton) >= 4 and a.skeleton == b.skeleton:
        # Consonants alone are ambiguous (محمد and محمود differ by a vowel letter),
        # so only a whole skeleton of four or more counts, and for less than a spelling.
        best = max(best, CROSS_SCRIPT)
    return best


# --- aligning names ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Pair:
    left: tuple[int, ...]
    right: tuple[int, ...]
    similarity: float
    weight: float


def align(a: Name, b: Name) -> list[_Pair]:
    """Pairs of parts of `a` and `b`, one to one, the most alike first.

    A part of one name may also meet two or three adjacent parts of the other,
    joined ("Ramimakhlouf" and "Rami Makhlouf", "Abd al" and "Abdul") or as
    initials ("PLA" and "People's Liberation Army", "JC" and "Jean-Claude"); at
    equal similarity the plain one-to-one pair wins. Joins are tried only when
    the plain pairs leave a part of either name over.
    """
    candidates = [
        _pair((i,), (j,), x, y, a.kind)
        for i, x in enumerate(a.tokens)
        for j, y in enumerate(b.tokens)
        if x.role == y.role or _compatible(x, y)
    ]
    pairs = _greedy(c for c in candidates if c.similarity >= ALIGN_FLOOR)
    if sum(len(p.left) for p in pairs) == len(a.tokens) and len(pairs) == len(b.tokens):
        return pairs
    candidates.extend(_joined(a, b, flip=False))
    candidates.extend(_joined(b, a, flip=True))
    return _greedy(c for c in candidates if c.similarity >= ALIGN_FLOOR)


def _compatible(x: Token, y: Token) -> bool:
    roles = {x.role, y.role}
    return roles <= {NAME, INITIAL, SYLLABLE, TITLE} or roles <= {NAME, PARTICLE}


def _pair(left: tuple[int, ...], right: tuple[int, ...], x: Token, y: Token, kind: Kind) -> _Pair:
    similarity = _similarity(x, y)
    if kind == "ORG" and similarity < 1 and max(len(x.text), len(y.text)) <= SHORT_ACRONYM:
        similarity = 0.0  # "ISIS" is not "ISI"
    return _Pair(left, right, similarity, max(x.weight, y.weight))


def _greedy(candidates: Iterable[_Pair]) -> list[_Pair]:
    chosen: list[_Pair] = []
    used_left: set[int] = set()
    used_right: set[int] = set()
    ordered = sorted(
        candidates,
        key=lambda p: (-p.similarity, len(p.left) + len(p.right), -p.weight, p.left, p.right),
    )
    for pair in ordered:
        if used_left.isdisjoint(pair.left) and used_right.isdisjoint(pair.right):
            chosen.append(pair)
            used_left.update(pair.left)
            used_right.update(pair.right)
    return chosen


def _joined(one: Name, other: Name, *, flip: bool) -> Iterable[_Pair]:
    """Two or three adjacent parts of `one`, joined or as initials, against a part of `other`."""
    for span, joined, initials, weight in one.spans:
        for j, token in enumerate(other.tokens):
            if token.role not in (NAME, LEGAL):
                continue
            similarity = _similarity(joined, token)
            if token.text == initials:
                similarity = max(similarity, 0.9)
            pair_weight = max(weight, token.weight)
            yield (
                _Pair((j,), span, similarity, pair_weight)
                if flip
                else _Pair(span, (j,), similarity, pair_weight)
            )


def _spans(tokens: Sequence[Token]) -> tuple[Span, ...]:
    """Runs of two and three adjacent parts: the run as one part, its initials
    (when three or more letters long: two letters are too many things) and weight."""
    found = []
    for size in (2, 3):
        for start in range(len(tokens) - size + 1):
            parts = tokens[start : start + size]
            if not any(p.role in (NAME, INITIAL) for p in parts):
                continue
            text = "".join(p.text for p in parts)
            joined = _token(text, NAME, all(p.vowelled for p in parts))
            initials = "".join(p.text[0] for p in parts if p.role in (NAME, INITIAL))
            indexes = tuple(range(start, start + size))
            weight = sum(p.weight for p in parts)
            found.append((indexes, joined, initials if len(initials) >= 3 else "", weight))
    return tuple(found)


# --- scoring ----------------------------------------------------------------------


def name_score(a: str | Name, b: str | Name, kind: Kind = "PERSON") -> float:
    """How likely two names are to name one person (or organisation), 0 to 1.

    `a` and `b` are names as written, in any script, or names from `prepare`.
    At or above THRESHOLD (0.8) the names match.
    """
    left = a if isinstance(a, Name) else _prepare(a, kind)
    right = b if isinstance(b, Name) else _prepare(b, kind)
    return _score(left, right)


def _score(a: Name, b: Name) -> float:
    if not a.tokens or not b.tokens:
        return 0.0
    pairs = align(a, b)
    matched = sum(p.weight * p.similarity for p in pairs)
    aligned = sum(p.weight for p in pairs)
    if aligned == 0:
        return 0.0
    left_over_a = _left_over(a, {i for p in pairs for i in p.left})
    left_over_b = _left_over(b, {j for p in pairs for j in p.right})
    conflict = min(left_over_a, left_over_b) + _crossed_patronymics(a, b, pairs)
    if a.kind == "PERSON":
        conflict += _lost_given_name(a, b, pairs)
    extra = abs(left_over_a - left_over_b)
    kind = a.kind
    score = matched / (aligned + CONFLICT_COST * conflict + EXTRA_COST[kind] * extra)
    if not _identifying(a, b, pairs):
        score = min(score, SINGLE_PART_CAP)
    return score


def _left_over(name: Name, used: set[int]) -> float:
    return sum(t.weight for i, t in enumerate(name.tokens) if i not in used)


def _identifying(a: Name, b: Name, pairs: list[_Pair]) -> bool:
    """Whether the parts matched are enough to say who is meant.

    A person needs two parts matched, one of them more than an initial, unless
    each name is a single part ("Hannibal"); an organisation needs one part that
    is more than a legal form or a particle.
    """
    full = [p for p in pairs if _strong(a, p.left) and _strong(b, p.right)]
    if not full:
        return False
    if a.kind == "ORG":
        return True
    named = sum(max(len(p.left), len(p.right)) for p in pairs if p.weight >= WEIGHTS[INITIAL])
    return named >= 2 or _parts(a) == _parts(b) == 1


def _strong(name: Name, span: tuple[int, ...]) -> bool:
    return any(name.tokens[i].role in (NAME, SYLLABLE) for i in span)


def _parts(name: Name) -> int:
    return sum(1 for t in name.tokens if t.role in (NAME, SYLLABLE, NUMBER, INITIAL))


def _crossed_patronymics(a: Name, b: Name, pairs: list[_Pair]) -> float:
    """1 when "X bin Y" meets "Y bin X": father and son the other way round."""
    after_a = _after_bin(a)
    after_b = _after_bin(b)
    if after_a is None or after_b is None:
        return 0.0
    partner = {p.left[0]: p.right[0] for p in pairs if len(p.left) == len(p.right) == 1}
    return 0.0 if partner.get(after_a) in (after_b, None) else 1.0


def _lost_given_name(a: Name, b: Name, pairs: list[_Pair]) -> float:
    """1 when one name's first part is matched and the other's is not.

    "Saddam Hussein" inside "Qusay Saddam Hussein" is the father's name in the
    son's: where names are chains of fathers' names, the given name comes first,
    and a name that lacks the other's given name names someone else.
    """
    first_a = _first_part(a)
    first_b = _first_part(b)
    if first_a is None or first_b is None:
        return 0.0
    in_a = any(first_a in p.left for p in pairs)
    in_b = any(first_b in p.right for p in pairs)
    return 1.0 if in_a != in_b else 0.0


def _first_part(name: Name) -> int | None:
    return next((i for i, t in enumerate(name.tokens) if t.role == NAME), None)


def _after_bin(name: Name) -> int | None:
    for i, token in enumerate(name.tokens[:-1]):
        if token.role == PARTICLE and token.text in ("bin", "bint"):
            return i + 1
    return None
