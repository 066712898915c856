#!/usr/bin/env python3
"""Regenerate templates/reference.docx and templates/reference.odt, pandoc's --reference-doc files.

The Word and OpenDocument editions take their styles (and Word its page setup) from these. They are
pandoc's own defaults (`pandoc --print-default-data-file reference.docx|odt`) with the styles XML
patched here, so after a pandoc upgrade they are regenerated, never hand-edited in an office suite:

    .venv/bin/python scripts/make_reference_documents.py

Patched: A4 with 25 mm margins; Noto Serif 11 pt body (line 1.15, 6 pt after), bold Noto Sans
title and headings, for Latin, East Asian and complex scripts alike; and the paragraph styles
office.py names with pandoc's `custom-style`: Signatory, Signatory Count, Notice, Letter Date.
- docx: pandoc looks a style up by name; the id is the name without spaces ("SignatoryCount").
- odt: pandoc writes the name verbatim (`text:style-name="Signatory Count"`). The styles are
  declared as LibreOffice saves them (name "Signatory_20_Count", display-name "Signatory Count");
  LibreOffice resolves the verbatim name through the display name.
- Language: pandoc's `lang` only rewrites language attributes the reference already has (docx:
  w:val, w:eastAsia or w:bidi of the docDefaults w:lang; odt: every fo:language and fo:country in
  styles.xml). The slots stay, holding "no language" (x-none, zxx) instead of en-US.

Written reproducibly: entries in a fixed order, all dated 1980-01-01, the ODT `mimetype` first and
stored, so a second run gives the same bytes (with the same pandoc and zlib).
"""

from __future__ import annotations

import argparse
import io
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SERIF, SANS = "Noto Serif", "Noto Sans"
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
}
# Schema order of the children this script may add (OOXML is a sequence: Word rejects misorder).
ORDER = {
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat locked rsid pPr rPr",
    "pPr": "pStyle keepNext keepLines pageBreakBefore widowControl numPr pBdr shd tabs spacing ind contextualSpacing jc outlineLvl",
    "rPr": "rStyle rFonts b bCs i iCs caps color spacing kern sz szCs u shd lang",
    "sectPr": "footnotePr endnotePr type pgSz pgMar",
    "docDefaults": "rPrDefault pPrDefault",
    "pPrDefault": "pPr",
    "pBdr": "top left bottom right between bar",
}


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def w_child(parent: etree._Element, local: str, **attrs: str) -> etree._Element:
    """The w:`local` child of `parent` (made, in schema order, if missing) with `attrs` set."""
    child = parent.find(f"w:{local}", NS)
    if child is None:
        child = etree.SubElement(parent, q(f"w:{local}"))
        order = ORDER[etree.QName(parent).localname].split()
        later = [c for c in parent if etree.QName(c).localname in order[order.index(local) + 1 :]]
        if later:
            later[0].addprevious(child)
    for key, value in attrs.items():
        child.set(q(f"w:{key}"), value)
    return child


def w_set(parent: etree._Element, path: str, **attrs: str) -> etree._Element:
    """w_child along a path such as "pPr/pBdr/left"; `attrs` go on the last element."""
    *steps, last = path.split("/")
    for step in steps:
        parent = w_child(parent, step)
    return w_child(parent, last, **attrs)


def w_fonts(rpr: etree._Element, font: str) -> None:
    """One font for every script; theme attributes would win over explicit names, so they go."""
    w_child(rpr, "rFonts").attrib.clear()
    w_child(rpr, "rFonts", ascii=font, hAnsi=font, cs=font, eastAsia=font)


def w_size(rpr: etree._Element, half_points: int) -> None:
    w_child(rpr, "sz", val=str(half_points))
    w_child(rpr, "szCs", val=str(half_points))


#: The custom paragraph styles, as (path, attributes) under w:style. Sizes are in half points,
#: lengths in twentieths of a point (8 mm = 454).
DOCX_STYLES: dict[str, list[tuple[str, dict[str, str]]]] = {
    "Signatory": [("pPr/keepLines", {}), ("pPr/spacing", {"before": "0", "after": "0"}),
                  ("pPr/ind", {"left": "454", "hanging": "454"}), ("rPr/sz", {"val": "19"}), ("rPr/szCs", {"val": "19"})],
    "Signatory Count": [("pPr/spacing", {"before": "0", "after": "120"}), ("rPr/i", {}), ("rPr/iCs", {})],
    "Notice": [("pPr/pBdr/left", {"val": "single", "sz": "24", "space": "4", "color": "7A4300"}),
               ("pPr/shd", {"val": "clear", "color": "auto", "fill": "FFF4E0"}),
               ("pPr/spacing", {"before": "0", "after": "120"}), ("rPr/b", {}), ("rPr/bCs", {}),
               ("rPr/color", {"val": "7A4300"}), ("rPr/sz", {"val": "19"}), ("rPr/szCs", {"val": "19"})],
    "Letter Date": [("pPr/jc", {"val": "right"})],
}


