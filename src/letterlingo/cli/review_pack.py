"""`letterlingo review-pack`: one self-contained review page per language, to send by e-mail."""

from __future__ import annotations

from pathlib import Path

import click

from .app import common_options, config_from_context, console, locale_option


@click.command("review-pack")
@click.argument("slugs", nargs=-1)
@locale_option
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, metavar="FILE|FOLDER",
              help="A .html file (one letter and language), or a folder (default: review/ in the project).")
@common_options
def review_pack_command(slugs: tuple[str, ...], locales: tuple[str, ...], output: Path | None) -> None:
    """Write review/<slug>-<lang>.review.html for each letter and language: one HTML file with
    everything inline that works offline from an e-mail attachment. The reviewer's "Save"
    downloads <slug>-<lang>.review.json; `letterlingo review-merge` brings it back.
    """
    from ..config import select_locales
    from ..errors import ConfigError
    from ..project import select_slugs
    from ..review.pack import load_pack, write_pack

    config = config_from_context()
    chosen = [(slug, locale) for slug in select_slugs(config, slugs) for locale in select_locales(config, locales)]
    single = output is not None and output.suffix.lower() in (".html", ".htm")
    if single and len(chosen) != 1:
        raise ConfigError(f"-o {output}: one file holds one letter in one language ({len(chosen)} chosen); "
                          "give a folder instead")
    folder = output if output is not None and not single else config.root / "review"
    for slug, locale in chosen:
        pack = load_pack(config, slug, locale)
        target = output if single and output is not None else folder / f"{slug}-{locale}.review.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target = write_pack(pack, target)
        waiting = sum(1 for entry in pack.entries if entry.state != "reviewed")
        console.print(f"{config.relative(target)}: {len(pack.entries)} entries, {waiting} to review", markup=False)


command = review_pack_command
