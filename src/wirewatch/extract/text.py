"""The text reader: text scraped from a news page to a clean Article.

Scraped text keeps the page's parts in reading order, one per line, without the
markup that named them: the headline, a standfirst, share buttons, a photo
caption (often twice, once with its credit), the byline, the story with an
agency tag, subheadings, captions again in the middle, a "follow topics" footer.
Each line is judged by what it is and where it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from wirewatch.errors import notice
from wirewatch.extract import dates, language
from wirewatch.extract.byline import is_byline, parse_byline, split_lead
from wirewatch.extract.captions import credit_of, is_credit_line, split_caption
from wirewatch.extract.chrome import is_chrome_line
from wirewatch.extract.lines import fold, is_date_only, is_dated_meta
from wirewatch.model import Article, Caption

READER = "text.v1"
_SENTENCE_END = re.compile(r"[.!?…\"”’)\]]$")
SUBHEADING_MAX_WORDS = 8
STANDFIRST_MAX_CHARS = 400
HEADLINE_MAX_CHARS = 200
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s+[A-Z\"“]")
# Text wrapped at a column (a terminal dump, an e-mail) has most lines near that
# width and a paragraph's lines all but the last at least this share of it.
MAX_WRAP_WIDTH = 132
WRAPPED_SHARE_OF_WIDTH = 0.6


@dataclass(slots=True)
class _Line:
    text: str
    role: str = "text"


def _is_subheading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= SUBHEADING_MAX_WORDS
        and not _SENTENCE_END.search(text)
        and not text.endswith((",", ";", ":"))
        and text[0].isupper()
    )


def _mark_captions(lines: list[_Line]) -> list[Caption]:
    """Captions are lines with a credit; a line they begin with is the same caption again."""
    captions: dict[str, Caption] = {}
    for line in lines:
        if line.role != "text":
            continue
        caption = split_caption(line.text)
        if caption.credit:
            line.role = "caption"
            captions.setdefault(fold(caption.text), caption)
    for line in lines:
        if line.role == "text" and fold(line.text) in captions:
            line.role = "caption"
    return list(captions.values())


def _attach_bare_credits(lines: list[_Line]) -> list[Caption]:
    """A caption line followed by a line that is only its credit ("Credit: AFP")."""
    found: list[Caption] = []
    for i in range(1, len(lines)):
        line, previous = lines[i], lines[i - 1]
        if line.role == "text" and is_credit_line(line.text) and previous.role == "text":
            if not _SENTENCE_END.search(previous.text[-1:]) and len(previous.text) < 40:
                continue
            found.append(Caption(previous.text, credit_of(line.text)))
            previous.role = line.role = "caption"
    return found


def _is_headline(text: str) -> bool:
    """A headline is short and is not a run of sentences; a page's first paragraph is."""
    return len(text) <= HEADLINE_MAX_CHARS and len(_SENTENCE_BREAK.findall(text)) < 2


def _mark_head(lines: list[_Line]) -> tuple[str, str | None, list[str]]:
    """Headline, standfirst and byline from the lines before the story starts."""
    texts = [i for i, line in enumerate(lines) if line.role == "text"]
    if not texts or not _is_headline(lines[texts[0]].text):
        return "", None, []
    title_at = texts[0]
    lines[title_at].role = "title"
    authors: list[str] = []
    byline_at = next(
        (i for i in texts[1:6] if is_byline(lines[i].text) and parse_byline(lines[i].text).authors),
        None,
    )
    if byline_at is not None:
        authors = list(parse_byline(lines[byline_at].text).authors)
        lines[byline_at].role = "byline"
    standfirst: str | None = None
    after_title = next((i for i in texts[1:] if lines[i].role == "text"), None)
    if after_title is not None and len(lines[after_title].text) <= STANDFIRST_MAX_CHARS:
        between = [line.role for line in lines[after_title + 1 :]]
        next_text = next((j for j, r in enumerate(between) if r == "text"), len(between))
        if (byline_at is not None and after_title < byline_at) or next_text > 0:
            standfirst = lines[after_title].text
            lines[after_title].role = "standfirst"
    return lines[title_at].text, standfirst, authors


def _mark_story(lines: list[_Line]) -> None:
    """Subheadings between paragraphs; short lines after the last paragraph are chrome."""
    texts = [i for i, line in enumerate(lines) if line.role == "text"]
    prose = [i for i in texts if not _is_subheading(lines[i].text)]
    if not prose:
        return
    for i in texts:
        if i > prose[-1] or i < prose[0]:
            if _is_subheading(lines[i].text) or is_date_only(lines[i].text):
                lines[i].role = "chrome"
        elif _is_subheading(lines[i].text):
            lines[i].role = "subheading"


def _mark_date(lines: list[_Line]) -> dates.Stated | None:
    """The first line that only prints the publication date, marked; its date."""
    for line in lines:
        if is_date_only(line.text) or is_dated_meta(line.text):
            found = dates.date_in_line(line.text)
            if found:
                line.role = "date"
                return dates.Stated(found, f"the page prints '{line.text}'")
    return None


def _wrap_width(lines: list[str]) -> int | None:
    """The column text was hard-wrapped at, or None when lines run to their natural end."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 3:
        return None
    width = lengths[int(len(lengths) * 0.9) - 1]
    near = sum(1 for n in lengths if n >= WRAPPED_SHARE_OF_WIDTH * width)
    return width if width <= MAX_WRAP_WIDTH and near >= len(lengths) * 0.4 else None


def _unwrap(text: str) -> list[str]:
    """Lines as units; in hard-wrapped text, each blank-line block's wrapped lines as one."""
    raw = [" ".join(line.split()) for line in text.splitlines()]
    width = _wrap_width(raw)
    if width is None:
        return [line for line in raw if line]
    units: list[str] = []
    block: list[str] = []
    for line in [*raw, ""]:
        if line:
            block.append(line)
            continue
        wrapped = all(len(b) >= WRAPPED_SHARE_OF_WIDTH * width for b in block[:-1])
        units.extend([" ".join(block)] if block and wrapped else block)
        block = []
    return units


def read_text(text: str) -> Article:
    """Read scraped page text into an Article."""
    lines = [_Line(unit) for unit in _unwrap(text)]
    removed: list[str] = []
    stated = _mark_date(lines)
    for line in lines:
        if line.role == "text" and is_chrome_line(line.text):
            line.role = "chrome"
            removed.append(line.text)
    captions = _mark_captions(lines) + _attach_bare_credits(lines)
    title, standfirst, authors = _mark_head(lines)
    _mark_story(lines)
    body: list[str] = []
    heads: list[tuple[int, str]] = []
    for line in lines:
        if line.role == "text":
            body.append(line.text)
        elif line.role == "subheading":
            heads.append((len(body), line.text))
        elif line.role == "chrome" and line.text not in removed:
            removed.append(line.text)
    agency = dateline = None
    if body:
        lead = split_lead(body[0])
        agency, dateline = lead.agency, lead.place
        if lead.bare_tag:
            body[0] = lead.rest
    article = Article(
        title=title,
        body=tuple(body),
        standfirst=standfirst,
        authors=tuple(authors),
        agency=agency,
        dateline=dateline,
        subheadings=tuple(h for _, h in heads),
        subheading_before=tuple(i for i, _ in heads),
        captions=tuple(captions),
        removed=tuple(dict.fromkeys(removed)),
        reader=READER,
    )
    published = dates.published(stated, article.body, [c.text for c in captions])
    warnings = () if title else (notice("WW153", "the first line reads as a paragraph"),)
    return replace(
        article,
        published=published,
        language=language.detect(None, article.body),
        warnings=warnings,
    )
