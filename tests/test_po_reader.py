"""The strict catalogue reader: it refuses only what GNU gettext refuses, and loses nothing."""

from __future__ import annotations

import random
import subprocess

import polib
import pytest

from letterlingo.catalog import new_catalog, parse_catalog, render_catalog
from letterlingo.errors import CatalogError
from letterlingo.po_reader import parse_po

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'


def gnu_verdict(text: str) -> tuple[bool, str]:
    done = subprocess.run(["msgcat", "-"], input=text.encode("utf-8"), capture_output=True, check=False)
    return done.returncode == 0, done.stderr.decode("utf-8", "replace")


def gnu_accepts(text: str) -> bool:
    return gnu_verdict(text)[0]


def test_obsolete_entries_keep_their_previous_msgid() -> None:
    text = HEADER + '#, fuzzy\n#~| msgctxt "c"\n#~| msgid ""\n#~| "old "\n#~| "text"\n#~ msgid "x"\n#~ msgstr "y"\n'
    entry = parse_po(text, "t.po").obsolete_entries()[0]
    assert (entry.previous_msgctxt, entry.previous_msgid, entry.flags) == ("c", "old text", ["fuzzy"])
    assert render_catalog(parse_po(text, "t.po")).endswith(
        '#, fuzzy\n#~| msgctxt "c"\n#~| msgid "old text"\n#~ msgid "x"\n#~ msgstr "y"\n')


def test_c_escapes_are_read_as_gettext_reads_them() -> None:
    catalog = parse_po(HEADER + 'msgid "a\\x41\\101\\t\\"\\\\"\nmsgstr "\\a\\b\\f\\v\\r\\n"\n', "t.po")
    assert catalog[0].msgid == 'aAA\t"\\'
    assert catalog[0].msgstr == "\a\b\f\v\r\n"
    # octal and hex escapes are bytes (UTF-8 here), and hex digits are read as long as they last
    text = HEADER + 'msgid "f\\303\\274r"\nmsgstr "Texte\\x01avec"\n'
    catalog = parse_po(text, "t.po")
    assert (catalog[0].msgid, catalog[0].msgstr) == ("für", "Texte\x1avec")
    merged = subprocess.run(["msgcat", "-"], input=text.encode(), capture_output=True, check=True).stdout.decode()
    assert render_catalog(catalog) == merged


def test_blank_lines_inside_an_entry_are_allowed_as_in_gettext() -> None:
    text = HEADER + 'msgid "a"\n\nmsgstr ""\n\n"b"\n'
    assert gnu_accepts(text)
    assert parse_po(text, "t.po")[0].msgstr == "b"


def test_header_fields_spanning_lines_and_translator_notes_are_kept() -> None:
    text = ("# Translators: Anna\n#\nmsgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
            "\"X-Note: one\\n\"\n\"two\\n\"\n")
    catalog = parse_po(text, "t.po")
    assert catalog.header == "Translators: Anna\n"
    assert catalog.metadata["X-Note"] == "one\ntwo"


BAD = {
    'msgid "a"\n': ("msgid without msgstr", 6),
    'msgctxt "c"\n#. note\nmsgid "a"\nmsgstr ""\n': ("msgctxt without msgid", 6),
    'msgid "a"\nmsgid "b"\nmsgstr ""\n': ("msgid follows msgid without msgstr", 7),
    'msgid "a"\nmsgstr "b"\nmsgstr "c"\n': ("msgstr without msgid", 8),
    'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "x"\nmsgstr[0] "y"\n': ("numbered msgstr[0]", 6),
    'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[0] "y"\n': ("numbered msgstr[0]", 6),
    'msgid "a"\nmsgstr[0] "x"\n': ("msgstr[N] without msgid_plural", 6),
    'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n': ("duplicate message definition (first defined on line 6)", 9),
    'msgid "a\\q"\nmsgstr ""\n': ("invalid escape sequence '\\q'", 6),
    'msgid "a\nmsgstr ""\n': ("unterminated or malformed string", 6),
    '#. note\n"stray"\n': ("string outside of an entry", 7),
    'msgid "a"\nmsgstr "b"\n#| msgid "old"\n#, fuzzy\nmsgid "c"\nmsgstr "d"\n': ("cannot follow the #|", 9),
    '#| msgid "x"\n#| msgid "y"\nmsgid "c"\nmsgstr "d"\n': ("a second #| msgid", 7),
    '#~ msgid "a"\nmsgstr "b"\n': ("inconsistent use of #~", 7),
    'bogus line\n': ("unrecognised line 'bogus line'", 6),
    '#~ msgid "a"\n#~ msgstr "x"\n\nmsgid "a"\nmsgstr "y"\n': ("duplicate message definition", 9),
    '#| msgid_plural "as"\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] ""\nmsgstr[1] ""\n': ("#| msgid_plural without", 6),
    'msgid "a"\nmsgstr "b"\n\n#| msgid "prev"\n': ("no entry after it", 9),
    'msgid "x\\004y"\nmsgstr ""\n': ("context separator <EOT>", 6),
    'msgid "x"\nmsgstr "\x04"\n': ("context separator <EOT>", 7),
}


