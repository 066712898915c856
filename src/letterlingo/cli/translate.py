"""`letterlingo translate`: machine drafts for empty entries, always fuzzy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..config import select_locales, split_option_values
from ..errors import EnginesFailed
from ..translate.help import engine_help
from .app import common_options, config_from_context, console, locale_option

if TYPE_CHECKING:
    from ..translate import TranslateReport

@click.command("translate", epilog=engine_help())
@click.argument("slugs", nargs=-1)
@locale_option
@click.option("--engine", "engines", multiple=True, metavar="NAME",
              help="Engine to try, in order; repeat or give a comma list (default: `engines` in letterlingo.toml).")
@click.option("--dry-run", is_flag=True,
              help="Print what each engine would get, in entries and characters; send nothing.")
@click.option("--memory", "compendia", multiple=True, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Extra .po or .tmx file (compendium) for the memory engine; `{locale}` in a .po path stands "
                   "for the language.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@common_options
def translate_command(slugs: tuple[str, ...], locales: tuple[str, ...], engines: tuple[str, ...], dry_run: bool,
                      compendia: tuple[Path, ...], as_json: bool) -> None:
    """Fill empty entries with machine-translation drafts, marked fuzzy for review.

    A translation someone wrote or reviewed is never changed. Exit status 1 if an engine
    failed (the entries it did not fill stay empty; a rerun continues).
    """
    from rich.markup import escape
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from ..translate import translate_catalogues

    config = config_from_context()
    targets = select_locales(config, locales)
    quiet = console.quiet or as_json or not console.is_terminal
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console.real(), transient=True, disable=quiet) as bar:
        task = bar.add_task("translating", total=None)

        def progress(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done, total=total, description=escape(label))

        report = translate_catalogues(config, slugs or None, targets, split_option_values(engines) or None,
                                      dry_run=dry_run, progress=progress,
                                      compendia=compendia or tuple(config.root / c for c in config.compendia))
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print_report(report)
    if report.errors:
        raise EnginesFailed()


def print_report(report: TranslateReport) -> None:
    from rich.markup import escape
    from rich.table import Table

    for note in report.notes:
        console.print(f"[yellow]note:[/yellow] {escape(note)}")
    if report.dry_run:
        table = Table(title="dry run: nothing sent, nothing written", title_justify="left")
        for column in ("letter", "locale", "engine", "entries", "characters"):
            table.add_column(column, justify="right" if column in ("entries", "characters") else "left")
        for result in report.catalogues:
            for name, tally in result.by_engine.items():
                if tally.entries:
                    table.add_row(result.slug, result.locale, name, str(tally.entries), str(tally.characters))
        console.print(table)
        console.print(f"would fill {report.filled} entries, sending {report.characters_sent} characters "
                      f"({_by_engine(report.characters_by_engine())})")
    else:
        table = Table(title="translate", title_justify="left")
        for column in ("letter", "locale", "filled", "rejected", "left empty", "by engine", "characters sent"):
            table.add_column(column, justify="left" if column in ("letter", "locale", "by engine") else "right")
        for result in report.catalogues:
            if not result.empty and not result.notes:
                continue
            engines = ", ".join(f"{name} {tally.entries}" for name, tally in result.by_engine.items() if tally.entries)
            table.add_row(result.slug, result.locale, str(result.filled), str(result.rejected), str(result.left_empty),
                          escape(engines or "-"), str(result.characters_sent))
        console.print(table)
        console.print(f"filled {report.filled} entries as fuzzy drafts, sent {report.characters_sent} characters "
                      f"({_by_engine(report.characters_by_engine())})")
    for result in report.catalogues:
        for note in result.notes:
            console.print(f"[dim]{escape(result.path)}: {escape(note)}[/dim]")
        for rejection in result.rejections:
            console.print(f"[yellow]rejected:[/yellow] {escape(str(rejection))}")
        for error in result.errors:
            console.print(f"[red]failed:[/red] {escape(result.path)}: {escape(error)}")


def _by_engine(totals: dict[str, int]) -> str:
    return ", ".join(f"{name}: {count}" for name, count in totals.items()) or "none"


command = translate_command
