"""Event coding against PETRARCH's unit tests and the PLOVER gold records, with speed.

    python benchmarks/events.py [--model NAME] [--list N] [--set petrarch|plover]

Gold sets, in ../shared/data/events:

- PETRARCH unit tests (derived/petr_unittest_gold.jsonl): the 278 records PETRARCH
  evaluates, coded with the validation actor and agent dictionaries they are written
  for (a fictional world: Arnor = ARN). Two golds: ``native`` is the test file's own
  coding, which uses PETRARCH's test-dictionary event codes (72 records' codes are not
  in the CAMEO codebook: 901, 345, 174K); ``v2.02`` is the 2018 revision of the same
  sentences for the PETRARCH-2 dictionaries, with standard CAMEO codes (the records
  whose text it shares, 203 of them);
- PLOVER gold standard records (plover/PLOVER_GSR_CAMEO.txt): 322 sentences of the
  CAMEO manual recoded in PLOVER 0.5b1, with ISO country codes and sectors. Event names
  of that version are read as today's (DEMAND = REQUEST, DISAPPROVE and INVESTIGATE =
  ACCUSE, FIGHT = ASSAULT). Events with no PLOVER category (CAMEO 01 and 02) are left out.
  Actors the markup gives as reciprocal (SRC/TAR) with no target are read as CAMEO
  writes them, one event each way between them; three country codes that are not
  ISO (JAP, ITL, VTN) as the countries they stand for. Six sentences are coded as two
  records each, one event apiece: each is read as one record with both events (316).

Scores, per gold: ``exact`` is the share of records whose set of triples (source,
target, event) is exactly the gold set (no events where the gold has none counts);
triple precision, recall and F1 are micro-averaged. ``strict`` compares whole actor
codes and the full CAMEO code (PLOVER: country + sector and the event); ``relaxed``
compares the actors' countries (the first three letters of a code) and the CAMEO root.
Only asserted events are counted: an act denied ("did not attack") or only supposed,
demanded, threatened or intended ("demanded that Israel withdraw") did not happen and is
no triple (the threat or the demand is, coded as CAMEO's own categories). The row
``wirewatch+h`` counts the hypothetical ones too, as a coder with no modality would.
PETRARCH's recorded predictions (derived/petrarch_baseline_predictions.jsonl:
PETRARCH-2 and PETRARCH-1 on the same records) are scored the same way beside ours.

Speed is sentences per second from raw text on one core: parsing, entities and coding.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.shared import require_shared  # noqa: E402
from wirewatch.analyze.actors import ActorDictionary, load_actor_dictionaries  # noqa: E402
from wirewatch.analyze.events import code_sentences  # noqa: E402
from wirewatch.model import ActorRef, Event  # noqa: E402
from wirewatch.nlp import load  # noqa: E402
from wirewatch.nlp.train.evaluate import one_core  # noqa: E402

Triple = tuple[str, str, str]
# PLOVER 0.5b1 event names (the gold records') as PLOVER names them now.
PLOVER_RENAMED = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
NONE = "---"
# Country codes the PLOVER records write that are not ISO 3166 (their readme says they
# are): read as the countries they stand for.
PLOVER_TYPOS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
PETRARCH_RUNS = {
    "native": ("petrarch2_unittest_native", "petrarch1_unittest_native"),
    "v2.02": ("petrarch2_unittest_gold202",),
}


@dataclass(frozen=True, slots=True)
class Record:
    """One gold sentence: its id, text, date and gold triples (strict form)."""

    id: str
    text: str
    date: dt.date | None
    gold: frozenset[Triple]


@dataclass(slots=True)
class Score:
    """Exact matches and triple counts, strict and relaxed."""

    records: int = 0
    exact: int = 0
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    relaxed_tp: int = 0
    relaxed_predicted: int = 0
    relaxed_gold: int = 0

    def add(
        self, predicted: set[Triple], gold: set[Triple], relax: Callable[[Triple], Triple]
    ) -> None:
        self.records += 1
        self.exact += predicted == gold
        self.tp += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)
        loose_p, loose_g = {relax(t) for t in predicted}, {relax(t) for t in gold}
        self.relaxed_tp += len(loose_p & loose_g)
        self.relaxed_predicted += len(loose_p)
        self.relaxed_gold += len(loose_g)

    def row(self) -> list[float]:
        return [
            self.exact / self.records if self.records else 0.0,
            *_prf(self.tp, self.predicted, self.gold),
            *_prf(self.relaxed_tp, self.relaxed_predicted, self.relaxed_gold),
        ]


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# ---------------------------------------------------------------- reading the golds


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.datetime.strptime(text or "", "%Y%m%d").date()
    except ValueError:
        return None


def petrarch_records(shared: Path, gold: str) -> list[Record]:
    """The evaluated unit-test records with the chosen gold (``native`` or ``v2.02``);
    for v2.02, the records PETRARCH-2 was run on with that gold."""
    path = shared / "data" / "events" / "derived" / "petr_unittest_gold.jsonl"
    only = None if gold == "native" else _run_ids(shared, PETRARCH_RUNS[gold][0])
    records = []
    for line in path.read_text("utf-8").splitlines():
        raw = json.loads(line)
        if raw["sentence_attr"] != "true" or raw["category"] == "COMPOUNDx":
            continue
        kind, events = (
            (raw["gold_kind"], raw["gold_events"])
            if gold == "native"
            else (raw.get("gold_v202_kind"), raw.get("gold_v202_events") or [])
        )
        if kind is None or (only is not None and raw["id"] not in only):
            continue
        triples = frozenset((e["source"], e["target"], e["code"]) for e in events or [])
        records.append(Record(raw["id"], raw["text"], _date(raw["date"]), triples))
    return records


def _run_ids(shared: Path, run: str) -> set[str]:
    path = shared / "data" / "events" / "derived" / "petrarch_baseline_predictions.jsonl"
    rows = (json.loads(line) for line in path.read_text("utf-8").splitlines())
    return {row["id"] for row in rows if row["run"] == run}


def petrarch_actors(shared: Path, gold: str) -> ActorDictionary:
    folder = shared / "data" / "events" / "petrarch" / "validation_dictionaries"
    names = (
        ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt")
        if gold == "native"
        else ("PETR_Validate_actors_2_02.txt", "PETR_Validate_agents_2_02.txt")
    )
    return load_actor_dictionaries([folder / n for n in names])


def plover_records(shared: Path) -> list[Record]:
    path = shared / "data" / "events" / "plover" / "PLOVER_GSR_CAMEO.txt"
    records = []
    for raw in json.loads(path.read_text("utf-8")):
        if raw.get("event") in {None, "DOCUMENT"} or not raw.get("text"):
            continue
        event = PLOVER_RENAMED.get(raw["event"], raw["event"])
        sources = [_plover_actor(a) for a in _listed(raw.get("source"))] or [NONE]
        targets = [_plover_actor(a) for a in _listed(raw.get("target"))] or [NONE]
        triples = frozenset((s, t, event) for s in sources for t in targets)
        if _reciprocal(raw, sources, targets):
            triples = frozenset((s, t, event) for s in sources for t in sources if s != t)
        text = raw["text"].strip("{} ")
        records.append(Record(raw["id"], text, None, triples))
    return _one_per_sentence(records)


def _one_per_sentence(records: list[Record]) -> list[Record]:
    """A sentence the gold codes as several records, one event each, is one record
    holding every event: a coder that finds both is right twice, not wrong once each."""
    by_text: dict[str, Record] = {}
    for record in records:
        known = by_text.get(record.text)
        if known is None:
            by_text[record.text] = record
        else:
            merged = Record(f"{known.id}+{record.id}", known.text, None, known.gold | record.gold)
            by_text[record.text] = merged
    return list(by_text.values())


def _reciprocal(raw: dict[str, Any], sources: list[str], targets: list[str]) -> bool:
    """Actors the markup gives as SRC/TAR act on each other, which CAMEO writes as one
    event each way: "Jordan and Britain agreed" is JOR->GBR and GBR->JOR."""
    info = raw.get("textInfo")
    markup = str(info.get("markup", "")) if isinstance(info, dict) else str(info or "")
    return "SRC/TAR" in markup and targets == [NONE] and len(set(sources)) > 1


def _listed(value: Any) -> list[dict[str, Any]]:
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def _plover_actor(actor: dict[str, Any]) -> str:
    sector = actor.get("sector") or ""
    code = actor.get("code") or NONE
    return PLOVER_TYPOS.get(code, code) + (sector[:3] if sector.isupper() else "")


# ---------------------------------------------------------------- our triples


ASSERTED = frozenset({"asserted"})
# The moods counted in the extra row, which codes an act the way PETRARCH does, however
# it is told: only the denied are left out.
NOT_DENIED = frozenset({"asserted", "hypothetical"})


def cameo_triples(events: Iterable[Event], moods: frozenset[str] = ASSERTED) -> set[Triple]:
    return {(_code(e.source), _code(e.target), e.cameo) for e in events if e.modality in moods}


def plover_triples(events: Iterable[Event], moods: frozenset[str] = ASSERTED) -> set[Triple]:
    return {
        (_code(e.source), _code(e.target), e.plover_event)
        for e in events
        if e.modality in moods and e.plover_event is not None
    }


def _code(actor: ActorRef | None) -> str:
    if actor is None:
        return NONE
    return actor.code or actor.country or NONE


def relax_cameo(triple: Triple) -> Triple:
    source, target, code = triple
    return (source[:3], target[:3], code[:2])


def relax_plover(triple: Triple) -> Triple:
    source, target, event = triple
    return (source[:3], target[:3], event)


# ---------------------------------------------------------------- running


def run_ours(
    records: Sequence[Record], nlp: Any, actors: ActorDictionary | None
) -> tuple[list[tuple[Event, ...]], float]:
    start = time.perf_counter()
    coded = list(code_sentences(((r.text, r.date) for r in records), nlp, actors))
    return coded, time.perf_counter() - start


def _timed(texts: list[tuple[str, dt.date | None]], nlp: Any) -> float:
    """Seconds to code every text once (without the actor dictionaries)."""
    start = time.perf_counter()
    for _ in code_sentences(texts, nlp):
        pass
    return time.perf_counter() - start


def score(
    records: Sequence[Record],
    predictions: Sequence[set[Triple]],
    relax: Callable[[Triple], Triple],
) -> Score:
    result = Score()
    for record, predicted in zip(records, predictions, strict=True):
        result.add(predicted, set(record.gold), relax)
    return result


def petrarch_baseline(shared: Path, run: str, ids: set[str]) -> Score:
    """PETRARCH's recorded predictions, scored against the expected triples it ran with."""
    path = shared / "data" / "events" / "derived" / "petrarch_baseline_predictions.jsonl"
    result = Score()
    for line in path.read_text("utf-8").splitlines():
        raw = json.loads(line)
        if raw["run"] != run or raw["id"] not in ids:
            continue
        expected = {tuple(t) for t in raw.get("expected") or []}
        predicted = {tuple(t) for t in raw.get("predicted") or []}
        result.add(predicted, expected, relax_cameo)  # type: ignore[arg-type]
    return result


