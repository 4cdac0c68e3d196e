"""wirewatch: news pages in, a searchable record of who did and said what out."""

__version__ = "0.1.0"
