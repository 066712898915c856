"""Real documents that mirror the three example letters, for testing document import.

`import` must turn a Word file, an OpenDocument file, a Google Docs "Web page (.html)" export or a
saved campaign page back into the letter: title, body, links, lists, and every signatory line as
written. Each builder makes a genuine file of that kind (python-docx, pandoc, HTML in the shape
those tools write) from a description parsed out of the plain-text copies in `tests/data/import/`
(byte-for-byte those in `../shared/letters/`), so a test can compare what import finds with what
the letter says. The same call always gives the same bytes (zip timestamps and dates are fixed).

`python tests/documents.py FOLDER` writes every variant into FOLDER, to open them by hand.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import os
import re
import struct
import subprocess
import sys
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

import docx
import pypandoc
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, RGBColor
from docx.text.paragraph import Paragraph

SOURCES = Path(__file__).resolve().parent / "data" / "import"
FILES = {"2022-web": "2022-commission-proposal-web.txt", "2022": "2022-commission-proposal.md.txt",
         "2025": "2025-csar-open-letter.md.txt"}
#: The 2025 copy has no title line; this is the title the repository gives it (`import --title`).
TITLE_2025 = "Open Letter: Put Children's Online Safety First and Adopt a Robust CSAR"
#: Logo captions above the 2022 list (text the logo images left behind): not signatories.
LOGO_RESIDUE_2022 = ("THORN ¹", "Terre des Hommes", "International Federation", "CHILDIO RAINN",
                     "Putting children at the heart of Europe", "Porrfri Barndom")


@dataclass(frozen=True)
class Run:
    """A piece of inline text; `url` makes it a link."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None


Inline = tuple[Run, ...]


@dataclass(frozen=True)
class Block:
    """A body paragraph (`kind` "p", one item) or a bulleted list ("ul", one item per bullet)."""

    kind: str
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Group:
    """Signatories under one label. `names` exactly as written, without list marker or number;
    `numbers` as the source prints them (None: unnumbered); `marker` "number", "bullet" (the web
    copy's "•") or "line" (one name a line); `breaks`: indexes of the names the source precedes
    with a blank line inside the list (the 2025 list has three: before 12, 60 and 106)."""

    label: str | None
    names: tuple[str, ...]
    numbers: tuple[int, ...] | None
    marker: str
    breaks: tuple[int, ...] = ()

    @property
    def lines(self) -> list[str]:
        """The lines as a reader sees them: "12. Austrian Network ..." or the bare name."""
        if self.numbers is None:
            return list(self.names)
        return [f"{number}. {name}" for number, name in zip(self.numbers, self.names)]


@dataclass(frozen=True)
class Letter:
    """One letter as its copy gives it. `cue` is the signature cue line ("SIGNED"), if any;
    `residue` is copy that is not the letter (logo captions, the news page around the web copy)."""

    key: str
    title: str
    date: str | None
    body: tuple[Block, ...]
    cue: str | None
    groups: tuple[Group, ...]
    residue: tuple[str, ...]


# --- the letters, parsed from their copies --------------------------------------------------------

_INLINE = re.compile(r"\*\*(?P<b>.+?)\*\*|\*(?P<i>[^*]+?)\*|\[(?P<t>[^\]]+)\]\((?P<u>[^)]*)\)")
_BULLET = re.compile(r"^\s*[-•]\s+")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")


