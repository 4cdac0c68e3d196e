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
    # A .gz inside a .gz: one layer was unpacked on reading, the second one is data.
    (b"\x1f\x8b", "gzip archive"),
    *((b"BZh%d1AY&SY" % level, "bzip2 archive") for level in range(1, 10)),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
)
# The comments' repetition is possessive (*+): backtracking into it made a page
# that opens with a few dozen comments and no <html> take exponential time.
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*+<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
# [^<>] rather than [^>]: a tag never holds "<", and "<p<p<p..." stays linear.
_TAG = re.compile(
    r"<(?:p|div|span|a|br|meta|title|article|section|h[1-6]|script|link|table|li|img|header)\b[^<>]*>",
    re.IGNORECASE,
)
# Characters text never has: C0 and C1 controls (not white space or ESC) and U+FFFD,
# which decoding leaves where bytes fit no character.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]")


def binary_kind(raw: bytes) -> str | None:
    """The name of a binary format the bytes start with, or None."""
    head = raw[:32]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def looks_binary(text: str) -> bool:
    """True when decoded text is dense with control characters: not a page at all.

    One in twenty is far more than any page has, and random bytes have one in ten
    or more; a short input counts when nothing but controls and white space is left.
    """
    sample = text[:8192]
    controls = len(_CONTROL.findall(sample))
    if not controls:
        return False
    return controls * 20 > len(sample) or not _CONTROL.sub("", sample).strip()


def kind_of(text: str) -> Kind:
    """HTML when it starts like a document or is dense with tags; text otherwise."""
    head = text[:65536]
    if _HTML_START.match(head):
        return "html"
    tags = len(_TAG.findall(head))
    return "html" if tags >= 3 and tags * 400 > min(len(head), 40_000) else "text"
