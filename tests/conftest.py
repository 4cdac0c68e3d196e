"""Shared fixtures: the shared data folder (found by relative path) and small pages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.shared import shared_dir

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def shared() -> Path:
    found = shared_dir()
    if found is None:
        pytest.skip("../shared (the project's shared data) is not beside this checkout")
    return found


@pytest.fixture(scope="session")
def seed_text(shared: Path) -> bytes:
    return (shared / "seed" / "article.txt").read_bytes()


@pytest.fixture(scope="session")
def seed_expected(shared: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shared / "seed" / "expected.json").read_text("utf-8"))
    return data
