"""Stories: the same wire story, republished by several outlets, grouped as one.

Each article's body is reduced to a MinHash signature of its word shingles; a
locality-sensitive hash index finds the earlier articles whose estimated Jaccard
similarity passes a threshold, and the new article joins the story of the most
similar one. A story's id is the id of its first article, and an article only ever
joins stories of articles stored before it, so a run that is killed and resumed
groups exactly as a clean run does when the index is rebuilt from the store.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

# Five-word shingles: long enough that two different stories on one subject share
# few of them, short enough that an outlet's edits touch only a few.
SHINGLE_WORDS = 5
NUM_PERM = 64
# Pinned, so that signatures kept in a store stay comparable across datasketch releases.
_SCHEME = "affine32"
_DTYPE = np.uint32
# Copies of one wire story with a changed headline, a dropped paragraph or a house
# style estimate well above this; two stories on the same event stay below it.
THRESHOLD = 0.5
_WORD = re.compile(r"\w+")
# The permutations depend only on NUM_PERM and the seed: made once, not per MinHash
# (datasketch draws them anew for each, a third of a millisecond an article).
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, scheme=_SCHEME).permutations


def shingles(text: str) -> set[bytes]:
    """The article's word shingles, case and accents folded."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    words = _WORD.findall(folded)
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(text: str) -> bytes:
    """The MinHash signature of a text, as bytes the store can keep; empty for no words."""
    words = shingles(text)
    if not words:
        return b""
    minhash = MinHash(num_perm=NUM_PERM, scheme=_SCHEME, permutations=_PERMUTATIONS)
    minhash.update_batch(list(words))
    return np.asarray(minhash.hashvalues, dtype=_DTYPE).tobytes()


def _minhash(sig: bytes) -> MinHash:
    values = np.frombuffer(sig, dtype=_DTYPE)
    return MinHash(hashvalues=values, scheme=_SCHEME, permutations=_PERMUTATIONS)


@dataclass(frozen=True, slots=True)
class Stored:
    """An article already grouped: its id, its story and its signature."""

    article: str
    story: str
    signature: bytes


class StoryIndex:
    """Articles seen so far, by signature; `assign` gives each new one its story."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self._threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._stories: dict[str, str] = {}
        self._hashes: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._stories)

    def load(self, stored: Iterable[Stored]) -> None:
        """Rebuild the index from what the store holds, in the order it was added."""
        for item in stored:
            if not item.signature:
                self._stories[item.article] = item.story
                continue
            self._insert(item.article, item.story, _minhash(item.signature))

    def assign(self, article: str, sig: bytes) -> str:
        """The story `article` belongs to (its own id when it starts one)."""
        if article in self._stories:
            return self._stories[article]
        if not sig:
            # No words to compare: a story of its own, never a match for later ones.
            self._stories[article] = article
            return article
        minhash = _minhash(sig)
        story = self._closest_story(minhash) or article
        self._insert(article, story, minhash)
        return story

    def _closest_story(self, minhash: MinHash) -> str | None:
        best: tuple[float, int, str] | None = None
        for key in self._lsh.query(minhash):
            similarity = minhash.jaccard(self._hashes[key])
            if similarity < self._threshold:
                continue
            # The most similar wins; among equals the earliest, so the result does
            # not depend on the index's iteration order.
            rank = (-similarity, self._order[key], key)
            if best is None or rank < best:
                best = rank
        return self._stories[best[2]] if best else None

    def _insert(self, article: str, story: str, minhash: MinHash) -> None:
        if article in self._stories:
            return
        self._stories[article] = story
        self._hashes[article] = minhash
        self._order[article] = len(self._order)
        self._lsh.insert(article, minhash)
