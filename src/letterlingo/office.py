"""Word (.docx) and OpenDocument (.odt) editions, for partners who adapt and send on the letter.

The edition is built as a pandoc document from the same model as the web page and the PDF, and
pandoc writes the file with the project's reference document (fonts, page, named styles). Text
and names go in as literal strings, never as Markdown for pandoc to read again, so its Markdown
dialect cannot change a name. Names are paragraphs in the "Signatory" style with their numbers
typed as written (a Word list would renumber them the moment someone edits it); the list is set
in two columns, unless it holds a table, which needs the page's width. Every run carries its language, so Word's spelling and hyphenation use the
right one, and a block shown in the original language says so.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

from babel.dates import format_date
from lxml import etree
from markdown_it.token import Token

from .edition import Drafts, Edition, RenderedBlock, State
from .languages import html_lang, printed_locale
from .markdown import name_markdown, name_source
from .model import Signatory
from .pandoc import Ast, api_version, write_binary
from .publishing import Site
from .typography import body_markdown, without_dead_links
from .ui import UI
from .zipparts import Parts

#: Paragraph styles the reference documents define; pandoc applies them by name.
SIGNATORY_STYLE = "Signatory"
COUNT_STYLE = "Signatory Count"
NOTICE_STYLE = "Notice"
DATE_STYLE = "Letter Date"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#: A bulleted name's mark: typed, like the numbers, and left out when `verify` reads the name.
BULLET = "• "
#: A zip's dates start in 1980: a letter without a date is stamped with that day.
_NO_DATE = 315532800


def _str(text: str) -> dict[str, Any]:
    return {"t": "Str", "c": text}


def _attr(lang: str | None = None, style: str | None = None) -> list[Any]:
    pairs = []
    if lang:
        pairs.append(["lang", lang])
    if style:
        pairs.append(["custom-style", style])
    return ["", [], pairs]


def _inlines(tokens: list[Token]) -> list[dict[str, Any]]:
    """markdown-it's inline tokens as pandoc inlines: text stays one literal string."""
    out: list[dict[str, Any]] = []
    stack: list[tuple[str, list[dict[str, Any]], Any]] = []
    current = out
    for token in tokens:
        kind = token.type
        if kind in ("text", "html_inline"):
            if token.content:
                current.append(_str(token.content))
        elif kind == "code_inline":
            current.append({"t": "Code", "c": [["", [], []], token.content]})
        elif kind == "softbreak":
            current.append({"t": "Space"})
        elif kind == "hardbreak":
            current.append({"t": "LineBreak"})
        elif kind.endswith("_open"):
            stack.append((kind[:-5], current, token.attrGet("href")))
            current = []
        elif kind.endswith("_close") and stack:
            name, parent, href = stack.pop()
            content, current = current, parent
            if name == "strong":
                current.append({"t": "Strong", "c": content})
            elif name == "em":
                current.append({"t": "Emph", "c": content})
            elif name == "s":
                current.append({"t": "Strikeout", "c": content})
            elif name == "link" and href:
                current.append({"t": "Link", "c": [["", [], []], content, [str(href), ""]]})
            else:
                current.extend(content)
        elif kind == "image":
            current.append(_str(token.content))  # a letter's pictures are not carried; their words are
    return out


def body_inlines(text: str, language: str) -> list[dict[str, Any]]:
    """A block's inline Markdown in the language's typography (quotes, no-break spaces), as
    the web page and the PDF show it."""
    inlines: list[dict[str, Any]] = []
    for token in body_markdown(language).parseInline(text):
        inlines.extend(_inlines(without_dead_links(token.children or [])))
    return inlines


def name_inlines(text: str) -> list[dict[str, Any]]:
    inlines: list[dict[str, Any]] = []
    for token in name_markdown().parseInline(name_source(text)):
        inlines.extend(_inlines(token.children or []))
    return inlines


def _span(inlines: list[dict[str, Any]], lang: str | None) -> list[dict[str, Any]]:
    return [{"t": "Span", "c": [_attr(lang), inlines]}] if lang else inlines


