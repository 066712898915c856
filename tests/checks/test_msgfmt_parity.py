"""The catalogue-validity checks give GNU `msgfmt --check`'s verdict: compared on the same files."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support import msgfmt_check

from checks.checkutil import GOOD_DE, make_project, po_text, translate
from letterlingo.catalog import read_catalog
from letterlingo.checks import CatalogueContext, builtin_checks, check_catalogue
from letterlingo.checks.catalogue import MSGFMT_CHECKS
from letterlingo.errors import CatalogError

PLURAL = 'msgid "one file"\nmsgid_plural "{n} files"\nmsgstr[0] "{a}"\nmsgstr[1] "{b}"\n'

#: name -> (file text, whether msgfmt --check accepts it). The expectation is asserted too, so
#: the corpus keeps both kinds; the test's real claim is that our verdict equals msgfmt's.
CASES: dict[str, tuple[str, bool]] = {
    "ok": (po_text('msgid "a"\nmsgstr "b"\n'), True),
    "untranslated": (po_text('msgid "a\\n"\nmsgstr ""\n'), True),
    "only header": (po_text(""), True),
    "fuzzy header": ("#, fuzzy\n" + po_text('msgid "a"\nmsgstr "b"\n'), True),
    "empty file": ("", False),
    "comments only": ("# translator notes\n", False),
    "huge nplurals": (po_text('msgid "a"\nmsgstr "b"\n', plural="nplurals=99999999999999999999; plural=0;"), True),
    "no header": ('msgid "a"\nmsgstr "b"\n', False),
    "empty header": ('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n', False),
    "header without fields": ('msgid ""\nmsgstr "Project-Id-Version: x\\n"\n\nmsgid "a"\nmsgstr "b"\n', True),
    "newline at end": (po_text('msgid "a\\n"\nmsgstr "b"\n'), False),
    "newline at start": (po_text('msgid "\\na"\nmsgstr "b"\n'), False),
    "newline added": (po_text('msgid "a"\nmsgstr "b\\n"\n'), False),
    "newlines kept": (po_text('msgid "\\na\\n"\nmsgstr "\\nb\\n"\n'), True),
    "newline in fuzzy entry": (po_text('#, fuzzy\nmsgid "a\\n"\nmsgstr "b"\n'), True),
    "python-format ok": (po_text('#, python-format\nmsgid "%(n)s of %(m)d"\nmsgstr "%(m)d von %(n)s"\n'), True),
    "python-format %% only": (po_text('#, python-format\nmsgid "100%% %s"\nmsgstr "%s: 100 %%"\n'), True),
    "python-format named missing": (po_text('#, python-format\nmsgid "a %(n)s"\nmsgstr "b"\n'), False),
    "python-format named renamed": (po_text('#, python-format\nmsgid "a %(n)s"\nmsgstr "b %(m)s"\n'), False),
    "python-format count": (po_text('#, python-format\nmsgid "a %s %d"\nmsgstr "b %d"\n'), False),
    "python-format type": (po_text('#, python-format\nmsgid "a %s"\nmsgstr "b %d"\n'), False),
    "python-format s and r": (po_text('#, python-format\nmsgid "a %s"\nmsgstr "b %r"\n'), True),
    "python-format d and x": (po_text('#, python-format\nmsgid "a %d"\nmsgstr "b %x"\n'), True),
    "python-format mapping vs tuple": (po_text('#, python-format\nmsgid "a %(n)s"\nmsgstr "b %s"\n'), False),
    "python-format invalid msgstr": (po_text('#, python-format\nmsgid "a %(n)s"\nmsgstr "b %(n)y"\n'), False),
    "python-format invalid msgid": (po_text('#, python-format\nmsgid "a %y"\nmsgstr "b %s"\n'), True),
    "python-format extra": (po_text('#, python-format\nmsgid "a"\nmsgstr "b %s"\n'), False),
    "python-format fuzzy": (po_text('#, fuzzy, python-format\nmsgid "a %s"\nmsgstr "b"\n'), True),
    "python-format empty msgstr": (po_text('#, python-format\nmsgid "a %s"\nmsgstr ""\n'), True),
    "no-python-format": (po_text('#, no-python-format\nmsgid "a %s"\nmsgstr "b"\n'), True),
    "brace ok": (po_text('#, python-brace-format\nmsgid "a {n} {0}"\nmsgstr "b {0} {n}"\n'), True),
    "brace twice": (po_text('#, python-brace-format\nmsgid "a {n}"\nmsgstr "b {n} {n}"\n'), True),
    "brace attributes": (po_text('#, python-brace-format\nmsgid "a {x.y} {z[0]}"\nmsgstr "b {z[0]} {x.y}"\n'), True),
    "brace escaped": (po_text('#, python-brace-format\nmsgid "a {{n}}"\nmsgstr "b"\n'), True),
    "brace missing": (po_text('#, python-brace-format\nmsgid "a {n}"\nmsgstr "b"\n'), False),
    "brace renamed": (po_text('#, python-brace-format\nmsgid "a {n}"\nmsgstr "b {m}"\n'), False),
    "brace unclosed": (po_text('#, python-brace-format\nmsgid "a {n}"\nmsgstr "b {n"\n'), False),
    "brace positional missing": (po_text('#, python-brace-format\nmsgid "a {0} {1}"\nmsgstr "b {1}"\n'), False),
    "plural ok": (po_text(PLURAL.format(n="%d", a="%d Datei", b="%d Dateien").replace("msgid \"one", "#, python-format\nmsgid \"one")), True),
    "plural named may drop n in the singular": (po_text("#, python-format\n" + PLURAL.format(n="%(n)d", a="eine Datei", b="%(n)d Dateien")), True),
    "plural unnamed may not": (po_text("#, python-format\n" + PLURAL.format(n="%d", a="eine Datei", b="Dateien")), False),
    "plural extra name": (po_text("#, python-format\n" + PLURAL.format(n="%(n)d", a="eine %(m)s", b="%(n)d Dateien")), False),
    "plural newline": (po_text(PLURAL.format(n="", a="x\\n", b="y")), False),
    "plural count": (po_text(PLURAL.format(n="", a="x", b="y") + 'msgstr[2] "z"\n'), False),
    "plural forms missing": (po_text(PLURAL.format(n="", a="x", b="y"), plural="").replace('"Plural-Forms: \\n"\n', ""), False),
    "plural forms missing, untranslated": (po_text(PLURAL.format(n="", a="", b=""), plural="").replace('"Plural-Forms: \\n"\n', ""), True),
    "plural forms missing, fuzzy": (po_text("#, fuzzy\n" + PLURAL.format(n="", a="x", b="y"), plural="").replace('"Plural-Forms: \\n"\n', ""), True),
    "plural expression invalid": (po_text('msgid "a"\nmsgstr "b"\n', plural="nplurals=2; plural=n !!= 1;"), False),
    "plural expression too large": (po_text('msgid "a"\nmsgstr "b"\n', plural="nplurals=2; plural=n>1 ? 2 : 0;"), False),
    "plural expression negative": (po_text('msgid "a"\nmsgstr "b"\n', plural="nplurals=3; plural=n-1;"), False),
    "plural expression divides by zero": (po_text('msgid "a"\nmsgstr "b"\n', plural="nplurals=2; plural=n/0;"), False),
    "plural expression unreached form": (po_text('msgid "a"\nmsgstr "b"\n', plural="nplurals=3; plural=(n != 1);"), True),
    "plural expression without semicolon": (po_text('msgid "a"\nmsgstr "b"\n', plural="nplurals=2; plural=(n != 1)"), True),
    "plural forms malformed": (po_text('msgid "a"\nmsgstr "b"\n', plural="nplurals=two; plural=n;"), False),
    "duplicate": (po_text('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'), False),
    "duplicate obsolete": (po_text('msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n'), False),
    "duplicate, both obsolete": (po_text('msgid "x"\nmsgstr "y"\n\n#~ msgid "a"\n#~ msgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n'), False),
    "same msgid, other context": (po_text('msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'), True),
    "duplicate context": (po_text('msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "x"\nmsgid "a"\nmsgstr "c"\n'), False),
    "unterminated string": (po_text('msgid "a"\nmsgstr "b\n'), False),
    "msgstr without msgid": (po_text('msgstr "b"\n'), False),
    "invalid escape": (po_text('msgid "a"\nmsgstr "b\\q"\n'), False),
}


def msgfmt_accepts(path: Path) -> bool:
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    return result.returncode == 0


def letterlingo_accepts(path: Path, locale: str = "de") -> bool:
    """Our verdict: readable by read_catalog, and no error from the msgfmt-equivalent checks."""
    try:
        catalogue = read_catalog(path)
    except CatalogError:
        return False
    checks = [check for check in builtin_checks() if check.name in MSGFMT_CHECKS]
    ctx = CatalogueContext(catalogue, str(path), locale, text=path.read_text(encoding="utf-8"))
    return not any(finding.severity == "error" for finding in check_catalogue(ctx, checks))


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_verdict_as_msgfmt(name: str, tmp_path: Path) -> None:
    text, expected = CASES[name]
    path = tmp_path / "de.po"
    path.write_text(text, encoding="utf-8")
    assert msgfmt_accepts(path) is expected, f"corpus expectation for {name!r} is out of date"
    assert letterlingo_accepts(path) is expected


def test_msgfmt_checks_are_registered() -> None:
    names = {check.name for check in builtin_checks()}
    assert set(MSGFMT_CHECKS) <= names


def test_catalogues_written_by_update_pass_both(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    translate(config, "de", GOOD_DE)
    for locale in config.target_locales:
        path = config.po_file("letter", locale)
        msgfmt_check(path)
        assert letterlingo_accepts(path, locale)
