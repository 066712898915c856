"""Template -> per-language catalogues, merged the way msgmerge does it.

Unchanged entries keep their translation; a changed block inherits the closest old
translation as a fuzzy suggestion with the old msgid in `#|`; entries no longer in the
template become obsolete (`#~`) if they had a translation. Everything a translator wrote
(comments, flags, header fields) is carried over.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

import polib

from .catalog import entry_has_translation, new_catalog, parse_catalog, render_catalog
from .config import Config
from .errors import CatalogError
from .fsutil import atomic_write_text, read_input
from .languages import english_name, native_name, plural_forms
from .manifest import digest
from .merge_record import MergeRecord

#: Similarity (difflib ratio) from which an old translation is offered for a changed block;
#: msgmerge's own threshold is of this order.
FUZZY_THRESHOLD = 0.6


@dataclass(frozen=True)
class UpdateResult:
    locale: str
    path: str
    created: bool
    changed: bool
    kept: int
    fuzzy: int
    new: int
    obsolete: int


def update(config: Config, slug: str, locales: tuple[str, ...]) -> list[UpdateResult]:
    """Create or merge locales/<lang>/LC_MESSAGES/<slug>.po for each locale.

    Catalogues already merged with this very template (see merge_record) are passed over unread.
    """
    pot_path = config.pot_file(slug)
    shown_pot = config.relative(pot_path)
    if not pot_path.exists():
        raise CatalogError("template not found: run `letterlingo extract` first", shown_pot)
    pot_bytes = read_input(pot_path, CatalogError, shown_pot)
    template_digest = digest(pot_bytes)
    template: polib.POFile | None = None
    record = MergeRecord(config.root)
    results = []
    for locale in locales:
        path = config.po_file(slug, locale)
        shown = config.relative(path)
        data = path.read_bytes() if path.exists() else None
        kept = None if data is None else record.kept_if_merged(shown, locale, template_digest, data)
        if kept is not None:
            results.append(UpdateResult(locale, shown, False, False, kept, 0, 0, 0))
            continue
        if template is None:
            template = parse_catalog(pot_bytes, shown_pot)
        result, written = update_locale(config, slug, locale, template, data)
        record.remember(shown, locale, template_digest, written, result.kept + result.fuzzy + result.new)
        results.append(result)
    record.save()
    return results


def update_locale(
    config: Config, slug: str, locale: str, template: polib.POFile, data: bytes | None = None
) -> tuple[UpdateResult, bytes]:
    """Merge one catalogue; returns the result and the bytes the file now holds."""
    path = config.po_file(slug, locale)
    shown = config.relative(path)
    if data is None and path.exists():
        data = read_input(path, CatalogError, shown)
    created = data is None
    old = new_catalog() if data is None else parse_catalog(data, shown)
    merged, counts = merge(old, template, locale, created=created)
    if data is not None and _same(merged, old):
        # Nothing to merge: leave the translator's file byte-for-byte as their editor wrote it.
        return UpdateResult(locale, shown, False, False, *counts), data
    text = render_catalog(merged)
    changed = atomic_write_text(path, text)
    return UpdateResult(locale, shown, created, changed, *counts), text.encode("utf-8")


def _entry_key(entry: polib.POEntry) -> tuple[object, ...]:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural, entry.msgstr, tuple(sorted(entry.msgstr_plural.items())),
            tuple(entry.flags), entry.comment, entry.tcomment, tuple(entry.occurrences), entry.obsolete,
            entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural)


def _same(first: polib.POFile, second: polib.POFile) -> bool:
    """Whether two catalogues would be written the same, without writing them (which is slow)."""
    return (first.header == second.header and list(first.metadata.items()) == list(second.metadata.items())
            and len(first) == len(second)
            and all(_entry_key(a) == _entry_key(b) for a, b in zip(first, second)))


def po_header(template: polib.POFile, locale: str) -> dict[str, str]:
    """A new catalogue's header: the template's, with the language's facts filled in."""
    header = dict(template.metadata)
    header["PO-Revision-Date"] = header.get("POT-Creation-Date", "")
    header["Last-Translator"] = ""
    header["Language-Team"] = native_name(locale)
    header["Language"] = locale
    header["Plural-Forms"] = plural_forms(locale)
    ordering = polib.POFile()
    ordering.metadata = header
    return dict(ordering.ordered_metadata())  # the order msginit and Poedit use


