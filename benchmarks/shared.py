"""Where the shared data lives: ../shared from the repository, or WIREWATCH_SHARED."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path | None:
    """The shared data folder, found by relative path; None when this checkout has none."""
    override = os.environ.get("WIREWATCH_SHARED")
    if override:
        return Path(override) if Path(override).is_dir() else None
    for parent in [REPO, *REPO.parents]:
        candidate = parent / "shared"
        if (candidate / "seed" / "expected.json").is_file() and candidate != REPO / "shared":
            return candidate
    return None


def require_shared() -> Path:
    """The shared data folder, or exit 2 with a message saying it was not found."""
    found = shared_dir()
    if found is None:
        print("../shared/data was not found (set WIREWATCH_SHARED)", file=sys.stderr)
        raise SystemExit(2)
    return found
