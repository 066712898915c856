"""What a careful translator keeps: every sentence, single spaces, the glossary, the language's quotation marks,
and markup that sits on its words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..inline import summarize
from ..languages import ALSO_CUSTOMARY_QUOTES, quotation_marks
from .base import EntryContext, entry_check

#: Where a sentence ends: its mark, then a space and a capital (or the end of the text).
_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f]+[\"'\u201d\u2019\u00bb\u201c)\]]*(?=\s+[\"'\u201e\u201c\u00ab(\[]*[^\W_]|$)")
#: Words after which a full stop does not end a sentence (initials are handled separately).
_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs cf dr mr mrs ms prof st no nr art par p pp fig ca approx jr sr z.b d.h bzw usw ggf "
    "s.a u.a vgl sog p.ex av apr ecc sig sra dott ing ks tj np itd itp t.j".split()
)
_DOUBLE_QUOTES = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02"


@lru_cache(maxsize=8192)
def _sentences(text: str) -> int:
    """Cached: every locale's translation is compared with the same source."""
    text = text.strip()
    count = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith("."):
            start = word_start = match.start()
            while word_start > 0 and not text[word_start - 1].isspace():
                word_start -= 1
            token = text[word_start:start].lower().rstrip(".")
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or token.isdigit():
                continue  # "e.g.", an initial, or an ordinal ("am 9. November"): not a sentence's end
        count += 1
    return max(count, 1) if text else 0


@entry_check("sentences", "warning")
def sentences(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """The translation has no fewer sentences than the source (a sentence left out is hard to spot).

    Splitting a long sentence is fine; merging two may be, so this is a warning. Example: a
    three-sentence paragraph translated as two sentences.
    """
    src, dst = _sentences(summarize(source).text), _sentences(summarize(translation).text)
    if src >= 2 and dst < src:
        yield f"the source has {src} sentences, the translation {dst}: is one missing?"


@entry_check("double-spaces", "warning")
def double_spaces(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """No double spaces in the translation unless the source has them.

    They show as uneven gaps in the PDF and are a sign of a deleted word. Example:
    `Wir fordern  Sie auf`.
    """
    def doubled(text: str) -> int:
        return len(re.findall(r"(?<=\S) {2,}(?=\S)", text))

    if doubled(translation) > doubled(source):
        yield "double space in the translation"


@entry_check("glossary", "error")
def glossary(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """A glossary term marked to be kept appears unchanged in the translation.

    Names of laws, bodies and campaigns are the letter's claims. Example: `CSAR` → `KSAV`
    when glossary.csv lists CSAR with no translation for the language.
    """
    for term, rendering in _glossary_terms(source, ctx):
        if rendering == term and term not in translation:
            yield f"glossary term {term!r} must stay as it is, but the translation does not have it"


@entry_check("glossary-term", "warning")
def glossary_term(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """A glossary term with a fixed translation for the language is translated that way.

    A warning: a declined form may differ at the end (the check allows that). Example:
    `EU Centre` → `EU-Behörde` when glossary.csv gives `EU-Zentrum` for German.
    """
    for term, rendering in _glossary_terms(source, ctx):
        stem = rendering[: max(4, len(rendering) - 3)]
        if rendering != term and stem.casefold() not in translation.casefold():
            yield f"glossary gives {rendering!r} for {term!r} in {ctx.locale}; the translation does not use it"


def _glossary_terms(source: str, ctx: EntryContext) -> Iterator[tuple[str, str]]:
    """Each glossary term in `source` (once), with what the translation should say for it."""
    pattern = ctx.glossary.pattern() if ctx.glossary is not None else None
    if ctx.glossary is None or pattern is None:
        return
    for term in dict.fromkeys(match.group() for match in pattern.finditer(source)):
        entry = ctx.glossary.get(term)
        yield term, entry.rendering(ctx.locale) if entry is not None else term


@entry_check("quotes", "warning")
def quotes(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """Double quotation marks are the language's own (CLDR): „…“ in German, «…» in French.

    Marks also customary in print are accepted (»…« in German, »…» in Finnish and Swedish).

    Example: `"Chat control"` in a German translation, where `„Chat control“` is expected.
    """
    marks = quotation_marks(ctx.locale)
    if marks is None:
        return
    allowed = set(marks) | set(ALSO_CUSTOMARY_QUOTES.get((ctx.locale or "").split("_")[0], ""))
    used = [char for char in summarize(translation).text if char in _DOUBLE_QUOTES]
    wrong = [char for char in dict.fromkeys(used) if char not in allowed]
    if wrong:
        start, end = marks[0], marks[1]
        found = " ".join(wrong)
        yield f"quotation marks {found} are not {ctx.locale}'s: it uses {start}…{end}"


@entry_check("markup-spaces", "warning")
def markup_spaces(source: str, translation: str, ctx: EntryContext) -> Iterator[str]:
    """Bold, italic and link text sit on their words: no space just inside, no word glued on outside.

    `[ Bericht ](…)` underlines the spaces; `das**Wort**` runs two words together; a `** bold**`
    that Markdown cannot read shows its asterisks. Example: `Lesen Sie den[Bericht](#)`.
    """
    src, dst = summarize(source), summarize(translation)
    if dst.inner_spaces > src.inner_spaces:
        yield "space just inside bold, italic or link text"
    if dst.glued > src.glued:
        yield "bold, italic or link text glued to the word next to it (a space missing?)"
    if dst.literal_delimiters > src.literal_delimiters:
        yield "literal ** or __ in the text: a bold span Markdown could not read (a space inside it?)"


CHECKS = (sentences, double_spaces, glossary, glossary_term, quotes, markup_spaces)
