"""HTML pages from Jinja2 templates (autoescaped), with a project's templates/ overriding ours."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup, escape

from .edition import Drafts, Edition, RenderedBlock, State
from .languages import html_lang, native_name, printed_locale, protocol_order, text_direction
from .markdown import plain_text, render_name
from .model import Letter, Signatory
from .publishing import Site, page_metadata
from .typography import render_body
from .ui import UI

#: The default templates: the repository's top-level templates/, installed as letterlingo.templates.
PACKAGE_TEMPLATES = Path(str(resources.files("letterlingo.templates"))).resolve()


def project_overrides(project_templates: Path | None) -> Path | None:
    """The project's templates/ folder, unless it is the defaults themselves (this repository is
    a project too), which must not count twice."""
    if project_templates is None or not project_templates.is_dir():
        return None
    return None if project_templates.resolve() == PACKAGE_TEMPLATES else project_templates

@lru_cache(maxsize=8)
def environment(project_templates: Path | None) -> Environment:
    project_templates = project_overrides(project_templates)
    loaders = [FileSystemLoader(str(project_templates))] if project_templates else []
    loaders.append(FileSystemLoader(str(PACKAGE_TEMPLATES)))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def asset_path(name: str, project_templates: Path | None) -> Path:
    """A template asset (CSS, font), from the project's templates/ if it has one of that name."""
    project_templates = project_overrides(project_templates)
    if project_templates is not None and (project_templates / name).is_file():
        return project_templates / name
    return PACKAGE_TEMPLATES / name


def css_string(text: str) -> str:
    """A CSS string literal that no translation can break out of."""
    return '"' + "".join(ch if ch.isalnum() or ch in " .,:;!?()-'" else f"\\{ord(ch):x} " for ch in text) + '"'


def page_label_content(template: str) -> str:
    """"Seite {n} von {total}" -> CSS `content` with page counters, in the translation's order."""
    parts = []
    for piece in re.split(r"(\{n\}|\{total\})", template):
        if piece == "{n}":
            parts.append("counter(page)")
        elif piece == "{total}":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


@dataclass(frozen=True)
class Alternate:
    lang: str
    href: str
    name: str
    current: bool = False
    translated: bool = True  # an untranslated edition is listed, but not as an alternate language


@dataclass(frozen=True)
class _Context:
    """What every block of one page is rendered with."""

    proof: bool
    ui: UI
    page_lang: str  # the language the page as a whole is in (the original's, if untranslated)
    edition_lang: str
    notes: list[str] | None = None  # print: each cited address, numbered in order


def _attrs(entry: RenderedBlock, context: _Context) -> Markup:
    classes = []
    if context.proof and entry.state is State.DRAFT:
        classes.append("is-draft")
    elif context.proof and entry.state is State.MISSING:
        classes.append("is-missing")
    attrs = f' class="{" ".join(classes)}"' if classes else ""
    lang = entry.lang or context.edition_lang
    if lang != context.page_lang:
        attrs += f' lang="{escape(html_lang(lang))}"'
    return Markup(attrs)


def _label(entry: RenderedBlock, context: _Context) -> Markup:
    if not context.proof or entry.state not in (State.DRAFT, State.MISSING):
        return Markup("")
    ui = context.ui
    text = ui.gettext("Not yet reviewed") if entry.state is State.DRAFT else ui.gettext("Not yet translated")
    lang = "" if context.edition_lang == context.page_lang else f' lang="{escape(html_lang(context.edition_lang))}"'
    return Markup(f'<span class="proof-label"{lang}>') + escape(text) + Markup("</span>")


def _block_html(entry: RenderedBlock, tag: str, context: _Context, extra: str = "") -> Markup:
    language = entry.lang or context.edition_lang
    html = Markup(render_body(entry.text, language, notes=context.notes)) if entry.text else Markup("")
    return (Markup(f"<{tag}{extra}") + _attrs(entry, context) + Markup(">") + html + _label(entry, context)
            + Markup(f"</{tag}>"))


