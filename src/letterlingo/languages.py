"""Language codes: validation, the EU default set, and the locale facts Babel knows."""

from __future__ import annotations

import re
from functools import cache

from .errors import UnknownLanguage

#: The 24 official languages of the European Union.
EU_LANGUAGES: tuple[str, ...] = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
)

#: The EU's protocol order: languages sorted by their names in themselves (Interinstitutional
#: Style Guide, 7.2.1), the order readers of EU publications expect in a language list.
EU_PROTOCOL_ORDER: tuple[str, ...] = (
    "bg", "es", "cs", "da", "de", "et", "el", "en", "fr", "ga", "hr", "it",
    "lv", "lt", "hu", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "fi", "sv",
)


def protocol_order(codes: list[str] | tuple[str, ...]) -> list[str]:
    """Locales in the EU's protocol order; others (pt_BR, nb) after them, by code."""
    def key(code: str) -> tuple[int, str]:
        base = code.split("_")[0]
        return (EU_PROTOCOL_ORDER.index(base) if base in EU_PROTOCOL_ORDER else len(EU_PROTOCOL_ORDER), code)
    return sorted(codes, key=key)


_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@cache
def normalize_locale(code: str) -> str:
    """Return the gettext form of `code` (`pt-PT` -> `pt_PT`), or raise UnknownLanguage.

    Folder names under locales/ use the gettext form, so both spellings must meet there.
    """
    raw = code.strip()
    if raw in EU_LANGUAGES:
        return raw  # already the gettext form; spares loading Babel's data on every start
    if not _CODE.match(raw):
        raise UnknownLanguage(f"unknown language code {code!r}")
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(raw.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise UnknownLanguage(f"unknown language code {code!r}") from None
    return str(locale)


#: Babel's Plural-Forms for the EU languages, written out so the common case loads no CLDR data
#: (a test keeps it equal to Babel's).
EU_PLURAL_FORMS: dict[str, str] = {
    "bg": "nplurals=2; plural=(n != 1);",
    "cs": "nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);",
    "da": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "el": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "et": "nplurals=2; plural=(n != 1);",
    "fi": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ga": "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n>=3 && n<=6 ? 2 : n>=7 && n<=10 ? 3 : 4);",
    "hr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "hu": "nplurals=1; plural=0;",
    "it": "nplurals=2; plural=(n != 1);",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "mt": "nplurals=4; plural=(n==1 ? 0 : n==0 || ( n%100>=1 && n%100<=10) ? 1 : (n%100>10 && n%100<20 ) ? 2 : 3);",
    "nl": "nplurals=2; plural=(n != 1);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "pt": "nplurals=2; plural=(n != 1);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "sk": "nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "sv": "nplurals=2; plural=(n != 1);",
}


@cache
def plural_forms(code: str) -> str:
    """The gettext Plural-Forms header value for a locale, from CLDR through Babel."""
    if code in EU_PLURAL_FORMS:
        return EU_PLURAL_FORMS[code]
    from babel.messages.plurals import get_plural

    plural = get_plural(code)
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


@cache
def bcp47(code: str) -> str:
    """The HTML/BCP 47 spelling of a gettext locale (`pt_PT` -> `pt-PT`)."""
    return code.replace("_", "-")


@cache
def native_name(code: str) -> str:
    """The language's name in itself, capitalised as a heading or menu entry needs."""
    from babel import Locale

    locale = Locale.parse(code)
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]


@cache
def english_name(code: str) -> str:
    """The language's English name, for comments in files shared across teams."""
    from babel import Locale

    return Locale.parse(code).get_display_name("en") or code


@cache
def text_direction(code: str) -> str:
    """`ltr` or `rtl`, for the `dir` attribute."""
    from babel import Locale

    return Locale.parse(code).text_direction


