"""Catalogue checks: header, plural forms, duplicates, progress, and names leaking into catalogues."""

from __future__ import annotations

import polib
import pytest

from checks.checkutil import catalogue_context, findings_for, po_text
from letterlingo.checks import catalogue, letter, progress
from letterlingo.checks.plurals import PluralFormsError, parse_plural_forms
from letterlingo.errors import CatalogError
from letterlingo.languages import EU_LANGUAGES, plural_forms
from letterlingo.letter import parse_letter_text

GERMAN = "nplurals=2; plural=(n != 1);"


def names(text: str, *checks, locale: str | None = "de", **kwargs) -> list[str]:
    return [name for name, _severity, _line in findings_for(text, list(checks), locale, **kwargs)]


@pytest.mark.parametrize("code", EU_LANGUAGES)
def test_babel_plural_forms_are_valid_for_every_eu_language(code: str) -> None:
    forms = parse_plural_forms(plural_forms(code))
    assert forms.problems() == []
    assert forms(1) == 0 or code in ("lv",)  # Latvian has a zero form first: 1 -> 0 all the same
    assert names(po_text('msgid "a"\nmsgstr "b"\n', language=code, plural=plural_forms(code)),
                 catalogue.plural_expression, catalogue.plural_forms_match, catalogue.language, locale=code) == []


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("nplurals=2; plural=(n != 1);", None),
        ("nplurals=2; plural=n != 1", None),
        ("nplurals=1; plural=0;", None),
        ("nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2;", None),
        ("nplurals=2; plural=n !!= 1;", "invalid"),
        ("nplurals=2; plural=-n;", "invalid"),
        ("nplurals=2; plural=(n != 1;", "invalid"),
        ("nplurals=2; plural=(n != 1) + 1;", "as large as 2"),
        ("nplurals=2; plural=n/0;", "division by zero"),
        ("nplurals=3; plural=n-1;", "negative"),
    ],
)
def test_plural_expression(value: str, problem: str | None) -> None:
    try:
        problems = parse_plural_forms(value).problems()
    except PluralFormsError as exc:
        problems = [str(exc)]
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_plural_expression_evaluates_like_c() -> None:
    czech = parse_plural_forms(plural_forms("cs"))
    assert [czech(n) for n in (0, 1, 2, 4, 5, 22)] == [2, 0, 1, 1, 2, 2]
    polish = parse_plural_forms(plural_forms("pl"))
    assert [polish(n) for n in (1, 2, 5, 12, 22, 25, 112)] == [0, 1, 2, 2, 1, 2, 2]
    assert parse_plural_forms("nplurals=2; plural=n>1 ? 1 : n==1 ? 0 : 1;")(0) == 1


def test_po_header() -> None:
    assert names(po_text('msgid "a"\nmsgstr "b"\n'), catalogue.po_header) == []
    assert names('msgid "a"\nmsgstr "b"\n', catalogue.po_header) == ["po-header"]
    assert names('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n', catalogue.po_header) == ["po-header"]
    assert names('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n', catalogue.po_header) == []


def test_plural_expression_check_needs_plural_forms_only_for_translated_plurals() -> None:
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    plural = 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "{0}"\nmsgstr[1] "{1}"\n'
    assert names(header + plural.format("", ""), catalogue.plural_expression) == []
    assert names(header + "#, fuzzy\n" + plural.format("b", "bs"), catalogue.plural_expression) == []
    found = findings_for(header + plural.format("b", "bs"), [catalogue.plural_expression])
    assert found == [("plural-expression", "error", 4)]
    assert names(po_text('msgid "a"\nmsgstr "b"\n', plural="nplurals=2; plural=n>1 ? 2 : 0;"),
                 catalogue.plural_expression) == ["plural-expression"]


def test_plural_count_falls_back_to_the_locale() -> None:
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    entry = 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "bs"\n'
    assert names(header + entry, catalogue.plural_count, locale="de") == []
    assert names(header + entry, catalogue.plural_count, locale="pl") == ["plural-count"]
    assert names(header + entry, catalogue.plural_count, locale="ga") == ["plural-count"]


def test_duplicates_count_obsolete_entries() -> None:
    assert names(po_text('msgid "a"\nmsgstr "b"\n\n#~ msgid "c"\n#~ msgstr "d"\n'), catalogue.duplicates) == []
    with pytest.raises(CatalogError, match="duplicate message definition"):  # refused on reading, as by msgcat
        findings_for(po_text('msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n'), [catalogue.duplicates])
    assert names(po_text('msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'), catalogue.duplicates) == []


@pytest.mark.parametrize(
    ("header_language", "locale", "ok"),
    [("de", "de", True), ("de_DE", "de_DE", True), ("pt-PT", "pt_PT", True), ("fr", "de", False),
     ("", "de", False), ("xx-nonsense", "de", False), ("de", "de_AT", False)],
)
def test_language(header_language: str, locale: str, ok: bool) -> None:
    text = po_text('msgid "a"\nmsgstr "b"\n', language=header_language)
    assert (names(text, catalogue.language, locale=locale) == []) is ok


