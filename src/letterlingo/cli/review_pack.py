"""`letterlingo review-pack`: one self-contained review page per language, to send by e-mail."""

from __future__ import annotations

from pathlib import Path

import click

from .app import common_options, config_from_context, console, locale_option


@click.command("review-pack")
@click.argument("slugs", nargs=-1)
@locale_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="FOLDER",
              help="Where to write the pages (default: review/ in the project).")
@common_options
def review_pack_command(slugs: tuple[str, ...], locales: tuple[str, ...], output: Path | None) -> None:
    """Write review/<slug>-<lang>.review.html for each letter and language: one HTML file with
    everything inline that works offline from an e-mail attachment. The reviewer's "Save"
    downloads <slug>-<lang>.review.json; `letterlingo review-merge` brings it back.
    """
    from ..config import select_locales
    from ..project import select_slugs
    from ..review.pack import load_pack, write_pack

    config = config_from_context()
    folder = output if output is not None else config.root / "review"
    folder.mkdir(parents=True, exist_ok=True)
    for slug in select_slugs(config, slugs):
        for locale in select_locales(config, locales):
            pack = load_pack(config, slug, locale)
            target = write_pack(pack, folder / f"{slug}-{locale}.review.html")
            waiting = sum(1 for entry in pack.entries if entry.state != "reviewed")
            console.print(f"{config.relative(target)}: {len(pack.entries)} entries, {waiting} to review",
                          markup=False)


command = review_pack_command
