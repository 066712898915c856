"""Catalogue validity: what GNU `msgfmt --check` refuses, and a header that fits the file's locale."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..languages import UnknownLanguage, normalize_locale, plural_forms
from .base import CatalogueContext, EntryContext, Failure, catalogue_check, entry_check
from .formats import compare_brace, compare_percent
from .plurals import PluralForms, PluralFormsError, parse_plural_forms

#: A header entry (msgid "") whose msgstr is not empty, as msgfmt requires one.
_HEADER_ENTRY = re.compile(r'^msgid\s+""\s*\nmsgstr\s+(?:""\s*\n\s*)*"(?:[^"\\]|\\.)+"', re.MULTILINE)


def header_plural_forms(ctx: CatalogueContext) -> PluralForms | None:
    """The catalogue's own Plural-Forms, or None when it is missing or unusable."""
    value = ctx.catalogue.metadata.get("Plural-Forms")
    if not value or not value.strip():
        return None
    try:
        return parse_plural_forms(value)
    except PluralFormsError:
        return None


def expected_nplurals(ctx: CatalogueContext) -> int | None:
    """How many forms a plural entry needs: the header's, else the locale's (CLDR through Babel)."""
    forms = header_plural_forms(ctx)
    if forms is not None:
        return forms.nplurals
    if ctx.locale is None:
        return None
    return parse_plural_forms(plural_forms(ctx.locale)).nplurals


@catalogue_check("po-header", "error", templates=True)
def po_header(ctx: CatalogueContext) -> Iterator[Failure]:
    """The catalogue starts with a header entry (msgfmt --check refuses a file without one).

    Without it gettext cannot know the charset or the plural forms of the file.
    Example: a file that starts with `msgid "Dear all,"` and no `msgid ""` header.
    """
    present = bool(_HEADER_ENTRY.search(ctx.text)) if ctx.text is not None else bool(ctx.catalogue.metadata)
    if not present:
        yield Failure("PO file header missing or empty (add msgid \"\" with Content-Type and Plural-Forms)",
                      ctx.header_line())


@catalogue_check("plural-expression", "error", templates=True)
def plural_expression(ctx: CatalogueContext) -> Iterator[Failure]:
    """Plural-Forms is an expression msgfmt accepts, giving a form below nplurals for every n.

    A wrong expression makes a program pick a missing form at run time. Example:
    `nplurals=2; plural=n>1 ? 2 : 0;` (form 2 does not exist).
    """
    value = ctx.catalogue.metadata.get("Plural-Forms")
    line = ctx.header_line("Plural-Forms")
    if ctx.is_template and value and ("INTEGER" in value or "EXPRESSION" in value):
        return  # xgettext's placeholder, filled in by msginit for each language
    if value and value.strip():
        try:
            forms = parse_plural_forms(value)
        except PluralFormsError as exc:
            yield Failure(f"{exc}; {ctx.locale or 'the language'} uses {_suggestion(ctx)}", line)
            return
        for problem in forms.problems():
            yield Failure(problem, line)
        return
    translated = [entry for entry in ctx.catalogue if entry.msgid_plural and not entry.obsolete
                  and "fuzzy" not in entry.flags and any(entry.msgstr_plural.values())]
    if translated:
        yield Failure(f"catalogue has plural translations, but its header has no Plural-Forms; "
                      f"{ctx.locale or 'the language'} uses {_suggestion(ctx)}", translated[0].linenum)


def _suggestion(ctx: CatalogueContext) -> str:
    return f'"Plural-Forms: {plural_forms(ctx.locale)}"' if ctx.locale else '"Plural-Forms: nplurals=N; plural=EXPRESSION;"'


@catalogue_check("plural-count", "error", templates=True)
def plural_count(ctx: CatalogueContext) -> Iterator[Failure]:
    """Every plural entry has exactly as many msgstr[N] forms as the language has plural forms.

    Example: `msgstr[0]` and `msgstr[1]` in a Polish catalogue, whose language has three forms.
    """
    expected = expected_nplurals(ctx)
    if expected is None:
        return
    for entry in ctx.catalogue:
        if entry.msgid_plural and not entry.obsolete and entry.msgstr_plural and len(entry.msgstr_plural) != expected:
            yield Failure(f"entry has {len(entry.msgstr_plural)} plural forms, the language has {expected}", entry.linenum)


@catalogue_check("duplicates", "error", templates=True)
def duplicates(ctx: CatalogueContext) -> Iterator[Failure]:
    """No message is defined twice; as for msgfmt, an obsolete (#~) copy counts too.

    Example: `msgid "Signed"` twice in one file.
    """
    seen: dict[tuple[str | None, str], int] = {}
    for entry in ctx.catalogue:
        if entry.msgid == "" and not entry.msgctxt:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            yield Failure(f"duplicate message definition (first defined on line {seen[key]})", entry.linenum)
        else:
            seen[key] = entry.linenum


