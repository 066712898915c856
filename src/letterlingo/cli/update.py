"""`letterlingo update`: create or merge each letter's .po files, as msgmerge does."""

from __future__ import annotations

import click

from .app import common_options, config_from_context, console, locale_option


@click.command("update")
@click.argument("slugs", nargs=-1)
@locale_option
@common_options
def update_command(slugs: tuple[str, ...], locales: tuple[str, ...]) -> None:
    """Create or merge the .po file of each letter for each locale.

    A letter edited since its template was written is extracted first, as `extract` would.
    """
    from ..config import select_locales
    from ..extract import extract_if_stale
    from ..letter import front_matter, language_in
    from ..project import select_slugs
    from ..update import update

    config = config_from_context()
    targets = select_locales(config, locales)
    for slug in select_slugs(config, slugs):
        if extract_if_stale(config, slug):
            console.print(f"{config.relative(config.pot_file(slug))}: written (the letter is newer)")
        letter_file = config.letter_file(slug)
        shown = config.relative(letter_file)
        own = language_in(front_matter(letter_file, shown), config.source_language, shown)
        results = update(config, slug, tuple(locale for locale in targets if locale != own))
        created = sum(r.created for r in results)
        changed = sum(r.changed and not r.created for r in results)
        fuzzy = sum(r.fuzzy for r in results)
        obsolete = sum(r.obsolete for r in results)
        console.print(f"{slug}: {len(results)} locale{'' if len(results) == 1 else 's'}, {created} created, {changed} merged with changes, "
                      f"{fuzzy} fuzzy suggestions, {obsolete} made obsolete")
        for result in results:
            if result.changed and not result.created:
                console.print(f"  {result.path}: {result.kept} kept, {result.fuzzy} fuzzy, {result.new} new, "
                              f"{result.obsolete} obsolete", style="dim")


command = update_command
