"""The CAMEO codebook: names, Goldstein scores, quad classes, PLOVER, and its sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wirewatch.analyze.events import build_codebook
from wirewatch.analyze.events.codebook import (
    QUAD_NAMES,
    cameo,
    codes,
    is_cameo,
    parse,
    quad_class,
    roots,
)
from wirewatch.errors import WirewatchError

DATA = Path(build_codebook.__file__).parent / "data"


def test_a_code_has_its_name_score_quad_class_root_and_plover_event() -> None:
    killing = cameo("1823")
    assert killing.name == "Kill by physical assault"
    assert killing.goldstein == -10.0
    assert killing.quad_class == 4
    assert killing.root == "18"
    assert (killing.plover_event, killing.plover_mode) == ("ASSAULT", None)


def test_the_leading_zero_is_part_of_the_code() -> None:
    assert cameo("030").name == "Express intent to cooperate"
    assert not is_cameo("30")
    assert cameo(" 042 ").plover_mode == "visit"


def test_an_unknown_code_is_a_coded_error() -> None:
    for code in ("999", "30", "", "abc", "01234"):
        with pytest.raises(WirewatchError) as raised:
            cameo(code)
        assert raised.value.code == "WW401"


def test_there_are_twenty_roots_each_with_a_name_and_score() -> None:
    found = roots()
    assert [root.code for root in found] == [f"{n:02d}" for n in range(1, 21)]
    assert found[0].name == "Make public statement"
    assert cameo("19").goldstein == -10.0
    assert all(root.is_root and root.name for root in found)


def test_every_code_belongs_to_a_root_and_has_a_score_on_the_goldstein_scale() -> None:
    every = codes()
    assert len(every) == 315
    root_codes = {root.code for root in roots()}
    for entry in every:
        assert entry.root in root_codes
        assert -10.0 <= entry.goldstein <= 10.0
        assert entry.name


def test_quad_classes_follow_the_root_verbal_and_material_cooperation_then_conflict() -> None:
    assert [quad_class(code) for code in ("010", "057", "061", "094", "112", "145")] == [
        1, 1, 2, 2, 3, 3,
    ]  # fmt: skip
    assert [quad_class(code) for code in ("154", "163", "173", "186", "204")] == [4] * 5
    assert QUAD_NAMES[quad_class("0871")] == "material cooperation"


def test_statements_alone_have_no_plover_event() -> None:
    for entry in codes():
        if entry.root == "01":
            assert entry.plover_event is None and entry.plover_mode is None
        else:
            assert entry.plover_event is not None, entry.code


def test_appeals_are_requests_with_the_mode_of_the_demand_they_mirror() -> None:
    for entry in codes():
        if entry.root == "02":
            demand = cameo("10" + (entry.code[2:] or "0"))
            assert (entry.plover_event, entry.plover_mode) == ("REQUEST", demand.plover_mode)
    assert (cameo("0256").plover_event, cameo("0256").plover_mode) == ("REQUEST", "yield")
    assert cameo("026").plover_mode == "meet"


@pytest.mark.parametrize(
    ("code", "event", "mode"),
    [
        ("163", "SANCTION", None),  # imposed embargoes, boycotts and sanctions
        ("116", "SANCTION", "convict"),  # convictions
        ("0831", "RETREAT", "resign"),  # stepping down at others' demand
        ("1712", "ASSAULT", "destroy"),
        ("186", "ASSAULT", "targeted"),
        ("1312", "THREATEN", "restrict"),  # a threatened sanction stays a threat
        ("172", "COERCE", "restrict"),  # administrative sanctions at home stay coercion
    ],
)
def test_codes_map_as_the_plover_manual_says(code: str, event: str, mode: str | None) -> None:
    assert (cameo(code).plover_event, cameo(code).plover_mode) == (event, mode)


def test_every_code_has_a_plover_row_that_states_its_source() -> None:
    lines = (DATA / build_codebook.PLOVER_FILE).read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines[2:]]
    assert lines[1].split("\t") == ["cameo", "event", "mode", "source", "reason"]
    assert [row[0] for row in rows] == [entry.code for entry in codes()]
    for code, event, _mode, source, reason in rows:
        assert re.fullmatch(r"table(:\d{3,4})?|manual|project|none", source), code
        assert (source == "table") == (reason == ""), code  # all but the table's say why
        assert (event == "") == (source == "none"), code


def test_plover_events_use_the_current_names() -> None:
    assert cameo("100").plover_event == "REQUEST"
    assert (cameo("112").plover_event, cameo("112").plover_mode) == ("ACCUSE", "disapprove")
    assert (cameo("173").plover_event, cameo("173").plover_mode) == ("COERCE", "arrest")
    assert cameo("163").plover_event == "SANCTION"
    assert (cameo("0841").plover_event, cameo("0841").plover_mode) == ("RETREAT", "release")
    assert cameo("081").plover_event == "CONCEDE"


def test_codes_the_plover_table_leaves_out_take_their_parents_mapping() -> None:
    assert (cameo("1951").plover_event, cameo("1951").plover_mode) == ("ASSAULT", "heavy-weapons")
    assert cameo("08").plover_event == "CONCEDE"
    assert cameo("19").plover_event == "ASSAULT"


def test_a_context_in_the_mode_column_is_not_shipped_as_a_mode() -> None:
    assert (cameo("175").plover_event, cameo("175").plover_mode) == ("ASSAULT", "crowd-control")


def test_gdelt_scores_win_where_the_sources_disagree_and_gaps_take_the_parents() -> None:
    assert cameo("016").goldstein == -2.0
    assert cameo("163").goldstein == -8.0
    assert cameo("1214").goldstein == cameo("121").goldstein == -4.0


def test_names_are_the_corrected_labels() -> None:
    assert cameo("018").name == "Make empathetic comment"
    assert cameo("175").name == "Use tactics of violent repression"
    assert cameo("1444").name.startswith("Obstruct passage")


HEADERS = (
    "code\tname\tgoldstein\tgoldstein_source\tquad_class\n",
    "cameo\tevent\tmode\tsource\treason\n",
)


@pytest.mark.parametrize(
    ("cameo_rows", "plover_rows"),
    [
        ("030\tExpress\t4.0\tgdelt\n", ""),  # too few columns
        ("030\tExpress\tfour\tgdelt\t1\n", ""),  # not a number
        ("030\tExpress\t14.0\tgdelt\t1\n", ""),  # off the scale
        ("030\tExpress\t4.0\tgdelt\t5\n", ""),  # no such quad class
        ("3\tExpress\t4.0\tgdelt\t1\n", ""),  # not a code
        ("030\tExpress\t4.0\tgdelt\t1\n", "031\tAGREE\t\ttable\t\n"),  # PLOVER row, no code
    ],
)
def test_a_damaged_codebook_file_is_a_coded_error(cameo_rows: str, plover_rows: str) -> None:
    with pytest.raises(WirewatchError) as raised:
        parse(HEADERS[0] + cameo_rows, HEADERS[1] + plover_rows)
    assert raised.value.code == "WW402"


def test_a_file_without_its_header_is_a_coded_error() -> None:
    with pytest.raises(WirewatchError) as raised:
        parse("030\tExpress\t4.0\tgdelt\t1\n", HEADERS[1])
    assert raised.value.code == "WW402"


def test_the_shipped_files_are_what_the_builder_writes_from_the_sources(
    shared: Path, tmp_path: Path
) -> None:
    assert build_codebook.main(["--shared", str(shared), "--out", str(tmp_path)]) == 0
    for name in (build_codebook.CAMEO_FILE, build_codebook.PLOVER_FILE):
        assert (tmp_path / name).read_text("utf-8") == (DATA / name).read_text("utf-8"), name


def test_every_named_code_and_gdelt_score_in_the_sources_is_shipped(shared: Path) -> None:
    events = shared / "data" / "events" / "cameo"
    labelled = re.findall(r"^LABEL: (\d+)=", (events / "CAMEO_codefile.txt").read_text(), re.M)
    assert set(labelled) <= {entry.code for entry in codes()}
    gdelt = (events / "CAMEO.goldsteinscale.gdelt.txt").read_text().split()[2:]
    for code, score in zip(gdelt[::2], gdelt[1::2], strict=True):
        assert cameo(code).goldstein == float(score), code


def test_the_builder_reports_a_missing_source_with_a_coded_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build_codebook.main(["--shared", str(tmp_path), "--out", str(tmp_path)]) == 1
    assert "WW403" in capsys.readouterr().err


def test_a_misspelt_source_name_is_mended() -> None:
    assert cameo("055").name == "Apologize"


def test_a_decision_naming_a_mode_the_manual_lacks_is_refused(
    shared: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(build_codebook.DECISIONS, "163", ("SANCTION", "embargo", "manual", "x"))
    assert build_codebook.main(["--shared", str(shared), "--out", str(tmp_path)]) == 1
    assert "WW403" in capsys.readouterr().err