def _styled(style: str, blocks: list[dict[str, Any]]) -> dict[str, Any]:
    return {"t": "Div", "c": [_attr(style=style), blocks]}


def _para(inlines: list[dict[str, Any]]) -> dict[str, Any]:
    return {"t": "Para", "c": inlines}


def _block_inlines(entry: RenderedBlock, edition_lang: str, page_lang: str) -> list[dict[str, Any]]:
    language = entry.lang or edition_lang
    lang = html_lang(language) if language != page_lang else None
    return _span(body_inlines(entry.text, language), lang)


def _body(edition: Edition, edition_lang: str, page_lang: str) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    index = 0
    body = edition.body
    while index < len(body):
        entry = body[index]
        block = entry.block
        if block.kind == "list item":
            items = []
            while (index < len(body) and body[index].block.kind == "list item"
                   and body[index].block.list_id == block.list_id):
                items.append(body[index])
                index += 1
            blocks.extend(_list(items, edition_lang, page_lang))
            continue
        inlines = _block_inlines(entry, edition_lang, page_lang)
        if block.kind == "heading":
            blocks.append({"t": "Header", "c": [min(max(block.level, 1), 6), ["", [], []], inlines]})
        elif block.kind == "quote":
            blocks.append({"t": "BlockQuote", "c": [_para(inlines)]})
        elif block.kind == "rule":
            blocks.append({"t": "HorizontalRule"})
        elif block.kind == "code":
            blocks.append({"t": "CodeBlock", "c": [["", [], []], block.text]})
        else:
            blocks.append(_para(inlines))
        index += 1
    return blocks


def _list(items: list[RenderedBlock], edition_lang: str, page_lang: str) -> list[dict[str, Any]]:
    """A list; an ordered one is split where its numbers jump, so each shows the number written."""
    contents = [[{"t": "Plain", "c": _block_inlines(item, edition_lang, page_lang)}] for item in items]
    if not items[0].block.ordered:
        return [{"t": "BulletList", "c": contents}]
    lists: list[dict[str, Any]] = []
    start = None
    run: list[Any] = []
    expected = None
    for item, content in zip(items, contents):
        number = item.block.number if item.block.number is not None else (expected or 1)
        if run and number != expected:
            lists.append({"t": "OrderedList", "c": [[start, {"t": "Decimal"}, {"t": "Period"}], run]})
            run = []
        if not run:
            start = number
        run.append(content)
        expected = number + 1
    lists.append({"t": "OrderedList", "c": [[start, {"t": "Decimal"}, {"t": "Period"}], run]})
    return lists


def _name_para(signatory: Signatory) -> dict[str, Any]:
    """One name line as written: its number typed, never a list counter."""
    if signatory.cells:
        inlines: list[dict[str, Any]] = []
        for cell in signatory.cells:
            inlines.extend([*([_str(" | ")] if inlines else []), *name_inlines(cell)])
        return _para(inlines)
    lead = [_str(signatory.number + " ")] if signatory.number else [_str(BULLET)] if signatory.bullet else []
    return _para(lead + name_inlines(signatory.name))


def _table(columns: list[RenderedBlock], signatories: tuple[Signatory, ...], edition_lang: str,
           page_lang: str) -> dict[str, Any]:
    width = max([len(columns)] + [len(s.cells) for s in signatories])

    def cell(blocks: list[dict[str, Any]], span: int = 1) -> list[Any]:
        return [["", [], []], {"t": "AlignDefault"}, 1, span, blocks]

    def row(cells: list[list[Any]]) -> list[Any]:
        return [["", [], []], cells]

    head_rows = []
    if columns:
        head_rows.append(row([cell([{"t": "Plain", "c": _block_inlines(c, edition_lang, page_lang)}])
                              for c in columns]))
    body_rows = []
    for signatory in signatories:
        if signatory.cells:
            body_rows.append(row([cell([_styled(SIGNATORY_STYLE, [_para(name_inlines(text))])])
                                  for text in signatory.cells]))
        else:
            body_rows.append(row([cell([_styled(SIGNATORY_STYLE, [_name_para(signatory)])], width)]))
    return {"t": "Table", "c": [
        ["", [], []], [None, []], [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in range(width)],
        [["", [], []], head_rows], [[["", [], []], 0, [], body_rows]], [["", [], []], []]]}


