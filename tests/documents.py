"""Real documents that mirror the three example letters, for testing document import.

`import` must turn a Word file, an OpenDocument file, a Google Docs "Web page (.html)" export or a
saved campaign page back into the letter: title, body, links, lists, and every signatory line as
written. Each builder here makes a genuine file of that kind (python-docx, pandoc, hand-written
HTML in the shape those tools produce) from a description parsed out of the plain-text copies in
`tests/data/import/` (byte-for-byte the ones in `../shared/letters/`), so a test can compare what
import finds with what the letter really says. The same arguments always give the same bytes.

Run `python tests/documents.py FOLDER` to write every variant into FOLDER and open them by hand.
"""

from __future__ import annotations

import base64
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
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

SOURCES = Path(__file__).resolve().parent / "data" / "import"
FILES = {"2022-web": "2022-commission-proposal-web.txt", "2022": "2022-commission-proposal.md.txt",
         "2025": "2025-csar-open-letter.md.txt"}
#: The 2025 copy has no title line; this is the title the repository gives it (`import --title`).
TITLE_2025 = "Open Letter: Put Children's Online Safety First and Adopt a Robust CSAR"
#: Logo captions above the 2022 list (text left by the logo images): not signatories.
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
    """Signatories under one label. `names` are exactly as written, without the list marker;
    `numbers` are the numbers the source prints (None: unnumbered); `marker` is "number",
    "bullet" (the web copy's "•") or "line" (one name a line); `breaks` are the indexes of names
    the source precedes with a blank line inside the list (the 2025 list has three)."""

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
    """One letter as its copy gives it. `residue` is the copy's text that is not the letter
    (logo captions, the news page around the web copy), kept for reference."""

    key: str
    title: str
    date: str | None
    body: tuple[Block, ...]
    cue: str | None
    groups: tuple[Group, ...]
    residue: tuple[str, ...]


# --- the letters, parsed from their copies ---------------------------------------------------------

_INLINE = re.compile(r"\*\*(?P<b>.+?)\*\*|\*(?P<i>[^*]+?)\*|\[(?P<t>[^\]]+)\]\((?P<u>[^)]*)\)")
_BULLET = re.compile(r"^\s*(?:[-•])\s+")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")


def slug(text: str) -> str:
    """ASCII words joined by hyphens: for stand-in link targets and organisation sites."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def _inline(text: str, key: str, links: list[str]) -> Inline:
    """`**bold**`, `*italic*` and `[text](url)` as runs. The copies lost every link target (they
    are all `#`), so each link gets a distinct stand-in on example.org; the first one carries a
    query string, which Google Docs escapes (`%3F`, `%3D`, `%26`) inside its redirect URL."""
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
            if not links:
                url += "?lang=en&id=1"
            links.append(url)
            runs.append(Run(match["t"], url=url))
        pos = match.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return tuple(runs)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines (NBSP-only lines are blank), each line stripped."""
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
    lines = (SOURCES / FILES[key]).read_text(encoding="utf-8").split("\n")
    blocks = _blocks(lines)
    starts_contact = [i for i, b in enumerate(blocks) if b[0].startswith("For more information")]
    if key == "2025":
        cue_at = next(i for i, b in enumerate(blocks) if b == ["SIGNED"])
        names, numbers, breaks = [], [], []
        for block in blocks[cue_at + 1:]:
            if names:
                breaks.append(len(names))
            for line in block:
                match = _NUMBERED.match(line)
                assert match, line
                numbers.append(int(match[1]))
                names.append(match[2])
        group = Group(None, tuple(names), tuple(numbers), "number", tuple(breaks))
        return Letter(key, TITLE_2025, None, _body(blocks[:cue_at], key), "SIGNED", (group,), ())
    contact = starts_contact[0]
    if key == "2022":
        residue = [line for block in blocks[contact + 1:contact + 6] for line in block]
        assert tuple(residue) == LOGO_RESIDUE_2022, residue
        names = [line for block in blocks[contact + 6:] for line in block]
        group = Group(None, tuple(names), None, "line")
        return Letter(key, blocks[0][0], None, _body(blocks[1:contact + 1], key), None, (group,), tuple(residue))
    # the web copy: a news article quoting the letter, then the letter, then news teasers
    title_at = next(i for i, b in enumerate(blocks) if b[0].startswith("The full letter reads")) + 1
    date = blocks[1][0].removeprefix("Published:").strip()
    listed = blocks[contact + 1]
    names = [_BULLET.sub("", line) for line in listed if _BULLET.match(line)]
    teasers = listed[len(names):] + [line for block in blocks[contact + 2:] for line in block]
    intro = [" ".join(block) for block in blocks[:title_at]]
    group = Group(None, tuple(names), None, "bullet")
    return Letter(key, blocks[title_at][0], date, _body(blocks[title_at + 1:contact + 1], key), None, (group,),
                  tuple(intro + teasers))


