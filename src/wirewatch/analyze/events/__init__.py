"""Event coding: who did what to whom, coded in CAMEO (with Goldstein scores) and PLOVER.

``code_events(docs, entities, published)`` codes an article's parsed paragraphs;
``code_sentences(items)`` parses and codes single sentences, for researchers and the
benchmark. The coder is split along the data flow: ``clauses`` reads predicates and
their arguments from the parse, ``actors`` says which actor a phrase stands for,
``arguments`` chooses the source and target, ``modality`` says whether an act
happened and ``intent`` what an announcement codes as; ``coder`` puts them together
with the action ``lexicon`` and the CAMEO ``codebook``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.language import Language

from wirewatch.analyze.actors import ActorDictionary
from wirewatch.analyze.entities import resolve
from wirewatch.analyze.events.coder import code_events
from wirewatch.analyze.events.lexicon import Lexicon
from wirewatch.model import Event

__all__ = ["MAX_SENTENCE_CHARS", "code_events", "code_sentences"]

# A "sentence" longer than this is read in part: a parse of a huge text would take
# minutes, and no sentence of news comes near it.
MAX_SENTENCE_CHARS = 20_000


def code_sentences(
    items: Iterable[tuple[str, dt.date | None]],
    nlp: Language | None = None,
    actors: ActorDictionary | None = None,
    lexicon: Lexicon | None = None,
    batch_size: int = 256,
) -> Iterator[tuple[Event, ...]]:
    """The events of each text (a sentence, or a few), given with its date.

    Each text is read as a one-paragraph article: its entities are resolved (with the
    user's ``actors`` dictionary, whose phrases also code actors the entity stage did
    not find) and its events dated from its own time expressions relative to the date.
    Yields one tuple of events per text, in order.
    """
    from wirewatch.nlp import load

    pipeline = nlp or load()
    pairs = ((text[:MAX_SENTENCE_CHARS], on) for text, on in items)
    for doc, on in pipeline.pipe(pairs, as_tuples=True, batch_size=batch_size):
        entities = resolve([doc], actors, on=on)
        yield code_events([doc], entities, on, lexicon, actors=actors)
