"""The HTML reader: a decoded page to a clean Article.

Markup claims (JSON-LD, Open Graph) are read first from the whole page; then the
page is pruned, the story's container found and its blocks sorted; last, the
claims are checked against what the page shows to choose the headline,
standfirst, byline and date.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml.html import HtmlElement

from wirewatch.errors import notice
from wirewatch.extract import dates, language
from wirewatch.extract.byline import Byline, agency_name, parse_byline, same_person, split_lead
from wirewatch.extract.content import find_content
from wirewatch.extract.htmlmeta import PageMeta, read_meta
from wirewatch.extract.htmltree import parse, prune
from wirewatch.extract.lines import fold
from wirewatch.extract.select import Selected, select
from wirewatch.model import Article, Notice

# " | Site", " - Site", " — Site": the separators sites put between headline and name.
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·»:-]{1,2}\s+")
_ELLIPSIS = ("...", "…", "[…]", "[...]")
READER = "html.v1"
MAX_AUTHORS = 8
DATE_SEARCH_MAX_CHARS = 5_000_000


def _names_site(part: str, site_key: str) -> bool:
    key = fold(part)
    return bool(site_key) and bool(key) and key in site_key


def _strip_site(title: str, site: str | None) -> str:
    """Drop a site name from either end of a <title> ("Headline | Site" -> "Headline")."""
    cuts = list(_TITLE_SEPARATORS.finditer(title))
    if not cuts:
        return title
    starts = [0, *(c.end() for c in cuts)]
    stops = [*(c.start() for c in cuts), len(title)]
    spans = list(zip(starts, stops, strict=True))
    site_key = fold(site or "")
    first, last = 0, len(spans) - 1
    while first < last and _names_site(title[slice(*spans[first])], site_key):
        first += 1
    while last > first and _names_site(title[slice(*spans[last])], site_key):
        last -= 1
    if (first, last) != (0, len(spans) - 1):
        return title[spans[first][0] : spans[last][1]]
    # No site name to match: what follows a " | " is the site's name and section
    # ("Talks fail | World | The Daily"); a dash may be the headline's own.
    pipe = title.find(" | ")
    return title[:pipe].strip() if pipe > 0 else title


def choose_title(meta: PageMeta) -> str:
    """The headline: the <h1> when the markup's titles confirm it, else the cleanest title."""
    claimed = [_strip_site(t, meta.site_name) for t in meta.titles]
    claimed_keys = {fold(t) for t in claimed}
    for h1 in meta.h1:
        key = fold(h1)
        if key and any(key == c or (len(key) > 15 and key in c) for c in claimed_keys):
            return h1
    if claimed:
        return claimed[0]
    return meta.h1[0] if meta.h1 else ""


def _standfirst(meta: PageMeta, body: list[str]) -> str | None:
    """The description, when it is the page's own summary and not its first lines cut short."""
    text = " ".join((meta.description or "").split())
    if len(text) < 40 or text.endswith(_ELLIPSIS):
        return None
    key = fold(text)
    if body and (fold(body[0]).startswith(key) or key.startswith(fold(body[0]))):
        return None
    return text


def _byline(meta: PageMeta) -> Byline:
    """Authors and agency: every author the markup names, else the first visible byline."""
    authors: list[str] = []
    agency: str | None = None
    for text in meta.authors:
        parsed = parse_byline(text)
        agency = agency or agency_name(text) or parsed.agency
        authors.extend(a for a in parsed.authors if not any(same_person(a, b) for b in authors))
    for text in meta.byline_texts:
        parsed = parse_byline(text)
        agency = agency or parsed.agency
        if not authors and parsed.authors:
            authors.extend(parsed.authors)
    return Byline(tuple(authors[:MAX_AUTHORS]), agency)


def _assemble(selected: Selected, meta: PageMeta, title: str) -> Article:
    body = list(selected.body)
    standfirst = selected.standfirst or _standfirst(meta, body)
    if standfirst and body and fold(body[0]) == fold(standfirst):
        body.pop(0)
    byline = _byline(meta)
    agency = byline.agency
    dateline = None
    if body:
        lead = split_lead(body[0])
        agency = agency or lead.agency
        dateline = lead.place
        if lead.bare_tag:
            body[0] = lead.rest
    heads = [(i, h) for i, h in selected.subheadings if fold(h) != fold(title)]
    return Article(
        title=title,
        body=tuple(body),
        standfirst=standfirst,
        authors=byline.authors,
        agency=agency,
        dateline=dateline,
        subheadings=tuple(h for _, h in heads),
        subheading_before=tuple(i for i, _ in heads),
        captions=tuple(selected.captions),
        removed=tuple(dict.fromkeys(selected.removed)),
        reader=READER,
    )


def _title_keys(titles: list[str]) -> set[str]:
    """Every form of the headline the page may print again: whole, and each long part
    of a title joined with a site's name ("Headline - Site")."""
    keys = {fold(t) for t in titles}
    for title in titles:
        keys.update(fold(p) for p in _TITLE_SEPARATORS.split(title) if len(p.split()) >= 4)
    keys.discard("")
    return keys


def _truncated(text: str) -> bool:
    """A document that opened <html> or <body> but never closed it was cut off."""
    head = text[:4096].lower()
    tail = text[-4096:].lower()
    opened = "<html" in head or "<body" in head
    return opened and "</html" not in tail and "</body" not in tail


def read_html(text: str) -> Article:
    """Read a decoded HTML page into an Article (body empty when no story was found)."""
    root: HtmlElement = parse(text)
    meta = read_meta(root)
    # htmldate walks the whole tree: on a page of many megabytes the markup's own
    # claim, or the text, has to do.
    stated = dates.stated_date(meta.published, root, search=len(text) <= DATE_SEARCH_MAX_CHARS)
    title = choose_title(meta)
    titles = _title_keys([title, *meta.titles, *meta.h1])
    prune(root)
    found = find_content(root)
    article = _assemble(select(found.blocks, titles, found.head), meta, title)
    published = dates.published(stated, article.body, [c.text for c in article.captions])
    warnings: list[Notice] = []
    if _truncated(text):
        warnings.append(notice("WW150", "the HTML ends before </body>"))
    if not title:
        warnings.append(notice("WW153"))
    return replace(
        article,
        published=published,
        language=language.detect(meta.language, article.body),
        warnings=tuple(warnings),
    )
