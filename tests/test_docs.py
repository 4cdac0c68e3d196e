"""The documentation says what the code does: every command, option, setting and code."""

from __future__ import annotations

import re
from pathlib import Path

import click

from wirewatch import settings
from wirewatch.cli import main
from wirewatch.errors import CATALOGUE

DOCS = Path(__file__).resolve().parent.parent / "docs"
README = DOCS.parent / "README.md"


def test_every_error_code_is_documented() -> None:
    text = (DOCS / "errors.md").read_text("utf-8")
    documented = set(re.findall(r"^\| (WW\d{3}) \|", text, re.M))
    assert documented == set(CATALOGUE)


def test_every_setting_is_documented() -> None:
    text = (DOCS / "settings.md").read_text("utf-8")
    for setting in settings.TABLE:
        assert f"| {setting.name} | `{setting.env}` |" in text


def test_every_command_and_option_is_documented() -> None:
    text = (DOCS / "cli.md").read_text("utf-8")
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert f"## `wirewatch {name}" in text, name
        assert command.help, f"{name} has no --help text"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts} has no help"
                assert any(opt in text for opt in param.opts), f"{name} {param.opts}"


def test_readme_gives_the_two_setup_commands() -> None:
    text = README.read_text("utf-8")
    assert "make demo" in text
    assert "make test" in text