def test_language_points_at_the_header_line() -> None:
    assert findings_for(po_text('msgid "a"\nmsgstr "b"\n', language="fr"), [catalogue.language]) == [
        ("language", "error", 7)
    ]


@pytest.mark.parametrize(
    ("value", "locale", "ok"),
    [
        (GERMAN, "de", True),
        ("nplurals=2; plural=n != 1;", "de", True),  # spelled differently, same forms
        ("nplurals=2; plural=(n > 1);", "fr", True),
        ("nplurals=2; plural=(n > 1);", "de", False),  # French rule in a German file
        ("nplurals=2; plural=(n != 1);", "pl", False),
        ("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);", "pl", True),
        ("nplurals=3; plural=(n != 1);", "de", False),
    ],
)
def test_plural_forms_match_the_locale(value: str, locale: str, ok: bool) -> None:
    text = po_text('msgid "a"\nmsgstr "b"\n', language=locale, plural=value)
    assert (names(text, catalogue.plural_forms_match, locale=locale) == []) is ok


def test_plural_forms_missing() -> None:
    text = po_text('msgid "a"\nmsgstr "b"\n').replace('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n', "")
    assert names(text, catalogue.plural_forms_match) == ["plural-forms"]


def test_progress_counts() -> None:
    text = po_text("""
        msgid "a"
        msgstr "A"

        #, fuzzy
        msgid "b"
        msgstr "B"

        msgid "c"
        msgstr ""

        msgid "d"
        msgstr ""

        #~ msgid "old"
        #~ msgstr "alt"
        """)
    ctx = catalogue_context(text)
    assert [(f.message, f.line) for f in progress.untranslated(ctx)] == [("2 of 4 entries untranslated", 20)]
    assert [(f.message, f.line) for f in progress.fuzzy(ctx)] == [("1 of 4 entries are fuzzy drafts, not reviewed yet", 16)]
    assert [f.line for f in progress.obsolete(ctx)] == [26]
    assert progress.untranslated.severity == progress.fuzzy.severity == progress.obsolete.severity == "warning"


def test_outdated() -> None:
    template = catalogue_context(po_text('msgid "a"\nmsgstr ""\n\nmsgid "b"\nmsgstr ""\n'), None).catalogue
    current = po_text('msgid "a"\nmsgstr "A"\n\nmsgid "b"\nmsgstr ""\n')
    stale = po_text('msgid "a"\nmsgstr "A"\n\nmsgid "gone"\nmsgstr "weg"\n')
    assert names(current, progress.outdated, template=template) == []
    assert names(stale, progress.outdated, template=template) == ["outdated"]
    assert names(stale, progress.outdated) == []  # no template, nothing to compare


LETTER = """---
title: "A letter"
---

Dear all,

<!-- signatories -->

- Awel
- VSE
- [Hope For Children](https://example.org/hope)
- Jane *Doe*
"""


@pytest.fixture(scope="module")
def signed() -> object:
    return parse_letter_text(LETTER, slug="letter")


@pytest.mark.parametrize(
    ("msgid", "msgstr", "leak"),
    [
        ("Awel", "", True),
        ("VSE", "", True),
        ("Hope For Children", "", True),  # the name as shown
        ("[Hope For Children](https://example.org/hope)", "", True),  # the name as written
        ("Jane Doe", "", True),
        ("Signed by\\\nAwel", "", True),  # a whole line of a multi-line entry
        ("Dear all,", "Awel", True),
        ("Dear all,", "Liebe alle,\n- VSE", True),
        ("Awel is a Welsh word for breeze.", "", False),  # a name inside a sentence is fine
        ("Dear all,", "Vse skupaj,", False),  # Slovenian "vse" is not the signatory VSE
        ("Dear all,", "vse", False),
        ("VSEBINA", "", False),
        ("Dear all,", "Liebe alle,", False),
        # the name shown through markup much longer than any name is still found
        ("Dear all,", "[Hope For Children](https://example.org/" + "a" * 300 + ' "a long title")', True),
        ("Dear all,", "**Jane** *Doe*", True),
        ("Dear all,", "&#65;wel", True),  # "Awel" spelled with an entity is still "Awel" when shown
        ("A long paragraph that mentions Hope For Children among many other words " * 3, "", False),
    ],
)
def test_signatory_leak(signed: object, msgid: str, msgstr: str, leak: bool) -> None:
    text = po_text(str(polib.POEntry(msgid=msgid, msgstr=msgstr)))
    assert (names(text, letter.signatory_leak, letter=signed) == ["signatory-leak"]) is leak


def test_signatory_leak_in_a_draft_is_a_warning(signed: object) -> None:
    text = po_text('#, fuzzy\nmsgid "Dear all,"\nmsgstr "Awel"\n')
    assert findings_for(text, [letter.signatory_leak], letter=signed) == [("signatory-leak", "warning", 13)]


def test_signatory_leak_runs_on_templates(signed: object) -> None:
    assert letter.signatory_leak.templates
    assert names(po_text('msgid "Awel"\nmsgstr ""\n'), letter.signatory_leak, locale=None, letter=signed) == [
        "signatory-leak"
    ]
