"""What a page is, decided by its content: binary, HTML or plain text."""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["html", "text"]

# Signatures of formats that are never a news page, checked on the raw bytes.
_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"RIFF", "RIFF media file"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\xfd7zXZ", "xz archive"),
    (b"SQLite format 3", "SQLite database"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(
    r"<(?:p|div|span|a|br|meta|title|article|section|h[1-6]|script|link|table|li|img|header)\b[^>]*>",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def binary_kind(raw: bytes) -> str | None:
    """The name of a binary format the bytes start with, or None."""
    head = raw[:32]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def looks_binary(text: str) -> bool:
    """True when decoded text is mostly control characters: not a page at all."""
    sample = text[:8192]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 20)


def kind_of(text: str) -> Kind:
    """HTML when it starts like a document or is dense with tags; text otherwise."""
    head = text[:65536]
    if _HTML_START.match(head):
        return "html"
    tags = len(_TAG.findall(head))
    return "html" if tags >= 3 and tags * 400 > min(len(head), 40_000) else "text"
