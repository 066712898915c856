"""Command line: each command parses options, calls one library function, prints the result."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import sys
from pathlib import Path
from typing import Any, Callable

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import __version__
from .config import Config, load_config, select_locales
from .errors import LetterlingoError

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False)


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--project, -q and -v on every command, so scripts can put them anywhere."""

    @click.option("--project", "project", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help="Project folder (default: the current directory).")
    @click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
    @click.option("-v", "--verbose", count=True, help="Print more about the work.")
    @functools.wraps(func)
    def wrapper(*args: Any, project: Path | None, quiet: bool, verbose: int, **kwargs: Any) -> Any:
        logging.basicConfig(level=logging.WARNING - 10 * verbose if not quiet else logging.ERROR,
                            format="%(levelname)s: %(message)s")
        console.quiet = quiet
        ctx = click.get_current_context()
        ctx.meta["project"] = project
        return func(*args, **kwargs)

    return wrapper


def config_from_context(**overrides: Any) -> Config:
    return load_config(click.get_current_context().meta.get("project"), **overrides)


locale_option = click.option("-l", "--locale", "locales", multiple=True, metavar="LANG",
                              help="Locale to work on; repeat or give a comma list (default: all configured).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="letterlingo")
def cli() -> None:
    """Turn one open letter into a multilingual publication."""


@cli.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--slug", help="Name of the letter file (default: from SOURCE's file name).")
@click.option("--title", help="The letter's title, where the copy has none.")
@click.option("--date", "date_text", metavar="YYYY-MM-DD", help="The letter's date, where the copy has none.")
@click.option("--language", metavar="LANG", help="The copy's language (default: source_language of the project).")
@click.option("--expect", type=click.IntRange(min=0), metavar="N",
              help="Fail, writing nothing, unless exactly N signatories are found.")
@click.option("--force", is_flag=True, help="Replace an existing letter with the same slug.")
@common_options
def import_command(source: Path, slug: str | None, title: str | None, date_text: str | None,
                   language: str | None, expect: int | None, force: bool) -> None:
    """Turn raw web copy (SOURCE, or - for stdin) into letters/<slug>.md and report what was detected."""
    from .errors import ConfigError
    from .importer import import_letter
    from .languages import UnknownLanguage, normalize_locale

    config = config_from_context()
    date = None
    if date_text:
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            raise ConfigError(f"--date {date_text!r} is not a YYYY-MM-DD date") from None
    try:
        language = normalize_locale(language) if language else config.source_language
    except UnknownLanguage as exc:
        raise ConfigError(f"--language: {exc}") from None
    text = None
    if str(source) == "-":
        if not slug:
            raise ConfigError("--slug is needed when reading from stdin")
        text = sys.stdin.read()
    target, result = import_letter(source, config.letters_path, slug=slug, title=title, date=date,
                                   language=language, force=force, text=text, expect=expect)
    print_import_report(config.relative(target), result.report)
    warn_about_list(config.relative(target), result.report)


def print_import_report(target: str, report: Any) -> None:
    console.print(f"[bold]{target}[/bold] written from {report.source}")
    console.print(f"  title:        {escape(report.title)}  [dim]({report.title_from})[/dim]")
    console.print(f"  date:         {report.date or '-'}" + (f"  [dim]({escape(report.date_from)})[/dim]" if report.date else ""))
    console.print(f"  salutation:   {escape(report.salutation or '-')}")
    console.print(f"  body:         {report.body_blocks} blocks ({report.list_items} list items)")
    console.print(f"  signatories:  {report.signatory_count} in {len(report.groups)} group(s)")
    for heading, count in report.groups:
        console.print(f"                {escape(heading or '(no heading)')}: {count}")
    for title, items in (("changed", report.changes), ("uncertain", report.uncertain), ("dropped", report.dropped)):
        if items:
            console.print(f"  {title + ':':<13} {len(items)} line(s)")
            for item in items:
                text = item.text if len(item.text) <= 70 else item.text[:67] + "..."
                console.print(f"                line {item.line}: {escape(repr(text))} [dim]({escape(item.reason)})[/dim]")
    for note in report.notes:
        console.print(f"  [yellow]check:[/yellow]        {escape(note)}")


def warn_about_list(target: str, report: Any) -> None:
    """What left the signatory list, or may not belong in it, is said on stderr even with -q."""
    dropped = report.dropped_after_cue
    if dropped:
        lines = ", ".join(str(d.line) for d in dropped[:12]) + (" ..." if len(dropped) > 12 else "")
        click.echo(f"warning: {target}: {len(dropped)} line(s) after the signatory list were left out as page text "
                   f"(source lines {lines}); check them", err=True)
    if report.uncertain:
        lines = ", ".join(str(d.line) for d in report.uncertain[:12])
        click.echo(f"warning: {target}: {len(report.uncertain)} line(s) kept as names may not be names "
                   f"(source lines {lines}); check them", err=True)
    if not report.groups:
        click.echo(f"warning: {target}: no signatory list found", err=True)


@cli.command("extract")
@click.argument("slugs", nargs=-1)
@common_options
def extract_command(slugs: tuple[str, ...]) -> None:
    """Write locales/<slug>.pot from each letter."""
    from .extract import extract
    from .project import select_slugs

    config = config_from_context()
    for slug in select_slugs(config, slugs):
        changed = extract(config, slug)
        console.print(f"{config.relative(config.pot_file(slug))}: {'written' if changed else 'unchanged'}")


@cli.command("update")
@click.argument("slugs", nargs=-1)
@locale_option
@common_options
def update_command(slugs: tuple[str, ...], locales: tuple[str, ...]) -> None:
    """Create or merge the .po file of each letter for each locale."""
    from .project import select_slugs
    from .update import update

    config = config_from_context()
    targets = select_locales(config, locales)
    for slug in select_slugs(config, slugs):
        results = update(config, slug, targets)
        created = sum(r.created for r in results)
        changed = sum(r.changed and not r.created for r in results)
        fuzzy = sum(r.fuzzy for r in results)
        obsolete = sum(r.obsolete for r in results)
        console.print(f"{slug}: {len(results)} locales, {created} created, {changed} merged with changes, "
                      f"{fuzzy} fuzzy suggestions, {obsolete} made obsolete")
        for result in results:
            if result.changed and not result.created:
                console.print(f"  {result.path}: {result.kept} kept, {result.fuzzy} fuzzy, {result.new} new, "
                              f"{result.obsolete} obsolete", style="dim")


@cli.command("status")
@click.argument("slugs", nargs=-1)
@locale_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for CI.")
@common_options
def status_command(slugs: tuple[str, ...], locales: tuple[str, ...], as_json: bool) -> None:
    """Per letter and locale: entries, reviewed, draft (fuzzy), missing."""
    from .project import select_slugs
    from .status import status

    config = config_from_context()
    rows = status(config, select_slugs(config, slugs), select_locales(config, locales))
    if as_json:
        click.echo(json.dumps([row.as_dict() for row in rows], indent=2, ensure_ascii=False))
        return
    from .status import signatory_groups

    for slug in dict.fromkeys(row.slug for row in rows):
        groups = signatory_groups(config, slug)
        total = next(row.signatories for row in rows if row.slug == slug)
        detail = "; ".join(f"{heading or '(no heading)'}: {count}" for heading, count in groups)
        console.print(f"{slug}: {total} signatories" + (f" ({escape(detail)})" if len(groups) > 1 else ""))
        table = Table(title=slug, title_justify="left")
        for column in ("locale", "entries", "reviewed", "draft (fuzzy)", "missing", "% reviewed"):
            table.add_column(column, justify="left" if column == "locale" else "right")
        for row in (r for r in rows if r.slug == slug):
            table.add_row(row.locale + ("" if row.has_catalog else " (no .po)"), str(row.entries), str(row.reviewed),
                          str(row.draft), str(row.missing), f"{row.percent_reviewed:.1f}")
        console.print(table)


def main(argv: list[str] | None = None) -> int:
    """Entry point: expected errors print one line and exit 2; anything else is a bug and shows a traceback."""
    try:
        result = cli.main(args=argv, prog_name="letterlingo", standalone_mode=False)
    except LetterlingoError as exc:
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


def _register_commands() -> None:
    """Commands that live in their own modules register themselves on `cli` when imported."""
    from . import cli_build, cli_check, cli_translate, cli_verify  # noqa: F401


_register_commands()


if __name__ == "__main__":
    sys.exit(main())
