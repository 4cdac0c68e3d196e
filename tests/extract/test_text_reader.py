"""The text reader on pages scraped to text in layouts other than the seed's."""

from __future__ import annotations

import datetime as dt

from wirewatch.extract.text import read_text

WITH_DATE_AND_DATELINE = """\
Ukraine and Poland agree grain transit deal after months of protests

By Marta Nowak

Published: 12 March 2024

Share on Facebook
Share on X

LONDON (Reuters) - Ukraine and Poland agreed on Tuesday to route Ukrainian grain through
Polish ports under a licensing system, ending a dispute that had led farmers to block the border.

Farm ministers from both countries said the deal would be reviewed in six months.

Advertisement

"We have found a way that protects our farmers," the Polish minister said.

Trucks carrying grain wait at the border crossing near Dorohusk, Poland, March 5, 2024.
Photo: Kacper Lis/Reuters

Related: Farmers block border crossings for a third week
"""

NO_STANDFIRST = """\
Floods force thousands from homes in northern Italy
Giulia Ferri and Paolo Conti
ROME, March 3 (AP) — Heavy rain flooded towns across Emilia-Romagna on Sunday, officials said.
Rescue crews used boats to reach residents stranded on rooftops in the town of Faenza.
The regional president said on Monday that damage would run into hundreds of millions of euros.
"""


def test_stated_date_line_is_read_and_kept_out_of_the_body() -> None:
    article = read_text(WITH_DATE_AND_DATELINE)
    assert article.published.stated == dt.date(2024, 3, 12)
    assert not any("Published" in p for p in article.body)


def test_byline_dateline_and_agency_in_the_lead() -> None:
    article = read_text(WITH_DATE_AND_DATELINE)
    assert article.authors == ("Marta Nowak",)
    assert article.agency == "Reuters"
    assert article.dateline == "LONDON"
    assert article.body[0].startswith("LONDON (Reuters) - Ukraine and Poland agreed")


def test_share_prompts_adverts_and_related_links_are_removed() -> None:
    article = read_text(WITH_DATE_AND_DATELINE)
    text = " ".join(article.body)
    for chrome in ("Share on Facebook", "Share on X", "Advertisement", "Related:"):
        assert chrome not in text
        assert any(chrome in r for r in article.removed)


def test_caption_with_credit_on_its_own_line() -> None:
    article = read_text(WITH_DATE_AND_DATELINE)
    assert [(c.text, c.credit) for c in article.captions] == [
        (
            "Trucks carrying grain wait at the border crossing near Dorohusk, Poland, "
            "March 5, 2024.",
            "Kacper Lis/Reuters",
        )
    ]
    assert not any("Dorohusk" in p for p in article.body)


def test_the_lead_is_body_when_there_is_no_standfirst() -> None:
    article = read_text(NO_STANDFIRST)
    assert article.title == "Floods force thousands from homes in northern Italy"
    assert article.standfirst is None
    assert article.authors == ("Giulia Ferri", "Paolo Conti")
    assert len(article.body) == 3
    assert article.body[0].startswith("ROME, March 3 (AP) — Heavy rain")


def test_inferred_date_from_the_leads_weekday_without_a_dated_reference() -> None:
    article = read_text(NO_STANDFIRST)
    assert article.published.stated is None
    assert article.published.inferred is None
    assert "no full date" in article.published.basis


HARD_WRAPPED = """\
Rebels seize second town in eastern Congo as peace talks stall

KINSHASA (Reuters) - Rebels in eastern Congo seized a second town on Wednesday,
residents and a local official said, as talks between the government and the
armed group in Doha stalled over a prisoner exchange.

The fighters entered the town of Walikale before dawn after soldiers withdrew,
said Jean Mukendi, a civil society leader, adding that shops were looted.

"We are asking the government to protect us," he said by telephone.
"""


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    article = read_text(HARD_WRAPPED)
    assert len(article.body) == 3
    assert article.body[0] == (
        "KINSHASA (Reuters) - Rebels in eastern Congo seized a second town on Wednesday, "
        "residents and a local official said, as talks between the government and the "
        "armed group in Doha stalled over a prisoner exchange."
    )
    assert article.body[2] == '"We are asking the government to protect us," he said by telephone.'


def test_a_page_of_one_paragraph_is_body_without_a_headline() -> None:
    text = (
        "The ministers met in Geneva on Tuesday. They agreed to meet again next month. "
        "Officials said the talks had been constructive."
    )
    article = read_text(text)
    assert article.title == ""
    assert article.body == (text,)
    assert [w.code for w in article.warnings] == ["WW153"]
