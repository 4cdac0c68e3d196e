"""A page cut off before its end is read as far as it goes, with a WW150 warning."""

from __future__ import annotations

from wirewatch.extract.html import read_html

STORY = (
    "<p>The foreign ministers of both countries met in Geneva on Tuesday and agreed to "
    "resume talks on the disputed border next month, officials said.</p>"
    "<p>Negotiators will meet in Addis Ababa, a spokesman for the ministry told reporters "
    "after the meeting, which lasted more than six hours.</p>"
)


def test_short_page_cut_off_before_its_end_is_flagged() -> None:
    article = read_html(f"<html><head><title>Talks</title></head><body><article>{STORY}")
    assert len(article.body) == 2
    assert [w.code for w in article.warnings] == ["WW150"]


def test_complete_page_and_bare_fragment_are_not_flagged() -> None:
    complete = read_html(f"<html><body><article>{STORY}</article></body></html>")
    fragment = read_html(f"<h1>Talks resume</h1>{STORY}")
    assert "WW150" not in [w.code for w in complete.warnings]
    assert "WW150" not in [w.code for w in fragment.warnings]
