"""Finding the story on a page: which element holds it, and which of its blocks are text.

The container is the element that maximises good text minus a fraction of other
text, both counted in characters: good text is running prose (long blocks, few
links, not furniture). Maximising that difference picks the smallest element that
still holds nearly all the prose, and reaches up to a common ancestor when a
story is split across containers, as long as what it brings in is mostly prose.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from wirewatch.extract.blocks import Block, walk
from wirewatch.extract.chrome import (
    NONE,
    STRONG_NAME,
    furniture_strength,
    is_chrome_line,
    names_caption,
    names_story_body,
)

# How much a character of other text costs against a character of prose.
OTHER_TEXT_COST = 0.35
# What markup naming an element as the story body ("article-body") is worth, as a
# share of the text it holds: enough to choose it over a parent that adds little.
STORY_NAME_BONUS = 0.5
GOOD_MIN_CHARS = 80
# Prose in list items counts for less: lists of teasers (headline, blurb) fill the
# rails of news pages, while a story's own lists are short.
LIST_PROSE_WEIGHT = 0.2
# Pages of short lines (a results table, a calendar) hold less prose than this;
# for them a shorter line counts as text.
SCARCE_PROSE_CHARS = 400
SCARCE_MIN_CHARS = 25
GOOD_MAX_LINK_DENSITY = 0.5
_FURNITURE_TAGS = frozenset({"header", "footer", "aside", "nav", "form", "menu"})
_CAPTION_TAGS = frozenset({"figcaption"})
# How many blocks between a headline and a container can be the story's head.
HEAD_MAX_BLOCKS = 12
# A caption's markup names the caption itself or its near wrapper, not the page.
CAPTION_NAME_DEPTH = 4
_STORY_ATTRS = ("articlebody", "articletext")


@dataclass(slots=True)
class Found:
    """The container the story was found in, and all its blocks in reading order.

    Blocks inside furniture are kept, flagged, so that what follows can see what
    stood between two paragraphs.
    """

    container: HtmlElement | None
    blocks: list[Block] = field(default_factory=list)
    head: list[Block] = field(default_factory=list)


def _named_furniture(el: HtmlElement) -> int:
    tag = el.tag
    if tag in ("html", "body", "main", "article"):
        return NONE
    itemprop = el.attrib.get("itemprop", "").lower()
    if any(a in itemprop for a in _STORY_ATTRS):
        return NONE
    if tag in _FURNITURE_TAGS:
        return STRONG_NAME
    return furniture_strength(el.attrib.get("class", ""), el.attrib.get("id", ""))


def _ancestry(block: Block) -> list[HtmlElement]:
    chain = [block.element]
    chain.extend(block.element.iterancestors())
    return chain


def _flag(block: Block, chain: list[HtmlElement], furniture: set[HtmlElement]) -> None:
    for depth, el in enumerate(chain):
        tag = el.tag
        if tag in _CAPTION_TAGS or (
            depth < CAPTION_NAME_DEPTH and names_caption(el.get("class", ""), el.get("id", ""))
        ):
            block.flags.add("caption")
        elif tag == "figure":
            block.flags.add("figure")
        elif tag == "blockquote":
            block.flags.add("quote")
        elif tag == "li":
            block.flags.add("list")
        elif tag in ("tr", "table"):
            block.flags.add("table")
        if el in furniture:
            block.flags.add("furniture")


def _sum_up(
    blocks: list[Block], chains: list[list[HtmlElement]], min_chars: int = GOOD_MIN_CHARS
) -> tuple[dict[HtmlElement, float], dict[HtmlElement, float]]:
    good: dict[HtmlElement, float] = defaultdict(float)
    other: dict[HtmlElement, float] = defaultdict(float)
    for block, chain in zip(blocks, chains, strict=True):
        if "furniture" in block.flags:
            continue
        weight = float(len(block.text))
        if is_prose(block, min_chars):
            target = good
            if "list" in block.flags:
                weight *= LIST_PROSE_WEIGHT
        else:
            target = other
        for el in chain:
            target[el] += weight
    return good, other


def _story_anchors(root: HtmlElement) -> set[HtmlElement]:
    """Elements that hold the headline, <main> or the marked-up article body.

    A wrapper named like furniture ("page has-sidebar") is still kept when it
    holds one of these: its name describes the layout, not its content.
    """
    anchors = root.xpath(
        ".//h1 | .//main | .//*[@role='main']"
        " | .//*[contains(translate(@itemprop, 'B', 'b'), 'articlebody')]"
    )
    held: set[HtmlElement] = set()
    for anchor in anchors:
        held.add(anchor)
        held.update(anchor.iterancestors())
    return held


# A wrapper named like furniture in a weak way ("content-sidebar-wrap") is still
# kept when it holds this share of the page's prose.
WEAK_FURNITURE_MAX_PROSE = 0.5


def _furniture(
    chains: list[list[HtmlElement]], anchors: set[HtmlElement], prose: dict[HtmlElement, float]
) -> set[HtmlElement]:
    limit = WEAK_FURNITURE_MAX_PROSE * max(prose.values(), default=0.0)
    seen: set[HtmlElement] = set()
    found: set[HtmlElement] = set()
    for chain in chains:
        for el in chain:
            if el in seen or el in anchors:
                continue
            seen.add(el)
            strength = _named_furniture(el)
            if strength == STRONG_NAME or (strength and prose.get(el, 0.0) < limit):
                found.add(el)
    return found


def is_prose(block: Block, min_chars: int = GOOD_MIN_CHARS) -> bool:
    """Running text: long enough, few links, not a heading, caption or furniture line."""
    return (
        not block.heading
        and "furniture" not in block.flags
        and "caption" not in block.flags
        and len(block.text) >= min_chars
        and block.link_density < GOOD_MAX_LINK_DENSITY
        and not is_chrome_line(block.text)
    )


def container_score(
    el: HtmlElement, good: dict[HtmlElement, float], other: dict[HtmlElement, float]
) -> float:
    """Prose held, less a share of other text, plus a bonus when markup names a story body."""
    value = good[el] - OTHER_TEXT_COST * other[el]
    attrib = el.attrib
    if el.tag not in ("html", "body") and names_story_body(
        attrib.get("class", ""), attrib.get("id", ""), attrib.get("itemprop", "")
    ):
        value += STORY_NAME_BONUS * good[el]
    return value


def find_content(root: HtmlElement) -> Found:
    """Locate the story's container in a pruned tree and return its blocks."""
    body = root.find("body")
    blocks = walk(body if body is not None else root)
    chains = [_ancestry(b) for b in blocks]
    prose, _ = _sum_up(blocks, chains)
    furniture = _furniture(chains, _story_anchors(root), prose)
    for block, chain in zip(blocks, chains, strict=True):
        _flag(block, chain, furniture)
    good, other = _sum_up(blocks, chains)
    if max(good.values(), default=0.0) < SCARCE_PROSE_CHARS:
        good, other = _sum_up(blocks, chains, SCARCE_MIN_CHARS)
    if not good:
        return Found(None, [])

    container = max(good, key=lambda el: container_score(el, good, other))
    inside = [b for b, chain in zip(blocks, chains, strict=True) if container in chain]
    first = blocks.index(inside[0]) if inside else 0
    head = _head(blocks[:first], chains[:first], _article_scope(container, root))
    return Found(container, inside, head)


def _head(before: list[Block], chains: list[list[HtmlElement]], scope: HtmlElement) -> list[Block]:
    """The blocks between the headline and the story's container, nearest last.

    They are the blocks of the container's scope, or, when the headline stands
    outside it, those after the last <h1> before the container, at most a few.
    """
    scoped = [b for b, chain in zip(before, chains, strict=True) if scope in chain]
    if scoped:
        return scoped
    headline = max((i for i, b in enumerate(before) if b.tag == "h1"), default=None)
    if headline is None:
        return []
    return before[headline + 1 :][-HEAD_MAX_BLOCKS:]


def _article_scope(container: HtmlElement, root: HtmlElement) -> HtmlElement:
    """The container's nearest ancestor that also holds the headline (<h1>).

    The lead photo and the dek often stand between the headline and the body's
    container; their captions and text belong to the story all the same.
    """
    holders: set[HtmlElement] = set()
    for heading in root.iterfind(".//h1"):
        holders.add(heading)
        holders.update(heading.iterancestors())
    for el in (container, *container.iterancestors()):
        if el.tag in ("body", "html"):
            break
        if el in holders:
            return el
    return container
