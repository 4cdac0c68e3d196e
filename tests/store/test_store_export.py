"""Exports: analyses round-trip as JSON Lines, tables as CSV and Parquet, events as GDELT."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tests.store.store_records import analysis, event
from wirewatch.cli import main
from wirewatch.model import Analysis, Location
from wirewatch.store import Store
from wirewatch.store.gdelt import COLUMNS, split_actor


def _export(store: Store, fmt: str, table: str | None = None) -> bytes:
    out = io.BytesIO()
    store.export(fmt, out, table=table)
    return out.getvalue()


def test_jsonl_gives_back_each_analysis_with_its_story_and_pages(
    store: Store, seed_analysis: Analysis
) -> None:
    store.add(seed_analysis, story_id="s1")
    lines = _export(store, "jsonl").decode("utf-8").splitlines()
    record = json.loads(lines[0])
    pages = record.pop("pages")
    assert record.pop("story_id") == "s1"
    assert record == json.loads(json.dumps(seed_analysis.to_json()))
    assert pages[0]["url"] == seed_analysis.source.url


def test_csv_and_parquet_hold_every_row_of_a_table(store: Store, seed_analysis: Analysis) -> None:
    store.add(seed_analysis)
    rows = list(csv.DictReader(io.StringIO(_export(store, "csv").decode("utf-8"))))
    assert len(rows) == len(seed_analysis.events)
    assert {r["cameo"] for r in rows} == {e.cameo for e in seed_analysis.events}
    table = pq.read_table(io.BytesIO(_export(store, "parquet", "quotes")))
    assert table.num_rows == len(seed_analysis.quotes)
    assert sorted(table.column("text").to_pylist()) == sorted(q.text for q in seed_analysis.quotes)
    articles = pq.read_table(io.BytesIO(_export(store, "parquet", "articles")))
    assert articles.column("published").to_pylist() == [seed_analysis.article.published.best]
    assert "analysis" not in articles.column_names


def test_gdelt_rows_have_gdelt_columns(store: Store) -> None:
    asserted = event(
        ("Turkish government", "TURGOV", "TUR"),
        ("Russia", "RUS", "RUS"),
        "0311",
        day=dt.date(2016, 7, 4),
        place=Location("Ankara", "TUR"),
    )
    denied = event(("Turkey", "TUR", "TUR"), ("Russia", "RUS", "RUS"), modality="denied")
    store.add(analysis("Turkey and Russia", events=(asserted, denied), url="https://x.org/a"))
    lines = _export(store, "gdelt").decode("utf-8").splitlines()
    assert len(lines) == 1  # the denied event is not GDELT's to carry
    row = dict(zip(COLUMNS, lines[0].split("\t"), strict=True))
    assert len(COLUMNS) == 61
    assert row["SQLDATE"] == "20160704"
    assert (row["MonthYear"], row["Year"]) == ("201607", "2016")
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "TURGOV",
        "TUR",
        "GOV",
    )
    assert (row["Actor2Code"], row["Actor2Name"]) == ("RUS", "RUSSIA")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("0311", "031", "03")
    assert (row["QuadClass"], row["GoldsteinScale"], row["IsRootEvent"]) == ("1", "1.0", "1")
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"]) == ("4", "Ankara")
    assert row["SOURCEURL"] == "https://x.org/a"
    assert len(row["DATEADDED"]) == 14


@pytest.mark.parametrize(
    ("code", "country", "split"),
    [
        ("TURGOV", "TUR", ("TUR", "", ["GOV"])),
        ("IGOUNO", None, ("", "UNO", ["IGO"])),
        ("---REB", None, ("", "", ["REB"])),
        ("USAMILREB", "USA", ("USA", "", ["MIL", "REB"])),
        (None, "FRA", ("FRA", "", [])),
    ],
)
def test_actor_codes_split_as_gdelt_splits_them(
    code: str | None, country: str | None, split: tuple[str, str, list[str]]
) -> None:
    assert split_actor(code, country) == split


def test_export_command_writes_a_file_whole(store: Store, tmp_path: Path) -> None:
    store.add(analysis("One", events=(event(("Turkey", "TUR", "TUR"), None),)))
    url = store.url.render_as_string(hide_password=False)
    target = tmp_path / "events.parquet"
    result = CliRunner().invoke(
        main, ["export", "--format", "parquet", "--output", str(target), "--db", url]
    )
    assert result.exit_code == 0, result.output
    assert pq.read_table(target).num_rows == 1
    assert not (tmp_path / "events.parquet.part").exists()
    refused = CliRunner().invoke(main, ["export", "--format", "csv", "--table", "analyses"])
    assert refused.exit_code == 2
