"""Parsing a page and pruning what can never be article text.

Pruning here is structural and certain (scripts, forms' controls, navigation,
hidden elements). Deciding what is chrome by its class names or its text is
left to `content.py`, which can weigh it against where the article is.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring

# huge_tree: without it libxml2 silently stops at a text node over 10 MB (a page's
# inline JSON state) and at deep nesting, and the story after it is lost. Pages
# are already bounded in size before they reach the parser.
_PARSER = HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, collect_ids=False, huge_tree=True
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)

# Elements whose content is never read as text.
DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object",
    "embed", "video", "audio", "source", "track", "map", "area", "button", "select",
    "option", "textarea", "input", "link", "meta", "base", "dialog", "head", "title",
)  # fmt: skip
# Landmarks that hold site furniture rather than the story.
LANDMARK_TAGS = ("nav", "menu")
LANDMARK_ROLES = {
    "navigation", "banner", "contentinfo", "search", "menu", "menubar", "toolbar",
    "dialog", "alertdialog", "tablist", "complementary",
}  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def parse(text: str) -> HtmlElement:
    """The page as an lxml tree; never raises on malformed markup."""
    text = _XML_DECLARATION.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        text = "<html></html>"
    try:
        root = document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        root = document_fromstring("<html><body><pre></pre></body></html>", parser=_PARSER)
        pre = root.find(".//pre")
        if pre is not None:
            pre.text = text
    return root


def is_hidden(el: HtmlElement) -> bool:
    attrib = el.attrib
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def prune(root: HtmlElement) -> None:
    """Remove, in place, everything that can never be article text."""
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    doomed = [
        el
        for el in root.iter()
        if isinstance(el.tag, str)
        and (el.tag in LANDMARK_TAGS or el.attrib.get("role") in LANDMARK_ROLES or is_hidden(el))
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def class_words(el: HtmlElement) -> str:
    """The element's class and id, lower-cased, as one string to match words in."""
    attrib = el.attrib
    return f"{attrib.get('class', '')} {attrib.get('id', '')}".lower()
