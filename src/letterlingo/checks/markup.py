"""Markup parity: a translation keeps the source's bold and emphasis, its link targets, and adds no HTML."""

from __future__ import annotations

from collections.abc import Iterator

from .base import EntryContext, entry_check
from .inline import multiset_difference, summarize


@entry_check("emphasis", "error")
def emphasis(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """The translation has as many bold and emphasis spans as the source.

    A dropped `**` renders the rest of the paragraph as literal asterisks or loses the stress
    the signatories chose.
    """
    src, dst = summarize(source), summarize(translation)
    if src.strong != dst.strong:
        yield f"bold spans: source has {src.strong}, translation has {dst.strong}"
    if src.emphasis != dst.emphasis:
        yield f"emphasis spans: source has {src.emphasis}, translation has {dst.emphasis}"


@entry_check("links", "error")
def links(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """The translation links to exactly the source's URLs (none added, dropped or changed).

    An edited URL in a translation is the easiest way to slip a different page into a letter
    published under other people's names.
    """
    src, dst = summarize(source), summarize(translation)
    for kind, source_targets, translation_targets in (("link", src.links, dst.links), ("image", src.images, dst.images)):
        dropped, added = multiset_difference(source_targets, translation_targets)
        for target in dropped:
            yield f"{kind} target {target!r} of the source is missing from the translation"
        for target in added:
            yield f"{kind} target {target!r} is not in the source"


@entry_check("html", "error")
def html(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """The translation contains no raw HTML tag or comment that the source does not have.

    Editions render Markdown with raw HTML off, so a tag would show as text; and a `<script>`
    in a catalogue is never an accident.
    """
    _dropped, added = multiset_difference(summarize(source).html, summarize(translation).html)
    if added:
        tags = ", ".join(repr(tag) for tag in dict.fromkeys(added))
        yield f"raw HTML in the translation (letters allow Markdown only): {tags}"


CHECKS = (emphasis, links, html)
