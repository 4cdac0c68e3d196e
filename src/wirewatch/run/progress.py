"""What a run shows while it goes, and what it says when it is done."""

from __future__ import annotations

import time
from typing import TextIO

from wirewatch.run.runner import Tally

# Redrawing more often than this costs time and shows nothing a reader can follow.
_INTERVAL = 0.5


class ProgressLine:
    """One line on a terminal, redrawn in place: pages done, pages/s, errors."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._last = 0.0

    def __call__(self, tally: Tally) -> None:
        now = time.monotonic()
        if now - self._last < _INTERVAL:
            return
        self._last = now
        self._stream.write(f"\r{line(tally)}")
        self._stream.flush()

    def close(self) -> None:
        if self._last:
            self._stream.write("\r\033[K")
            self._stream.flush()


def line(tally: Tally) -> str:
    errors = sum(tally.failed.values())
    return (
        f"{tally.done:,} pages done, {tally.rate():.1f} pages/s, "
        f"{tally.skipped:,} already stored, {errors:,} errors"
    )


def summary(tally: Tally) -> str:
    """The run in a few lines: what was read, kept, skipped and why pages failed."""
    elapsed = time.monotonic() - tally.started
    failed = sum(tally.failed.values())
    lines = [
        f"read       {tally.read:,} pages in {elapsed:.1f} s ({tally.rate():.1f} pages/s)",
        f"added      {tally.added:,} articles, {tally.new_stories:,} of them new stories",
        f"copies     {tally.copies:,} (the same text from another source, kept as a page)",
        f"skipped    {tally.skipped:,} (already stored)",
        f"failed     {failed:,}" + _reasons(tally),
    ]
    return "\n".join(lines)


def _reasons(tally: Tally) -> str:
    if not tally.failed:
        return ""
    parts = ", ".join(f"{code} x{n}" for code, n in sorted(tally.failed.items()))
    return f" ({parts}; `wirewatch errors` lists them)"
