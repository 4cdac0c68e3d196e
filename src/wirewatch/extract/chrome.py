"""Page chrome: what surrounds a story on a news page and is not part of it.

Two kinds of evidence, shared by the HTML and the text reader: the words sites
use in class names and ids for their furniture (share bars, newsletter boxes,
related links), and the text of the furniture itself ("Send in e-mail",
"Click the alert icon to follow topics", "Advertisement"). Patterns are written
for what the chrome says, in the languages news sites most use, never for one
site.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_SPLIT = re.compile(r"[^A-Za-z0-9]+")

# Class-name words that mark furniture wherever they appear in a name.
FURNITURE = frozenset(
    """ad ads adv advert adverts advertisement advertisements advertising adslot adunit
    adsense dfp gpt sponsor sponsored sponsors outbrain taboola zergnet share shares
    sharing sharer sharebar sharetools social socials newsletter newsletters subscribe
    subscription signup promo promos promotion promoted teaser teasers breadcrumb
    breadcrumbs byline bylines caption captions figcaption credit credits masthead
    sidebar sidebars widget widgets modal popup popups overlay cookie cookies consent
    gdpr paywall pagination pager toolbar nav navbar navigation menu footer header
    trending popular mostread recommended recommendation recommendations recirc
    recirculation related relatedposts disqus comments comment timestamp dateline print
    skip sr only visually screenreader author authors bio login register banner tags
    taglist keywords""".split()
)
# Words that, in the same class name, say the element is (part of) the story itself.
STORY = frozenset(
    """article articles body content contents main story stories post entry text page""".split()
)
# Furniture words that no story word can excuse, and that name furniture even on
# an element holding much of the page's prose.
STRONG = frozenset(
    """ad ads adv advert adverts advertisement adslot adunit adsense dfp outbrain taboola
    zergnet share sharing sharer sharebar sharetools social newsletter promo promos
    teaser sponsored breadcrumb breadcrumbs byline caption figcaption modal popup cookie
    consent gdpr toolbar footer masthead""".split()
)
# "tag-politics" (a WordPress post's topic) is not a tag cloud; "post-tags" is.
_TAG_WORDS = frozenset({"tags", "tag", "taglist", "keywords"})
_COMPOUNDS = ("sharebar", "socialshare", "newsletter", "outbrain", "taboola")
NONE, WEAK, STRONG_NAME = 0, 1, 2


def name_words(name: str) -> list[str]:
    """The words of one class name or id: "shareBar__item" -> ["share", "bar", "item"]."""
    words: list[str] = []
    for part in _SPLIT.split(name):
        words.extend(w.lower() for w in _CAMEL.findall(part))
    return words


def _furniture_words(words: list[str]) -> set[str]:
    hits = {w for w in words if w in FURNITURE}
    if hits & _TAG_WORDS and words[-1] not in _TAG_WORDS and words[0] != "tags":
        hits -= _TAG_WORDS
    return hits


def name_strength(name: str) -> int:
    """How surely one class name or id names furniture: NONE, WEAK or STRONG_NAME."""
    words = name_words(name)
    if "embed" in words or "tweet" in words:
        return NONE  # an embedded post is part of the story it is quoted in
    hits = _furniture_words(words)
    if hits & STRONG or any(c in name.lower() for c in _COMPOUNDS):
        return STRONG_NAME
    if not hits or any(w in STORY for w in words):
        return NONE
    return WEAK


_STORY_SUBJECT = frozenset({"article", "story", "entry", "post", "news", "blog", "articles"})
_STORY_PART = frozenset({"body", "content", "text", "copy", "contents", "bodytext"})


@lru_cache(maxsize=8192)
def names_story_body(classes: str, ident: str, itemprop: str) -> bool:
    """True when markup names an element as the story's body ("article-body", itemprop)."""
    if "articlebody" in itemprop.lower():
        return True
    for name in (*classes.split(), ident):
        words = set(name_words(name))
        if words & _STORY_SUBJECT and words & _STORY_PART:
            return True
        if "articlebody" in name.lower() or "storybody" in name.lower():
            return True
    return False


_CAPTION_WORDS = frozenset({"caption", "captions", "figcaption", "credit", "credits"})


@lru_cache(maxsize=8192)
def names_caption(classes: str, ident: str) -> bool:
    """True when markup names an element as a caption or a photo credit.

    The caption word must head or end a short name: "image-caption", "credit",
    not a page-wide switch such as "f_caption_muted_videos_on".
    """
    for name in (*classes.split(), ident):
        words = name_words(name)
        if 0 < len(words) <= 6 and (words[0] in _CAPTION_WORDS or words[-1] in _CAPTION_WORDS):
            return True
    return False


# Class-name words for the summary under a headline ("dek", "standfirst").
_STANDFIRST = frozenset(
    """standfirst dek deck excerpt abstract summary subtitle subheadline subhead strapline
    strap sapo""".split()
)


@lru_cache(maxsize=8192)
def names_standfirst(classes: str, ident: str) -> bool:
    """True when markup names an element as the standfirst under a headline."""
    for name in (*classes.split(), ident):
        words = set(name_words(name))
        # "has-excerpt", "text-with-summary": a state of the page, not this element.
        if words & _STANDFIRST and not words & {"has", "with", "type", "speakable"}:
            return True
    return False


@lru_cache(maxsize=8192)
def furniture_strength(classes: str, ident: str) -> int:
    """The strongest furniture evidence among an element's class names and id."""
    names = classes.split()
    if ident:
        names.append(ident)
    return max((name_strength(n) for n in names), default=NONE)


