"""Catalogue text -> polib objects in one strict pass, refusing what msgfmt refuses.

polib's own parser is lenient (an unterminated string silently becomes "") and drops the `#~|`
lines of obsolete entries, so a strict line check had to run before it: two passes over every
catalogue on every command. This reader does both jobs at once and keeps polib's model
(POFile/POEntry), which the rest of letterlingo and translators' scripts use. Errors name the
line, in the words the old check used.
"""

from __future__ import annotations

import re

import polib

from .errors import CatalogError

_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'  # unrolled: one step per run of plain characters
_KEYWORD_LINE = re.compile(rf"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*({_STRING})\s*$")
_CONTINUATION = re.compile(rf"^({_STRING})\s*$")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.)")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", '"': '"', "\\": "\\"}


def unquote(quoted: str, shown: str, number: int) -> str:
    """The text of a quoted PO string, with C escapes resolved as gettext resolves them: an octal
    or hex escape is a byte (so `\\303\\244` is "ä" in a UTF-8 file), hex digits are read as
    long as they last; an unknown escape, or a byte that is not UTF-8, is an error."""
    body = quoted[1:-1]
    if "\\" not in body:
        if "\x04" in body:
            raise CatalogError("context separator <EOT> within string", shown, number)
        return body
    data = bytearray()
    position = 0
    for match in _ESCAPE.finditer(body):
        data += body[position:match.start()].encode("utf-8")
        position = match.end()
        code = match.group(1)
        simple = _SIMPLE_ESCAPES.get(code)
        if simple is not None:
            data += simple.encode("utf-8")
        elif code[0] == "x":
            value = int(code[1:], 16)
            if value > 0xFF:
                raise CatalogError(f"hex escape '\\{code}' is larger than a byte", shown, number)
            data.append(value)
        elif code[0].isdigit():
            data.append(int(code, 8) & 0xFF)
        else:
            raise CatalogError(f"invalid escape sequence '\\{code[0]}'", shown, number)
    data += body[position:].encode("utf-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CatalogError("escape sequences that are not UTF-8 text", shown, number) from None
    if "\x04" in text:
        raise CatalogError("context separator <EOT> within string", shown, number)
    return text


class _Entry:
    """An entry being read: its fields as they arrive, and where it started."""

    __slots__ = ("line", "empty", "keyword_line", "obsolete", "previous_obsolete", "tcomment", "comment", "occurrences", "flags", "previous",
                 "msgctxt", "msgid", "msgid_plural", "msgstr", "plurals", "field")

    def __init__(self, line: int) -> None:
        self.line = line  # its first line, comments included (polib's linenum)
        self.empty = True
        self.keyword_line = 0  # the line of its first msgctxt or msgid (where msgfmt points)
        self.obsolete = False
        self.previous_obsolete: bool | None = None  # whether its #| lines were #~| lines
        self.tcomment: list[str] = []
        self.comment: list[str] = []
        self.occurrences: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.previous: dict[str, str] = {}
        self.msgctxt: str | None = None
        self.msgid: str | None = None
        self.msgid_plural: str | None = None
        self.msgstr: str | None = None
        self.plurals: dict[int, str] = {}
        self.field: str | None = None  # what a continuation line adds to

    @property
    def has_strings(self) -> bool:
        return self.msgctxt is not None or self.msgid is not None

    def touch(self, number: int) -> None:
        if self.empty:
            self.line, self.empty = number, False


def parse_po(text: str, shown: str) -> polib.POFile:
    """Parse catalogue text (already decoded, newlines normalised) into a polib POFile."""
    return _Reader(shown).read(text)


class _Reader:
    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.catalog = polib.POFile(wrapwidth=79, check_for_duplicates=False)
        self.catalog.encoding = "utf-8"
        self.seen: dict[tuple[str | None, str], int] = {}
        self.header_done = False
        self.header_entry_found = False

    def fail(self, message: str, line: int) -> CatalogError:
        return CatalogError(message, self.shown, line)

    def read(self, text: str) -> polib.POFile:
        entry = _Entry(1)
        header_comment: list[str] = []
        at_start = True
        for number, raw in enumerate(text.split("\n"), start=1):
            line = raw.strip()
            if not line:
                continue  # as in gettext, blank lines separate nothing: keywords and comments do
            obsolete = False
            if line.startswith("#~"):
                rest = line[2:].lstrip()
                if not rest:
                    continue
                if rest.startswith("|"):  # previous msgid of an obsolete entry
                    entry = self._previous(entry, rest[1:].lstrip(), number, obsolete=True)
                    at_start = False
                    continue
                if rest.startswith("#"):
                    line = rest  # a comment kept inside an obsolete entry
                else:
                    line, obsolete = rest, True
            if line.startswith("#"):
                if entry.msgstr is not None or entry.plurals:
                    entry = self._finish(entry, number)
                if line.startswith("#|"):
                    entry = self._previous(entry, line[2:].lstrip(), number, obsolete=False)
                    at_start = False
                    continue
                if entry.has_strings:
                    raise self.fail("msgid without msgstr" if entry.msgid is not None else "msgctxt without msgid",
                                    entry.keyword_line)
                if entry.previous:
                    raise self.fail("a comment cannot follow the #| previous msgid: move it above", number)
                kind = line[1:2]
                if kind in ",.:" or not (at_start and not self.header_done):
                    entry.touch(number)
                if kind == ",":
                    entry.flags += [flag.strip() for flag in line[2:].split(",") if flag.strip()]
                    at_start = False
                elif kind == ".":
                    entry.comment.append(line[3:] if line[2:3] == " " else line[2:])
                    at_start = False
                elif kind == ":":
                    entry.occurrences += [_occurrence(token) for token in line[2:].split()]
                    at_start = False
                else:
                    comment = line.lstrip("#")
                    comment = comment[1:] if comment.startswith(" ") else comment
                    if at_start and not self.header_done:
                        header_comment.append(comment)
                    else:
                        entry.tcomment.append(comment)
                continue
            at_start = False
            match = _KEYWORD_LINE.match(line)
            if match:
                entry = self._keyword(entry, match, number, obsolete)
                continue
            match = _CONTINUATION.match(line)
            if match:
                if entry.field is None or entry.field.startswith("previous "):
                    raise self.fail("string outside of an entry", number)
                if entry.obsolete != obsolete:
                    raise self.fail("inconsistent use of #~ within one entry", number)
                self._append(entry, unquote(match.group(1), self.shown, number))
                continue
            if line.startswith(("msgid", "msgstr", "msgctxt", '"')):
                raise self.fail("unterminated or malformed string", number)
            raise self.fail(f"unrecognised line {line[:40]!r}", number)
        if entry.has_strings:
            self._finish(entry, entry.line)
        elif entry.previous:
            raise self.fail("a #| previous msgid with no entry after it", entry.line)
        if header_comment:
            self.catalog.header = "\n".join(header_comment)
        return self.catalog

    def _keyword(self, entry: _Entry, match: re.Match[str], number: int, obsolete: bool) -> _Entry:
        keyword, index, quoted = match.group(1), match.group(2), match.group(3)
        value = unquote(quoted, self.shown, number)
        if keyword in ("msgctxt", "msgid") and (entry.msgstr is not None or entry.plurals):
            entry = self._finish(entry, number)
        if (entry.has_strings and entry.obsolete != obsolete) or (
                not entry.has_strings and entry.previous_obsolete not in (None, obsolete)):
            raise self.fail("inconsistent use of #~ within one entry", number)
        entry.touch(number)
        if keyword == "msgctxt":
            if entry.msgctxt is not None or entry.msgid is not None:
                raise self.fail("msgid without msgstr" if entry.msgid is not None else "msgctxt without msgid",
                                entry.keyword_line)
            entry.msgctxt = value
            entry.keyword_line = number
        elif keyword == "msgid":
            if entry.msgid is not None:
                raise self.fail("msgid follows msgid without msgstr", number)
            if entry.msgctxt is None:
                entry.keyword_line = number
            entry.msgid = value
        elif entry.msgid is None or (keyword == "msgstr" and (entry.msgstr is not None or entry.plurals)):
            raise self.fail("msgstr without msgid", number)
        elif keyword == "msgid_plural":
            if entry.msgid_plural is not None or entry.msgstr is not None or entry.plurals:
                raise self.fail("msgid_plural must follow its msgid, once", number)
            entry.msgid_plural = value
        elif index is None:
            entry.msgstr = value
        else:
            if int(index) in entry.plurals or int(index) != len(entry.plurals):
                raise self.fail("plural forms must be numbered msgstr[0], msgstr[1], ... in order", entry.keyword_line)
            entry.plurals[int(index)] = value
        entry.obsolete = obsolete
        entry.field = keyword if index is None else f"msgstr[{index}]"
        return entry

    def _append(self, entry: _Entry, value: str) -> None:
        field = entry.field
        if field == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif field == "msgid":
            entry.msgid = (entry.msgid or "") + value
        elif field == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        elif field == "msgstr":
            entry.msgstr = (entry.msgstr or "") + value
        elif field is not None and field.startswith("msgstr["):
            index = int(field[7:-1])
            entry.plurals[index] = entry.plurals.get(index, "") + value
        elif field is not None and field.startswith("previous "):
            name = field[9:]
            entry.previous[name] = entry.previous.get(name, "") + value

    def _previous(self, entry: _Entry, rest: str, number: int, *, obsolete: bool) -> _Entry:
        if entry.msgstr is not None or entry.plurals:
            entry = self._finish(entry, number)
        if not rest:
            return entry
        if entry.has_strings:
            raise self.fail("msgid without msgstr" if entry.msgid is not None else "msgctxt without msgid",
                            entry.keyword_line)
        if entry.previous_obsolete not in (None, obsolete):
            raise self.fail("inconsistent use of #~ within one entry", number)
        entry.previous_obsolete = obsolete
        entry.touch(number)
        match = _KEYWORD_LINE.match(rest)
        if match and match.group(1) in ("msgctxt", "msgid", "msgid_plural"):
            name = match.group(1)
            if name in entry.previous:
                raise self.fail(f"a second #| {name} in one entry", number)
            if name == "msgid_plural" and "msgid" not in entry.previous:
                raise self.fail("#| msgid_plural without a #| msgid before it", number)
            if name == "msgctxt" and "msgid" in entry.previous:
                raise self.fail("#| msgctxt must come before the #| msgid", number)
            entry.previous[name] = unquote(match.group(3), self.shown, number)
            entry.field = f"previous {name}"
        elif _CONTINUATION.match(rest) and entry.field is not None and entry.field.startswith("previous "):
            self._append(entry, unquote(rest, self.shown, number))
        else:
            raise self.fail("malformed previous-msgid (#|) line", number)
        return entry

    def _finish(self, entry: _Entry, number: int) -> _Entry:
        """Check the entry as msgfmt would and add it; returns a fresh one starting at `number`."""
        at = entry.keyword_line
        if entry.msgid is None:
            if entry.msgctxt is not None:
                raise self.fail("msgctxt without msgid", at)
            return _Entry(number)
        if entry.msgstr is None and not entry.plurals:
            raise self.fail("msgid without msgstr", at)
        if entry.msgid_plural is not None and not entry.plurals:
            raise self.fail("plural entry needs msgstr[0], msgstr[1], ...", at)
        if entry.msgid_plural is None and entry.plurals:
            raise self.fail("msgstr[N] without msgid_plural", at)
        if entry.plurals and list(entry.plurals) != list(range(len(entry.plurals))):
            raise self.fail("plural forms must be numbered msgstr[0], msgstr[1], ... in order", at)
        key = (entry.msgctxt, entry.msgid)
        if key in self.seen:  # as for msgcat, an obsolete copy counts too
            raise self.fail(f"duplicate message definition (first defined on line {self.seen[key]})", at)
        self.seen[key] = at
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete and not self.header_entry_found:
            self._header(entry)
        else:
            self.catalog.append(polib.POEntry(
                msgid=entry.msgid, msgstr=entry.msgstr or "", msgid_plural=entry.msgid_plural or "",
                msgstr_plural=dict(entry.plurals), msgctxt=entry.msgctxt, obsolete=entry.obsolete,
                encoding="utf-8", comment="\n".join(entry.comment), tcomment="\n".join(entry.tcomment),
                occurrences=entry.occurrences, flags=entry.flags,
                previous_msgctxt=entry.previous.get("msgctxt"), previous_msgid=entry.previous.get("msgid"),
                previous_msgid_plural=entry.previous.get("msgid_plural"), linenum=entry.line,
            ))
        self.header_done = True
        return _Entry(number)

    def _header(self, entry: _Entry) -> None:
        """The header entry becomes the catalogue's metadata, as polib reads it."""
        self.header_entry_found = True
        self.catalog.metadata_is_fuzzy = entry.flags
        if entry.tcomment:
            self.catalog.header = "\n".join(entry.tcomment)
        key = None
        for line in (entry.msgstr or "").splitlines():
            if ":" in line:
                key, value = line.split(":", 1)
                self.catalog.metadata[key] = value.strip()
            elif key is not None:
                self.catalog.metadata[key] += "\n" + line.strip()


def _occurrence(token: str) -> tuple[str, str]:
    file_name, _, line = token.rpartition(":")
    if file_name and line.isdigit():
        return file_name, line
    return token, ""
