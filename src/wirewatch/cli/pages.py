"""`wirewatch extract`, `analyze` and `code`: pages and sentences in, records out."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

import click

from wirewatch import settings
from wirewatch.cli._app import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    actors_option,
    main,
    max_bytes_option,
    model_option,
    print_json,
    safe,
    set_up_streams,
    warn,
)
from wirewatch.errors import WirewatchError
from wirewatch.extract import extract
from wirewatch.ingest.files import is_folder, page_files, read_page
from wirewatch.model import ARTICLE_SCHEMA, Analysis, Article, Source

if TYPE_CHECKING:
    from spacy.language import Language

    from wirewatch.analyze.actors import ActorDictionary
    from wirewatch.analyze.events.lexicon import Lexicon


@dataclass(slots=True)
class PageReading:
    """The pages a command reads, as articles; each page that fails is reported on
    standard error (and as an `error` object in JSON mode) and counted, and the
    rest go on. JSON is indented for one page and JSON Lines for several."""

    pages: tuple[str, ...]
    max_bytes: int
    as_json: bool
    failed: int = 0
    indent: int | None = field(init=False)

    def __post_init__(self) -> None:
        several = len(self.pages) > 1 or any(is_folder(p) for p in self.pages)
        self.indent = None if several else 2

    def articles(self) -> Iterator[tuple[Source, Article]]:
        for arg, result in _pages(self.pages, self.max_bytes):
            source = Source(path=arg)
            if isinstance(result, Exception):
                self.failed += 1
                self._report(arg, source, result)
            else:
                yield source, result

    def exit(self) -> None:
        sys.exit(EXIT_SOME_FAILED if self.failed else EXIT_OK)

    def _report(self, arg: str, source: Source, error: Exception) -> None:
        code, message = failure(arg, error)
        warn(arg, code, message)
        if self.as_json:
            print_json({"source": source.to_json(), "error": _error(code, message)}, self.indent)


def _render(source: Source, article: Article) -> str:
    out = [f"== {source.path or source.url}  [{article.reader}, {article.language}]"]
    out.append(f"Title:      {article.title}")
    if article.standfirst:
        out.append(f"Standfirst: {article.standfirst}")
    byline = ", ".join(article.authors) or "-"
    out.append(f"By:         {byline}" + (f" ({article.agency})" if article.agency else ""))
    if article.dateline:
        out.append(f"Dateline:   {article.dateline}")
    when = article.published
    out.append(f"Published:  {when.best or '-'} ({when.basis})")
    for caption in article.captions:
        credit = f" [{caption.credit}]" if caption.credit else ""
        out.append(f"Caption:    {caption.text}{credit}")
    out.append(
        f"Body:       {len(article.body)} paragraphs, {len(article.subheadings)} subheadings, "
        f"{len(article.removed)} chrome lines removed"
    )
    out.append("")
    out.append(article.text())
    return "\n".join(out) + "\n"


def _record(source: Source, article: Article) -> dict[str, Any]:
    return {"schema": ARTICLE_SCHEMA, "source": source.to_json(), "article": article.to_json()}


def _page_args(inputs: tuple[str, ...]) -> Iterator[tuple[str, WirewatchError | None]]:
    """Each page to read; a folder with no page in it is an input that failed."""
    for arg in inputs:
        if not is_folder(arg):
            yield arg, None
            continue
        files = page_files(arg)
        if not files:
            yield arg, WirewatchError("WW107", source=arg)
        yield from ((path, None) for path in files)


def _pages(inputs: tuple[str, ...], max_bytes: int) -> Iterator[tuple[str, Article | Exception]]:
    for arg, failed in _page_args(inputs):
        try:
            if failed:
                raise failed
            yield arg, extract(read_page(arg, max_bytes=max_bytes))
        except Exception as exc:
            # Whatever one page does (extract codes what it foresees), the batch goes on.
            yield arg, exc


@main.command("extract")
@click.argument("pages", nargs=-1, required=True, metavar="PAGE...")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the article as JSON (JSON Lines when there are several pages).",
)
@max_bytes_option
def extract_command(pages: tuple[str, ...], as_json: bool, max_bytes: int | None) -> None:
    """Extract the clean article from news pages.

    PAGE is an HTML file (.html, .htm, also gzipped), a text file scraped from a
    page, a folder (every page file in it, recursively), or - for standard input.
    The reader (HTML or scraped text) is chosen by content, not by file name.

    Prints the headline, standfirst, byline, agency, dateline, publication date,
    captions and body. With --json, one object per page with its `source` and
    `article` (the article part of the analysis contract); several pages give
    JSON Lines. A page that cannot be read gets a coded error on standard error
    (and an `error` object in JSON mode) and the rest go on.

    Exit status: 0 when every page was extracted, 1 when any failed.
    """
    limit = max_bytes or int(settings.load().max_page_bytes)
    set_up_streams(as_json)
    reading = PageReading(pages, limit, as_json)
    for source, article in reading.articles():
        for warning in article.warnings:
            warn(str(source.path), warning.code, f"warning: {warning.message}")
        if as_json:
            print_json(_record(source, article), reading.indent)
        else:
            click.echo(safe(_render(source, article)))
    reading.exit()


@main.command("analyze")
@click.argument("pages", nargs=-1, required=True, metavar="PAGE...")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the analysis contract as JSON (JSON Lines when there are several pages).",
)
@model_option
@actors_option
@max_bytes_option
def analyze_command(
    pages: tuple[str, ...],
    as_json: bool,
    model: str | None,
    actor_files: tuple[str, ...],
    max_bytes: int | None,
) -> None:
    """Analyse news pages: the article, its entities, who said what and who did what.

    PAGE is read as by `wirewatch extract` (a file, a folder, or - for standard
    input). Each article's body is parsed with the NLP pipeline; the people,
    organisations and places it names are resolved to one entity each (aliases,
    name chains, titles and roles, capitals and demonyms standing for their
    countries), its direct, partial and indirect quotes are attributed to them, and
    every act of one actor on another is coded as a CAMEO and PLOVER event.

    With --json, one object per page in the analysis contract of DESIGN.md
    (schema wirewatch.analysis/1); several pages give JSON Lines. A page that
    cannot be read gets a coded error and the rest go on.

    Exit status: 0 when every page was analysed, 1 when any failed.
    """
    from wirewatch.analyze import analyze_many
    from wirewatch.analyze.actors import load_actor_dictionaries
    from wirewatch.nlp import load

    limit = max_bytes or int(settings.load().max_page_bytes)
    set_up_streams(as_json)
    nlp = load(model)
    actors = load_actor_dictionaries(actor_files) if actor_files else None
    reading = PageReading(pages, limit, as_json)
    for analysis in analyze_many(list(reading.articles()), nlp, actors):
        if as_json:
            print_json(analysis.to_json(), reading.indent)
        else:
            click.echo(safe(_render_analysis(analysis)))
    reading.exit()


@main.command("code")
@click.argument("sentences", nargs=-1, metavar="[SENTENCE]...")
@click.option(
    "--date",
    "on",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The date of the SENTENCE arguments, and of input lines that give none "
    "(YYYY-MM-DD): relative time expressions are resolved against it and events with "
    "none take it.",
)
@actors_option
@click.option(
    "--lexicon",
    "lexicon_files",
    multiple=True,
    type=click.Path(exists=True),
    help="An action lexicon file or folder laid over the built-in one; repeat for several.",
)
@model_option
def code_command(
    sentences: tuple[str, ...],
    on: dt.datetime | None,
    actor_files: tuple[str, ...],
    lexicon_files: tuple[str, ...],
    model: str | None,
) -> None:
    """Code single sentences as CAMEO and PLOVER events, for researchers.

    SENTENCE arguments are coded with --date as their date. With no SENTENCE (or
    the single argument -), standard input is read as JSON Lines, one object per
    sentence: {"id": ..., "text": "...", "date": "YYYY-MM-DD"} (id and date may be
    left out; --date stands in for a missing date). Prints JSON Lines:
    {"id": ..., "events": [...]} per sentence, in order, with the event objects of
    the analysis contract. A line that cannot be read gives
    {"id": ..., "error": {"code", "message"}} and the rest go on.

    Exit status: 0 when every sentence was coded, 1 when any line failed.
    """
    from wirewatch.analyze.actors import load_actor_dictionaries
    from wirewatch.analyze.events.lexicon import load_lexicon
    from wirewatch.nlp import load

    set_up_streams(True)
    nlp = load(model)
    actors = load_actor_dictionaries(actor_files) if actor_files else None
    for warning in actors.warnings if actors is not None else ():
        warn("--actors", warning.code, f"warning: {warning.message}")
    lexicon = load_lexicon(*lexicon_files) if lexicon_files else None
    day = on.date() if on is not None else None
    if sentences and sentences != ("-",):
        failed = _code_stream(_arguments(sentences, day), nlp, actors, lexicon)
    else:
        if isinstance(sys.stdin, io.TextIOWrapper):
            sys.stdin.reconfigure(encoding="utf-8", errors="replace")  # bad bytes: U+FFFD
        failed = _code_stream(_jsonl_sentences(sys.stdin, day), nlp, actors, lexicon)
    sys.exit(EXIT_SOME_FAILED if failed else EXIT_OK)


_CODE_BATCH = 256


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One input of `wirewatch code`: its id, and its text and date, or why it failed."""

    id: Any
    text: str = ""
    date: dt.date | None = None
    error: WirewatchError | None = None


