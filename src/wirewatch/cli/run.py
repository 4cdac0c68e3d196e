"""`wirewatch run`: sources in, every new page analysed and stored."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator

import click

from wirewatch import settings
from wirewatch.cli._app import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    actors_option,
    main,
    max_bytes_option,
    model_option,
    set_up_streams,
)
from wirewatch.cli.store import db_option
from wirewatch.ingest.sources import SourceOptions, iter_pages
from wirewatch.model import RawPage, Source, SourceFailure
from wirewatch.run import Failed, RunOptions, Tally, Task, run
from wirewatch.run.progress import ProgressLine, summary
from wirewatch.store import Store, open_store, source_key
from wirewatch.watch.outbox import AlertConfig
from wirewatch.watch.watcher import Watcher


@main.command("run")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@db_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes that extract and analyse pages, each loading the model once "
    "(default: WIREWATCH_WORKERS, else 1).",
)
@click.option(
    "--urls",
    "url_lists",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A file of URLs to fetch, one per line (# starts a comment); repeat for several.",
)
@click.option(
    "--no-fetch",
    is_flag=True,
    help="Fetch nothing over the network: URLs are refused and feed entries use the "
    "content the feed carries.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress line on standard error (default: when it is a terminal).",
)
@click.option(
    "--no-alerts",
    is_flag=True,
    help="Match follows and enqueue alerts, but deliver none (`wirewatch alerts send` does later).",
)
@model_option
@actors_option
@max_bytes_option
def run_command(
    sources: tuple[str, ...],
    db_url: str | None,
    workers: int | None,
    url_lists: tuple[str, ...],
    no_fetch: bool,
    progress: bool | None,
    no_alerts: bool,
    model: str | None,
    actor_files: tuple[str, ...],
    max_bytes: int | None,
) -> None:
    """Read sources, analyse every new page and keep the record in the store.

    SOURCE is a page file, a folder of pages, a .json or .jsonl file of records
    with url and html or text fields, a WARC or WARC.gz archive, an RSS or Atom
    feed (a file or a URL), a *.urls file of URLs, an http(s) URL, or - for
    standard input. docs/sources.md says how each is recognised and fetched.

    Each page is extracted and analysed in a worker process; its article,
    entities, quotes and events are written in one transaction, and copies of one
    wire story from several outlets are grouped into one story. A page already
    stored is skipped, so a second run adds nothing and a killed run resumes
    where it stopped. A page that cannot be read is counted, recorded with its
    reason (`wirewatch errors` lists them) and the run goes on.

    Each new article is screened against the imported watchlists (the hits are
    recorded) and matched against the follows; an alert per follow and story
    goes into the outbox, and due alerts are delivered during and after the run
    unless --no-alerts is given (docs/follows.md).

    Exit status: 0 when every page was stored, 1 when any failed.
    """
    config = settings.load()
    set_up_streams(False)
    options = RunOptions(
        workers=workers or int(config.workers),
        model=model,
        actor_files=actor_files,
    )
    tally = Tally()
    with open_store(db_url) as store:
        reading = SourceOptions.from_settings(
            config,
            max_bytes=max_bytes,
            fetch=bool(config.fetch) and not no_fetch,
            url_lists=url_lists,
            seen=_skipper(store, tally),
        )
        pages = iter_pages([_stable(arg) for arg in sources], options=reading)
        show = sys.stderr.isatty() if progress is None else progress
        line = ProgressLine(sys.stderr) if show else None
        watcher = Watcher.start(store, AlertConfig.from_settings(config), send=not no_alerts)
        hook = None if watcher.idle else watcher.on_added
        run(_tasks(pages), store, options, listener=line, tally=tally, on_added=hook)
        if line:
            line.close()
        if not no_alerts and not watcher.idle:
            watcher.deliver()
    click.echo(summary(tally), err=True)
    if not watcher.idle:
        click.echo(_watched(watcher), err=True)
    sys.exit(EXIT_SOME_FAILED if tally.failed else EXIT_OK)


def _watched(watcher: Watcher) -> str:
    report = watcher.report
    for line in report.errors:
        click.echo(f"wirewatch: {line}", err=True)
    return (
        f"watched    {watcher.hits} watchlist hits, {watcher.enqueued} alerts enqueued, "
        f"{report.sent} sent, {report.failed_attempts} failed attempts"
    )


def _stable(arg: str) -> str:
    """A local path made absolute, so that a run resumed from another folder skips
    the same pages; URLs and - are left as they are."""
    if arg == "-" or "://" in arg or not os.path.exists(arg):  # noqa: PTH110
        return arg
    return os.path.abspath(arg)  # noqa: PTH100


def _skipper(store: Store, tally: Tally) -> Callable[[Source], bool]:
    def seen(source: Source) -> bool:
        done = store.has_source(source)
        tally.skipped += done
        return done

    return seen


def _tasks(pages: Iterator[RawPage | SourceFailure]) -> Iterator[Task | Failed]:
    for item in pages:
        if isinstance(item, SourceFailure):
            yield Failed(item.source, "read", item.code, item.message)
        else:
            yield Task(source_key(item.source), item)
