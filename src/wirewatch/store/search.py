"""Full-text search: one query syntax, run by SQLite's FTS5 or PostgreSQL's tsvector.

The syntax is what a search box takes (docs/store.md): words, all of which must
match, in any order; "quoted words" as a phrase; word* for any word starting so;
-word or -"a phrase" to exclude; OR between two terms for either. The query is
parsed here and compiled for each database, so that a user's quote or operator
can never reach the database as syntax, and a query that does not parse is a
coded error (WW506), not a database error.

Both databases stem English words (Porter on SQLite, the english configuration on
PostgreSQL) and weigh the title above the body; SQLite also folds accents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSQUERY

from wirewatch.errors import WirewatchError
from wirewatch.store import schema as t

_TOKEN = re.compile(r'\s*(?:(-?)"([^"]*)("?)|(\S+))')
_WORD = re.compile(r"\w+")
SNIPPET_MARKS = ("[", "]")
SNIPPET_WORDS = 24


@dataclass(frozen=True, slots=True)
class Term:
    """Words that must stand together (one word is a phrase of one); prefix: the last
    word may go on."""

    words: tuple[str, ...]
    prefix: bool = False
    # As typed, without operators: PostgreSQL's parser reads "U.S." as it indexed it.
    text: str = ""


@dataclass(frozen=True, slots=True)
class Query:
    """Every group must match (a group: any one of its terms); no excluded term may."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """One article found: its id, title, date, story, score (higher is better) and a
    snippet of its body with the matched words between SNIPPET_MARKS."""

    article_id: str
    title: str
    published: dt.date | None
    story_id: str | None
    score: float
    snippet: str

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "story_id": self.story_id,
            "score": round(self.score, 6),
            "snippet": self.snippet,
        }


def parse(text: str) -> Query:
    """The query a user typed, or WW506 saying why it cannot be run."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    for negated, term in _terms(text):
        if term is None:  # OR
            if not groups or pending_or or negated:
                raise _bad(text, "OR stands between two terms")
            pending_or = True
        elif negated:
            if pending_or:
                raise _bad(text, "an excluded term cannot be one side of OR")
            excluded.extend(_stems(term))
        elif pending_or:
            groups[-1].extend(_stems(term))
            pending_or = False
        else:
            groups.append(_stems(term))
    if pending_or:
        raise _bad(text, "OR stands between two terms")
    if not groups:
        reason = "only excluded terms" if excluded else "no word to search for"
        raise _bad(text, reason)
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


def _terms(text: str) -> list[tuple[bool, Term | None]]:
    """(negated, term) in order; a term of None is the OR operator."""
    out: list[tuple[bool, Term | None]] = []
    for match in _TOKEN.finditer(text):
        negated, phrase, closed, bare = match.groups()
        if phrase is not None:
            if not closed:
                raise _bad(text, "a quote is left open")
            words = tuple(w.casefold() for w in _WORD.findall(phrase))
            if words:
                out.append((bool(negated), Term(words, text=phrase)))
        elif bare == "OR":
            out.append((False, None))
        elif bare is not None:
            term = _bare(bare)
            if term is not None:
                out.append((bare.startswith("-") and len(bare) > 1, term))
    return out


def _bare(chunk: str) -> Term | None:
    """An unquoted chunk: a word, a word* prefix, or a phrase when punctuation splits it
    ("U.S." is the phrase "u s", as both databases index it)."""
    words = tuple(w.casefold() for w in _WORD.findall(chunk))
    if not words:
        return None
    return Term(words, prefix=chunk.endswith("*"), text=chunk.lstrip("-").rstrip("*"))


# Stemming can cut a word shorter than the prefix typed: "negotiations" is indexed as
# "negoti", which "negotiat*" does not reach. A long prefix therefore also matches the
# stems it could have been cut to, up to this many letters shorter (never below five).
_STEM_CUT = 3
_SHORTEST_STEM = 5


def _stems(term: Term) -> list[Term]:
    """The term, and for a one-word prefix the shorter stems that stand for its words."""
    if not term.prefix or len(term.words) != 1:
        return [term]
    word = term.words[0]
    shortest = max(_SHORTEST_STEM, len(word) - _STEM_CUT)
    return [
        term,
        *(Term((word[:n],), text=word[:n]) for n in range(len(word) - 1, shortest - 1, -1)),
    ]


def _bad(text: str, reason: str) -> WirewatchError:
    return WirewatchError("WW506", reason, source=repr(text))


# SQLite FTS5 -------------------------------------------------------------------------


def fts5(query: Query) -> str:
    """The FTS5 MATCH expression: every word quoted, so none is read as an operator."""
    groups = [" OR ".join(_fts5_term(term) for term in group) for group in query.groups]
    positive = " AND ".join(f"({g})" for g in groups)
    if not query.excluded:
        return positive
    excluded = " OR ".join(_fts5_term(term) for term in query.excluded)
    return f"({positive}) NOT ({excluded})"


def _fts5_term(term: Term) -> str:
    return '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")


# Ranking scores every match, which for a word in most articles of a large store takes
# longer than a search may; so the newest WINDOW matches are ranked (a query matching
# fewer is ranked whole). benchmarks/search.py measures the cost on 100,000 articles.
WINDOW = 2000

# The newest matches (FTS5 walks its doclists by rowid and stops at the window), ranked;
# then snippets for the page of hits only, looked up by rowid.
_SQLITE_TOP = (
    "SELECT seq, rank FROM ("
    "SELECT rowid AS seq, rank FROM articles_fts WHERE articles_fts MATCH :match "
    "ORDER BY rowid DESC LIMIT :window) ORDER BY rank, seq DESC LIMIT :limit OFFSET :offset"
)
_SQLITE_HITS = (
    "SELECT f.rowid, a.id, a.title, a.published, a.story_id, "
    "snippet(articles_fts, 1, :open, :close, '…', :words) "
    "FROM articles_fts AS f JOIN articles AS a ON a.seq = f.rowid "
    "WHERE articles_fts MATCH :match AND f.rowid IN ({seqs})"
)


