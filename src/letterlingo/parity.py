"""What a translation must keep of its source, decided in one place for drafts, checks and editions.

A machine draft that breaks parity is refused, `check` reports the same problem under a named
check, and an edition shows the source instead of a translation with an error: so a translation
is never accepted by one and refused by another. What is compared:

- markup: as many bold and italic spans (an error), in the same order (a warning: a sentence
  may be turned round, but bold and italic swapped is a mistake);
- links and images: the same targets, and a title only where the source has one;
- raw HTML: none that the source does not have;
- numbers, by value, read with the conventions of each side's language from CLDR (Babel):
  "6.5%" is "6,5 %" in German and "65 %" is a changed figure; dates as the language writes
  them ("2023-11-09" may be "9.11.2023" or "9 novembre 2023");
- plain URLs and e-mail addresses, character for character;
- placeholders (`{name}`, `{0}`, `%s`, `%(name)s`) and `code` spans, character for character.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from .inline import InlineSummary, multiset_difference, summarize
from .languages import NUMBER_SIGNS

Severity = Literal["error", "warning"]

#: Each kind of mismatch, as the check that reports it, and how serious it is.
CHECK_SEVERITY: dict[str, Severity] = {
    "emphasis": "error",
    "span-order": "warning",
    "links": "error",
    "html": "error",
    "numbers": "error",
    "addresses": "error",
    "placeholders": "error",
}


@dataclass(frozen=True)
class Mismatch:
    """One way a translation differs from its source; `check` names the check that reports it."""

    check: str
    message: str

    @property
    def severity(self) -> Severity:
        return CHECK_SEVERITY[self.check]


def mismatches(source: str, translation: str, locale: str | None = None, source_locale: str = "en") -> list[Mismatch]:
    """Everything `translation` fails to keep of `source` (Markdown both), in the order above.

    Without a `locale` the translation's numbers may use any European convention."""
    return list(_mismatches(source, translation, locale, source_locale))


def errors(source: str, translation: str, locale: str | None = None, source_locale: str = "en") -> list[Mismatch]:
    """The mismatches that make a translation unusable (drafts refused, editions fall back)."""
    return [item for item in mismatches(source, translation, locale, source_locale) if item.severity == "error"]


def _mismatches(source: str, translation: str, locale: str | None, source_locale: str) -> Iterator[Mismatch]:
    src, dst = summarize(source), summarize(translation)
    yield from _markup(src.strong, dst.strong, src.emphasis, dst.emphasis, src.spans, dst.spans)
    yield from _links(src.links, dst.links, src.images, dst.images, src.link_titles, dst.link_titles)
    if _refused_links(translation, dst) > _refused_links(source, src):
        yield Mismatch("links", "a link or image to an address Markdown refuses (javascript:, file:, data: …) "
                                "would print as raw text")
    _dropped, added_html = multiset_difference(src.html, dst.html)
    if added_html:
        tags = ", ".join(repr(tag) for tag in dict.fromkeys(added_html))
        yield Mismatch("html", f"raw HTML in the translation (letters allow Markdown only): {tags}")
    yield from _numbers(src.text, dst.text, locale, source_locale)
    yield from _addresses(src.text, dst.text)
    yield from _placeholders(source, translation)
    dropped_code, added_code = multiset_difference(src.code, dst.code)
    for code in dropped_code:
        yield Mismatch("placeholders", f"code `{code}` of the source is missing from the translation")
    for code in added_code:
        yield Mismatch("placeholders", f"code `{code}` is not in the source")


_LINK_SYNTAX = re.compile(r"(?<!\\)\]\(\s*<?[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _refused_links(text: str, summary: InlineSummary) -> int:
    """Link or image syntax with a scheme that Markdown did not turn into one (its `](scheme:`
    stays text): a translation must not add such a thing, even though it is shown inert."""
    written = len(_LINK_SYNTAX.findall(text)) if "](" in text else 0
    made = sum(1 for target in (*summary.links, *summary.images) if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I))
    return max(0, written - made)


