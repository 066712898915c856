"""`letterlingo check`: quality checks on letters and catalogues, for people and for CI."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from ..errors import ChecksFailed
from .app import common_options, config_from_context, console, locale_option

if TYPE_CHECKING:
    from ..checks import CheckRegistry, CheckReport


@click.command("check")
@click.argument("slugs", nargs=-1)
@locale_option
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON for CI.")
@click.option("--only", multiple=True, metavar="CHECK", help="Run only this check; repeat or give a comma list.")
@click.option("--skip", multiple=True, metavar="CHECK", help="Do not run this check; repeat or give a comma list.")
@click.option("--list-checks", is_flag=True, help="List the available checks and exit.")
@common_options
def check_command(slugs: tuple[str, ...], locales: tuple[str, ...], strict: bool, as_json: bool,
                  only: tuple[str, ...], skip: tuple[str, ...], list_checks: bool) -> None:
    """Quality checks on each letter and catalogue: exit 1 on errors (on warnings too with --strict)."""
    from ..checks import check, default_registry
    from ..checks.report import UNREADABLE

    if list_checks:
        print_checks(default_registry())
        return
    config = config_from_context()
    report = check(config, slugs, locales, strict=strict, only=only, skip=skip)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print_report(report)
    for finding in report.findings:
        if finding.check == UNREADABLE:  # as every command reports a file it cannot read
            place = f"{finding.path}:{finding.line}: " if finding.line else f"{finding.path}: "
            click.echo(f"error: {place}{finding.message}", err=True)
    if report.exit_code:
        raise ChecksFailed(report.exit_code)


def print_checks(registry: CheckRegistry) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="checks", title_justify="left")
    for column in ("name", "severity", "scope", "what it checks", "example of what it finds"):
        table.add_column(column)
    for item in registry:
        table.add_row(item.name, item.severity, item.scope, escape(item.title), escape(item.example))
    console.print(table)


def print_report(report: CheckReport) -> None:
    """Findings as `path:line: severity: check: message` lines, then a table per letter."""
    from rich.table import Table

    quiet = console.quiet
    for finding in report.findings:
        if finding.severity == "error" or not quiet:
            click.echo(finding.format())
    slugs = dict.fromkeys(row.slug for row in report.summary)
    for slug in slugs:
        table = Table(title=slug, title_justify="left")
        for column in ("catalogue", "errors", "warnings"):
            table.add_column(column, justify="left" if column == "catalogue" else "right")
        for row in (r for r in report.summary if r.slug == slug):
            label = "letter + template" if row.locale is None else row.locale + ("" if row.has_catalogue else " (no .po)")
            errors = f"[red]{row.errors}[/red]" if row.errors else "0"
            warnings = f"[yellow]{row.warnings}[/yellow]" if row.warnings else "0"
            table.add_row(label, errors, warnings)
        console.print(table)
    verdict = "failed" if report.exit_code else "passed"
    strict = " (strict)" if report.strict else ""
    console.print(f"check {verdict}{strict}: {report.errors} errors, {report.warnings} warnings")


command = check_command
