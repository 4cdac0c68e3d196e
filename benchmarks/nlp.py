"""The NLP model: entities, parses, tags and speed, against a rules-only floor, in one run.

    python benchmarks/nlp.py [--model NAME] [--corpus build/nlp/corpus] [--limit N]

Scores the shipped pipeline (or --model) and a blank spaCy pipeline holding only
wirewatch's rules (news tokenizer, sentencizer, gazetteer) on the dev sets:
entity precision, recall and F1 per class on UNER English-EWT dev and MEANTIME
(GPE, LOC and FAC count as locations), UAS/LAS and tag accuracy on UD
English-EWT dev, and words per second on one core (nlp.pipe in batches). The
dev sets are converted from ../shared/data/nlp on first use (into --corpus).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# One core: set before numpy is imported, so its maths libraries start one thread.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

from benchmarks.shared import REPO, shared_dir  # noqa: E402
from wirewatch.nlp import load  # noqa: E402
from wirewatch.nlp.tokens import customise  # noqa: E402
from wirewatch.nlp.train import evaluate  # noqa: E402

EVAL_SETS = ("ewt-dev", "meantime")


def rules_only() -> Language:
    """The floor: what wirewatch knows without a trained model."""
    nlp = customise(spacy.blank("en"))
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("wirewatch_gazetteer")
    return nlp


def gold_sets(corpus: Path, limit: int) -> dict[str, list[Doc]]:
    if not all((corpus / f"{name}.spacy").is_file() for name in EVAL_SETS):
        from wirewatch.nlp.train.corpus import build_corpus

        shared = shared_dir()
        if shared is None:
            raise SystemExit("the dev sets are not built and ../shared is not here")
        build_corpus(shared, corpus)
    vocab = spacy.blank("en").vocab
    sets: dict[str, list[Doc]] = {}
    for name in EVAL_SETS:
        docs = list(DocBin().from_disk(corpus / f"{name}.spacy").get_docs(vocab))
        sets[name] = docs[:limit] if limit else docs
    return sets


def row(name: str, nlp: Language, sets: dict[str, list[Doc]]) -> list[str]:
    lines = []
    for set_name, gold in sets.items():
        scores = evaluate.score_entities(evaluate.predict(nlp, gold), gold)
        for label, prf in [*scores.per_label.items(), ("all", scores.total)]:
            lines.append(
                f"| {name:<14} | {set_name:<9} | {label:<6} | {prf.precision:.3f} | "
                f"{prf.recall:.3f} | {prf.f1:.3f} |"
            )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default=None, help="a spaCy pipeline instead of the shipped one")
    parser.add_argument("--corpus", type=Path, default=REPO / "build" / "nlp" / "corpus")
    parser.add_argument("--limit", type=int, default=0, help="score only N documents per set")
    args = parser.parse_args()
    evaluate.one_core()
    sets = gold_sets(args.corpus, args.limit)
    systems = {"wirewatch": load(args.model), "rules only": rules_only()}
    print("Entities (exact spans; GPE, LOC and FAC scored as locations)\n")
    print("| system         | set       | class  | P     | R     | F1    |")
    print("|----------------|-----------|--------|-------|-------|-------|")
    for name, nlp in systems.items():
        print("\n".join(row(name, nlp, sets)))
    gold = sets["ewt-dev"]
    nlp = systems["wirewatch"]
    print("\nSyntax on UD English-EWT dev (wirewatch; UAS/LAS without and with punctuation)\n")
    print("| tokens    | UAS   | LAS   | UAS+p | LAS+p | TAG   | POS   | MORPH | LEMMA | SENT F |")
    print("|-----------|-------|-------|-------|-------|-------|-------|-------|-------|--------|")
    for tokens, predicted in (
        ("predicted", evaluate.predict(nlp, gold)),
        ("gold", evaluate.predict_on_gold_tokens(nlp, gold)),
    ):
        s = evaluate.score_syntax(predicted, gold)
        print(
            f"| {tokens:<9} | {s['uas']:.3f} | {s['las']:.3f} | {s['uas_punct']:.3f} | "
            f"{s['las_punct']:.3f} | {s['tag_acc']:.3f} | {s['pos_acc']:.3f} | "
            f"{s['morph_acc']:.3f} | {s['lemma_acc']:.3f} | {s['sents_f']:.3f}  |"
        )
    texts = [d.text for docs in sets.values() for d in docs]
    print("\nSpeed on one core (nlp.pipe, batches of 256)\n")
    print("| system         | words/s |")
    print("|----------------|---------|")
    for name, nlp in systems.items():
        print(f"| {name:<14} | {evaluate.words_per_second(nlp, texts):7.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