def _markup(src_strong: int, dst_strong: int, src_em: int, dst_em: int,
            src_spans: tuple[str, ...], dst_spans: tuple[str, ...]) -> Iterator[Mismatch]:
    if src_strong != dst_strong:
        yield Mismatch("emphasis", f"bold spans: source has {src_strong}, translation has {dst_strong}")
    if src_em != dst_em:
        yield Mismatch("emphasis", f"emphasis spans: source has {src_em}, translation has {dst_em}")
    if src_strong == dst_strong and src_em == dst_em and src_spans != dst_spans:
        def word(kind: str) -> str:
            return "bold" if kind == "strong" else "italic"

        yield Mismatch("span-order", "bold and italic spans come in another order than in the source "
                       f"({', '.join(map(word, src_spans))} → {', '.join(map(word, dst_spans))}): swapped?")


def _links(src_links: tuple[str, ...], dst_links: tuple[str, ...], src_images: tuple[str, ...],
           dst_images: tuple[str, ...], src_titles: tuple[tuple[str, str], ...],
           dst_titles: tuple[tuple[str, str], ...]) -> Iterator[Mismatch]:
    for kind, source_targets, translation_targets in (("link", src_links, dst_links), ("image", src_images, dst_images)):
        dropped, added = multiset_difference(source_targets, translation_targets)
        for target in dropped:
            yield Mismatch("links", f"{kind} target {target!r} of the source is missing from the translation")
        for target in added:
            yield Mismatch("links", f"{kind} target {target!r} is not in the source")
    titled = Counter(target for target, title in src_titles if title)
    for target, title in dst_titles:
        if not title:
            continue
        if titled[target] > 0:
            titled[target] -= 1
        else:
            yield Mismatch("links", f"the translation gives {target!r} a title the source does not have: {title!r}")


# --- numbers and dates ---------------------------------------------------------------------

_NUMBER_TOKEN = re.compile(r"\d(?:[\d.,'\u2019\u00a0\u202f\u2009 ]*\d)?")
_DIGIT_RUN = re.compile(r"\d+")
_SPACES = frozenset(" \u00a0\u202f\u2009")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTHS = ("january february march april may june july august september october november december").split()
_YEAR = re.compile(r"\b\d{4}\b")


@lru_cache(maxsize=64)
def _symbols(locale: str) -> tuple[str, frozenset[str]]:
    """The decimal sign and the group signs a language writes numbers with (CLDR). Any space
    groups thousands too (most of Europe does), and so does "." where "," is the decimal sign,
    since there it cannot be anything else ("1.200" is 1200 in Portugal as in Brazil)."""
    signs = NUMBER_SIGNS.get(locale.replace("-", "_").split("_")[0].lower())
    if signs is None:
        from babel import Locale, UnknownLocaleError
        from babel.numbers import get_decimal_symbol, get_group_symbol

        try:
            parsed = Locale.parse(locale)
        except (UnknownLocaleError, ValueError):
            parsed = Locale.parse("en")
        signs = (get_decimal_symbol(parsed), get_group_symbol(parsed))
    decimal, group = signs
    groups = {group} | set(_SPACES)
    if group in ("'", "\u2019"):
        groups |= {"'", "\u2019"}
    if decimal == ",":
        groups.add(".")
    return decimal, frozenset(groups - {decimal})


def _values(token: str, decimal: str, groups: frozenset[str]) -> set[Decimal]:
    """What a written number can mean with these signs: a value, or nothing if it cannot be one."""
    integer, _, fraction = token.partition(decimal) if decimal in token else (token, "", "")
    if fraction and not fraction.isdigit():
        return set()
    parts = re.split("[" + re.escape("".join(groups)) + "]", integer) if groups else [integer]
    if not all(part.isdigit() for part in parts):
        return set()
    if len(parts) > 1 and (not 1 <= len(parts[0]) <= 3 or any(len(part) != 3 for part in parts[1:])):
        return set()
    try:
        return {Decimal("".join(parts) + ("." + fraction if fraction else ""))}
    except InvalidOperation:
        return set()


