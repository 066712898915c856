"""The letter on a saved web page, or in a Google Docs or office HTML export, as clean HTML.

A web page holds the letter among menus, cookie banners, share buttons and related news.
trafilatura finds the main content, but on its own it cannot be trusted with names: it drops
a list whose every item is a link (the usual shape of a signatory list) as link-heavy
boilerplate. So it is used only to *locate* the letter: the smallest element that holds the
text it kept is taken whole, minus navigation, asides, footers and forms, and the text
importer, which never drops a possible name, reads all of it. What was left out is listed.

An export (Google Docs, Word, LibreOffice, pandoc) is the letter and nothing else: it is read
whole, after undoing Google's habits (bold and italic as CSS classes, links through
google.com/url, footnotes and comments as anchors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from lxml import etree, html

#: Elements that are never the letter: their text is listed as dropped.
_FURNITURE = {"nav": "navigation", "aside": "aside (related content)", "footer": "page footer",
              "form": "form", "button": "button", "dialog": "dialog"}
_FURNITURE_ROLES = {"navigation": "navigation", "complementary": "aside (related content)",
                    "contentinfo": "page footer", "search": "search", "banner": "page banner"}
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "link", "meta")
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "dd", "dt", "pre")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_GENERATORS = re.compile(r"microsoft word|libreoffice|openoffice|pandoc|google docs|writer|pages", re.IGNORECASE)


@dataclass
class CleanPage:
    html: str  # the letter's HTML
    kind: str  # "web page", "Google Docs export", "HTML document"
    title: str | None = None  # the page's title, when the letter itself has no heading
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (text, why)
    notes: list[str] = field(default_factory=list)
    endnotes: list[str] = field(default_factory=list)  # footnote texts (HTML), in order


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def clean_page(source: str) -> CleanPage:
    """The letter's HTML out of a whole page, with what was left out."""
    document = html.document_fromstring(source)
    google = _is_google_docs(source, document)
    styles = " ".join(style.text or "" for style in document.iter("style")) if google else ""
    for element in list(document.iter(*_INVISIBLE)):
        element.drop_tree()
    if google:
        return _google_docs(document, styles)
    if _is_export(document):
        body = document.find("body")
        return CleanPage(html.tostring(body if body is not None else document, encoding="unicode"), "HTML document")
    return _main_content(source, document)


def _is_google_docs(source: str, document: html.HtmlElement) -> bool:
    body = document.find("body")
    classes = (body.get("class") or "") if body is not None else ""
    return "doc-content" in classes.split() or "lst-kix_" in source or "docs-internal-guid" in source


def _is_export(document: html.HtmlElement) -> bool:
    generator = " ".join(meta.get("content") or "" for meta in document.iter("meta")
                         if (meta.get("name") or "").lower() == "generator")
    return bool(_GENERATORS.search(generator))


# -- web pages ---------------------------------------------------------------------------------

def _squeezed(text: str) -> str:
    return "".join(text.split())


def _main_content(source: str, document: html.HtmlElement) -> CleanPage:
    import trafilatura

    page = CleanPage("", "web page")
    found = trafilatura.bare_extraction(source, include_links=True, include_formatting=True, include_tables=True,
                                        favor_recall=True, with_metadata=True)
    kept = ""
    extracted = getattr(found, "body", None)
    if extracted is not None:
        kept = _squeezed(" ".join(extracted.itertext()))
        page.title = getattr(found, "title", None) or None
    body = document.find("body")
    if body is None:
        body = document
    # Long blocks the extractor kept locate the letter; short ones ("Delta") could be anywhere.
    matches = [element for element, text in ((element, _squeezed(_text(element))) for element in body.iter(*_BLOCKS))
               if len(text) >= 25 and text in kept]
    region = _common_ancestor(matches) if matches else body
    # A heading over the article, outside it (a page banner with the h1), is still its title.
    if region is not body and not any(True for _ in region.iter("h1")):
        heading = next(iter(body.iter("h1")), None)
        if heading is not None and _text(heading):
            page.title = _text(heading)
    after = _signatures_after(region)
    for ancestor in [region, *region.iterancestors()]:
        parent = ancestor.getparent()
        if parent is None or ancestor.tag == "body":
            break
        for sibling in parent:
            if sibling is not ancestor and isinstance(sibling.tag, str) and _shown(sibling) and sibling not in after:
                if not (page.title and _text(sibling) == page.title):
                    page.dropped.append((_shown(sibling), "outside the letter on the page"))
    for element in [region, *after]:
        _drop_furniture(element, page)
    if kept:
        _drop_before_cue(region, kept, page)
    page.html = "\n".join(html.tostring(element, encoding="unicode") for element in [region, *after])
    return page


