"""TMX 1.4b: the project's reviewed translations for translation memories, and back.

An agency seeds its memory (Trados, memoQ, Phrase, OmegaT) with what the campaign already
reviewed, so the same paragraph is never paid for twice. Only reviewed entries go out (not
fuzzy, not empty): a draft in a memory would come back as a "100% match" nobody checked.

One `<tu>` per source text (its `tuid` is the XLIFF export's trans-unit id), with one `<tuv>`
per language that has a reviewed translation; where letters disagree on a language, the most
frequent translation wins, ties going to the first letter in name order (as the `memory`
engine decides). Inline Markdown is written as TMX inline codes whose content is the Markdown
itself: `<bpt i="1" type="bold">**</bpt>support<ept i="1">**</ept>`, a link's `](target)` in
its `<ept>`, code, images, line breaks and plain addresses as `<ph>`. CAT tools then treat
them as tags, as they do the `<g>`/`<x>` of the XLIFF export, so a memory match inserts tags
rather than literal `**` a translator would have to delete; and the text of a `<seg>` with
its codes' content is the Markdown again, character for character, which is how letterlingo
reads TMX back (the `memory` engine's compendia). A seg whose Markdown cannot be written that
way exactly (a backslash escape, an entity) is written as plain Markdown text.

The same catalogues give the same bytes; the header's creationdate is SOURCE_DATE_EPOCH when
it is set (fsutil.build_time).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__, parity
from .catalog import is_reviewed, live_entries, read_catalog
from .config import Config
from .fsutil import build_time
from .languages import bcp47
from .translate.protect import TAG, Protected, protect
from .xliff import atom_attributes, renumbering, unit_id
from .xmlfiles import XmlInputError, indent, read_xml, serialize

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STRUCTURE = frozenset({"tmx", "body", "tu", "tuv"})


@dataclass(frozen=True)
class TmxExport:
    text: str
    units: int
    languages: tuple[str, ...]


def export_tmx(config: Config, slugs: Iterable[str], locales: Iterable[str]) -> TmxExport:
    """The reviewed entries of `slugs` × `locales` as a TMX document (see the module docstring)."""
    from lxml import etree

    found: dict[tuple[str | None, str], dict[str, Counter[str]]] = {}
    for slug in slugs:
        for locale in sorted(locales):
            path = config.po_file(slug, locale)
            if not path.is_file():
                continue
            for entry in live_entries(read_catalog(path, shown=config.relative(path))):
                if entry.msgid_plural or not is_reviewed(entry):
                    continue
                if parity.errors(entry.msgid, entry.msgstr, locale, config.source_language):
                    continue  # a reviewed entry `check` reports as an error would teach a memory the mistake
                found.setdefault((entry.msgctxt, entry.msgid), {}).setdefault(locale, Counter())[entry.msgstr] += 1
    source = config.source_language
    root = etree.Element("tmx", {"version": "1.4"})
    etree.SubElement(root, "header", {
        "creationtool": "letterlingo", "creationtoolversion": __version__, "segtype": "paragraph",
        "o-tmf": "PO", "adminlang": "en", "srclang": bcp47(source), "datatype": "x-markdown",
        "creationdate": build_time().strftime("%Y%m%dT%H%M%SZ"),
    })
    body = etree.SubElement(root, "body")
    languages: set[str] = set()
    for (msgctxt, msgid), translations in found.items():
        tu = etree.SubElement(body, "tu", {"tuid": unit_id(msgctxt, msgid)})
        if msgctxt is not None:
            etree.SubElement(tu, "prop", {"type": "x-context"}).text = msgctxt
        original = protect(msgid)
        _tuv(tu, source, msgid, original, {number: number for number in (*original.spans, *original.atoms)})
        for locale in sorted(translations, key=bcp47):
            text = translations[locale].most_common(1)[0][0]
            translation = protect(text)
            _tuv(tu, locale, text, translation, renumbering(original, translation, locale, None))
            languages.add(locale)
    indent(root, _STRUCTURE)
    return TmxExport(serialize(root), len(found), tuple(sorted(languages, key=bcp47)))


def _tuv(tu: Any, locale: str, markdown: str, protected: Protected, numbers: dict[int, int] | None) -> None:
    from lxml import etree

    tuv = etree.SubElement(tu, "tuv", {XML_LANG: bcp47(locale)})
    seg = etree.SubElement(tuv, "seg")
    _codes(seg, protected, numbers)
    if flatten(seg) != markdown:  # the codes cannot say it exactly: the Markdown as text
        for child in list(seg):
            seg.remove(child)
        seg.text = markdown


def _codes(seg: Any, protected: Protected, numbers: dict[int, int] | None) -> None:
    """The protected text as TMX: words, and each tag as an inline code holding its Markdown;
    `x` pairs a translation's codes with the source's where `numbers` says which is which."""
    from lxml import etree

    position = 0
    last: Any = None

    def add_text(chunk: str) -> None:
        if not chunk:
            return
        if last is None:
            seg.text = (seg.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk

    for match in TAG.finditer(protected.text):
        add_text(protected.text[position:match.start()])
        position = match.end()
        number = int(match.group(3))
        shared = {"x": str(numbers[number])} if numbers and number in numbers else {}
        if match.group(2).lower() == "x":
            atom = protected.atoms[number]
            last = etree.SubElement(seg, "ph", {**shared, "type": atom_attributes(atom)["ctype"]})
            last.text = atom.value
            continue
        span = protected.spans[number]
        kind = str(span.shape[1])
        if match.group(1):
            last = etree.SubElement(seg, "ept", {"i": str(number)})
            last.text = span.closing if kind == "link" else span.markup
        else:
            last = etree.SubElement(seg, "bpt", {"i": str(number), **shared,
                                                 "type": {"strong": "bold", "em": "italic"}.get(kind, "link")})
            last.text = span.opening if kind == "link" else span.markup
    add_text(protected.text[position:])


def flatten(seg: Any) -> str:
    """A seg's text with its inline codes' content: Markdown for a letterlingo TMX, and the
    nearest thing to the original for another tool's."""
    return "".join(seg.itertext())


