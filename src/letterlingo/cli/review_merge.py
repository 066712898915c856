"""`letterlingo review-merge`: reviewers' saved files back into the catalogues."""

from __future__ import annotations

from pathlib import Path

import click

from .app import common_options, config_from_context, console, err_console


@click.command("review-merge")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@common_options
def review_merge_command(files: tuple[Path, ...]) -> None:
    """Merge <slug>-<lang>.review.json files into their catalogues.

    Approved texts become reviewed; edited, unapproved ones stay drafts with the new text; a
    text made against an older original stays a draft with a note; a text that breaks link or
    markup parity is kept as a draft and reported (exit 1). Merging a file twice changes nothing.
    """
    from rich.table import Table

    from ..review.merge import merge_files

    config = config_from_context()
    results = merge_files(config, list(files))
    table = Table(title="review merged", title_justify="left")
    for column in ("file", "letter", "locale", "approved", "edited", "unchanged", "stale", "refused", "gone"):
        table.add_column(column)
    for result in results:
        table.add_row(result.file, result.slug, result.locale, str(result.approved), str(result.edited),
                      str(result.unchanged), str(result.stale), str(len(result.refused)), str(result.gone))
    console.print(table)
    problems = [f"{result.file}: {line}" for result in results for line in result.refused]
    problems += [f"{result.file}: {result.stale} entries reviewed against an older original (kept as drafts)"
                 for result in results if result.stale]
    problems += [f"{result.file}: {result.gone} entries no longer in the letter (not merged)"
                 for result in results if result.gone]
    for line in problems:  # on stderr: said even with --quiet
        err_console.print(line, markup=False, soft_wrap=True)
    if problems:
        raise click.exceptions.Exit(1)


command = review_merge_command