def patch_docx_styles(root: etree._Element) -> None:
    for fonts in root.iter(q("w:rFonts")):  # drop theme fonts everywhere: they would outrank ours
        for key in [k for k in fonts.attrib if k.lower().endswith("theme")]:
            fonts.attrib.pop(key)
        if not len(fonts.attrib):
            fonts.getparent().remove(fonts)
    rpr = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    w_fonts(rpr, SERIF)
    w_size(rpr, 22)
    w_child(rpr, "lang", val="x-none", eastAsia="x-none", bidi="x-none")  # slots for pandoc's lang
    w_set(root, "docDefaults/pPrDefault/pPr/spacing", after="120", line="276", lineRule="auto")
    by_id = {s.get(q("w:styleId")): s for s in root.iterfind("w:style", NS)}
    w_set(by_id["BodyText"], "pPr/spacing", before="0", after="120")
    w_set(by_id["Heading1"], "pPr/spacing", before="240", after="80")
    sizes = {"Title": 36, "Heading1": 28, "Heading2": 24, "Heading3": 22}
    for sid in ["Title", "TitleChar", *[f"Heading{n}{c}" for n in range(1, 10) for c in ("", "Char")]]:
        rpr = w_child(by_id[sid], "rPr")
        w_fonts(rpr, SANS)
        w_child(rpr, "b")
        w_child(rpr, "bCs")
        if rpr.find("w:color", NS) is not None:  # pandoc's theme blue -> the HTML edition's ink
            rpr.remove(rpr.find("w:color", NS))
            w_child(rpr, "color", val="1D1D1F")
        if sid.removesuffix("Char") in sizes:
            w_size(rpr, sizes[sid.removesuffix("Char")])
    for name, props in DOCX_STYLES.items():  # the id pandoc looks for: the name without spaces
        style = etree.SubElement(root, q("w:style"), {q("w:type"): "paragraph", q("w:customStyle"): "1",
                                                      q("w:styleId"): name.replace(" ", "")})
        w_child(style, "name", val=name)
        w_child(style, "basedOn", val="BodyText")
        w_child(style, "qFormat")
        for path, attrs in props:
            w_set(style, path, **attrs)
        if name == "Notice":
            w_fonts(w_child(style, "rPr"), SANS)


def patch_docx(parts: dict[str, etree._Element]) -> None:
    patch_docx_styles(parts["word/styles.xml"])
    sect = parts["word/document.xml"].find("w:body/w:sectPr", NS)
    w_child(sect, "pgSz", w="11906", h="16838")  # A4 in twentieths of a point
    w_child(sect, "pgMar", top="1417", right="1417", bottom="1417", left="1417", header="709", footer="709", gutter="0")
    table = parts["word/fontTable.xml"]
    for name, family in [(SERIF, "roman"), (SANS, "swiss")]:
        font = etree.SubElement(table, q("w:font"), {q("w:name"): name})
        etree.SubElement(font, q("w:family"), {q("w:val"): family})
        etree.SubElement(font, q("w:pitch"), {q("w:val"): "variable"})
    for scheme, name in [("minorFont", SERIF), ("majorFont", SANS)]:  # Word's "+Body" / "+Headings"
        latin = parts["word/theme/theme1.xml"].find(f".//a:{scheme}/a:latin", NS)
        latin.attrib.clear()
        latin.set("typeface", name)


def o_props(parent: etree._Element, kind: str, **attrs: str) -> None:
    """Set style:`kind`-properties attributes (`ns_local` keys, e.g. fo_font_size) on a style."""
    props = parent.find(f"style:{kind}-properties", NS)
    if props is None:
        props = etree.SubElement(parent, q(f"style:{kind}-properties"))
        if kind == "paragraph" and parent.find("style:text-properties", NS) is not None:
            parent.find("style:text-properties", NS).addprevious(props)
    for key, value in attrs.items():
        prefix, local = key.split("_", 1)
        props.set(q(f"{prefix}:{local.replace('_', '-')}"), value)


def o_text(font: str | None = None, size: str | None = None, weight: str | None = None, style: str | None = None) -> dict[str, str]:
    """Text properties for all three script classes (Western, Asian, complex)."""
    out: dict[str, str] = {}
    for value, western, other in [(font, "style_font_name", "style_font_name"), (size, "fo_font_size", "style_font_size"),
                                  (weight, "fo_font_weight", "style_font_weight"), (style, "fo_font_style", "style_font_style")]:
        if value is not None:
            out |= {western: value, f"{other}_asian": value, f"{other}_complex": value}
    return out


