"""From the blocks of a story's container to body, subheadings, captions and chrome.

The container holds more than the story: the headline and byline above it, photo
captions within it, a "Trending" box or a tag list below it. Each rule here says
what a block is from what it holds and where it stands, never from one site's
markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from wirewatch.extract.blocks import Block
from wirewatch.extract.captions import is_credit_line, split_caption
from wirewatch.extract.chrome import ends_story, is_chrome_line, names_standfirst
from wirewatch.extract.content import is_prose
from wirewatch.extract.lines import fold, is_contributor_line, is_date_only, is_meta_line
from wirewatch.model import Caption

LINK_DENSE = 0.5
# A link whose text opens with one of these labels points away from the story.
_LINK_LABEL = re.compile(
    r"^\W*(?:related|read more|read also|see more|see also|also (?:on|read|see)|more(?: on| from)?"
    r"|tags?|topics?|don'?t miss|watch|video|recommended|trending|most (?:read|popular)"
    r"|popular|latest|top stories|further reading|lees ook|lesen sie auch|leia também|"
    r"lire aussi|leggi anche|ver también)\b",
    re.I,
)


@dataclass(slots=True)
class Selected:
    """What the container's blocks turned out to be."""

    body: list[str] = field(default_factory=list)
    subheadings: list[tuple[int, str]] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    standfirst: str | None = None


def _is_caption(block: Block) -> bool:
    if "caption" in block.flags:
        return True
    return "figure" in block.flags and "quote" not in block.flags and not is_prose(block)


def _role(block: Block, titles: set[str]) -> str:
    """What one block is, judged on its own: caption, chrome, heading or text."""
    text = block.text
    if "caption" in block.flags:
        return "caption"
    if "furniture" in block.flags:
        return "chrome"
    if _is_caption(block):
        return "caption"
    if fold(text) in titles:
        return "title"
    if is_chrome_line(text) or is_date_only(text):
        return "chrome"
    if block.link_density >= LINK_DENSE and "quote" not in block.flags and _is_promo(text):
        return "chrome"
    return "heading" if block.heading else "text"


def _is_promo(text: str) -> bool:
    """A link-dense line that is a labelled pointer or a shouted promotion."""
    letters = [c for c in text if c.isalpha()]
    shouted = len(letters) > 8 and all(c.isupper() for c in letters if c.isascii())
    return shouted or bool(_LINK_LABEL.match(text))


def _in_standfirst(block: Block) -> bool:
    """Marked up as the dek; a "summary" list of key points is part of the story."""
    if "list" in block.flags:
        return False
    el = block.element
    for _ in range(2):
        if el is None:
            return False
        if names_standfirst(el.get("class", ""), el.get("id", "")):
            return True
        el = el.getparent()
    return False


def _mark_standfirst(roles: list[str], blocks: list[Block]) -> None:
    """Above the story's first paragraph, a block marked up as the dek is the standfirst."""
    for i, block in enumerate(blocks):
        if roles[i] != "text":
            continue
        if _in_standfirst(block):
            roles[i] = "standfirst"
            return
        if is_prose(block):
            return


def _is_edge_chrome(block: Block) -> bool:
    """Links, or a meta line that is not part of a quoted post, a list or a table."""
    if block.flags & {"quote", "list", "table"}:
        return block.link_density >= LINK_DENSE and "quote" not in block.flags
    return block.link_density >= LINK_DENSE or is_meta_line(block.text)


def _trim_edges(roles: list[str], blocks: list[Block]) -> None:
    """Before the first and after the last paragraph of prose, meta lines are chrome."""
    prose = [
        i
        for i, b in enumerate(blocks)
        if roles[i] == "text" and is_prose(b) and not is_contributor_line(b.text)
    ]
    if not prose:
        return
    first, last = prose[0], prose[-1]
    for i, block in enumerate(blocks):
        if roles[i] not in ("text", "heading") or first <= i <= last:
            continue
        if roles[i] == "heading" or _is_edge_chrome(block):
            roles[i] = "chrome"


def _furniture_headings(roles: list[str]) -> None:
    """A heading followed by furniture rather than text heads the furniture."""
    for i, role in enumerate(roles):
        if role != "heading":
            continue
        following = next((r for r in roles[i + 1 :] if r not in ("caption", "heading")), "chrome")
        if following != "text":
            roles[i] = "chrome"


def _section_of(heading: HtmlElement, story: set[HtmlElement]) -> tuple[HtmlElement, bool]:
    """The element a closing heading opens: its box, or (False) the rest of its parent."""
    box = heading
    parent = box.getparent()
    while parent is not None and parent not in story:
        box, parent = parent, parent.getparent()
    if box is not heading:
        return box, True
    return parent if parent is not None else heading, False


def _cut_closing_sections(roles: list[str], blocks: list[Block]) -> None:
    """After story text, a "Related" or "Comments" heading opens furniture.

    A heading in a box of its own (a related-links panel inside the story) takes
    the box with it and the story goes on after it; a heading in the story's own
    flow takes everything after it.
    """
    story: set[HtmlElement] = set()
    for i, block in enumerate(blocks):
        if "furniture" in block.flags or roles[i] == "chrome":
            continue
        if roles[i] == "text" and is_prose(block):
            story.update(block.element.iterancestors())
            story.add(block.element)
        elif story and block.heading and ends_story(block.text, block.element.get("class", "")):
            section, boxed = _section_of(block.element, story)
            for j in range(i, len(blocks)):
                inside = (
                    section in blocks[j].element.iterancestors() or blocks[j].element is section
                )
                if boxed and not inside:
                    break
                if boxed or inside:
                    roles[j] = "chrome"


def _repeats_prose(block: Block) -> bool:
    """A paragraph of prose printed twice is a duplicate; a list's or table's repeated
    line ("Eat every 2-3 hours") is the structure of the story."""
    return is_prose(block) and not block.flags & {"list", "table"}


def _add_caption(out: Selected, text: str) -> None:
    """Keep each caption once; a copy that carries the credit wins over one that does not."""
    if is_credit_line(text):
        return
    caption = split_caption(text)
    key = fold(caption.text)
    for i, known in enumerate(out.captions):
        if fold(known.text) == key:
            if known.credit is None and caption.credit:
                out.captions[i] = caption
            return
    out.captions.append(caption)


def _read_head(head: list[Block], out: Selected) -> None:
    """Between headline and body: the lead photo's caption and a marked-up dek."""
    for block in head:
        if "caption" in block.flags:
            _add_caption(out, block.text)
        elif out.standfirst is None and is_prose(block, 20) and _in_standfirst(block):
            out.standfirst = block.text


def select(blocks: list[Block], titles: set[str], head: list[Block] | None = None) -> Selected:
    """Sort a container's blocks into body, subheadings, captions and removed chrome."""
    out = Selected()
    _read_head(head or [], out)
    roles = [_role(b, titles) for b in blocks]
    _cut_closing_sections(roles, blocks)
    _mark_standfirst(roles, blocks)
    _trim_edges(roles, blocks)
    _furniture_headings(roles)
    seen: set[str] = set()
    for block, role in zip(blocks, roles, strict=True):
        key = fold(block.text)
        if role == "caption":
            _add_caption(out, block.text)
        elif role == "standfirst":
            out.standfirst = block.text
        elif role in ("chrome", "title"):
            if role == "chrome" and "furniture" not in block.flags:
                out.removed.append(" ".join(block.text.split()))
        elif role == "heading":
            out.subheadings.append((len(out.body), block.text))
        elif key in seen and _repeats_prose(block):
            out.removed.append(block.text)
        else:
            out.body.append(block.text)
            seen.add(key)
    return out