def _slots(text: str, conventions: Iterable[tuple[str, frozenset[str]]]) -> list[tuple[str, set[Decimal]]]:
    """Each number in `text` as written, with the values it may have under any of `conventions`;
    a token no convention can read (a list "1, 2, 3", a version "1.2.3") is its digit runs."""
    conventions = tuple(conventions)
    found: list[tuple[str, set[Decimal]]] = []
    for match in _NUMBER_TOKEN.finditer(text):
        found += _readings(match.group(), conventions)[0]
    return found


def _readings(token: str, conventions: tuple[tuple[str, frozenset[str]], ...]) -> list[list[tuple[str, set[Decimal]]]]:
    """The ways to read a token, most likely first: as one number, word by word, digit run by run."""
    readings: list[list[tuple[str, set[Decimal]]]] = []
    values = _all_values(token, conventions)
    if values:
        readings.append([(token, values)])
    words = token.split()
    if len(words) > 1:  # "in 2021 2 000 people": the longest readable run of words each time
        reading: list[tuple[str, set[Decimal]]] = []
        start = 0
        while start < len(words):
            end = len(words)
            while end > start + 1 and not _one_value(" ".join(words[start:end]), conventions):
                end -= 1
            segment = " ".join(words[start:end])
            segment_values = _all_values(segment, conventions)
            reading += [(segment, segment_values)] if segment_values else \
                [(run, {Decimal(run)}) for run in _DIGIT_RUN.findall(segment)]
            start = end
        readings.append(reading)
    runs = [(run, {Decimal(run)}) for run in _DIGIT_RUN.findall(token)]
    if len(runs) > 1 or not readings:
        readings.append(runs)
    return readings


def _all_values(token: str, conventions: tuple[tuple[str, frozenset[str]], ...]) -> set[Decimal]:
    """The values of a token under the first convention that can read it: "1,200" in German is
    1.2, even though it would be 1200 in English; "6.5" is not German, so it is read the English
    way. `_ANY_EUROPEAN` (a language not known) keeps both readings."""
    values: set[Decimal] = set()
    for decimal, groups in conventions:
        values |= _values(token, decimal, groups)
        if values and conventions is not _ANY_EUROPEAN:
            break
    return values


def _one_value(token: str, conventions: tuple[tuple[str, frozenset[str]], ...]) -> bool:
    return any(_values(token, decimal, groups) for decimal, groups in conventions)


def _target_slots(text: str, conventions: tuple[tuple[str, frozenset[str]], ...],
                  wanted: list[set[Decimal]]) -> list[tuple[str, set[Decimal]]]:
    """The translation's numbers, each token read the way that matches most of the source's
    ("0,0" kept from an English list is two zeros, in German it would be one)."""
    remaining = list(wanted)
    found: list[tuple[str, set[Decimal]]] = []
    for match in _NUMBER_TOKEN.finditer(text):
        best, best_hits, best_left = None, -1, remaining
        for reading in _readings(match.group(), conventions):
            left = list(remaining)
            hits = 0
            for _, values in reading:
                hit = next((index for index, want in enumerate(left) if want & values), None)
                if hit is not None:
                    hits += 1
                    del left[hit]
            if hits > best_hits:
                best, best_hits, best_left = reading, hits, left
        assert best is not None
        found += best
        remaining = best_left
    return found


def _dates_in(text: str, locale: str) -> list[tuple[str, dt.date]]:
    """The dates written in the source: ISO, or with a month name of the source's language
    ("9 November 2023", "November 9, 2023", "1er janvier 2026", "15 de marzo de 2026")."""
    found = []
    for match in _ISO_DATE.finditer(text):
        try:
            found.append((match.group(), dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))))
        except ValueError:
            continue
    if not _YEAR.search(text):
        return found  # no year, no written-out date: spare loading the month names
    pattern, months = _named_dates(locale)
    for match in pattern.finditer(text):
        day, month, year = (match.group(1), match.group(2), match.group(3)) if match.group(1) else \
            (match.group(5), match.group(4), match.group(6))
        try:
            found.append((match.group(), dt.date(int(year), months[month.casefold()], int(day))))
        except ValueError:
            continue
    return found


