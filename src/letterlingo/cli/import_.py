"""`letterlingo import`: pasted copy -> letters/<slug>.md, with a report of every guess."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from .app import common_options, config_from_context, console


@click.command("import")
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
    """Turn a letter as campaigns hold it into letters/<slug>.md and report what was detected.

    SOURCE is pasted web copy (.txt, .md, or - for stdin), a Word (.docx) or OpenDocument (.odt)
    file, or an HTML page (a saved web page, a Google Docs or Word export). The kind is told
    from the file's bytes, not its name."""
    from ..errors import ConfigError
    from ..importer import import_letter
    from ..languages import UnknownLanguage, normalize_locale

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
    console.print(f"  title:        {_escape(report.title)}  [dim]({report.title_from})[/dim]")
    console.print(f"  date:         {report.date or '-'}" + (f"  [dim]({_escape(report.date_from)})[/dim]" if report.date else ""))
    console.print(f"  salutation:   {_escape(report.salutation or '-')}")
    console.print(f"  body:         {report.body_blocks} blocks ({report.list_items} list items)")
    console.print(f"  signatories:  {report.signatory_count} in {len(report.groups)} group(s)")
    for heading, count in report.groups:
        console.print(f"                {_escape(heading or '(no heading)')}: {count}")
    for title, items in (("changed", report.changes), ("uncertain", report.uncertain), ("dropped", report.dropped)):
        if items:
            console.print(f"  {title + ':':<13} {len(items)} line(s)")
            for item in items:
                text = item.text if len(item.text) <= 70 else item.text[:67] + "..."
                where = f"line {item.line}" if item.line else "document"
                console.print(f"                {where}: {_escape(repr(text))} [dim]({_escape(item.reason)})[/dim]")
    for note in report.notes:
        console.print(f"  [yellow]check:[/yellow]        {_escape(note)}")


def warn_about_list(target: str, report: Any) -> None:
    """What left the signatory list, or may not belong in it, is said on stderr even with -q."""
    dropped = report.dropped_after_cue
    if dropped:
        lines = ", ".join(str(d.line) for d in dropped[:12]) + (" ..." if len(dropped) > 12 else "")
        click.echo(f"warning: {target}: {len(dropped)} line(s) after the signature cue were left out (page text, rules, empty items) "
                   f"(source lines {lines}); check them", err=True)
    if report.uncertain:
        lines = ", ".join(str(d.line) for d in report.uncertain[:12])
        click.echo(f"warning: {target}: {len(report.uncertain)} line(s) kept as names may not be names "
                   f"(source lines {lines}); check them", err=True)
    if not report.groups:
        click.echo(f"warning: {target}: no signatory list found", err=True)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


command = import_command
