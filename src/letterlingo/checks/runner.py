"""Run the selected checks over letters and their catalogues and collect one report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import polib

from ..catalog import live_entries, parse_catalog
from ..config import Config, select_locales
from ..errors import CatalogError, LetterlingoError
from ..fsutil import normalize_newlines, read_input
from ..glossary import Glossary, load_glossary
from ..letter import front_matter, language_in, read_text
from ..model import Letter
from ..project import letter_inputs, load_letter, select_slugs
from .base import CatalogueContext, Check, EntryContext, Failure, LetterContext
from .catalogue import header_plural_forms
from .registry import CheckRegistry, default_registry
from .report import UNREADABLE, CheckReport, Finding, SummaryRow
from .results_cache import ResultsCache


def check(
    config: Config,
    slugs: Iterable[str] | None = None,
    locales: Iterable[str] | None = None,
    *,
    strict: bool = False,
    only: Iterable[str] | None = None,
    skip: Iterable[str] | None = None,
    registry: CheckRegistry | None = None,
) -> CheckReport:
    """Check the given letters (default: all) in the given locales (default: the configured targets).

    Unusable input (a letter or catalogue that cannot be read, an unknown locale or check
    name) raises a LetterlingoError; everything else becomes a finding in the report.
    """
    return run_checks(config, select_slugs(config, slugs), select_locales(config, locales), strict=strict,
                      only=only, skip=skip, registry=registry)


def run_checks(
    config: Config,
    slugs: list[str],
    locales: tuple[str, ...],
    strict: bool = False,
    *,
    only: Iterable[str] | None = None,
    skip: Iterable[str] | None = None,
    registry: CheckRegistry | None = None,
) -> CheckReport:
    """Check already-resolved slugs and locales; see `check`."""
    registry = registry if registry is not None else default_registry()
    selected = registry.select(only, skip)
    names = {item.name for item in selected}
    findings: list[Finding] = []
    summary: list[SummaryRow] = []
    glossary_path = config.root / config.glossary
    try:
        glossary = load_glossary(glossary_path, config.relative(glossary_path))
    except LetterlingoError as exc:  # reported; the other checks still run
        glossary = Glossary()
        findings.append(_unreadable(exc, config.relative(glossary_path), "", None))
    cache = ResultsCache(config.root, enabled=all(item.origin == "letterlingo" for item in selected))
    context = ResultsCache.key(repr(config), ",".join(sorted(names)), _bytes(glossary_path))
    for slug in slugs:
        start = len(findings)
        letter_file = config.letter_file(slug)
        shown_letter = config.relative(letter_file)
        try:
            meta = front_matter(letter_file, shown_letter)
            own = language_in(meta, config.source_language, shown_letter)
        except LetterlingoError:  # the whole letter is read below, and its error reported
            meta, own = {}, config.source_language
        letter_bytes = letter_inputs(config, slug, meta)
        pot = config.pot_file(slug)
        shown_pot = config.relative(pot)
        pot_bytes, pot_error = b"", None
        if pot.exists():
            try:
                pot_bytes = read_input(pot, CatalogError, shown_pot)
            except LetterlingoError as exc:
                pot_error = _unreadable(exc, shown_pot, slug, None)
        lazy = _Parsed(config, slug, pot_bytes, findings)
        key = ResultsCache.key(context, "letter", letter_bytes)
        cached = cache.get(key)
        if cached is None:
            letter = lazy.letter
            cached = _check_letter(config, letter, selected) if letter is not None else []
            if letter is not None:  # an unreadable letter is read (and reported) again every run
                cache.put(key, cached)
        findings += cached
        if pot_error is not None:
            findings.append(pot_error)
        elif pot.exists():
            key = ResultsCache.key(context, "template", letter_bytes, pot_bytes)
            cached = cache.get(key)
            if cached is None:
                try:
                    parsed = parse_catalog(pot_bytes, shown_pot)
                except LetterlingoError as exc:
                    cached = [_unreadable(exc, shown_pot, slug, None)]
                else:
                    lazy.template = parsed
                    ctx = CatalogueContext(parsed, shown_pot, None, config.source_language, lazy.letter, None,
                                           _text(pot_bytes))
                    cached = check_catalogue(ctx, [item for item in selected if item.templates], slug)
                cache.put(key, cached)
            findings += cached
        elif "outdated" in names:
            findings.append(Finding(shown_pot, None, "warning", "outdated",
                                    "no template: run `letterlingo extract`", slug))
        summary.append(_row(slug, None, findings[start:]))
        for locale in locales:
            if locale == own:
                continue  # a letter written in this language has no catalogue for it
            start = len(findings)
            path = config.po_file(slug, locale)
            shown = config.relative(path)
            if not path.exists():
                if "untranslated" in names:
                    findings.append(Finding(shown, None, "warning", "untranslated",
                                            "no catalogue for this locale: run `letterlingo update`", slug, locale))
                summary.append(_row(slug, locale, findings[start:], has_catalogue=False))
                continue
            try:
                data = read_input(path, CatalogError, shown)
            except LetterlingoError as exc:  # this file stops here; the run goes on
                findings.append(_unreadable(exc, shown, slug, locale))
                summary.append(_row(slug, locale, findings[start:]))
                continue
            key = ResultsCache.key(context, locale, letter_bytes, pot_bytes, data)
            cached = cache.get(key)
            if cached is None:
                try:
                    catalogue = parse_catalog(data, shown)
                except LetterlingoError as exc:
                    cached = [_unreadable(exc, shown, slug, locale)]
                else:
                    ctx = CatalogueContext(catalogue, shown, locale, config.source_language, lazy.letter,
                                           lazy.template, _text(data), glossary)
                    cached = check_catalogue(ctx, selected, slug)
                cache.put(key, cached)
            findings += cached
            summary.append(_row(slug, locale, findings[start:]))
    cache.save()
    return CheckReport(tuple(findings), tuple(summary), strict, tuple(item.name for item in selected))


class _Parsed:
    """A letter and its template, parsed only when a file must really be checked (files whose
    findings are cached need neither)."""

    def __init__(self, config: Config, slug: str, pot_bytes: bytes, findings: list[Finding]) -> None:
        self.config, self.slug, self.pot_bytes, self.findings = config, slug, pot_bytes, findings
        self._letter: list[Letter | None] = []
        self._template: list[polib.POFile | None] = []

    @property
    def letter(self) -> Letter | None:
        if not self._letter:
            try:
                self._letter.append(load_letter(self.config, self.slug))
            except LetterlingoError as exc:  # reported, and its catalogues are still checked
                self._letter.append(None)
                shown = self.config.relative(self.config.letter_file(self.slug))
                self.findings.append(_unreadable(exc, shown, self.slug, None))
        return self._letter[0]

    @property
    def template(self) -> polib.POFile | None:
        if not self._template:
            shown = self.config.relative(self.config.pot_file(self.slug))
            try:
                self._template.append(parse_catalog(self.pot_bytes, shown) if self.pot_bytes else None)
            except LetterlingoError:  # reported where the template itself is checked
                self._template.append(None)
        return self._template[0]

    @template.setter
    def template(self, value: polib.POFile) -> None:
        self._template[:] = [value]


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _unreadable(exc: LetterlingoError, shown: str, slug: str, locale: str | None) -> Finding:
    """A file that cannot be read at all, as a finding: the other files are still checked."""
    return Finding(exc.path or shown, exc.line, "error", UNREADABLE, exc.message, slug, locale)


def _text(data: bytes) -> str:
    """A catalogue's text for finding header lines (already validated by parse_catalog), BOM and CRs removed."""
    return normalize_newlines(data.decode("utf-8", "replace"))