@pytest.mark.parametrize("body", list(BAD))
def test_what_gettext_refuses_is_refused_with_its_line(body: str) -> None:
    message, line = BAD[body]
    text = HEADER + body
    assert not gnu_accepts(text)
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text.encode("utf-8"), "t.po")
    assert message in str(caught.value)
    assert caught.value.line == line


def _random_catalogue(rng: random.Random) -> str:
    words = ["word", "Wort", "παιδιά", "дітей", "漢字", " ", " ", "\n", '"', "\\", "[x](#)", "**b**", "\t"]

    def text(limit: int) -> str:
        return "".join(rng.choice(words) for _ in range(rng.randint(0, limit)))

    catalog = new_catalog()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    seen = set()
    for _ in range(5):
        entry = polib.POEntry(msgid=text(12) or "x", msgstr=text(12))
        if rng.random() < 0.2:
            entry.msgctxt = text(3)
        if (entry.msgctxt, entry.msgid) in seen:
            continue
        seen.add((entry.msgctxt, entry.msgid))
        if rng.random() < 0.3:
            entry.flags, entry.previous_msgid = ["fuzzy"], text(8) or None
        if rng.random() < 0.2:
            entry.msgid_plural, entry.msgstr, entry.msgstr_plural = "pl", "", {0: text(5), 1: text(5)}
        if rng.random() < 0.1:
            entry.obsolete, entry.previous_msgid = True, None
        if rng.random() < 0.3:
            entry.tcomment, entry.comment, entry.occurrences = "note", "paragraph 1", [("letters/a.md", "3")]
        catalog.append(entry)
    return render_catalog(catalog)


@pytest.mark.slow  # runs msgcat on 480 damaged catalogues
def test_a_damaged_catalogue_is_refused_only_when_gettext_refuses_it_too() -> None:
    rng = random.Random(21)
    refused_by_both = accepted_by_both = only_gnu_refused = 0
    for _ in range(120):
        lines = _random_catalogue(rng).split("\n")
        for _ in range(4):
            damaged = lines[:]
            index = rng.randrange(len(damaged))
            operation = rng.choice(["delete", "duplicate", "swap"])
            if operation == "delete":
                del damaged[index]
            elif operation == "duplicate":
                damaged.insert(index, damaged[index])
            else:
                other = rng.randrange(len(damaged))
                damaged[index], damaged[other] = damaged[other], damaged[index]
            text = "\n".join(damaged)
            gnu, complaint = gnu_verdict(text)
            if "charset" in complaint:
                continue  # a damaged header: msgcat then refuses any non-ASCII text; ours decodes by it first
            try:
                parse_po(text, "damaged.po")
                ours = True
            except CatalogError as error:
                ours = False
                assert not gnu, f"refused what gettext accepts: {error}\n{text}"
            refused_by_both += not gnu and not ours
            accepted_by_both += gnu and ours
            only_gnu_refused += not gnu and ours
    assert refused_by_both > 50 and accepted_by_both > 50
    assert only_gnu_refused <= (refused_by_both + accepted_by_both) // 100
