"""Numbers and dates: every figure of the source appears in the translation, whatever the locale's grouping."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from .base import EntryContext, entry_check
from .inline import summarize

_DIGITS = re.compile(r"\d+")
#: Characters that group thousands in EU locales: spaces (plain, no-break, narrow, thin), dot,
#: comma and apostrophes. "6 000", "6.000", "6,000" and "6'000" all read as 6000.
_GROUP_SEPARATORS = frozenset(" \u00a0\u202f\u2009.,'\u2019")


def numbers_in(text: str) -> list[tuple[str, str]]:
    """(canonical digits, as written) for each number in `text`.

    Digit runs joined by one group separator followed by exactly three digits form one number;
    anything else separates numbers, so a decimal "6.5" gives 6 and 5 in English and German
    alike, and a date "2023-11-09" gives 2023, 11 and 9 whatever its order. Leading zeros go.
    """
    runs = list(_DIGITS.finditer(text))
    found: list[tuple[str, str]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index].start(), runs[index].end()
        digits = runs[index].group()
        following = index + 1
        if len(digits) <= 3:
            while (
                following < len(runs)
                and runs[following].start() == end + 1
                and text[end] in _GROUP_SEPARATORS
                and len(runs[following].group()) == 3
            ):
                digits += runs[following].group()
                end = runs[following].end()
                following += 1
        found.append((str(int(digits)), text[start:end]))
        index = following
    return found


@entry_check("numbers", "error")
def numbers(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """Every number and date of the source appears in the translation.

    Figures are the claims of an open letter ("109 signatories", "58%", "2021"): a translation
    that drops or changes one changes what the signatories said. Locale grouping ("6 000",
    "6.000") and leading zeros do not matter; only the visible text counts, not link targets.
    """
    have = Counter(canonical for canonical, _ in numbers_in(summarize(translation).text))
    reported: set[str] = set()
    for canonical, written in numbers_in(summarize(source).text):
        if have[canonical] > 0:
            have[canonical] -= 1
        elif canonical not in reported:
            reported.add(canonical)
            yield f"number {written!r} of the source is missing from the translation"


CHECKS = (numbers,)