@entry_check("format", "error")
def format_strings(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """python-format and python-brace-format placeholders are kept, as msgfmt --check requires.

    A placeholder the program does not supply crashes it; one that is dropped loses a value.
    Example: `%(count)s signatories` → `%(anzahl)s Unterzeichnende` in a `python-format` entry.
    """
    flags = set(ctx.flags)
    plural = ctx.msgid_plural is not None
    compared = ctx.msgid_plural if plural else source
    source_name = "msgid_plural" if plural else "msgid"
    translation_name = f"msgstr[{ctx.form}]" if plural and ctx.form is not None else "msgstr"
    if "python-format" in flags and "no-python-format" not in flags:
        yield from compare_percent(compared or "", translation, strict=ctx.strict,
                                   source_name=source_name, translation_name=translation_name)
    if "python-brace-format" in flags and "no-python-brace-format" not in flags:
        yield from compare_brace(compared or "", translation, strict=ctx.strict,
                                 source_name=source_name, translation_name=translation_name)


@entry_check("newlines", "error")
def newlines(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """A translation begins and ends with a newline exactly when its source does (msgfmt --check).

    Example: `Dear all,\n` → `Liebe alle,` (the closing newline dropped).
    """
    pairs = [(source, translation, "msgid" if ctx.form in (None, 0) else "msgid_plural",
              f"msgstr[{ctx.form}]" if ctx.form is not None else "msgstr")]
    if ctx.form == 0 and ctx.msgid is not None and ctx.msgid_plural is not None:
        pairs.insert(0, (ctx.msgid, ctx.msgid_plural, "msgid", "msgid_plural"))
    for one, two, name1, name2 in pairs:
        if one.startswith("\n") != two.startswith("\n"):
            yield f"'{name1}' and '{name2}' entries do not both begin with '\\n'"
        if one.endswith("\n") != two.endswith("\n"):
            yield f"'{name1}' and '{name2}' entries do not both end with '\\n'"


@catalogue_check("language", "error")
def language(ctx: CatalogueContext) -> Iterator[Failure]:
    """The header's Language is the locale whose folder the catalogue is in.

    Example: `Language: fr` in locales/de/LC_MESSAGES/letter.po.
    """
    if ctx.locale is None:
        return
    value = (ctx.catalogue.metadata.get("Language") or "").strip()
    line = ctx.header_line("Language") or ctx.header_line()
    if not value:
        yield Failure(f"header has no Language field (this catalogue is for {ctx.locale!r})", line)
        return
    try:
        normal = normalize_locale(value)
    except UnknownLanguage:
        yield Failure(f"Language {value!r} is not a known language code (this catalogue is for {ctx.locale!r})", line)
        return
    if normal != ctx.locale:
        yield Failure(f"Language is {value!r} but this catalogue is for {ctx.locale!r}", line)


@catalogue_check("plural-forms", "error")
def plural_forms_match(ctx: CatalogueContext) -> Iterator[Failure]:
    """The header's Plural-Forms picks the same forms as CLDR's rule for the locale.

    Example: `nplurals=2; plural=(n != 1);` in a Czech catalogue (Czech has three forms).
    """
    if ctx.locale is None:
        return
    expected_text = plural_forms(ctx.locale)
    expected = parse_plural_forms(expected_text)
    value = ctx.catalogue.metadata.get("Plural-Forms")
    line = ctx.header_line("Plural-Forms") or ctx.header_line()
    if not value or not value.strip():
        yield Failure(f"header has no Plural-Forms; {ctx.locale} uses {expected_text!r}", line)
        return
    actual = header_plural_forms(ctx)
    if actual is None:
        return  # plural-expression reports an unusable expression
    if actual.nplurals != expected.nplurals:
        yield Failure(f"nplurals={actual.nplurals}, but {ctx.locale} has {expected.nplurals} plural forms "
                      f"({expected_text!r})", line)
        return
    try:
        values = actual.values()
    except ZeroDivisionError:
        return
    if values == expected.values():
        return
    for n, (got, want) in enumerate(zip(values, expected.values())):
        if got != want:
            yield Failure(f"plural expression gives form {got} for n={n}, {ctx.locale} needs form {want} "
                          f"({expected_text!r})", line)
            return


#: The checks that together give GNU `msgfmt --check`'s verdict on a readable catalogue.
MSGFMT_CHECKS: tuple[str, ...] = ("po-header", "plural-expression", "plural-count", "duplicates", "format", "newlines")
CHECKS = (po_header, plural_expression, plural_count, duplicates, format_strings, newlines, language, plural_forms_match)