def _body(edition: Edition, context: _Context) -> list[Markup]:
    """Blocks to HTML, consecutive list items of one list gathered into <ul>/<ol>."""
    out: list[Markup] = []
    index = 0
    blocks = edition.body
    while index < len(blocks):
        entry = blocks[index]
        kind = entry.block.kind
        if kind == "list item":
            list_id, ordered = entry.block.list_id, entry.block.ordered
            items = []
            while index < len(blocks) and blocks[index].block.kind == "list item" and blocks[index].block.list_id == list_id:
                item = blocks[index]
                value = f' value="{item.block.number}"' if ordered and item.block.number is not None else ""
                items.append(_block_html(item, "li", context, value))
                index += 1
            tag = "ol" if ordered else "ul"
            out.append(Markup(f"<{tag}>\n") + Markup("\n").join(items) + Markup(f"\n</{tag}>"))
            continue
        if kind == "heading":
            out.append(_block_html(entry, f"h{min(max(entry.block.level, 2), 6)}", context))
        elif kind == "quote":
            out.append(Markup("<blockquote>") + _block_html(entry, "p", context) + Markup("</blockquote>"))
        elif kind == "rule":
            out.append(Markup("<hr>"))
        elif kind == "code":
            out.append(Markup("<pre><code>") + escape(entry.block.text) + Markup("</code></pre>"))
        else:
            out.append(_block_html(entry, "p", context))
        index += 1
    return out


def _name_html(signatory: Signatory, numbered: bool = False) -> Markup:
    """One name line: its number as written (never a renumbering list counter), the name isolated
    with `<bdi>` so a right-to-left name cannot reorder the number or its neighbours."""
    if signatory.cells:  # a table row among plain names: its cells side by side
        return Markup(" ").join(Markup('<bdi class="cell">') + Markup(render_name(cell)) + Markup("</bdi>")
                                for cell in signatory.cells)
    if signatory.number:
        lead = Markup('<span class="number">') + escape(signatory.number) + Markup("</span>")
    elif signatory.bullet:
        lead = Markup('<span class="bullet" aria-hidden="true">•</span>')
    elif numbered:  # an unnumbered line among numbered ones lines up with their names
        lead = Markup('<span class="number"></span>')
    else:
        lead = Markup("")
    return lead + Markup("<bdi>") + Markup(render_name(signatory.name)) + Markup("</bdi>")


def signatory_count_text(letter: Letter, locale: str) -> str:
    """ "109 signatories" in the edition's language, as the page prints it above the names."""
    count = letter.signatory_count
    return UI(locale).ngettext("{n} signatory", "{n} signatories", count, n=format_decimal(count, locale=locale))


def _row_html(signatory: Signatory, width: int) -> list[Markup]:
    """A table row's cells; a plain name among table rows spans the whole row."""
    if signatory.cells:
        return [Markup("<td><bdi>") + Markup(render_name(cell)) + Markup("</bdi></td>") for cell in signatory.cells]
    span = f' colspan="{width}"' if width > 1 else ""
    return [Markup(f"<td{span}>") + _name_html(signatory) + Markup("</td>")]


