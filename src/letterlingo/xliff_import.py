"""XLIFF 1.2 back into the catalogues: targets merged under the same rules as machine drafts.

A returned file is untrusted: its inline tags are mapped back onto the *current* msgid's
protected form (translate.protect), so the link targets, code and terms come from the letter,
never from the file; text stays text (`<script>` typed by a translator is escaped Markdown).
What is merged, and how:

- `approved="yes"` and a target that keeps the source's markup, links, numbers, addresses and
  placeholders (parity.errors, the one rule drafts, `check` and editions share) -> reviewed;
  any other target -> a fuzzy draft; a target that breaks parity, or lost a tag, is still
  kept as a fuzzy draft with an `xliff:` translator comment saying why, and reported.
- a target whose state is `new` or `needs-translation` is not a translation (tools copy the
  source there) and is passed over, as are empty targets; a translation is never emptied.
- a reviewed translation is only replaced by an approved, clean target: an unapproved or
  broken one is reported and left out, so reviewed work is never lost to a draft.
- a unit whose source changed since the export (no entry has its id any more) goes to the
  entry that replaced it (the closest msgid, as `update` finds one) as a fuzzy draft with the
  exported source in `#|`; a unit whose entry is gone is reported.

Nothing else in a catalogue changes: header, other entries, comments and flags stay, and a
catalogue with nothing to merge is not written. Merging the same file twice changes nothing.
Every file is read and checked before anything is written: unusable input (malformed XML,
not XLIFF 1.2, an unknown language or letter) raises XmlInputError and writes nothing.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from . import parity
from .catalog import is_reviewed, live_entries, read_catalog, write_catalog
from .config import Config
from .languages import UnknownLanguage, normalize_locale
from .project import letter_slugs
from .translate.errors import Rejected
from .translate.protect import TAG, Glossary, Protected, load_glossary, protect, restore
from .update import FUZZY_THRESHOLD
from .xliff import MARKDOWN_CONTEXT, MSGCTXT_CONTEXT, children, q, require, unit_id
from .xmlfiles import XmlInputError, local_name, read_xml

#: Translator-comment lines this import writes (and replaces on the next import).
NOTE_PREFIX = "xliff: "
#: Target states that mean "no translation here yet", whatever text the tool put in.
_UNTRANSLATED_STATES = frozenset({"new", "needs-translation"})

Piece = tuple[str, object, int]  # ("text", text, 0) | ("open"/"close", id, element) | ("atom", id, element)


@dataclass(frozen=True)
class Finding:
    """Something the import reports, at a place in an XLIFF file."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass
class CatalogueMerge:
    """What one catalogue got: changed entries by their new state, and the rest."""

    path: str
    reviewed: int = 0
    drafts: int = 0
    unchanged: int = 0
    without_target: int = 0
    written: bool = False


@dataclass
class ImportReport:
    catalogues: list[CatalogueMerge] = field(default_factory=list)
    #: Targets kept as drafts for parity, or not merged (conflict, gone, unusable tags): exit 1.
    problems: list[Finding] = field(default_factory=list)
    #: Worth knowing, not wrong: a source that changed since the export, merged as a draft.
    notes: list[Finding] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0

    def as_dict(self) -> dict[str, object]:
        return {
            "catalogues": [vars(merge).copy() for merge in self.catalogues],
            "problems": [str(problem) for problem in self.problems],
            "notes": [str(note) for note in self.notes],
            "exit_code": self.exit_code,
        }


@dataclass
class _Unit:
    """A trans-unit as read: what its target says, in letterlingo's terms."""

    shown: str
    line: int | None
    id: str
    msgid: str | None
    msgctxt: str | None
    approved: bool
    pieces: list[Piece] | None  # None: no target to merge
    unusable: str | None = None

    def at(self, message: str) -> Finding:
        return Finding(self.shown, self.line, message)


@dataclass
class _Catalogue:
    slug: str
    locale: str
    path: Path
    shown: str
    units: list[_Unit] = field(default_factory=list)


def import_xliff(config: Config, paths: Iterable[Path], shown: Iterable[str] | None = None) -> ImportReport:
    """Merge the targets of XLIFF files into the project's catalogues; see the module docstring."""
    paths = [Path(path) for path in paths]
    names = list(shown) if shown is not None else [str(path) for path in paths]
    catalogues: dict[tuple[str, str], _Catalogue] = {}
    for path, name in zip(paths, names):
        _read_file(config, path, name, catalogues)
    glossary = load_glossary(config.root / config.glossary, config.relative(config.root / config.glossary))
    report = ImportReport()
    pending: list[tuple[polib.POFile, _Catalogue]] = []
    for target in catalogues.values():
        catalog = read_catalog(target.path, shown=target.shown)
        merge = CatalogueMerge(target.shown)
        if _merge(config, catalog, target, glossary, merge, report):
            pending.append((catalog, target))
            merge.written = True
        report.catalogues.append(merge)
    for catalog, target in pending:
        write_catalog(catalog, target.path)
    return report


