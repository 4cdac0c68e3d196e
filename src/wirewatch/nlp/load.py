"""Loading the NLP pipeline: the one wirewatch ships, or a spaCy pipeline the user names.

The shipped pipeline lives in the package (models/wirewatch_news), so nothing is
downloaded at run time. A name given to `load`, else the `model` setting
(WIREWATCH_MODEL), picks an installed spaCy pipeline or a pipeline folder
instead; wirewatch's gazetteer is added to it when it has an entity recogniser,
and its sentence rules before a parser, so every pipeline speaks the same
entity labels and splits news the same way.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from wirewatch import settings
from wirewatch.errors import WirewatchError
from wirewatch.nlp.ops import use_fast_ops

SHIPPED = "wirewatch_news"
_MODELS = "models"


def shipped_path() -> Path:
    """Where the shipped pipeline's files are inside the installed package."""
    return Path(str(resources.files("wirewatch.nlp").joinpath(_MODELS, SHIPPED)))


def register_components() -> None:
    # The shipped config names these; spaCy finds them only once they are imported.
    from wirewatch.nlp import gazetteer, sentences, tokens  # noqa: F401


def _load_path(path: Path, name: str) -> Language:
    if not (path / "config.cfg").is_file():
        raise WirewatchError("WW201", f"no pipeline at {path}", source=name)
    try:
        return spacy.load(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WirewatchError("WW203", f"{type(exc).__name__}: {exc}", source=name) from exc


def _load_named(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError as exc:
        raise WirewatchError("WW202", name, source=name) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise WirewatchError("WW203", f"{type(exc).__name__}: {exc}", source=name) from exc


def with_wirewatch_components(nlp: Language) -> Language:
    """Add wirewatch's sentence rules before a parser and its gazetteer after an NER."""
    if "parser" in nlp.pipe_names and "wirewatch_sentences" not in nlp.pipe_names:
        nlp.add_pipe("wirewatch_sentences", before="parser")
    if "ner" in nlp.pipe_names and "wirewatch_gazetteer" not in nlp.pipe_names:
        nlp.add_pipe("wirewatch_gazetteer", after="ner")
    return nlp


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """The NLP pipeline: `name`, else the `model` setting, else the shipped one.

    `name` is an installed spaCy pipeline ("en_core_web_sm") or a pipeline folder.
    Loaded once per process and name. Raises WW201 when the shipped pipeline is
    missing, WW202 when a named one is not installed, WW203 when it is broken.
    """
    register_components()
    use_fast_ops()
    chosen = name or settings.load().model or SHIPPED
    if chosen == SHIPPED:
        return _load_path(shipped_path(), SHIPPED)
    path = Path(chosen)
    nlp = _load_path(path, chosen) if path.is_dir() else _load_named(chosen)
    return with_wirewatch_components(nlp)