def slug(text: str) -> str:
    """ASCII words joined by hyphens: for stand-in link targets and organisations' sites."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def _inline(text: str, key: str, links: list[str]) -> Inline:
    """`**bold**`, `*italic*` and `[text](url)` as runs. The copies lost every link target (all
    are `#`), so each link gets a distinct stand-in on example.org; the letter's first one has a
    query string, which Google Docs must escape (`%3F`, `%3D`, `%26`) inside its redirect URL."""
    runs: list[Run] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            runs.append(Run(text[pos:match.start()]))
        if match["b"]:
            runs.append(Run(match["b"], bold=True))
        elif match["i"]:
            runs.append(Run(match["i"], italic=True))
        else:
            url = match["u"] if match["u"] not in ("", "#") else f"https://example.org/{key}/{slug(match['t'])}"
            url += "" if links else "?lang=en&id=1"
            links.append(url)
            runs.append(Run(match["t"], url=url))
        pos = match.end()
    return tuple(runs + ([Run(text[pos:])] if pos < len(text) else []))


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines (a line of NBSPs is blank), each line stripped."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _body(blocks: list[list[str]], key: str) -> tuple[Block, ...]:
    links: list[str] = []
    body = []
    for block in blocks:
        if all(_BULLET.match(line) for line in block):
            body.append(Block("ul", tuple(_inline(_BULLET.sub("", line), key, links) for line in block)))
        else:
            body.append(Block("p", (_inline(" ".join(block), key, links),)))
    return tuple(body)


def _parse(key: str) -> Letter:
    blocks = _blocks((SOURCES / FILES[key]).read_text(encoding="utf-8").split("\n"))
    if key == "2025":  # salutation and body, "SIGNED", then "1. ..." to "109. ..." in four runs
        cue = blocks.index(["SIGNED"])
        names: list[str] = []
        numbers, breaks = [], []
        for block in blocks[cue + 1:]:
            breaks += [len(names)] if names else []
            for line in block:
                match = _NUMBERED.match(line)
                assert match, line
                numbers.append(int(match[1]))
                names.append(match[2])
        group = Group(None, tuple(names), tuple(numbers), "number", tuple(breaks))
        return Letter(key, TITLE_2025, None, _body(blocks[:cue], key), "SIGNED", (group,), ())
    contact = next(i for i, block in enumerate(blocks) if block[0].startswith("For more information"))
    if key == "2022":  # title, body, contact line, logo captions, then one name a line
        residue = [line for block in blocks[contact + 1:contact + 6] for line in block]
        assert tuple(residue) == LOGO_RESIDUE_2022, residue
        group = Group(None, tuple(line for block in blocks[contact + 6:] for line in block), None, "line")
        return Letter(key, blocks[0][0], None, _body(blocks[1:contact + 1], key), None, (group,), tuple(residue))
    # the web copy: a news story quoting the letter, the letter, "•" names, then news teasers
    title = next(i for i, block in enumerate(blocks) if block[0].startswith("The full letter reads")) + 1
    listed = blocks[contact + 1]
    names = [_BULLET.sub("", line) for line in listed if _BULLET.match(line)]
    residue = [" ".join(b) for b in blocks[:title]] + listed[len(names):] + [x for b in blocks[contact + 2:] for x in b]
    return Letter(key, blocks[title][0], blocks[1][0].removeprefix("Published:").strip(),
                  _body(blocks[title + 1:contact + 1], key), None, (Group(None, tuple(names), None, "bullet"),),
                  tuple(residue))


LETTERS: dict[str, Letter] = {key: _parse(key) for key in FILES}

#: Every signatory line as a reader sees it, in order, numbers as printed ("2. AFEM").
EXPECTED_NAMES: dict[str, list[str]] = {key: [line for group in letter.groups for line in group.lines]
                                        for key, letter in LETTERS.items()}

# How many signatories. Every line is one: none of the three copies has a line of comma-separated
# people. The lines with a comma are one signatory each: a person with an affiliation ("Andrew
# Briercliffe, Child Safety Online", "Sonia Livingstone, LSE"), an organisation with its country or
# legal form ("Breza Association, Croatia", "Asociace Dítě a Rodina, z.s."). So:
# - "2022-web": 53 "•" lines, although the news story around it says "signed by 54 ... organisations";
# - "2022": 103 lines once the six logo-caption lines above them (LOGO_RESIDUE_2022) are left out
#   ("More than 100" in the title; the README says "~100");
# - "2025": numbered 1 to 109 without a gap or repeat, and the text says "We, **109 signatories**".
EXPECTED_COUNT: dict[str, int] = {"2022-web": 53, "2022": 103, "2025": 109}
for _key, _lines in EXPECTED_NAMES.items():
    if len(_lines) != EXPECTED_COUNT[_key]:
        raise RuntimeError(f"{FILES[_key]} changed: {len(_lines)} signatory lines, not {EXPECTED_COUNT[_key]}")

#: The plain label `labels="plain"` puts before a comma-joined group that has no label or cue of
#: its own: not in any source; without it nothing marks the paragraph as names.
COMMA_CUE = "Signed by:"


def comma_group(letter_key: str) -> int | None:
    """The group `labels="plain"` writes as one comma-separated paragraph: the first unnumbered
    group with no comma inside a name (joining names that have one would make the count
    unknowable). Only "2022-web" has one; the other letters keep their lines."""
    for index, group in enumerate(LETTERS[letter_key].groups):
        if group.numbers is None and not any("," in name for name in group.names):
            return index
    return None


# --- Word ------------------------------------------------------------------------------------------

#: What `extras=True` adds that is not the letter: import must leave it out and list it. The
#: tracked insertion is unaccepted (pandoc, as import runs it, takes it as accepted).
DOCX_EXTRAS = {"image_alt": "Coalition logo", "comment": "Please check this figure before we send it.",
               "header": "Letterhead of the coalition: draft for partners",
               "footer": "Footer text: coalition secretariat, Brussels",
               "inserted": " [wording added in review]", "deleted": " [wording removed in review]"}
FOOTNOTE_TEXT = "Figures as published by the organisations at the time of writing."
_STAMP = (2024, 1, 1, 0, 0, 0)
_WHEN = "2024-03-01T10:00:00Z"


def tiny_png(width: int = 8, height: int = 8) -> bytes:
    """A valid RGB PNG made with zlib and struct: a stand-in for a logo."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes((200, 30, 60)) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def _freeze(path: Path) -> Path:
    """Rewrite a zip with fixed timestamps (entry order and compression kept, so an .odt's
    stored `mimetype` stays first): the same call gives the same bytes."""
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in items:
            fixed = zipfile.ZipInfo(info.filename, date_time=_STAMP)
            fixed.compress_type, fixed.external_attr = info.compress_type, 0o644 << 16
            archive.writestr(fixed, data)
    return path


