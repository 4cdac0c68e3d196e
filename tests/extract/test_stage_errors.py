"""Whatever goes wrong inside a reader, the stage answers with a coded error.

No page is known to crash a reader today, so these stand a failing reader in for
one: it is the contract of `extract`, not any reader's behaviour, under test.
"""

from __future__ import annotations

import pytest

import wirewatch.extract as stage
from tests.pages import html_page
from wirewatch.errors import WirewatchError
from wirewatch.model import Article, RawPage, Source


@pytest.mark.parametrize(
    "failure", [RecursionError("deep"), MemoryError(), KeyError("x"), TypeError("bad")]
)
def test_a_reader_that_raises_gives_ww199_naming_the_exception(
    failure: BaseException, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_reader(text: str) -> Article:
        raise failure

    monkeypatch.setattr(stage, "read_html", broken_reader)
    with pytest.raises(WirewatchError) as caught:
        stage.extract(RawPage(Source(path="page.html"), html_page().encode()))
    assert caught.value.code == "WW199"
    assert caught.value.source == "page.html"
    assert type(failure).__name__ in caught.value.detail
    assert caught.value.__cause__ is failure


def test_keyboard_interrupt_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(text: str) -> Article:
        raise KeyboardInterrupt

    monkeypatch.setattr(stage, "read_html", interrupted)
    with pytest.raises(KeyboardInterrupt):
        stage.extract(RawPage(Source(path="page.html"), html_page().encode()))
