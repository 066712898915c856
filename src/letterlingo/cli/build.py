"""`letterlingo build`: HTML and PDF editions, proved against the letter's names."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..config import KNOWN_FORMATS, select_locales, split_option_values
from ..errors import ConfigError
from .app import common_options, config_from_context, console, locale_option

if TYPE_CHECKING:
    from ..verify import EditionProof


@click.command("build")
@click.argument("slugs", nargs=-1)
@locale_option
@click.option("--format", "formats", multiple=True, metavar="FORMAT",
              help=f"Formats to build ({', '.join(KNOWN_FORMATS)}); repeat or give a comma list (default: configured).")
@click.option("--drafts", type=click.Choice(["mark", "proof", "hide"]), default="mark", show_default=True,
              help="Unreviewed machine drafts: show with a notice, highlight each, or show the source instead.")
@click.option("--publish", is_flag=True, help="Build only fully reviewed locales; list the ones skipped.")
@click.option("--include-untranslated", is_flag=True,
              help="Also build editions with no body text translated, labelled as untranslated on every page.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Parallel PDF workers (default: the cores).")
@click.option("--force", is_flag=True, help="Rebuild every edition, changed or not.")
@click.option("--shard", metavar="K/N", help="Build only the K-th of N stable slices (a CI matrix), with its own manifest.")
@click.option("--merge-manifests", "merge", is_flag=True,
              help="Join the shard manifests in output/ into output/manifest.json and write output/index.html.")
@common_options
def build_command(slugs: tuple[str, ...], locales: tuple[str, ...], formats: tuple[str, ...], drafts: str,
                  publish: bool, include_untranslated: bool, jobs: int | None, force: bool, shard: str | None,
                  merge: bool) -> None:
    """Write output/<slug>/<lang>/index.html and the PDF for each letter and locale, and output/index.html.

    Only editions whose inputs changed are rebuilt (see output/manifest.json); --force rebuilds all.
    """
    from ..build import build, merge_shards
    from ..edition import Drafts
    from ..manifest import parse_shard
    from ..project import select_slugs

    config = config_from_context()
    if merge:
        records = merge_shards(config)
        console.print(f"merged {len(records)} editions -> {config.relative(config.output_path)}/manifest.json")
        return
    slice_ = parse_shard(shard) if shard else None
    chosen = split_option_values(formats) or config.formats
    for fmt in chosen:
        if fmt not in KNOWN_FORMATS:
            raise ConfigError(f"--format: unknown format {fmt!r} (known: {', '.join(KNOWN_FORMATS)})")
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.table import Table

    targets = select_locales(config, locales, include_source=True)
    letters = select_slugs(config, slugs)
    with Progress(TextColumn("PDF editions"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console.real(), transient=True, disable=console.quiet or "pdf" not in chosen) as bar:
        task = bar.add_task("pdf", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = build(config, letters, targets, formats=tuple(chosen), drafts=Drafts(drafts), publish=publish,
                       jobs=jobs, progress=progress, force=force, shard=slice_,
                       include_untranslated=include_untranslated)
    states: dict[str, int] = {}
    for edition in report.editions:
        shown = "incomplete" if edition.state.value == "missing" else edition.state.value  # as the index says
        states[shown] = states.get(shown, 0) + 1
    summary = ", ".join(f"{count} {state}" for state, count in sorted(states.items()))
    console.print(f"{len(report.editions)} editions ({summary}): {report.rebuilt} built, "
                  f"{len(report.editions) - report.rebuilt} unchanged, in {report.seconds:.1f} s "
                  f"-> {config.relative(report.manifest) if report.manifest else config.relative(config.output_path)}")
    print_proofs(report.proofs)
    for note in report.notes:
        console.print(f"[yellow]note[/yellow]: {note}")
    if report.skipped:
        grouped: dict[tuple[str, str], list[str]] = {}
        for slug, locale, why in report.skipped:
            grouped.setdefault((slug, why), []).append(locale)
        table = Table(title="not built", title_justify="left")
        table.add_column("letter")
        table.add_column("locales")
        table.add_column("why")
        for (slug, why), codes in grouped.items():
            table.add_row(slug, ", ".join(codes), why)
        console.print(table)
    if not config.site_url and "html" in chosen:
        console.print("[yellow]site_url is not set[/yellow]: pages link to each other relatively, with no "
                      "canonical address, social-card URL or sitemap (set site_url in letterlingo.toml)")
    if report.failed_proofs:
        from ..errors import BuildError

        raise BuildError("; ".join(f.summary() for proof in report.failed_proofs for f in proof.files.values() if not f.ok))


def print_proofs(proofs: list[EditionProof]) -> None:
    """`N of N names verified` per letter, over the files just built."""
    by_letter: dict[str, list[EditionProof]] = {}
    for proof in proofs:
        by_letter.setdefault(proof.slug, []).append(proof)
    for slug, items in by_letter.items():
        if any("letter" in proof.files for proof in items):
            console.print(f"{slug}: [yellow]no signatory list[/yellow] (`letterlingo check` says what to add)")
            continue
        results = [result for proof in items for result in proof.files.values()]
        names = results[0].total if results else 0
        bad = [r for r in results if not r.ok]
        if bad:
            console.print(f"{slug}: [red]names missing in {len(bad)} of {len(results)} files[/red]")
        else:
            console.print(f"{slug}: [green]{names} of {names} names verified[/green] in {len(results)} files")


command = build_command