def _hyperlink_style(document: WordDocument) -> str:
    """Word's "Hyperlink" character style, added once: links carry it, as Word writes them."""
    if "Hyperlink" not in [style.name for style in document.styles]:
        style = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        style.font.color.rgb, style.font.underline = RGBColor(0x05, 0x63, 0xC1), True
    return str(document.styles["Hyperlink"].style_id)


def _runs(document: WordDocument, paragraph: Paragraph, runs: Inline) -> None:
    """Runs with real bold/italic; links as w:hyperlink pointing at an external relationship."""
    for run in runs:
        if run.url is None:
            added = paragraph.add_run(run.text)
            added.bold, added.italic = run.bold or None, run.italic or None
            continue
        link = OxmlElement("w:hyperlink", {qn("r:id"): paragraph.part.relate_to(run.url, RT.HYPERLINK, True)})
        element, props = OxmlElement("w:r"), OxmlElement("w:rPr")
        props.append(OxmlElement("w:rStyle", {qn("w:val"): _hyperlink_style(document)}))
        props.extend(OxmlElement(tag) for flag, tag in ((run.bold, "w:b"), (run.italic, "w:i")) if flag)
        text = OxmlElement("w:t", {qn("xml:space"): "preserve"})
        text.text = run.text
        element.extend([props, text])
        link.append(element)
        paragraph._p.append(link)


def _numbered(document: WordDocument, group: Group, typed: bool) -> None:
    """A numbered group. Word numbering: one w:num per run of consecutive numbers, over one
    decimal abstractNum, each with a startOverride, so each group starts where its source starts
    (python-docx's "List Number" style would go on counting from the previous list). A blank line
    in the source is an empty paragraph; Word's count goes on across it, as when someone presses
    Enter twice. `typed`: the numbers are text in plain paragraphs ("1. Alpha")."""
    assert group.numbers is not None
    numbering = document.part.numbering_part.element
    if not numbering.xpath("w:abstractNum[@w:abstractNumId='90']"):
        numbering.xpath("w:abstractNum")[-1].addnext(parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
            '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'))
    num_id = 0
    for index, (number, name) in enumerate(zip(group.numbers, group.names)):
        if index in group.breaks:
            document.add_paragraph()
        if typed:
            document.add_paragraph(f"{number}. {name}")
            continue
        if index == 0 or number != group.numbers[index - 1] + 1:
            num = numbering.add_num(90)
            num.add_lvlOverride(ilvl=0).add_startOverride(number)
            num_id = num.numId
        num_pr = OxmlElement("w:numPr")
        num_pr.append(OxmlElement("w:ilvl", {qn("w:val"): "0"}))
        num_pr.append(OxmlElement("w:numId", {qn("w:val"): str(num_id)}))
        document.add_paragraph(name, style="List Paragraph")._p.get_or_add_pPr().insert(1, num_pr)


