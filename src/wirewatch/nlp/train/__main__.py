"""Train the shipped NLP pipeline: `python -m wirewatch.nlp.train` (or `make model`).

Stages, all by default, or one with --stage:
  convert   the open data in ../shared/data/nlp to DocBins in BUILD/corpus
  train     spaCy training with src/wirewatch/nlp/train/config.cfg into BUILD/run
  package   the best checkpoint, with gazetteer, card and licences, into the package
  evaluate  dev scores and speed of the packaged pipeline, written into its card

The CPU recipe is the reference: about 100 minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

STAGES = ("convert", "train", "package", "evaluate")
CONFIG = Path(__file__).with_name("config.cfg")


def _shared(arg: Path | None) -> Path:
    if arg is not None:
        return arg
    sys.path.insert(0, str(Path.cwd()))
    from benchmarks.shared import shared_dir

    found = shared_dir()
    if found is None:
        raise SystemExit("../shared/data/nlp was not found; pass --shared")
    return found


def convert(shared: Path, build: Path) -> None:
    from wirewatch.nlp.train.corpus import build_corpus

    stats = build_corpus(shared, build / "corpus")
    print(json.dumps(stats, indent=1)[:2000])


def train(build: Path, max_steps: int | None, use_gpu: int) -> None:
    from spacy.cli.train import train as spacy_train

    from wirewatch.nlp import gazetteer, tokens  # noqa: F401  (registered for the config)
    from wirewatch.nlp.ops import use_fast_ops

    if use_gpu < 0:
        use_fast_ops()

    overrides: dict[str, Any] = {
        "paths.train": str(build / "corpus" / "train.spacy"),
        "paths.dev": str(build / "corpus" / "dev.spacy"),
    }
    if max_steps:
        overrides["training.max_steps"] = max_steps
    spacy_train(CONFIG, build / "run", use_gpu=use_gpu, overrides=overrides)


def evaluate_shipped(build: Path) -> dict[str, Any]:
    from spacy.tokens import DocBin

    from wirewatch.nlp import load, shipped_path
    from wirewatch.nlp.train import evaluate

    nlp = load.__wrapped__(None)  # a fresh load, not the cached one
    scores: dict[str, Any] = {}
    for name in ("ewt-dev", "meantime"):
        gold = list(DocBin().from_disk(build / "corpus" / f"{name}.spacy").get_docs(nlp.vocab))
        predicted = evaluate.predict(nlp, gold)
        ents = evaluate.score_entities(predicted, gold)
        scores[f"{name} entities F1"] = round(ents.total.f1, 3)
        for label, prf in ents.per_label.items():
            scores[f"{name} {label} F1"] = round(prf.f1, 3)
        if name == "ewt-dev":
            for key, value in evaluate.score_syntax(predicted, gold).items():
                scores[f"ewt-dev {key}"] = round(value, 3)
            on_gold = evaluate.predict_on_gold_tokens(nlp, gold)
            scores["ewt-dev las (gold tokens)"] = round(
                evaluate.score_syntax(on_gold, gold)["las"], 3
            )
            texts = [d.text for d in gold]
            scores["words/s (all cores)"] = round(evaluate.words_per_second(nlp, texts))
    size = sum(f.stat().st_size for f in shipped_path().rglob("*") if f.is_file())
    scores["size MB"] = round(size / 1_000_000, 1)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wirewatch.nlp.train",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--stage", choices=STAGES, action="append", help="run only this stage")
    parser.add_argument("--shared", type=Path, default=None, help="the shared data folder")
    parser.add_argument("--build", type=Path, default=Path("build/nlp"), help="work folder")
    parser.add_argument("--max-steps", type=int, default=None, help="override training steps")
    parser.add_argument("--gpu", type=int, default=-1, help="GPU id to train on (default: CPU)")
    args = parser.parse_args(argv)
    stages = args.stage or list(STAGES)
    started = time.perf_counter()
    if "convert" in stages:
        convert(_shared(args.shared), args.build)
    if "train" in stages:
        train(args.build, args.max_steps, args.gpu)
    if "package" in stages or "evaluate" in stages:
        from wirewatch.nlp import shipped_path
        from wirewatch.nlp.train.package import package, write_card

        if "package" in stages:
            package(args.build / "run" / "model-best", shipped_path())
        scores = evaluate_shipped(args.build)
        if "train" in stages:
            scores["training minutes (this machine)"] = round(
                (time.perf_counter() - started) / 60, 1
            )
        write_card(shipped_path(), scores)
        print(json.dumps(scores, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
