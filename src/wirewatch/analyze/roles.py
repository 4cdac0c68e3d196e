"""Titles and roles: "Turkish Foreign Minister Mevlut Cavusoglu", "Peskov, the Kremlin spokesman".

The titles come from ``knowledge/roles.tsv`` and, when the user loads one, a PETRARCH
agents dictionary (which wins where both name a title). A role is read from the words
just before a name (premodifiers, with the country or body the office belongs to before
the title) or from an apposition just after it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span

from wirewatch.analyze.actors import ActorDictionary

# Words that qualify a title without changing whose office it is ("Deputy Foreign Minister").
MODIFIERS = frozenset(
    {"former", "ex", "deputy", "acting", "interim", "senior", "top", "then", "outgoing", "new"}
)
# A former office holder is an elite, not the office: CAMEO's ELI.
FORMER = frozenset({"former", "ex", "then"})
# Words that end an apposition: its noun phrase is over.
APPOSITION_END = frozenset({",", ".", ";", ":", "(", ")", "said", "says", "told", "who", "which"})
MAX_APPOSITION = 10
MAX_ABBREVIATION = 4
# Titles a capitalised portfolio may stand before: "Water and Energy Minister".
PORTFOLIO_HEADS = frozenset({"minister", "secretary", "ministry"})
CLAUSE_STOPS = frozenset({".", "!", "?", ";", ":", '"', "“", "”"})


@dataclass(frozen=True, slots=True)
class Title:
    """A title and the sector it gives ('' when it takes its body's sector)."""

    title: str
    sector: str


@dataclass(frozen=True, slots=True)
class RoleTable:
    """Titles by their key (lowercase, single spaces), and the longest title in words.

    ``starts`` and ``ends`` hold every prefix of a title's first word and every suffix of
    its last: a token that is neither cannot start or end a title, so most tokens are
    ruled out without building a span and its text (``may_start``, ``may_end``).
    """

    titles: dict[str, Title]
    longest: int
    starts: frozenset[str]
    ends: frozenset[str]

    def get(self, words: str) -> Title | None:
        return self.titles.get(title_key(words))

    def may_start(self, token_text: str) -> bool:
        """Whether a title's first word may begin with this token."""
        return _unsure(token_text) or token_text.lower() in self.starts

    def may_end(self, token_text: str) -> bool:
        """Whether a title's last word may end with this token."""
        return _unsure(token_text) or token_text.lower() in self.ends


@dataclass(frozen=True, slots=True)
class Role:
    """A role read beside a name: its text as written, its sector, and the tokens it spans.

    ``owner`` is the span naming whose office it is ("Turkish", "Kremlin", "Hamas"), if any.
    """

    text: str
    sector: str | None
    start: int
    end: int
    owner: Span | None = None
    former: bool = False


def title_key(words: str) -> str:
    """The key a title is filed under: lowercase, one space between words."""
    return " ".join(words.lower().replace(" - ", "-").split())


def _rows() -> Iterator[Title]:
    text = resources.files("wirewatch.knowledge").joinpath("roles.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        title, _, sector = line.partition("\t")
        yield Title(title_key(title), sector.strip())


@cache
def builtin_titles() -> tuple[Title, ...]:
    """The project's roles table."""
    return tuple(_rows())


def _table(titles: dict[str, Title]) -> RoleTable:
    longest = max((len(key.split()) for key in titles), default=1)
    words = [key.split() for key in titles if key.strip()]
    starts = frozenset(w[0][:n] for w in words for n in range(1, len(w[0]) + 1))
    ends = frozenset(w[-1][n:] for w in words for n in range(len(w[-1])))
    return RoleTable(titles, longest, starts, ends)


@cache
def _builtin_table() -> RoleTable:
    return _table({t.title: t for t in builtin_titles()})


def role_table(actors: ActorDictionary | None = None) -> RoleTable:
    """The roles table, with the titles of a user's agents dictionary laid over it."""
    if actors is None or not actors.agents:
        return _builtin_table()
    titles = dict(_builtin_table().titles)
    for agent in actors.agents:
        for form in agent.forms:
            key = title_key(form)
            titles[key] = Title(key, agent.sector or "")
    return _table(titles)


def _unsure(token_text: str) -> bool:
    """A token whose place in a title's key its own lowercase does not show: one with
    whitespace in it (the key's spaces are redone), or non-ASCII letters (whose
    lowercase can depend on the letters around them, as a Greek final sigma's does)."""
    # An ASCII character other than a space that is whitespace is unprintable.
    return not (token_text.isascii() and token_text.isprintable() and " " not in token_text)


@dataclass(frozen=True, slots=True, eq=False)
class Words:
    """The texts of a doc's tokens (those from token ``offset`` on) as plain strings.

    Read once per doc where every token is tried: reading them through Token and Span
    objects token by token cost more than the parse itself.
    """

    doc: Doc
    text: list[str]
    lower: list[str]
    with_ws: list[str]
    offset: int = 0

    @classmethod
    def of(cls, doc: Doc, start: int = 0, end: int | None = None) -> Words:
        tokens = list(doc[start:end])
        return cls(
            doc,
            [t.text for t in tokens],
            [t.lower_ for t in tokens],
            [t.text_with_ws for t in tokens],
            start,
        )

    def at(self, i: int) -> str:
        """Token ``i``'s text."""
        return self.text[i - self.offset]

    def lower_at(self, i: int) -> str:
        return self.lower[i - self.offset]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the tokens with the whitespace between them."""
        i, j = start - self.offset, end - self.offset
        return "".join(self.with_ws[i : j - 1]) + self.text[j - 1]


def _is_title_word(token_text: str) -> bool:
    return any(ch.isalpha() for ch in token_text)


def title_ending_at(doc: Doc, end: int, table: RoleTable, floor: int = 0) -> int | None:
    """Where the longest title ending just before token ``end`` starts, or None."""
    start = max(end - table.longest - 2, floor)
    return title_ending_in(Words.of(doc, start, end), end, table, floor) if start < end else None


def title_ending_in(words: Words, end: int, table: RoleTable, floor: int = 0) -> int | None:
    """``title_ending_at`` read from the words of the tokens before ``end``."""
    if end <= floor or not table.may_end(words.at(end - 1)):
        return None
    for start in range(max(end - table.longest - 2, floor), end):
        first = words.at(start)
        if not (_is_title_word(first) and table.may_start(first)):
            continue
        if table.get(words.span_text(start, end)) is not None:
            return start
    return None


def title_starting_at(doc: Doc, start: int, table: RoleTable, ceiling: int) -> int | None:
    """Where the longest title starting at token ``start`` ends, or None."""
    end = min(start + table.longest + 2, ceiling)
    return title_starting_in(Words.of(doc, start, end), start, table, end) if start < end else None


def title_starting_in(words: Words, start: int, table: RoleTable, ceiling: int) -> int | None:
    """``title_starting_at`` read from the words of the tokens from ``start`` on."""
    if start >= ceiling or not table.may_start(words.at(start)):
        return None
    for end in range(min(start + table.longest + 2, ceiling), start, -1):
        if table.may_end(words.at(end - 1)) and table.get(words.span_text(start, end)) is not None:
            return end
    return None


def _with_modifiers(doc: Doc, start: int, floor: int) -> int:
    while start > floor and doc[start - 1].lower_.rstrip("-") in MODIFIERS:
        start -= 1
    return start


def _role(doc: Doc, start: int, end: int, table: RoleTable, owner: Span | None) -> Role:
    title = table.get(doc[start:end].text)
    words = {t.lower_.rstrip("-") for t in doc[start:end]}
    if title is None:  # modifiers were added in front: the title is the tail
        head = title_starting_at_tail(doc, start, end, table)
        title = table.get(doc[head:end].text) if head is not None else None
    sector = title.sector if title is not None and title.sector else None
    former = bool(words & FORMER)
    return Role(doc[start:end].text, "ELI" if former else sector, start, end, owner, former)


def title_starting_at_tail(doc: Doc, start: int, end: int, table: RoleTable) -> int | None:
    """The first token from which ``doc[i:end]`` is a title (skipping modifiers)."""
    for i in range(start, end):
        if table.get(doc[i:end].text) is not None:
            return i
    return None


def role_before(
    doc: Doc, name_start: int, table: RoleTable, owners: dict[int, Span]
) -> Role | None:
    """The role in the words just before a name: "Kremlin spokesman Dmitry Peskov".

    ``owners`` maps the end token of each entity that can hold an office (a country, its
    adjective or metonym, an organisation) to its span.
    """
    end = name_start
    if end > 0 and doc[end - 1].text == ",":  # "The Kremlin's spokesman, Dmitry Peskov"
        end -= 1
    floor = _clause_start(doc, end)
    start = title_ending_at(doc, end, table, floor)
    if start is None:
        return None
    start = _with_portfolio(doc, start, end, floor, owners)
    start = _with_modifiers(doc, start, floor)
    return _role(doc, start, end, table, _owner_before(doc, start, owners))


def _with_portfolio(doc: Doc, start: int, end: int, floor: int, owners: dict[int, Span]) -> int:
    """A minister's or secretary's portfolio the table lacks: "Communications Minister"."""
    if doc[end - 1].lower_ not in PORTFOLIO_HEADS:
        return start
    while start > floor and start not in owners and _capitalised(doc[start - 1].text):
        start -= 1
    return start


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and text.isalpha() and not text.isupper()


def _clause_start(doc: Doc, end: int) -> int:
    """Where the clause holding token ``end`` starts: after the last stop before it.

    Read from punctuation, not the parser's sentences, which a weak parser may put
    between a title and its name.
    """
    start = end
    while start > 0 and (doc[start - 1].text not in CLAUSE_STOPS or _abbreviation(doc, start - 1)):
        start -= 1
    return start


def _abbreviation(doc: Doc, period: int) -> bool:
    """A period that ends a short capitalised abbreviation ("Col.", "Lt.") a tokenizer split."""
    if period == 0 or doc[period].text != ".":
        return False
    word = doc[period - 1]
    return not word.whitespace_ and word.text[:1].isupper() and len(word.text) <= MAX_ABBREVIATION


def _owner_before(doc: Doc, start: int, owners: dict[int, Span]) -> Span | None:
    i = start
    if i > 0 and doc[i - 1].text in ("'s", "’s", "'"):
        i -= 1
    return owners.get(i)


def role_after(doc: Doc, name_end: int, table: RoleTable, owners: dict[int, Span]) -> Role | None:
    """The role in an apposition: "Peskov, the Kremlin spokesman" or "X, spokesman for Y"."""
    if name_end >= len(doc) or doc[name_end].text != ",":
        return None
    window = _apposition(doc, name_end + 1)
    for i in range(window.start, window.end):
        stop = title_starting_at(doc, i, table, window.end)
        if stop is None or not _is_title_word(doc[i].text):
            continue
        start = _with_modifiers(doc, i, window.start)
        owner = _owner_before(doc, start, owners) or _owner_after(doc, stop, window.end, owners)
        return _role(doc, start, stop, table, owner)
    return None


def _apposition(doc: Doc, start: int) -> Span:
    end = start
    while end < len(doc) and end - start < MAX_APPOSITION:
        token = doc[end]
        if token.text in APPOSITION_END or token.pos_ in ("VERB", "AUX"):
            break
        end += 1
    return doc[start:end]


def _owner_after(doc: Doc, title_end: int, limit: int, owners: dict[int, Span]) -> Span | None:
    """The body named after a title: "spokesman for the Kremlin", "minister of Turkey"."""
    if title_end >= limit or doc[title_end].lower_ not in ("of", "for", "at", "to"):
        return None
    return next(
        (span for end, span in owners.items() if title_end < span.start and end <= limit), None
    )