LETTERS: dict[str, Letter] = {key: _parse(key) for key in FILES}

#: Every signatory line as a reader sees it, in order; numbers as printed ("1. AFEM" is "2. AFEM").
EXPECTED_NAMES: dict[str, list[str]] = {key: [line for g in letter.groups for line in g.lines]
                                        for key, letter in LETTERS.items()}

# How many signatories each letter has. Every line is one signatory: none of the three copies has
# a line of comma-separated people. The lines with a comma are one signatory each: a person with
# an affiliation ("Andrew Briercliffe, Child Safety Online", "Sonia Livingstone, LSE"), an
# organisation with its country or legal form ("Breza Association, Croatia", "Asociace Dítě a
# Rodina, z.s."). So:
# - "2022-web": 53 bullets, although the news text around it says "signed by 54 ... organisations".
# - "2022": 103 lines once the six logo-caption lines above the list (LOGO_RESIDUE_2022) are left
#   out; the title's "More than 100" agrees, the README's "~100" too.
# - "2025": numbered 1 to 109 without gaps, and the letter says "We, **109 signatories**".
EXPECTED_COUNT: dict[str, int] = {"2022-web": 53, "2022": 103, "2025": 109}
for _key, _names in EXPECTED_NAMES.items():
    if len(_names) != EXPECTED_COUNT[_key]:
        raise RuntimeError(f"{FILES[_key]} changed: {len(_names)} signatory lines, not {EXPECTED_COUNT[_key]}")


def comma_group(letter_key: str) -> int | None:
    """The group that `labels="plain"` writes as one comma-separated paragraph: the first
    unnumbered group with no comma inside a name (joining names that have one would make the
    count unknowable). Only "2022-web" has one; the other letters keep their lines."""
    for index, group in enumerate(LETTERS[letter_key].groups):
        if group.numbers is None and not any("," in name for name in group.names):
            return index
    return None


# --- Word -----------------------------------------------------------------------------------------

#: Text the `extras=True` variant adds that is not the letter: the importer must leave it out
#: and list it (the insertion is tracked, not accepted: pandoc takes it as accepted).
DOCX_EXTRAS = {"image_alt": "Coalition logo", "comment": "Please check this figure before we send it.",
               "header": "Letterhead of the coalition: draft for partners",
               "footer": "Footer text: coalition secretariat, Brussels",
               "inserted": " [wording added in review]", "deleted": " [wording removed in review]"}
FOOTNOTE_TEXT = "Figures as published by the organisations at the time of writing."
_STAMP = (2024, 1, 1, 0, 0, 0)


