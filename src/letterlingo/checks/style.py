"""Signs of a careless or missing translation: unchanged text, odd length, edge whitespace, end punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..inline import summarize
from .base import EntryContext, entry_check

_WORD = re.compile(r"[^\W\d_]{2,}")

#: Typical length of a text in each EU language relative to the same text in English, in
#: characters (translation agencies' rule-of-thumb figures). Only far-off ratios are reported.
EXPANSION: dict[str, float] = {
    "bg": 1.10, "cs": 1.00, "da": 1.05, "de": 1.20, "el": 1.15, "en": 1.00, "es": 1.20, "et": 1.00,
    "fi": 1.05, "fr": 1.20, "ga": 1.25, "hr": 1.00, "hu": 1.10, "it": 1.15, "lt": 1.00, "lv": 1.00,
    "mt": 1.15, "nl": 1.15, "pl": 1.10, "pt": 1.15, "ro": 1.15, "sk": 1.00, "sl": 1.00, "sv": 1.00,
}
#: How far from the typical ratio a translation may be, as a factor either way.
LENGTH_TOLERANCE = 2.0
#: Shorter sources vary too much ("Signed" -> "Unterzeichnerinnen und Unterzeichner") to judge.
LENGTH_MIN_SOURCE = 30
#: A source with at least this many words is not a name or an acronym that may stay as it is.
UNCHANGED_MIN_WORDS = 4

_CLOSERS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u2039\u203a\u201e\u201a)]}*_ \t\n\u00a0\u202f"
_END_CLASSES: dict[str, str] = {
    **dict.fromkeys(".\u3002\uff0e\u2026", "full stop"),
    **dict.fromkeys("?\uff1f\u037e", "question mark"),
    **dict.fromkeys("!\uff01", "exclamation mark"),
    **dict.fromkeys(":\uff1a", "colon"),
    **dict.fromkeys(",\u3001\uff0c", "comma"),
    **dict.fromkeys(";\uff1b", "semicolon"),
}


#: "Dear Members," is "Estimados miembros:" in Spanish and "Lugupeetud liikmed!" in Estonian.
_SALUTATION_ENDS = frozenset({"comma", "colon", "exclamation mark"})


def _language(locale: str | None) -> str:
    return (locale or "").split("_")[0].lower()


@entry_check("unchanged", "warning")
def unchanged(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """A translation identical to a long source was probably never translated.

    Short entries (names, acronyms such as "CSAR") may rightly stay as they are.
    Example: a German entry whose msgstr is the English paragraph itself.
    """
    if ctx.locale is not None and _language(ctx.locale) == _language(ctx.source_language):
        return
    if translation.strip() == source.strip() and len(_WORD.findall(summarize(source).text)) >= UNCHANGED_MIN_WORDS:
        yield "translation is identical to the source (not translated yet?)"


@entry_check("length", "warning")
def length(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """The translation's length is far outside what is usual for the language.

    Half a paragraph missing, or a paragraph pasted twice, shows up as a length ratio no
    translator produces. Example: a 300-character paragraph translated in 40 characters.
    """
    src, dst = summarize(source).text.strip(), summarize(translation).text.strip()
    if len(src) < LENGTH_MIN_SOURCE or not dst:
        return
    expected = EXPANSION.get(_language(ctx.locale), 1.1) / EXPANSION.get(_language(ctx.source_language), 1.0)
    ratio = len(dst) / len(src)
    if ratio < expected / LENGTH_TOLERANCE or ratio > expected * LENGTH_TOLERANCE:
        yield (f"translation is {ratio:.2f} times as long as the source "
               f"(usual for {ctx.locale or 'this language'}: about {expected:.2f})")


@entry_check("whitespace", "warning")
def whitespace(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """Leading and trailing spaces match the source's (newlines are the newlines check's job).

    Example: `Dear all, ` → `Liebe alle,` (the trailing space gone).
    """
    def edges(text: str) -> tuple[bool, bool]:
        text = text.strip("\n")
        return (bool(text) and text[0].isspace(), bool(text) and text[-1].isspace())

    (src_lead, src_trail), (dst_lead, dst_trail) = edges(source), edges(translation)
    if src_lead != dst_lead:
        yield "source starts with whitespace, the translation does not" if src_lead else \
            "translation starts with whitespace, the source does not"
    if src_trail != dst_trail:
        yield "source ends with whitespace, the translation does not" if src_trail else \
            "translation ends with whitespace, the source does not"


def end_punctuation_of(text: str, locale: str | None) -> tuple[str, frozenset[str]]:
    """The closing punctuation mark of visible text (after quotes and brackets) and what it may mean.

    In Greek ';' is the question mark and '·' the semicolon; '。' and '.' are both full stops.
    """
    visible = summarize(text).text.rstrip(_CLOSERS)
    if not visible:
        return "", frozenset()
    mark = visible[-1]
    if _language(locale) == "el":
        if mark == ";":
            return mark, frozenset({"question mark", "semicolon"})
        if mark in "\u00b7\u0387":
            return mark, frozenset({"semicolon"})
    kind = _END_CLASSES.get(mark)
    return (mark, frozenset({kind})) if kind else ("", frozenset())


@entry_check("end-punctuation", "warning")
def end_punctuation(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """The translation ends with the same kind of punctuation as the source (or none, if it has none).

    Lenient across scripts and customs: Greek ';' for '?', '…' for '...', quotes and brackets
    ignored, and a comma after a salutation may become ':' or '!'.
    Example: `… online.` → `… online` (the full stop dropped).
    """
    src_mark, src_kinds = end_punctuation_of(source, ctx.source_language)
    dst_mark, dst_kinds = end_punctuation_of(translation, ctx.locale)
    if not src_kinds and not dst_kinds:
        return
    if src_kinds & dst_kinds or (src_kinds == {"comma"} and dst_kinds & _SALUTATION_ENDS):
        return
    if not dst_kinds:
        yield f"source ends with {src_mark!r}, the translation has no end punctuation"
    elif not src_kinds:
        yield f"translation ends with {dst_mark!r}, the source has no end punctuation"
    else:
        yield f"source ends with {src_mark!r}, the translation with {dst_mark!r}"


CHECKS = (unchanged, length, whitespace, end_punctuation)