def _print_table(rows: list[tuple[str, str, Score]]) -> None:
    head = f"{'gold':<30} {'coder':<12} {'n':>4} {'exact':>6}   strict P/R/F1        relaxed P/R/F1"
    print(head)
    for gold, coder, result in rows:
        exact, p, r, f, rp, rr, rf = result.row()
        print(
            f"{gold:<30} {coder:<12} {result.records:>4} {exact:>6.3f}   "
            f"{p:.3f} {r:.3f} {f:.3f}    {rp:.3f} {rr:.3f} {rf:.3f}"
        )


def _misses(records: Sequence[Record], predictions: Sequence[set[Triple]], limit: int) -> None:
    shown = 0
    for record, predicted in zip(records, predictions, strict=True):
        if predicted != set(record.gold) and shown < limit:
            shown += 1
            print(f"\n{record.id}: {record.text}")
            print(f"  gold {sorted(record.gold)}")
            print(f"  ours {sorted(predicted)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: shipped)")
    parser.add_argument("--list", type=int, default=0, help="print this many misses per gold")
    parser.add_argument("--set", choices=["petrarch", "plover", "all"], default="all")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes; the best is kept")
    args = parser.parse_args()
    shared = require_shared()
    one_core()
    nlp = load(args.model)
    list(code_sentences([("Warm-up: Russia attacked Ukraine.", None)], nlp))
    rows: list[tuple[str, str, Score]] = []
    sentences, seconds = 0, 0.0
    all_records: list[Record] = []
    if args.set in {"petrarch", "all"}:
        for gold in ("native", "v2.02"):
            records = petrarch_records(shared, gold)
            coded, took = run_ours(records, nlp, petrarch_actors(shared, gold))
            sentences, seconds = sentences + len(records), seconds + took
            all_records += records
            predictions = [cameo_triples(events) for events in coded]
            label = f"PETRARCH unit tests, {gold}"
            rows.append((label, "wirewatch", score(records, predictions, relax_cameo)))
            every = [cameo_triples(events, NOT_DENIED) for events in coded]
            rows.append((label, "wirewatch+h", score(records, every, relax_cameo)))
            ids = {r.id for r in records}
            for run in PETRARCH_RUNS[gold]:
                name = run.split("_")[0].replace("petrarch", "PETRARCH-")
                rows.append((label, name, petrarch_baseline(shared, run, ids)))
            if args.list:
                _misses(records, predictions, args.list)
    if args.set in {"plover", "all"}:
        records = plover_records(shared)
        coded, took = run_ours(records, nlp, None)
        sentences, seconds = sentences + len(records), seconds + took
        all_records += records
        predictions = [plover_triples(events) for events in coded]
        rows.append(("PLOVER gold records", "wirewatch", score(records, predictions, relax_plover)))
        every = [plover_triples(events, NOT_DENIED) for events in coded]
        rows.append(("PLOVER gold records", "wirewatch+h", score(records, every, relax_plover)))
        if args.list:
            _misses(records, predictions, args.list)
    texts = [(r.text, r.date) for r in all_records]
    for _ in range(args.rounds - 1):
        seconds = min(seconds, _timed(texts, nlp))
    print()
    _print_table(rows)
    print(
        f"\nspeed: {sentences / seconds:.0f} sentences/s from raw text, one core, best of "
        f"{args.rounds} ({sentences} sentences, parsing, entities and coding included)"
    )
    print("targets: PETRARCH exact >= 0.60; PLOVER relaxed F1 >= 0.75; >= 300 sentences/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