def _table(document: WordDocument, group: Group) -> None:
    """A group as a table with a bold header row: "No." | "Signatory" for a numbered group (the
    number typed in its cell), "Organisation" | "Country" when every name is "Name, Country"
    (split at the last comma; none of these letters), else one column, "Organisation"."""
    if group.numbers is not None:
        header, rows = ["No.", "Signatory"], [[f"{n}.", name] for n, name in zip(group.numbers, group.names)]
    elif all(", " in name for name in group.names):
        header, rows = ["Organisation", "Country"], [name.rsplit(", ", 1) for name in group.names]
    else:
        header, rows = ["Organisation"], [[name] for name in group.names]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text


def _label(document: WordDocument, text: str, labels: str) -> None:
    if labels == "plain":
        document.add_paragraph().add_run(text).bold = True
    else:
        document.add_paragraph(text, style="Heading 2")


def _extras(document: WordDocument, paragraphs: list[Paragraph]) -> None:
    """A comment, a tracked insertion and deletion (w:ins/w:del, as Word writes them with Track
    Changes on), a page header and a footer."""
    commented = next(p for p in paragraphs if p.runs and len(p.text) > 60)
    comment = document.add_comment(commented.runs[0], text=DOCX_EXTRAS["comment"], author="Reviewer", initials="R")
    comment._comment_elm.set(qn("w:date"), _WHEN)
    stamp, tracked = f'w:author="Reviewer" w:date="{_WHEN}"', paragraphs[len(paragraphs) // 2]._p
    tracked.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="901" {stamp}><w:r><w:t xml:space="preserve">'
                             f'{xml_escape(DOCX_EXTRAS["inserted"])}</w:t></w:r></w:ins>'))
    tracked.append(parse_xml(f'<w:del {nsdecls("w")} w:id="902" {stamp}><w:r><w:delText xml:space="preserve">'
                             f'{xml_escape(DOCX_EXTRAS["deleted"])}</w:delText></w:r></w:del>'))
    document.sections[0].header.paragraphs[0].text = DOCX_EXTRAS["header"]
    document.sections[0].footer.paragraphs[0].text = DOCX_EXTRAS["footer"]


def make_docx(letter_key: str, path: Path, *, numbering: str = "word", table: bool = False, extras: bool = False,
              footnote: bool = False, labels: str = "heading") -> Path:
    """The letter as Word writes it: the title in "Title" style, the date, body runs with real
    bold/italic and hyperlinks, body lists in "List Bullet", the cue and group labels as "Heading 2",
    signatories as an auto-numbered list (numbering="word") or typed numbers ("typed"), "List
    Bullet" paragraphs, or one plain paragraph a name.

    labels="plain": cue and labels as bold plain paragraphs, and the `comma_group` as a single
    comma-separated paragraph after COMMA_CUE, the shape that once lost 89 of 90 names.
    table: the first group as a Word table. extras: an inline image (alt text "Coalition logo"),
    a comment, a page header and footer, one tracked insertion and one deletion (DOCX_EXTRAS).
    footnote: built by pandoc, FOOTNOTE_TEXT a real footnote on the first long paragraph (no
    other flag applies then)."""
    if numbering not in ("word", "typed") or labels not in ("heading", "plain"):
        raise ValueError(f"numbering={numbering!r}, labels={labels!r}")
    path = Path(path)
    if footnote:
        if table or extras or numbering != "word" or labels != "heading":
            raise ValueError("the footnote variant is built by pandoc and takes no other flag")
        return _pandoc(markdown(letter_key, footnote=True), "docx", path)
    letter = LETTERS[letter_key]
    document = docx.Document()
    document.core_properties.title = letter.title
    document.add_paragraph(letter.title, style="Title")
    if extras:
        picture = document.add_paragraph().add_run().add_picture(io.BytesIO(tiny_png()), width=Inches(0.4))
        picture._inline.docPr.set("descr", DOCX_EXTRAS["image_alt"])
    if letter.date:
        document.add_paragraph(letter.date)
    paragraphs = []
    for block in letter.body:
        for item in block.items:
            paragraph = document.add_paragraph(style="List Bullet" if block.kind == "ul" else None)
            _runs(document, paragraph, item)
            paragraphs += [paragraph] if block.kind == "p" else []
    if letter.cue:
        _label(document, letter.cue, labels)
    for index, group in enumerate(letter.groups):
        if labels == "plain" and index == comma_group(letter_key):
            cue = group.label or (None if letter.cue else COMMA_CUE)
            if cue:
                _label(document, cue, labels)
            document.add_paragraph(", ".join(group.names))
            continue
        if group.label:
            _label(document, group.label, labels)
        if table and index == 0:
            _table(document, group)
        elif group.numbers is not None:
            _numbered(document, group, numbering == "typed")
        else:
            for name in group.names:
                document.add_paragraph(name, style="List Bullet" if group.marker == "bullet" else None)
    if extras:
        _extras(document, paragraphs)
    document.save(str(path))
    return _freeze(path)