@lru_cache(maxsize=32)
def _named_dates(locale: str) -> tuple[re.Pattern[str], dict[str, int]]:
    """A pattern for day-month-year and month-day-year dates with the language's month names (and
    English ones), an ordinal mark after the day and a "de" between the parts allowed."""
    months = {name: number for number, name in enumerate(_MONTHS, start=1)}
    for number in range(1, 13):
        for name in _month_names(number, locale):
            months.setdefault(name, number)
    names = "|".join(re.escape(name) for name in sorted(months, key=len, reverse=True))
    ordinal = r"(?:st|nd|rd|th|er|re|e|º|ª|\.)?"
    between = r"\s+(?:de\s+|del\s+)?"
    pattern = re.compile(
        rf"(?<!\w)(?:(\d{{1,2}}){ordinal}{between}({names}){between}(\d{{4}})"
        rf"|({names})\s+(\d{{1,2}}){ordinal},?\s+(\d{{4}}))(?!\w)",
        re.IGNORECASE,
    )
    return pattern, months


@lru_cache(maxsize=1024)
def _date_forms(date: dt.date, locale: str) -> tuple[str, ...]:
    """The ways a date may be written in a language: ISO, CLDR's four formats, and the usual
    numeric forms (day first, with or without leading zeros)."""
    from babel.dates import format_date

    forms = {date.isoformat()}
    for style in ("short", "medium", "long", "full"):
        try:
            forms.add(format_date(date, style, locale=locale))
        except (ValueError, LookupError):
            pass
    for day in {str(date.day), f"{date.day:02d}"}:
        for month in {str(date.month), f"{date.month:02d}"}:
            for separator in (".", "/", "-", ". "):
                for year in (str(date.year), f"{date.year % 100:02d}"):
                    forms.add(f"{day}{separator}{month}{separator}{year}")
    forms.add(f"{date.year}. {date.month:02d}. {date.day:02d}.")
    forms.add(f"{date.year}.{date.month:02d}.{date.day:02d}")
    # "2023. 11. 09-én" (Hungarian adds a case ending): a form's closing dot is optional.
    forms |= {form.rstrip(".") for form in forms}
    return tuple(sorted((_fold(form) for form in forms), key=len, reverse=True))


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split()).casefold()


#: A translation of unknown language may write numbers either way.
_ANY_EUROPEAN = ((".", frozenset({","}) | _SPACES), (",", frozenset({".", "'", "\u2019"}) | _SPACES))


def _numbers(source_text: str, translation_text: str, locale: str | None, source_locale: str) -> Iterator[Mismatch]:
    folded = _fold(translation_text)
    for written, date in _dates_in(source_text, source_locale):
        form = next((form for form in _date_forms(date, locale or source_locale) if form in folded), None)
        if form is not None:
            folded = folded.replace(form, " ", 1)
            source_text = source_text.replace(written, " ", 1)
            continue
        # Written some other way ("am 9. des Monats November 2023"): its day and year are then
        # compared as numbers, and its month must be there as a number or a name of the language.
        source_text = source_text.replace(written, f" {date.day} {date.year} ", 1)
        if not _has_month(folded, date.month, locale):
            yield Mismatch("numbers", f"date {written!r} of the source is missing from the translation")
    conventions = _ANY_EUROPEAN if locale is None else (_symbols(locale), _symbols(source_locale))
    source_slots = _slots(source_text, [_symbols(source_locale)])
    target_slots = _target_slots(folded, conventions, [values for _, values in source_slots])
    unmatched = list(target_slots)
    missing: list[str] = []
    for written, values in source_slots:
        match = next((slot for slot in unmatched if slot[1] & values), None)
        if match is not None:
            unmatched.remove(match)
        elif written not in missing:
            missing.append(written)
    added = list(dict.fromkeys(written for written, _ in unmatched))
    for index in range(max(len(missing), len(added))):  # a changed figure is one mistake, said once
        if index < len(missing) and index < len(added) and missing[index] == added[index]:
            yield Mismatch("numbers", f"number {missing[index]!r} means another number in "
                                      f"{locale or 'the translation'}: write it the language's way")
        elif index < len(missing) and index < len(added):
            yield Mismatch("numbers", f"number {missing[index]!r} of the source is missing from the translation "
                                      f"({added[index]!r} instead?)")
        elif index < len(missing):
            yield Mismatch("numbers", f"number {missing[index]!r} of the source is missing from the translation")
        else:
            yield Mismatch("numbers", f"number {added[index]!r} is not in the source")


