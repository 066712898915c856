"""XLIFF 1.2 for translation agencies: one `<file>` per letter, one `<trans-unit>` per entry.

CAT tools (Trados, memoQ, Phrase, OmegaT) protect inline tags, not Markdown: `**support**`
sent as text is text a translator can break. So each msgid goes through the same protection
the machine drafts use (translate.protect) and its tags become XLIFF inline elements:

- bold, italic and links, which wrap words, are `<g ctype="bold|italic|link">`: the tool keeps
  the pair together and lets the translator move it. A link's target is in `equiv-text` for
  the translator to see, never in the text: on import it is taken from the current catalogue,
  so a returned file cannot change where a link points.
- what has no translatable inside (a line break, an image, a code span, a plain web or e-mail
  address, a glossary term) is `<x ctype=".." equiv-text=".."/>`, with the Markdown or the
  text it stands for in `equiv-text`.
- both carry `clone="no"`: a tag may move, not be copied.

States: an empty entry has no `<target>`; a fuzzy entry has `state="needs-review-translation"`
with `state-qualifier="mt-suggestion"` for a machine draft (the translate step's "draft:"
comment), `tm-suggestion` for a translation-memory draft and `fuzzy-match` for update's
suggestion from a changed block; a reviewed entry has `approved="yes"` and
`state="translated"` — approval is XLIFF's own mark of a reviewed translation, and "final"
would tell some tools to lock a segment that a later revision of the letter may reopen.

A unit's `id` is a hash of msgctxt and msgid, stable across exports; its Markdown msgid is
kept in a `<context context-type="x-markdown">` so that import can tell a source that changed
since the export and keep `#|` with the exported text. Signatory names are never in
catalogues; an entry that is one anyway (see `check`'s signatory-leak) is left out.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import polib

from . import __version__
from .catalog import is_draft, is_reviewed, live_entries, read_catalog
from .config import Config
from .errors import CatalogError
from .languages import bcp47
from .markdown import plain_text
from .model import Letter
from .translate.protect import TAG, Atom, Glossary, GlossaryTerm, Protected, Span, load_glossary, protect
from .xmlfiles import XmlInputError, indent, serialize

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DATATYPE = "x-markdown"
TOOL_ID = "letterlingo"
#: context-type of the context that keeps an entry's msgid (and msgctxt) as written.
MARKDOWN_CONTEXT = "x-markdown"
MSGCTXT_CONTEXT = "x-gettext-msgctxt"
#: Elements whose children are indented when written; everything else keeps its text exactly.
_STRUCTURE = frozenset({"xliff", "file", "header", "body", "trans-unit", "context-group"})
_HEADER_NOTE = ("Inline tags stand for the letter's Markdown: <g> wraps bold, italic or linked words (move it "
                "with the words it belongs to), <x/> is a line break, an address, code or a term to keep as it "
                "is. Keep every tag exactly once. Signatory names are not part of this file.")


def q(name: str) -> str:
    """An XLIFF element or attribute name in Clark notation."""
    return f"{{{NS}}}{name}"


def unit_id(msgctxt: str | None, msgid: str) -> str:
    """The trans-unit id of an entry: the same text always gets the same id, in every export."""
    key = msgid if msgctxt is None else f"{msgctxt}\x04{msgid}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# --- tags --------------------------------------------------------------------------------


def tag_key(protected: Protected, number: int, locale: str | None, glossary: Glossary | None) -> tuple[object, ...]:
    """What a tag stands for, comparable between a source and its translation: a span's kind and
    link target, an atom's Markdown, or a term as the language renders it."""
    if number in protected.spans:
        return ("span",) + tuple(protected.spans[number].shape[1:])
    atom = protected.atoms[number]
    if atom.term is not None:
        entry = glossary.get(atom.term) if glossary else None
        return ("term", entry.rendering(locale) if entry else atom.term)
    if atom.shape is not None:
        return ("atom",) + tuple(atom.shape)
    return ("text", atom.value)


def span_attributes(span: Span) -> dict[str, str]:
    kind = str(span.shape[1])
    if kind == "link":
        return {"ctype": "link", "equiv-text": str(span.shape[2])}
    return {"ctype": "bold" if kind == "strong" else "italic"}


def atom_attributes(atom: Atom) -> dict[str, str]:
    from .parity import EMAIL

    if atom.shape is None:
        if atom.term is not None:
            ctype = "x-term"
        elif TAG.fullmatch(atom.value):
            ctype = "x-text"
        else:
            ctype = "x-email" if EMAIL.fullmatch(atom.value) else "x-url"
        return {"ctype": ctype, "equiv-text": atom.value}
    kind = str(atom.shape[0])
    if kind == "break":
        return {"ctype": "lb", "equiv-text": "\n"}
    if kind == "autolink":
        href = str(atom.shape[1])
        return {"ctype": "x-email" if href.lower().startswith("mailto:") else "x-url", "equiv-text": atom.value[1:-1]}
    return {"ctype": "image" if kind == "image" else "x-code", "equiv-text": atom.value}