# --- pandoc: OpenDocument, and the Word footnote variant ------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~^@$&])")


def _md(text: str) -> str:
    """Text as pandoc Markdown (`smart` off, so quotes stay as written): markup characters
    escaped, and a leading "12." or "-" escaped so a name never becomes a list item."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", re.sub(r"^([-+])(\s)", r"\\\1\2", text))


def _md_runs(runs: Inline) -> str:
    parts = []
    for run in runs:
        text = _md(run.text)
        text = f"**{text}**" if run.bold else f"*{text}*" if run.italic else text
        parts.append(f"[{text}]({run.url})" if run.url else text)
    return "".join(parts)


def markdown(letter_key: str, *, footnote: bool = False) -> str:
    """The letter as pandoc Markdown: title and date as metadata, the body, cue and labels as
    `##`, numbered groups as ordered lists starting at the source's number (a new list where the
    source leaves a blank line, starting at the number it shows there). `footnote` puts `[^1]`
    after the first long body paragraph."""
    letter = LETTERS[letter_key]
    out = ["---", f"title: {json.dumps(letter.title, ensure_ascii=False)}"]
    out += [f"date: {json.dumps(letter.date, ensure_ascii=False)}"] if letter.date else []
    out += ["---", ""]
    noted = not footnote
    for block in letter.body:
        if block.kind == "ul":
            out += [f"- {_md_runs(item)}" for item in block.items] + [""]
            continue
        text = _md_runs(block.items[0])
        if not noted and len(text) > 60:
            text, noted = text + "[^1]", True
        out += [text, ""]
    out += [f"## {_md(letter.cue)}", ""] if letter.cue else []
    for group in letter.groups:
        out += [f"## {_md(group.label)}", ""] if group.label else []
        for index, name in enumerate(group.names):
            out += ["", "<!-- -->", ""] if index in group.breaks else []
            if group.numbers is not None:
                out.append(f"{group.numbers[index]}. {_md(name)}")
            else:
                out += [f"- {_md(name)}"] if group.marker == "bullet" else [_md(name), ""]
        out.append("")
    out += [f"[^1]: {_md(FOOTNOTE_TEXT)}", ""] if footnote else []
    return "\n".join(out)


def _pandoc(source: str, to: str, path: Path) -> Path:
    """pypandoc's own pandoc binary; SOURCE_DATE_EPOCH fixes the dates it writes."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1704067200"}
    subprocess.run([pypandoc.get_pandoc_path(), "-f", "markdown-smart", "-t", to, "-o", str(path)],
                   input=source.encode("utf-8"), check=True, env=env, capture_output=True)
    return _freeze(path)


def make_odt(letter_key: str, path: Path) -> Path:
    """The letter as OpenDocument text (pandoc's writer): title, date, links, and numbered lists
    whose text:start-value is the source's number, so LibreOffice shows the source's numbers."""
    return _pandoc(markdown(letter_key), "odt", Path(path))


# --- Google Docs "File > Download > Web page (.html)" ---------------------------------------------

_FONT = 'vertical-align:baseline;font-size:11pt;font-family:"Arial";text-decoration:none;color:#000000'
_GDOCS_STYLE = (
    "ol{margin:0;padding:0}"
    f".c0{{{_FONT};font-weight:400;font-style:normal}}.c1{{{_FONT};font-weight:700;font-style:normal}}"
    f".c2{{{_FONT};font-weight:400;font-style:italic}}"
    ".c3{padding-top:0pt;padding-bottom:0pt;line-height:1.15;orphans:2;widows:2;text-align:left}"
    ".c4{padding-top:0pt;padding-bottom:3pt;line-height:1.15;page-break-after:avoid;text-align:left}"
    ".c5{color:#1155cc;text-decoration:underline}.c6{padding:0;margin:0}"
    ".c7{padding-top:18pt;padding-bottom:6pt;line-height:1.15;page-break-after:avoid;text-align:left}"
    '.c8{color:#000000;font-weight:400;font-size:16pt;font-family:"Arial"}'
    ".c9{background-color:#ffffff;max-width:451.4pt;padding:72pt 72pt 72pt 72pt}.c10{height:11pt}"
    '.c11{color:inherit;text-decoration:inherit}.c12{font-size:26pt;font-family:"Arial";font-weight:400}'
    '.title{padding-top:0pt;color:#000000;font-size:26pt;padding-bottom:3pt;font-family:"Arial";line-height:1.15}'
    ".li-bullet-0:before{margin-left:-18pt;white-space:nowrap;display:inline-block;min-width:18pt}")
