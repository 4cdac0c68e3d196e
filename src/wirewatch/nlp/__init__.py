"""The NLP stage's model: wirewatch's own spaCy pipeline, trained from open data.

`load()` returns the shipped pipeline (tokenizer for news, tagger, morphologizer,
parser, lemmatizer, entity recogniser and gazetteer), or an installed spaCy
pipeline named by its argument or by WIREWATCH_MODEL.
"""

from wirewatch.nlp.load import SHIPPED, load, shipped_path

__all__ = ["SHIPPED", "load", "shipped_path"]