def fill(element: Any, protected: Protected, text: str, numbers: dict[int, int] | None = None) -> None:
    """Put `text` (a protected text: words and <gN>/<xN/> tags) into `element` as XLIFF inline
    content; `numbers` renumbers a translation's tags to its source's."""
    from lxml import etree

    stack = [element]
    position = 0

    def add_text(chunk: str) -> None:
        if not chunk:
            return
        current = stack[-1]
        if len(current):
            current[-1].tail = (current[-1].tail or "") + chunk
        else:
            current.text = (current.text or "") + chunk

    for match in TAG.finditer(text):
        add_text(text[position:match.start()])
        position = match.end()
        own = int(match.group(3))
        number = numbers[own] if numbers else own
        if match.group(2).lower() == "x":
            etree.SubElement(stack[-1], q("x"), {"id": str(number), **atom_attributes(protected.atoms[own]),
                                                 "clone": "no"})
        elif match.group(1):
            stack.pop()
        else:
            stack.append(etree.SubElement(stack[-1], q("g"), {"id": str(number), **span_attributes(protected.spans[own]),
                                                              "clone": "no"}))
    add_text(text[position:])


def renumbering(source: Protected, target: Protected, locale: str | None,
                glossary: Glossary | None) -> dict[int, int] | None:
    """The source tag each tag of a translation stands for (the n-th link to a target is the
    n-th one in the source), or None when the translation's tags are not the source's."""
    wanted: dict[tuple[object, ...], list[int]] = {}
    for number in _order(source):
        wanted.setdefault(tag_key(source, number, locale, glossary), []).append(number)
    mapping: dict[int, int] = {}
    for number in _order(target):
        candidates = wanted.get(tag_key(target, number, locale, None))
        if not candidates:
            return None
        mapping[number] = candidates.pop(0)
    if any(wanted.values()):
        return None
    return mapping


def _order(protected: Protected) -> list[int]:
    """Tag numbers in the order they appear in the protected text."""
    return [int(match.group(3)) for match in TAG.finditer(protected.text) if not match.group(1)]


def rendering_glossary(glossary: Glossary, locale: str) -> Glossary:
    """The glossary as a translation into `locale` writes its terms (each term's rendering)."""
    return Glossary(tuple(GlossaryTerm(term.rendering(locale)) for term in glossary.terms))


# --- export ------------------------------------------------------------------------------


@dataclass
class LetterExport:
    """One `<file>` of an export: which catalogue, how many units, what was left out and why."""

    slug: str
    catalogue: str
    units: int = 0
    translated: int = 0
    reviewed: int = 0
    left_out: list[str] = field(default_factory=list)


@dataclass
class XliffExport:
    locale: str
    text: str
    letters: list[LetterExport]

    @property
    def units(self) -> int:
        return sum(letter.units for letter in self.letters)


def export_xliff(config: Config, slugs: Iterable[str], locale: str) -> XliffExport:
    """The XLIFF document for `locale` with one `<file>` per letter (selected and checked by the
    caller); raises CatalogError when a letter has no catalogue for the language yet."""
    from lxml import etree

    from .project import load_letter

    glossary = load_glossary(config.root / config.glossary, config.relative(config.root / config.glossary))
    root = etree.Element(q("xliff"), {"version": "1.2"}, nsmap={None: NS})
    letters = []
    for slug in slugs:
        path = config.po_file(slug, locale)
        shown = config.relative(path)
        if not path.is_file():
            raise CatalogError(f"no catalogue for {locale}: run `letterlingo update -l {locale}` first", shown)
        letter = load_letter(config, slug)
        catalog = read_catalog(path, shown=shown)
        result = LetterExport(slug, shown)
        root.append(_file(config, letter, catalog, locale, glossary, result))
        letters.append(result)
    indent(root, _STRUCTURE)
    return XliffExport(locale, serialize(root), letters)


def _file(config: Config, letter: Letter, catalog: polib.POFile, locale: str, glossary: Glossary,
          result: LetterExport) -> Any:
    from lxml import etree

    attributes = {
        "original": config.relative(config.letter_file(letter.slug)), "datatype": DATATYPE,
        "source-language": bcp47(config.source_language), "target-language": bcp47(locale),
        "tool-id": TOOL_ID, "product-name": config.name,
    }
    element = etree.Element(q("file"), attributes)
    header = etree.SubElement(element, q("header"))
    etree.SubElement(header, q("tool"), {"tool-id": TOOL_ID, "tool-name": "letterlingo", "tool-version": __version__})
    etree.SubElement(header, q("note"), {"from": TOOL_ID}).text = _HEADER_NOTE
    body = etree.SubElement(element, q("body"))
    names, twins = signatory_names(letter), {_normal(text) for text in letter.twins}
    seen: set[str] = set()
    for entry in live_entries(catalog):
        where = f"{result.catalogue}:{entry.linenum}" if entry.linenum else result.catalogue
        if entry.msgid_plural:
            result.left_out.append(f"{where}: a plural entry (XLIFF 1.2 has no gettext plurals): left out")
            continue
        if _normal(entry.msgid) not in twins and _is_name(entry.msgid, names):
            result.left_out.append(f"{where}: the msgid is a signatory's name, and names are never translated: "
                                   "left out (see `letterlingo check`)")
            continue
        identifier = unit_id(entry.msgctxt, entry.msgid)
        if identifier in seen:
            continue
        seen.add(identifier)
        try:
            body.append(_unit(entry, identifier, locale, glossary, config.source_language))
        except ValueError:  # lxml refuses control characters XML 1.0 cannot hold
            raise CatalogError("the entry holds a control character that XML cannot carry", result.catalogue,
                               entry.linenum) from None
        result.units += 1
        result.translated += is_draft(entry) or is_reviewed(entry)
        result.reviewed += is_reviewed(entry)
    return element


