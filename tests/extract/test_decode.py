"""Bytes to text: BOMs, declared charsets, sniffing, mojibake repair and bad bytes."""

from __future__ import annotations

import codecs
import time

import pytest

from tests.pages import html_page
from wirewatch.extract import extract
from wirewatch.extract.decode import charset_of, choose_encoding, codec_for, decode
from wirewatch.model import RawPage, Source

ACCENTED = "Café “quoted” — naïve résumé, l’été à Genève"
# Bytes that differ between ISO-8859-15 and Windows-1252 (€ and œ against ¤ and ½):
# a sniffer left to itself says Windows-1252, so only a declaration read gives "€".
EURO_15 = "Le prix : 20 €, l’œuvre".replace("’", "'")
EURO_15_BYTES = EURO_15.encode("iso-8859-15")


def codes(decoded: object) -> list[str]:
    return [n.code for n in getattr(decoded, "notices", ())]


def page(text: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><p>{text}</p></body></html>"


# --- Unicode and byte-order marks ---------------------------------------------------


def test_utf8_without_bom_decodes_as_utf8() -> None:
    decoded = decode(ACCENTED.encode())
    assert (decoded.text, decoded.encoding, codes(decoded)) == (ACCENTED, "utf-8", [])


def test_utf8_bom_is_dropped_and_wins_over_a_contrary_meta() -> None:
    raw = codecs.BOM_UTF8 + page(ACCENTED, '<meta charset="windows-1251">').encode()
    decoded = decode(raw)
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith("<html>")
    assert ACCENTED in decoded.text


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_utf16_and_utf32_with_bom(bom: bytes, codec: str) -> None:
    decoded = decode(bom + page(ACCENTED).encode(codec))
    assert decoded.encoding == codec
    assert decoded.text == page(ACCENTED)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_told_by_its_zero_bytes(codec: str) -> None:
    # Valid UTF-8 too (NUL is ASCII), so a reader going by validity alone gets it wrong.
    decoded = decode(page("plain ASCII words").encode(codec))
    assert decoded.encoding == codec
    assert decoded.text == page("plain ASCII words")


def test_utf16_page_without_bom_is_extracted_not_refused_as_binary() -> None:
    article = extract(RawPage(Source(path="p"), html_page().encode("utf-16-le")))
    assert article.title == "Turkey and Russia agree on grain corridor"


# --- Declared charsets -------------------------------------------------------------


def test_charset_is_read_from_a_content_type() -> None:
    assert charset_of('text/html; charset="ISO-8859-15"') == "ISO-8859-15"
    assert charset_of("text/html") is None
    assert charset_of(None) is None


def test_transport_charset_is_used() -> None:
    decoded = decode(EURO_15_BYTES, charset_of("text/html; charset=iso-8859-15"))
    assert decoded.text == EURO_15


def test_transport_charset_wins_over_the_pages_meta() -> None:
    raw = page(EURO_15, '<meta charset="windows-1252">').encode("iso-8859-15")
    assert EURO_15 in decode(raw, "iso-8859-15").text


def test_transport_charset_reaches_the_decoder_through_extract() -> None:
    body = "Le ministre a déclaré lundi que le prix du blé atteint 20 € la tonne à Rouen, " * 2
    raw = html_page(paragraphs=(body.strip(),), head="").encode("iso-8859-15")
    page_ = RawPage(Source(url="https://example.com/a"), raw, "text/html; charset=iso-8859-15")
    assert "20 € la tonne" in extract(page_).body[0]


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="iso-8859-15">',
        "<meta charset=ISO-8859-15>",
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">',
        "<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=iso-8859-15'>",
    ],
)
def test_charset_is_read_from_meta(head: str) -> None:
    raw = page(EURO_15, head).encode("iso-8859-15")
    assert EURO_15 in decode(raw).text


def test_charset_is_read_from_an_xml_declaration() -> None:
    raw = b'<?xml version="1.0" encoding="iso-8859-15"?>\n' + page(EURO_15).encode("iso-8859-15")
    decoded = decode(raw)
    assert decoded.encoding == "iso8859-15"
    assert EURO_15 in decoded.text


@pytest.mark.parametrize("label", ["windows-1252", "cp1252", "iso-8859-1", "latin1", "us-ascii"])
def test_windows_1252_and_latin1_pages_keep_curly_quotes_and_accents(label: str) -> None:
    # Pages labelled Latin-1 or ASCII are Windows-1252, as browsers read them:
    # bytes 0x93 and 0x94 are curly quotes there and C1 controls in strict Latin-1.
    raw = page(ACCENTED, f'<meta charset="{label}">').encode("cp1252")
    decoded = decode(raw)
    assert decoded.encoding == "cp1252"
    assert ACCENTED in decoded.text
    assert codes(decoded) == []


