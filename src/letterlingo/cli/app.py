"""The command group and what every command shares: options, the console, the entry point.

Nothing here imports the library's heavy parts (WeasyPrint, checks, engines) or rich's tables:
`letterlingo --version` and `--help` must start as fast as a small script. Commands import
what they need when they run.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import __version__
from ..errors import LetterlingoError

if TYPE_CHECKING:
    from rich.console import Console

    from ..config import Config


class _LazyConsole:
    """rich's Console, made on first use (importing rich costs more than the rest of start-up)."""

    def __init__(self, **options: Any) -> None:
        object.__setattr__(self, "_options", options)
        object.__setattr__(self, "_console", None)
        object.__setattr__(self, "_quiet", False)

    def _real(self) -> Console:
        real = self._console
        if real is None:
            from rich.console import Console

            real = Console(**self._options)
            real.quiet = self._quiet
            object.__setattr__(self, "_console", real)
        return real

    def real(self) -> Console:
        """The Console itself, for rich objects that take one (Progress uses it as a context manager)."""
        return self._real()

    def print(self, *objects: Any, **options: Any) -> None:
        if not self._quiet:  # quiet output costs no import of rich
            self._real().print(*objects, **options)

    def __getattr__(self, name: str) -> Any:
        if name == "quiet":
            return self._quiet
        return getattr(self._real(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "quiet":
            object.__setattr__(self, "_quiet", value)
            if self._console is not None:
                self._console.quiet = value
            return
        setattr(self._real(), name, value)


# No emoji codes: "x.po:100:" is a file and a line, not 💯.
console: Any = _LazyConsole(highlight=False, soft_wrap=True, emoji=False)
err_console: Any = _LazyConsole(stderr=True, highlight=False, emoji=False)


def _settings(project: Path | None, quiet: bool, verbose: int) -> None:
    """Apply --project/-q/-v, given before the command (`letterlingo -q build`) or after it."""
    ctx = click.get_current_context()
    root = ctx.find_root()
    if project is not None:
        root.meta["project"] = project
    if quiet:
        root.meta["quiet"] = True
    root.meta["verbose"] = max(verbose, root.meta.get("verbose", 0))
    quiet_now = bool(root.meta.get("quiet"))
    logging.basicConfig(level=logging.ERROR if quiet_now else logging.WARNING - 10 * root.meta["verbose"],
                        format="%(levelname)s: %(message)s", force=True)
    console.quiet = quiet_now


def _setting_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("-v", "--verbose", count=True, help="Print more about the work.")(func)
    func = click.option("-q", "--quiet", is_flag=True, help="Print only errors.")(func)
    return click.option("--project", "project", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="Project folder (default: the current directory).")(func)


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--project, -q and -v on every command as on the group, so scripts can put them anywhere."""

    @_setting_options
    @functools.wraps(func)
    def wrapper(*args: Any, project: Path | None, quiet: bool, verbose: int, **kwargs: Any) -> Any:
        _settings(project, quiet, verbose)
        return func(*args, **kwargs)

    return wrapper


def config_from_context(**overrides: Any) -> Config:
    from ..config import load_config

    return load_config(click.get_current_context().find_root().meta.get("project"), **overrides)


locale_option = click.option("-l", "--locale", "locales", multiple=True, metavar="LANG",
                              help="Locale to work on; repeat or give a comma list (default: all configured).")


class LazyGroup(click.Group):
    """Commands named in `registry.COMMANDS`, each imported only when it is run or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from .registry import COMMANDS

        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        from .registry import load_command

        return load_command(name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="letterlingo")
@_setting_options
def cli(project: Path | None, quiet: bool, verbose: int) -> None:
    """Turn one open letter into a multilingual publication."""
    _settings(project, quiet, verbose)


def main(argv: list[str] | None = None) -> int:
    """Entry point: expected errors print one line and exit 2; anything else is a bug and shows a traceback."""
    try:
        result = cli.main(args=argv, prog_name="letterlingo", standalone_mode=False)
    except LetterlingoError as exc:
        if not exc.reported:
            err_console.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        return exc.exit_code
    except click.exceptions.Abort:
        err_console.print("aborted")
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    return result if isinstance(result, int) else 0
