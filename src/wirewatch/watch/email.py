"""E-mail: alerts and shared articles as messages with plain-text and HTML parts,
sent over SMTP with no TLS, STARTTLS or TLS from the start.

Each alert message's Message-ID is made from its idempotency key, so that the
rare repeat a crash can cause (docs/follows.md) carries the same id as the first
copy and a mail client can tell the two apart from two alerts.
"""

from __future__ import annotations

import html
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any

from wirewatch.errors import WirewatchError
from wirewatch.watch.follows import FeedEntry, Follow

__all__ = ["SmtpConfig", "alert_message", "article_link", "send", "share_message"]

DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    """Where and how to send mail; from the WIREWATCH_SMTP_* settings."""

    host: str
    port: int
    tls: str = "starttls"
    user: str = ""
    password: str = ""
    sender: str = "wirewatch@localhost"
    timeout: float = 20.0

    @classmethod
    def from_settings(cls, config: Any) -> SmtpConfig:
        """The settings' SMTP server; WW757 when none is set."""
        if not config.smtp_host:
            raise WirewatchError("WW757", "WIREWATCH_SMTP_HOST is empty")
        tls = str(config.smtp_tls)
        return cls(
            host=str(config.smtp_host),
            port=int(config.smtp_port) or DEFAULT_PORTS[tls],
            tls=tls,
            user=str(config.smtp_user),
            password=str(config.smtp_password),
            sender=str(config.smtp_from),
            timeout=float(config.alert_timeout),
        )


def article_link(entry: FeedEntry, base_url: str | None) -> str | None:
    """Where a reader opens the article: wirewatch's own page when it is served
    (base_url), else the page the article was read from."""
    if base_url:
        return f"{base_url.rstrip('/')}/articles/{entry.article_id}"
    return entry.url


def alert_message(
    follow: Follow, entries: Sequence[FeedEntry], *, sender: str, base_url: str | None
) -> EmailMessage:
    """The message for one alert, or for a digest of several."""
    assert entries, "an alert tells of at least one story"
    assert follow.target is not None, "an e-mail follow has an address"
    if len(entries) == 1:
        subject = f"[wirewatch] {follow.name}: {entries[0].title}"
    else:
        subject = f"[wirewatch] {follow.name}: {len(entries)} stories ({follow.mode} digest)"
    intro = f"New for your follow {follow.name!r} ({follow.describe()}):"
    message = _message(sender, follow.target, subject)
    message["Message-ID"] = f"<{entries[0].key}.{len(entries)}@wirewatch>"
    message["X-Wirewatch-Key"] = ",".join(e.key for e in entries)
    text = [intro, ""] + [_text(e, base_url) for e in entries]
    body = [f"<p>{html.escape(intro)}</p>"] + [_html(e, base_url) for e in entries]
    _parts(message, "\n".join(text), "\n".join(body))
    return message


def share_message(
    entry: FeedEntry, to: str, *, sender: str, base_url: str | None, note: str = ""
) -> EmailMessage:
    """One article, sent to one address by a person (`wirewatch share`)."""
    message = _message(sender, to, f"[wirewatch] {entry.title}")
    intro = note or "An article shared with you from wirewatch:"
    text = f"{intro}\n\n{_text(entry, base_url)}"
    body = f"<p>{html.escape(intro)}</p>\n{_html(entry, base_url)}"
    _parts(message, text, body)
    return message


def _message(sender: str, to: str, subject: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = " ".join(subject.split())
    message["Date"] = formatdate(localtime=False, usegmt=True)
    return message


def _parts(message: EmailMessage, text: str, body: str) -> None:
    message.set_content(text)
    page = f'<!doctype html>\n<html><body style="font-family: sans-serif">\n{body}\n</body></html>'
    message.add_alternative(page, subtype="html")


def _text(entry: FeedEntry, base_url: str | None) -> str:
    lines = [entry.title]
    when = entry.published.isoformat() if entry.published else "date unknown"
    link = article_link(entry, base_url)
    lines.append(f"{when}  {link}" if link else when)
    for reason in entry.reasons:
        lines += [f"  * {reason.subject}", f"    {reason.sentence}"]
    if entry.outlets:
        lines.append("  Also in: " + ", ".join(entry.outlets))
    return "\n".join(lines) + "\n"


def _html(entry: FeedEntry, base_url: str | None) -> str:
    link = article_link(entry, base_url)
    title = html.escape(entry.title)
    head = f'<a href="{html.escape(link, quote=True)}">{title}</a>' if link else title
    when = entry.published.isoformat() if entry.published else "date unknown"
    out = [f"<h2>{head}</h2>", f"<p>{when}</p>"]
    if entry.reasons:
        items = "".join(
            f"<li><b>{html.escape(r.subject)}</b><br><q>{html.escape(r.sentence)}</q></li>"
            for r in entry.reasons
        )
        out.append(f"<ul>{items}</ul>")
    if entry.outlets:
        outlets = ", ".join(html.escape(o) for o in entry.outlets)
        out.append(f"<p>Also in: {outlets}</p>")
    return "\n".join(out)


def send(config: SmtpConfig, message: EmailMessage) -> None:
    """Send one message; WW755 when the server refuses it or cannot be reached."""
    try:
        with _connect(config) as smtp:
            if config.user:
                smtp.login(config.user, config.password)
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        where = f"{config.host}:{config.port}"
        raise WirewatchError("WW755", _reason(exc), source=where) from exc


def _connect(config: SmtpConfig) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if config.tls == "ssl":
        return smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout, context=context)
    smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    if config.tls == "starttls":
        try:
            smtp.starttls(context=context)
        except BaseException:
            smtp.close()
            raise
    return smtp


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        raw = exc.smtp_error
        detail = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw or "")
        return f"{exc.smtp_code} {detail}".strip()
    return str(exc) or type(exc).__name__
