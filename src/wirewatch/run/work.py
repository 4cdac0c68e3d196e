"""The work a run does for each page, in a worker process: extract, then analyse.

A worker loads the NLP pipeline once and then takes pages in small chunks, so
that the parser sees several articles' paragraphs per batch. Whatever one page
does, the worker answers for every page it was given: a `Done` with the analysis
and the story signature, or a `Failed` with the stage and the coded reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language

from wirewatch.analyze import analyze_many
from wirewatch.analyze.actors import ActorDictionary, load_actor_dictionaries
from wirewatch.errors import WirewatchError
from wirewatch.extract import extract
from wirewatch.model import Analysis, Article, RawPage
from wirewatch.nlp import load
from wirewatch.run.stories import signature


@dataclass(frozen=True, slots=True)
class Task:
    """One page to work on, with the key the store knows its source by."""

    key: str
    page: RawPage


@dataclass(frozen=True, slots=True)
class Done:
    """A page analysed: what the store keeps, and the signature its story is found by."""

    key: str
    analysis: Analysis
    signature: bytes


@dataclass(frozen=True, slots=True)
class Failed:
    """A page that could not be read or analysed, and why."""

    key: str
    stage: str
    code: str
    message: str


Outcome = Done | Failed


@dataclass(frozen=True, slots=True)
class Worker:
    """What a worker holds for its whole life: the pipeline and the actor dictionaries."""

    nlp: Language
    actors: ActorDictionary | None


def start_worker(model: str | None, actor_files: Sequence[str]) -> Worker:
    """Load the pipeline and dictionaries once per worker (seconds, not per page)."""
    actors = load_actor_dictionaries(list(actor_files)) if actor_files else None
    return Worker(load(model or None), actors)


def work(worker: Worker, tasks: Sequence[Task]) -> list[Outcome]:
    """Every task's outcome, in the order the tasks came."""
    outcomes: dict[str, Outcome] = {}
    articles: list[tuple[Task, Article]] = []
    for task in tasks:
        extracted = _extract(task)
        if isinstance(extracted, Failed):
            outcomes[task.key] = extracted
        else:
            articles.append((task, extracted))
    for outcome in _analyse(worker, articles):
        outcomes[outcome.key] = outcome
    return [outcomes[task.key] for task in tasks]


def _extract(task: Task) -> Article | Failed:
    try:
        return extract(task.page)
    except WirewatchError as exc:
        return Failed(task.key, "extract", exc.code, exc.describe())
    except Exception as exc:  # a page the extractor did not foresee must not stop the batch
        return Failed(task.key, "extract", "WW199", f"{type(exc).__name__}: {exc}")


def _analyse(worker: Worker, articles: list[tuple[Task, Article]]) -> list[Outcome]:
    if not articles:
        return []
    try:
        return _analyse_batch(worker, articles)
    except Exception:
        # One article broke the batch: analyse them one by one to find it, keep the rest.
        return [_analyse_one(worker, task, article) for task, article in articles]


def _analyse_one(worker: Worker, task: Task, article: Article) -> Outcome:
    try:
        return _analyse_batch(worker, [(task, article)])[0]
    except Exception as exc:
        return Failed(task.key, "analyze", "WW601", f"{type(exc).__name__}: {exc}")


def _analyse_batch(worker: Worker, articles: list[tuple[Task, Article]]) -> list[Outcome]:
    pages = [(task.page.source, article) for task, article in articles]
    analyses = analyze_many(pages, worker.nlp, worker.actors)
    return [
        Done(task.key, analysis, signature("\n".join(analysis.article.body)))
        for (task, _), analysis in zip(articles, analyses, strict=True)
    ]
