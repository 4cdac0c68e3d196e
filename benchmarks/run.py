"""`wirewatch run` end to end: pages/s and peak memory, one worker beside two.

    python benchmarks/run.py [--pages 2000] [--workers 1,2] [--keep DIR]

The 181 pages of the Zyte benchmark (../shared/data/extract/aeb) are repeated with
small changes until there are `--pages` distinct pages: each copy has a short note
added inside its article text, as an outlet's update would, so every copy is a new
article and the copies of one page are grouped into one story. Each run starts
on an empty SQLite store and goes through the real command (sources read, pages
extracted and analysed in worker processes, stories grouped, rows written). Peak
memory is the largest sum of resident memory over the run's whole process tree,
sampled every 0.1 s. A second run over the same folder checks that nothing is
added twice.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import aeb
from benchmarks.shared import require_shared

WIREWATCH = Path(sys.executable).with_name("wirewatch")
_LONG_PARAGRAPH = re.compile(rb"(<p[^>]*>)((?:(?!</p>).){200,}?)(</p>)", re.S | re.I)


@dataclass(frozen=True, slots=True)
class Measured:
    workers: int
    pages: int
    seconds: float
    peak_mb: float
    added_again: int


def variant(page: aeb.Page, n: int) -> bytes:
    """The page with its article text changed a little (copy n): a few words of the
    ground-truth body found in the HTML get a note after them, as an update would."""
    note = f" (updated {n})".encode()
    for words in _fragments(page.truth):
        # Everywhere: the first place may be a description or JSON-LD, not the body.
        if words in page.html:
            return page.html.replace(words, words + note)
    match = _LONG_PARAGRAPH.search(page.html)
    if match is None:
        return page.html.replace(b"</body>", b"<p>" + note + b"</p></body>", 1)
    return page.html[: match.end(2)] + note + page.html[match.end(2) :]


def _fragments(truth: str) -> list[bytes]:
    """Runs of three words from the body, as the HTML may write them."""
    words = truth.split()
    runs = [" ".join(words[i : i + 3]) for i in range(0, max(len(words) - 3, 0), 3)]
    return [form for run in runs for form in (run.encode(), html.escape(run).encode())]


def write_pages(folder: Path, count: int) -> None:
    pages = aeb.load(require_shared() / "data" / "extract" / "aeb")
    for i in range(count):
        page = pages[i % len(pages)]
        html = page.html if i < len(pages) else variant(page, i // len(pages))
        (folder / f"{i:05d}-{page.key}.html").write_bytes(html)


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for proc in [process, *process.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            continue
    return total


def _run(folder: Path, db: Path, workers: int) -> tuple[float, float, str]:
    command = [str(WIREWATCH), "run", str(folder), "--db", f"sqlite:///{db}"]
    command += ["--workers", str(workers)]
    peak = 0
    start = time.perf_counter()
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True) as proc:
        watched = psutil.Process(proc.pid)
        errors: list[str] = []
        reader = threading.Thread(target=lambda: errors.append(proc.stderr.read()))  # type: ignore[union-attr]
        reader.start()
        while proc.poll() is None:
            peak = max(peak, _tree_rss(watched))
            time.sleep(0.1)
        reader.join()
    return time.perf_counter() - start, peak / 1e6, "".join(errors)


def _added(report: str) -> int:
    found = re.search(r"added\s+([\d,]+) articles", report)
    return int(found.group(1).replace(",", "")) if found else -1


def measure(folder: Path, workers: int, pages: int) -> Measured:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "wirewatch.db"
        seconds, peak, report = _run(folder, db, workers)
        print(report, file=sys.stderr)
        _, _, again = _run(folder, db, workers)
    return Measured(workers, pages, seconds, peak, _added(again))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    parser.add_argument("--keep", type=Path, help="write the pages here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "pages"
        folder.mkdir(parents=True, exist_ok=True)
        write_pages(folder, args.pages)
        results = [measure(folder, int(w), args.pages) for w in args.workers.split(",")]
    print(f"\nwirewatch run, {args.pages} pages, SQLite, {os.cpu_count()} cores on this machine\n")
    print("| workers | pages | seconds | pages/s | peak memory MB | added by a second run |")
    print("|---|---|---|---|---|---|")
    for m in results:
        rate = m.pages / m.seconds
        print(
            f"| {m.workers} | {m.pages} | {m.seconds:.1f} | {rate:.1f} | {m.peak_mb:.0f} "
            f"| {m.added_again} |"
        )


if __name__ == "__main__":
    main()