# --- reading -----------------------------------------------------------------------------


def _read_file(config: Config, path: Path, shown: str, catalogues: dict[tuple[str, str], _Catalogue]) -> None:
    root = read_xml(path, shown)
    if root.tag != q("xliff"):
        found = local_name(root) or str(root.tag)
        raise XmlInputError(f"not an XLIFF 1.2 file: the root element is <{found}> in "
                            f"{_namespace(root) or 'no namespace'}, not <xliff> in urn:oasis:names:tc:xliff:document:1.2",
                            shown, root.sourceline)
    require(root.get("version") == "1.2", f"not XLIFF 1.2: version={root.get('version')!r}", shown, root)
    files = list(children(root, "file"))
    require(bool(files), "the XLIFF file has no <file> element", shown, root)
    known = letter_slugs(config)
    for element in files:
        slug = _slug(config, element, shown, known)
        locale = _project_locale(_language(element, "target-language", shown), config.locales)
        source = _project_locale(_language(element, "source-language", shown), (config.source_language,))
        require(source == config.source_language,
                f"source-language {element.get('source-language')!r} is not the project's {config.source_language!r}",
                shown, element)
        po = config.po_file(slug, locale)
        require(po.is_file(), f"no catalogue {config.relative(po)} for letter {slug!r} and {locale!r} "
                              f"(run `letterlingo update -l {locale}`)", shown, element)
        target = catalogues.setdefault((slug, locale), _Catalogue(slug, locale, po, config.relative(po)))
        seen: set[str] = set()
        for body in children(element, "body"):
            for unit in body.iter(q("trans-unit")):
                identifier = unit.get("id")
                require(bool(identifier), "a <trans-unit> without an id", shown, unit)
                require(identifier not in seen, f"trans-unit id {identifier!r} appears twice in one <file>", shown, unit)
                require(next(children(unit, "source"), None) is not None, "a <trans-unit> without <source>", shown,
                        unit)
                seen.add(identifier)
                target.units.append(_read_unit(unit, shown))


def _namespace(element: Any) -> str:
    tag = str(element.tag)
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _slug(config: Config, element: Any, shown: str, known: list[str]) -> str:
    original = element.get("original") or ""
    slug = original.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".md")
    expected = config.relative(config.letter_file(slug)) if slug else ""
    require(bool(slug) and original == expected and slug in known,
            f"unknown letter {original!r} (known: {', '.join(known) or 'none'})", shown, element)
    return slug


def _project_locale(code: str, locales: Iterable[str]) -> str:
    """The project's locale for a CAT tool's code: `de_DE` is the project's `de` when the project
    has `de` and no `de_DE` (Trados and memoQ write region codes); an exact match comes first."""
    known = tuple(locales)
    if code in known:
        return code
    primary = code.split("_")[0]
    return primary if primary in known else code


def _language(element: Any, attribute: str, shown: str) -> str:
    value = element.get(attribute)
    require(bool(value), f"<file> has no {attribute}", shown, element)
    try:
        return normalize_locale(str(value))
    except UnknownLanguage:
        raise XmlInputError(f"{attribute}: unknown language code {value!r}", shown, element.sourceline) from None


def _read_unit(unit: Any, shown: str) -> _Unit:
    msgid = msgctxt = None
    for group in children(unit, "context-group"):
        for context in children(group, "context"):
            if context.get("context-type") == MARKDOWN_CONTEXT:
                msgid = context.text or ""
            elif context.get("context-type") == MSGCTXT_CONTEXT:
                msgctxt = context.text or ""
    result = _Unit(shown, unit.sourceline, str(unit.get("id")), msgid, msgctxt, unit.get("approved") == "yes", None)
    target = next(children(unit, "target"), None)
    if target is None or target.get("state") in _UNTRANSLATED_STATES:
        return result
    try:
        pieces = _pieces(target)
    except Rejected as exc:
        result.unusable = exc.reason
        return result
    if any(kind != "text" or str(value).strip() for kind, value, _ in pieces):
        result.pieces = pieces
    return result