#: Files offered beside a web page: the format's name (the same in every language) and media type.
FILE_FORMATS = {"pdf": ("PDF", "application/pdf"),
                "docx": ("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                "odt": ("OpenDocument", "application/vnd.oasis.opendocument.text")}


def edition_page(
    edition: Edition,
    *,
    locales: list[str],
    drafts: Drafts,
    pdf_name: str | None,
    css_href: str | None,
    untranslated: frozenset[str] = frozenset(),
    site: Site | None = None,
    editable: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The template's `page` values; the same dict serves the web page and the print version
    (`css_href=None`). `editable` names the Word/ODT files built beside the page."""
    ui = UI(edition.locale)
    letter = edition.letter
    site = site or Site()
    is_untranslated = edition.state is State.UNTRANSLATED
    # An untranslated edition is the original letter: the page is in the original's language,
    # and only the edition's own words (its notices, headings of the list) are in the target's.
    page_lang = letter.language if is_untranslated else edition.locale
    printed = css_href is None
    context = _Context(drafts is Drafts.PROOF, ui, page_lang, edition.locale, notes=[] if printed else None)
    # The letter's own text first, so its links are numbered in reading order.
    title_html = _block_html(edition.title, "h1", context, ' id="title"')
    description_html = (_block_html(edition.description, "p", context, ' class="description"')
                        if edition.description else "")
    body = _body(edition, context)
    ui_lang = Markup(f' lang="{escape(html_lang(edition.locale))}"') if page_lang != edition.locale else Markup("")
    groups = []
    for headings, columns, group in edition.groups:
        groups.append({
            "headings": [_block_html(h, f"h{min(max(h.block.level, 2), 6)}", context) for h in headings],
            "tag": "ol" if group.ordered else "ul",
            "plain": not any(s.number or s.bullet for s in group.signatories),
            "columns": [_block_html(c, "th", context, ' scope="col"') for c in columns],
            "names": [_name_html(s, group.ordered) for s in group.signatories],
            "table": bool(columns) or (bool(group.signatories) and all(s.cells for s in group.signatories)),
            "rows": [_row_html(s, max(len(columns), 1)) for s in group.signatories],
        })
    original = language_name(letter.language, edition.locale)
    running = ""
    if is_untranslated:
        running = ui.gettext("Not translated: original text ({original})", original=original)
    elif edition.has_drafts and drafts is not Drafts.HIDE:
        running = ui.gettext("Draft: machine translation, not yet reviewed")
    footer = [ui.gettext("Web edition: {url}", url=site.edition_url(letter.slug, edition.locale))
              if site.url else "",
              ui.gettext("Contact: {email}", email=site.contact) if site.contact else ""]
    date = format_date(letter.date, format="long", locale=printed_locale(edition.locale)) if letter.date else None
    alternates = [Alternate(code, site.edition_href(letter.slug, code), native_name(code), code == edition.locale,
                            code not in untranslated) for code in protocol_order(locales)]
    return {
        "lang": html_lang(page_lang),
        "ui_lang": ui_lang,
        "dir": text_direction(page_lang),
        "state": edition.state.value,
        "proof": context.proof,
        "untranslated": is_untranslated,
        "original_language": original,
        "title_text": plain_text(edition.title.text),
        "title_html": title_html,
        "description_text": plain_text(edition.description.text) if edition.description else "",
        "description_html": description_html,
        "date": date,
        "date_iso": letter.date.isoformat() if letter.date else None,
        "body": body,
        "link_notes": context.notes or [],
        "groups": groups,
        # The count goes under the section's own level-2 heading; a first group's label alone
        # ("Organisations") is not one, or the total would read as that group's count.
        "has_own_signatory_heading": bool(edition.groups and edition.groups[0][0]
                                          and edition.groups[0][0][0].block.level <= 2),
        "signatory_count": letter.signatory_count,
        "signatory_count_text": format_decimal(letter.signatory_count, locale=edition.locale),
        "draft_notice": edition.has_drafts and drafts is not Drafts.HIDE and not is_untranslated,
        # The draft notice already says that untranslated parts appear in the original language.
        "missing_notice": bool(edition.counts[State.MISSING]) and not is_untranslated
        and not (edition.has_drafts and drafts is not Drafts.HIDE),
        "switcher": alternates,
        "pdf_href": pdf_name,
        # Format names, not words: "Word (.docx)" reads the same in every language.
        "editable": [{"href": name, "type": FILE_FORMATS[kind][1], "label": f"{FILE_FORMATS[kind][0]} (.{kind})"}
                     for name, kind in ((name, name.rsplit(".", 1)[-1]) for name in editable)] if not printed else [],
        "css_href": css_href,
        "print_css": Markup(_print_css(ui, running, [line for line in footer if line])),
        "meta": page_metadata(edition, site, alternates, date, untranslated=is_untranslated),
    }


def language_name(code: str, in_locale: str) -> str:
    """A language's name in another language ("Englisch"), for notices about the original."""
    from babel import Locale

    try:
        return Locale.parse(in_locale).languages.get(code.split("_")[0]) or native_name(code)
    except (ValueError, LookupError):
        return native_name(code)


def _print_css(ui: UI, running: str, footer: list[str]) -> str:
    """The printed page's margin boxes, in the edition's words: page numbers, the running notice
    on every page of a draft or untranslated edition, the web address and contact."""
    page_label = ui.gettext("Page {n} of {total}")
    css = f"@page {{ @bottom-right {{ content: {page_label_content(page_label)}; }} }}"
    if running:
        css += (f" @page {{ @top-center {{ content: {css_string(running)}; color: #7a4300;"
                f" font: 700 8.5pt 'LL Sans', sans-serif; }} }}")
    if footer:
        lines = ' "\\a " '.join(css_string(line) for line in footer)
        css += f" @page {{ @bottom-left {{ content: {lines}; white-space: pre; }} }}"
    return css


def render_edition(edition: Edition, project_templates: Path | None, **options: Any) -> str:
    page = edition_page(edition, **options)
    return environment(project_templates).get_template("edition.html").render(
        page=page, ui=UI(edition.locale), edition=edition
    )


def render_index(letters: list[dict[str, Any]], project_templates: Path | None, locale: str, *,
                 switcher: list[dict[str, Any]], css_href: str) -> str:
    page = {"lang": html_lang(locale), "dir": text_direction(locale), "switcher": switcher, "css_href": css_href}
    return environment(project_templates).get_template("index.html").render(page=page, ui=UI(locale), letters=letters)
