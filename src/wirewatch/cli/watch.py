"""`wirewatch screen`: the people and organisations of news pages against a watchlist;
`wirewatch watchlist import|list`: watchlists kept in the store for `run` to screen by."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import click

from wirewatch import settings
from wirewatch.cli._app import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    main,
    max_bytes_option,
    model_option,
    print_json,
    safe,
    set_up_streams,
    warn,
)
from wirewatch.cli.pages import PageReading, failure
from wirewatch.cli.store import db_option
from wirewatch.errors import WirewatchError
from wirewatch.model import Analysis
from wirewatch.store import open_store
from wirewatch.watch.names import MATCHER, THRESHOLD
from wirewatch.watch.screen import Hit, WatchlistIndex, screen
from wirewatch.watch.watchlists import WatchlistEntry, load_watchlist


@main.command("screen")
@click.argument("pages", nargs=-1, required=True, metavar="PAGE...")
@click.option(
    "--list",
    "list_file",
    metavar="FILE",
    help="The watchlist: the UN Security Council consolidated list (XML) or "
    "FollowTheMoney entities as JSON lines (OpenSanctions' export).",
)
@click.option(
    "--watchlist",
    "watchlist_name",
    metavar="NAME",
    help="A watchlist imported into the store (`wirewatch watchlist import`), in place of --list.",
)
@db_option
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=THRESHOLD,
    show_default=True,
    help="The lowest name-match score reported as a hit (0 to 1).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the hits as JSON (JSON Lines when there are several pages).",
)
@model_option
@max_bytes_option
def screen_command(
    pages: tuple[str, ...],
    list_file: str | None,
    watchlist_name: str | None,
    db_url: str | None,
    threshold: float,
    as_json: bool,
    model: str | None,
    max_bytes: int | None,
) -> None:
    """Screen the people and organisations news pages name against a watchlist.

    PAGE is read as by `wirewatch analyze` (a file, a folder, or - for standard
    input). Every PERSON and ORG entity of each page is matched by name against
    the entries of the --list file (read directly; no store is needed) or of the
    --watchlist imported into the store (--db), with the
    transliteration-aware matcher names.v1: each hit gives the entity, the listed
    entry's reference number, the listed name matched, the score and the sentence
    that names the entity. A person named by one part only ("Chatayev") is matched
    by the fullest name the page gives them.

    With --json, one object per page: {"source", "watchlist", "matcher",
    "threshold", "hits": [...]}; several pages give JSON Lines. Records of the list
    that cannot be read are reported (WW702-WW704) and the rest is used.

    Exit status: 0 when every page was screened against a cleanly read list, 1 when
    a page or a record of the list failed.
    """
    from wirewatch.analyze import analyze_many
    from wirewatch.nlp import load

    limit = max_bytes or int(settings.load().max_page_bytes)
    set_up_streams(as_json)
    if (list_file is None) == (watchlist_name is None):
        raise click.UsageError("give one of --list FILE and --watchlist NAME")
    if list_file is not None:
        index, list_failed = _load_index(list_file)
        listed = list_file
    else:
        assert watchlist_name is not None
        index, list_failed, listed = _stored_index(watchlist_name, db_url), 0, watchlist_name
    nlp = load(model)
    reading = PageReading(pages, limit, as_json)
    for analysis in analyze_many(list(reading.articles()), nlp):
        hits = screen(analysis, index, threshold)
        if as_json:
            print_json(_record(analysis, hits, listed, threshold), reading.indent)
        else:
            click.echo(safe(_render(analysis, hits)))
    reading.failed += list_failed
    reading.exit()


def _load_index(path: str) -> tuple[WatchlistIndex, int]:
    """The watchlist's index and how many of its records could not be read."""
    failed = 0

    def entries() -> Iterator[WatchlistEntry]:
        nonlocal failed
        for item in load_watchlist(path):
            if isinstance(item, WirewatchError):
                failed += 1
                where = item.source or path
                warn(where, item.code, failure(where, item)[1])
            else:
                yield item

    index = WatchlistIndex(entries(), name=path)
    if not len(index):
        raise WirewatchError("WW701", "no entries", source=path)
    return index, failed


def _stored_index(name: str, db_url: str | None) -> WatchlistIndex:
    store = open_store(db_url, create=False)
    try:
        entries = store.watchlist_entries(name)
    finally:
        store.close()
    return WatchlistIndex(entries, name=name)


def _record(
    analysis: Analysis, hits: tuple[Hit, ...], list_file: str, threshold: float
) -> dict[str, object]:
    return {
        "source": analysis.source.to_json(),
        "watchlist": list_file,
        "matcher": MATCHER,
        "threshold": threshold,
        "hits": [h.to_json() for h in hits],
    }


def _render(analysis: Analysis, hits: tuple[Hit, ...]) -> str:
    out = [f"== {analysis.source.path or analysis.source.url}", f"Hits ({len(hits)}):"]
    for hit in hits:
        out.append(
            f"  {hit.entity:<4} {hit.entity_name} [{hit.entity_type}] -> {hit.ref} "
            f"{hit.listed_name!r} ({hit.quality}, {hit.program or '-'})  score {hit.score:.2f}"
        )
        if hit.evidence is not None:
            out.append(f"       {hit.evidence.sentence}")
    return "\n".join(out) + "\n"


@main.group("watchlist")
def watchlist_group() -> None:
    """Import watchlists into the store and list them.

    `wirewatch run` screens every new article's people and organisations against
    each imported list and records the hits; a follow on a watchlist
    (`wirewatch follow add --watchlist NAME`) is alerted to them.

    Exit status: 0 on success, 1 when records of a list were skipped, 2 when the
    file or the store cannot be used.
    """


@watchlist_group.command("import")
@click.argument("file", metavar="FILE")
@click.option("--name", required=True, help="The name the list is kept under (un, say).")
@db_option
def watchlist_import(file: str, name: str, db_url: str | None) -> None:
    """Import a watchlist FILE (the UN consolidated list as XML, or FollowTheMoney
    JSON lines) under NAME, replacing a list of that name. Records that cannot be
    read are reported (WW702-WW704) and the rest imported.

    Exit status: 0 when every record was imported, 1 when some were skipped, 2 when
    the file is not a watchlist (WW700, WW701) or the store cannot be opened.
    """
    index, failed = _load_index(file)
    with open_store(db_url) as store:
        count = store.import_watchlist(name, index.entries, source=file)
    click.echo(f"watchlist {name!r}: {count} entries imported from {file}")
    sys.exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@watchlist_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines, one object per list.")
@db_option
def watchlist_list(as_json: bool, db_url: str | None) -> None:
    """List the imported watchlists: name, entries, when and from where.

    Exit status: 0, or 2 when the store cannot be opened.
    """
    set_up_streams(as_json)
    with open_store(db_url, create=False) as store:
        lists = store.watchlists()
    for listed in lists:
        if as_json:
            click.echo(json.dumps(listed.to_json(), ensure_ascii=False))
        else:
            when = listed.imported.isoformat(timespec="seconds")
            click.echo(f"{listed.name}\t{listed.entries} entries\t{when}\t{listed.source}")