def _has_month(folded: str, month: int, locale: str | None) -> bool:
    """Whether the month is named (a month written as a number is only recognised inside a whole
    date, in _date_forms: "1" alone may well be the day)."""
    words = re.findall(r"\w+", folded)
    stems = _month_stems(month, locale or "en")
    # A declined form starts with one of the names' stems: Greek "Μαΐου" with the abbreviation
    # "Μαΐ", German "Märzes" with "März".
    bare_stems = {_bare(stem) for stem in stems if len(stem) >= 3}
    return any(_bare(word).startswith(stem) for word in words if len(word) >= 3 for stem in bare_stems)


def _bare(word: str) -> str:
    """A word without accents, so "Μαΐου" and CLDR's "Μαΐ" (written with other diacritics) meet."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


@lru_cache(maxsize=512)
def _month_stems(month: int, locale: str) -> frozenset[str]:
    """The first letters of every name the language has for a month (declined forms share them)."""
    names = _month_names(month, locale) | _month_names(month, locale, abbreviated=True)
    return frozenset(name[:5] for name in names)


@lru_cache(maxsize=512)
def _month_names(month: int, locale: str, abbreviated: bool = False) -> frozenset[str]:
    """A month's names in the language (as in a date and on its own; CLDR through Babel), and in
    English, folded."""
    if locale.split("_")[0] == "en" and not abbreviated:
        return frozenset({_MONTHS[month - 1]})  # English needs no CLDR data loaded
    from babel import Locale, UnknownLocaleError

    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        parsed = Locale.parse("en")
    width = "abbreviated" if abbreviated else "wide"
    names = {_MONTHS[month - 1]} | {str(parsed.months[context][width][month]) for context in ("format", "stand-alone")}
    return frozenset(_fold(name).rstrip(".") for name in names)


# --- addresses and placeholders ------------------------------------------------------------

#: Plain web and e-mail addresses in text; the draft step sends them to engines as kept tags.
URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"'«»„“”]+", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: Placeholders a program fills in; engines get them as kept tags.
PLACEHOLDER = re.compile(r"\{[A-Za-z_][\w.]*\}|\{\d+\}|%\([A-Za-z_]\w*\)[sd]|%\d+\$[sd]|%[sd](?![A-Za-z])")


def _addresses(source_text: str, translation_text: str) -> Iterator[Mismatch]:
    def addresses(text: str) -> list[str]:
        if "@" not in text and "://" not in text and "www." not in text.lower():
            return []  # most texts: no pattern need scan them
        urls = [match.group().rstrip(".,;:!?") for match in URL.finditer(text)]
        without_urls = URL.sub(" ", text)
        return urls + (EMAIL.findall(without_urls) if "@" in without_urls else [])

    dropped, added = multiset_difference(tuple(addresses(source_text)), tuple(addresses(translation_text)))
    for address in dropped:
        yield Mismatch("addresses", f"{_kind(address)} {address!r} of the source is missing or changed in the translation")
    for address in added:
        yield Mismatch("addresses", f"{_kind(address)} {address!r} is not in the source")


def _kind(address: str) -> str:
    return "e-mail address" if "@" in address and not URL.match(address) else "web address"


def _placeholders(source: str, translation: str) -> Iterator[Mismatch]:
    dropped, added = multiset_difference(tuple(PLACEHOLDER.findall(source)), tuple(PLACEHOLDER.findall(translation)))
    for placeholder in dropped:
        yield Mismatch("placeholders", f"placeholder {placeholder!r} of the source is missing from the translation")
    for placeholder in added:
        yield Mismatch("placeholders", f"placeholder {placeholder!r} is not in the source")
