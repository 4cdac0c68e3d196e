"""Entity resolution: one canonical entity per referent of an article, every mention linked.

The input is one parsed Doc per body paragraph, with the entities the NER and the
gazetteer gave. Resolution

1. reads each entity with what the knowledge base knows of it (``kb_id_``, or a lookup
   of its text when the pipeline gave none), and finds the people the NER missed from
   their titles ("spokesman Dmitry Peskov", "a man named Akhmed Chatayev") (``mentions``);
2. chains people's names: a later or earlier name whose words are a subsequence of a
   fuller one with the same surname is the same person ("Erdogan" <- "Tayyip Erdogan" <-
   "Recep Tayyip Erdogan"), and bare surnames the NER missed are linked too (``people``);
3. folds names of a country into it: its aliases ("Britain", "U.S."), adjectives
   ("Turkish"), metonyms ("the Kremlin") and its capital when the capital acts or is
   dealt with as the government ("Ankara said", "ties with Moscow") (``linking``,
   ``capitals``);
4. reads people's roles from titles and appositions, and with them their country,
   sector and actor code ("Turkish Foreign Minister" -> TUR, GOV, TURGOV) (``describe``);
5. codes every entity an actor dictionary names (the user's wins over the knowledge base).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc

from wirewatch.analyze.actors import ActorDictionary
from wirewatch.analyze.describe import add_roles, build_entities, code_from, describe
from wirewatch.analyze.linking import grouped, keyed
from wirewatch.analyze.mentions import find_mentions
from wirewatch.analyze.roles import Words, role_table
from wirewatch.model import Entity

__all__ = ["resolve"]


def resolve(
    docs: Sequence[Doc], actors: ActorDictionary | None = None, *, on: dt.date | None = None
) -> tuple[Entity, ...]:
    """The entities of an article: ``docs[i]`` is the parse of its paragraph ``i``.

    ``actors`` is a user's actor dictionary (codes, countries and sectors it gives win);
    ``on`` the article's date, for actor codes that hold only between dates.
    """
    table = role_table(actors)
    words = [Words.of(doc) for doc in docs]  # token texts, read once for every pass
    found = [f for i, w in enumerate(words) for f in find_mentions(w, i, table)]
    found = keyed(found, words, table)
    groups = grouped(found)
    for group in groups:
        describe(group)
    add_roles(groups, docs, table)
    if actors is not None:
        for group in groups:
            code_from(group, actors, on)
    return build_entities(groups)
