"""SourceFailure records made from coded errors, worded one way for every reader."""

from __future__ import annotations

from wirewatch.errors import WirewatchError
from wirewatch.model import SourceFailure


def message_of(error: WirewatchError) -> str:
    """The error's title and detail, without the hint (the code leads to the hint)."""
    return f"{error.entry.title} ({error.detail})" if error.detail else error.entry.title


def failure(source: str, code: str, detail: str = "") -> SourceFailure:
    return SourceFailure(source, code, message_of(WirewatchError(code, detail)))


def failure_of(error: WirewatchError, source: str | None = None) -> SourceFailure:
    """The error as a record, named by `source`, else by the input the error names."""
    return SourceFailure(source or error.source or "", error.code, message_of(error))
