"""Headlines: the site's name comes off either end of a <title>, the headline's own words stay."""

from __future__ import annotations

import pytest

from wirewatch.extract.html import _strip_site


@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        ("Talks resume in Geneva | The Daily Wire", "The Daily Wire", "Talks resume in Geneva"),
        ("The Daily Wire - Talks resume in Geneva", "The Daily Wire", "Talks resume in Geneva"),
        ("Talks resume | World | The Daily Wire", None, "Talks resume"),
        ("Brexit - what happens next", None, "Brexit - what happens next"),
        ("Brexit - what happens next", "The Daily Wire", "Brexit - what happens next"),
        ("Daily Wire: a history of the paper", "Daily Wire", "Daily Wire: a history of the paper"),
    ],
)
def test_site_name_is_stripped_and_nothing_else(
    title: str, site: str | None, headline: str
) -> None:
    assert _strip_site(title, site) == headline
