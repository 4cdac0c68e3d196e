"""The analysis stage: a clean Article to an Analysis (entities, quotes and events).

The body and the captions are parsed one paragraph per Doc, so that every
offset the stage hands on is an offset into the paragraph it names, as the
analysis contract says (`Article.paragraphs()` numbers them).
Entities are resolved first; quotes are attributed to those entities, and events
are coded with both (a quote's "we" is its speaker).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.analyze.actors import ActorDictionary
from wirewatch.analyze.entities import resolve
from wirewatch.analyze.events import code_events
from wirewatch.analyze.quotes import find_quotes
from wirewatch.model import Analysis, Article, Source
from wirewatch.nlp import load

__all__ = ["analysis_id", "analyze", "analyze_many"]

# spaCy refuses texts over nlp.max_length (a million characters) and a parse of a
# paragraph that long would take minutes; no news paragraph comes near this, so
# only the pathological ones are read in part.
MAX_PARAGRAPH_CHARS = 50_000


def analysis_id(article: Article) -> str:
    """The SHA-256 of the article's normalised text: the same story read twice, one id."""
    text = "\n".join([article.title, *article.body])
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def analyze(
    article: Article,
    source: Source,
    nlp: Language | None = None,
    actors: ActorDictionary | None = None,
) -> Analysis:
    """Analyse one article with `nlp` (default: the shipped pipeline)."""
    return next(analyze_many([(source, article)], nlp, actors))


def analyze_many(
    pages: Iterable[tuple[Source, Article]],
    nlp: Language | None = None,
    actors: ActorDictionary | None = None,
    batch_size: int = 64,
) -> Iterator[Analysis]:
    """Analyse a stream of articles, parsing their paragraphs in shared batches."""
    pipeline = nlp or load()
    for batch in _batches(pages, batch_size):
        texts = [_parseable(p) for _, article in batch for p in article.paragraphs()]
        docs = iter(pipeline.pipe(texts, batch_size=256))
        for source, article in batch:
            paragraphs = [next(docs) for _ in article.paragraphs()]
            yield _analysis(source, article, paragraphs, actors)


def _analysis(
    source: Source, article: Article, docs: Sequence[Doc], actors: ActorDictionary | None
) -> Analysis:
    entities = resolve(docs, actors, on=article.published.best)
    quotes = find_quotes(docs, entities)
    published = article.published.best
    events = code_events(docs, entities, published, quotes=quotes, actors=actors)
    return Analysis(analysis_id(article), source, article, entities, quotes, events)


def _parseable(paragraph: str) -> str:
    return paragraph[:MAX_PARAGRAPH_CHARS]


def _batches(
    pages: Iterable[tuple[Source, Article]], size: int
) -> Iterator[list[tuple[Source, Article]]]:
    batch: list[tuple[Source, Article]] = []
    for page in pages:
        batch.append(page)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
