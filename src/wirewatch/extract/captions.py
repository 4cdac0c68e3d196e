"""Captions and their credit lines, as both readers meet them.

A credit is introduced by a label ("Credit:", "Photo:", "Photograph:", "Image:"),
stands in parentheses at the end ("(AP Photo/Evan Vucci)", "(Getty Images)"), or
is a photographer/agency pair after the caption's last sentence ("… 2015. Murad
Sezer/Reuters"). The label may be glued to the caption's last word, as scraped
text often has it ("2015.Credit: Murad Sezer/Reuters").
"""

from __future__ import annotations

import re

from wirewatch.model import Caption

_LABEL = r"(?:photo\s*credit|credits?|photo(?:graph)?s?|pictures?|images?|foto|bild)"
_NAME = r"[A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*){0,4}"
_PAIR = rf"{_NAME}(?:\s*/\s*{_NAME})+"
_AGENCIES = r"(?:Getty Images|Shutterstock|AP|AFP|Reuters|REUTERS|EPA|Xinhua|Bloomberg|dpa)"

_LABELLED = re.compile(
    rf"^(?P<text>.*?(?:[.!?\"”’]|(?=\s*\()))\s*\(?{_LABEL}\s*:\s*(?P<credit>[^()]{{2,120}}?)\)?\s*$",
    re.I | re.S,
)
_PARENTHESISED = re.compile(
    rf"^(?P<text>.*?)\s*\((?P<credit>{_PAIR}|{_AGENCIES}(?: Photo)?)\)\s*$", re.S
)
_TRAILING_PAIR = re.compile(rf"^(?P<text>.*[.!?\"”])\s*(?P<credit>{_PAIR})\s*$", re.S)
_CREDIT_ONLY = re.compile(
    rf"^\(?(?:{_LABEL}\s*:\s*.{{2,120}}|{_PAIR}|{_AGENCIES}(?: Photo)?)\)?$", re.I
)


def is_credit_line(text: str) -> bool:
    """A line that is nothing but a credit ("Credit: AFP", "Murad Sezer/Reuters")."""
    text = text.strip()
    return len(text) <= 140 and bool(_CREDIT_ONLY.match(text))


def credit_of(text: str) -> str:
    """The credit itself, without its label or brackets: "Credit: AFP" -> "AFP"."""
    text = text.strip().removeprefix("(").removesuffix(")")
    return re.sub(rf"^{_LABEL}\s*:\s*", "", text, flags=re.I).strip()


def split_caption(text: str) -> Caption:
    """A caption with its credit separated: "… 2015. Credit: AFP" -> ("… 2015.", "AFP")."""
    text = " ".join(text.split())
    for pattern in (_LABELLED, _PARENTHESISED, _TRAILING_PAIR):
        match = pattern.match(text)
        if match and match.group("text").strip():
            return Caption(match.group("text").strip(), match.group("credit").strip())
    return Caption(text, None)