def _arguments(sentences: tuple[str, ...], on: dt.date | None) -> Iterator[_Sentence]:
    for number, text in enumerate(sentences, start=1):
        yield _Sentence(str(number), text, on)


def _jsonl_sentences(stream: TextIO, default: dt.date | None) -> Iterator[_Sentence]:
    """Each non-blank line of JSON Lines as a sentence (dated ``default`` when it gives
    no date), or as the failure to read it."""
    for number, line in enumerate(stream, start=1):
        if line.strip():
            found = _sentence_line(number, line)
            yield found if found.date or found.error else _dated(found, default)


def _dated(sentence: _Sentence, day: dt.date | None) -> _Sentence:
    return _Sentence(sentence.id, sentence.text, day)


def _sentence_line(number: int, line: str) -> _Sentence:
    where = f"line {number}"
    try:
        record = json.loads(line)
    except ValueError:
        return _Sentence(number, error=WirewatchError("WW404", "not JSON", source=where))
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return _Sentence(number, error=WirewatchError("WW404", "no text", source=where))
    ident = record.get("id", number)
    raw = record.get("date")
    try:
        day = dt.date.fromisoformat(raw) if raw else None
    except (TypeError, ValueError):
        error = WirewatchError("WW404", f"bad date {raw!r}", source=where)
        return _Sentence(ident, error=error)
    return _Sentence(ident, record["text"], day)


