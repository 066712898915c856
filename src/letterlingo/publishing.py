"""What a published edition tells search engines, social networks and PDF readers about itself:
canonical and alternate-language links, a description, social cards, structured data, and the
sitemap that lists every edition with its alternates.

Absolute addresses need the `site_url` setting; without it pages keep relative links and the
build says what is missing, rather than inventing a host.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape as xml_escape

from markupsafe import Markup

from .languages import bcp47, printed_locale
from .markdown import plain_text

if TYPE_CHECKING:
    from .config import Config
    from .edition import Edition
    from .templating import Alternate

DESCRIPTION_LENGTH = 200
#: Marks files the build wrote, so it removes only its own when they are no longer wanted.
SITEMAP_MARK = "<!-- written by letterlingo build -->"


@dataclass(frozen=True)
class Site:
    """The publishing settings pages are rendered with (from the project's settings)."""

    url: str = ""  # with a trailing slash, or empty
    author: str = ""
    contact: str = ""
    keywords: tuple[str, ...] = ()
    source_language: str = "en"

    @classmethod
    def from_config(cls, config: Config) -> Site:
        return cls(config.site_url, config.author, config.contact, config.keywords, config.source_language)

    def edition_url(self, slug: str, locale: str) -> str:
        """The edition's public address (its folder, served as index.html), or "" without a site."""
        return f"{self.url}{slug}/{locale}/" if self.url else ""

    def edition_href(self, slug: str, locale: str) -> str:
        """A link to another edition of the same letter: absolute with a site, else relative."""
        return self.edition_url(slug, locale) or f"../{locale}/index.html"


#: hreflang takes plain language codes for language-only editions (`de`, `pt`) and the region
#: only where the locale has one (`pt-BR`); Open Graph wants language_TERRITORY (`de_DE`).
hreflang = bcp47
og_locale = printed_locale


def summary(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """A description of at most `limit` characters, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def describe(edition: Edition) -> str:
    """The letter's description, else its first paragraph, as the edition shows them: the first
    of those in the page's own language (a description left in the original would announce a
    German page in French), else the first at all."""
    candidates = [entry for entry in [edition.description, *edition.body]
                  if entry is not None and entry.text.strip()
                  and (entry is edition.description or entry.block.kind == "paragraph")]
    own = [entry for entry in candidates if entry.lang is None]
    chosen = (own or candidates)[:1]
    return summary(plain_text(chosen[0].text)) if chosen else ""


def json_script(data: Any) -> Markup:
    """JSON safe inside <script>: no `<`, `>` or `&` can end the element or start a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def page_metadata(edition: Edition, site: Site, alternates: list[Alternate], date: str | None,
                  *, untranslated: bool) -> dict[str, Any]:
    """Everything the page's <head> says about it. An untranslated edition is the original
    letter: its canonical address is the original's, and no other page names it as an
    alternate language."""
    letter = edition.letter
    title = plain_text(edition.title.text)
    description = describe(edition)
    source = letter.language
    own_url = site.edition_url(letter.slug, edition.locale)
    canonical = site.edition_url(letter.slug, source) if untranslated else own_url
    links = [(hreflang(alt.lang), alt.href) for alt in alternates if alt.translated]
    if links and any(alt.lang == source for alt in alternates):
        links.append(("x-default", site.edition_href(letter.slug, source)))
    language = source if untranslated else edition.locale
    social = [("og:type", "article"), ("og:title", title), ("og:locale", og_locale(language))]
    if description:
        social.append(("og:description", description))
    if canonical:
        social.append(("og:url", canonical))
    social += [("og:locale:alternate", og_locale(alt.lang)) for alt in alternates
               if alt.translated and alt.lang != language]
    if site.author:
        social.append(("og:site_name", site.author))
    twitter = [("twitter:card", "summary"), ("twitter:title", title)]
    if description:
        twitter.append(("twitter:description", description))
    structured: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": title,
        "inLanguage": hreflang(language),
    }
    if description:
        structured["description"] = description
    if letter.date:
        structured["datePublished"] = letter.date.isoformat()
    if site.author:
        structured["author"] = {"@type": "Organization", "name": site.author}
        structured["publisher"] = {"@type": "Organization", "name": site.author}
    if own_url:
        structured["url"] = own_url
        if edition.locale != source and not untranslated:
            structured["translationOfWork"] = {"@id": site.edition_url(letter.slug, source)}
    if site.keywords:
        structured["keywords"] = ", ".join(site.keywords)
    return {
        "description": description,
        "canonical": canonical,
        "alternates": links,
        "social": social,
        "twitter": twitter,
        "json_ld": json_script(structured),
        "author": site.author,
        "keywords": ", ".join(site.keywords),
        "date_iso": letter.date.isoformat() if letter.date else "",
        "date": date,
    }


def sitemap(site: Site, editions: dict[str, list[tuple[str, bool]]], source_languages: dict[str, str]) -> str:
    """sitemap.xml: every edition's address, each with its translated alternates and x-default.

    `editions` maps a letter's slug to (locale, translated) pairs; untranslated editions are
    left out (their canonical address is the original's).
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', SITEMAP_MARK,
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for slug in sorted(editions):
        shown = [locale for locale, translated in editions[slug] if translated]
        source = source_languages.get(slug, site.source_language)
        for locale in shown:
            lines.append("<url>")
            lines.append(f"<loc>{xml_escape(site.edition_url(slug, locale))}</loc>")
            for other in shown:
                lines.append(f'<xhtml:link rel="alternate" hreflang="{xml_escape(hreflang(other))}" '
                             f'href="{xml_escape(site.edition_url(slug, other))}"/>')
            if source in shown:
                lines.append(f'<xhtml:link rel="alternate" hreflang="x-default" '
                             f'href="{xml_escape(site.edition_url(slug, source))}"/>')
            lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
