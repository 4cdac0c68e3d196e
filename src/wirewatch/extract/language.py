"""The article's language: what the page declares, else what its words show.

The fallback counts each language's commonest short words in the body; writing
systems that no Latin-script word list fits are told by their script. It tells
apart the languages news comes in most, without a model to ship.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_STOPWORDS = {
    "en": "the of and to in is that for it with as was on said by he at from his have",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine",
    "fr": "le la les de des et en un une du est que pour dans qui au sur pas par plus",
    "es": "el la de que y en los del se las por un para con no una su al es lo como",
    "it": "il di che e la per un in è non una del sono gli della le si da al ha",
    "pt": "de que e o da do em um para com não uma os no se na por mais as dos",
    "nl": "de het een en van in is dat op te zijn voor met die niet aan er ook als",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_SCRIPTS = (
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
)
_TOKEN = re.compile(r"[^\W\d_]+")


def guess(text: str) -> str | None:
    """The language of a text from its script or its commonest words; None when unsure."""
    sample = text[:5000]
    letters = len(_TOKEN.findall(sample)) or 1
    for lang, script in _SCRIPTS:
        if len(script.findall(sample)) > letters * 0.3:
            return lang
    tokens = [t.lower() for t in _TOKEN.findall(sample)]
    if len(tokens) < 5:
        return None
    scores = {lang: sum(t in words for t in tokens) for lang, words in _WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= max(2, len(tokens) // 20) else None


def detect(declared: str | None, body: Sequence[str]) -> str:
    """The declared language when the text does not contradict it, else the guess, else en."""
    found = guess(" ".join(body))
    if declared and (found is None or found == declared):
        return declared
    return found or declared or "en"