_SPACER = '<p class="c3 c10"><span class="c0"></span></p>'


def _kix(name: str, numbered: bool) -> str:
    """The CSS Google Docs writes for one list: its own counter for a numbered one."""
    if not numbered:
        return f'ul.lst-kix_{name}-0{{list-style-type:none}}.lst-kix_{name}-0>li:before{{content:"\\0025cf   "}}'
    counter = f"lst-ctn-kix_{name}-0"
    return (f"ol.lst-kix_{name}-0{{list-style-type:none}}.lst-kix_{name}-0>li{{counter-increment:{counter}}}"
            f'.lst-kix_{name}-0>li:before{{content:"" counter({counter},decimal) ". "}}'
            f"ol.lst-kix_{name}-0.start{{counter-reset:{counter} 0}}")


def google_redirect(url: str) -> str:
    """A link target as Google Docs exports it: the real URL escaped inside google.com/url?q=."""
    usg = base64.urlsafe_b64encode(hashlib.sha1(url.encode()).digest()).decode()[:24]
    return f"https://www.google.com/url?q={quote(url, safe=':/')}&sa=D&source=editors&ust=1700000000000000&usg=AOvVaw{usg}"


def _gdocs_spans(runs: Inline) -> str:
    """Spans whose class alone says bold (c1: font-weight:700) or italic (c2), plain text being
    font-weight:400 (c0); a link is a c5 span around <a class="c11">."""
    parts = []
    for run in runs:
        text = escape(run.text)
        if run.url:
            parts.append(f'<span class="c5"><a class="c11" href="{escape(google_redirect(run.url))}">{text}</a></span>')
        else:
            parts.append(f'<span class="{"c1" if run.bold else "c2" if run.italic else "c0"}">{text}</span>')
    return "".join(parts)


def make_google_docs_html(letter_key: str, path: Path) -> Path:
    """The letter as Google Docs exports it: one <p> a paragraph styled by classes only, empty
    spacer paragraphs between blocks, the title as p.title, the cue and labels as <h2>, every link
    through google.com/url?q=, and a numbered list cut into several <ol> where the source leaves a
    blank line, each later one without the "start" class and with start="N" where its count goes
    on (2025: 1, 12, 60, 106), as Google Docs does when a list is interrupted."""
    letter = LETTERS[letter_key]
    css = [_kix("b0", False)] + [_kix(f"{'n' if g.numbers else 's'}{i}", bool(g.numbers))
                                 for i, g in enumerate(letter.groups) if g.marker != "line"]
    out = ['<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">',
           f'<style type="text/css">{"".join(css)}{_GDOCS_STYLE}</style></head><body class="c9 doc-content">',
           f'<p class="c4 title" id="h.t{slug(letter.key)}"><span class="c12">{escape(letter.title)}</span></p>']
    if letter.date:
        out.append(f'<p class="c3"><span class="c0">{escape(letter.date)}</span></p>')
    for block in letter.body:
        out.append(_SPACER)
        if block.kind == "p":
            out.append(f'<p class="c3">{_gdocs_spans(block.items[0])}</p>')
        else:
            items = "".join(f'<li class="c3 li-bullet-0">{_gdocs_spans(item)}</li>' for item in block.items)
            out.append(f'<ul class="c6 lst-kix_b0-0 start">{items}</ul>')
    for index, (label, group) in enumerate([(letter.cue, None), *((g.label, g) for g in letter.groups)]):
        if label:
            out += [_SPACER, f'<h2 class="c7" id="h.s{index}"><span class="c8">{escape(label)}</span></h2>']
        if group is None:
            continue
        if group.marker == "line":
            out += [f'<p class="c3"><span class="c0">{escape(name)}</span></p>' for name in group.names]
            continue
        tag, kix = ("ol", f"n{index - 1}") if group.numbers else ("ul", f"s{index - 1}")
        cuts = [0, *group.breaks, len(group.names)]
        for part, (start, end) in enumerate(zip(cuts, cuts[1:])):
            out += [_SPACER] if part else []
            opening = f'<{tag} class="c6 lst-kix_{kix}-0{"" if part else " start"}"'
            opening += f' start="{group.numbers[start]}"' if group.numbers else ""
            items = "".join(f'<li class="c3 li-bullet-0"><span class="c0">{escape(name)}</span></li>'
                            for name in group.names[start:end])
            out.append(f"{opening}>{items}</{tag}>")
    out.append("</body></html>")
    Path(path).write_text("".join(out), encoding="utf-8")
    return Path(path)


