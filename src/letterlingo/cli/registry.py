"""The one place commands are registered: name -> module in `letterlingo.cli`, loaded on demand."""

from __future__ import annotations

import importlib

import click

#: Command name -> module (each defines `command`). The order is the order of `--help`.
COMMANDS = {
    "import": "import_",
    "extract": "extract",
    "update": "update",
    "translate": "translate",
    "status": "status",
    "check": "check",
    "build": "build",
    "verify": "verify",
    "xliff": "xliff",
    "tmx": "tmx",
    "review-pack": "review_pack",
    "review-merge": "review_merge",
    "review": "review",
}


def load_command(name: str) -> click.Command | None:
    module = COMMANDS.get(name)
    if module is None:
        return None
    command = importlib.import_module(f"{__package__}.{module}").command
    assert isinstance(command, click.Command)
    return command
