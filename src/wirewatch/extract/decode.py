"""Bytes to text: byte-order marks, declared charsets, sniffing and mojibake repair.

The order follows what browsers do (a BOM wins, then the transport's charset, then
the page's own <meta> or XML declaration), with corrections that matter for news:

- bytes that are valid UTF-8 and not plain ASCII are UTF-8, whatever the page
  declares: mis-declared pages are common, UTF-8 by accident is not; undeclared
  bytes with far more UTF-8 sequences than strays are UTF-8 too (strays: WW152);
- a page declared UTF-8 in which no byte sequence is UTF-8 was written in a legacy
  code page, and is decoded as the one its bytes fit best (WW151);
- UTF-16 without a byte-order mark is recognised by the zero bytes its markup has.

Labels are read as browsers read them: "iso-8859-1" and "ascii" mean Windows-1252,
"gb2312" means GB18030, "shift_jis" means Windows-31J (the supersets real pages
use), and a label that names no web encoding (utf-7, rot13, base64) is ignored.
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
_DECLARATION_WINDOW = 4096

# Labels browsers accept that Python spells differently.
_LABELS = {
    "windows-874": "cp874",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "x-gbk": "gb18030",
    "x-mac-roman": "mac-roman",
    "x-mac-cyrillic": "mac-cyrillic",
    "iso-8859-8-i": "iso8859-8",
    "unicode-1-1-utf-8": "utf-8",
    "utf8mb4": "utf-8",
    "x-user-defined": "cp1252",
}
# What a browser decodes a label as: the superset that pages so labelled rely on.
_SUPERSETS = {
    "ascii": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}
_UNICODE_WIDE = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
_WEB_CODECS = frozenset(
    {
        "utf-8", *_UNICODE_WIDE, "cp866", "cp874", "koi8-r", "koi8-u", "mac-roman",
        "mac-cyrillic", "gb18030", "big5hkscs", "euc_jp", "iso2022_jp", "cp932", "cp949",
        *(f"cp{n}" for n in range(1250, 1259)),
        *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    }
)  # fmt: skip
# The code page a tie between single-byte guesses goes to, by the language the
# text reads as; any other language (or none) gets Windows-1252, the web's commonest.
_LANGUAGE_CODE_PAGES = {
    **dict.fromkeys(
        ("Czech", "Slovak", "Polish", "Hungarian", "Slovene", "Croatian", "Romanian"), "cp1250"
    ),
    "Turkish": "cp1254",
    **dict.fromkeys(("Estonian", "Latvian", "Lithuanian"), "cp1257"),
    "Vietnamese": "cp1258",
}
_GUESS_SAMPLE = 200_000
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Sequences that UTF-8 text shows after being decoded as Windows-1252 or Latin-1.
_MOJIBAKE_MARKERS = ("Ã", "Â", "â€")
_MOJIBAKE = re.compile("[ÂÃ][\u0080-\u00bf]|â€[\u0080-\u00bf™œ”“˜š¦]|Ã¢â‚¬|\u00c2\u00a0")


def _c1_for_undefined(error: UnicodeError) -> tuple[str | bytes, int]:
    """Windows-1252's five undefined bytes decode to the C1 code points, as in browsers.

    Kept (not replaced) because mojibake of "Á", "Í", "Ï", "Ð" and "Ý" goes through
    them, and the repair needs them; extraction strips any that remain.
    """
    if isinstance(error, UnicodeDecodeError):
        return error.object[error.start : error.end].decode("latin-1"), error.end
    if isinstance(error, UnicodeEncodeError):
        # The reverse, for undoing mojibake: a C1 or Latin-1 character back to its byte.
        try:
            return error.object[error.start : error.end].encode("latin-1"), error.end
        except UnicodeEncodeError:
            raise error from None
    raise error


codecs.register_error("wirewatch-latin1", _c1_for_undefined)


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


def codec_for(label: str | None) -> str | None:
    """The Python codec a browser would decode a charset label with, or None."""
    if not label:
        return None
    key = label.strip().lower()
    try:
        name = codecs.lookup(_LABELS.get(key, key)).name
    except LookupError:
        return None
    name = _SUPERSETS.get(name, name)
    return name if name in _WEB_CODECS else None


def _declared(raw: bytes, transport: str | None) -> str | None:
    head = raw[:_DECLARATION_WINDOW]
    in_page = [m.group(1) for m in (_XML_ENCODING.search(head), _META_CHARSET.search(head)) if m]
    for candidate in (transport, *(label.decode("ascii") for label in in_page)):
        codec = codec_for(candidate)
        if codec:
            return codec
    return None


def _is_utf8(raw: bytes) -> bool:
    """Valid UTF-8, allowing the last character to be cut short by a truncated download."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(raw, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _mostly_utf8(raw: bytes) -> bool:
    """More well-formed multi-byte UTF-8 characters than bytes that break it.

    A UTF-8 page with a few stray bytes (a pasted fragment, a cut download) is
    still UTF-8, with U+FFFD for the strays; text in a legacy code page holds
    next to no well-formed sequences. A sample is enough to tell.
    """
    sample = raw[:_GUESS_SAMPLE]
    good = sum(1 for _ in _UTF8_SEQUENCE.finditer(sample))
    return good > sample.decode("utf-8", "replace").count("\ufffd")


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 told by its zero bytes: markup and Latin text put one in every other byte."""
    head = raw[:4096]
    pairs = len(head) // 2
    if pairs < 4:
        return None
    even, odd = head[0 : pairs * 2 : 2].count(0), head[1 : pairs * 2 : 2].count(0)
    if odd > pairs * 0.4 and even < pairs * 0.05:
        return "utf-16-le"
    if even > pairs * 0.4 and odd < pairs * 0.05:
        return "utf-16-be"
    return None


def _guess(raw: bytes) -> str:
    results = from_bytes(raw[:_GUESS_SAMPLE])
    best = results.best()
    if best is None:
        return "cp1252"
    # On short text several code pages decode to equally plausible letters
    # (charset_normalizer ranks cp1250 first for French); the text's language,
    # which it does tell, picks between them.
    language = best.languages[0] if best.languages else ""
    preferred = _LANGUAGE_CODE_PAGES.get(language, "cp1252")
    for match in results:
        tied = match.chaos <= best.chaos + 0.01 and match.coherence >= best.coherence - 0.01
        candidates = {codec_for(name) for name in match.could_be_from_charset}
        if tied and preferred in candidates:
            return preferred
    return codec_for(best.encoding) or "cp1252"


def choose_encoding(raw: bytes, transport: str | None = None) -> tuple[str, int]:
    """The codec to decode `raw` with, and how many leading bytes (a BOM) to skip."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name, len(bom)
    wide = _utf16_without_bom(raw)
    if wide:
        return wide, 0
    declared = _declared(raw, transport)
    ascii_only = raw.isascii()
    utf8 = ascii_only or _is_utf8(raw)
    # A UTF-16 label on bytes without zeros is wrong (WHATWG reads it as UTF-8); a
    # 7-bit encoding such as ISO-2022-JP is honoured on ASCII bytes.
    if declared and (not utf8 or (ascii_only and declared not in _UNICODE_WIDE)):
        return declared, 0
    if utf8 or _mostly_utf8(raw):
        return "utf-8", 0
    return _guess(raw), 0