def _code_stream(
    inputs: Iterator[_Sentence],
    nlp: Language,
    actors: ActorDictionary | None,
    lexicon: Lexicon | None,
) -> int:
    """Code the sentences in batches, printing one JSON line per input, in order;
    the number that failed."""
    from wirewatch.analyze.events import code_sentences

    failed = 0
    while batch := list(itertools.islice(inputs, _CODE_BATCH)):
        good = [(item.text, item.date) for item in batch if item.error is None]
        coded = code_sentences(good, nlp, actors, lexicon)
        for item in batch:
            if item.error is None:
                events = [e.to_json() for e in next(coded)]
                print_json({"id": item.id, "events": events}, None)
                continue
            failed += 1
            where = item.error.source or "-"
            code, message = failure(where, item.error)
            warn(where, code, message)
            print_json({"id": item.id, "error": _error(code, message)}, None)
    return failed


def _error(code: str, message: str) -> dict[str, str]:
    return {"code": code, "message": message}


def _render_analysis(analysis: Analysis) -> str:
    article = analysis.article
    out = [f"== {analysis.source.path or analysis.source.url}", f"Title: {article.title}", ""]
    out.append(f"Entities ({len(analysis.entities)}):")
    for entity in analysis.entities:
        facts = [entity.type, entity.country, entity.code, entity.role]
        spellings = sorted({m.text for m in entity.mentions})
        out.append(
            f"  {entity.id:<4} {entity.name}  [{', '.join(f for f in facts if f)}]"
            f"  {len(entity.mentions)}x: {'; '.join(spellings)}"
        )
    out.append("")
    out.append(f"Quotes ({len(analysis.quotes)}):")
    for quote in analysis.quotes:
        who = quote.speaker.name if quote.speaker else "?"
        verb = f" ({quote.verb})" if quote.verb else ""
        out.append(f"  [{quote.kind}] {who}{verb}: {quote.text}")
    out.append("")
    out.append(f"Events ({len(analysis.events)}):")
    for event in analysis.events:
        target = event.target.name if event.target else "-"
        when = event.date.isoformat() if event.date else "-"
        out.append(
            f"  {event.cameo} {event.cameo_name}: {event.source.name} -> {target}"
            f"  [{event.modality}, {when}]"
        )
    return "\n".join(out) + "\n"


def failure(arg: str, error: Exception) -> tuple[str, str]:
    """The code and message for a page that failed, without its source (printed apart)."""
    if isinstance(error, WirewatchError):
        return error.code, error.describe().removeprefix(f"{arg}: ").removeprefix(f"{error.code} ")
    return "WW199", f"the page could not be parsed ({type(error).__name__})"
