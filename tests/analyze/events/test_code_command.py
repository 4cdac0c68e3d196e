"""`wirewatch code`: sentences in, JSON Lines of events out, bad lines reported and skipped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from spacy.language import Language

from wirewatch.cli import main


def _run(args: list[str], stdin: str | None = None) -> tuple[int, list[dict[str, Any]], str]:
    result = CliRunner().invoke(main, args, input=stdin)
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, records, result.stderr


def test_sentences_as_arguments(nlp: Language) -> None:
    code, records, _ = _run(["code", "--date", "2016-07-04", "Iran attacked Israel on Sunday."])
    assert code == 0
    (record,) = records
    assert record["id"] == "1"
    (event,) = record["events"]
    assert event["source"]["code"] == "IRN" and event["target"]["code"] == "ISR"
    assert event["cameo"].startswith("19") and event["date"] == "2016-07-03"
    assert event["modality"] == "asserted"


def test_json_lines_on_standard_input_keep_ids_and_order(nlp: Language) -> None:
    lines = [
        {"id": "a", "text": "Iran did not attack Israel.", "date": "2016-07-04"},
        {"id": 7, "text": "It rained."},
        {"id": "c", "text": "Turkey and Russia signed an agreement."},
    ]
    stdin = "\n".join(json.dumps(line) for line in lines) + "\n"
    code, records, _ = _run(["code"], stdin)
    assert code == 0
    assert [r["id"] for r in records] == ["a", 7, "c"]
    assert records[0]["events"][0]["modality"] == "denied"
    assert records[1]["events"] == []
    assert len(records[2]["events"]) == 2


def test_bad_lines_get_a_coded_error_and_the_rest_go_on(nlp: Language) -> None:
    stdin = (
        "not json\n"
        '{"id": 2, "text": "Iran attacked Israel.", "date": "July"}\n'
        '["a list"]\n'
        "\n"
        '{"id": 4, "text": "Iran attacked Israel."}\n'
    )
    code, records, err = _run(["code", "-"], stdin)
    assert code == 1
    assert [r.get("error", {}).get("code") for r in records] == ["WW404"] * 3 + [None]
    assert records[-1]["id"] == 4 and records[-1]["events"]
    assert err.count("WW404") == 3


def test_actor_dictionary_codes_names_it_lists(nlp: Language, tmp_path: Path) -> None:
    actors = tmp_path / "actors.txt"
    actors.write_text("ARNOR [ARN]\nGONDOR [GON]\n", "utf-8")
    code, records, _ = _run(["code", "--actors", str(actors), "Arnor attacked Gondor."])
    assert code == 0
    (event,) = records[0]["events"]
    assert (event["source"]["code"], event["target"]["code"]) == ("ARN", "GON")


def test_a_user_lexicon_recodes_a_verb(nlp: Language, tmp_path: Path) -> None:
    lexicon = tmp_path / "mine.txt"
    lexicon.write_text("attack -> 180\n", "utf-8")
    code, records, _ = _run(["code", "--lexicon", str(lexicon), "Iran attacked Israel."])
    assert code == 0
    assert records[0]["events"][0]["cameo"] == "180"


def test_a_bad_lexicon_is_a_usage_error(nlp: Language, tmp_path: Path) -> None:
    lexicon = tmp_path / "bad.txt"
    lexicon.write_text("attack -> 999\n", "utf-8")
    code, _, err = _run(["code", "--lexicon", str(lexicon), "Iran attacked Israel."])
    assert code == 2
    assert "WW422" in err


def test_titles_and_groups_take_the_country_a_dictionary_names(
    nlp: Language, tmp_path: Path
) -> None:
    actors = tmp_path / "actors.txt"
    actors.write_text("BREE [BRE]\nGONDOR [GON]\nARNOR [ARN]\n", "utf-8")
    sentences = [
        "Bree Prime Minister Romendacil met Gondor on Monday.",
        "Soldiers from Gondor attacked Arnor.",
        "Gondor's government condemned Arnor.",
    ]
    code, records, _ = _run(["code", "--actors", str(actors), *sentences])
    assert code == 0
    sources = [r["events"][0]["source"]["code"] for r in records]
    assert sources == ["BREGOV", "GONMIL", "GONGOV"]
    assert records[2]["events"][0]["source"]["name"] == "Gondor's government"


def test_date_option_dates_lines_without_one_and_bad_bytes_do_not_stop_it(
    nlp: Language,
) -> None:
    stdin = (
        b'{"id": 1, "text": "Iran attacked Israel."}\n'
        b'{"id": 2, "text": "Iran attacked Israel \xff\xfe."}\n'
    )
    result = CliRunner().invoke(main, ["code", "--date", "2016-07-04"], input=stdin)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0
    assert records[0]["events"][0]["date"] == "2016-07-04"
    assert [r["id"] for r in records] == [1, 2]
