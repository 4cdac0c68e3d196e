"""The NLP pipeline for analysis tests: the shipped model, or a skip when it is not built.

WIREWATCH_MODEL may name another pipeline folder (an interim checkpoint while the
shipped model trains).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from spacy.language import Language

from wirewatch.nlp import load, shipped_path


@pytest.fixture(scope="session")
def nlp() -> Language:
    named = os.environ.get("WIREWATCH_MODEL")
    if named is None and not (shipped_path() / "config.cfg").is_file():
        pytest.skip("the shipped model is not built (make model)")
    if named is not None and not (Path(named) / "config.cfg").is_file():
        pytest.skip(f"WIREWATCH_MODEL={named} is not a pipeline folder")
    return load()
