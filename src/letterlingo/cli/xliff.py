"""`letterlingo xliff export` / `xliff import`: XLIFF 1.2 for translation agencies' CAT tools."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from ..errors import ConfigError, LetterlingoError
from .app import common_options, config_from_context, console, err_console, locale_option


class XliffProblems(LetterlingoError):
    """`xliff import` kept targets as drafts or left some out: exit 1; each was printed."""

    exit_code = 1
    reported = True

    def __init__(self) -> None:
        super().__init__("some targets were not merged as given")


@click.group("xliff")
@common_options
def xliff_group() -> None:
    """Exchange translations with CAT tools (Trados, memoQ, Phrase, OmegaT) as XLIFF 1.2.

    Bold, italic and links become <g> tags and code, breaks and addresses <x/> tags, so the
    tool protects them; signatory names are never in the file.
    """


@xliff_group.command("export")
@click.argument("slugs", nargs=-1)
@locale_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Write one XLIFF file with a <file> per letter (default: <slug>-<lang>.xlf per letter, "
                   "in the current folder).")
@common_options
def export_command(slugs: tuple[str, ...], locales: tuple[str, ...], output: Path | None) -> None:
    """Write each letter's catalogue for LANG as XLIFF 1.2.

    Reviewed entries are approved="yes" state="translated"; drafts are
    state="needs-review-translation" (state-qualifier="mt-suggestion" for machine drafts);
    empty entries have no <target>.
    """
    from ..config import select_locales
    from ..fsutil import atomic_write_text
    from ..project import select_slugs
    from ..xliff import export_xliff

    config = config_from_context()
    if not locales:
        raise ConfigError("-l/--locale: give the language to export (one XLIFF file per language)")
    targets = select_locales(config, locales)
    if not targets:
        raise ConfigError(f"-l/--locale: {config.source_language!r} is the source language, not a translation")
    if output is not None and len(targets) > 1:
        raise ConfigError("-o/--output takes one language: an XLIFF file has one target language")
    chosen = select_slugs(config, slugs)
    jobs = [(output, chosen, locale) for locale in targets] if output is not None else \
        [(Path(f"{slug}-{_file_part(locale)}.xlf"), [slug], locale) for locale in targets for slug in chosen]
    documents = [(path, export_xliff(config, letters, locale)) for path, letters, locale in jobs]
    for path, document in documents:  # everything is made before anything is written
        atomic_write_text(path, document.text)
        for letter in document.letters:
            console.print(f"{path}: {letter.slug}: {letter.units} units ({letter.translated} translated, "
                          f"{letter.reviewed} reviewed)", markup=False)
            for note in letter.left_out:
                err_console.print(f"warning: {note}", markup=False, soft_wrap=True)


def _file_part(locale: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", locale.replace("_", "-"))


@xliff_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@common_options
def import_command(files: tuple[Path, ...], as_json: bool) -> None:
    """Merge the targets of XLIFF files into the catalogues.

    approved="yes" makes a translation reviewed, anything else a fuzzy draft. A target whose
    markup, links or numbers differ from the source is kept as a fuzzy draft with a note.
    Exit status 1 when a target was kept as a draft for that or left out (reported), 2 when a
    file cannot be used (nothing is written then).
    """
    from ..xliff_import import import_xliff

    config = config_from_context()
    report = import_xliff(config, files)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        for merge in report.catalogues:
            verb = "written" if merge.written else "unchanged"
            console.print(f"{merge.path}: {verb}: {merge.reviewed} reviewed, {merge.drafts} drafts, "
                          f"{merge.unchanged} unchanged, {merge.without_target} without a target", markup=False)
        for note in report.notes:
            console.print(f"note: {note}", markup=False)
    for problem in report.problems:
        err_console.print(f"warning: {problem}", markup=False, soft_wrap=True)
    if report.exit_code:
        raise XliffProblems()


command = xliff_group