def _signatures_after(region: etree._Element) -> list[etree._Element]:
    """A signatory list the page sets after the article, outside it (`<section>` with "Signed
    by"): names are never left behind, so such a block is taken with the letter."""
    from .import_words import is_cue

    found = []
    for ancestor in [region, *region.iterancestors()]:
        if ancestor.tag == "body" or ancestor.getparent() is None:
            break
        for sibling in ancestor.itersiblings():
            if not isinstance(sibling.tag, str) or sibling.tag in _FURNITURE or sibling.tag == "header" or \
                    (sibling.get("role") or "").lower() in _FURNITURE_ROLES:
                continue
            if any(is_cue(_text(element)) for element in sibling.iter(*_HEADINGS, "p", "strong", "b", "caption")):
                found.append(sibling)
    return found


def _drop_before_cue(region: etree._Element, kept: str, page: CleanPage) -> None:
    """Before the signature cue, what the extractor left out (share buttons, a teaser) goes;
    from the cue on, everything stays for the text importer, which never drops a possible name."""
    from .import_words import inline_cue, is_cue

    leaves = [element for element in region.iter()
              if isinstance(element.tag, str) and element.tag not in ("br", "hr", "img")
              and _text(element) and not any(child.tag in _BLOCKS + ("div", "section", "ul", "ol", "table")
                                             for child in element.iterdescendants() if isinstance(child.tag, str))
              and (element.tag in _BLOCKS or element.tag in ("div", "section", "span", "a"))]
    chosen = set(leaves)
    leaves = [element for element in leaves if not any(ancestor in chosen for ancestor in element.iterancestors())]
    cue = next((index for index, element in enumerate(leaves)
                if is_cue(_text(element)) or inline_cue(_text(element))), None)
    if cue is None:
        # No cue: the names may be anywhere after the letter's text, but never before its
        # first paragraph; what the extractor left out above that (share buttons) goes.
        cue = next((index for index, element in enumerate(leaves)
                    if element.tag not in _HEADINGS and len(_text(element).split()) >= 20
                    and _squeezed(_text(element)) in kept), 0)
    for element in leaves[:cue]:
        text = _text(element)
        dated = element.tag == "time" or any(True for _ in element.iter("time")) or (
            len(text.split()) <= 10 and _YEAR.search(text) is not None)
        headline = element.tag in _HEADINGS or re.search(r"title|headline", element.get("class") or "", re.I)
        if dated or headline:
            continue  # the letter's date or title: extractors keep them as metadata; the importer reads them
        if _squeezed(_text(element)) not in kept and element.getparent() is not None:
            page.dropped.append((_shown(element), "left out by the main-content extractor"))
            element.drop_tree()


def _shown(element: etree._Element) -> str:
    """An element's text for a report: its pieces spaced, so a menu reads "Home News", not "HomeNews"."""
    return " ".join(" ".join(element.itertext()).split())


def _common_ancestor(elements: list[etree._Element]) -> etree._Element:
    paths = [[element, *element.iterancestors()][::-1] for element in elements]
    common = paths[0][0]
    for level in range(min(len(path) for path in paths)):
        if len({id(path[level]) for path in paths}) != 1:
            break
        common = paths[0][level]
    # A lone paragraph is no container: take the block around it.
    while common.tag in _BLOCKS + ("a", "span", "strong", "em", "b", "i") and common.getparent() is not None:
        common = common.getparent()
    return common


