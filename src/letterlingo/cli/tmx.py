"""`letterlingo tmx`: the reviewed translations as TMX 1.4b, to seed translation memories."""

from __future__ import annotations

import re
from pathlib import Path

import click

from .app import common_options, config_from_context, console, locale_option


@click.command("tmx")
@click.argument("slugs", nargs=-1)
@locale_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Where to write (default: <project name>.tmx in the current folder).")
@common_options
def tmx_command(slugs: tuple[str, ...], locales: tuple[str, ...], output: Path | None) -> None:
    """Write the reviewed entries (not fuzzy, not empty) of every letter and locale as TMX 1.4b.

    One <tu> per source text with a <tuv> per language; inline Markdown is kept as TMX inline
    codes (<bpt>/<ept>/<ph>) whose content is the Markdown. The same catalogues give the same
    file (with SOURCE_DATE_EPOCH set, the same date too). A .tmx file also works as a compendium
    of the memory engine (`--memory`, `compendia = [...]`).
    """
    from ..config import select_locales
    from ..fsutil import atomic_write_text
    from ..project import select_slugs
    from ..tmx import export_tmx

    config = config_from_context()
    document = export_tmx(config, select_slugs(config, slugs), select_locales(config, locales))
    path = output if output is not None else Path(re.sub(r"[^\w.-]+", "-", config.name).strip("-.") + ".tmx")
    atomic_write_text(path, document.text)
    console.print(f"{path}: {document.units} source texts, reviewed in {len(document.languages)} languages "
                  f"({', '.join(document.languages) or 'none'})", markup=False)


command = tmx_command