def tiny_png(width: int = 8, height: int = 8) -> bytes:
    """A valid RGB PNG made with zlib and struct: a stand-in for a logo."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes((200, 30, 60)) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def _freeze(path: Path) -> Path:
    """Rewrite a zip with fixed timestamps, so the same call gives the same bytes."""
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in items:
            fixed = zipfile.ZipInfo(info.filename, date_time=_STAMP)
            fixed.compress_type, fixed.external_attr = info.compress_type, 0o644 << 16
            archive.writestr(fixed, data)
    return path


def _runs(paragraph: object, runs: Inline) -> None:
    """Runs with real bold/italic, and links as w:hyperlink with an external relationship."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for run in runs:
        if run.url is None:
            added = paragraph.add_run(run.text)  # type: ignore[attr-defined]
            added.bold, added.italic = run.bold or None, run.italic or None
            continue
        rid = paragraph.part.relate_to(run.url, RT.HYPERLINK, is_external=True)  # type: ignore[attr-defined]
        link = OxmlElement("w:hyperlink", {qn("r:id"): rid})
        element, props = OxmlElement("w:r"), OxmlElement("w:rPr")
        for flag, tag in ((run.bold, "w:b"), (run.italic, "w:i")):
            if flag:
                props.append(OxmlElement(tag))
        props.append(OxmlElement("w:color", {qn("w:val"): "0563C1"}))
        props.append(OxmlElement("w:u", {qn("w:val"): "single"}))
        text = OxmlElement("w:t", {qn("xml:space"): "preserve"})
        text.text = run.text
        element.extend([props, text])
        link.append(element)
        paragraph._p.append(link)  # type: ignore[attr-defined]


def _numbered(document: object, group: Group, typed: bool) -> None:
    """A numbered group. "word": one w:num per run of consecutive numbers, all over one decimal
    abstractNum, each with a startOverride, so every group restarts where its source starts
    (python-docx's "List Number" style would continue the previous list's count). A blank line
    in the source is an empty paragraph; Word's count goes on across it, as it does when someone
    presses Enter twice. "typed": the numbers are text in plain paragraphs."""
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls, qn

    assert group.numbers is not None
    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    abstract_id = 90
    if not numbering.xpath(f"w:abstractNum[@w:abstractNumId='{abstract_id}']"):
        numbering.xpath("w:abstractNum")[-1].addnext(parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="singleLevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
            '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'))
    num_id = 0
    for index, (number, name) in enumerate(zip(group.numbers, group.names)):
        if index in group.breaks:
            document.add_paragraph()  # type: ignore[attr-defined]
        if typed:
            document.add_paragraph(f"{number}. {name}")  # type: ignore[attr-defined]
            continue
        if index == 0 or number != group.numbers[index - 1] + 1:
            num = numbering.add_num(abstract_id)
            num.add_lvlOverride(ilvl=0).add_startOverride(number)
            num_id = num.numId
        paragraph = document.add_paragraph(name, style="List Paragraph")  # type: ignore[attr-defined]
        num_pr = OxmlElement("w:numPr")
        num_pr.append(OxmlElement("w:ilvl", {qn("w:val"): "0"}))
        num_pr.append(OxmlElement("w:numId", {qn("w:val"): str(num_id)}))
        paragraph._p.get_or_add_pPr().insert(1, num_pr)


