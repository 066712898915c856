"""One letter in one language, ready for a template: each block's text and its review state.

Translations are untrusted: a msgstr (rendered later, by letterlingo.templating, as inline
Markdown with raw HTML disabled) is used only if it keeps parity with its source (letterlingo.parity: links, images, markup,
numbers, addresses, placeholders), the same rule the draft step and `check` apply; otherwise
the source text is shown, as it is for missing entries.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import polib

from . import parity
from .catalog import live_entries, read_catalog
from .model import Block, Letter, SignatoryGroup

log = logging.getLogger(__name__)


class Drafts(str, Enum):
    """What an edition does with unreviewed (fuzzy) machine drafts."""

    MARK = "mark"  # show them, with a notice on the page and on every PDF page
    PROOF = "proof"  # show them, each highlighted in place for proof-reading
    HIDE = "hide"  # show the source text instead


class State(str, Enum):
    REVIEWED = "reviewed"
    DRAFT = "draft"
    MISSING = "missing"
    SOURCE = "source"  # the edition in the letter's own language
    #: No body text is translated: the page would be the original letter under a national
    #: flag. Not built unless asked for, and then labelled so on every page and in the index.
    UNTRANSLATED = "untranslated"


@dataclass(frozen=True)
class RenderedBlock:
    block: Block
    state: State
    lang: str | None = None  # set when the text is in another language than the page
    text: str = ""  # the inline Markdown shown (translation or source)


@dataclass
class Edition:
    """Everything a template needs for one letter in one locale."""

    letter: Letter
    locale: str
    title: RenderedBlock
    description: RenderedBlock | None
    body: list[RenderedBlock]
    groups: list[tuple[list[RenderedBlock], list[RenderedBlock], SignatoryGroup]]
    counts: Counter[State] = field(default_factory=Counter)

    @property
    def has_drafts(self) -> bool:
        return self.counts[State.DRAFT] > 0

    @property
    def reviewed_share(self) -> float:
        """The share of translatable blocks a translator has reviewed (the index shows it)."""
        total = self.counts[State.REVIEWED] + self.counts[State.DRAFT] + self.counts[State.MISSING]
        return self.counts[State.REVIEWED] / total if total else 1.0

    @property
    def untranslated(self) -> bool:
        """A translated title over an original body is still the original letter: what counts
        is whether any block of the body is shown in translation."""
        if self.counts[State.SOURCE]:
            return False
        body = [entry for entry in self.body if entry.block.translatable]
        return bool(body) and all(entry.state is State.MISSING for entry in body)

    @property
    def state(self) -> State:
        """The edition's review state: the weakest of its blocks."""
        if self.counts[State.SOURCE]:
            return State.SOURCE
        if self.untranslated:
            return State.UNTRANSLATED
        if self.counts[State.MISSING]:
            return State.MISSING
        if self.counts[State.DRAFT]:
            return State.DRAFT
        return State.REVIEWED


def load_translations(path: Path | None, shown: str | None = None) -> dict[str, polib.POEntry]:
    """msgid -> entry of a letter's catalogue; no file means nothing is translated yet."""
    if path is None or not path.exists():
        return {}
    return {entry.msgid: entry for entry in live_entries(read_catalog(path, shown=shown))}


def build_edition(
    letter: Letter,
    locale: str,
    entries: dict[str, polib.POEntry],
    drafts: Drafts = Drafts.MARK,
) -> Edition:
    """Resolve every block to the text shown in this edition, falling back to the source."""
    counts: Counter[State] = Counter()
    source_locale = locale == letter.language

    def resolve(block: Block) -> RenderedBlock:
        if not block.translatable:  # code, rules: shown as written, not counted
            return RenderedBlock(block, State.REVIEWED)
        if source_locale:
            state = State.SOURCE
            text = block.text
        else:
            entry = entries.get(block.text)
            translated = bool(entry and entry.msgstr)
            fuzzy = bool(entry and "fuzzy" in entry.flags)
            msgstr = entry.msgstr if entry is not None else ""
            problems = parity.errors(block.text, msgstr, locale, letter.language) if translated else []
            if problems:
                log.warning("%s [%s]: translation of line %s: %s; showing the source",
                            letter.slug, locale, block.line, problems[0].message)
                translated = False
            if translated and (not fuzzy or drafts is not Drafts.HIDE):
                state = State.DRAFT if fuzzy else State.REVIEWED
                text = msgstr
            else:
                state = State.MISSING
                text = block.text
        counts[state] += 1
        lang = letter.language if state is State.MISSING else None
        return RenderedBlock(block, state, lang, text)

    title = resolve(letter.title)
    description = resolve(letter.description) if letter.description else None
    body = [resolve(block) for block in letter.body]
    groups = [([resolve(h) for h in group.headings], [resolve(c) for c in group.columns], group)
              for group in letter.groups]
    return Edition(letter, locale, title, description, body, groups, counts)
