"""Tokenisation for news, as a spaCy callback the shipped pipeline's config names.

spaCy's English tokenizer keeps "U.S.-led" as one token (so "U.S." cannot be an
entity), glues a closing bracket to an ellipsis ("[ISIS]...I" gives "ISIS]"),
and splits military and civil titles such as "Lt." and "Col.". These rules are
set when the pipeline is created, so a trained model saves them with its
tokenizer and every run reads news the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.util import compile_infix_regex, registry

# Titles and abbreviations that precede names and dates in news copy.
TITLES = (
    "Adm.", "Amb.", "Brig.", "Capt.", "Cmdr.", "Col.", "Cpl.", "Det.", "Gen.", "Gov.",
    "Insp.", "Lt.", "Maj.", "Pfc.", "Pres.", "Prof.", "Rep.", "Rev.", "Sen.", "Sgt.",
    "Supt.", "Atty.", "Cmdt.", "Lt.-Gen.", "Maj.-Gen.", "Brig.-Gen.",
)  # fmt: skip
MONTHS = ("Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.")
_INFIXES = (
    # "U.S.-led", "U.N.-backed": the hyphen after an abbreviation.
    r"(?<=[A-Z]\.)-(?=[a-z])",
    # "[ISIS]...I": a closing bracket or quote before an ellipsis.
    r"(?<=\w)[\])}\"”’](?=\.\.\.|…)",
    # "said...I did": an ellipsis between words, with or without spaces.
    r"(?<=[\w\])}\"”’])(?:\.\.\.|…)(?=[\w\"“‘\[(])",
)


def customise(nlp: Language) -> Language:
    """Add the news rules to a pipeline's tokenizer, in place."""
    tokenizer = nlp.tokenizer
    infixes = [*_INFIXES, *(nlp.Defaults.infixes or ())]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
    for word in (*TITLES, *MONTHS):
        tokenizer.add_special_case(word, [{"ORTH": word, "NORM": word}])  # type: ignore[union-attr]
    return nlp


def create_news_tokenizer() -> Callable[[Language], Language]:
    """The `[nlp] after_creation` callback of the shipped pipeline's config."""
    return customise


registry.callbacks.register("wirewatch.news_tokenizer.v1", func=create_news_tokenizer)
