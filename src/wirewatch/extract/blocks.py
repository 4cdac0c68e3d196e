"""A pruned page as a flat list of text blocks in reading order.

A block is the text one block-level element holds directly (its inline children
included, its block children not), with the facts the content finder weighs:
how much of it is link text, whether it is a heading, list item, quotation or
caption, and which element it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li
    main menu nav ol p pre section summary table tbody tfoot thead tr ul""".split()
)
_CELLS = frozenset({"td", "th"})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


@dataclass(slots=True)
class Block:
    text: str
    element: HtmlElement
    link_chars: int = 0
    heading: int = 0
    flags: set[str] = field(default_factory=set)

    @property
    def tag(self) -> str:
        return str(self.element.tag)

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


def clean_text(text: str) -> str:
    """Collapse runs of white space (keeping line breaks) and drop invisible characters."""
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACE.sub(" ", text)
    return _LINE_BREAKS.sub("\n", text).strip()


class _Walker:
    """Collects blocks from start/end events, so that deep pages need no recursion."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.owners: list[HtmlElement] = []
        self.pieces: list[str] = []
        self.link_chars = 0
        self.in_link = 0

    def add(self, text: str | None) -> None:
        if text:
            self.pieces.append(text)
            if self.in_link:
                self.link_chars += len(text.strip())

    def flush(self) -> None:
        if not self.pieces or not self.owners:
            self.pieces, self.link_chars = [], 0
            return
        raw = "".join(self.pieces)
        self.pieces = []
        owner = self.owners[-1]
        parts = [clean_text(p) for p in _PARAGRAPH_BREAK.split(raw)]
        parts = [p for p in parts if p]
        total = sum(len(p) for p in parts) or 1
        for part in parts:
            share = round(self.link_chars * len(part) / total)
            heading = HEADINGS.get(str(owner.tag), 0)
            text = part.replace("\n", " ") if heading else part
            self.blocks.append(Block(text, owner, min(share, len(part)), heading))
        self.link_chars = 0

    def start(self, el: HtmlElement) -> None:
        tag = el.tag
        if tag in BLOCK_TAGS:
            self.flush()
            self.owners.append(el)
        elif tag == "br":
            self.pieces.append("\n")
        elif tag == "a":
            self.in_link += 1
        self.add(el.text)

    def end(self, el: HtmlElement) -> None:
        tag = el.tag
        if tag in BLOCK_TAGS:
            self.flush()
            self.owners.pop()
        elif tag == "a":
            self.in_link -= 1
        elif tag in _CELLS:
            # A table row reads as one line: its cells, space-separated.
            self.pieces.append(" ")
        self.add(el.tail)


def walk(root: HtmlElement) -> list[Block]:
    """All text blocks under `root`, in document order."""
    walker = _Walker()
    walker.owners.append(root)
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if el is root:
            if event == "start":
                walker.add(el.text)
            continue
        if event == "start":
            walker.start(el)
        else:
            walker.end(el)
    walker.flush()
    return [b for b in walker.blocks if b.text]
