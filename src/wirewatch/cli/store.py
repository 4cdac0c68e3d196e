"""`wirewatch search`, `events`, `entities`, `stats`, `export`, `errors` and `db`:
reading the store, exporting it, and upgrading its schema."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from wirewatch.cli._app import main, print_json, set_up_streams
from wirewatch.store import EventFilter, Store, migrate, open_store
from wirewatch.store.export import FORMATS, TABLES, default_table

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    "db_url",
    metavar="URL",
    default=None,
    help="The store: sqlite:///PATH, a file path, or postgresql://USER@HOST:PORT/DATABASE "
    "(default: WIREWATCH_DB, else sqlite:///wirewatch.db).",
)
json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print JSON Lines, one object per row."
)
_DAY = click.DateTime(formats=["%Y-%m-%d"])
_ACTOR = re.compile(r"^[A-Za-z0-9-]{3,}$")


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _actor(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _ACTOR.match(value):
        raise click.BadParameter("a CAMEO actor code or ISO country code, such as TUR or TURGOV")
    return value.upper() if value else None


def _root(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    if not value.isdigit() or not 1 <= int(value) <= 20:
        raise click.BadParameter("a CAMEO root code, 01 to 20")
    return value.zfill(2)


@main.command("search")
@click.argument("words", nargs=-1, required=True, metavar="QUERY...")
@click.option(
    "--limit",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="How many articles to print.",
)
@click.option(
    "--offset",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Skip this many of the best matches first (for the next page).",
)
@json_option
@db_option
def search_command(
    words: tuple[str, ...], limit: int, offset: int, as_json: bool, db_url: str | None
) -> None:
    """Search the stored articles' titles and bodies, best match first.

    QUERY is words, all of which must match, in any order: "quoted words" match as
    a phrase, word* matches any word starting so, -word excludes articles that have
    it, and OR between two terms matches either. Words are stemmed (bases matches
    base). Prints each article's date, title and id with a snippet of the body, the
    matched words in [brackets].

    Exit status: 0 when the search ran (whether or not it found anything), 2 when the
    query does not parse (WW506) or the store cannot be opened.
    """
    set_up_streams(as_json)
    with open_store(db_url, create=False) as store:
        hits = store.search(" ".join(words), limit, offset)
    for rank, hit in enumerate(hits, start=offset + 1):
        if as_json:
            print_json(hit.to_json())
            continue
        when = hit.published.isoformat() if hit.published else "----------"
        click.echo(f"{rank:>3}. {when}  {hit.title}  [{hit.article_id[:12]}]")
        click.echo(f"     {hit.snippet}")


@main.command("events")
@click.option(
    "--source",
    callback=_actor,
    metavar="CODE",
    help="Source actor: a CAMEO actor code prefix or ISO country (TUR matches TURGOV).",
)
@click.option("--target", callback=_actor, metavar="CODE", help="Target actor, as --source.")
@click.option("--either", is_flag=True, help="Match --source and --target in either direction.")
@click.option(
    "--since",
    type=_DAY,
    metavar="YYYY-MM-DD",
    help="Events on or after this day (the event's date, else its article's).",
)
@click.option("--until", type=_DAY, metavar="YYYY-MM-DD", help="Events on or before this day.")
@click.option("--root", callback=_root, metavar="NN", help="CAMEO root code, 01 to 20.")
@click.option("--cameo", metavar="CODE", help="CAMEO code or its prefix (0311, 031).")
@click.option("--plover", metavar="EVENT", help="PLOVER event type (AGREE, ASSAULT...).")
@click.option(
    "--modality",
    type=click.Choice(["asserted", "denied", "hypothetical"]),
    help="Only events of this modality (default: all).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="How many events to print.",
)
@click.option(
    "--offset",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Skip this many events first.",
)
@json_option
@db_option
def events_command(
    source: str | None,
    target: str | None,
    either: bool,
    since: dt.datetime | None,
    until: dt.datetime | None,
    root: str | None,
    cameo: str | None,
    plover: str | None,
    modality: str | None,
    limit: int,
    offset: int,
    as_json: bool,
    db_url: str | None,
) -> None:
    """List stored events, latest first, filtered by actors, dates and codes.

    Prints each event's day, CAMEO code and name, source and target actors with
    their codes, modality and the id of the article it was read from; with
    --json, the event object of the analysis contract with its `id`,
    `article_id` and `day`.

    Exit status: 0 when the query ran, 2 for a bad option or a store that cannot be
    opened.
    """
    where = EventFilter(
        source=source,
        target=target,
        either=either,
        since=_day(since),
        until=_day(until),
        root=root,
        cameo=cameo,
        plover=plover,
        modality=modality,
    )
    set_up_streams(as_json)
    with open_store(db_url, create=False) as store:
        found = store.events(where, limit, offset)
    for stored in found:
        if as_json:
            print_json(stored.to_json())
            continue
        event = stored.event
        day = stored.day.isoformat() if stored.day else "----------"
        left = f"{event.source.code or '-'} {event.source.name}"
        right = f"{event.target.code or '-'} {event.target.name}" if event.target else "-"
        click.echo(
            f"{day}  {event.cameo} {event.cameo_name}: {left} -> {right}"
            f"  [{event.modality}]  {stored.article_id[:12]}"
        )


@main.command("entities")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="How many entities to print.",
)
@click.option(
    "--type",
    "type_",
    metavar="TYPE",
    help="Only this entity type: PERSON, ORG, GPE, LOC, FAC, NORP, EVENT.",
)
@click.option("--country", metavar="ISO3", help="Only entities of this country (TUR).")
@json_option
@db_option
def entities_command(
    top: int, type_: str | None, country: str | None, as_json: bool, db_url: str | None
) -> None:
    """List the entities named in the most stored articles.

    An entity is one per type, normalised name and country across the store, so
    "Erdogan" in two articles is counted once per article. Prints the number of
    articles and of mentions, type, country and name.

    Exit status: 0 when the query ran, 2 when the store cannot be opened.
    """
    set_up_streams(as_json)
    with open_store(db_url, create=False) as store:
        found = store.top_entities(top, type_=type_, country=country)
    for entity in found:
        if as_json:
            print_json(entity.to_json())
            continue
        click.echo(
            f"{entity.articles:>7} {entity.mentions:>8}  {entity.type:<6} "
            f"{entity.country or '-':<3}  {entity.name}"
        )


@main.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of counts.")
@db_option
def stats_command(as_json: bool, db_url: str | None) -> None:
    """Print how many articles, pages, stories, entities, quotes, events and errors
    the store holds, one per line, so that two stores compare line by line.

    Exit status: 0 when the store was read, 2 when it cannot be opened.
    """
    set_up_streams(as_json)
    with open_store(db_url, create=False) as store:
        counts = store.stats()
    if as_json:
        print_json(dict(counts))
        return
    for name, count in counts.items():
        click.echo(f"{name} {count}")


@main.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="jsonl, csv, parquet, or gdelt (GDELT 2.0 event table, tab separated).",
)
@click.option(
    "--table",
    type=click.Choice(TABLES),
    default=None,
    help="What to export (default: analyses for jsonl, events otherwise).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (default: standard output; parquet needs a file).",
)
@db_option
def export_command(fmt: str, table: str | None, output: Path | None, db_url: str | None) -> None:
    """Export the store: whole analyses as JSON Lines, a table as CSV or Parquet, or
    the events as GDELT 2.0 event rows.

    jsonl with no --table writes one analysis-contract object per article (with its
    `story_id` and `pages`); csv, parquet and jsonl with --table write that table's
    rows; gdelt writes asserted events in GDELT 2.0's 61 columns, tab separated
    with no header, as GDELT publishes them. A file is written whole or not at all.

    Exit status: 0 when the export was written, 2 for options that do not go together
    or a store that cannot be opened.
    """
    name = table or default_table(fmt)
    if name == "analyses" and fmt != "jsonl":
        raise click.UsageError("--table analyses is exported as jsonl only")
    if fmt == "gdelt" and name != "events":
        raise click.UsageError("--format gdelt exports the events table only")
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs --output FILE")
    with open_store(db_url, create=False) as store:
        if output is None:
            store.export(fmt, sys.stdout.buffer, table=name)
            return
        partial = output.with_name(output.name + ".part")
        try:
            with partial.open("wb") as out:
                count = _export_to(store, fmt, out, name)
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
    click.echo(f"wirewatch: {count} rows written to {output}", err=True)


def _export_to(store: Store, fmt: str, out: IO[bytes], table: str) -> int:
    return store.export(fmt, out, table=table)


@main.command("errors")
@click.option("--code", metavar="WWnnn", help="Only errors with this code.")
@click.option("--stage", metavar="STAGE", help="Only errors of this stage (fetch, extract...).")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Print at most this many (default: all).",
)
@json_option
@db_option
def errors_command(
    code: str | None, stage: str | None, limit: int | None, as_json: bool, db_url: str | None
) -> None:
    """List the inputs that failed, the most recent first: source, stage, code, how
    many times, and the message. An input failing again the same way is counted,
    not listed twice.

    Exit status: 0 when the store was read, 2 when it cannot be opened.
    """
    set_up_streams(as_json)
    with open_store(db_url, create=False) as store:
        found = store.errors(code=code, stage=stage, limit=limit)
    for error in found:
        if as_json:
            print_json(error.to_json())
            continue
        click.echo(f"{error.source}  {error.stage}  {error.code}  x{error.count}  {error.message}")


@main.group("db")
def db_group() -> None:
    """The store's schema: `wirewatch db upgrade` brings it to this version's
    revision (every command does so on opening it), `wirewatch db current` says
    where it stands.

    Exit status: 0 when done, 2 when the store cannot be opened or upgraded.
    """


@db_group.command("upgrade")
@db_option
def db_upgrade_command(db_url: str | None) -> None:
    """Create the store or upgrade its schema to this wirewatch's revision."""
    store = open_store(db_url, upgrade=False)
    try:
        before, after = migrate.upgrade(store.engine, store.where)
    finally:
        store.close()
    if before == after:
        click.echo(f"{store.where}: at revision {after}, nothing to do")
    else:
        click.echo(f"{store.where}: upgraded from {before or 'empty'} to {after}")


@db_group.command("current")
@db_option
def db_current_command(db_url: str | None) -> None:
    """Print the store's schema revision and this wirewatch's."""
    store = open_store(db_url, create=False, upgrade=False)
    try:
        found = store.revision()
    finally:
        store.close()
    head = migrate.head()
    state = "up to date" if found == head else "needs `wirewatch db upgrade`"
    click.echo(f"{store.where}: revision {found or 'none (empty)'}, head {head}: {state}")