# --- reading -----------------------------------------------------------------------------


def tmx_units(path: Path, shown: str, source: str, target: str) -> list[tuple[str, str]]:
    """(source, translation) pairs of a TMX file for one language pair, languages matched by
    their primary subtag (`de-AT` serves `de`; a tuv of the exact language is preferred)."""
    root = read_xml(path, shown)
    if not isinstance(root.tag, str) or root.tag != "tmx":
        raise XmlInputError(f"not a TMX file: the root element is <{root.tag}>, not <tmx>", shown, root.sourceline)
    pairs = []
    for body in root.iterchildren("body"):
        for tu in body.iterchildren("tu"):
            variants = [(str(tuv.get(XML_LANG) or tuv.get("lang") or ""), tuv.find("seg"))
                        for tuv in tu.iterchildren("tuv")]
            variants = [(lang, seg) for lang, seg in variants if lang and seg is not None]
            original, translation = _pick(variants, source), _pick(variants, target)
            if original is not None and translation is not None:
                source_text, target_text = flatten(original).strip(), flatten(translation).strip()
                if source_text and target_text:
                    pairs.append((source_text, target_text))
    return pairs


def _pick(variants: list[tuple[str, Any]], locale: str) -> Any | None:
    wanted = _tag(bcp47(locale))
    exact = [seg for lang, seg in variants if _tag(lang) == wanted]
    if exact:
        return exact[0]
    primary = wanted.split("-")[0]
    near = [seg for lang, seg in variants if _tag(lang).split("-")[0] == primary]
    return near[0] if near else None


def _tag(lang: str) -> str:
    return re.sub(r"_", "-", lang.strip()).lower()
