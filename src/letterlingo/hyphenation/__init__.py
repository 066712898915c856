"""Hyphenation dictionaries pyphen lacks, so `hyphens: auto` works in Finnish and Irish PDFs.

WeasyPrint hyphenates through pyphen: for each paragraph it calls
`pyphen.language_fallback(lang)` with the element's `lang` ("fi-FI" -> "fi_fi", then "fi"; matched
case-insensitively against `pyphen.LANGUAGES`), and when that finds nothing it silently leaves
the words whole, so a narrow column of Finnish compounds runs ragged or overflows. pyphen 0.18
ships no Finnish, Irish or Maltese dictionary; this package ships the first two, converted from
the TeX hyph-utf8 patterns by scripts/convert_hyphenation.py (sources and licences: README.md
here). No Maltese pattern set exists to convert, so Maltese stays unhyphenated.

`register()` must run in every process that renders, before rendering (the PDF workers are
separate processes with their own pyphen).
"""

from __future__ import annotations

import logging
from importlib import resources
from importlib.resources.abc import Traversable

__all__ = ["DICTIONARIES", "has_dictionary", "register"]

logger = logging.getLogger(__name__)

#: Language -> the keys to add to `pyphen.LANGUAGES` and the file they point to. Both forms,
#: like pyphen's own entries: the bare language is what "fi", "fi-SE" or "fi-x-foo" fall back
#: to, the regional one what "fi-FI" / "fi_FI" find first.
DICTIONARIES: dict[str, tuple[tuple[str, ...], str]] = {
    "fi": (("fi", "fi_FI"), "hyph_fi_FI.dic"),
    "ga": (("ga", "ga_IE"), "hyph_ga_IE.dic"),
}


def dictionary_path(language: str) -> Traversable:
    """Where the shipped dictionary for `language` ("fi", "ga") is."""
    return resources.files(__name__) / DICTIONARIES[language][1]


def register() -> None:
    """Make pyphen (and so WeasyPrint) find the shipped dictionaries.

    A language pyphen already knows, under any key (a newer pyphen may ship Finnish), is left
    alone: its dictionary is presumably maintained with pyphen, and mixing ours under "fi_FI"
    with pyphen's under "fi" would hyphenate "fi-FI" and "fi" text differently. That check also
    makes a second call a no-op, so calling this once per render is fine: it only looks up a
    few dict keys and reads no file (pyphen reads a dictionary when first used).
    """
    import pyphen

    languages: dict[str, object] = pyphen.LANGUAGES
    # language_fallback() looks keys up in this lower-case index, built once at import; older
    # pyphen releases have no index and search LANGUAGES itself.
    lowercase: dict[str, str] | None = getattr(pyphen, "LANGUAGES_LOWERCASE", None)
    for language, (keys, _file) in DICTIONARIES.items():
        if any(key in languages or (lowercase is not None and key.lower() in lowercase) for key in keys):
            continue
        path = dictionary_path(language)
        if not path.is_file():  # a broken install: better unhyphenated than a crash mid-render
            logger.warning("hyphenation dictionary %s is missing; %s text will not be hyphenated", path, language)
            continue
        for key in keys:
            languages[key] = path
            if lowercase is not None:
                lowercase[key.lower()] = key


def has_dictionary(locale: str) -> bool:
    """Whether text in `locale` ("mt", "pt_PT") will be hyphenated at all."""
    import pyphen

    register()
    return bool(pyphen.language_fallback(locale.replace("-", "_")))
