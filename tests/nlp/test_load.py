"""Loading the NLP pipeline: the shipped one, a named one, and clear errors when it fails."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import spacy

from wirewatch.errors import WirewatchError
from wirewatch.nlp import load, shipped_path
from wirewatch.nlp.load import _load_path


def test_a_model_name_that_is_not_installed_is_ww202() -> None:
    with pytest.raises(WirewatchError) as caught:
        load.__wrapped__("en_no_such_pipeline_sm")
    assert caught.value.code == "WW202"
    assert "WIREWATCH_MODEL" in caught.value.hint


def test_a_folder_without_a_pipeline_is_ww201(tmp_path: Path) -> None:
    with pytest.raises(WirewatchError) as caught:
        _load_path(tmp_path, "mine")
    assert caught.value.code == "WW201"


def test_a_damaged_pipeline_is_ww203(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "broken")
    (tmp_path / "broken" / "config.cfg").write_text("[nlp\nlang = ", encoding="utf-8")
    with pytest.raises(WirewatchError) as caught:
        load.__wrapped__(str(tmp_path / "broken"))
    assert caught.value.code == "WW203"


def test_a_pipeline_folder_named_by_the_setting_is_loaded_with_the_gazetteer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("ner")
    nlp.initialize()
    nlp.to_disk(tmp_path / "mine")
    monkeypatch.setenv("WIREWATCH_MODEL", str(tmp_path / "mine"))
    loaded = load.__wrapped__(None)
    assert loaded.pipe_names == ["ner", "wirewatch_gazetteer"]


@pytest.mark.skipif(not (shipped_path() / "config.cfg").is_file(), reason="model not built")
def test_the_shipped_model_loads_in_under_two_seconds() -> None:
    start = time.perf_counter()
    nlp = load.__wrapped__(None)
    assert time.perf_counter() - start < 2.0
    assert {"tagger", "parser", "ner", "wirewatch_gazetteer"} <= set(nlp.pipe_names)


@pytest.mark.skipif(not (shipped_path() / "config.cfg").is_file(), reason="model not built")
def test_the_shipped_model_files_are_under_40_mb() -> None:
    size = sum(f.stat().st_size for f in shipped_path().rglob("*") if f.is_file())
    assert size < 40_000_000
