"""The index pages a campaign links to: one per language (output/<lang>/index.html, the
original language's at output/index.html), each in its own language, plus sitemap.xml.

Languages are listed in the EU's protocol order by native name; each edition shows its
review state and share reviewed, and its PDF's language and size in the link text, so a
reader of any language finds theirs and knows what they get.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from babel.units import format_unit
from markupsafe import Markup

from .config import Config
from .edition import State
from .fsutil import atomic_write_text
from .languages import EU_LANGUAGES, native_name, protocol_order
from .manifest import EditionRecord
from .markdown import escape_inline
from .model import Letter
from .project import load_letter
from .publishing import SITEMAP_MARK, Site, sitemap
from .templating import FILE_FORMATS, html_lang, printed_locale, render_index
from .typography import render_body
from .ui import UI

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexPage:
    locale: str
    path: Path
    prefix: str  # from the page to output/


def state_label(state: State, ui: UI) -> str:
    return {
        State.SOURCE: ui.gettext("Original"),
        State.REVIEWED: ui.gettext("Reviewed"),
        State.DRAFT: ui.gettext("Draft"),
        State.MISSING: ui.gettext("Incomplete"),
        State.UNTRANSLATED: ui.gettext("Untranslated"),
    }[state]


def file_size(size: int, locale: str) -> str:
    """"44 kB" in the reader's language (CLDR's unit names: "44 ko" in French)."""
    if size < 1_000_000:
        return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale)
    return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=locale)


def index_pages(config: Config, records: dict[str, EditionRecord]) -> list[IndexPage]:
    """The original language's index at output/, every other built language's in its folder
    (unless a letter's slug takes that folder name)."""
    slugs = {record.slug for record in records.values()}
    pages = [IndexPage(config.source_language, config.output_path / "index.html", "")]
    for locale in protocol_order(sorted({record.locale for record in records.values()})):
        if locale == config.source_language:
            continue
        if locale in slugs:
            log.warning("no index page for %s: a letter's folder output/%s/ has that name", locale, locale)
            continue
        pages.append(IndexPage(locale, config.output_path / locale / "index.html", "../"))
    return pages


def _letter_entry(letter: Letter, records: list[EditionRecord], page: IndexPage) -> dict[str, Any]:
    ui = UI(page.locale)
    own = next((r for r in records if r.locale == page.locale and r.title and not r.title_lang), None)
    source = next((r for r in records if r.locale == letter.language), None)
    title = own.title if own else (source.title if source and source.title else letter.title.text)
    editions = []
    by_locale = {record.locale: record for record in records}
    for record in (by_locale[code] for code in protocol_order(list(by_locale))):
        state = State(record.state)
        html, pdf = record.files.get("html"), record.files.get("pdf")
        target = html or pdf or next(iter(record.files.values()), None)
        name = native_name(record.locale)
        # An untranslated edition's files are in the original's language: the links say so.
        language = native_name(letter.language) if state is State.UNTRANSLATED else name
        editions.append({
            "lang": html_lang(record.locale),
            "hreflang": record.locale.replace("_", "-") if state is not State.UNTRANSLATED else "",
            "name": name,
            "state": state.value,
            "state_label": state_label(state, ui),
            "reviewed": ui.gettext("Reviewed: {share}", share=format_percent(record.reviewed, locale=page.locale))
            if state in (State.DRAFT, State.MISSING) else "",
            "href": page.prefix + target.path if target else "",
            "downloads": [{"kind": kind, "href": page.prefix + record.files[kind].path, "type": media_type,
                           "text": ui.gettext("{format} ({language}, {size})", format=label, language=language,
                                              size=file_size(record.files[kind].size, page.locale))}
                          for kind, (label, media_type) in FILE_FORMATS.items() if kind in record.files],
        })
    count = letter.signatory_count
    title_language = page.locale if own else letter.language
    return {
        "title": Markup(render_body(escape_inline(title), title_language)),
        "title_lang": "" if own else html_lang(letter.language),
        "date": format_date(letter.date, format="long", locale=printed_locale(page.locale)) if letter.date else "",
        "date_iso": letter.date.isoformat() if letter.date else "",
        "count": ui.ngettext("{n} signatory", "{n} signatories", count,
                             n=format_decimal(count, locale=page.locale)),
        "editions": editions,
    }


def write_indexes(config: Config, records: dict[str, EditionRecord],
                  parsed: dict[str, Letter] | None = None) -> list[Path]:
    """Every index page, and sitemap.xml when the site's address is known.

    `parsed` holds letters the caller already has, so a build does not parse them twice.
    """
    parsed = dict(parsed or {})
    by_letter: dict[str, list[EditionRecord]] = {}
    for record in records.values():
        if config.letter_file(record.slug).is_file():
            by_letter.setdefault(record.slug, []).append(record)
    for slug in by_letter:
        if slug not in parsed:
            parsed[slug] = load_letter(config, slug)
    pages = index_pages(config, records)
    written = []
    for page in pages:
        letters = [_letter_entry(parsed[slug], by_letter[slug], page) for slug in sorted(by_letter)]
        switcher = [{"lang": html_lang(other.locale), "name": native_name(other.locale),
                     "href": page.prefix + other.path.relative_to(config.output_path).as_posix(),
                     "current": other.locale == page.locale} for other in pages]
        html = render_index(letters, config.templates_path, page.locale, switcher=switcher,
                            css_href=page.prefix + "assets/edition.css")
        atomic_write_text(page.path, html)
        written.append(page.path)
    _remove_stale_pages(config, {page.path for page in pages}, set(by_letter))
    site = Site.from_config(config)
    if site.url:
        editions = {slug: [(r.locale, r.state != State.UNTRANSLATED.value) for r in items]
                    for slug, items in by_letter.items()}
        path = config.output_path / "sitemap.xml"
        atomic_write_text(path, sitemap(site, editions, {slug: parsed[slug].language for slug in by_letter}))
        written.append(path)
    return written


def _remove_stale_pages(config: Config, written: set[Path], slugs: set[str]) -> None:
    """Index pages of languages no longer built, and a sitemap no longer wanted, are removed:
    left behind they would link to editions that are gone. Only files the build wrote."""
    for code in {*EU_LANGUAGES, *config.locales}:
        path = config.output_path / code / "index.html"
        if path in written or code in slugs or not path.is_file():
            continue
        if '<meta name="generator" content="letterlingo">' in path.read_text(encoding="utf-8", errors="replace"):
            path.unlink()
            log.info("removed %s (no edition in that language any more)", config.relative(path))
    sitemap_path = config.output_path / "sitemap.xml"
    if not config.site_url and sitemap_path.is_file():
        if SITEMAP_MARK in sitemap_path.read_text(encoding="utf-8", errors="replace"):
            sitemap_path.unlink()
