"""Letter -> gettext template: one entry per translatable block, never a signatory name."""

from __future__ import annotations

from collections import Counter

import polib

from .catalog import new_catalog, read_catalog, render_catalog, timestamp, write_catalog
from .config import Config
from .model import Block, Letter
from .project import load_letter


def describe(block: Block, counters: Counter[str]) -> str:
    """The `#.` comment: what the block is, so a translator sees the structure in Poedit."""
    if block.kind in ("title", "description", "signatory heading", "signatory column"):
        return block.kind
    counters[block.kind] += 1
    if block.kind == "heading":
        return f"heading {counters[block.kind]} (level {block.level})"
    return f"{block.kind} {counters[block.kind]}"


def letter_template(letter: Letter, reference_path: str, project_name: str = "letterlingo") -> polib.POFile:
    """Build the template in memory; identical blocks share one entry with several references."""
    catalog = new_catalog()
    catalog.header = f"Translatable text of {reference_path}. Signatory names are never extracted."
    catalog.metadata = template_header(letter.slug, project_name, creation_date="")
    entries: dict[str, polib.POEntry] = {}
    counters: Counter[str] = Counter()
    for block in letter.translatable_blocks():
        comment = describe(block, counters)
        entry = entries.get(block.text)
        if entry is None:
            entry = polib.POEntry(msgid=block.text, msgstr="", comment=comment, occurrences=[])
            entries[block.text] = entry
            catalog.append(entry)
        elif comment not in entry.comment.split("\n"):
            entry.comment += "\n" + comment
        entry.occurrences.append((reference_path, str(block.line)))
    return catalog


def template_header(slug: str, project_name: str, creation_date: str) -> dict[str, str]:
    return {
        "Project-Id-Version": f"{project_name} {slug}",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": creation_date,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def extract(config: Config, slug: str) -> bool:
    """Write locales/<slug>.pot; returns whether it changed.

    The creation date is only renewed when an entry changed, so re-running extract on an
    unchanged letter leaves the committed template byte-for-byte as it was.
    """
    letter = load_letter(config, slug)
    return write_template(config, letter)


def extract_if_stale(config: Config, slug: str) -> bool:
    """Extract first when the letter is newer than its template (or there is none), so the
    edit -> merge loop is one `update`; returns whether the template was written."""
    template, letter_file = config.pot_file(slug), config.letter_file(slug)
    if template.exists() and template.stat().st_mtime >= letter_file.stat().st_mtime:
        return False
    return extract(config, slug)


def write_template(config: Config, letter: Letter) -> bool:
    path = config.pot_file(letter.slug)
    template = letter_template(letter, config.relative(config.letter_file(letter.slug)), config.name)
    previous_date = None
    if path.exists():
        old = read_catalog(path, shown=config.relative(path))
        previous_date = old.metadata.get("POT-Creation-Date")
        template.metadata["POT-Creation-Date"] = previous_date or ""
        if render_catalog(template) == render_catalog(old):
            return False
    template.metadata["POT-Creation-Date"] = timestamp()
    return write_catalog(template, path)