def _row(slug: str, locale: str | None, findings: list[Finding], has_catalogue: bool = True) -> SummaryRow:
    errors = sum(1 for finding in findings if finding.severity == "error")
    return SummaryRow(slug, locale, errors, len(findings) - errors, has_catalogue)


def _finding(check: Check, failure: Failure, path: str, slug: str, locale: str | None) -> Finding:
    return Finding(path, failure.line, failure.severity or check.severity, check.name, failure.message, slug, locale)


def _check_letter(config: Config, letter: Letter, selected: tuple[Check, ...]) -> list[Finding]:
    path = config.letter_file(letter.slug)
    ctx = LetterContext(letter, config.relative(path), read_text(path), config)
    return [
        _finding(check, failure, ctx.path, letter.slug, None)
        for check in selected
        if check.scope == "letter"
        for failure in check.function(ctx)
    ]


def check_catalogue(ctx: CatalogueContext, selected: Iterable[Check], slug: str = "") -> list[Finding]:
    """Run catalogue and entry checks on one catalogue (entry checks skip templates); sorted by line."""
    found: list[Finding] = []
    entry_checks = []
    for check in selected:
        if check.scope == "catalogue":
            found += [_finding(check, failure, ctx.path, slug, ctx.locale) for failure in check.function(ctx)]
        elif check.scope == "entry" and not ctx.is_template:
            entry_checks.append(check)
    if entry_checks:
        found += _check_entries(ctx, slug, entry_checks)
    found.sort(key=lambda finding: finding.line or 0)
    return found


def _check_entries(ctx: CatalogueContext, slug: str, checks: list[Check]) -> list[Finding]:
    """Entry checks on every translated form; a fuzzy draft's problems are reported as warnings."""
    forms = header_plural_forms(ctx)
    often = forms.used_often() if forms is not None else None
    found: list[Finding] = []
    for entry in live_entries(ctx.catalogue):
        draft = "fuzzy" in entry.flags
        for source, translation, entry_ctx in _pairs(entry, ctx, often):
            for check in checks:
                for message in check.function(source, translation, entry_ctx):
                    severity = "warning" if draft else check.severity
                    found.append(Finding(ctx.path, entry.linenum, severity, check.name, message, slug, ctx.locale))
    return found


def _pairs(entry: polib.POEntry, ctx: CatalogueContext,
           often: tuple[bool, ...] | None) -> Iterator[tuple[str, str, EntryContext]]:
    """(source, translation, context) for each non-empty translated form of an entry."""
    flags = tuple(entry.flags)
    if not entry.msgid_plural:
        if entry.msgstr:
            yield entry.msgid, entry.msgstr, EntryContext(ctx.locale, ctx.source_language, flags, entry.msgid,
                                                          glossary=ctx.glossary)
        return
    for form, translation in sorted(entry.msgstr_plural.items()):
        if not translation:
            continue
        form = int(form)
        strict = often is not None and form < len(often) and often[form]
        source = entry.msgid if form == 0 else entry.msgid_plural
        yield source, translation, EntryContext(ctx.locale, ctx.source_language, flags, entry.msgid,
                                                entry.msgid_plural, form, strict, ctx.glossary)