def merge(
    old: polib.POFile, template: polib.POFile, locale: str, *, created: bool = False
) -> tuple[polib.POFile, tuple[int, int, int, int]]:
    """Merge `template` into `old` without touching `old`; returns the new catalogue and counts
    (kept, fuzzy, new, obsolete)."""
    merged = new_catalog()
    merged.header = old.header
    if created or not old.metadata:
        # A new file, or one without a header (gettext needs its charset): a whole header, as
        # msginit writes it (msgmerge would leave such a file without one).
        if not old.header:
            merged.header = f"{english_name(locale)} translation of {template.metadata.get('Project-Id-Version', '')}."
        merged.metadata = po_header(template, locale)
    else:
        merged.metadata = dict(old.metadata)
        merged.metadata["POT-Creation-Date"] = template.metadata.get("POT-Creation-Date", "")
        merged.metadata.setdefault("Language", locale)
        if "Plural-Forms" not in merged.metadata:
            merged.metadata["Plural-Forms"] = plural_forms(locale)
    merged.metadata_is_fuzzy = old.metadata_is_fuzzy

    # Entries are told apart by context and msgid, as gettext does: the same words under
    # another msgctxt are another message.
    current = {_key(entry): entry for entry in old if not entry.obsolete}
    retired = {_key(entry): entry for entry in old if entry.obsolete}
    used: set[Key] = set()
    kept = fuzzy = new = 0
    template_keys = {_key(entry) for entry in template}
    candidates = [
        entry
        for entry in list(current.values()) + list(retired.values())
        if entry_has_translation(entry) and _key(entry) not in template_keys
    ]

    for source in template:
        if not source.msgid and source.msgctxt is None:
            continue
        previous = current.get(_key(source)) or retired.get(_key(source))
        if previous is not None:
            entry = _carry(previous, source)
            used.add(_key(previous))
            kept += 1
        else:
            match = _closest(source.msgid, candidates)
            entry = _clone(source)
            if match is not None:
                entry.msgstr = match.msgstr
                entry.msgstr_plural = dict(match.msgstr_plural)
                entry.tcomment = match.tcomment
                entry.flags = [flag for flag in match.flags if flag != "fuzzy"] + ["fuzzy"]
                # As msgmerge: a draft that was already fuzzy keeps its own `#|` (or none).
                if "fuzzy" in match.flags:
                    entry.previous_msgctxt, entry.previous_msgid = match.previous_msgctxt, match.previous_msgid
                else:
                    entry.previous_msgctxt, entry.previous_msgid = match.msgctxt, match.msgid
                used.add(_key(match))
                fuzzy += 1
            else:
                new += 1
        merged.append(entry)

    obsolete = 0
    for entry in list(current.values()) + list(retired.values()):
        if _key(entry) in used or not entry_has_translation(entry):
            continue
        retired_entry = _clone(entry)
        retired_entry.obsolete = True
        retired_entry.occurrences = []
        retired_entry.comment = ""  # as msgmerge: a retired entry keeps no extracted comment
        merged.append(retired_entry)
        if not entry.obsolete:
            obsolete += 1
    return merged, (kept, fuzzy, new, obsolete)


Key = tuple[str | None, str]


def _key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def _carry(previous: polib.POEntry, source: polib.POEntry) -> polib.POEntry:
    """The old entry with the template's current comments and references."""
    entry = _clone(previous)
    entry.obsolete = False
    entry.comment = source.comment
    entry.occurrences = list(source.occurrences)
    if "fuzzy" not in entry.flags:
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
    return entry


def _closest(msgid: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    best, best_ratio = None, FUZZY_THRESHOLD
    for candidate in candidates:
        ratio = _similarity(msgid, candidate.msgid)
        if ratio >= best_ratio and (best is None or ratio > best_ratio):
            best, best_ratio = candidate, ratio
    return best


@functools.lru_cache(maxsize=4096)
def _similarity(msgid: str, other: str) -> float:
    """difflib's ratio, or 0 when its cheap upper bounds already fall short; cached because
    every locale of a letter compares the same changed block with the same old ones."""
    matcher = difflib.SequenceMatcher(None, other, msgid, autojunk=False)
    if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _clone(entry: polib.POEntry) -> polib.POEntry:
    """A copy whose lists and dicts are its own (copy.deepcopy is slow for thousands of entries)."""
    return polib.POEntry(
        msgid=entry.msgid, msgstr=entry.msgstr, msgid_plural=entry.msgid_plural,
        msgstr_plural=dict(entry.msgstr_plural), msgctxt=entry.msgctxt, obsolete=entry.obsolete,
        encoding=entry.encoding, comment=entry.comment, tcomment=entry.tcomment,
        occurrences=list(entry.occurrences), flags=list(entry.flags), previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid, previous_msgid_plural=entry.previous_msgid_plural, linenum=entry.linenum,
    )
