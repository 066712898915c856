"""The editions' own words ("Signed by", "Page 2 of 3"): letterlingo's gettext domain, per locale."""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "letterlingo"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def catalogue_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(locale: str) -> gettext.NullTranslations:
    """Compiled in memory from the shipped .po, so the package needs no build step for .mo files.

    A region locale (pt_PT) falls back to its language (pt); English and unknown locales get
    the msgids themselves.
    """
    for candidate in (locale, locale.split("_")[0]):
        path = catalogue_path(candidate)
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=candidate)
            buffer = io.BytesIO()
            write_mo(buffer, catalog, use_fuzzy=False)
            buffer.seek(0)
            return gettext.GNUTranslations(buffer)
    return gettext.NullTranslations()


class UI:
    """`_` and `ngettext` for templates, with `{name}` placeholders filled after translation."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self._translations = translations(locale)

    def gettext(self, message: str, **values: object) -> str:
        text = self._translations.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        return self._translations.ngettext(singular, plural, count).format(**values)
