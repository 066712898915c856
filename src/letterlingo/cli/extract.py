"""`letterlingo extract`: letters/<slug>.md -> locales/<slug>.pot."""

from __future__ import annotations

import click

from .app import common_options, config_from_context, console


@click.command("extract")
@click.argument("slugs", nargs=-1)
@common_options
def extract_command(slugs: tuple[str, ...]) -> None:
    """Write locales/<slug>.pot from each letter."""
    from ..extract import extract
    from ..project import select_slugs

    config = config_from_context()
    for slug in select_slugs(config, slugs):
        changed = extract(config, slug)
        console.print(f"{config.relative(config.pot_file(slug))}: {'written' if changed else 'unchanged'}")


command = extract_command