def _pieces(target: Any) -> list[Piece]:
    """The target's content as text and tags; `<mrk>` (segment and term marks) is unwrapped."""
    from lxml import etree

    pieces: list[Piece] = []
    counter = iter(range(1, 1_000_000))

    def text(chunk: str | None) -> None:
        if chunk:
            if pieces and pieces[-1][0] == "text":
                pieces[-1] = ("text", str(pieces[-1][1]) + chunk, 0)
            else:
                pieces.append(("text", chunk, 0))

    def walk(element: Any) -> None:
        text(element.text)
        for child in element:
            if not isinstance(child.tag, str):  # a comment or processing instruction: not text
                text(child.tail)
                continue
            if child.tag == q("g"):
                number, own = _number(child), next(counter)
                pieces.append(("open", number, own))
                walk(child)
                pieces.append(("close", number, own))
            elif child.tag == q("x"):
                pieces.append(("atom", _number(child), next(counter)))
            elif child.tag == q("mrk"):
                walk(child)
            else:
                name = etree.QName(child).localname
                raise Rejected(f"<{name}> in the target is not supported here: keep the <g> and <x/> tags as exported")
            text(child.tail)

    walk(target)
    for kind, value, _ in pieces:
        found = TAG.search(str(value)) if kind == "text" else None
        if found:
            raise Rejected(f"the target's text contains {found.group(0)!r}, which would read as a tag")
    return pieces


def _number(element: Any) -> int:
    value = str(element.get("id") or "")
    return int(value) if value.isdigit() and len(value) < 7 else -1


# --- merging -----------------------------------------------------------------------------


def _merge(config: Config, catalog: polib.POFile, target: _Catalogue, glossary: Glossary, merge: CatalogueMerge,
           report: ImportReport) -> bool:
    """Apply the catalogue's units; True when anything changed."""
    by_id: dict[str, polib.POEntry] = {}
    for entry in live_entries(catalog):
        if not entry.msgid_plural:
            by_id.setdefault(unit_id(entry.msgctxt, entry.msgid), entry)
    exact = {unit.id for unit in target.units if unit.id in by_id}
    free = [entry for key, entry in by_id.items() if key not in exact]
    changed = False
    for unit in target.units:
        if unit.unusable:
            report.problems.append(unit.at(f"not merged: {unit.unusable}"))
            continue
        if unit.pieces is None:
            merge.without_target += 1
            continue
        entry, moved = _entry_for(unit, by_id, free, report)
        if entry is None:
            continue
        source = unit.msgid if moved and unit.msgid is not None else entry.msgid
        outcome = _apply(config, unit, entry, source, moved, target, glossary, report)
        if outcome == "reviewed":
            merge.reviewed += 1
        elif outcome == "draft":
            merge.drafts += 1
        elif outcome == "unchanged":
            merge.unchanged += 1
        changed = changed or outcome in ("reviewed", "draft")
    return changed


