"""Catalogue I/O: every .po/.pot read or written by letterlingo goes through here.

The model is polib's (POFile/POEntry), which keeps everything translators' tools put in a file
(unknown header fields such as Poedit's X-Generator, translator comments, flags, `#|` previous
msgids, `#~` obsolete entries) where Babel's Catalog drops unknown headers. Reading is po_reader's
strict single pass (file and line for anything msgfmt would reject); writing is po_writer's,
byte-identical to GNU msgcat.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from .errors import CatalogError
from .fsutil import atomic_write_text, build_time, normalize_newlines, read_input
from .po_reader import parse_po
from .po_writer import render_po

WRAP_WIDTH = 79


def read_catalog(path: Path, *, shown: str | None = None) -> polib.POFile:
    """Read a .po/.pot strictly: any syntax gettext would reject raises CatalogError with its line.

    What msgmerge and msgcat accept is read (a bad Plural-Forms header, an entry with the wrong
    number of plural forms): `check` reports those as findings on their lines."""
    shown = shown or str(path)
    data = read_input(path, CatalogError, shown)
    return parse_catalog(data, shown)


def parse_catalog(data: bytes, shown: str) -> polib.POFile:
    """Parse catalogue bytes; see read_catalog."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        raise CatalogError("contains a NUL byte", shown, data[: data.index(b"\x00")].count(b"\n") + 1)
    charset = _declared_charset(data)
    try:
        text = data.decode(charset)
    except LookupError:
        raise CatalogError(f"unknown charset {charset!r} in Content-Type header", shown, _header_line(data, b"Content-Type")) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(f"not valid {charset} text", shown, line) from None
    text = normalize_newlines(text)
    return parse_po(text, shown)


def _declared_charset(data: bytes) -> str:
    match = re.search(rb"Content-Type:[^\"\n]*charset=([A-Za-z0-9_.:-]+)", data)
    if not match:
        return "utf-8"
    charset = match.group(1).decode("ascii", "replace")
    return "utf-8" if charset.upper() == "CHARSET" else charset


def _header_line(data: bytes, field: bytes) -> int | None:
    index = data.find(field)
    return data[:index].count(b"\n") + 1 if index >= 0 else None


def new_catalog() -> polib.POFile:
    """An empty catalogue that writes with letterlingo's stable wrapping."""
    catalog = polib.POFile(wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    catalog.encoding = "utf-8"
    return catalog


def render_catalog(catalog: polib.POFile) -> str:
    """The file's text, wrapped exactly as GNU msgcat would write it (see po_writer)."""
    return render_po(catalog)


def write_catalog(catalog: polib.POFile, path: Path) -> bool:
    """Write atomically; returns False when the file already had this exact content."""
    return atomic_write_text(Path(path), render_catalog(catalog))


def timestamp() -> str:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds, in gettext's header format."""
    return build_time().strftime("%Y-%m-%d %H:%M%z")


def is_reviewed(entry: polib.POEntry) -> bool:
    """Translated by a person (or accepted by one): non-empty and not fuzzy."""
    return entry_has_translation(entry) and "fuzzy" not in entry.flags


def is_draft(entry: polib.POEntry) -> bool:
    return entry_has_translation(entry) and "fuzzy" in entry.flags


def entry_has_translation(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(value for value in entry.msgstr_plural.values())
    return bool(entry.msgstr)


def live_entries(catalog: polib.POFile) -> list[polib.POEntry]:
    """Entries that count: not obsolete, not the header."""
    return [entry for entry in catalog if not entry.obsolete and entry.msgid != ""]