#: Each EU language's quotation marks from CLDR 45 (`delimiters`: quotationStart, quotationEnd,
#: alternateQuotationStart, alternateQuotationEnd); Babel does not carry them. Portuguese is
#: pt-PT's, the EU's variety.
QUOTATION_MARKS: dict[str, tuple[str, str, str, str]] = {
    "bg": ("\u201e", "\u201c", "\u201e", "\u201c"),
    "cs": ("\u201e", "\u201c", "\u201a", "\u2018"),
    "da": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "de": ("\u201e", "\u201c", "\u201a", "\u2018"),
    "el": ("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "en": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "es": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "et": ("\u201e", "\u201c", "\u201a", "\u2018"),
    "fi": ("\u201d", "\u201d", "\u2019", "\u2019"),
    "fr": ("\u00ab", "\u00bb", "\u00ab", "\u00bb"),
    "ga": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "hr": ("\u201e", "\u201c", "\u201a", "\u2018"),
    "hu": ("\u201e", "\u201d", "\u00bb", "\u00ab"),
    "it": ("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "lt": ("\u201e", "\u201c", "\u201e", "\u201c"),
    "lv": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "mt": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "nl": ("\u2018", "\u2019", "\u2018", "\u2019"),
    "pl": ("\u201e", "\u201d", "\u00ab", "\u00bb"),
    "pt": ("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "ro": ("\u201e", "\u201d", "\u00ab", "\u00bb"),
    "sk": ("\u201e", "\u201c", "\u201a", "\u2018"),
    "sl": ("\u201e", "\u201c", "\u201a", "\u2018"),
    "sv": ("\u201d", "\u201d", "\u2019", "\u2019"),
}


#: Quotation marks also customary in print besides CLDR's, e.g. German books' »…«.
ALSO_CUSTOMARY_QUOTES: dict[str, str] = {
    "de": "\u00bb\u00ab\u203a\u2039", "da": "\u00bb\u00ab\u203a\u2039", "cs": "\u00bb\u00ab\u203a\u2039",
    "sk": "\u00bb\u00ab\u203a\u2039", "sl": "\u00bb\u00ab\u203a\u2039", "hr": "\u00bb\u00ab\u203a\u2039",
    "fi": "\u00bb\u203a", "sv": "\u00bb\u203a",
}


def quotation_marks(code: str | None) -> tuple[str, str, str, str] | None:
    """The language's (start, end, alternate start, alternate end) quotation marks, if known."""
    if not code:
        return None
    return QUOTATION_MARKS.get(code.replace("-", "_").split("_")[0].lower())


#: Each EU language's decimal sign and thousands separator (CLDR through Babel, Portuguese as
#: pt-PT), written out so checking 24 catalogues loads no CLDR data (a test keeps it equal).
NUMBER_SIGNS: dict[str, tuple[str, str]] = {
    "bg": (",", "\u00a0"), "cs": (",", "\u00a0"), "da": (",", "."), "de": (",", "."), "el": (",", "."),
    "en": (".", ","), "es": (",", "."), "et": (",", "\u00a0"), "fi": (",", "\u00a0"), "fr": (",", "\u202f"),
    "ga": (".", ","), "hr": (",", "."), "hu": (",", "\u00a0"), "it": (",", "."), "lt": (",", "\u00a0"),
    "lv": (",", "\u00a0"), "mt": (".", ","), "nl": (",", "."), "pl": (",", "\u00a0"), "pt": (",", "\u00a0"),
    "ro": (",", "."), "sk": (",", "\u00a0"), "sl": (",", "."), "sv": (",", "\u00a0"),
}


#: The region each EU language is printed for: hyphenation dictionaries are regional (pt-PT, de-DE).
EU_REGIONS = {
    "bg": "BG", "cs": "CZ", "da": "DK", "de": "DE", "el": "GR", "en": "GB", "es": "ES", "et": "EE", "fi": "FI",
    "fr": "FR", "ga": "IE", "hr": "HR", "hu": "HU", "it": "IT", "lt": "LT", "lv": "LV", "mt": "MT", "nl": "NL",
    "pl": "PL", "pt": "PT", "ro": "RO", "sk": "SK", "sl": "SI", "sv": "SE",
}


def printed_locale(locale: str) -> str:
    """The CLDR locale dates are printed in: the language as used in its EU country (en_GB
    writes "12 March 2024", not the US "March 12, 2024")."""
    if "_" in locale:
        return locale
    region = EU_REGIONS.get(locale)
    return f"{locale}_{region}" if region else locale


def html_lang(locale: str) -> str:
    """`pt` -> `pt-PT`: a region-correct language tag for `lang` (and so for hyphenation)."""
    if "_" in locale:
        return bcp47(locale)
    region = EU_REGIONS.get(locale)
    return f"{locale}-{region}" if region else locale
