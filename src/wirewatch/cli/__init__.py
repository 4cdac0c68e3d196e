"""The `wirewatch` command.

Each subcommand is a thin shell over a stage: it reads inputs, calls the stage,
and prints. Errors are coded (WWnnn) and go to standard error with a hint; a
batch goes on past a bad page and the exit status says whether any failed.
Commands live in modules named for what they work on and register on `main`.
"""

from wirewatch.cli import follow, pages, run, serve, store, watch
from wirewatch.cli._app import main

__all__ = ["follow", "main", "pages", "run", "serve", "store", "watch"]
