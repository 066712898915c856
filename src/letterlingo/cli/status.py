"""`letterlingo status`: per letter and locale, how far the translation is."""

from __future__ import annotations

import json

import click

from .app import common_options, config_from_context, console, locale_option


@click.command("status")
@click.argument("slugs", nargs=-1)
@locale_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for CI.")
@click.option("--detail", is_flag=True, help="One table per letter with every count, instead of one matrix.")
@common_options
def status_command(slugs: tuple[str, ...], locales: tuple[str, ...], as_json: bool, detail: bool) -> None:
    """Per letter and locale: entries, reviewed, draft (fuzzy), missing.

    By default one matrix, locales by letters: reviewed/entries, then "+N draft" for machine
    drafts awaiting review. --detail prints every count per letter.
    """
    from rich.markup import escape
    from rich.table import Table

    from ..config import select_locales
    from ..model import Letter
    from ..project import select_slugs
    from ..status import signatory_groups, status

    config = config_from_context()
    parsed: dict[str, Letter] = {}
    rows = status(config, select_slugs(config, slugs), select_locales(config, locales), parsed)
    if as_json:
        click.echo(json.dumps([row.as_dict() for row in rows], indent=2, ensure_ascii=False))
        return
    letters = list(dict.fromkeys(row.slug for row in rows))
    for slug in letters:
        groups = signatory_groups(parsed[slug])
        total = next(row.signatories for row in rows if row.slug == slug)
        detail_text = "; ".join(f"{heading or '(no heading)'}: {count}" for heading, count in groups)
        console.print(f"{slug}: {total} signator{'y' if total == 1 else 'ies'}" + (f" ({escape(detail_text)})" if len(groups) > 1 else ""))
    if detail:
        for slug in letters:
            table = Table(title=slug, title_justify="left")
            for column in ("locale", "entries", "reviewed", "draft (fuzzy)", "missing", "% reviewed"):
                table.add_column(column, justify="left" if column == "locale" else "right")
            for row in (r for r in rows if r.slug == slug):
                table.add_row(row.locale + ("" if row.has_catalogue else " (no .po)"), str(row.entries),
                              str(row.reviewed), str(row.draft), str(row.missing), f"{row.percent_reviewed:.1f}")
            console.print(table)
        return
    table = Table(title="reviewed / entries (+ drafts awaiting review)", title_justify="left")
    table.add_column("locale")
    for slug in letters:
        table.add_column(slug, justify="right")
    cells = {(row.slug, row.locale): row for row in rows}
    for locale in dict.fromkeys(row.locale for row in rows):
        line = [locale]
        for slug in letters:
            cell = cells.get((slug, locale))
            if cell is None:
                line.append("")
            elif not cell.has_catalogue:
                line.append("[dim]no .po[/dim]")
            else:
                text = f"{cell.reviewed}/{cell.entries}" + (f" [yellow]+{cell.draft} draft[/yellow]" if cell.draft else "")
                line.append(f"[green]{text}[/green]" if cell.reviewed == cell.entries else text)
        table.add_row(*line)
    console.print(table)


command = status_command
