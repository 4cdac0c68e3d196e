"""The `wirewatch` command group and what its commands share.

Each subcommand is a thin shell over a stage: it reads inputs, calls the stage,
and prints. Errors are coded (WWnnn) and go to standard error with a hint; a
batch goes on past a bad page and the exit status says whether any failed.
"""

from __future__ import annotations

import io
import json
import sys
from typing import Any, TextIO

import click

from wirewatch import __version__
from wirewatch.errors import WirewatchError

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


def warn(source: str, code: str, message: str) -> None:
    click.echo(f"wirewatch: {source}: {code} {message}", err=True)


def set_up_streams(as_json: bool) -> None:
    """JSON is UTF-8 whatever the locale says (RFC 8259); text never fails to print."""
    streams: list[tuple[TextIO, str | None, str]] = [
        (sys.stdout, "utf-8" if as_json else None, "replace"),
        (sys.stderr, None, "backslashreplace"),
    ]
    for stream, encoding, errors in streams:
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding=encoding, errors=errors)


class _Group(click.Group):
    """A command group that turns a coded error outside any one page into a message."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WirewatchError as exc:
            click.echo(f"wirewatch: {exc.describe()}", err=True)
            ctx.exit(EXIT_USAGE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wirewatch")
def main() -> None:
    """wirewatch: news pages in; who did and said what to whom out.

    Run `wirewatch COMMAND --help` for each command's options.
    """


# Options more than one command takes, defined once so that they read the same everywhere.
max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Refuse pages larger than this many bytes (default: WIREWATCH_MAX_PAGE_BYTES, 20 MB).",
)
model_option = click.option(
    "--model",
    default=None,
    metavar="NAME",
    help="An installed spaCy pipeline or a pipeline folder (default: WIREWATCH_MODEL, "
    "else the shipped wirewatch_news).",
)
actors_option = click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="An actor or agent dictionary (TSV or PETRARCH/TABARI format) whose codes take "
    "precedence; repeat for several.",
)


def safe(text: str) -> str:
    """Text any UTF-8 stream can carry: a file name's undecodable bytes become U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


def print_json(record: dict[str, Any], indent: int | None = None) -> None:
    """One JSON object on standard output (one line unless `indent` is given)."""
    click.echo(safe(json.dumps(record, ensure_ascii=False, indent=indent)))
