"""The project's glossary (glossary.csv): terms kept as they are, or given one fixed rendering per language.

The draft step protects them from engines; `check` verifies translations use them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError
from .languages import UnknownLanguage, normalize_locale


@dataclass(frozen=True)
class GlossaryTerm:
    """A term engines must not translate; `translations` give a fixed rendering per locale."""

    term: str
    translations: Mapping[str, str] = field(default_factory=dict)

    def rendering(self, locale: str | None) -> str:
        if locale:
            for code in (locale, locale.split("_")[0]):
                if self.translations.get(code):
                    return self.translations[code]
        return self.term


@dataclass(frozen=True)
class Glossary:
    terms: tuple[GlossaryTerm, ...] = ()

    def pattern(self) -> re.Pattern[str] | None:
        return _term_pattern(tuple(term.term for term in self.terms))

    def get(self, term: str) -> GlossaryTerm | None:
        for entry in self.terms:
            if entry.term == term:
                return entry
        return None


@lru_cache(maxsize=32)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def load_glossary(path: Path, shown: str | None = None) -> Glossary:
    """Read `glossary.csv` (columns `term`, then optional locale codes); no file, no terms."""
    shown = shown or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Glossary()
    except UnicodeDecodeError:
        raise ConfigError("glossary is not valid UTF-8 text", shown) from None
    rows = csv.reader(text.splitlines())
    header = next(rows, None)
    if not header or header[0].strip().lower() != "term":
        raise ConfigError("glossary's first column must be named 'term'", shown, 1)
    locales: list[str] = []
    for column in header[1:]:
        try:
            locales.append(normalize_locale(column.strip()))
        except UnknownLanguage:
            raise ConfigError(f"glossary column {column.strip()!r} is not a language code", shown, 1) from None
    terms: dict[str, GlossaryTerm] = {}
    for number, row in enumerate(rows, start=2):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) > len(header):
            raise ConfigError(f"row has {len(row)} cells, the header {len(header)}", shown, number)
        term = row[0].strip()
        if term in terms:
            raise ConfigError(f"term {term!r} is listed twice", shown, number)
        translations = {code: cell.strip() for code, cell in zip(locales, row[1:]) if cell.strip()}
        terms[term] = GlossaryTerm(term, translations)
    return Glossary(tuple(terms.values()))