def _unit(entry: polib.POEntry, identifier: str, locale: str, glossary: Glossary, source_language: str) -> Any:
    from lxml import etree

    unit = etree.Element(q("trans-unit"), {"id": identifier})
    source = protect(entry.msgid, glossary)
    fill(etree.SubElement(unit, q("source"), {f"{{{XML_NS}}}lang": bcp47(source_language)}), source, source.text)
    notes: list[tuple[str, str]] = []
    if entry.msgstr:
        translation = protect(entry.msgstr, rendering_glossary(glossary, locale))
        numbers = renumbering(source, translation, locale, glossary)
        if numbers is None:
            notes.append(("translator", "The current translation's markup does not match the source, so it is "
                                        f"not offered as a target: {entry.msgstr}"))
        else:
            state, qualifier = target_state(entry)
            target = etree.SubElement(unit, q("target"), {f"{{{XML_NS}}}lang": bcp47(locale), "state": state})
            if qualifier:
                target.set("state-qualifier", qualifier)
            fill(target, translation, translation.text, numbers)
            if is_reviewed(entry):
                unit.set("approved", "yes")
    for file, line in entry.occurrences:
        group = etree.SubElement(unit, q("context-group"), {"purpose": "location"})
        etree.SubElement(group, q("context"), {"context-type": "sourcefile"}).text = file
        if line:
            etree.SubElement(group, q("context"), {"context-type": "linenumber"}).text = str(line)
    group = etree.SubElement(unit, q("context-group"), {"purpose": "information"})
    etree.SubElement(group, q("context"), {"context-type": MARKDOWN_CONTEXT}).text = entry.msgid
    if entry.msgctxt is not None:
        etree.SubElement(group, q("context"), {"context-type": MSGCTXT_CONTEXT}).text = entry.msgctxt
    if entry.comment:
        etree.SubElement(unit, q("note"), {"from": "developer"}).text = entry.comment
    if entry.occurrences:
        places = " ".join(f"{file}:{line}" if line else file for file, line in entry.occurrences)
        etree.SubElement(unit, q("note"), {"from": "developer", "annotates": "source"}).text = places
    if entry.previous_msgid and "fuzzy" in entry.flags:
        etree.SubElement(unit, q("note"), {"from": TOOL_ID, "annotates": "target"}).text = (
            f"The draft translates an earlier version of the source: {entry.previous_msgid}")
    if entry.tcomment:
        notes.insert(0, ("translator", entry.tcomment))
    for author, text in notes:
        etree.SubElement(unit, q("note"), {"from": author}).text = text
    return unit


def target_state(entry: polib.POEntry) -> tuple[str, str | None]:
    """XLIFF's state and state-qualifier for an entry with a translation (see the module docstring)."""
    if is_reviewed(entry):
        return "translated", None
    drafts = [line for line in (entry.tcomment or "").split("\n") if line.startswith("draft:")]
    if any("translation memory" in line for line in drafts):
        return "needs-review-translation", "tm-suggestion"
    if drafts:
        return "needs-review-translation", "mt-suggestion"
    if entry.previous_msgid:
        return "needs-review-translation", "fuzzy-match"
    return "needs-review-translation", None


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def signatory_names(letter: Letter) -> frozenset[str]:
    """Each signatory line as written and as shown, normalised: what a msgid must never be."""
    return frozenset(form for signatory in letter.signatories
                     for form in (_normal(signatory.name), _normal(plain_text(signatory.name))) if form)


def _is_name(msgid: str, names: frozenset[str]) -> bool:
    return bool(names) and (_normal(msgid) in names or _normal(plain_text(msgid)) in names)


# --- reading -----------------------------------------------------------------------------


def require(condition: bool, message: str, shown: str, element: Any | None = None) -> None:
    """Raise XmlInputError (exit 2, nothing written) unless `condition`."""
    if not condition:
        raise XmlInputError(message, shown, getattr(element, "sourceline", None))


def children(element: Any, name: str) -> Iterator[Any]:
    """The XLIFF child elements called `name`."""
    return (child for child in element if child.tag == q(name))
