"""How names are compared: accent folding, a normalised key and an acronym key.

The knowledge base matches names exactly (case-sensitively) first; these keys are the
fallback, so that "Cote d'Ivoire", "Côte d’Ivoire" and "COTE D'IVOIRE" find one country,
and "U.S." finds the same entry as "US". Short acronyms never get a normalised key:
lowercased, "US" and "IS" would be the words "us" and "is".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose, and the typographic quotes and dashes news copy carries.
_FOLD = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ħ": "h",
        "þ": "th",
        "ð": "d",
        "‘": "'",
        "’": "'",
        "ʼ": "'",
        "ʻ": "'",
        "`": "'",
        "´": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
    }
)
_SPACES = re.compile(r"\s+")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]*$")
_LEADING_ARTICLE = re.compile(r"^the\s+")
# The longest all-capital name that is still kept out of the normalised index.
SHORT_ACRONYM = 4


def fold(text: str) -> str:
    """Text without diacritics and with plain quotes and hyphens; case is kept."""
    translated = text.translate(_FOLD)
    # ASCII has no decompositions and no combining marks: most names are ASCII, and
    # looking at them one character at a time was most of fold's cost.
    if translated.isascii():
        return translated
    decomposed = unicodedata.normalize("NFKD", translated)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def acronym_key(text: str) -> str | None:
    """The acronym a name is written as ("US" for "U.S." and "US"), or None."""
    squeezed = text.replace(".", "").replace(" ", "")
    return squeezed if _ACRONYM.match(squeezed) else None


def is_short_acronym(text: str) -> bool:
    key = acronym_key(text)
    return key is not None and len(key) <= SHORT_ACRONYM


@lru_cache(maxsize=1 << 16)  # the same names recur in every article and its store row
def normalise(text: str) -> str:
    """The key two spellings of one name share: folded, lowercase, no periods or article.

    Hyphens and spaces are one separator ("al-Qaeda" = "al Qaeda"); apostrophes go
    ("Cote d'Ivoire" = "Cote dIvoire"), as do periods ("U.N." = "UN").
    """
    key = fold(text).casefold().replace(".", "").replace("'", "")
    key = _SPACES.sub(" ", key.replace("-", " ").replace("_", " ")).strip()
    return _LEADING_ARTICLE.sub("", key)
