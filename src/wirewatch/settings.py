"""One table of settings.

A setting's value comes from the environment (WIREWATCH_<NAME>), else from
`wirewatch.toml` in the working directory (or the file named by
WIREWATCH_CONFIG), else from its default. docs/settings.md is checked against
this table by the tests, so a setting cannot exist undocumented.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirewatch import __version__
from wirewatch.errors import WirewatchError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    parse: Callable[[str], Any]
    doc: str

    @property
    def env(self) -> str:
        return f"WIREWATCH_{self.name.upper()}"


def positive_int(text: str) -> int:
    """A whole number above zero; 0 or less would refuse every page or lift the bound."""
    value = int(text)
    if value < 1:
        raise ValueError(f"{value} is not above zero")
    return value


def non_negative_int(text: str) -> int:
    """A whole number, zero or more."""
    value = int(text)
    if value < 0:
        raise ValueError(f"{value} is below zero")
    return value


def positive_float(text: str) -> float:
    """A number of seconds above zero (nan and infinity are refused: they lift the bound)."""
    value = float(text)
    if not 0 < value < float("inf"):
        raise ValueError(f"{value} is not a number above zero")
    return value


def non_negative_float(text: str) -> float:
    """A number of seconds, zero or more."""
    value = float(text)
    if not 0 <= value < float("inf"):
        raise ValueError(f"{value} is not a number of zero or more")
    return value


SMTP_TLS = ("none", "starttls", "ssl")


def smtp_tls(text: str) -> str:
    """One of SMTP_TLS, in any case."""
    lowered = text.strip().lower()
    if lowered not in SMTP_TLS:
        raise ValueError(f"{text!r} is not one of {', '.join(SMTP_TLS)}")
    return lowered


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def boolean(text: str) -> bool:
    """true/false, yes/no, on/off or 1/0, in any case (TOML's true reaches here as "True")."""
    lowered = text.strip().lower()
    if lowered in _TRUE | _FALSE:
        return lowered in _TRUE
    raise ValueError(f"{text!r} is not true or false")


TABLE: tuple[Setting, ...] = (
    Setting(
        "max_page_bytes",
        20_000_000,
        positive_int,
        "Largest page, in bytes after decompression, that is read (a whole number above "
        "zero); larger pages are refused with WW103 so that memory stays bounded.",
    ),
    Setting(
        "config",
        "wirewatch.toml",
        str,
        "The TOML file read for settings not set in the environment. wirewatch.toml may be "
        "absent; a file named in WIREWATCH_CONFIG must exist.",
    ),
    Setting(
        "model",
        "",
        str,
        "The NLP pipeline: empty for the one wirewatch ships, else an installed spaCy "
        "pipeline's name (en_core_web_sm) or a pipeline folder.",
    ),
    Setting(
        "fetch",
        True,
        boolean,
        "Whether URLs are fetched at all (true or false). Off, a URL argument fails with "
        "WW118 and a feed entry is read from the feed's own content where it has one.",
    ),
    Setting(
        "fetch_timeout",
        20.0,
        positive_float,
        "Seconds to wait for a connection and for each read when fetching; the whole "
        "response must arrive within three times this (WW116).",
    ),
    Setting(
        "fetch_delay",
        1.0,
        non_negative_float,
        "Least seconds between two requests to one host; a longer Crawl-delay or "
        "Request-rate in the host's robots.txt wins (up to 60 s).",
    ),
    Setting(
        "fetch_max_redirects",
        5,
        non_negative_int,
        "Redirects followed for one URL, each target checked again (scheme, address, "
        "robots.txt); one more is WW114.",
    ),
    Setting(
        "fetch_allow_private",
        False,
        boolean,
        "Fetch from private, loopback, link-local and reserved addresses (true or false). "
        "Off, a host that resolves to one is refused with WW112.",
    ),
    Setting(
        "user_agent",
        f"wirewatch/{__version__} (news-intelligence; polite crawler)",
        str,
        "The User-Agent header sent when fetching; robots.txt rules are matched on its "
        "first word (wirewatch).",
    ),
    Setting(
        "db",
        "sqlite:///wirewatch.db",
        str,
        "The store every command that reads or writes one uses when --db is not given: "
        "sqlite:///PATH (or a file path) or postgresql://USER@HOST:PORT/DATABASE.",
    ),
    Setting(
        "workers",
        1,
        positive_int,
        "Worker processes `wirewatch run` extracts and analyses pages in when --workers is "
        "not given; each loads the NLP model once (about 300 MB of memory).",
    ),
    Setting(
        "web_token",
        "",
        str,
        "The token `wirewatch serve` asks for before anything is written (follows): sent "
        "as Authorization: Bearer TOKEN, or entered once on /login. Empty: serve makes "
        "a random one at start and prints it.",
    ),
    Setting(
        "smtp_host",
        "",
        str,
        "The SMTP server alerts and shared articles are sent through; empty: e-mail is "
        "not configured (WW757).",
    ),
    Setting(
        "smtp_port",
        0,
        non_negative_int,
        "The SMTP server's port; 0 for the TLS mode's usual one (25 for none, 587 for "
        "starttls, 465 for ssl).",
    ),
    Setting("smtp_user", "", str, "The SMTP login name; empty: no login."),
    Setting("smtp_password", "", str, "The SMTP password, with smtp_user."),
    Setting(
        "smtp_tls",
        "starttls",
        smtp_tls,
        "How the SMTP connection is secured: none, starttls (upgrade a plain connection) "
        "or ssl (TLS from the start). The server's certificate is verified.",
    ),
    Setting(
        "smtp_from",
        "wirewatch@localhost",
        str,
        "The From address of alert e-mails.",
    ),
    Setting(
        "alert_attempts",
        5,
        positive_int,
        "Delivery attempts for one alert before it is marked failed (WW759).",
    ),
    Setting(
        "alert_backoff",
        30.0,
        positive_float,
        "Seconds before the first retry of a failed delivery; each further retry waits "
        "twice as long.",
    ),
    Setting(
        "alert_timeout",
        20.0,
        positive_float,
        "Seconds to wait for an SMTP server or a webhook receiver.",
    ),
    Setting(
        "base_url",
        "",
        str,
        "Where wirewatch's web pages are served (https://news.example.org): links in "
        "alerts and feeds point there; empty, they point at the article's own URL.",
    ),
)


class Settings:
    """Resolved settings; read attributes by name (`settings.max_page_bytes`)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = dict(values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None


def load(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    named = env.get("WIREWATCH_CONFIG")
    config_path = Path(named or "wirewatch.toml")
    from_file: dict[str, Any] = {}
    # The default file is optional; a file named on purpose that is not there is an error.
    if named or config_path.exists():
        try:
            with config_path.open("rb") as fh:
                from_file = tomllib.load(fh)
        except (OSError, ValueError) as exc:  # TOMLDecodeError and UnicodeDecodeError
            detail = getattr(exc, "strerror", None) or str(exc)
            raise WirewatchError("WW002", detail, source=str(config_path)) from exc
    values: dict[str, Any] = {}
    for setting in TABLE:
        if setting.env in env:
            values[setting.name] = _parse(setting, env[setting.env], setting.env)
        elif setting.name in from_file:
            values[setting.name] = _parse(setting, str(from_file[setting.name]), str(config_path))
        else:
            values[setting.name] = setting.default
    return Settings(values)


def _parse(setting: Setting, text: str, where: str) -> Any:
    try:
        return setting.parse(text)
    except ValueError as exc:
        raise WirewatchError("WW001", f"{setting.name} = {text!r}", source=where) from exc
