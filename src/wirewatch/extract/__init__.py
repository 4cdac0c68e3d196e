"""The extraction stage: a RawPage to a clean Article.

`extract` decodes the bytes, decides by content whether they are HTML or text
scraped from a page, and hands them to the matching reader. Every way a page can
fail is a WirewatchError with a code; every way it can be read imperfectly is a
Notice on the Article.
"""

from __future__ import annotations

from dataclasses import replace

from wirewatch.errors import WirewatchError, notice
from wirewatch.extract.decode import charset_of, decode
from wirewatch.extract.html import read_html
from wirewatch.extract.sniff import binary_kind, kind_of, looks_binary
from wirewatch.extract.text import read_text
from wirewatch.model import Article, RawPage

__all__ = ["extract", "read_html", "read_text"]


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
        raise WirewatchError("WW102", "mostly control characters", source=where)
    if not decoded.text.strip():
        raise WirewatchError("WW101", "only white space once decoded", source=where)
    reader = read_html if kind_of(decoded.text) == "html" else read_text
    article = reader(decoded.text)
    if not article.body:
        raise WirewatchError("WW105", f"read as {article.reader}", source=where)
    warnings = [*page.notices, *decoded.notices, *article.warnings]
    if article.published.best is None:
        warnings.append(notice("WW154"))
    return replace(article, warnings=tuple(warnings))