def _decode(raw: bytes, encoding: str) -> tuple[str, int]:
    """The text, and how many characters had to be replaced with U+FFFD."""
    errors = "wirewatch-latin1" if encoding == "cp1252" else "strict"
    try:
        return raw.decode(encoding, errors), 0
    except UnicodeDecodeError:
        text = raw.decode(encoding, "replace")
        return text, max(1, text.count("\ufffd"))


def _undo_double_decoding(text: str) -> str | None:
    """The whole text re-read as UTF-8, when all of it was UTF-8 read as Windows-1252."""
    try:
        fixed = text.encode("cp1252", "wirewatch-latin1").decode("utf-8")
    except UnicodeError:
        return None
    if not _MOJIBAKE.search(fixed):
        return fixed
    # Some left: encoded more than twice, or not mojibake at all; keep the better one.
    return fixed if len(_MOJIBAKE.findall(fixed)) < len(_MOJIBAKE.findall(text)) else None


def repair_mojibake(text: str) -> str | None:
    """The text with double-decoded UTF-8 undone, or None when nothing needed it."""
    # Plain substring tests first: the pattern search is slow on megabytes of clean text.
    if not any(marker in text for marker in _MOJIBAKE_MARKERS) or not _MOJIBAKE.search(text):
        return None
    fixed = _undo_double_decoding(text)
    if fixed is None:
        import ftfy  # imported here: it is only needed for the rare broken page

        # Line by line, and only the lines that show mojibake: ftfy reads about a
        # megabyte a second, and a page is mostly clean when it is mixed.
        lines = text.splitlines(keepends=True)
        fixed = "".join(ftfy.fix_encoding(x) if _MOJIBAKE.search(x) else x for x in lines)
    return fixed if fixed != text else None


def decode(raw: bytes, transport: str | None = None) -> Decoded:
    """Decode a page's bytes, repairing mojibake, with a notice for each repair."""
    encoding, skip = choose_encoding(raw, transport)
    body = raw[skip:] if skip else raw
    notices: list[Notice] = []
    text, replaced = _decode(body, encoding)
    if replaced and encoding == "utf-8" and not _UTF8_SEQUENCE.search(body):
        legacy = _guess(body)
        if legacy != "utf-8":
            text, replaced = _decode(body, legacy)
            notices.append(notice("WW151", f"declared utf-8, but the bytes are {legacy}"))
            encoding = legacy
    if replaced:
        notices.append(notice("WW152", f"{replaced:,} replaced, decoding as {encoding}"))
    repaired = repair_mojibake(text)
    if repaired is not None:
        text = repaired
        notices.append(notice("WW151", f"double-encoded UTF-8 undone (read as {encoding})"))
    return Decoded(text, encoding, tuple(notices))
