"""Translation memory: reviewed translations from every catalogue of the project, reused offline.

Compendia (`--memory`, `compendia = [...]`) are .po files or TMX files (an agency's memory).

Open letters are often published twice (a Markdown edition and a web copy, a new letter
reusing paragraphs of an old one): a paragraph reviewed once in a language should never be
sent to an online engine again. Matching is exact first, then exact after typographic
normalisation (`’` = `'`, `“` = `"`, runs of spaces), then fuzzy (difflib) from a threshold.
An exact or normalised match is a reviewed translation of the same text and is reused as
it is; a fuzzy match translates a *different* text, so it is only offered when it passes the
same checks as a machine draft (markup, link targets, numbers). Either becomes a fuzzy
draft: a suggestion for the reviewer, never a silent translation.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from .. import parity
from ..catalog import is_reviewed, read_catalog
from ..config import Config
from ..languages import UnknownLanguage, normalize_locale

logger = logging.getLogger(__name__)

#: difflib ratio from which a reviewed translation of a *different* source text is offered.
#: Higher than update's merge threshold: here the alternative is a fresh machine draft.
FUZZY_THRESHOLD = 0.85

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form two copies of one paragraph share when they differ only in typography."""
    return _SPACES.sub(" ", text.translate(_QUOTES)).strip()


@dataclass(frozen=True)
class Unit:
    source: str
    target: str


class Memory:
    """Reviewed units for one target language, indexed for exact and normalised lookups."""

    def __init__(self, units: list[Unit], threshold: float = FUZZY_THRESHOLD) -> None:
        self.threshold = threshold
        self.exact: dict[str, str] = _majority((unit.source, unit.target) for unit in units)
        self.normal: dict[str, str] = _majority((normalise(unit.source), unit.target) for unit in units)
        self._fuzzy_keys = list(self.normal)

    def __len__(self) -> int:
        return len(self.exact)

    def lookup(self, text: str) -> str:
        """The best reviewed translation for `text`, or "" when nothing is close enough."""
        if text in self.exact:
            return self.exact[text]
        key = normalise(text)
        if key in self.normal:
            return self.normal[key]
        return self._fuzzy(text, key)

    def _fuzzy(self, text: str, key: str) -> str:
        """The closest match from the threshold on whose translation fits `text`'s markup and numbers."""
        scored = []
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        for candidate in self._fuzzy_keys:
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() < self.threshold or matcher.quick_ratio() < self.threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= self.threshold:
                scored.append((-ratio, candidate))
        for _, candidate in sorted(scored):
            if not parity.errors(text, self.normal[candidate]):
                return self.normal[candidate]
        return ""


def _majority(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """One translation per source: the most frequent, ties going to the first seen (files are
    read in sorted order), so the same project always gives the same drafts."""
    counts: dict[str, Counter[str]] = {}
    for source, target in pairs:
        counts.setdefault(source, Counter())[target] += 1
    return {source: counter.most_common(1)[0][0] for source, counter in counts.items()}


def reviewed_units(catalog: polib.POFile) -> list[Unit]:
    """Entries a person wrote or accepted (not fuzzy, not empty), obsolete ones included as
    msgmerge's compendium does; plural entries are left out (no single msgstr to reuse)."""
    return [
        Unit(entry.msgid, entry.msgstr)
        for entry in catalog
        if entry.msgid and not entry.msgid_plural and not entry.msgctxt and is_reviewed(entry)
    ]


class MemoryEngine:
    """The `memory` engine: answers from the project's reviewed catalogues, sends nothing."""

    name = "memory"
    kind = "translation memory"
    offline = True
    takes_markdown = True
    lookup = True
    trusted = True  # reviewed translations of the same text, or fuzzy ones it has checked itself
    max_chars = 100_000_000
    max_texts = 1_000_000

    def __init__(self, config: Config, compendia: tuple[Path, ...] | list[Path] = (),
                 threshold: float = FUZZY_THRESHOLD) -> None:
        self.config = config
        self.compendia = tuple(Path(path) for path in compendia)
        self.threshold = threshold
        self._memories: dict[str, Memory] = {}
        self._languages: dict[Path, str | None] = {}

    def supports(self, source: str, target: str) -> bool:
        return source == self.config.source_language

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        memory = self.memory(target)
        return [memory.lookup(text) for text in texts]

    def memory(self, target: str) -> Memory:
        """Built once per language and run: drafts written during the run are fuzzy and would
        not count anyway."""
        if target not in self._memories:
            units: list[Unit] = []
            folder = self.config.locales_path / target / "LC_MESSAGES"
            for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
                units.extend(reviewed_units(read_catalog(path, shown=self.config.relative(path))))
            for path in self._compendia_for(target):
                units.extend(self._compendium_units(path, target))
            self._memories[target] = Memory(units, self.threshold)
            logger.info("memory for %s: %d reviewed units", target, len(self._memories[target]))
        return self._memories[target]

    def _compendium_units(self, path: Path, target: str) -> list[Unit]:
        """A compendium's reviewed units for `target`: a .po's reviewed entries, or a TMX file's
        units that have both the source language and `target` (by primary language)."""
        shown = self.config.relative(path)
        if path.suffix.lower() == ".tmx":
            from ..tmx import tmx_units

            return [Unit(source, text) for source, text in tmx_units(path, shown, self.config.source_language, target)]
        return reviewed_units(read_catalog(path, shown=shown))

    def _compendia_for(self, target: str) -> list[Path]:
        """Compendium paths may hold `{locale}`; a .po without it must declare its Language (a
        TMX file holds many languages and is read for each)."""
        paths = []
        for path in self.compendia:
            raw = str(path)
            if "{locale}" in raw:
                candidate = Path(raw.replace("{locale}", target))
                if candidate.is_file():
                    paths.append(candidate)
                continue
            if path.suffix.lower() == ".tmx":
                paths.append(path)
                continue
            if path not in self._languages:
                self._languages[path] = _language_of(path, self.config)
            catalog_language = self._languages[path]
            if catalog_language == target:
                paths.append(path)
            elif catalog_language is None:
                logger.warning("%s has no Language header: not used as memory (name it with {locale})", path)
        return paths


def _language_of(path: Path, config: Config) -> str | None:
    language = read_catalog(path, shown=config.relative(path)).metadata.get("Language", "").strip()
    if not language:
        return None
    try:
        return normalize_locale(language)
    except UnknownLanguage:
        return None