def _drop_furniture(region: etree._Element, page: CleanPage) -> None:
    """Navigation, asides, footers and forms go. Content a script keeps folded (`hidden`,
    `display: none`, `aria-hidden`: an accordion of names) stays, and the button that unfolds
    it is its label ("Organisations (5)")."""
    for element in list(region.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if element.tag == "button" and (element.get("aria-controls") or element.get("aria-expanded")):
            element.tag = "p"
            continue
        why = _FURNITURE.get(element.tag) or _FURNITURE_ROLES.get((element.get("role") or "").lower())
        if why:
            text = _shown(element)
            if text:
                page.dropped.append((text, why))
            element.drop_tree()


# -- Google Docs ---------------------------------------------------------------------------------

_CSS_RULE = re.compile(r"\.([\w-]+)\s*\{([^}]*)\}")


def _google_docs(document: html.HtmlElement, styles: str) -> CleanPage:
    """Docs writes bold and italic as classes (`.c1{font-weight:700}`), not as <b> and <i>."""
    page = CleanPage("", "Google Docs export")
    bold, italic = set(), set()
    for name, rules in _CSS_RULE.findall(styles):
        compact = rules.replace(" ", "").lower()
        if re.search(r"font-weight:(?:bold|[6-9]00)", compact):
            bold.add(name)
        if "font-style:italic" in compact:
            italic.add(name)
    body = document.find("body")
    if body is None:
        body = document
    for anchor in list(body.iter("a")):
        href = anchor.get("href") or ""
        if href.startswith(("#cmnt", "#ftnt")):
            continue
        anchor.set("href", _unwrap_google_link(href))
    _google_notes(body, page)
    for span in list(body.iter("span")):
        classes = set((span.get("class") or "").split())
        for wanted, tag in ((bold, "strong"), (italic, "em")):
            if classes & wanted and _text(span):
                inner = etree.SubElement(span, tag)
                inner.text, span.text = span.text, None
                for child in list(span):
                    if child is not inner:
                        inner.append(child)
    for paragraph in list(body.iter("p")):
        if "title" in (paragraph.get("class") or "").split():
            paragraph.tag = "h1"
    page.html = html.tostring(body, encoding="unicode")
    return page


def _unwrap_google_link(href: str) -> str:
    """`https://www.google.com/url?q=REAL&sa=D&...` -> REAL: Docs sends every link through Google."""
    parts = urlsplit(href)
    if parts.netloc in ("www.google.com", "google.com") and parts.path == "/url":
        real = parse_qs(parts.query).get("q")
        if real:
            return real[0]
    return href


def _google_notes(body: etree._Element, page: CleanPage) -> None:
    """Comments (`#cmnt`) are dropped and listed; footnotes (`#ftnt`) become numbered notes."""
    for anchor in list(body.iter("a")):
        href = anchor.get("href") or ""
        target = anchor.get("id") or ""
        if href.startswith("#cmnt") and target.startswith("cmnt") and not target.startswith("cmnt_ref"):
            holder = _note_holder(anchor)
            text = _shown(holder).removeprefix(_shown(anchor)).strip()
            page.dropped.append((text, "comment"))
            holder.drop_tree()
        elif href.startswith("#ftnt") and target.startswith("ftnt") and not target.startswith("ftnt_ref"):
            holder = _note_holder(anchor)
            anchor.drop_tree()
            inner = html.tostring(holder, encoding="unicode")
            page.endnotes.append(inner)
            holder.drop_tree()
    number = 0
    for anchor in list(body.iter("a")):
        href = anchor.get("href") or ""
        if href.startswith("#cmnt"):
            (anchor.getparent() if anchor.getparent() is not None and anchor.getparent().tag == "sup"
             else anchor).drop_tree()  # drop_tree keeps the text after it
        elif href.startswith("#ftnt"):
            number += 1
            holder = anchor.getparent() if anchor.getparent() is not None and anchor.getparent().tag == "sup" else anchor
            marker = etree.Element("span")
            marker.text = superscript(number)
            marker.tail = holder.tail
            holder.addprevious(marker)
            holder.getparent().remove(holder)
    for div in list(body.iter("div")):
        if not _text(div) and div.getparent() is not None:
            div.drop_tree()


def _note_holder(anchor: etree._Element) -> etree._Element:
    holder = anchor
    while holder.getparent() is not None and holder.tag not in ("p", "div"):
        holder = holder.getparent()
    parent = holder.getparent()
    if holder.tag == "p" and parent is not None and parent.tag == "div" and len(parent) == 1:
        holder = parent
    return holder


_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(number: int) -> str:
    """A note's reference mark, as text that survives every format and needs no markup."""
    return str(number).translate(_SUPERSCRIPTS)