def edition_ast(edition: Edition, drafts: Drafts, count_text: str, *, keywords: tuple[str, ...] = ()) -> Ast:
    """The whole edition as a pandoc document."""
    ui = UI(edition.locale)
    letter = edition.letter
    untranslated = edition.state is State.UNTRANSLATED
    page_lang = letter.language if untranslated else edition.locale
    ui_lang = html_lang(edition.locale) if page_lang != edition.locale else None
    blocks: list[dict[str, Any]] = []
    notice = ""
    if untranslated:
        from .templating import language_name  # templating imports the web page's whole stack

        notice = ui.gettext("Not translated: original text ({original})",
                            original=language_name(letter.language, edition.locale))
    elif edition.has_drafts and drafts is not Drafts.HIDE:
        notice = ui.gettext("Draft: machine translation, not yet reviewed")
    if notice:
        blocks.append(_styled(NOTICE_STYLE, [_para(_span([_str(notice)], ui_lang))]))
    if letter.date:
        date = format_date(letter.date, format="long", locale=printed_locale(edition.locale))
        blocks.append(_styled(DATE_STYLE, [_para(_span([_str(date)], ui_lang))]))
    if edition.description:
        blocks.append(_para(_block_inlines(edition.description, edition.locale, page_lang)))
    blocks.extend(_body(edition, edition.locale, page_lang))
    own_heading = bool(edition.groups and edition.groups[0][0] and edition.groups[0][0][0].block.level <= 2)
    count = _styled(COUNT_STYLE, [_para(_span([_str(count_text)], ui_lang))])
    if not own_heading:
        blocks.append({"t": "Header", "c": [2, ["", [], []], _span([_str(ui.gettext("Signed by"))], ui_lang)]})
        blocks.append(count)
    for number, (headings, columns, group) in enumerate(edition.groups):
        for place, heading in enumerate(headings):
            level = min(max(heading.block.level, 2), 6)
            blocks.append({"t": "Header", "c": [level, ["", [], []],
                                                _block_inlines(heading, edition.locale, page_lang)]})
            if number == 0 and place == 0 and own_heading:
                blocks.append(count)
        table = bool(columns) or (bool(group.signatories) and all(s.cells for s in group.signatories))
        if table:
            blocks.append(_table(columns, group.signatories, edition.locale, page_lang))
        elif group.signatories:
            blocks.append(_styled(SIGNATORY_STYLE, [_name_para(s) for s in group.signatories]))
    title = _block_inlines(edition.title, edition.locale, page_lang)
    meta: dict[str, Any] = {"title": {"t": "MetaInlines", "c": title},
                            "lang": {"t": "MetaString", "c": html_lang(page_lang)}}
    # No `author` or `date`: pandoc would print them under the title (the date is printed in
    # the edition's language above; the author goes into the file's properties afterwards).
    if keywords:
        meta["keywords"] = {"t": "MetaList", "c": [{"t": "MetaInlines", "c": [_str(word)]} for word in keywords]}
    return {"pandoc-api-version": api_version(), "meta": meta, "blocks": blocks}


def epoch(edition: Edition) -> int:
    """The one date written into the file: SOURCE_DATE_EPOCH, else the letter's date, else 1980."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return max(int(given), _NO_DATE)
    if edition.letter.date:
        moment = dt.datetime.combine(edition.letter.date, dt.time(12), tzinfo=dt.UTC)
        return int(moment.timestamp())
    return _NO_DATE


def write_office(edition: Edition, kind: str, reference: Path | None, drafts: Drafts, count_text: str,
                 site: Site | None = None) -> bytes:
    """The edition as .docx or .odt bytes: the same edition always gives the same bytes."""
    site = site or Site()
    data = write_binary(edition_ast(edition, drafts, count_text, keywords=site.keywords), kind, reference,
                        epoch(edition))
    return _finish(data, kind, site.author)


def _finish(data: bytes, kind: str, author: str) -> bytes:
    """What pandoc cannot do: the names in two columns, page numbers in Word, and the author in
    the file's properties without a printed author line. Each part is parsed once."""
    parts = Parts(data)
    main, properties = {"docx": ("word/document.xml", "docProps/core.xml"), "odt": ("content.xml", "meta.xml")}[kind]
    body = parts.xml(main)
    if kind == "docx":
        _docx_columns(body)
        if _FOOTER not in parts.contents:
            _add_page_numbers(parts, body)
    else:
        _odt_columns(body)
    parts.set_xml(main, body)
    if author and properties in parts.contents:
        meta = parts.xml(properties)
        _set_author(meta, kind, author)
        parts.set_xml(properties, meta)
    return parts.to_bytes()


