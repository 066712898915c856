"""The entry checks that report letterlingo.parity's mismatches, one check name per kind."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from .. import parity
from .base import EntryContext


@lru_cache(maxsize=4096)
def _mismatches(source: str, translation: str, locale: str | None, source_locale: str) -> tuple[parity.Mismatch, ...]:
    """Computed once per entry for all the parity checks (each reports its own kind)."""
    return tuple(parity.mismatches(source, translation, locale, source_locale))


def reported(check: str, source: str, translation: str, ctx: EntryContext | None) -> Iterator[str]:
    ctx = ctx or EntryContext()
    for mismatch in _mismatches(source, translation, ctx.locale, ctx.source_language):
        if mismatch.check == check:
            yield mismatch.message
