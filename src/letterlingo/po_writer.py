"""Catalogues written exactly as GNU gettext writes them, so no tool rewraps another's lines.

msgcat, msgmerge, Poedit and Weblate all wrap strings the way gettext's write-po.c does: escape
the string, cut it into portions after each `\\n`, and break each portion at Unicode line-break
opportunities (UAX #14) so that no line exceeds 79 columns, with a `msgid ""` first line when the
string would wrap. polib wraps with Python's textwrap instead, which moves the breaking space to
the next line; every round trip through another tool then rewrote whole files.

The break opportunities come from GNU libunistring, the very library msgcat calls
(`u8_width_linebreaks`), loaded through ctypes; it is part of every system that has gettext. Where
it is missing (a system without gettext), a small fallback breaks after spaces only, which gives
gettext's result for text made of words and spaces.

Known differences from msgcat, all for input letterlingo never writes itself: flags gettext does not
know (Weblate's `read-only`, `max-length:N`) are kept where msgcat drops them, and entries with a
`*-format` flag may break inside a format directive.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

import polib

if TYPE_CHECKING:
    import ctypes

PAGE_WIDTH = 79

_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
            "\\": "\\\\", '"': '\\"'}
# libunistring's break codes (unilbrk.h).
_BREAK_PROHIBITED, _BREAK_POSSIBLE = 1, 2
_POSSIBLE = bytes([_BREAK_POSSIBLE])


def render_po(catalog: polib.POFile) -> str:
    """The whole catalogue as gettext writes it: header, live entries, then obsolete ones."""
    blocks = [_header_block(catalog)]
    blocks += ["".join(_entry_lines(entry)) for entry in catalog if not entry.obsolete]
    blocks += ["".join(_entry_lines(entry)) for entry in catalog if entry.obsolete and _has_msgstr(entry)]
    return "\n".join(blocks)


def _header_block(catalog: polib.POFile) -> str:
    lines = [_comment_line("#", line) for line in catalog.header.split("\n")] if catalog.header else []
    msgstr = "".join(f"{name}: {value}\n" for name, value in catalog.metadata.items())
    if catalog.metadata_is_fuzzy and msgstr:
        lines.append("#, fuzzy\n")
    lines += [_wrapped("", "msgid", "", True), _wrapped("", "msgstr", msgstr, True)]
    return "".join(lines)


def _has_msgstr(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr)


def _entry_lines(entry: polib.POEntry) -> Iterator[str]:
    obsolete = entry.obsolete
    prefix = "#~ " if obsolete else ""
    if entry.tcomment:
        yield from (_comment_line("#", line) for line in entry.tcomment.split("\n"))
    if entry.comment:
        yield from (_comment_line("#.", line) for line in entry.comment.split("\n"))
    if entry.occurrences:
        yield from _reference_lines(entry.occurrences)
    flags = [flag for flag in entry.flags if flag != "fuzzy"]
    if "fuzzy" in entry.flags and _has_msgstr(entry):
        flags.insert(0, "fuzzy")
    if flags:
        yield "#, " + ", ".join(flags) + "\n"
    wrap = "no-wrap" not in entry.flags
    previous = "#~| " if obsolete else "#| "
    for keyword, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                           ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            yield _wrapped(previous, keyword, value, wrap)
    if entry.msgctxt is not None:
        yield _wrapped(prefix, "msgctxt", entry.msgctxt, wrap)
    yield _wrapped(prefix, "msgid", entry.msgid, wrap)
    if entry.msgid_plural:
        yield _wrapped(prefix, "msgid_plural", entry.msgid_plural, wrap)
        for index in sorted(entry.msgstr_plural):
            yield _wrapped(prefix, f"msgstr[{index}]", entry.msgstr_plural[index], wrap)
    else:
        yield _wrapped(prefix, "msgstr", entry.msgstr, wrap)


def _comment_line(mark: str, text: str) -> str:
    return f"{mark} {text}\n" if text else f"{mark}\n"


def _reference_lines(occurrences: list[tuple[str, str]]) -> Iterator[str]:
    """`#:` references, as many per line as fit in the page width."""
    line, column = "#:", 2
    for file_name, line_number in occurrences:
        while file_name.startswith("./"):
            file_name = file_name[2:]
        reference = f"{file_name}:{line_number}" if line_number not in ("", None) else file_name
        width = len(reference) + 1
        if column > 2 and column + width > PAGE_WIDTH:
            yield line + "\n"
            line, column = "#:", 2
        line += " " + reference
        column += width
    yield line + "\n"


def _portions(value: str) -> list[str]:
    """The value cut after each newline, as gettext does (the newline stays with its portion)."""
    parts = value.split("\n")
    portions = [part + "\n" for part in parts[:-1]]
    if parts[-1] or not portions:
        portions.append(parts[-1])
    return portions


@functools.lru_cache(maxsize=8192)
def _wrapped(prefix: str, keyword: str, value: str, wrap: bool) -> str:
    """One keyword and its string, wrapped as gettext's write-po.c `wrap()` does. Cached: every
    locale's catalogue of a letter repeats the same msgids and comments."""
    lines = []
    after_break = len(prefix) + 1  # subsequent lines: prefix and the opening quote
    width = (PAGE_WIDTH if wrap else 1 << 30) - 1 - after_break  # room for the closing quote
    portions = _portions(value)
    first_line = True
    for number, portion in enumerate(portions):
        escaped = _NEEDS_ESCAPE.sub(_escape_match, portion) if _NEEDS_ESCAPE.search(portion) else portion
        more_follows = number < len(portions) - 1
        start = len(prefix) + len(keyword) + 2 - after_break if first_line else 0
        breaks = _line_breaks(escaped, width, start) if escaped else []
        if first_line and escaped and (more_follows or start > width or breaks):
            lines.append(f'{prefix}{keyword} ""\n')
            first_line = False
            start = 0
            breaks = _line_breaks(escaped, width, start)
        head = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        if not breaks:
            lines.append(f'{head}"{escaped}"\n')
            continue
        data = escaped.encode("utf-8")  # break positions are byte offsets
        bounds = [0, *breaks, len(data)]
        lines.append(head + '"' + data[: bounds[1]].decode("utf-8") + '"\n')
        lines += (f'{prefix}"{data[begin:end].decode("utf-8")}"\n' for begin, end in zip(bounds[1:-1], bounds[2:]))
    return "".join(lines)


