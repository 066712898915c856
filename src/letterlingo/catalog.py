"""Catalogue I/O: every .po/.pot read or written by letterlingo goes through here.

polib does the reading and writing because it round-trips what translators' tools put in a
file (unknown header fields such as Poedit's X-Generator, translator comments, flags, `#|`
previous msgids, `#~` obsolete entries) where Babel's Catalog drops unknown headers. polib is
lenient about syntax, though (an unterminated string silently becomes ""), so a strict line
check runs first and reports the file and line of anything gettext itself would reject.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from .errors import CatalogError
from .fsutil import atomic_write_text, build_time, normalize_newlines, read_input
from .po_writer import render_po

WRAP_WIDTH = 79
_STRING = r'"(?:[^"\\]|\\.)*"'
_KEYWORD_LINE = re.compile(rf"^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[(\d+)\])\s*{_STRING}\s*$")
_CONTINUATION = re.compile(rf"^{_STRING}\s*$")
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")
_ESCAPE = re.compile(r"\\(.)")
_VALID_ESCAPES = frozenset('ntrabfv"\\01234567x')


def read_catalog(path: Path, *, shown: str | None = None) -> polib.POFile:
    """Read a .po/.pot strictly: any syntax gettext would reject raises CatalogError with its line."""
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
    _check_syntax(text, shown)
    try:
        catalog = polib.pofile(text, wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    except (OSError, ValueError) as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise CatalogError(f"syntax error: {exc}", shown, int(match.group(1)) if match else None) from None
    _check_header(catalog, text, shown)
    if "#~|" in text:
        _restore_obsolete_previous(catalog, text)
    return catalog


_PREVIOUS_FIELD = re.compile(r'^#~\|\s*(msgctxt|msgid|msgid_plural)?\s*("(?:[^"\\]|\\.)*")\s*$')
_OBSOLETE_FIELD = re.compile(r'^#~\s*(msgctxt|msgid)\s*("(?:[^"\\]|\\.)*")\s*$|^#~\s*("(?:[^"\\]|\\.)*")\s*$')


def _restore_obsolete_previous(catalog: polib.POFile, text: str) -> None:
    """polib drops the `#~|` previous msgid of obsolete entries; msgmerge writes them, so read
    them here, or every update would silently delete them."""
    obsolete = {(entry.msgctxt, entry.msgid): entry for entry in catalog if entry.obsolete}
    for block in text.split("\n\n"):
        previous: dict[str, str] = {}
        current: dict[str, str] = {}
        field = None
        for line in block.split("\n"):
            line = line.strip()
            match = _PREVIOUS_FIELD.match(line)
            if match:
                field = match.group(1) or field
                if field:
                    previous[field] = previous.get(field, "") + polib.unescape(match.group(2)[1:-1])
                continue
            match = _OBSOLETE_FIELD.match(line)
            if match and (match.group(1) or field in ("msgctxt", "msgid")):
                field = match.group(1) or field
                assert field is not None
                quoted = match.group(2) or match.group(3)
                current[field] = current.get(field, "") + polib.unescape(quoted[1:-1])
            elif line.startswith("#~"):
                field = "other"
        entry = obsolete.get((current.get("msgctxt"), current.get("msgid", "")))
        if previous and entry is not None:
            entry.previous_msgctxt = previous.get("msgctxt")
            entry.previous_msgid = previous.get("msgid")
            entry.previous_msgid_plural = previous.get("msgid_plural")


def _declared_charset(data: bytes) -> str:
    match = re.search(rb"Content-Type:[^\"\n]*charset=([A-Za-z0-9_.:-]+)", data)
    if not match:
        return "utf-8"
    charset = match.group(1).decode("ascii", "replace")
    return "utf-8" if charset.upper() == "CHARSET" else charset


def _header_line(data: bytes, field: bytes) -> int | None:
    index = data.find(field)
    return data[:index].count(b"\n") + 1 if index >= 0 else None


def _check_syntax(text: str, shown: str) -> None:
    """Line-level validation and duplicate detection, mirroring what msgfmt refuses."""
    seen: dict[tuple[str | None, str], int] = {}
    state = None  # last keyword seen in the current entry
    entry: dict[str, str] = {}
    entry_line = 0
    plural_indices: list[int] = []

    def finish(line_number: int) -> None:
        nonlocal entry, state, plural_indices
        if "msgctxt" in entry and "msgid" not in entry:
            raise CatalogError("msgctxt without msgid", shown, entry_line)
        if "msgid" in entry:
            if "msgstr" not in entry and not plural_indices:
                raise CatalogError("msgid without msgstr", shown, entry_line)
            if "msgid_plural" in entry and not plural_indices:
                raise CatalogError("plural entry needs msgstr[0], msgstr[1], ...", shown, entry_line)
            if "msgid_plural" not in entry and plural_indices:
                raise CatalogError("msgstr[N] without msgid_plural", shown, entry_line)
            if plural_indices and plural_indices != list(range(len(plural_indices))):
                raise CatalogError("plural forms must be numbered msgstr[0], msgstr[1], ... in order", shown, entry_line)
            key = (entry.get("msgctxt"), entry["msgid"])
            if key in seen and not entry.get("obsolete"):
                raise CatalogError(f"duplicate message definition (first defined on line {seen[key]})", shown, entry_line)
            if not entry.get("obsolete"):
                seen[key] = entry_line
        entry, state, plural_indices = {}, None, []

    lines = text.split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        obsolete = False
        if line.startswith("#~"):
            line = line[2:].strip()
            obsolete = True
            if line.startswith("|"):
                continue  # previous msgid of an obsolete entry
            if not line:
                continue
        elif not line:
            finish(number)
            continue
        elif line.startswith("#"):
            if state is not None and state != "comment":
                finish(number)
            state = state or None
            if line.startswith("#|"):
                prev = line[2:].strip()
                if prev and not (_KEYWORD_LINE.match(prev) or _CONTINUATION.match(prev)):
                    raise CatalogError("malformed previous-msgid (#|) line", shown, number)
            continue
        match = _KEYWORD_LINE.match(line)
        if match:
            keyword = match.group(1)
            base = "msgstr" if keyword.startswith("msgstr[") else keyword
            if base in ("msgctxt", "msgid") and state in ("msgstr", "msgstr_plural"):
                finish(number)
            if base == "msgctxt" or (base == "msgid" and "msgid" not in entry):
                entry_line = entry_line if "msgctxt" in entry else number
            if base == "msgid":
                if "msgid" in entry:
                    raise CatalogError("msgid follows msgid without msgstr", shown, number)
                entry["msgid"] = _unquote(line[len(keyword):])
                entry["obsolete"] = "1" if obsolete else ""
            elif base == "msgctxt":
                entry["msgctxt"] = _unquote(line[len(keyword):])
            elif keyword == "msgid_plural":
                entry["msgid_plural"] = "1"
            elif keyword == "msgstr":
                if "msgid" not in entry:
                    raise CatalogError("msgstr without msgid", shown, number)
                entry["msgstr"] = "1"
            else:
                if "msgid" not in entry:
                    raise CatalogError("msgstr without msgid", shown, number)
                plural_indices.append(int(match.group(2)))
            state = "msgstr_plural" if keyword.startswith("msgstr[") else base
            bad = next((m for m in _ESCAPE.finditer(line[len(keyword):]) if m.group(1) not in _VALID_ESCAPES), None)
            if bad:
                raise CatalogError(f"invalid escape sequence '\\{bad.group(1)}'", shown, number)
            continue
        if _CONTINUATION.match(line):
            if state is None:
                raise CatalogError("string outside of an entry", shown, number)
            if state == "msgid" and "msgid" in entry:
                entry["msgid"] += _unquote(line)
            continue
        if line.startswith(("msgid", "msgstr", "msgctxt", '"')):
            raise CatalogError("unterminated or malformed string", shown, number)
        raise CatalogError(f"unrecognised line {raw.strip()[:40]!r}", shown, number)
    finish(len(lines))


def _unquote(quoted: str) -> str:
    quoted = quoted.strip()
    return quoted[1:-1] if len(quoted) >= 2 else quoted


def _check_header(catalog: polib.POFile, text: str, shown: str) -> None:
    plural = catalog.metadata.get("Plural-Forms")
    if plural is not None and plural.strip():
        match = _PLURAL_FORMS.match(plural)
        if not match or int(match.group(1)) < 1:
            raise CatalogError(f"bad Plural-Forms header {plural!r}", shown, _line_in(text, "Plural-Forms"))
    declared = _PLURAL_FORMS.match(plural) if plural is not None else None
    for entry in catalog:
        if entry.msgid_plural and declared is not None:
            expected = int(declared.group(1))
            if len(entry.msgstr_plural) not in (0, expected):
                raise CatalogError(
                    f"entry has {len(entry.msgstr_plural)} plural forms, Plural-Forms says {expected}",
                    shown,
                    entry.linenum,
                )


def _line_in(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    return None


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