def patch_odt(parts: dict[str, etree._Element]) -> None:
    root = parts["styles.xml"]
    decls = root.find("office:font-face-decls", NS)
    for name, generic in [(SERIF, "roman"), (SANS, "swiss")]:
        etree.SubElement(decls, q("style:font-face"), {q("style:name"): name, q("svg:font-family"): f"'{name}'",
                                                       q("style:font-family-generic"): generic, q("style:font-pitch"): "variable"})
    styles = root.find("office:styles", NS)
    for default in styles.iterfind("style:default-style", NS):
        if default.get(q("style:family")) in ("paragraph", "graphic"):  # slots for pandoc's lang
            o_props(default, "text", fo_language="zxx", fo_country="none", **o_text(SERIF, "11pt"))
    named = {s.get(q("style:name")): s for s in styles.iterfind("style:style", NS)}
    o_props(named["Standard"], "paragraph", fo_line_height="115%")
    o_props(named["Text_20_body"], "paragraph", fo_margin_top="0pt", fo_margin_bottom="6pt")
    o_props(named["Heading"], "text", **o_text(SANS, weight="bold"))
    for level, size in [(1, "14pt"), (2, "12pt"), (3, "11pt")]:
        o_props(named[f"Heading_20_{level}"], "text", **o_text(size=size, style="normal"))
    o_props(named["Footer"], "text", **o_text(SANS, "8.5pt"))

    def add(name: str, parent: str, paragraph: dict[str, str], text: dict[str, str]) -> None:
        style = etree.Element(q("style:style"), {q("style:name"): name.replace(" ", "_20_"), q("style:family"): "paragraph",
                                                            q("style:parent-style-name"): parent, q("style:class"): "text"})
        styles.findall("style:style", NS)[-1].addnext(style)  # before the list and notes styles
        if " " in name:
            style.set(q("style:display-name"), name)
        for kind, attrs in [("paragraph", paragraph), ("text", text)]:
            if attrs:
                o_props(style, kind, **attrs)

    add("Title", "Heading", {"fo_text_align": "center", "fo_margin_bottom": "6pt"}, o_text(size="18pt"))
    add("Signatory", "Text_20_body", {"fo_margin_top": "0pt", "fo_margin_bottom": "0pt", "fo_keep_together": "always",
                                      "fo_margin_left": "8mm", "fo_text_indent": "-8mm", "style_auto_text_indent": "false"}, o_text(size="9.5pt"))
    add("Signatory Count", "Text_20_body", {"fo_margin_top": "0pt", "fo_margin_bottom": "6pt"}, o_text(style="italic"))
    add("Notice", "Text_20_body", {"fo_margin_top": "0pt", "fo_margin_bottom": "6pt", "fo_background_color": "#fff4e0",
                                   "fo_border_left": "2.25pt solid #7a4300", "fo_padding": "4pt"},
        {"fo_color": "#7a4300", **o_text(SANS, "9.5pt", "bold")})
    add("Letter Date", "Text_20_body", {"fo_text_align": "end"}, {})
    layout = root.find("office:automatic-styles/style:page-layout/style:page-layout-properties", NS)
    for key, value in [("page-width", "210mm"), ("page-height", "297mm")] + [(f"margin-{side}", "25mm") for side in ("top", "bottom", "left", "right")]:
        layout.set(q(f"fo:{key}"), value)


def pandoc_default(kind: str) -> bytes:
    import pypandoc  # the project's own pandoc, the one the build writes with

    return subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", f"reference.{kind}"], check=True, capture_output=True).stdout


def rebuild(data: bytes, patched: list[str], patch: Callable[[dict[str, etree._Element]], None], first: str) -> bytes:
    """The archive with the `patched` XML parts patched, rewritten with fixed order, dates and modes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    parts = {name: etree.fromstring(entries[name]) for name in patched}
    patch(parts)
    for name, root in parts.items():
        entries[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in sorted(entries, key=lambda n: (n != first, n)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system, info.external_attr = 3, 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info, entries[name], compresslevel=9)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "templates")
    args = parser.parse_args()
    docx_parts = ["word/styles.xml", "word/document.xml", "word/fontTable.xml", "word/theme/theme1.xml"]
    for name, data in [("reference.docx", rebuild(pandoc_default("docx"), docx_parts, patch_docx, "[Content_Types].xml")),
                       ("reference.odt", rebuild(pandoc_default("odt"), ["styles.xml"], patch_odt, "mimetype"))]:
        (args.out_dir / name).write_bytes(data)
        print(f"wrote {args.out_dir / name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
