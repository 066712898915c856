"""The editions' own words are complete in every EU language, and the bundled fonts draw every letter."""

from __future__ import annotations

import re

import pytest
from fontTools.ttLib import TTFont
from support import REPO, msgfmt_check

from letterlingo.catalog import live_entries, read_catalog
from letterlingo.config import load_config
from letterlingo.languages import EU_LANGUAGES, plural_forms
from letterlingo.project import letter_slugs
from letterlingo.templating import PACKAGE_TEMPLATES
from letterlingo.ui import LOCALE_DIR, UI, catalogue_path

TEMPLATE = read_catalog(LOCALE_DIR / "letterlingo.pot")
TARGETS = [code for code in EU_LANGUAGES if code != "en"]


@pytest.mark.parametrize("locale", TARGETS)
def test_edition_words_are_complete_and_reviewed(locale: str) -> None:
    path = catalogue_path(locale)
    msgfmt_check(path)
    catalog = read_catalog(path)
    assert catalog.metadata["Language"] == locale
    assert catalog.metadata["Plural-Forms"] == plural_forms(locale)
    nplurals = int(re.match(r"nplurals=(\d+)", plural_forms(locale)).group(1))
    entries = {entry.msgid: entry for entry in live_entries(catalog)}
    assert set(entries) == {entry.msgid for entry in live_entries(TEMPLATE)}
    for msgid, entry in entries.items():
        assert "fuzzy" not in entry.flags, msgid
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        assert len(forms) == (nplurals if entry.msgid_plural else 1)
        for form in forms:
            assert form.strip(), f"{locale}: {msgid!r} untranslated"
            assert sorted(re.findall(r"\{\w+\}", form)) == sorted(set(re.findall(r"\{\w+\}", msgid))), (locale, form)


def test_plural_forms_follow_the_language() -> None:
    assert UI("cs").ngettext("{n} signatory", "{n} signatories", 2, n=2) != UI("cs").ngettext(
        "{n} signatory", "{n} signatories", 5, n=5)
    assert UI("en").ngettext("{n} signatory", "{n} signatories", 1, n=1) == "1 signatory"
    assert UI("de").gettext("Page {n} of {total}", n=2, total=3) == "Seite 2 von 3"
    assert UI("pt_PT").gettext("Signed by") == UI("pt").gettext("Signed by")


def _all_text() -> str:
    """Every character an edition can show: letters, names, translations, the editions' own words."""
    config = load_config(REPO)
    parts = []
    for slug in letter_slugs(config):
        parts.append(config.letter_file(slug).read_text(encoding="utf-8"))
    for path in list(config.locales_path.rglob("*.po")) + list(LOCALE_DIR.rglob("*.po")):
        parts.extend(entry.msgstr + "".join(entry.msgstr_plural.values()) for entry in read_catalog(path))
    parts.append("ħĦġĠżŻċĊșȘțȚ ąčęėįšųūž āēīķļņ ő ű ÆØÅ ß ÄÖÜ ÉÈ ÇĞİ Ωω ЖЩЪЬЮЯ „“ «» – —")
    return "".join(parts)


@pytest.mark.parametrize("font", sorted(p.name for p in (PACKAGE_TEMPLATES / "fonts").glob("*.ttf")))
def test_bundled_fonts_cover_every_character_shown(font: str) -> None:
    cmap = TTFont(PACKAGE_TEMPLATES / "fonts" / font).getBestCmap()
    missing = sorted({ch for ch in _all_text() if ch.isprintable() and not ch.isspace() and ord(ch) not in cmap})
    assert not missing, f"{font} lacks {''.join(missing)!r}"


def test_the_written_out_eu_plural_forms_are_babels() -> None:
    from babel.messages.plurals import get_plural

    from letterlingo.languages import EU_LANGUAGES, EU_PLURAL_FORMS

    assert set(EU_PLURAL_FORMS) == set(EU_LANGUAGES)
    for code, value in EU_PLURAL_FORMS.items():
        plural = get_plural(code)
        assert value == f"nplurals={plural.num_plurals}; plural={plural.plural_expr};", code


def test_the_written_out_eu_number_signs_are_cldrs() -> None:
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from letterlingo.languages import EU_LANGUAGES, NUMBER_SIGNS

    assert set(NUMBER_SIGNS) == set(EU_LANGUAGES)
    for code, signs in NUMBER_SIGNS.items():
        locale = Locale.parse("pt_PT" if code == "pt" else code)
        assert signs == (get_decimal_symbol(locale), get_group_symbol(locale)), code