# --- a saved campaign web page --------------------------------------------------------------------

_CHROME = {
    "cookie": "We use cookies to make this site work and to understand how visitors use it.",
    "cookie_buttons": ["Accept all cookies", "Reject optional cookies", "Cookie settings"],
    "site": "Northlight Coalition", "menu": ["Who we are", "Our campaigns", "Newsroom", "Donate now"],
    "share": "Share this letter", "share_links": ["Share on Facebook", "Share on LinkedIn", "Post on X", "Copy link"],
    "related": "Related news",
    # the real news teasers that followed the 2022 web copy; "Catherine Brown" is also a 2025
    # signatory: the name must stay, the headline must go
    "headlines": ["Catherine Brown named as new IWF Chair",
                  "Discord steps up bid to rid internet of ‘appalling’ child sexual abuse imagery",
                  "New tool allows police around the world to scan for known abuse imagery in 'seconds'"],
    "days": ["27 November 2023", "21 November 2023", "20 November 2023"],
    "footer": ["© 2024 Northlight Coalition. All rights reserved.", "Imprint", "Privacy policy"],
    "newsletter": ["Sign up for our newsletter", "Your e-mail address", "Subscribe"],
}
#: Text on the saved page that is not the letter; none of it may end up in an imported letter.
WEB_PAGE_CHROME: list[str] = [text for value in _CHROME.values() for text in ([value] if isinstance(value, str)
                                                                              else value)]


def _web_runs(runs: Inline) -> str:
    parts = []
    for run in runs:
        text = escape(run.text, quote=False)
        text = f"<strong>{text}</strong>" if run.bold else f"<em>{text}</em>" if run.italic else text
        parts.append(f'<a href="{escape(run.url)}">{text}</a>' if run.url else text)
    return "".join(parts)


def make_web_page(letter_key: str, path: Path) -> Path:
    """A campaign site's page with the letter, saved from a browser: cookie banner, header and
    menu, the letter in <main><article> under its <h1>, date line and share buttons, every
    signatory a link to its organisation's site (link-dense lists are what main-content
    extractors throw away as navigation), then "Related news" in an <aside>, and a footer with
    imprint and a newsletter form. WEB_PAGE_CHROME lists the page's own text."""
    letter, c = LETTERS[letter_key], _CHROME
    links = {key: "".join(f'<a href="/{slug(word)}/">{word}</a>' for word in c[key]) for key in ("menu", "share_links")}
    out = ['<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
           f'<title>{escape(letter.title)} | {c["site"]}</title><link rel="stylesheet" href="/site.css"></head><body>',
           f'<div class="cookie-banner" role="dialog"><p>{c["cookie"]}</p><button>{c["cookie_buttons"][0]}</button>'
           f'<button>{c["cookie_buttons"][1]}</button><a href="/cookies/">{c["cookie_buttons"][2]}</a></div>',
           f'<header><a class="logo" href="/">{c["site"]}</a><nav>{links["menu"]}</nav></header>',
           f'<main id="content"><article class="post"><h1>{escape(letter.title)}</h1>']
    if letter.date:
        when = dt.datetime.strptime(letter.date, "%a %d %b %Y").date().isoformat()
        out.append(f'<p class="post-date"><time datetime="{when}">{escape(letter.date)}</time></p>')
    out.append(f'<div class="share"><span>{c["share"]}</span>{links["share_links"]}</div><div class="entry-content">')
    for block in letter.body:
        if block.kind == "p":
            out.append(f"<p>{_web_runs(block.items[0])}</p>")
        else:
            out.append("<ul>" + "".join(f"<li>{_web_runs(item)}</li>" for item in block.items) + "</ul>")
    out += [f"<h2>{escape(letter.cue)}</h2>"] if letter.cue else []
    for group in letter.groups:
        out += [f"<h3>{escape(group.label)}</h3>"] if group.label else []
        tag = "ol" if group.numbers else "ul"
        out.append(f'<{tag} class="signatories"{f" start={group.numbers[0]}" if group.numbers else ""}>' + "".join(
            f'<li><a href="https://www.{slug(name)}.example.org/">{escape(name)}</a></li>' for name in group.names)
            + f"</{tag}>")
    out.append(f'</div></article><aside class="related"><h2>{c["related"]}</h2><ul>' + "".join(
        f'<li><a href="/news/{slug(headline)}/">{escape(headline)}</a> <span class="date">{day}</span></li>'
        for headline, day in zip(c["headlines"], c["days"])) + "</ul></aside></main>")
    (copyright_, imprint, privacy), (signup, placeholder, subscribe) = c["footer"], c["newsletter"]
    out.append(f'<footer><p>{escape(copyright_)}</p><a href="/imprint/">{imprint}</a> <a href="/privacy/">{privacy}'
               f'</a><form class="newsletter" action="/subscribe" method="post"><label for="email">{signup}</label>'
               f'<input id="email" type="email" placeholder="{placeholder}"><button>{subscribe}</button></form>'
               "</footer></body></html>\n")
    Path(path).write_text("\n".join(out), encoding="utf-8")
    return Path(path)