def _table(document: object, group: Group) -> None:
    """A group as a Word table with a header row: "No." | "Signatory" for a numbered group (the
    number typed in its cell), "Organisation" | "Country" when every name is "Name, Country"
    (none of these letters), else one column "Organisation"."""
    if group.numbers is not None:
        header, rows = ["No.", "Signatory"], [[f"{n}.", name] for n, name in zip(group.numbers, group.names)]
    elif all(", " in name for name in group.names):
        header, rows = ["Organisation", "Country"], [name.rsplit(", ", 1) for name in group.names]
    else:
        header, rows = ["Organisation"], [[name] for name in group.names]
    table = document.add_table(rows=1, cols=len(header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text


def _label(document: object, text: str, labels: str) -> None:
    if labels == "plain":
        document.add_paragraph().add_run(text).bold = True  # type: ignore[attr-defined]
    else:
        document.add_paragraph(text, style="Heading 2")  # type: ignore[attr-defined]


def _track_changes(paragraph: object) -> None:
    """One unaccepted insertion and one deletion, as Word writes them with Track Changes on."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    stamp = 'w:author="Reviewer" w:date="2024-03-01T10:00:00Z"'
    paragraph._p.append(parse_xml(  # type: ignore[attr-defined]
        f'<w:ins {nsdecls("w")} w:id="901" {stamp}><w:r><w:t xml:space="preserve">'
        f'{xml_escape(DOCX_EXTRAS["inserted"])}</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(  # type: ignore[attr-defined]
        f'<w:del {nsdecls("w")} w:id="902" {stamp}><w:r><w:delText xml:space="preserve">'
        f'{xml_escape(DOCX_EXTRAS["deleted"])}</w:delText></w:r></w:del>'))


def make_docx(letter_key: str, path: Path, *, numbering: str = "word", table: bool = False, extras: bool = False,
              footnote: bool = False, labels: str = "heading") -> Path:
    """The letter as Word writes it: title in "Title" style, the date, body runs with real
    bold/italic and hyperlinks, body lists in "List Bullet", the signature cue and group labels
    as "Heading 2" (labels="plain": bold plain paragraphs, and the `comma_group` as a single
    comma-separated paragraph, the shape that once lost 89 of 90 names), signatories in
    auto-numbered lists (numbering="word") or typed numbers ("typed"), bullets or plain lines.
    `table`: the first group as a table. `extras`: an image, a comment, a page header and footer
    and tracked changes (DOCX_EXTRAS). `footnote`: built by pandoc with FOOTNOTE_TEXT as a real
    footnote (no other flag applies then)."""
    import docx
    from docx.shared import Inches

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
            _runs(paragraph, item)
            if block.kind == "p":
                paragraphs.append(paragraph)
    if letter.cue:
        _label(document, letter.cue, labels)
    for index, group in enumerate(letter.groups):
        if group.label:
            _label(document, group.label, labels)
        if labels == "plain" and index == comma_group(letter_key):
            document.add_paragraph(", ".join(group.names))
        elif table and index == 0:
            _table(document, group)
        elif group.numbers is not None:
            _numbered(document, group, numbering == "typed")
        else:
            for name in group.names:
                document.add_paragraph(name, style="List Bullet" if group.marker == "bullet" else None)
    if extras:
        commented = next(p for p in paragraphs if p.runs and len(p.text) > 60)
        comment = document.add_comment(commented.runs[0], text=DOCX_EXTRAS["comment"], author="Reviewer",
                                       initials="R")
        comment._comment_elm.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}date",
                                 "2024-03-01T10:00:00Z")
        _track_changes(paragraphs[-1])
        section = document.sections[0]
        section.header.paragraphs[0].text = DOCX_EXTRAS["header"]
        section.footer.paragraphs[0].text = DOCX_EXTRAS["footer"]
    document.save(str(path))
    return _freeze(path)


# --- pandoc: OpenDocument, and the Word footnote variant -------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~^@$&])")


def _md(text: str) -> str:
    """Text as pandoc Markdown (with `smart` off): markup characters escaped, and a leading
    "12." or "-" escaped so a name never turns into a list item."""
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
    """The letter as pandoc Markdown: title and date as metadata, body, cue and labels as `##`,
    numbered groups as ordered lists with the source's start number (a new list where the source
    leaves a blank line, starting at the number it shows). `footnote` puts `[^1]` after the
    first long body paragraph."""
    letter = LETTERS[letter_key]
    out = ["---", f"title: {json.dumps(letter.title, ensure_ascii=False)}"]
    if letter.date:
        out.append(f"date: {json.dumps(letter.date, ensure_ascii=False)}")
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
    for label in [letter.cue] + [g.label for g in letter.groups]:
        pass
    if letter.cue:
        out += [f"## {_md(letter.cue)}", ""]
    for group in letter.groups:
        if group.label:
            out += [f"## {_md(group.label)}", ""]
        for index, name in enumerate(group.names):
            if index in group.breaks:
                out += ["", "<!-- -->", ""]
            if group.numbers is not None:
                out.append(f"{group.numbers[index]}. {_md(name)}")
            else:
                out += [f"- {_md(name)}"] if group.marker == "bullet" else [_md(name), ""]
        out.append("")
    if footnote:
        out += [f"[^1]: {_md(FOOTNOTE_TEXT)}", ""]
    return "\n".join(out)


def _pandoc(source: str, to: str, path: Path) -> Path:
    """pypandoc's own pandoc binary, with SOURCE_DATE_EPOCH so the dates it writes are fixed."""
    import pypandoc

    env = {**os.environ, "SOURCE_DATE_EPOCH": "1704067200"}
    subprocess.run([pypandoc.get_pandoc_path(), "-f", "markdown-smart", "-t", to, "-o", str(path)],
                   input=source.encode("utf-8"), check=True, env=env, capture_output=True)
    return _freeze(path)


def make_odt(letter_key: str, path: Path) -> Path:
    """The letter as OpenDocument text (pandoc's writer): title, date, links, and numbered lists
    whose text:start-value is the source's number, so LibreOffice shows the source's numbers."""
    return _pandoc(markdown(letter_key), "odt", Path(path))


# --- Google Docs "Web page (.html)" ------------------------------------------------------------------

_GDOCS_STYLE = (
    'ul.lst-kix_b0-0{list-style-type:none}.lst-kix_b0-0>li:before{content:"\\0025cf   "}'
    "ol.lst-kix_n0-0{list-style-type:none}.lst-kix_n0-0>li{counter-increment:lst-ctn-kix_n0-0}"
    '.lst-kix_n0-0>li:before{content:"" counter(lst-ctn-kix_n0-0,decimal) ". "}'
    "ol.lst-kix_n0-0.start{counter-reset:lst-ctn-kix_n0-0 0}ul.lst-kix_s0-0{list-style-type:none}"
    '.lst-kix_s0-0>li:before{content:"\\0025cf   "}'
    "ol{margin:0;padding:0}table td,table th{padding:0}"
    '.c0{color:#000000;font-weight:400;text-decoration:none;vertical-align:baseline;font-size:11pt;'
    'font-family:"Arial";font-style:normal}'
    ".c1{color:#000000;font-weight:700;text-decoration:none;vertical-align:baseline;font-size:11pt;"
    'font-family:"Arial";font-style:normal}'
    ".c2{color:#000000;font-weight:400;text-decoration:none;vertical-align:baseline;font-size:11pt;"
    'font-family:"Arial";font-style:italic}'
    ".c3{padding-top:0pt;padding-bottom:0pt;line-height:1.15;orphans:2;widows:2;text-align:left}"
    ".c4{padding-top:0pt;padding-bottom:3pt;line-height:1.15;page-break-after:avoid;text-align:left}"
    ".c5{color:#1155cc;text-decoration:underline}.c6{padding:0;margin:0}"
    ".c7{padding-top:18pt;padding-bottom:6pt;line-height:1.15;page-break-after:avoid;text-align:left}"
    '.c8{color:#000000;font-weight:400;font-size:16pt;font-family:"Arial"}'
    ".c9{background-color:#ffffff;max-width:451.4pt;padding:72pt 72pt 72pt 72pt}.c10{height:11pt}"
    ".c11{color:inherit;text-decoration:inherit}.c12{font-size:26pt;font-family:\"Arial\";font-weight:400}"
    ".title{padding-top:0pt;color:#000000;font-size:26pt;padding-bottom:3pt;font-family:\"Arial\";"
    "line-height:1.15;page-break-after:avoid;orphans:2;widows:2;text-align:left}"
    "li{color:#000000;font-size:11pt;font-family:\"Arial\"}.li-bullet-0:before{margin-left:-18pt;"
    "white-space:nowrap;display:inline-block;min-width:18pt}")
_SPACER = '<p class="c3 c10"><span class="c0"></span></p>'


def google_redirect(url: str) -> str:
    """A link target as Google Docs exports it: the real URL escaped inside google.com/url?q=."""
    usg = base64.urlsafe_b64encode(hashlib.sha1(url.encode()).digest()).decode()[:24]
    return (f"https://www.google.com/url?q={quote(url, safe=':/')}&sa=D&source=editors"
            f"&ust=1700000000000000&usg=AOvVaw{usg}")


def _gdocs_spans(runs: Inline) -> str:
    """Spans whose class alone carries bold (c1) or italic (c2); links in a c5 span."""
    parts = []
    for run in runs:
        text = escape(run.text)
        if run.url:
            parts.append(f'<span class="c5"><a class="c11" href="{escape(google_redirect(run.url))}">{text}</a></span>')
        else:
            parts.append(f'<span class="{"c1" if run.bold else "c2" if run.italic else "c0"}">{text}</span>')
    return "".join(parts)


def make_google_docs_html(letter_key: str, path: Path) -> Path:
    """The letter as Google Docs "File > Download > Web page (.html)" writes it: one <p> per
    paragraph with class-only styling, a spacer paragraph between blocks, the title as
    p.title, the cue and labels as <h2>, every link through google.com/url?q=, and a numbered
    list cut into several <ol> where the source leaves a blank line, each later <ol> saying
    where its count goes on with start="N" (the 2025 list: 1, 12, 60, 106)."""
    letter = LETTERS[letter_key]
    out = ['<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">',
           f'<style type="text/css">{_GDOCS_STYLE}</style></head><body class="c9 doc-content">',
           f'<p class="c4 title" id="h.{slug(letter.key)}t1"><span class="c12">{escape(letter.title)}</span></p>']
    if letter.date:
        out.append(f'<p class="c3"><span class="c0">{escape(letter.date)}</span></p>')
    for block in letter.body:
        out.append(_SPACER)
        if block.kind == "p":
            out.append(f'<p class="c3">{_gdocs_spans(block.items[0])}</p>')
        else:
            items = "".join(f'<li class="c3 li-bullet-0">{_gdocs_spans(item)}</li>' for item in block.items)
            out.append(f'<ul class="c6 lst-kix_b0-0 start">{items}</ul>')
    for number, label in enumerate([letter.cue] + [g.label for g in letter.groups]):
        pass
    headings = [(letter.cue, None)] + [(g.label, g) for g in letter.groups]
    for index, (label, group) in enumerate(headings):
        if label:
            out += [_SPACER, f'<h2 class="c7" id="h.s{index}"><span class="c8">{escape(label)}</span></h2>']
        if group is None:
            continue
        if group.marker == "line":
            out += [f'<p class="c3"><span class="c0">{escape(name)}</span></p>' for name in group.names]
            continue
        tag, kix = ("ol", "n0") if group.numbers else ("ul", "s0")
        segments = [0, *group.breaks, len(group.names)]
        for part, (start, end) in enumerate(zip(segments, segments[1:])):
            if part:
                out.append(_SPACER)
            opening = f'<{tag} class="c6 lst-kix_{kix}-0{" start" if part == 0 else ""}"'
            if group.numbers:
                opening += f' start="{group.numbers[start]}"'
            items = "".join(f'<li class="c3 li-bullet-0"><span class="c0">{escape(name)}</span></li>'
                            for name in group.names[start:end])
            out.append(f"{opening}>{items}</{tag}>")
    out.append("</body></html>")
    Path(path).write_text("".join(out), encoding="utf-8")
    return Path(path)


# --- a saved campaign web page -----------------------------------------------------------------------

#: Text on the saved page that is not the letter; none of it may end up in an imported letter.
#: The headlines are the real news teasers that followed the 2022 web copy ("Catherine Brown" is
#: also a 2025 signatory: the name must stay, the headline must go).
WEB_PAGE_CHROME: list[str] = [
    "We use cookies to make this site work and to understand how visitors use it.",
    "Accept all cookies", "Reject optional cookies", "Cookie settings",
    "Northlight Coalition", "Who we are", "Our campaigns", "Newsroom", "Donate now",
    "Share this letter", "Share on Facebook", "Share on LinkedIn", "Post on X", "Copy link",
    "Related news", "Catherine Brown named as new IWF Chair",
    "Discord steps up bid to rid internet of ‘appalling’ child sexual abuse imagery",
    "New tool allows police around the world to scan for known abuse imagery in 'seconds'",
    "© 2024 Northlight Coalition. All rights reserved.", "Imprint", "Privacy policy",
    "Sign up for our newsletter", "Your e-mail address", "Subscribe",
]


def _web_runs(runs: Inline) -> str:
    parts = []
    for run in runs:
        text = escape(run.text, quote=False)
        text = f"<strong>{text}</strong>" if run.bold else f"<em>{text}</em>" if run.italic else text
        parts.append(f'<a href="{escape(run.url)}">{text}</a>' if run.url else text)
    return "".join(parts)


def make_web_page(letter_key: str, path: Path) -> Path:
    """A campaign site's page with the letter, saved from a browser: cookie banner, header and
    menu, the letter in <main><article> between a date line and share buttons, every signatory a
    link to its organisation's site (link-dense lists are what main-content extractors throw
    away as navigation), then "Related news" in an <aside> and a footer with a newsletter form."""
    letter, c = LETTERS[letter_key], WEB_PAGE_CHROME
    out = ['<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
           f"<title>{escape(letter.title)} | {c[4]}</title>",
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<link rel="stylesheet" href="/assets/site.css"></head><body>',
           f'<div class="cookie-banner" role="dialog" aria-label="Cookies"><p>{c[0]}</p>'
           f'<button>{c[1]}</button><button>{c[2]}</button><a href="/cookies">{c[3]}</a></div>',
           f'<header class="site-header"><a class="logo" href="/">{c[4]}</a><nav aria-label="Main"><ul>'
           + "".join(f'<li><a href="/{slug(word)}/">{word}</a></li>' for word in c[5:9]) + "</ul></nav></header>",
           '<main id="content"><article class="post">', f"<h1>{escape(letter.title)}</h1>"]
    if letter.date:
        out.append(f'<p class="post-date"><time datetime="2022-06-01">{escape(letter.date)}</time></p>')
    out.append(f'<div class="share"><span>{c[9]}</span>' + "".join(
        f'<a class="share-link" href="#share-{slug(word)}">{word}</a>' for word in c[10:14]) + "</div>")
    out.append('<div class="entry-content">')
    for block in letter.body:
        if block.kind == "p":
            out.append(f"<p>{_web_runs(block.items[0])}</p>")
        else:
            out.append("<ul>" + "".join(f"<li>{_web_runs(item)}</li>" for item in block.items) + "</ul>")
    if letter.cue:
        out.append(f"<h2>{escape(letter.cue)}</h2>")
    for group in letter.groups:
        if group.label:
            out.append(f"<h3>{escape(group.label)}</h3>")
        segments = [0, *group.breaks, len(group.names)]
        for start, end in zip(segments, segments[1:]):
            tag = "ol" if group.numbers else "ul"
            opening = f'<ol class="signatories" start="{group.numbers[start]}">' if group.numbers else \
                '<ul class="signatories">'
            out.append(opening + "".join(f'<li><a href="https://www.{slug(name)}.example.org/">{escape(name)}</a></li>'
                                         for name in group.names[start:end]) + f"</{tag}>")
    out.append("</div></article>")
    out.append(f'<aside class="related"><h2>{c[14]}</h2><ul>' + "".join(
        f'<li><a href="/news/{slug(headline)}/">{escape(headline)}</a> <span class="date">2{n} November 2023</span></li>'
        for n, headline in zip((7, 1, 0), c[15:18])) + "</ul></aside></main>")
    out.append(f'<footer class="site-footer"><p>{escape(c[18])}</p><a href="/imprint/">{c[19]}</a> '
               f'<a href="/privacy/">{c[20]}</a><form class="newsletter" action="/subscribe" method="post">'
               f'<label for="nl-email">{c[21]}</label><input id="nl-email" type="email" name="email" '
               f'placeholder="{c[22]}"><button type="submit">{c[23]}</button></form></footer></body></html>\n')
    Path(path).write_text("\n".join(out), encoding="utf-8")
    return Path(path)


# --- broken inputs ------------------------------------------------------------------------------------

_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")


def _valid_docx(folder: Path, key: str, name: str) -> Path:
    return make_docx(key, folder / name)


def _truncated_docx(folder: Path, key: str) -> Path:
    """A download cut short: the first 60% of a valid .docx (the zip directory is missing)."""
    path = _valid_docx(folder, key, "truncated.docx")
    data = path.read_bytes()
    path.write_bytes(data[:len(data) * 6 // 10])
    return path


def _zip_not_document(folder: Path, key: str) -> Path:
    """A zip that is no document, named .docx."""
    path = folder / "not-a-document.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("readme.txt", date_time=_STAMP), "Just a zip file, not a letter.\n")
    return path


def _old_doc(folder: Path, key: str) -> Path:
    """An old binary Word file: the OLE2 signature, then zeros to 4096 bytes."""
    path = folder / "old-letter.doc"
    path.write_bytes(_OLE2.ljust(4096, b"\0"))
    return path


def _encrypted_docx(folder: Path, key: str) -> Path:
    """A password-protected .docx: Office wraps it in an OLE2 file with an "EncryptionInfo" stream."""
    data = bytearray(_OLE2.ljust(4096, b"\0"))
    marker = "EncryptionInfo".encode("utf-16-le")
    data[1024:1024 + len(marker)] = marker
    path = folder / "protected.docx"
    path.write_bytes(bytes(data))
    return path


def _docx_named_txt(folder: Path, key: str) -> Path:
    """A valid .docx saved as letter.txt: the kind must come from the bytes, not the name."""
    path = _valid_docx(folder, key, "docx-saved-as.docx")
    return path.rename(folder / "letter.txt")


def _html_named_docx(folder: Path, key: str) -> Path:
    """A Google Docs HTML letter saved with a .docx name."""
    path = make_google_docs_html(key, folder / "html-saved-as.html")
    return path.rename(folder / "html-saved-as.docx")


def _empty_docx(folder: Path, key: str) -> Path:
    """A valid .docx with no paragraph at all."""
    import docx

    path = folder / "empty.docx"
    docx.Document().save(str(path))
    return _freeze(path)


HOSTILE: dict[str, Callable[[Path, str], Path]] = {
    "truncated_docx": _truncated_docx, "zip_not_document": _zip_not_document, "old_doc": _old_doc,
    "encrypted_docx": _encrypted_docx, "docx_named_txt": _docx_named_txt, "html_named_docx": _html_named_docx,
    "empty_docx": _empty_docx}


def make_hostile(kind: str, folder: Path, letter_key: str = "2025") -> Path:
    """One broken or misnamed input (a key of HOSTILE) in `folder`, for the error tests; each
    kind has its own file name, so all of them fit in one folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return HOSTILE[kind](folder, letter_key)


def write_all(folder: Path) -> list[Path]:
    """Every variant of every letter, plus the broken inputs under `hostile/`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for key in LETTERS:
        made += [make_docx(key, folder / f"{key}.docx"),
                 make_docx(key, folder / f"{key}-typed.docx", numbering="typed"),
                 make_docx(key, folder / f"{key}-table.docx", table=True),
                 make_docx(key, folder / f"{key}-extras.docx", extras=True),
                 make_docx(key, folder / f"{key}-footnote.docx", footnote=True),
                 make_docx(key, folder / f"{key}-plain-labels.docx", labels="plain"),
                 make_odt(key, folder / f"{key}.odt"),
                 make_google_docs_html(key, folder / f"{key}-gdocs.html"),
                 make_web_page(key, folder / f"{key}-web.html")]
    made += [make_hostile(kind, folder / "hostile") for kind in HOSTILE]
    return made


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/documents.py FOLDER")
    for written in write_all(Path(sys.argv[1])):
        print(written)