def _entry_for(unit: _Unit, by_id: dict[str, polib.POEntry], free: list[polib.POEntry],
               report: ImportReport) -> tuple[polib.POEntry | None, bool]:
    """The entry a unit translates, and whether its source changed since the export."""
    entry = by_id.get(unit.id)
    if entry is not None:
        if unit.msgid is not None and (unit.msgid, unit.msgctxt) != (entry.msgid, entry.msgctxt):
            report.problems.append(unit.at("not merged: the unit's id does not belong to its x-markdown source "
                                           "(edited by hand?): export again"))
            return None, False
        return entry, False
    if unit.msgid is None:
        report.problems.append(unit.at(f"not merged: no entry has id {unit.id!r} any more (the source changed or "
                                       "the block was removed): export again"))
        return None, False
    best, best_ratio = None, FUZZY_THRESHOLD
    for candidate in free:
        matcher = difflib.SequenceMatcher(None, unit.msgid, candidate.msgid, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio or (best is None and ratio >= best_ratio):
            best, best_ratio = candidate, ratio
    if best is None:
        report.problems.append(unit.at(f"not merged: the source is no longer in the catalogue: {_short(unit.msgid)}"))
        return None, False
    free.remove(best)
    return best, True


def _apply(config: Config, unit: _Unit, entry: polib.POEntry, source: str, moved: bool, target: _Catalogue,
           glossary: Glossary, report: ImportReport) -> str:
    """Merge one target into its entry; returns "reviewed", "draft", "unchanged" or "refused"."""
    assert unit.pieces is not None
    locale, place = target.locale, f"{target.shown}:{entry.linenum}" if entry.linenum else target.shown
    text, lost = to_markdown(protect(source, glossary), unit.pieces, locale, glossary)
    if text is None:
        report.problems.append(unit.at(f"not merged: {lost}"))
        return "refused"
    issues = ([lost] if lost else []) + [item.message for item in
                                          parity.errors(source, text, locale, config.source_language)]
    reviewed = unit.approved and not issues and not moved
    if is_reviewed(entry) and not reviewed:
        if entry.msgstr == text and not moved:
            return "unchanged"
        why = "; ".join(issues) if issues else ("its source changed since the export" if moved else "it is not approved")
        report.problems.append(unit.at(f"not merged: {place} has a reviewed translation, and this target "
                                       f"does not replace it ({why})"))
        return "refused"
    notes = []
    if moved:
        notes.append(f"{NOTE_PREFIX}the source changed after the export; this translates the exported source (#|)")
        report.notes.append(unit.at(f"the source changed since the export: merged into {place} as a draft, "
                                    "with the exported source as its previous msgid"))
    if issues:
        notes.append(f"{NOTE_PREFIX}kept as a draft: {'; '.join(issues)}")
        report.problems.append(unit.at(f"kept as a fuzzy draft in {place}: {'; '.join(issues)}"))
    before = _state(entry)
    _set(entry, text, reviewed, notes, unit if moved else None)
    if _state(entry) == before:
        return "unchanged"
    return "reviewed" if reviewed else "draft"


def _set(entry: polib.POEntry, text: str, reviewed: bool, notes: list[str], moved: _Unit | None) -> None:
    replaced = entry.msgstr != text
    entry.msgstr = text
    if reviewed:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    elif "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    if moved is not None:
        entry.previous_msgid = moved.msgid
        entry.previous_msgctxt = moved.msgctxt
    # The translate step's "draft:" line says a machine wrote the msgstr: no longer so once
    # a translator's text replaced it or a reviewer approved it.
    stale = ("draft:", NOTE_PREFIX) if replaced or reviewed else (NOTE_PREFIX,)
    kept = [line for line in (entry.tcomment or "").split("\n") if line and not line.startswith(stale)]
    entry.tcomment = "\n".join(kept + notes)


def _state(entry: polib.POEntry) -> tuple[object, ...]:
    return (entry.msgstr, tuple(entry.flags), entry.tcomment, entry.previous_msgid, entry.previous_msgctxt)


def to_markdown(protected: Protected, pieces: list[Piece], locale: str,
                glossary: Glossary | None) -> tuple[str | None, str | None]:
    """The target as Markdown and, when tags had to be dropped to get it, why; (None, why) when
    even its plain text cannot be written back."""
    try:
        return restore(protected, _tagged(pieces), locale=locale, glossary=glossary), None
    except Rejected as exc:
        lost = exc.reason
    kept, reduced = _reduce(protected, pieces)
    for attempt, text in ((reduced, _tagged(kept)), (Protected(protected.source, "", {}, {}), _plain(pieces))):
        try:
            return restore(attempt, text, locale=locale, glossary=glossary), lost
        except Rejected:
            continue
    return None, lost


def _tagged(pieces: list[Piece]) -> str:
    out = []
    for kind, value, _ in pieces:
        if value == -1:
            continue  # an id that is no number of ours: the tag is lost, its words are kept
        if kind == "text":
            out.append(str(value))
        elif kind == "open":
            out.append(f"<g{value}>")
        elif kind == "close":
            out.append(f"</g{value}>")
        else:
            out.append(f"<x{value}/>")
    return "".join(out)


def _plain(pieces: list[Piece]) -> str:
    return "".join(str(value) for kind, value, _ in pieces if kind == "text")


def _reduce(protected: Protected, pieces: list[Piece]) -> tuple[list[Piece], Protected]:
    """The target with unknown and repeated tags dropped (their words kept), and the source's
    protected form cut down to the tags the target still has."""
    spans: set[object] = set()
    atoms: set[object] = set()
    keep_elements: set[int] = set()
    for kind, value, own in pieces:
        if kind == "open" and value in protected.spans and value not in spans:
            spans.add(value)
            keep_elements.add(own)
        elif kind == "atom" and value in protected.atoms and value not in atoms:
            atoms.add(value)
            keep_elements.add(own)
    kept = [piece for piece in pieces if piece[0] == "text" or piece[2] in keep_elements]
    reduced = Protected(protected.source, protected.text,
                        {number: span for number, span in protected.spans.items() if number in spans},
                        {number: atom for number, atom in protected.atoms.items() if number in atoms})
    return kept, reduced


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
