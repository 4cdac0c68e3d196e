"""Small, well-formed news pages for the bad-input tests to put beside the bad ones.

Every paragraph is different (the HTML reader folds repeated ones together) and
long enough to count as running text.
"""

from __future__ import annotations

PARAGRAPHS = (
    "ANKARA (Reuters) - Turkey and Russia agreed on Monday to reopen a grain corridor "
    "across the Black Sea, officials from both countries said after talks in the capital.",
    "The deal, which still needs the approval of Ukraine, would let ships carry wheat and "
    "maize from three ports, the officials said in a joint statement issued after midnight.",
    "“We are hopeful,” said one Turkish diplomat, who asked not to be named because he "
    "was not authorised to speak to the press about the negotiations.",
    "Shipping companies said insurance costs would have to fall before traders returned "
    "to the route, which was closed in July after a missile strike on a cargo vessel.",
)


def html_page(
    title: str = "Turkey and Russia agree on grain corridor",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    *,
    head: str = '<meta charset="utf-8">',
    before_article: str = "",
) -> str:
    """A news page as a site serves it: <title>, a dated <head>, an <article>."""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head>'
        f"{head}<title>{title} | Example News</title>"
        '<meta property="article:published_time" content="2024-03-04T10:00:00Z">'
        f"</head>\n<body>{before_article}<article><h1>{title}</h1>\n{body}</article>"
        "</body></html>\n"
    )


def text_page(title: str = "Turkey and Russia agree on grain corridor") -> str:
    """Text copied from a news page: the headline, then the story's paragraphs."""
    return "\n\n".join([title, *PARAGRAPHS]) + "\n"
