"""Word, OpenDocument and HTML files as the Markdown the text importer reads.

The document's own structure is used rather than guessed from its text: pandoc reads headings,
paragraphs, emphasis, real link targets, lists with the numbers Word displays, tables and
footnotes. What an open letter cannot carry (images, comments, tracked changes, page headers
and footers) is left out and listed, so the person importing sees it. The result then goes
through the same signatory rules as pasted copy: conversion never decides what is a name.

Which kind a file is comes from its bytes, not its name: a .docx renamed .txt is still read as
Word, and an HTML page saved as .docx is read as HTML.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from .errors import SourceImportError
from .pandoc import Ast, PandocError, read_ast, write_text
from .web_page import clean_page, superscript
from .zipparts import Parts

#: What the importer is given: CommonMark with pipe tables and no raw HTML, one line per paragraph.
MARKDOWN = "commonmark-raw_html+pipe_tables"
KINDS = {"docx": "Word document", "odt": "OpenDocument text", "html": "HTML file", "text": "text"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ODF_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Converted:
    """A document as Markdown, with what conversion left out."""

    markdown: str
    kind: str  # for the report: "Word document", "web page", ...
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (text, why)
    notes: list[str] = field(default_factory=list)  # what the person importing must know
    endnotes: list[str] = field(default_factory=list)  # footnotes, as Markdown, in order
    #: Footnotes' blocks as found, written as Markdown all at once (one pandoc run, not one each).
    note_blocks: list[list[Any]] = field(default_factory=list, repr=False)


def sniff(data: bytes, shown: str) -> str:
    """"docx", "odt", "html" or "text", from the bytes; anything else is refused in one line."""
    if data.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in data or b"EncryptedPackage" in data:
            raise SourceImportError("is password-protected (encrypted): save a copy without a password and import "
                                    "that", shown)
        raise SourceImportError("is an old binary Word (.doc) or other Office file, which cannot be read: save it as "
                                ".docx (Word: File > Save As > Word Document) and import that", shown)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, shown)
    if data.startswith(b"%PDF"):
        raise SourceImportError("is a PDF, which keeps no paragraphs or lists to import: use the document it was "
                                "made from (.docx, .odt) or copy its text into a .txt file", shown)
    if data.startswith(b"{\\rtf"):
        raise SourceImportError("is an RTF file: save it as .docx or .odt and import that", shown)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return "html"
    if head.startswith((b"<head", b"<body", b"<meta", b"<div", b"<p", b"<h1", b"<article")):
        return "html"
    return "text"


def _sniff_zip(data: bytes, shown: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
    except (zipfile.BadZipFile, EOFError, OSError, KeyError, ValueError):
        raise SourceImportError("is a damaged or incomplete zip file (a .docx/.odt cut short?): "
                                "save the document again and import the new copy", shown) from None
    if "word/document.xml" in names:
        return "docx"
    if mimetype == "application/vnd.oasis.opendocument.text":
        if b"encryption-data" in manifest:
            raise SourceImportError("is password-protected (encrypted): save a copy without a password and import "
                                    "that", shown)
        return "odt"
    if mimetype.startswith("application/vnd.oasis.opendocument."):
        raise SourceImportError(f"is an OpenDocument file of another kind ({mimetype.rsplit('.', 1)[-1]}), not a text "
                                "document: save the letter as .odt or .docx", shown)
    if any(name.startswith(("xl/", "ppt/")) for name in names):
        raise SourceImportError("is a spreadsheet or presentation, not a text document: save the letter as "
                                ".docx or .odt", shown)
    raise SourceImportError("is a zip archive but not a Word (.docx) or OpenDocument (.odt) document", shown)


def convert(data: bytes, kind: str, shown: str) -> Converted:
    """A .docx, .odt or HTML file (its bytes) as Markdown for `import_text`."""
    if kind == "html":
        return _from_html(_decode_html(data, shown), shown)
    converted = Converted("", KINDS[kind])
    if kind == "docx":
        data = _text_boxes_inline(data, converted)
    try:
        ast = read_ast(data, kind)
    except PandocError as exc:
        raise SourceImportError(f"could not be read as a {KINDS[kind]} ({exc}); nothing was written", shown) from None
    if kind == "docx":
        _inspect_docx(Parts(data), converted)
    else:
        _inspect_odt(Parts(data), converted)
    converted.markdown = _markdown(ast, converted)
    return converted


def _decode_html(data: bytes, shown: str) -> str:
    charset = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
    encodings = [charset.group(1).decode("ascii")] if charset else []
    for encoding in [*encodings, "utf-8", "cp1252"]:
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except (UnicodeDecodeError, LookupError):
            continue
    raise SourceImportError("is not readable text in any encoding it names", shown)


def _from_html(source: str, shown: str) -> Converted:
    page = clean_page(source)
    try:
        ast = read_ast(page.html.encode("utf-8"), "html")
    except PandocError as exc:
        raise SourceImportError(f"could not be read as HTML ({exc}); nothing was written", shown) from None
    converted = Converted("", page.kind, dropped=list(page.dropped), notes=list(page.notes))
    if page.endnotes:  # already numbered in the text; each note in a <div> of its own
        notes = read_ast("".join(f"<div>{note}</div>" for note in page.endnotes).encode("utf-8"), "html")
        converted.note_blocks.extend(_walk(div["c"][1], converted, ast) for div in notes["blocks"]
                                     if div["t"] == "Div")
    markdown = _markdown(ast, converted)
    if page.title and not markdown.lstrip().startswith("# "):
        first, _, rest = markdown.lstrip().partition("\n")
        if first.startswith(page.title) and len(first.split()) <= 25 and not first.rstrip().endswith("."):
            markdown = f"# {first}\n{rest}"  # the page's own headline, of which <title> is a short form
        elif first.strip().lstrip("#").strip() != page.title:
            markdown = f"# {page.title}\n\n{markdown}"
    converted.markdown = markdown
    return converted


def _markdown(ast: Ast, converted: Converted) -> str:
    """Drop what a letter cannot carry (listing it), take footnotes out as numbered notes, and
    write the rest as Markdown, the title (Word's Title style) first."""
    meta = ast.get("meta", {})
    blocks = _walk(ast["blocks"], converted, ast)
    head = []
    for key in ("title", "subtitle", "date"):
        value = meta.get(key)
        if value:
            inlines = value["c"] if value["t"] == "MetaInlines" else [{"t": "Str", "c": _meta_text(value)}]
            head.append({"t": "Header" if key == "title" else "Para",
                         "c": [1, ["", [], []], inlines] if key == "title" else inlines})
    for key in ("author", "abstract"):
        if meta.get(key):
            converted.dropped.append((_meta_text(meta[key]), f"document {key} (not part of the letter)"))
    text = write_text({**ast, "meta": {}, "blocks": head + blocks}, MARKDOWN)
    converted.endnotes = _notes_markdown(converted.note_blocks, ast)
    # pandoc puts `&nbsp;` between two lists that Markdown would otherwise join into one.
    text = re.sub(r"^&nbsp;$", "", text, flags=re.MULTILINE)
    return _TYPED_MARKER.sub(lambda match: match.group(0).replace("\\", "", 1), text)


#: pandoc escapes a number or dash typed at the start of a paragraph (`12\. Name`) so that no
#: list is made of it; the importer reads typed numbers itself, as in pasted copy.
_TYPED_MARKER = re.compile(r"^(?:\d{1,4}\\[.)] |\\- )", re.MULTILINE)


def _meta_text(value: Any) -> str:
    """The words of AST nodes, without their attributes (a Span's classes are no text)."""
    if isinstance(value, dict):
        kind = value.get("t")
        if kind == "Str":
            return str(value["c"])
        if kind in ("Space", "SoftBreak", "LineBreak"):
            return " "
        if kind in ("Code", "Math"):
            return str(value["c"][1])
        if kind in ("RawInline", "RawBlock"):
            return ""
        if kind in ("Span", "Link", "Image", "Quoted", "Cite", "Div"):
            return _meta_text(value["c"][1])
        return _meta_text(value.get("c", ""))
    if isinstance(value, list):
        return "".join(_meta_text(item) for item in value)
    return str(value) if isinstance(value, str) else ""


_GONE = object()  # what _walk returns for a node it leaves out


class _Several(list):
    """Blocks that replace one block (a paragraph split at its line breaks)."""


def _walk(node: Any, converted: Converted, ast: Ast) -> Any:
    if isinstance(node, list):
        out: list[Any] = []
        for kept in (_walk(item, converted, ast) for item in node):
            if isinstance(kept, _Several):
                out.extend(kept)
            elif kept is not _GONE:
                out.append(kept)
        return out
    if not isinstance(node, dict) or "t" not in node:
        return node
    kind = node["t"]
    if kind == "Image":
        _attr, alt, (target, _title) = node["c"]
        converted.dropped.append((f"{_meta_text(alt) or 'image'} ({target})".strip(), "image"))
        return _GONE
    if kind == "Figure":
        _attr, caption, content = node["c"]
        text = _meta_text(caption[1]) if caption and len(caption) > 1 else ""
        _walk(content, converted, ast)  # lists the images
        if text:
            converted.dropped.append((text, "image caption"))
        return _GONE
    if kind == "Note":
        converted.note_blocks.append(_walk(node["c"], converted, ast))
        return {"t": "Str", "c": superscript(len(converted.note_blocks))}
    if kind == "Table":
        return _plain_table(node, converted, ast)
    if kind in ("RawBlock", "RawInline"):
        return _GONE
    if kind in ("Para", "Plain") and not _meta_text(node["c"]).strip():
        return _GONE  # an empty paragraph (Word's spacing with a no-break space) says nothing
    if kind in ("Para", "Plain") and any(inline.get("t") == "LineBreak" for inline in node["c"]):
        # Lines under each other (names separated by <br>, Shift+Enter): one line each, as the
        # importer reads pasted lines; Markdown's hard break would end each with a backslash.
        lines: list[list[Any]] = [[]]
        for inline in _walk(node["c"], converted, ast):
            if inline.get("t") == "LineBreak":
                lines.append([])
            else:
                lines[-1].append(inline)
        return _Several({"t": kind, "c": _strip_spaces(line)} for line in lines if _meta_text(line).strip())
    if "c" in node:
        return {**node, "c": _walk(node["c"], converted, ast)}
    return node


_NOTE_BREAK = "LETTERLINGONOTEBREAK"


def _notes_markdown(notes: list[list[Any]], ast: Ast) -> list[str]:
    """Each footnote's blocks as one line of Markdown, all written by one pandoc run."""
    if not notes:
        return []
    blocks: list[Any] = []
    for note in notes:
        blocks += [*note, {"t": "Para", "c": [{"t": "Str", "c": _NOTE_BREAK}]}]
    text = write_text({**ast, "meta": {}, "blocks": blocks}, MARKDOWN)
    return [" ".join(piece.split("\n\n")).strip() for piece in text.split(_NOTE_BREAK)[:len(notes)]]


def _strip_spaces(inlines: list[Any]) -> list[Any]:
    while inlines and inlines[0].get("t") in ("Space", "SoftBreak"):
        inlines = inlines[1:]
    while inlines and inlines[-1].get("t") in ("Space", "SoftBreak"):
        inlines = inlines[:-1]
    return inlines


def _cell_lines(blocks: list[Any]) -> list[list[Any]]:
    """A table cell's lines: each paragraph, each line break (Shift+Enter), each list item."""
    lines: list[list[Any]] = []
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            line: list[Any] = []
            for inline in block["c"]:
                if inline["t"] == "LineBreak":
                    lines.append(line)
                    line = []
                else:
                    line.append(inline)
            lines.append(line)
        elif block["t"] in ("BulletList", "OrderedList"):
            items = block["c"] if block["t"] == "BulletList" else block["c"][1]
            for item in items:
                lines.extend(_cell_lines(item))
        elif block["t"] in ("Div", "BlockQuote"):
            lines.extend(_cell_lines(block["c"][1] if block["t"] == "Div" else block["c"]))
        elif block["t"] == "Header":
            lines.append(block["c"][2])
    return [line for line in lines if _meta_text(line).strip()]


def _plain_table(node: dict[str, Any], converted: Converted, ast: Ast) -> dict[str, Any]:
    """A table Markdown can write: one line per cell. A cell of several lines (names under each
    other with Shift+Enter, or two paragraphs) keeps every line, joined with " / ", and the
    report says so; merged cells are unmerged (the text stays in the first)."""
    walked = {**node, "c": _walk(node["c"], converted, ast)}
    attr, caption, specs, head, bodies, foot = walked["c"]
    joined = 0

    def row(cells: list[Any]) -> list[Any]:
        nonlocal joined
        out = []
        for cell in cells:
            cell_attr, align, _rows, _cols, blocks = cell
            lines = _cell_lines(blocks)
            if len(lines) > 1:
                joined += 1
            inlines: list[Any] = []
            for line in lines:
                inlines += ([{"t": "Str", "c": " / "}] if inlines else []) + line
            out.append([cell_attr, align, 1, 1, [{"t": "Plain", "c": inlines}] if inlines else []])
        return out

    head = [head[0], [[r[0], row(r[1])] for r in head[1]]]
    bodies = [[b[0], b[1], [[r[0], row(r[1])] for r in b[2]], [[r[0], row(r[1])] for r in b[3]]] for b in bodies]
    head_cells = [cell for row in head[1] for cell in row[1] if cell[4]]
    first_rows = bodies[0][3] if bodies else []
    if not head_cells and len(first_rows) >= 2 and all(_column_label(cell[4]) for cell in first_rows[0][1]
                                                       if cell[4]) and any(cell[4] for cell in first_rows[0][1]):
        # An ODT or HTML table whose bold first row ("No. | Organisation") labels its columns.
        head = [head[0], [first_rows[0]]]
        bodies[0][3] = first_rows[1:]
    elif head[1] and bodies and not all(_column_label(cell[4]) for cell in head[1][0][1] if cell[4]):
        # Word marks a table's first row as its header by default; "Access Now | EDRi" is names.
        bodies[0][3] = head[1] + bodies[0][3]
        width = len(head[1][0][1])
        head = [head[0], [[["", [], []], [[["", [], []], {"t": "AlignDefault"}, 1, 1, []] for _ in range(width)]]]]
        converted.notes.append("a table's first row was taken as names, not as column labels; if it labels the "
                               "columns, make it a bold row or a header row")
    foot = [foot[0], [[r[0], row(r[1])] for r in foot[1]]]
    if joined:
        converted.notes.append(f"{joined} table cell(s) held several lines (names under each other?): each "
                               "cell's lines were kept on one line, joined with ' / '; split them if they are "
                               "separate signatories")
    return {"t": "Table", "c": [attr, caption, specs, head, bodies, foot]}


#: Words that label a column of a signatory table, in the EU's languages.
_COLUMN_WORDS = re.compile(
    r"^(?:no\.?|nr\.?|n[º°]\.?|#|organi[sz]ations?|names?|country|countries|city|town|location|role|position|"
    r"function|title|affiliation|institution|website|type|members?|signator(?:y|ies)|individuals?|"
    r"organisation(?:en)?|land|stadt|ort|funktion|unterzeichner(?:\*?innen)?|nom|pays|ville|fonction|"
    r"nombre|país|ciudad|organización|nome|paese|città|organizzazione|naam|organisatie|nazwa|kraj|miasto|"
    r"organizacja|imię i nazwisko|όνομα|χώρα|οργάνωση|nome|país|organização|име|държава|организация|"
    r"jméno|země|organizace|navn|namn|organisation|nimi|maa|järjestö|név|ország|szervezet|ainm|tír|"
    r"vardas|šalis|organizacija|vārds|valsts|organizācija|isem|pajjiż|organizzazzjoni|nume|țară|"
    r"organizație|meno|krajina|organizácia|ime|država|organizacija|naziv|nimi)$", re.IGNORECASE)


def _column_label(blocks: list[Any]) -> bool:
    """A header cell that labels its column: bold, or a word such as "Organisation" or "Pays"."""
    inlines = [inline for block in blocks if block["t"] in ("Plain", "Para") for inline in block["c"]]
    while len(inlines) == 1 and inlines[0]["t"] == "Span":
        inlines = inlines[0]["c"][1]
    if inlines and all(inline["t"] == "Strong" for inline in inlines if inline["t"] not in ("Space", "SoftBreak")):
        return True
    return bool(_COLUMN_WORDS.match(_meta_text(inlines).strip().rstrip(":").strip()))


def _xml(parts: Parts, name: str) -> etree._Element | None:
    try:
        return parts.xml(name)
    except (KeyError, etree.XMLSyntaxError):
        return None


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _text_boxes_inline(data: bytes, converted: Converted) -> bytes:
    """pandoc skips text boxes, and a list of names is sometimes set in one: their paragraphs
    are moved into the text, after the paragraph that anchors the box."""
    try:
        parts = Parts(data)
        root = parts.xml("word/document.xml")
    except (zipfile.BadZipFile, KeyError, EOFError, OSError, etree.XMLSyntaxError):
        return data  # pandoc gives the reason
    body = root.find(f"{_W}body")
    moved = 0
    for paragraph in list(body) if body is not None else ():
        if paragraph.tag != f"{_W}p":
            continue
        boxes = [box for box in paragraph.iter(f"{_W}txbxContent")
                 if not any(ancestor.tag == f"{_MC}Fallback" for ancestor in box.iterancestors())]
        if not boxes:
            continue
        anchor = paragraph
        for box in boxes:
            for inner in box.findall(f"{_W}p"):
                copied = etree.fromstring(etree.tostring(inner))
                for nested in list(copied.iter(f"{_W}txbxContent")):
                    nested.getparent().remove(nested)
                anchor.addnext(copied)
                anchor = copied
            moved += 1
        for run in [run for run in paragraph.findall(f"{_W}r") if run.find(f".//{_W}txbxContent") is not None]:
            paragraph.remove(run)
    if not moved:
        return data
    converted.notes.append(f"{moved} text box(es): their text was taken into the letter after the paragraph that "
                           "holds them; check where it landed")
    parts.set_xml("word/document.xml", root)
    return parts.to_bytes()


def _inspect_docx(parts: Parts, converted: Converted) -> None:
    """List what pandoc leaves out of a Word file: comments, headers and footers, and say how many
    tracked changes were taken as accepted."""
    document = _xml(parts, "word/document.xml")
    if document is not None:
        inserted = len(document.findall(f".//{_W}ins")) + len(document.findall(f".//{_W}moveTo"))
        deleted = len(document.findall(f".//{_W}del")) + len(document.findall(f".//{_W}moveFrom"))
        if inserted or deleted:
            converted.notes.append(
                f"the document has unaccepted tracked changes ({inserted} insertion(s), {deleted} deletion(s)): "
                "they were imported as if accepted; accept or reject them in Word and import again to be sure")
    comments = _xml(parts, "word/comments.xml")
    for comment in comments.iter(f"{_W}comment") if comments is not None else ():
        converted.dropped.append((_words(comment), f"comment by {comment.get(f'{_W}author') or 'someone'}"))
    for name in sorted(parts.contents):
        match = re.fullmatch(r"word/(header|footer)\d*\.xml", name)
        part = _xml(parts, name) if match else None
        if match and part is not None and _worded(_words(part)):
            converted.dropped.append((_words(part), f"page {match.group(1)}"))


def _inspect_odt(parts: Parts, converted: Converted) -> None:
    content = _xml(parts, "content.xml")
    if content is not None:
        changes = content.findall(f".//{{{_ODF_TEXT}}}changed-region")
        if changes:
            converted.notes.append(
                f"the document has {len(changes)} unaccepted tracked change(s): the text was imported as "
                "LibreOffice shows it with changes recorded; accept or reject them and import again to be sure")
        for note in content.iter(f"{{{_ODF_OFFICE}}}annotation"):
            text = " ".join(_words(p) for p in note.iter(f"{{{_ODF_TEXT}}}p"))
            author = note.find("{http://purl.org/dc/elements/1.1/}creator")
            by = f" by {author.text}" if author is not None and author.text else ""
            converted.dropped.append((text, f"comment{by}"))
    styles = _xml(parts, "styles.xml")
    for tag, what in (("header", "page header"), ("footer", "page footer")):
        for part in styles.iter(f"{{{_ODF_STYLE}}}{tag}") if styles is not None else ():
            if _worded(_words(part)):
                converted.dropped.append((_words(part), what))


def _words(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _worded(text: str) -> bool:
    """A header or footer with words in it; a page number alone is not worth reporting."""
    return any(char.isalpha() for char in text)


def read_source(path: Path, data: bytes) -> tuple[str, Converted | None]:
    """The source's kind and, for a document, its conversion; text is left to the text importer."""
    kind = sniff(data, str(path))
    if kind == "text":
        return kind, None
    return kind, convert(data, kind, str(path))
