"""Numbers, dates, addresses and placeholders: what a translation must carry over unchanged in value."""

from __future__ import annotations

from collections.abc import Iterator

from .base import EntryContext, entry_check
from .parity import reported


@entry_check("numbers", "error")
def numbers(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """Every number and date of the source appears in the translation, with its value.

    Figures are the claims of an open letter ("109 signatories", "58%", "2021"): a translation
    that drops or changes one changes what the signatories said. Each side is read with its
    language's signs (CLDR), so `6.5%` → `6,5 %` in German is right and `65 %` is not; a date may
    be written the language's way (`2023-11-09` → `9.11.2023`). Link targets do not count.
    Example: `6.5%` → `65 %`, or `2023-11-09` → `10.11.2023`.
    """
    return reported("numbers", source, translation, ctx)


@entry_check("addresses", "error")
def addresses(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """Plain web and e-mail addresses of the source appear unchanged in the translation.

    A contact address turned into accented nonsense (or into another organisation's) sends
    readers nowhere. Example: `write to info@example.org` → `écrivez à info@exemple.org`.
    """
    return reported("addresses", source, translation, ctx)


@entry_check("placeholders", "error")
def placeholders(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """Placeholders (`{name}`, `{0}`, `%s`, `%(name)s`) are kept exactly, none added.

    A translated placeholder (`{name}` → `{nom}`) is left unfilled in the edition.
    Example: `Dear {name},` → `Cher {nom},`, or `` `CSAR` `` → `` `KSAV` ``.
    """
    return reported("placeholders", source, translation, ctx)


CHECKS = (numbers, addresses, placeholders)
