"""Bytes to text: byte-order marks, declared charsets, sniffing and mojibake repair.

The order follows what browsers do (a BOM wins, then the transport's charset, then
the page's own <meta>), with one correction that matters for news: a page declared
Latin-1 or Windows-1252 whose bytes are valid UTF-8 with multi-byte sequences is
UTF-8. Mis-declared pages are common; UTF-8 by accident is not.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from wirewatch.errors import notice
from wirewatch.model import Notice

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_SINGLE_BYTE_LABELS = {"latin-1", "iso8859-1", "cp1252", "ascii"}
# Sequences that UTF-8 text shows after being decoded as Windows-1252 or Latin-1.
_MOJIBAKE_MARKERS = ("Ã", "Â", "â€")
_MOJIBAKE = re.compile("[ÂÃ][\u0080-\u00bf]|â€[\u0080-\u00bf™œ”“˜š¦]|Ã¢â‚¬|\u00c2\u00a0")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    notices: tuple[Notice, ...] = ()


def charset_of(media_type: str | None) -> str | None:
    """The charset parameter of a Content-Type value, if any."""
    if not media_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", media_type, re.IGNORECASE)
    return match.group(1) if match else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    # WHATWG: pages labelled Latin-1 or ASCII are decoded as Windows-1252.
    return "cp1252" if name in {"latin-1", "iso8859-1", "ascii"} else name


def _declared(raw: bytes, transport: str | None) -> str | None:
    head = raw[:4096]
    for candidate in (
        transport,
        *(m.group(1).decode("ascii", "ignore") for m in [_XML_ENCODING.search(head)] if m),
        *(m.group(1).decode("ascii", "ignore") for m in [_META_CHARSET.search(head)] if m),
    ):
        codec = _codec(candidate)
        if codec:
            return codec
    return None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guess(raw: bytes) -> str:
    best = from_bytes(raw[:200_000]).best()
    return _codec(best.encoding if best else None) or "cp1252"


def choose_encoding(raw: bytes, transport: str | None = None) -> tuple[str, int]:
    """The codec to decode `raw` with, and how many leading bytes (a BOM) to skip."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name, len(bom)
    declared = _declared(raw, transport)
    utf8 = _is_utf8(raw)
    if declared and not (declared in _SINGLE_BYTE_LABELS and utf8 and not raw.isascii()):
        return declared, 0
    if utf8:
        return "utf-8", 0
    return _guess(raw), 0


def repair_mojibake(text: str) -> str | None:
    """The text with double-decoded UTF-8 undone, or None when nothing needed it."""
    # Plain substring tests first: the pattern search is slow on megabytes of clean text.
    if not any(marker in text for marker in _MOJIBAKE_MARKERS) or not _MOJIBAKE.search(text):
        return None
    import ftfy  # imported here: it is only needed for the rare broken page

    fixed: str = ftfy.fix_encoding(text)
    return fixed if fixed != text else None


def decode(raw: bytes, transport: str | None = None) -> Decoded:
    """Decode a page's bytes, repairing mojibake, with a notice for each repair."""
    encoding, skip = choose_encoding(raw, transport)
    notices: list[Notice] = []
    try:
        text = raw[skip:].decode(encoding)
    except UnicodeDecodeError:
        text = raw[skip:].decode(encoding, "replace")
        notices.append(notice("WW152", f"decoded as {encoding}"))
    repaired = repair_mojibake(text)
    if repaired is not None:
        text = repaired
        notices.append(notice("WW151", f"declared or detected as {encoding}"))
    return Decoded(text, encoding, tuple(notices))