def _sqlite_search(conn: sa.Connection, query: Query, limit: int, offset: int) -> list[Hit]:
    match = fts5(query)
    ranked = conn.execute(
        sa.text(_SQLITE_TOP),
        {"match": match, "window": WINDOW, "limit": limit, "offset": offset},
    ).all()
    if not ranked:
        return []
    open_, close = SNIPPET_MARKS
    # The rowids are integers read back from the index, safe to write into the SQL.
    statement = sa.text(_SQLITE_HITS.format(seqs=", ".join(str(int(s)) for s, _ in ranked)))
    params = {"match": match, "open": open_, "close": close, "words": SNIPPET_WORDS}
    rows = conn.execute(statement.columns(published=sa.Date), params).tuples()
    found = {
        seq: (ident, title, day, story, snippet) for seq, ident, title, day, story, snippet in rows
    }
    hits = []
    for seq, rank in ranked:
        if seq in found:
            ident, title, day, story, snippet = found[seq]
            hits.append(Hit(ident, title, day, story, -rank, snippet))
    return hits


# PostgreSQL ---------------------------------------------------------------------------

_CONFIG = "english"
# A constant, spelled as SQL: the search functions take a regconfig, not a text parameter.
_REGCONFIG: sa.ColumnElement[Any] = sa.literal_column(f"'{_CONFIG}'::regconfig")


def tsquery(query: Query) -> sa.ColumnElement[Any]:
    """The tsquery, built from functions of bound parameters: no user text is syntax.

    tsquery_and/or/not are the functions behind the &&, || and !! operators.
    """
    positive = _join("tsquery_and", [_join("tsquery_or", map(_pg_term, g)) for g in query.groups])
    if not query.excluded:
        return positive
    excluded = _join("tsquery_or", map(_pg_term, query.excluded))
    return _tsquery_fn("tsquery_and", positive, _tsquery_fn("tsquery_not", excluded))


def _pg_term(term: Term) -> sa.ColumnElement[Any]:
    if not term.prefix:
        return _tsquery_fn("phraseto_tsquery", _REGCONFIG, term.text or " ".join(term.words))
    # Words are runs of \w, so quoting them as lexemes cannot inject tsquery syntax.
    lexemes = [f"'{w}'" for w in term.words]
    lexemes[-1] += ":*"
    return _tsquery_fn("to_tsquery", _REGCONFIG, " <-> ".join(lexemes))


def _join(function: str, parts: Iterable[sa.ColumnElement[Any]]) -> sa.ColumnElement[Any]:
    items = list(parts)
    out = items[0]
    for item in items[1:]:
        out = _tsquery_fn(function, out, item)
    return out


def _tsquery_fn(name: str, *args: Any) -> sa.ColumnElement[Any]:
    function: sa.ColumnElement[Any] = getattr(sa.func, name)(*args, type_=TSQUERY)
    return function


def _pg_search(conn: sa.Connection, query: Query, limit: int, offset: int) -> list[Hit]:
    _matches_from_the_index(conn)
    a = t.articles
    q = tsquery(query)
    vector: sa.ColumnElement[Any] = sa.literal_column("articles.search")
    newest = (
        sa.select(a.c.seq)
        .where(vector.op("@@")(q))
        .order_by(a.c.seq.desc())
        .limit(WINDOW)
        .cte("newest")
        .prefix_with("MATERIALIZED")
    )
    rank = sa.func.ts_rank(vector, q)
    top = (
        sa.select(a.c.id, a.c.seq, a.c.title, a.c.published, a.c.story_id, rank.label("score"))
        .join_from(a, newest, newest.c.seq == a.c.seq)
        .order_by(rank.desc(), a.c.seq.desc())
        .limit(limit)
        .offset(offset)
        .subquery("top")
    )
    open_, close = SNIPPET_MARKS
    options = f"StartSel={open_}, StopSel={close}, MaxWords={SNIPPET_WORDS}, MinWords=12"
    # Headlines are the costly part, so only the page of hits gets one.
    snippet = sa.func.ts_headline(_REGCONFIG, a.c.body, q, options)
    statement = (
        sa.select(top.c.id, top.c.title, top.c.published, top.c.story_id, top.c.score, snippet)
        .join_from(top, a, a.c.id == top.c.id)
        .order_by(top.c.score.desc(), top.c.seq.desc())
    )
    return [Hit(*row) for row in conn.execute(statement).tuples()]


def _matches_from_the_index(conn: sa.Connection) -> None:
    """Make this transaction find matches through the GIN index only.

    Otherwise the planner walks the seq index backwards (for a word of middling
    frequency) or scans the table (for a word in most articles), decompressing
    every article's tsvector to test it: 300 ms on 100,000 articles, where the
    GIN index answers without reading a vector (15 to 30 ms). SET LOCAL ends
    with the transaction, so other statements on the connection plan as usual.
    """
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    conn.exec_driver_sql("SET LOCAL enable_indexscan = off")


def search(conn: sa.Connection, text: str, limit: int = 10, offset: int = 0) -> list[Hit]:
    """Articles matching the query, best first, with a snippet each."""
    query = parse(text)
    if conn.dialect.name == "postgresql":
        return _pg_search(conn, query, limit, offset)
    return _sqlite_search(conn, query, limit, offset)
