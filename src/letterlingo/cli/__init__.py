"""Command line: each command parses options, calls one library function, prints the result.

`app` holds the group and what commands share; `registry` names the commands, one module each.
"""

from __future__ import annotations

from .app import (
    cli,
    common_options,
    config_from_context,
    console,
    err_console,
    locale_option,
    main,
)

__all__ = ["cli", "common_options", "config_from_context", "console", "err_console", "locale_option", "main"]
