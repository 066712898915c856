"""Pseudo-localisation: accented, longer, bracketed text that shows layout problems before translators start."""

from __future__ import annotations

import math
import re

from .protect import TAG

#: Share by which pseudo text is longer than its source: translations from English into
#: German, Finnish or Greek commonly run 30-40% longer, and a layout must survive that.
EXPANSION = 0.35

_ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_VOWELS = set("aeiouyAEIOUY")
_WORD = re.compile(r"[^\W\d_]+")
_PADDING = "·"
_MONTHS = frozenset("january february march april may june july august september october november december".split())


def pseudolocalise(text: str) -> str:
    """Accent the letters outside tags, stretch words to ~135% length, and wrap in brackets.

    Words grow by repeating their vowels (`ţĥéé`), so lines still break between words as a
    real translation's would; digits, punctuation and tags stay as they are, so numbers and
    markup survive the checks a real translation must pass.
    """
    chunks: list[tuple[bool, str]] = []
    position = 0
    for match in TAG.finditer(text):
        chunks.append((False, text[position:match.start()]))
        chunks.append((True, match.group(0)))
        position = match.end()
    chunks.append((False, text[position:]))
    visible = sum(len(chunk) for is_tag, chunk in chunks if not is_tag)
    extra = max(0, math.ceil(visible * EXPANSION) - 2)  # the brackets count towards the growth
    letters = sum(len(word) for is_tag, chunk in chunks if not is_tag for word in _WORD.findall(chunk))
    seen = given = 0

    def stretch(match: re.Match[str]) -> str:
        nonlocal seen, given
        word = match.group(0)
        seen += len(word)
        if word.lower() in _MONTHS:  # a date stays a date, as a real translation keeps it one
            return word
        add = round(extra * seen / letters) - given
        given += add
        return _stretched(word, add)

    out = "".join(chunk if is_tag else _WORD.sub(stretch, chunk) for is_tag, chunk in chunks).strip()
    if not letters and extra > 1:
        out += " " + _PADDING * (extra - 1)
    return f"[{out}]"


def _stretched(word: str, add: int) -> str:
    accented = word.translate(_ACCENTS)  # one character for one, so positions still match
    if add <= 0:
        return accented
    vowels = [index for index, char in enumerate(word) if char in _VOWELS]
    if not vowels:
        return accented + _PADDING * add
    repeats = [1] * len(word)
    for count in range(add):
        repeats[vowels[count % len(vowels)]] += 1
    return "".join(char * times for char, times in zip(accented, repeats))


class PseudoEngine:
    """Offline and instant: every language, every text."""

    name = "pseudo"
    kind = "pseudo-localisation"
    offline = True
    max_chars = 1_000_000
    max_texts = 10_000

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        return [pseudolocalise(text) for text in texts]