def test_page_declared_latin1_whose_bytes_are_utf8_is_utf8() -> None:
    raw = page(ACCENTED, '<meta charset="iso-8859-1">').encode()
    decoded = decode(raw)
    assert decoded.encoding == "utf-8"
    assert ACCENTED in decoded.text
    assert codes(decoded) == []


def test_page_declared_shift_jis_whose_bytes_are_utf8_is_utf8() -> None:
    text = "東京で開かれた会議で、政府は新しい経済対策を発表した。"
    assert text in decode(page(text, '<meta charset="shift_jis">').encode()).text


def test_utf8_cut_mid_character_is_still_utf8() -> None:
    # A truncated download ends inside a multi-byte character; the rest is UTF-8.
    raw = page(ACCENTED, '<meta charset="iso-8859-1">').encode() + "é".encode()[:1]
    decoded = decode(raw)
    assert decoded.encoding == "utf-8"
    assert ACCENTED in decoded.text
    assert codes(decoded) == ["WW152"]


def test_ascii_page_labelled_utf16_is_read_as_utf8() -> None:
    decoded = decode(page("hello world", '<meta charset="utf-16">').encode())
    assert decoded.encoding == "utf-8"
    assert "hello world" in decoded.text


def test_seven_bit_iso_2022_jp_is_honoured_when_declared() -> None:
    text = "東京で開かれた会議"
    raw = page(text, '<meta charset="iso-2022-jp">').encode("iso2022_jp")
    assert raw.isascii()
    assert text in decode(raw).text


def test_gb2312_label_reads_the_gbk_characters_pages_so_labelled_use() -> None:
    text = "北京时间周一，朱镕基总理表示"  # 镕 is in GBK, not in GB2312
    raw = page(text, '<meta charset="gb2312">').encode("gbk")
    decoded = decode(raw)
    assert text in decoded.text
    assert codes(decoded) == []


# --- Sniffing ----------------------------------------------------------------------

JAPANESE = (
    "東京で開かれた会議で、政府は新しい経済対策を発表した。首相は記者団に対し、"
    "景気回復を最優先にすると述べた。野党は対策の規模が小さすぎると批判している。"
)
CHINESE = (
    "北京时间周一，中国政府宣布了新的经济刺激计划。总理表示，将优先考虑经济复苏和就业。"
    "分析人士认为，这一计划的规模超出了市场的预期。"
)
RUSSIAN = (
    "Министр иностранных дел России заявил в понедельник, что переговоры продолжатся на "
    "следующей неделе в столице. Официальные лица сообщили, что дата встречи не назначена."
)
CZECH = (
    "Ministr zahraničí řekl v pondělí, že jednání budou pokračovat příští týden v hlavním "
    "městě, uvedli úředníci. Datum schůzky zatím nebylo stanoveno."
)
FRENCH = (
    "Le ministre a déclaré lundi que les négociations reprendraient à Genève. « C’est naïf "
    "de croire à un accord rapide », a-t-il ajouté, évoquant des « exigences » irréalistes."
)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (JAPANESE, "shift_jis"),
        (CHINESE, "gb2312"),
        (RUSSIAN, "koi8-r"),
        (RUSSIAN, "windows-1251"),
        (CZECH, "windows-1250"),
        (FRENCH, "windows-1252"),
    ],
)
def test_undeclared_legacy_encodings_are_sniffed(text: str, codec: str) -> None:
    decoded = decode(page(text).encode(codec))
    assert text in decoded.text, decoded.encoding
    assert codes(decoded) == []


def test_short_french_text_is_not_read_as_central_european() -> None:
    # charset_normalizer ties Windows-1250 with Windows-1252 here and ranks 1250
    # first, which turns "naïve" into "naďve"; the language breaks the tie.
    text = "Café “quoted” — naïve résumé, the minister said on Monday"
    assert decode(page(text).encode("cp1252")).text == page(text)


# --- Labels that are wrong, unknown or hostile ------------------------------------------


def test_unknown_charset_label_falls_back_to_utf8_when_the_bytes_are_utf8() -> None:
    decoded = decode(page(ACCENTED, '<meta charset="x-klingon">').encode())
    assert (decoded.encoding, codes(decoded)) == ("utf-8", [])
    assert ACCENTED in decoded.text


def test_unknown_charset_label_falls_back_to_sniffing() -> None:
    decoded = decode(page(FRENCH, '<meta charset="x-klingon">').encode("cp1252"))
    assert FRENCH in decoded.text


@pytest.mark.parametrize(
    "label", ["rot13", "zlib", "base64", "hex", "undefined", "unicode_escape", "idna", "utf-7"]
)
def test_labels_naming_no_web_encoding_are_ignored(label: str) -> None:
    # Python's codec registry knows these, and decoding with them raises (rot13, zlib,
    # undefined) or rewrites the text (unicode_escape turns "\x41" into "A").
    raw = page("caf\u00e9 \\x41 +AGEA-", f'<meta charset="{label}">').encode()
    decoded = decode(raw)
    assert decoded.encoding == "utf-8"
    assert "café \\x41 +AGEA-" in decoded.text


