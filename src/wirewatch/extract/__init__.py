"""The extraction stage: a RawPage to a clean Article.

`extract` decodes the bytes, decides by content whether they are HTML or text
scraped from a page, and hands them to the matching reader. Every way a page can
fail is a WirewatchError with a code; every way it can be read imperfectly is a
Notice on the Article.
"""

from __future__ import annotations

import re
from dataclasses import replace

from wirewatch.errors import WirewatchError, notice
from wirewatch.extract.decode import charset_of, decode
from wirewatch.extract.html import read_html
from wirewatch.extract.sniff import binary_kind, kind_of, looks_binary
from wirewatch.extract.text import read_text
from wirewatch.model import Article, Caption, RawPage

__all__ = ["extract", "read_html", "read_text"]

# Control characters are never article text (a NUL, a stray C1 byte, &#1; in
# markup), and JSON consumers and terminals choke on them. Tab, line feed,
# carriage return and form feed are white space and stay.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]+")


def extract(page: RawPage) -> Article:
    """Read one page into an Article, or raise a coded WirewatchError."""
    where = page.source.url or page.source.path
    if not page.content.strip():
        raise WirewatchError("WW101", source=where)
    binary = binary_kind(page.content)
    if binary:
        raise WirewatchError("WW102", f"it is a {binary}", source=where)
    decoded = decode(page.content, charset_of(page.media_type))
    if looks_binary(decoded.text):
        raise WirewatchError("WW102", "control characters, not text", source=where)
    text = decoded.text
    if not text.strip():
        raise WirewatchError("WW101", "only white space once decoded", source=where)
    reader = read_html if kind_of(text) == "html" else read_text
    try:
        # Control characters are taken out of what the reader found, not out of the
        # page: a pass over every page's text cost a sixth of the extraction time.
        article = _scrub(reader(text))
    except (RecursionError, MemoryError) as exc:
        raise WirewatchError("WW199", type(exc).__name__, source=where) from exc
    except Exception as exc:
        # A reader bug on one page must not end a batch of thousands; the code
        # and the exception's name are what a report of it needs.
        raise WirewatchError("WW199", f"{type(exc).__name__}: {exc}"[:200], source=where) from exc
    if not article.body:
        raise WirewatchError("WW105", f"read as {article.reader}", source=where)
    warnings = [*page.notices, *decoded.notices, *article.warnings]
    if article.published.best is None:
        warnings.append(notice("WW154"))
    return replace(article, warnings=tuple(warnings))


def _clean(text: str) -> str:
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def _scrub(article: Article) -> Article:
    """The article without control characters that markup (&#1;, &#x7f;) let through."""

    def optional(text: str | None) -> str | None:
        return _clean(text) if text is not None else None

    return replace(
        article,
        title=_clean(article.title),
        standfirst=optional(article.standfirst),
        authors=tuple(_clean(a) for a in article.authors),
        agency=optional(article.agency),
        dateline=optional(article.dateline),
        body=tuple(_clean(p) for p in article.body),
        subheadings=tuple(_clean(h) for h in article.subheadings),
        captions=tuple(Caption(_clean(c.text), optional(c.credit)) for c in article.captions),
        removed=tuple(_clean(r) for r in article.removed),
    )
