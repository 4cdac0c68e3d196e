"""Reading watchlists: the real UN consolidated list, FollowTheMoney lines, bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from wirewatch.errors import WirewatchError
from wirewatch.watch.watchlists import WatchlistEntry, WatchlistItem, load_watchlist


def _entries(items: list[WatchlistItem]) -> list[WatchlistEntry]:
    return [i for i in items if isinstance(i, WatchlistEntry)]


@pytest.fixture(scope="module")
def un_list(shared: Path) -> Path:
    return shared / "data" / "watchlists" / "un_consolidated_2017-07-03.xml"


@pytest.fixture(scope="module")
def un_items(un_list: Path) -> list[WatchlistItem]:
    return list(load_watchlist(un_list))


def test_the_un_list_gives_every_individual_and_entity(un_items: list[WatchlistItem]) -> None:
    entries = _entries(un_items)
    assert len(entries) == len(un_items) == 1021
    assert sum(e.kind == "PERSON" for e in entries) == 650
    assert sum(e.kind == "ORG" for e in entries) == 371
    assert len({e.ref for e in entries}) == 1021


def test_chataev_is_read_with_his_aliases_original_script_and_dates(
    un_items: list[WatchlistItem],
) -> None:
    (entry,) = [e for e in _entries(un_items) if e.ref == "QDi.365"]
    assert entry.kind == "PERSON"
    assert entry.name == "AKHMED RAJAPOVICH CHATAEV"
    assert entry.original_script == ("Ахмед Ражапович Чатаев",)
    aliases = {a.name: (a.quality, a.original_script) for a in entry.aliases}
    assert aliases["Akhmad Shishani"] == ("good", "Ахмад Шишани")
    assert aliases["Odnorukiy"] == ("low", "Однорукий")
    assert entry.dates_of_birth == ("1980-07-04",)
    assert entry.nationality == ("Russian Federation",)
    assert entry.listed_on == dt.date(2015, 10, 2)
    assert entry.program == "Al-Qaida"
    names = entry.names()
    assert names[0].origin == "primary"
    assert {n.text for n in names if n.origin == "original"} >= {"Ахмед Ражапович Чатаев"}


def test_an_entity_keeps_its_aliases(un_items: list[WatchlistItem]) -> None:
    (entry,) = [e for e in _entries(un_items) if e.ref == "QDe.115"]
    assert entry.kind == "ORG"
    assert entry.name == "AL-QAIDA IN IRAQ"
    assert "Islamic State in Iraq and the Levant" in {a.name for a in entry.aliases}


def test_broken_xml_gives_the_entries_before_it_and_a_coded_error(
    un_list: Path, tmp_path: Path
) -> None:
    text = un_list.read_bytes()
    cut = text.index(b"<REFERENCE_NUMBER>QDi.365")  # mid-record: the file is truncated
    broken = tmp_path / "truncated.xml"
    broken.write_bytes(text[:cut] + b"<BROKEN")
    items = list(load_watchlist(broken))
    assert isinstance(items[-1], WirewatchError) and items[-1].code == "WW702"
    assert len(_entries(items)) == len(items) - 1 > 100


def test_a_un_record_without_a_reference_is_skipped_with_a_code(tmp_path: Path) -> None:
    path = tmp_path / "list.xml"
    path.write_text(
        "<CONSOLIDATED_LIST><INDIVIDUALS>"
        "<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>NO</FIRST_NAME>"
        "<SECOND_NAME>REFERENCE</SECOND_NAME></INDIVIDUAL>"
        "<INDIVIDUAL><DATAID>2</DATAID><FIRST_NAME>JOHN</FIRST_NAME>"
        "<SECOND_NAME>DOE</SECOND_NAME><REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER>"
        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE>"
        "<FROM_YEAR>1950</FROM_YEAR><TO_YEAR>1955</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>"
        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE>"
        "<YEAR>1954</YEAR></INDIVIDUAL_DATE_OF_BIRTH>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
        "utf-8",
    )
    first, second = load_watchlist(path)
    assert isinstance(first, WirewatchError) and first.code == "WW703"
    assert isinstance(second, WatchlistEntry)
    assert second.name == "JOHN DOE"
    assert second.dates_of_birth == ("1950/1955", "1954~")


FTM_LINES = [
    {
        "id": "NK-abc",
        "schema": "Person",
        "properties": {
            "name": ["Akhmed Rajapovich Chataev", "Ахмед Ражапович Чатаев"],
            "alias": ["Akhmad Shishani"],
            "weakAlias": ["Odnorukiy"],
            "birthDate": ["1980-07-04"],
            "nationality": ["ru"],
            "program": ["UN SC ISIL and Al-Qaida"],
            "createdAt": ["2015-10-02"],
        },
    },
    {"id": "s1", "schema": "Sanction", "properties": {"entity": ["NK-abc"]}},
    {
        "id": "NK-org",
        "schema": "Organization",
        "properties": {"name": ["Al-Qaida in Iraq"], "alias": ["AQI"]},
    },
    {"id": "NK-noname", "schema": "Company", "properties": {"country": ["ru"]}},
]


def _ftm_file(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "entities.ftm.json"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_followthemoney_lines_become_entries(tmp_path: Path) -> None:
    path = _ftm_file(tmp_path, [json.dumps(x, ensure_ascii=False) for x in FTM_LINES])
    person, org, failure = load_watchlist(path)
    assert isinstance(person, WatchlistEntry) and isinstance(org, WatchlistEntry)
    assert (person.ref, person.kind, person.name) == (
        "NK-abc",
        "PERSON",
        "Akhmed Rajapovich Chataev",
    )
    assert person.original_script == ("Ахмед Ражапович Чатаев",)
    assert {(a.name, a.quality) for a in person.aliases} == {
        ("Akhmad Shishani", "good"),
        ("Odnorukiy", "low"),
    }
    assert person.dates_of_birth == ("1980-07-04",)
    assert person.listed_on == dt.date(2015, 10, 2)
    assert person.program == "UN SC ISIL and Al-Qaida"
    assert (org.kind, org.name) == ("ORG", "Al-Qaida in Iraq")
    assert isinstance(failure, WirewatchError) and failure.code == "WW703"


def test_a_bad_json_line_is_an_error_and_the_rest_is_read(tmp_path: Path) -> None:
    lines = [json.dumps(FTM_LINES[0]), '{"schema": "Person", "properties": {', "[1, 2]"]
    lines.append(json.dumps(FTM_LINES[2]))
    items = list(load_watchlist(_ftm_file(tmp_path, lines)))
    assert [type(i).__name__ for i in items] == [
        "WatchlistEntry",
        "WirewatchError",
        "WirewatchError",
        "WatchlistEntry",
    ]
    assert {i.code for i in items if isinstance(i, WirewatchError)} == {"WW704"}
    assert "entities.ftm.json:2" in str(items[1])


def test_a_file_in_neither_format_or_missing_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "list.csv"
    text.write_text("name,ref\nJohn Doe,1\n", "utf-8")
    with pytest.raises(WirewatchError) as refused:
        list(load_watchlist(text))
    assert refused.value.code == "WW701"
    other = tmp_path / "other.xml"
    other.write_text("<html><body/></html>", "utf-8")
    with pytest.raises(WirewatchError) as refused:
        list(load_watchlist(other))
    assert refused.value.code == "WW701"
    with pytest.raises(WirewatchError) as missing:
        load_watchlist(tmp_path / "nowhere.xml")
    assert missing.value.code == "WW700"