_NEEDS_ESCAPE = re.compile(r'[\\"\a\b\f\n\r\t\v]')


def _escape_match(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


_ESCAPE_PAIR = re.compile(rb"\\.")


def _line_breaks(escaped: str, width: int, start: int) -> list[int]:
    """The byte offsets (in UTF-8) of `escaped` before which a line break goes.

    A line never breaks inside an escape (every backslash in escaped text starts one), nor just
    before a portion's final `\\n`."""
    if start + (len(escaped) if escaped.isascii() else 2 * len(escaped)) <= width:
        return []  # fits on the line whatever the characters' widths: nothing to break
    data = escaped.encode("utf-8")
    forbidden = [match.start() + 1 for match in _ESCAPE_PAIR.finditer(data)]
    if data.endswith(b"\\n"):
        forbidden.append(len(data) - 2)
    library = _unistring()
    if library is None:
        return _fallback_breaks(data.decode("utf-8"), forbidden, width, start)
    overrides = bytearray(len(data))
    for position in forbidden:
        overrides[position] = _BREAK_PROHIBITED
    import ctypes

    result = ctypes.create_string_buffer(len(data))
    library.u8_width_linebreaks(data, len(data), width, start, 0, bytes(overrides), b"UTF-8", result)
    raw = result.raw
    breaks = []
    position = raw.find(_POSSIBLE)
    while position >= 0:
        breaks.append(position)
        position = raw.find(_POSSIBLE, position + 1)
    return breaks


@functools.cache
def _unistring() -> ctypes.CDLL | None:
    import ctypes

    for candidate in ["libunistring.so.5", "libunistring.so.2", "libunistring.dylib", *_found_unistring()]:
        try:
            library = ctypes.CDLL(candidate)
        except OSError:
            continue
        function = library.u8_width_linebreaks
        function.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                             ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
        function.restype = ctypes.c_int
        return library
    return None


def _found_unistring() -> list[str]:
    import ctypes.util  # slow (it may run a compiler): only when the usual names are not found

    name = ctypes.util.find_library("unistring")
    return [name] if name else []


_NO_BREAK_BEFORE = frozenset(".,;:!?)]}/")
_BREAK_AFTER_BEFORE_LETTER = frozenset(".,;:!?/-")


def _fallback_breaks(text: str, forbidden_bytes: list[int], width: int, start: int) -> list[int]:
    """Greedy breaks at the opportunities libunistring finds in words, spaces and common
    punctuation (after spaces; after `.,;:!?/-` before a letter), with East Asian wide characters
    counted as two columns. Byte offsets in and out, like the library's."""
    forbidden = set(forbidden_bytes)
    breaks = []
    column = start
    offset = 0
    last_opportunity = None
    column_at_opportunity = 0
    previous = ""
    seen_text = False
    for char in text:
        opportunity = offset not in forbidden and (
            (previous == " " and char != " " and seen_text and char not in _NO_BREAK_BEFORE)
            or (previous in _BREAK_AFTER_BEFORE_LETTER and previous and char.isalpha())
        )
        if opportunity:
            last_opportunity, column_at_opportunity = offset, column
        column += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if column > width and last_opportunity is not None:
            breaks.append(last_opportunity)
            column -= column_at_opportunity
            last_opportunity = None
        offset += len(char.encode("utf-8"))
        seen_text = seen_text or char != " "
        previous = char
    return breaks
