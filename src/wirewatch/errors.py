"""Coded errors and warnings.

Every failure a user can meet has a code (WWnnn), a message that says what went
wrong with which input, and a hint that says what to do. The catalogue below is
the single source of truth: docs/errors.md is checked against it by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from wirewatch.model import Notice


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    title: str
    hint: str
    fatal: bool = True


CATALOGUE: dict[str, Code] = {
    c.code: c
    for c in (
        Code(
            "WW001",
            "invalid setting",
            "A setting's value does not parse (a number expected, say); see docs/settings.md.",
        ),
        Code(
            "WW002",
            "configuration file cannot be read",
            "wirewatch.toml (or WIREWATCH_CONFIG) is not valid TOML or not readable; fix or "
            "remove it.",
        ),
        Code("WW100", "input not found", "Check the path; use - to read standard input."),
        Code(
            "WW101",
            "empty page",
            "The input has no bytes or only white space; check how it was fetched or saved.",
        ),
        Code(
            "WW102",
            "not a text or HTML page",
            "The bytes look binary (an image, PDF, archive or executable); "
            "pass HTML or text scraped from a page.",
        ),
        Code(
            "WW103",
            "page too large",
            "Pages over the size limit are refused to bound memory; raise "
            "WIREWATCH_MAX_PAGE_BYTES (or --max-bytes) if the page is genuine.",
        ),
        Code(
            "WW104",
            "corrupt compressed input",
            "The .gz stream is damaged; fetch or copy the page again.",
        ),
        Code(
            "WW105",
            "no article text found",
            "The page has no paragraph of running text (an index page, a login wall or a "
            "page built by JavaScript); pass the article's own page.",
        ),
        Code(
            "WW106",
            "input cannot be read",
            "The operating system refused to read it (permissions, a folder where a file "
            "was expected, a device); check the path.",
        ),
        Code(
            "WW107",
            "no pages in folder",
            "The folder holds no page files (.html, .htm, .xhtml, .txt, .text, gzipped or "
            "not; hidden ones are skipped); name other files one by one.",
        ),
        Code(
            "WW110",
            "URL scheme not allowed",
            "Only http and https URLs are fetched; pass a local file by its path, not as a "
            "file: URL.",
        ),
        Code(
            "WW111",
            "not a URL",
            "The argument or URL-list line is not an absolute http(s) URL with a host name; "
            "fix or remove it.",
        ),
        Code(
            "WW112",
            "address not allowed",
            "The host resolves to a private, loopback, link-local or reserved address, which "
            "is not fetched unless WIREWATCH_FETCH_ALLOW_PRIVATE is on; turn it on only for "
            "hosts you trust.",
        ),
        Code(
            "WW113",
            "refused by robots.txt",
            "The site's robots.txt disallows the URL for wirewatch's user agent, or "
            "robots.txt could not be fetched (a 5xx or no answer counts as disallowed); use a "
            "copy of the page you may have.",
        ),
        Code(
            "WW114",
            "too many redirects",
            "The URL redirected more than WIREWATCH_FETCH_MAX_REDIRECTS times (or in a loop); "
            "fetch the final URL directly, or raise the setting.",
        ),
        Code(
            "WW115",
            "HTTP error status",
            "The server answered with an error status (in the message); check the URL, or try "
            "again later for a 5xx.",
        ),
        Code(
            "WW116",
            "fetch timed out",
            "The server did not connect or send within WIREWATCH_FETCH_TIMEOUT seconds, or "
            "the whole response took over three times that; try later or raise the setting.",
        ),
        Code(
            "WW117",
            "connection failed",
            "The host name did not resolve, the connection was refused or broken, or TLS "
            "failed; check the URL and the network.",
        ),
        Code(
            "WW118",
            "fetching is off",
            "A URL was given while fetching is off (WIREWATCH_FETCH); turn it on, or pass "
            "saved pages.",
        ),
        Code(
            "WW119",
            "response cannot be decoded",
            "The body came in a Content-Encoding wirewatch does not read, or its compression "
            "is damaged; fetch the page again or another way.",
        ),
        Code(
            "WW120",
            "feed cannot be read",
            "The input looks like an RSS or Atom feed but no entry in it parses; check that "
            "it is the feed itself.",
        ),
        Code(
            "WW121",
            "feed entry has no page",
            "The entry has no http(s) link and no full content (content:encoded or Atom "
            "content); a summary alone is not read as an article.",
        ),
        Code(
            "WW125",
            "WARC record cannot be read",
            "The record's headers are damaged, or the archive ends inside it; the records "
            "before and after it were still read. Copy or download the archive again.",
        ),
        Code(
            "WW130",
            "JSON record cannot be read",
            "A record (a line of a .jsonl file, an item of a .json array) is a JSON object "
            "with an html or text string, and optionally url, fetched (ISO 8601) and title; "
            "the other records were still read.",
        ),
        Code(
            "WW199",
            "page could not be parsed",
            "The page drove a parser past its limits (nesting, size); the rest of the batch "
            "went on. Please report the page if it is a real article.",
        ),
        Code(
            "WW201",
            "the shipped NLP model is missing",
            "The package was installed without its model files; reinstall wirewatch, or "
            "rebuild the model with `make model`.",
        ),
        Code(
            "WW202",
            "NLP model not installed",
            "The spaCy pipeline named (argument or WIREWATCH_MODEL) is not installed; install "
            "its package, point WIREWATCH_MODEL at a pipeline folder, or unset it to use the "
            "shipped model.",
        ),
        Code(
            "WW203",
            "NLP model cannot be loaded",
            "The pipeline's files are damaged or were made by an incompatible spaCy version; "
            "reinstall it or rebuild it with `make model`.",
        ),
        Code(
            "WW301",
            "actor dictionary cannot be read",
            "The path given for an actor or agent dictionary does not exist or the operating "
            "system refused to read it; check the path and its permissions.",
        ),
        Code(
            "WW302",
            "not an actor dictionary",
            "The file (or every file in the folder) holds no entry in the PETRARCH/TABARI "
            "actor or agent format; see docs/entities.md for the format.",
        ),
        Code(
            "WW401",
            "unknown CAMEO code",
            "The code is not in the CAMEO codebook wirewatch ships (CAMEO 0.7b5: roots 01-20 "
            "and their three- and four-digit codes); see docs/events.md.",
        ),
        Code(
            "WW402",
            "the shipped CAMEO codebook is damaged",
            "A codebook file in the package is missing or has a row that does not parse; "
            "reinstall wirewatch, or regenerate the files with "
            "`python -m wirewatch.analyze.events.build_codebook`.",
        ),
        Code(
            "WW403",
            "event source data cannot be read",
            "The codebook builder could not read or check a CAMEO or PLOVER source file; pass "
            "--shared with the folder that holds data/events (see data/SOURCES.md).",
        ),
        Code(
            "WW404",
            "input line cannot be coded",
            "A line given to `wirewatch code` on standard input is a JSON object with a "
            "`text` string, and optionally an `id` and a `date` (YYYY-MM-DD); the other "
            "lines were still coded.",
        ),
        Code(
            "WW420",
            "action lexicon cannot be read",
            "The path given for a lexicon file or folder does not exist, cannot be read, or "
            "is not UTF-8 text; check the path (see docs/lexicon.md).",
        ),
        Code(
            "WW421",
            "lexicon line does not parse",
            "A lexicon line is `PATTERN -> CODE` or a word set `$NAME = word word`; the "
            "message gives the file and line. See docs/lexicon.md for the format.",
        ),
        Code(
            "WW422",
            "not a CAMEO code in the lexicon",
            "After -> comes a code of three or four digits from the CAMEO codebook (030, "
            "0311, 190), or --- for a pattern that is no event.",
        ),
        Code(
            "WW423",
            "unknown word set in the lexicon",
            "The line uses a $SET that no loaded file defines; define it (`$SET = word word`) "
            "or check its spelling.",
        ),
        Code(
            "WW424",
            "conflicting lexicon entries",
            "Two lines of one file give one pattern two codes; keep one. (A later file may "
            "replace an earlier file's entry; a line may make an exception to a word set.)",
        ),
        Code(
            "WW425",
            "no lexicon entries",
            "The file (or every .txt file in the folder) holds no `PATTERN -> CODE` line; "
            "check that it is the file meant.",
        ),
        Code(
            "WW501",
            "unsupported store URL",
            "--db (or WIREWATCH_DB) takes sqlite:///PATH, a file path, or "
            "postgresql://USER@HOST:PORT/DATABASE; see docs/store.md.",
        ),
        Code(
            "WW502",
            "store cannot be opened or read",
            "The database refused the connection or the query (server down, wrong "
            "credentials, a file that cannot be created or is not a wirewatch store); "
            "check the URL and that the server is running.",
        ),
        Code(
            "WW503",
            "no store at this path",
            "The SQLite file does not exist yet; build a store first (`wirewatch run`), or "
            "pass --db with the store meant.",
        ),
        Code(
            "WW504",
            "store schema cannot be upgraded",
            "A migration failed and was rolled back, so the store is as it was; the message "
            "names the database error. Check free disk space and permissions, then run "
            "`wirewatch db upgrade` again.",
        ),
        Code(
            "WW505",
            "store is newer than this wirewatch",
            "The store was upgraded by a later wirewatch; upgrade wirewatch, or use a store "
            "this version made.",
        ),
        Code(
            "WW506",
            "search query does not parse",
            'Words are matched in any order; "quoted words" as a phrase, word* as a prefix, '
            "-word excludes, OR between two terms; a quote left open or a query of only "
            "excluded words cannot be run. See docs/store.md.",
        ),
        Code(
            "WW507",
            "store write failed",
            "The database refused a write (disk full, connection lost, a lock held too "
            "long); nothing of that article was stored, so running again stores it.",
        ),
        Code(
            "WW601",
            "article could not be analysed",
            "The analysis stage failed on this article (the message says where); the run "
            "went on. Please report the page if it is a real article.",
        ),
        Code(
            "WW602",
            "worker process died",
            "A worker was killed (out of memory, a signal) while it held these pages; they "
            "are not stored, so running again retries them. Use fewer --workers if memory "
            "is short.",
        ),
        Code(
            "WW700",
            "watchlist cannot be read",
            "The watchlist file does not exist or the operating system refused to read it; "
            "check the path given to --list.",
        ),
        Code(
            "WW701",
            "not a watchlist",
            "A watchlist is the UN Security Council consolidated list as XML "
            "(<CONSOLIDATED_LIST>) or FollowTheMoney entities as JSON lines (OpenSanctions' "
            "export); see docs/watchlists.md.",
        ),
        Code(
            "WW702",
            "watchlist XML is broken",
            "The XML stops parsing at the line given (a truncated download, say); the entries "
            "before it were read, the rest were not. Download the list again.",
        ),
        Code(
            "WW703",
            "watchlist record skipped",
            "A record has no reference number (or id) or no name, so it cannot be screened "
            "against; the other records were read. Report it to the list's publisher.",
        ),
        Code(
            "WW704",
            "watchlist line is not an entity",
            "Each line of a FollowTheMoney file is one JSON object with a `schema` and "
            "`properties`; the line given is not, and the other lines were read.",
        ),
        Code(
            "WW750",
            "follow already exists",
            "Follow names are unique; pick another --name, or remove the old follow first "
            "(`wirewatch follow remove NAME`).",
        ),
        Code(
            "WW751",
            "follow query is not valid",
            "The query does not fit its kind: actors are one or two codes (TUR,RUS), a root "
            "is 01 to 20, a PLOVER event one of its 16 names, a country an ISO alpha-3 code, "
            "an entity id one the store holds; see docs/follows.md.",
        ),
        Code(
            "WW752",
            "follow channel is not valid",
            "--email takes an address, --webhook an http(s) URL, --feed nothing; a mode is "
            "immediate, daily or weekly.",
        ),
        Code(
            "WW753",
            "no such follow",
            "No follow has that name; `wirewatch follow list` shows them.",
        ),
        Code(
            "WW754",
            "no such watchlist",
            "No watchlist of that name is imported into the store; `wirewatch watchlist "
            "list` shows them, `wirewatch watchlist import FILE --name NAME` adds one.",
        ),
        Code(
            "WW755",
            "e-mail could not be sent",
            "The SMTP server refused the message or could not be reached; check the "
            "WIREWATCH_SMTP_* settings. An alert is retried with backoff and kept in the "
            "outbox (`wirewatch alerts status`).",
        ),
        Code(
            "WW756",
            "webhook delivery failed",
            "The receiver did not answer with a 2xx status (or could not be reached); the "
            "alert is retried with backoff and kept in the outbox (`wirewatch alerts status`).",
        ),
        Code(
            "WW757",
            "e-mail is not configured",
            "Set WIREWATCH_SMTP_HOST (and _PORT, _TLS, _USER, _PASSWORD, _FROM as the server "
            "needs) to send e-mail; see docs/settings.md.",
        ),
        Code(
            "WW758",
            "no such article",
            "No stored article has that id (or id prefix); `wirewatch search` prints ids.",
        ),
        Code(
            "WW759",
            "alert given up",
            "Delivery failed WIREWATCH_ALERT_ATTEMPTS times; the last error is kept. Fix the "
            "receiver, then `wirewatch alerts send --retry-failed` tries again.",
        ),
        Code(
            "WW800",
            "cannot serve on this address",
            "The host and port cannot be bound (another program holds the port, or the "
            "address is not this machine's); pass another --port or --host.",
        ),
        Code(
            "WW801",
            "writing needs the web token",
            "Follows are created and removed with the token of WIREWATCH_WEB_TOKEN (printed "
            "by `wirewatch serve` when it makes one): sign in on /login in a browser, or "
            "send `Authorization: Bearer TOKEN` to the API.",
        ),
        Code(
            "WW802",
            "form check failed",
            "The form did not carry this browser's CSRF token (an old page, cookies blocked, "
            "or a form sent from another site); reload the page and send it again.",
        ),
        Code(
            "WW803",
            "not in the store",
            "No article, story, entity or follow has that id or name; the pages and "
            "`wirewatch search` link to what the store holds.",
        ),
        Code(
            "WW149",
            "feed content used in place of the page",
            "The entry's page could not be fetched (or fetching is off), so the feed's own "
            "full content was read instead; it may lack the page's byline, date or captions.",
            fatal=False,
        ),
        Code(
            "WW150",
            "truncated page",
            "The page ends mid-document; what was there was extracted, but text may be "
            "missing. Fetch it again if it matters.",
            fatal=False,
        ),
        Code(
            "WW151",
            "text repaired",
            "The page was mis-encoded (mojibake such as 'â€™'); the text was repaired. "
            "Check the source's declared charset.",
            fatal=False,
        ),
        Code(
            "WW152",
            "undecodable bytes replaced",
            "Some bytes fit no encoding and were replaced with U+FFFD.",
            fatal=False,
        ),
        Code(
            "WW153",
            "no headline found",
            "Neither the markup nor the text gave a headline; the title is empty.",
            fatal=False,
        ),
        Code(
            "WW154",
            "no publication date found",
            "Neither a printed date nor a dated reference in the text gave the date.",
            fatal=False,
        ),
        Code(
            "WW320",
            "actor dictionary lines skipped",
            "Some lines of an actor or agent dictionary could not be read (a name with no "
            "code, a code block that does not parse); the rest was loaded. The warning lists "
            "the first lines by file and number.",
            fatal=False,
        ),
    )
}


class WirewatchError(Exception):
    """An error with a code from the catalogue, the input it concerns, and a hint."""

    def __init__(self, code: str, detail: str = "", *, source: str | None = None) -> None:
        self.code = code
        self.entry = CATALOGUE[code]
        self.detail = detail
        self.source = source
        super().__init__(self.describe())

    @property
    def hint(self) -> str:
        return self.entry.hint

    def describe(self) -> str:
        where = f"{self.source}: " if self.source else ""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{where}{self.code} {self.entry.title}{detail}. Hint: {self.entry.hint}"


def notice(code: str, detail: str = "") -> Notice:
    """A warning from the catalogue, as carried on a record."""
    entry = CATALOGUE[code]
    if entry.fatal:
        raise ValueError(f"{code} is an error, not a warning")
    return Notice(code, f"{entry.title}: {detail}" if detail else entry.title)