def test_codec_labels_map_to_what_browsers_decode() -> None:
    assert codec_for("ISO-8859-1") == "cp1252"
    assert codec_for("Shift_JIS") == "cp932"
    assert codec_for("GB2312") == "gb18030"
    assert codec_for("utf8mb4") == "utf-8"
    assert codec_for("windows-874") == "cp874"
    assert codec_for("utf-7") is None
    assert codec_for("") is None


def test_page_declared_utf8_in_windows_1252_is_read_as_windows_1252_with_ww151() -> None:
    raw = page(ACCENTED, '<meta charset="utf-8">').encode("cp1252")
    decoded = decode(raw)
    assert ACCENTED in decoded.text
    assert "\ufffd" not in decoded.text
    assert codes(decoded) == ["WW151"]


def test_transport_utf8_on_windows_1252_bytes_is_read_as_windows_1252() -> None:
    decoded = decode(ACCENTED.encode("cp1252"), "utf-8")
    assert (decoded.text, codes(decoded)) == (ACCENTED, ["WW151"])


# --- Mojibake and bad bytes ------------------------------------------------------------


def as_windows_1252(byte: int) -> str:
    """What a browser shows for one byte read as Windows-1252 (C1 where it has none)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def double_encoded(text: str) -> bytes:
    """UTF-8 read as Windows-1252 and saved again as UTF-8: how "’" becomes "â€™"."""
    return "".join(as_windows_1252(b) for b in text.encode("utf-8")).encode("utf-8")


def test_double_encoded_utf8_is_repaired_with_ww151() -> None:
    raw = double_encoded(page(ACCENTED))
    assert "â€™".encode() in raw
    assert "Ã©".encode() in raw
    decoded = decode(raw)
    assert ACCENTED in decoded.text
    assert codes(decoded) == ["WW151"]


def test_mojibake_through_windows_1252_undefined_bytes_is_repaired() -> None:
    # "Á" is C3 81 in UTF-8, and 0x81 has no character in Windows-1252.
    text = "ÁLVARO ÍÑIGUEZ and the minister’s DÝLAN"
    assert decode(double_encoded(text)).text == text


def test_mojibake_in_part_of_a_page_is_repaired_and_the_rest_kept() -> None:
    clean = "Correct café here."
    raw = f"{clean}\n".encode() + double_encoded("The minister’s résumé, they said.")
    decoded = decode(raw)
    assert decoded.text == f"{clean}\nThe minister’s résumé, they said."
    assert codes(decoded) == ["WW151"]


def test_clean_text_that_merely_contains_accents_is_left_alone() -> None:
    text = "São Paulo, Zürich, Ångström, Øresund: 25°C ± 2 — «OK»"
    decoded = decode(text.encode())
    assert (decoded.text, codes(decoded)) == (text, [])


def test_invalid_bytes_are_replaced_with_ww152() -> None:
    raw = page("Good text \xff\xfe here", '<meta charset="utf-8">').encode("latin-1")
    raw = raw.replace(b"Good", "Gööd".encode())  # real UTF-8 too, so the label stands
    decoded = decode(raw)
    assert "Gööd text \ufffd\ufffd here" in decoded.text
    assert codes(decoded) == ["WW152"]
    assert "2 replaced" in decoded.notices[0].message


def test_utf8_page_with_a_few_stray_bytes_stays_utf8_with_ww152() -> None:
    # Not valid UTF-8, so a sniffer is asked, and it says a Cyrillic code page.
    raw = page(RUSSIAN).encode().replace(" в ".encode(), b" \xff ", 2)
    decoded = decode(raw)
    assert decoded.encoding == "utf-8"
    assert RUSSIAN.replace(" в ", " \ufffd ", 2) in decoded.text
    assert codes(decoded) == ["WW152"]


def test_whole_page_mojibake_is_repaired_quickly() -> None:
    # ftfy reads about a megabyte a second; a page that is mojibake throughout is
    # undone in one pass instead (about 15 MB a second), so 15 MB must not take 15 s.
    raw = double_encoded(f"<p>{ACCENTED}</p>\n") * 300_000
    assert len(raw) > 15_000_000
    started = time.perf_counter()
    decoded = decode(raw)
    assert time.perf_counter() - started < 2.5
    assert decoded.text.startswith(f"<p>{ACCENTED}</p>")
    assert codes(decoded) == ["WW151"]


def test_choose_encoding_reports_the_bom_length() -> None:
    assert choose_encoding(codecs.BOM_UTF8 + b"x") == ("utf-8", 3)
    assert choose_encoding(codecs.BOM_UTF16_LE + "x".encode("utf-16-le")) == ("utf-16-le", 2)
    assert choose_encoding(b"plain") == ("utf-8", 0)
