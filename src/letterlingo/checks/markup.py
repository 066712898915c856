"""Markup parity: a translation keeps the source's bold and emphasis, its link targets, and adds no HTML.

The comparison itself is letterlingo.parity's, shared with the draft step and the editions.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import EntryContext, entry_check
from .parity import reported


@entry_check("emphasis", "error")
def emphasis(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """The translation has as many bold and emphasis spans as the source.

    A dropped `**` renders the rest of the paragraph as literal asterisks or loses the stress
    the signatories chose. Example: `**Act now**` → `Handeln Sie jetzt` (bold lost).
    """
    return reported("emphasis", source, translation, ctx)


@entry_check("span-order", "warning")
def span_order(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """Bold and italic spans come in the source's order (a warning: a sentence may be turned round).

    Example: `**ban** and *protect*` → `*verbieten* und **schützen**` (bold and italic swapped).
    """
    return reported("span-order", source, translation, ctx)


@entry_check("links", "error")
def links(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """The translation links to exactly the source's URLs (none added, dropped or changed, no new title).

    An edited URL in a translation is the easiest way to slip a different page into a letter
    published under other people's names. Example: `[report](https://a.eu/r)` →
    `[Bericht](https://b.eu/r)`, or `[Bericht](https://a.eu/r "Klicken!")`.
    """
    return reported("links", source, translation, ctx)


@entry_check("html", "error")
def html(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """The translation contains no raw HTML tag or comment that the source does not have.

    Editions render Markdown with raw HTML off, so a tag would show as text; and a `<script>`
    in a catalogue is never an accident. Example: `Thank you` → `Danke<script>…</script>`.
    """
    return reported("html", source, translation, ctx)


CHECKS = (emphasis, span_order, links, html)
