"""Helpers for the check tests: Translate Toolkit-style `fails`/`passes`, and small throw-away projects."""

from __future__ import annotations

import textwrap
from pathlib import Path

import polib

from letterlingo.catalog import parse_catalog, read_catalog, write_catalog
from letterlingo.checks import CatalogueContext, Check, EntryContext, check_catalogue
from letterlingo.config import Config, load_config
from letterlingo.extract import extract
from letterlingo.update import update

SLUG = "letter"

LETTER = """\
---
title: "Open Letter: Protect Children Online"
date: 2023-11-09
language: en
---

Dear Members of the LIBE Committee,

We, a **coalition of over 80 organisations**, note a [drop of 58%](https://example.org/report) since 2021.

Reports rose by 6000% in the *last ten years* alone.

<!-- signatories -->

## Signed by

- Awel
- VSE
- [Hope For Children](https://example.org/hope)
"""


def fails(check: Check, source: str, translation: str, locale: str | None = "de", **context: object) -> bool:
    """True when `check` reports something for the pair (Translate Toolkit's idiom)."""
    return bool(check(source, translation, EntryContext(locale=locale, **context)))  # type: ignore[arg-type]


def passes(check: Check, source: str, translation: str, locale: str | None = "de", **context: object) -> bool:
    return not fails(check, source, translation, locale, **context)


HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: test\\n"
"PO-Revision-Date: 2024-01-01 00:00+0000\\n"
"Last-Translator: T <t@example.org>\\n"
"Language-Team: German\\n"
"Language: {language}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {plural}\\n"
"""


def po_text(body: str = "", *, language: str = "de", plural: str = "nplurals=2; plural=(n != 1);",
            header: str | None = None) -> str:
    """A .po file: the standard header (or `header`), a blank line, then `body` (dedented)."""
    head = HEADER.format(language=language, plural=plural) if header is None else header
    return head + "\n" + textwrap.dedent(body).lstrip("\n")


def catalogue_context(text: str, locale: str | None = "de", **kwargs: object) -> CatalogueContext:
    catalogue = parse_catalog(text.encode("utf-8"), "test.po")
    return CatalogueContext(catalogue, "test.po", locale, text=text, **kwargs)  # type: ignore[arg-type]


def findings_for(text: str, checks: list[Check], locale: str | None = "de", **kwargs: object) -> list[tuple[str, str, int | None]]:
    """(check, severity, line) of what `checks` find in the .po text."""
    ctx = catalogue_context(text, locale, **kwargs)
    return [(f.check, f.severity, f.line) for f in check_catalogue(ctx, checks)]


def make_project(root: Path, letter: str = LETTER, locales: tuple[str, ...] = ("en", "de", "fr")) -> Config:
    """A project with one letter, its template and a .po per target locale (all untranslated)."""
    root.mkdir(parents=True, exist_ok=True)
    quoted = ", ".join(f'"{code}"' for code in locales)
    (root / "letterlingo.toml").write_text(f'name = "test"\nsource_language = "en"\nlocales = [{quoted}]\n')
    (root / "letters").mkdir(exist_ok=True)
    (root / "letters" / f"{SLUG}.md").write_text(letter, encoding="utf-8")
    config = load_config(root)
    extract(config, SLUG)
    update(config, SLUG, config.target_locales)
    return config


def translate(config: Config, locale: str, translations: dict[str, str], *, fuzzy: tuple[str, ...] = (),
              slug: str = SLUG) -> Path:
    """Fill in msgstrs by msgid (msgids must exist); those in `fuzzy` get the fuzzy flag."""
    path = config.po_file(slug, locale)
    catalogue = read_catalog(path)
    by_msgid = {entry.msgid: entry for entry in catalogue}
    for msgid, msgstr in translations.items():
        entry: polib.POEntry = by_msgid[msgid]
        entry.msgstr = msgstr
        if msgid in fuzzy and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
    write_catalog(catalogue, path)
    return path


#: The test letter's msgids, for translate().
TITLE = "Open Letter: Protect Children Online"
SALUTATION = "Dear Members of the LIBE Committee,"
PARAGRAPH = "We, a **coalition of over 80 organisations**, note a [drop of 58%](https://example.org/report) since 2021."
FIGURES = "Reports rose by 6000% in the *last ten years* alone."
HEADING = "Signed by"

GOOD_DE = {
    TITLE: "Offener Brief: Kinder im Internet schützen",
    SALUTATION: "Sehr geehrte Mitglieder des LIBE-Ausschusses,",
    PARAGRAPH: "Wir, eine **Koalition von über 80 Organisationen**, stellen seit 2021 einen "
               "[Rückgang um 58 %](https://example.org/report) fest.",
    FIGURES: "Die Meldungen stiegen allein in den *letzten zehn Jahren* um 6.000 %.",
    HEADING: "Unterzeichnet von",
}