# Whole lines that are furniture, whatever the site. Matched after white space is folded.
_SITES = r"(?:e-?mail|facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|telegram|bluesky)"
_ADVERT = (
    r"(?:advertisement|advertising|sponsored content|anzeige|werbung|publicidad|publicité"
    r"|pubblicità|publicidade|реклама|広告|광고)"
)
_CONTROLS = (
    r"caption|close|open|expand|collapse|prev|previous|next|enlarge|zoom|play|pause|replay"
    r"|full ?screen|menu|search|back to top|show (?:more|less)|load more|text size|hide caption"
    r"|toggle caption|iklan|advertisement"
)
_LINE_PATTERNS = [
    rf"(?:(?:send|share|post) (?:in|by|via|on|to) {_SITES}\s*)+",
    r"(?:share|tweet|email|e-mail|print|save|comment|like|pin)"
    r"(?: (?:this|the) (?:article|story|page|post))?",
    r"(?:share|tweet|follow)(?: us)?(?: on \w+)?",
    r"click (?:the|on the) .{0,40}(?:icon|button) to follow.*",
    r"click here to .{0,80}",
    r"follow (?:topics|this topic|us|the author).{0,60}",
    r"(?:sign up|subscribe|register) (?:for|to) (?:our|the|my) .{0,60}"
    r"(?:newsletter|updates|alerts|emails?).{0,80}",
    _ADVERT,
    r"(?:story|article) continues (?:below|after).{0,40}",
    r"continue reading(?: the main story| below)?.{0,20}",
    r"(?:read|see|watch|view) (?:more|also|next|full (?:story|article))\s*:?.{0,120}",
    r"(?:related|also read|read also|more on this|see also)\s*:.{0,150}",
    r"(?:related|more on this|more from .{1,40}|recommended|trending|most (?:read|popular|viewed))"
    r"\s*:?(?: (?:stories|articles|links|content|coverage|topics))?",
    r"(?:©|\(c\)|copyright)\s.{0,120}",
    r".{0,80}all rights reserved\.?.{0,80}",
    r"(?:we use cookies|this (?:site|website) uses cookies).{0,200}",
    r"(?:comments?|\d+ comments?|leave a (?:comment|reply)|show comments|view comments)",
    r"(?:tags?|topics?|filed under|categories|keywords)\s*:.{0,200}",
    r"(?:image|photo|picture|video|graphic) (?:source|credit)\s*:.{0,120}",
    r"(?:loading|please wait)\W{0,5}",
    r"(?:this (?:article|story) (?:was|is) (?:originally )?(?:published|posted|updated)).{0,120}",
    r"(?:updated|published|posted|last modified|last updated)\b.{0,40}\d.{0,12}",
    r"\d+ (?:min|minute)s? read",
    r"(?:listen to|audio:|play) (?:this )?(?:article|story).{0,40}",
    r"(?:skip to|jump to|back to) (?:main )?(?:content|navigation|top|comments).{0,20}",
    # Controls of galleries, players and text tools, alone or side by side.
    rf"(?:{_CONTROLS})(?:\W+(?:{_CONTROLS}))*",
    r"\d+\s*(?:of|/|de|von|di)\s*\d+",
    r"view all\W*\d*\W*",
    r"click to tweet",
    r"view (?:this|the full) (?:post|photo|video) on (?:instagram|facebook|twitter|tiktok)",
    r"(?:reading time|tempo de leitura|temps de lecture|tiempo de lectura|lesezeit"
    r"|tempo di lettura|leestijd)\s*:?.{0,20}",
    r"follow .{0,60}(?:full coverage|coverage of|on (?:twitter|facebook|instagram)).{0,100}",
    r"(?:more|read more|see more) (?:ap|reuters|afp) .{0,40}:.{0,120}",
    r"listen to .{0,60} (?:live|podcast|here).{0,80}",
]
CHROME_LINE = re.compile(r"^\W*(?:" + "|".join(_LINE_PATTERNS) + r")\W*$", re.IGNORECASE)


def is_chrome_line(text: str) -> bool:
    """True when a whole line of text is page furniture, not story text."""
    return len(text) < 300 and bool(CHROME_LINE.match(text.strip()))


# Headings that open what comes after a story: related links, recommendations,
# comments. Everything after one of them is furniture, whatever it looks like.
_STORY_END = re.compile(
    r"^\W*(?:you (?:may|might) (?:also )?(?:like|enjoy|be interested in)"
    r"|related(?: (?:posts|articles|stories|news|content|coverage|reading|links|topics))?"
    r"|more (?:stories|news|articles|headlines|to read|on this (?:topic|story))"
    r"|recommended(?: (?:for you|stories|reading|articles))?|read next"
    r"|what to read next|most (?:popular|read|viewed|shared)|trending(?: now| stories)?"
    r"|top stories|latest (?:news|stories|headlines)|around the web"
    r"|from (?:the|our) (?:web|partners)|sponsored (?:stories|content|links)"
    r"|(?:\d+ )?comments?|leave a (?:comment|reply)|join the (?:conversation|discussion)"
    r"|você (?:também )?pode gostar|leia também|veja também|notícias relacionadas"
    r"|lesen sie auch|mehr zum thema|vous aimerez aussi|à lire aussi|lire aussi"
    r"|ti potrebbe interessare|leggi anche|articoli correlati|también te puede interesar"
    r"|te puede interesar|lee también|noticias relacionadas|artikel terkait|baca juga)"
    r"\W*$",
    re.IGNORECASE,
)


def ends_story(text: str, classes: str = "") -> bool:
    """True for a heading that opens the related links or comments after a story."""
    lowered = classes.lower()
    return bool(_STORY_END.match(text.strip())) or "related" in lowered or "recommend" in lowered