# --- broken inputs --------------------------------------------------------------------------------

_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
#: The broken or misnamed inputs `make_hostile` builds, and why each matters.
HOSTILE = {
    "truncated_docx": "a download cut short: the first 60% of a valid .docx (no zip directory)",
    "zip_not_document": "a zip holding only readme.txt, named .docx",
    "old_doc": "an old binary Word file: the OLE2 signature, then zeros to 4096 bytes",
    "encrypted_docx": "a password-protected .docx: Office wraps it in OLE2 with an EncryptionInfo stream",
    "docx_named_txt": "a valid .docx saved as letter.txt: the kind must come from the bytes, not the name",
    "html_named_docx": "a Google Docs HTML letter saved with a .docx name",
    "empty_docx": "a valid .docx whose body has no paragraph at all",
}


def make_hostile(kind: str, folder: Path, letter_key: str = "2025") -> Path:
    """One broken or misnamed input (a key of HOSTILE) in `folder`, for the error tests. Each
    kind has its own file name, so all fit in one folder; `letter_key` is the letter inside the
    ones that hold one."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "truncated_docx":
        path = make_docx(letter_key, folder / "truncated.docx")
        path.write_bytes(path.read_bytes()[:path.stat().st_size * 6 // 10])
        return path
    if kind == "zip_not_document":
        path = folder / "not-a-document.docx"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(zipfile.ZipInfo("readme.txt", date_time=_STAMP), "Just a zip file, not a letter.\n")
        return path
    if kind in ("old_doc", "encrypted_docx"):
        data = bytearray(_OLE2.ljust(4096, b"\0"))
        marker = "EncryptionInfo".encode("utf-16-le") if kind == "encrypted_docx" else b""
        data[1024:1024 + len(marker)] = marker
        path = folder / ("protected.docx" if marker else "old-letter.doc")
        path.write_bytes(bytes(data))
        return path
    if kind == "docx_named_txt":
        return make_docx(letter_key, folder / "docx-saved-as.docx").replace(folder / "letter.txt")
    if kind == "html_named_docx":
        return make_google_docs_html(letter_key, folder / "html-saved-as.html").replace(folder / "html-saved-as.docx")
    if kind == "empty_docx":
        docx.Document().save(str(folder / "empty.docx"))
        return _freeze(folder / "empty.docx")
    raise ValueError(f"no hostile input {kind!r}: one of {', '.join(HOSTILE)}")


#: The Word variants `write_all` writes, by file-name suffix.
DOCX_VARIANTS: dict[str, dict[str, Any]] = {"": {}, "-typed": {"numbering": "typed"}, "-table": {"table": True},
                                           "-extras": {"extras": True}, "-footnote": {"footnote": True},
                                           "-plain-labels": {"labels": "plain"}}


def write_all(folder: Path) -> list[Path]:
    """Every variant of every letter, and the broken inputs under `hostile/`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for key in LETTERS:
        made += [make_docx(key, folder / f"{key}{suffix}.docx", **flags) for suffix, flags in DOCX_VARIANTS.items()]
        made += [make_odt(key, folder / f"{key}.odt"), make_google_docs_html(key, folder / f"{key}-gdocs.html"),
                 make_web_page(key, folder / f"{key}-page.html")]
    return made + [make_hostile(kind, folder / "hostile") for kind in HOSTILE]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/documents.py FOLDER")
    for written in write_all(Path(sys.argv[1])):
        print(written)
