"""`wirewatch run`: pages from sources, through the workers, into the store.

The parent process reads the sources, skips what the store already holds, hands
pages to the workers in chunks and writes their outcomes in the order the pages
came, one transaction per chunk (whole articles only, however a run is stopped).
Writing in input order is what makes a run resumable: story grouping depends only
on what was stored before, so a run killed at any moment and started again ends
with exactly the rows of a clean run.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from wirewatch.model import Analysis
from wirewatch.run import work
from wirewatch.run.stories import Stored, StoryIndex
from wirewatch.run.work import Done, Failed, Outcome, Task
from wirewatch.store.write import Pending

# Pages per chunk: enough for the parser to batch several articles, few enough
# that a killed run loses little work.
CHUNK = 8
# Chunks in flight per worker: keeps workers busy while the parent writes.
WINDOW_PER_WORKER = 3
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class StoredSignature(Protocol):
    """A stored article's signature and story, as the store hands them back."""

    @property
    def article_id(self) -> str: ...

    @property
    def story_id(self) -> str | None: ...

    @property
    def signature(self) -> bytes | None: ...


class RunStore(Protocol):
    """What a run needs of the store (wirewatch.store.Store is one)."""

    def add_all(self, items: Sequence[Pending]) -> list[bool]: ...

    def record_error(self, source: str, stage: str, code: str, message: str) -> None: ...

    def iter_minhashes(self) -> Iterator[StoredSignature]: ...


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How to run: worker processes, the pipeline and actor dictionaries they load."""

    workers: int = 1
    model: str | None = None
    actor_files: tuple[str, ...] = ()


@dataclass(slots=True)
class Tally:
    """What a run did, as it goes: the progress line and the summary read it."""

    read: int = 0
    skipped: int = 0
    added: int = 0
    copies: int = 0
    new_stories: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> int:
        return self.added + self.copies + sum(self.failed.values())

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0


Listener = Callable[[Tally], None]
# Called with each article a run stores for the first time and its story's id, inside
# the run: follows are matched here, so alerts leave as the news comes in.
OnAdded = Callable[[Analysis, str], None]


def run(
    tasks: Iterable[Task | Failed],
    store: RunStore,
    options: RunOptions,
    listener: Listener | None = None,
    tally: Tally | None = None,
    on_added: OnAdded | None = None,
) -> Tally:
    """Work every task into the store; sources that could not be read are recorded.

    `tally` lets a caller count what it skipped before the tasks came (pages the
    store already holds are never read); `on_added` is called with each new article
    once it is stored, and its story.
    """
    tally = tally or Tally()
    index = StoryIndex()
    index.load(_stored(store))
    writer = _Writer(store, index, tally, listener or (lambda _t: None), on_added)
    for outcomes in _outcomes(_readable(tasks, writer), options):
        writer.write_chunk(outcomes)
    return tally


def _stored(store: RunStore) -> Iterator[Stored]:
    for item in store.iter_minhashes():
        story = item.story_id or item.article_id
        yield Stored(item.article_id, story, item.signature or b"")


def _readable(tasks: Iterable[Task | Failed], writer: _Writer) -> Iterator[Task]:
    """The tasks to work on; a source that could not be read is recorded on the way."""
    for task in tasks:
        writer.tally.read += 1
        if isinstance(task, Failed):
            writer.write_failed(task)
        else:
            yield task


@dataclass(slots=True)
class _Writer:
    store: RunStore
    index: StoryIndex
    tally: Tally
    listener: Listener
    on_added: OnAdded | None = None

    def write_failed(self, failed: Failed) -> None:
        self._record(failed)
        self.listener(self.tally)

    def write_chunk(self, outcomes: Sequence[Outcome]) -> None:
        """A worker's chunk: failures recorded, articles stored in one transaction (one
        per article cost the parent about 2 ms a page in commits and statements)."""
        done: list[Done] = []
        for outcome in outcomes:
            if isinstance(outcome, Failed):
                self._record(outcome)
            else:
                done.append(outcome)
        if done:
            self._keep(done)
        self.listener(self.tally)

    def _record(self, failed: Failed) -> None:
        self.store.record_error(failed.key, failed.stage, failed.code, failed.message)
        self.tally.failed[failed.code] += 1

    def _keep(self, done: Sequence[Done]) -> None:
        pending = [
            Pending(
                item.analysis, self.index.assign(item.analysis.id, item.signature), item.signature
            )
            for item in done
        ]
        for item, added in zip(pending, self.store.add_all(pending), strict=True):
            story = item.story_id or item.analysis.id
            if added:
                self.tally.added += 1
                self.tally.new_stories += story == item.analysis.id
                if self.on_added is not None:
                    self.on_added(item.analysis, story)
            else:
                self.tally.copies += 1


def _outcomes(tasks: Iterable[Task], options: RunOptions) -> Iterator[list[Outcome]]:
    """Each chunk's outcomes, in the order the tasks came."""
    if options.workers <= 1:
        worker = work.start_worker(options.model, options.actor_files)
        for chunk in _chunks(tasks, CHUNK):
            yield work.work(worker, chunk)
        return
    yield from _pooled(tasks, options)


def _pooled(tasks: Iterable[Task], options: RunOptions) -> Iterator[list[Outcome]]:
    with _one_thread_each():
        yield from _pool_outcomes(tasks, options)


@contextmanager
def _one_thread_each() -> Iterator[None]:
    """Workers' numeric libraries run one thread each while the pool lives.

    Each worker is a process per core already; OpenBLAS threads on top of that
    fight over the same cores (two workers ran at 10 pages/s with them, 16
    without). The variables are read when a worker starts, so they are set in
    the parent for the pool's life; a value the user set is kept.
    """
    saved = {name: os.environ.get(name) for name in _THREAD_VARIABLES}
    for name in _THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _pool_outcomes(tasks: Iterable[Task], options: RunOptions) -> Iterator[list[Outcome]]:
    # spawn, not fork: a forked copy of the parent would share its database handles.
    context = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(
        max_workers=options.workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(options.model, options.actor_files),
    ) as pool:
        pending: deque[tuple[list[Task], cf.Future[list[Outcome]]]] = deque()
        window = options.workers * WINDOW_PER_WORKER
        for chunk in _chunks(tasks, CHUNK):
            pending.append((chunk, pool.submit(_work_in_worker, chunk)))
            if len(pending) >= window:
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())


def _result(chunk: list[Task], future: cf.Future[list[Outcome]]) -> list[Outcome]:
    try:
        return future.result()
    except Exception as exc:  # the worker died (killed, out of memory): say so per page
        message = f"{type(exc).__name__}: {exc}"
        return [Failed(task.key, "analyze", "WW602", message) for task in chunk]


_WORKER: work.Worker | None = None


def _init_worker(model: str | None, actor_files: Sequence[str]) -> None:
    global _WORKER
    _WORKER = work.start_worker(model, actor_files)


def _work_in_worker(chunk: list[Task]) -> list[Outcome]:
    assert _WORKER is not None, "the pool's initializer loads the worker"
    return work.work(_WORKER, chunk)


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