_FOOTER = "word/footer1.xml"
_FOOTER_ID = "rIdPageNumbers"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _field(code: str, shown: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {code} '
            f'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{shown}</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _add_page_numbers(parts: Parts, document: etree._Element) -> None:
    """"3 / 5" at the foot of every page, as Word fields (a printed letter of several pages needs
    them; pandoc's reference has no footer). Numbers need no words, so no language either."""
    footer = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{_W}"><w:p><w:pPr>'
              '<w:pStyle w:val="Footer"/><w:jc w:val="right"/></w:pPr>' + _field("PAGE", "1")
              + '<w:r><w:t xml:space="preserve"> / </w:t></w:r>' + _field("NUMPAGES", "1") + "</w:p></w:ftr>")
    parts.add(_FOOTER, footer.encode("utf-8"), like="word/document.xml")
    relations = parts.xml("word/_rels/document.xml.rels")
    relation = etree.SubElement(relations, "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship")
    relation.set("Id", _FOOTER_ID)
    relation.set("Type", f"{_R}/footer")
    relation.set("Target", "footer1.xml")
    parts.set_xml("word/_rels/document.xml.rels", relations)
    types = parts.xml("[Content_Types].xml")
    override = etree.SubElement(types, "{http://schemas.openxmlformats.org/package/2006/content-types}Override")
    override.set("PartName", "/" + _FOOTER)
    override.set("ContentType", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml")
    parts.set_xml("[Content_Types].xml", types)
    for section in document.iter(_w("sectPr")):
        reference = etree.Element(_w("footerReference"), nsmap={"r": _R})
        reference.set(_w("type"), "default")
        reference.set(f"{{{_R}}}id", _FOOTER_ID)
        section.insert(0, reference)  # header and footer references come first in a section


_DC = "http://purl.org/dc/elements/1.1/"
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"


def _set_author(properties: etree._Element, kind: str, author: str) -> None:
    holder = properties if kind == "docx" else properties.find(f"{{{_OFFICE}}}meta")
    if holder is None:
        return
    for tag in (f"{{{_DC}}}creator",) if kind == "docx" else (f"{{{_META}}}initial-creator", f"{{{_DC}}}creator"):
        element = holder.find(tag)
        if element is None:
            element = etree.SubElement(holder, tag)
        element.text = author


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


def _docx_columns(root: etree._Element) -> None:
    body = root.find(_w("body"))
    if body is None:
        return
    paragraphs = list(body)
    if body.find(_w("tbl")) is not None:
        return  # a table of names needs the page's width: no columns then
    first = next((index for index, element in enumerate(paragraphs)
                  if _docx_style(element) == _style_id(SIGNATORY_STYLE)), None)
    final = body.find(_w("sectPr"))
    if first is None or final is None:
        return
    # Start the two columns at the first group's heading, if it sits right before the names.
    while first > 0 and _docx_style(paragraphs[first - 1]).startswith("Heading"):
        first -= 1
    if first == 0:
        return
    before = paragraphs[first - 1]
    if before.tag != _w("p"):
        return
    # Three sections: the letter (one column), the names (two), and an empty last one. Word and
    # LibreOffice balance a section's columns only when a continuous break follows it.
    one_column = etree.fromstring(etree.tostring(final))
    for cols in one_column.findall(_w("cols")):
        one_column.remove(cols)
    _end_section(before, one_column)
    names = etree.fromstring(etree.tostring(one_column))
    _set_type(names, "continuous")
    columns = etree.SubElement(names, _w("cols"))
    columns.set(_w("num"), "2")
    columns.set(_w("space"), "510")  # 9 mm, the printed edition's gutter
    _docx_order(names)
    closing = etree.Element(_w("p"))
    final.addprevious(closing)
    _end_section(closing, names)
    for cols in final.findall(_w("cols")):
        final.remove(cols)
    _set_type(final, "continuous")
    _docx_order(final)


def _end_section(paragraph: etree._Element, section: etree._Element) -> None:
    """Make `paragraph` the last of a section with these properties."""
    properties = paragraph.find(_w("pPr"))
    if properties is None:
        properties = etree.Element(_w("pPr"))
        paragraph.insert(0, properties)
    properties.append(section)


def _set_type(section: etree._Element, value: str) -> None:
    kind = section.find(_w("type"))
    if kind is None:
        kind = etree.SubElement(section, _w("type"))
    kind.set(_w("val"), value)
    _docx_order(section)


#: Word refuses a section whose children are out of the schema's order.
_SECTION_ORDER = ["footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType",
                  "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
                  "rtlGutter", "docGrid", "printerSettings"]


def _docx_order(section: etree._Element) -> None:
    children = list(section)
    children.sort(key=lambda child: _SECTION_ORDER.index(etree.QName(child).localname)
                  if etree.QName(child).localname in _SECTION_ORDER else len(_SECTION_ORDER))
    for child in children:
        section.remove(child)
        section.append(child)


def _docx_style(element: etree._Element) -> str:
    """A paragraph's style id."""
    style = element.find(f"{_w('pPr')}/{_w('pStyle')}")
    return (style.get(_w("val")) if style is not None else None) or ""


def _style_id(name: str) -> str:
    """The id pandoc gives a Word style: its name without spaces ("Signatory Count" -> "SignatoryCount")."""
    return re.sub(r"\s", "", name)


def _odt_columns(root: etree._Element) -> None:
    text = root.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
    styles = root.find(f"{{{_OFFICE}}}automatic-styles")
    if text is None or styles is None:
        return
    children = list(text)
    if text.find(f"{{{_TABLE}}}table") is not None:
        return  # a table of names needs the page's width: no columns then
    first = next((index for index, element in enumerate(children) if _odt_style(element) == SIGNATORY_STYLE), None)
    if first is None:
        return
    while first > 0 and etree.QName(children[first - 1]).localname == "h":
        first -= 1
    style = etree.SubElement(styles, f"{{{_STYLE}}}style")
    style.set(f"{{{_STYLE}}}name", "SignatoryColumns")
    style.set(f"{{{_STYLE}}}family", "section")
    section_properties = etree.SubElement(style, f"{{{_STYLE}}}section-properties")
    columns = etree.SubElement(section_properties, f"{{{_STYLE}}}columns")
    columns.set(f"{{{_FO}}}column-count", "2")
    columns.set(f"{{{_FO}}}column-gap", "0.9cm")
    section = etree.Element(f"{{{_TEXT}}}section")
    section.set(f"{{{_TEXT}}}style-name", "SignatoryColumns")
    section.set(f"{{{_TEXT}}}name", "Signatories")
    children[first].addprevious(section)
    for element in children[first:]:
        section.append(element)


def document_items(path: Path) -> tuple[list[str], str | None]:
    """What `verify` reads: the text of each name paragraph (and table row), and the count line."""
    parts = Parts(path.read_bytes())
    if "word/document.xml" in parts.contents:
        return _docx_items(parts.xml("word/document.xml"))
    return _odt_items(parts.xml("content.xml"))


def _docx_items(root: etree._Element) -> tuple[list[str], str | None]:
    """Name paragraphs and table rows in document order (Word keeps no other order)."""
    items: list[str] = []
    count = None
    name_style, count_style = _style_id(SIGNATORY_STYLE), _style_id(COUNT_STYLE)
    body = root.find(_w("body"))
    for element in body.iter(_w("p"), _w("tr")) if body is not None else ():
        if element.tag == _w("tr"):
            texts = [_docx_text(p) for p in element.iter(_w("p")) if _docx_style(p) == name_style]
            if texts:
                items.append(" ".join(texts))
        elif any(ancestor.tag == _w("tr") for ancestor in element.iterancestors()):
            continue
        elif _docx_style(element) == name_style:
            items.append(_docx_text(element).removeprefix(BULLET))
        elif _docx_style(element) == count_style and count is None:
            count = _docx_text(element)
    return items, count


def _docx_text(paragraph: etree._Element) -> str:
    """The text a reader sees: a run that is hidden, white or tiny does not count, so a name
    hidden that way is missing, as in the HTML."""
    parts = []
    for run in paragraph.iter(_w("r")):
        if _hidden(run.find(_w("rPr"))):
            continue
        for element in run.iter(_w("t"), _w("tab"), _w("br")):
            parts.append(element.text or "" if element.tag == _w("t") else " ")
    return "".join(parts)


def _hidden(properties: etree._Element | None) -> bool:
    if properties is None:
        return False
    for tag in ("vanish", "webHidden", "specVanish"):
        flag = properties.find(_w(tag))
        if flag is not None and flag.get(_w("val"), "true").lower() not in ("0", "false", "off"):
            return True
    color = properties.find(_w("color"))
    if color is not None and (color.get(_w("val")) or "").upper() in ("FFFFFF", "FFFFFE"):
        return True
    size = properties.find(_w("sz"))
    return size is not None and (size.get(_w("val")) or "").isdigit() and int(size.get(_w("val")) or 0) < 10


def _odt_style(element: etree._Element) -> str:
    """A paragraph's style name; ODF may spell a space in it as `_20_`."""
    return (element.get(f"{{{_TEXT}}}style-name") or "").replace("_20_", " ")


def _odt_hidden_styles(root: etree._Element) -> set[str]:
    """Text styles that hide their text: not displayed, white, or too small to read."""
    hidden = set()
    for style in root.iter(f"{{{_STYLE}}}style"):
        properties = style.find(f"{{{_STYLE}}}text-properties")
        if properties is None:
            continue
        size = properties.get(f"{{{_FO}}}font-size") or ""
        tiny = size.endswith("pt") and size[:-2].replace(".", "", 1).isdigit() and float(size[:-2]) < 5
        if (properties.get(f"{{{_TEXT}}}display") == "none" or tiny
                or (properties.get(f"{{{_FO}}}color") or "").lower() in ("#ffffff", "#fffffe")):
            hidden.add(style.get(f"{{{_STYLE}}}name") or "")
    return hidden


def _odt_text(paragraph: etree._Element, hidden: set[str]) -> str:
    """The text a reader sees: spans in a hiding style do not count."""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        if element.get(f"{{{_TEXT}}}style-name") in hidden and element is not paragraph:
            parts.append(element.tail or "")
            return
        if etree.QName(element).localname in ("note", "annotation", "hidden-text"):
            parts.append(element.tail or "")
            return
        parts.append(element.text or "")
        for child in element:
            walk(child)
        if element is not paragraph:
            parts.append(element.tail or "")

    walk(paragraph)
    return "".join(parts)


def _odt_items(root: etree._Element) -> tuple[list[str], str | None]:
    items: list[str] = []
    count = None
    hidden = _odt_hidden_styles(root)
    body = root.find(f"{{{_OFFICE}}}body")
    for element in body.iter(f"{{{_TEXT}}}p", f"{{{_TABLE}}}table-row") if body is not None else ():
        if element.tag == f"{{{_TABLE}}}table-row":
            texts = [_odt_text(p, hidden) for p in element.iter(f"{{{_TEXT}}}p") if _odt_style(p) == SIGNATORY_STYLE]
            if texts:
                items.append(" ".join(texts))
        elif any(ancestor.tag == f"{{{_TABLE}}}table-row" for ancestor in element.iterancestors()):
            continue
        elif _odt_style(element) == SIGNATORY_STYLE:
            items.append(_odt_text(element, hidden).removeprefix(BULLET))
        elif _odt_style(element) == COUNT_STYLE and count is None:
            count = "".join(element.itertext())
    return items, count

