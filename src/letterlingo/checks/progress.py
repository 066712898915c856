"""Work left in a catalogue: untranslated and fuzzy entries, obsolete ones, and drift from the template."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import entry_has_translation, is_draft, live_entries
from .base import CatalogueContext, Failure, catalogue_check


@catalogue_check("untranslated", "warning")
def untranslated(ctx: CatalogueContext) -> Iterator[Failure]:
    """Entries without a translation (editions show the source text in their place).

    Example: a catalogue with 12 of 40 entries empty.
    """
    entries = live_entries(ctx.catalogue)
    missing = [entry for entry in entries if not entry_has_translation(entry)]
    if missing:
        yield Failure(f"{len(missing)} of {len(entries)} entries untranslated", missing[0].linenum)


@catalogue_check("fuzzy", "warning")
def fuzzy(ctx: CatalogueContext) -> Iterator[Failure]:
    """Fuzzy entries: drafts (machine or merged) that no person has reviewed yet.

    Example: a machine draft marked `#, fuzzy` that nobody has approved.
    """
    entries = live_entries(ctx.catalogue)
    drafts = [entry for entry in entries if is_draft(entry)]
    if drafts:
        yield Failure(f"{len(drafts)} of {len(entries)} entries are fuzzy drafts, not reviewed yet", drafts[0].linenum)


@catalogue_check("obsolete", "warning")
def obsolete(ctx: CatalogueContext) -> Iterator[Failure]:
    """Obsolete (#~) entries: translations of text the letter no longer has.

    Example: `#~ msgid "Old paragraph"` kept after the letter changed.
    """
    retired = [entry for entry in ctx.catalogue if entry.obsolete]
    if retired:
        yield Failure(f"{len(retired)} obsolete entries (#~) kept; reuse or delete them", retired[0].linenum)


@catalogue_check("outdated", "warning", templates=True)
def outdated(ctx: CatalogueContext) -> Iterator[Failure]:
    """The template holds the letter's current text, and each catalogue the template's entries.

    Otherwise translators work on yesterday's wording: run `letterlingo extract`, then `update`.
    Example: a .po whose entries differ from the template's after the letter was edited.
    """
    if ctx.is_template:
        if ctx.letter is not None:
            yield from _template_drift(ctx)
        return
    if ctx.template is None:
        return
    wanted = {(entry.msgctxt, entry.msgid) for entry in live_entries(ctx.template)}
    entries = live_entries(ctx.catalogue)
    have = {(entry.msgctxt, entry.msgid) for entry in entries}
    missing = len(wanted - have)
    extra = [entry for entry in entries if (entry.msgctxt, entry.msgid) not in wanted]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"{missing} template entries missing")
        if extra:
            parts.append(f"{len(extra)} entries no longer in the template")
        yield Failure(f"out of date with the template ({', '.join(parts)}): run `letterlingo update`",
                      extra[0].linenum if extra else ctx.header_line())


def _template_drift(ctx: CatalogueContext) -> Iterator[Failure]:
    assert ctx.letter is not None
    wanted = {block.text for block in ctx.letter.translatable_blocks()}
    have = {entry.msgid for entry in live_entries(ctx.catalogue)}
    if wanted != have:
        yield Failure(f"out of date with the letter ({len(wanted - have)} blocks missing, "
                      f"{len(have - wanted)} entries no longer in the letter): run `letterlingo extract`",
                      ctx.header_line())


CHECKS = (untranslated, fuzzy, obsolete, outdated)
