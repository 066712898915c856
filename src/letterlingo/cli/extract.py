"""`letterlingo extract`: letters/<slug>.md -> locales/<slug>.pot."""

from __future__ import annotations

import click

from .app import common_options, config_from_context, console


@click.command("extract")
@click.argument("slugs", nargs=-1)
@common_options
def extract_command(slugs: tuple[str, ...]) -> None:
    """Write locales/<slug>.pot from each letter."""
    from ..extract import write_template
    from ..project import load_letter, select_slugs

    config = config_from_context()
    for slug in select_slugs(config, slugs):
        letter = load_letter(config, slug)
        changed = write_template(config, letter)
        console.print(f"{config.relative(config.pot_file(slug))}: {'written' if changed else 'unchanged'}")
        if not letter.has_signatory_section:
            # On stderr even with -q: names in the body would now go to translators.
            click.echo(f"warning: {config.relative(config.letter_file(slug))}: no `<!-- signatories -->` line, so "
                       "any names in the letter were extracted as text to translate", err=True)


command = extract_command
