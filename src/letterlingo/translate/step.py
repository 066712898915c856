"""The translate step: fill empty entries with checked, fuzzy drafts from a chain of engines.

A translation a person wrote or reviewed is never touched: only entries whose msgstr is
empty are offered to engines, and each save re-reads the file and fills only entries that
are still empty (a translator may be working in Poedit while a run goes on). Every batch is
saved atomically, so an interrupted run keeps what it finished and a rerun continues.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .. import parity
from ..catalog import entry_has_translation, live_entries, read_catalog, write_catalog
from ..config import Config, select_locales, split_option_values
from ..errors import ConfigError, EngineError, LetterlingoError
from ..fsutil import build_time
from ..project import select_slugs
from .base import DEFAULT_TIMEOUT, Engine, EngineContext, env_number
from .errors import TransientEngineError
from .protect import (
    TAG,
    Glossary,
    Protected,
    Rejected,
    load_glossary,
    protect,
    restore,
)
from .registry import EngineRegistry, default_registry

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]
Key = tuple[str | None, str]


@dataclass(frozen=True)
class RetryPolicy:
    """Retries of a failed request (429, 5xx, timeout): `retries` in a row at most, waiting
    `delay`, 2×`delay`, 4×`delay`… (or what the server asks for), never more than `max_delay`.

    `failures` is the circuit breaker: after that many failed calls in a row to one engine
    (retries included, across catalogues), the run stops using it and the next engine in the
    chain takes its entries, so a dead or throttling service costs a few requests per run
    instead of a round of retries per catalogue. 0 turns the breaker off.
    """

    retries: int = 4
    delay: float = 1.0
    max_delay: float = 30.0
    failures: int = 3

    def wait(self, attempt: int, retry_after: float | None = None) -> float:
        seconds = self.delay * 2 ** max(0, attempt - 1)
        if retry_after is not None:
            seconds = max(seconds, retry_after)
        return min(seconds, self.max_delay)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> RetryPolicy:
        """LETTERLINGO_RETRIES, LETTERLINGO_RETRY_DELAY, LETTERLINGO_RETRY_MAX_DELAY and
        LETTERLINGO_MAX_FAILURES, where set."""
        return cls(
            retries=int(env_number(environ, "LETTERLINGO_RETRIES", cls.retries)),
            delay=env_number(environ, "LETTERLINGO_RETRY_DELAY", cls.delay),
            max_delay=env_number(environ, "LETTERLINGO_RETRY_MAX_DELAY", cls.max_delay),
            failures=int(env_number(environ, "LETTERLINGO_MAX_FAILURES", cls.failures)),
        )


@dataclass(frozen=True)
class Rejection:
    """An answer that did not become a draft; the entry stayed empty (or went to the next engine)."""

    path: str
    line: int | None
    engine: str
    reason: str
    msgid: str

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line else self.path
        return f"{place}: {self.engine}: {self.reason}"


@dataclass
class EngineTally:
    """One engine's share of one catalogue (in a dry run: what it would get)."""

    entries: int = 0
    characters: int = 0
    rejected: int = 0


@dataclass
class CatalogueResult:
    slug: str
    locale: str
    path: str
    empty: int = 0
    filled: int = 0
    by_engine: dict[str, EngineTally] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def characters_sent(self) -> int:
        return sum(tally.characters for tally in self.by_engine.values())

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    @property
    def left_empty(self) -> int:
        return self.empty - self.filled

    def as_dict(self) -> dict[str, object]:
        return {
            "slug": self.slug, "locale": self.locale, "path": self.path, "empty": self.empty,
            "filled": self.filled, "left_empty": self.left_empty, "characters_sent": self.characters_sent,
            "engines": {name: vars(tally).copy() for name, tally in self.by_engine.items()},
            "rejections": [str(rejection) for rejection in self.rejections],
            "errors": list(self.errors), "notes": list(self.notes),
        }


@dataclass
class TranslateReport:
    dry_run: bool
    engines: list[str]
    catalogues: list[CatalogueResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def filled(self) -> int:
        return sum(result.filled for result in self.catalogues)

    @property
    def characters_sent(self) -> int:
        return sum(result.characters_sent for result in self.catalogues)

    @property
    def errors(self) -> list[str]:
        return [f"{result.path}: {error}" for result in self.catalogues for error in result.errors]

    def characters_by_engine(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for result in self.catalogues:
            for name, tally in result.by_engine.items():
                totals[name] = totals.get(name, 0) + tally.characters
        return totals

    def as_dict(self) -> dict[str, object]:
        return {
            "dry_run": self.dry_run, "engines": list(self.engines), "filled": self.filled,
            "characters_sent": self.characters_sent, "notes": list(self.notes),
            "catalogues": [result.as_dict() for result in self.catalogues],
        }


@dataclass(frozen=True)
class _Item:
    key: Key
    msgid: str
    line: int | None


@dataclass
class _Job:
    slug: str
    locale: str
    path: Path
    result: CatalogueResult
    items: list[_Item]
    catalog: polib.POFile | None = None
    stamp: tuple[int, int, int] | None = None


def _stamp(path: Path) -> tuple[int, int, int]:
    """What changes when anyone (an editor, another run) replaces or rewrites the file."""
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def draft_date(environ: Mapping[str, str]) -> str:
    """Today (UTC), or SOURCE_DATE_EPOCH's day, so reproducible runs write identical comments."""
    return build_time(environ).date().isoformat()


def translate_catalogues(
    config: Config,
    slugs: Iterable[str] | None = None,
    locales: Iterable[str] | None = None,
    engines: Iterable[str] | None = None,
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    compendia: Iterable[Path | str] = (),
    retry: RetryPolicy | None = None,
    timeout: float | None = None,
    environ: Mapping[str, str] | None = None,
    registry: EngineRegistry | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> TranslateReport:
    """Fill the empty entries of each letter × locale catalogue with fuzzy drafts.

    `engines` (default: `config.engines`) is a fallback chain: per locale, each engine that
    supports the pair gets the entries still empty. A dry run consults only lookup engines
    (the memory) and reports what the others would get, sending nothing and writing nothing.
    """
    environ = dict(os.environ) if environ is None else dict(environ)
    names = list(dict.fromkeys(split_option_values(engines) or config.engines))
    if not names:
        raise ConfigError("no engines to translate with (set `engines` in letterlingo.toml or pass --engine)")
    chosen_slugs = select_slugs(config, list(slugs) if slugs is not None else None)
    chosen_locales = select_locales(config, list(locales) if locales is not None else None)
    retry = retry or RetryPolicy.from_environ(environ)
    if timeout is None:
        timeout = env_number(environ, "LETTERLINGO_HTTP_TIMEOUT", DEFAULT_TIMEOUT) or DEFAULT_TIMEOUT
    registry = registry or default_registry()
    context = EngineContext(config, environ, timeout, tuple(Path(path) for path in compendia), planning=dry_run)
    report = TranslateReport(dry_run=dry_run, engines=names)
    glossary_path = config.root / config.glossary
    glossary = load_glossary(glossary_path, config.relative(glossary_path))
    chain: list[Engine] = []
    try:
        _create_chain(names, registry, context, report, dry_run, chain)
        runner = _Runner(config, chain, glossary, retry, sleep, dry_run, draft_date(environ))
        jobs = [runner.plan(slug, locale) for slug in chosen_slugs for locale in chosen_locales]
        report.catalogues = [job.result for job in jobs]
        total = sum(len(job.items) for job in jobs)
        done = 0
        for job in jobs:
            for advance in runner.run(job):
                done += advance
                if progress:
                    progress(done, total, f"{job.slug} {job.locale}")
    finally:
        for engine in chain:
            close = getattr(engine, "close", None)
            if callable(close):
                close()
    return report


def _create_chain(names: list[str], registry: EngineRegistry, context: EngineContext, report: TranslateReport,
                  dry_run: bool, chain: list[Engine]) -> None:
    """Build the engines into `chain` (so the caller can close what was built if one fails).
    All names are checked first; an engine that cannot be built stops a real run before it
    spends anything, and is reported (and skipped) in a dry run."""
    registry.require(names)
    for name in names:
        try:
            chain.append(registry.create(name, context))
        except EngineError as exc:
            if not dry_run:
                raise
            report.notes.append(f"{name}: unavailable: {exc.message}")


class _Runner:
    def __init__(self, config: Config, chain: list[Engine], glossary: Glossary, retry: RetryPolicy,
                 sleep: Callable[[float], None], dry_run: bool, date: str) -> None:
        self.config = config
        self.chain = chain
        self.glossary = glossary
        self.retry = retry
        self.sleep = sleep
        self.dry_run = dry_run
        self.date = date
        self.disabled: set[tuple[str, str]] = set()
        #: The circuit breaker: failed calls in a row per engine, and the engines it stopped.
        self.failed_calls: dict[str, int] = {}
        self.stopped: set[str] = set()
        self._protected: dict[tuple[str, frozenset[str]], Protected] = {}

    def _language(self, slug: str) -> str | None:
        """The language a letter is written in (its edition needs no catalogue)."""
        from ..letter import front_matter, language_in

        try:
            letter = self.config.letter_file(slug)
            return language_in(front_matter(letter), self.config.source_language, self.config.relative(letter))
        except LetterlingoError:
            return None

    def plan(self, slug: str, locale: str) -> _Job:
        path = self.config.po_file(slug, locale)
        shown = self.config.relative(path)
        result = CatalogueResult(slug, locale, shown)
        if not path.exists():
            if locale != self._language(slug):  # the letter's own language has nothing to translate
                result.notes.append("no catalogue (run `letterlingo update` first)")
            return _Job(slug, locale, path, result, [])
        items = []
        plural = 0
        stamp = _stamp(path)
        catalog = read_catalog(path, shown=shown)
        for entry in live_entries(catalog):
            if entry_has_translation(entry):
                continue
            if entry.msgid_plural:
                plural += 1
                continue
            items.append(_Item((entry.msgctxt, entry.msgid), entry.msgid, entry.linenum))
        if plural:
            result.notes.append(f"{plural} plural entries left to translators")
        result.empty = len(items)
        return _Job(slug, locale, path, result, items, catalog, stamp)

    def protected(self, msgid: str, words: frozenset[str] = frozenset()) -> Protected:
        """The msgid as engines see it; glossary terms in `words` stay words (the engine applies
        its own glossary to them), the others become tags."""
        key = (msgid, words)
        if key not in self._protected:
            glossary = self.glossary
            if words:
                glossary = Glossary(tuple(term for term in glossary.terms if term.term not in words))
            self._protected[key] = protect(msgid, glossary)
        return self._protected[key]

    def words(self, engine: Engine, locale: str) -> frozenset[str]:
        """Glossary terms `engine` renders itself for `locale` (DeepL: through a DeepL glossary)."""
        terms = getattr(engine, "glossary_terms", None)
        if not callable(terms) or not self.glossary.terms:
            return frozenset()
        known = {term.term for term in self.glossary.terms}
        return frozenset(term for term in terms(self.config.source_language, locale) if term in known)

    def run(self, job: _Job) -> Iterator[int]:
        """Offer the job's entries to each engine in turn; yields progress (entries settled)."""
        source = self.config.source_language
        result = job.result
        remaining = list(job.items)
        supported = stopped = False
        for engine in self.chain:
            if not remaining:
                break
            if engine.name in self.stopped or (engine.name, job.locale) in self.disabled:
                stopped = stopped or engine.supports(source, job.locale)
                continue
            if not engine.supports(source, job.locale):
                continue
            supported = True
            filled: set[Key] = set()
            yield from self._offer(engine, job, remaining, filled)
            remaining = [item for item in remaining if item.key not in filled]
        if job.items and not supported:
            result.notes.append(f"no engine left for {source} -> {job.locale}: the engines that support it were "
                                "stopped earlier in this run" if stopped else
                                f"no engine in the chain supports {source} -> {job.locale}")
        result.filled = result.empty - len(remaining)
        if remaining:
            yield len(remaining)

    def _offer(self, engine: Engine, job: _Job, items: list[_Item], filled: set[Key]) -> Iterator[int]:
        result = job.result
        tally = result.by_engine.setdefault(engine.name, EngineTally())
        as_markdown = bool(getattr(engine, "takes_markdown", False))
        online = not getattr(engine, "offline", False)
        words = frozenset() if as_markdown else self.words(engine, job.locale)
        payloads: list[tuple[_Item, str]] = []
        for item in items:
            payload = item.msgid if as_markdown else self.protected(item.msgid, words).text
            if len(payload) > engine.max_chars:
                limit = f"longer than the engine's limit of {engine.max_chars} characters"
                self._reject(result, tally, item, engine.name, limit)
            else:
                payloads.append((item, payload))
        if self.dry_run and not getattr(engine, "lookup", False):
            tally.entries += len(payloads)
            tally.characters += sum(len(payload) for _, payload in payloads) if online else 0
            filled.update(item.key for item, _ in payloads)
            yield len(payloads)
            return
        for batch in _batches(payloads, max(1, engine.max_texts), engine.max_chars):
            answers, characters, error = self._call(engine, [payload for _, payload in batch], job.locale)
            tally.characters += characters if online else 0
            drafts: dict[Key, str] = {}
            for (item, payload), answer in zip(batch, answers):
                if not answer or not answer.strip():
                    continue
                # Even a trusted engine's answer (a reviewed translation from a memory or a
                # compendium someone else wrote) must keep parity with the source.
                draft = self._draft(item, answer, as_markdown, job.locale, words, payload)
                if isinstance(draft, Rejected):
                    self._reject(result, tally, item, engine.name, draft.reason)
                else:
                    drafts[item.key] = draft
            applied = set(drafts) if self.dry_run else self._save(job, drafts, engine)
            tally.entries += len(applied)
            filled.update(applied)
            yield len(applied)
            if error:
                result.errors.append(f"{engine.name}: {error}")
                self.disabled.add((engine.name, job.locale))
                logger.info("%s: %s failed: %s", result.path, engine.name, error)
                return

    def _draft(self, item: _Item, answer: str, as_markdown: bool, locale: str,
               words: frozenset[str] = frozenset(), payload: str = "") -> str | Rejected:
        if not as_markdown:
            foreign = _foreign_markup(payload, answer)
            if foreign:
                return Rejected(f"the answer has markup of its own ({foreign!r})")
        try:
            draft = answer.strip() if as_markdown else restore(self.protected(item.msgid, words), answer,
                                                                locale=locale, glossary=self.glossary)
        except Rejected as exc:
            return exc
        if not draft.strip():
            return Rejected("empty answer")
        problems = parity.errors(item.msgid, draft, locale, self.config.source_language)
        return Rejected(problems[0].message) if problems else draft

    def _reject(self, result: CatalogueResult, tally: EngineTally, item: _Item, engine: str, reason: str) -> None:
        tally.rejected += 1
        result.rejections.append(Rejection(result.path, item.line, engine, reason, item.msgid))
        logger.info("%s:%s: %s: %s", result.path, item.line, engine, reason)

    def _call(self, engine: Engine, texts: list[str], target: str) -> tuple[list[str], int, str | None]:
        """Send one batch, retrying transient failures with back-off and resending only the
        texts not yet answered; returns (answers, characters sent, error or None)."""
        source = self.config.source_language
        answers: list[str] = []
        pending = list(texts)
        characters = 0
        failures = 0
        while pending:
            try:
                out = engine.translate(list(pending), source, target)
            except TransientEngineError as exc:
                done = [str(answer) for answer in exc.done[: len(pending)]]
                characters += sum(len(text) for text in pending[: len(done) + 1])
                answers.extend(done)
                pending = pending[len(done):]
                failures = 0 if done else failures + 1
                if self._failed(engine, bool(done)):
                    return answers, characters, self._stop_message(engine, exc.message)
                if failures > self.retry.retries:
                    return answers, characters, f"{exc.message} (gave up after {self.retry.retries} retries)"
                wait = self.retry.wait(max(failures, 1), exc.retry_after)
                logger.info("%s: %s; retrying in %.1f s", engine.name, exc.message, wait)
                self.sleep(wait)
                continue
            except EngineError as exc:
                done = [str(answer) for answer in exc.done][: len(pending)]
                characters += sum(len(text) for text in pending[: len(done) + 1])
                answers.extend(done)
                if exc.final:
                    self.stopped.add(engine.name)
                    return answers, characters, self._stop_message(engine, exc.message, final=True)
                if self._failed(engine, bool(done)):
                    return answers, characters, self._stop_message(engine, exc.message)
                return answers, characters, exc.message
            self.failed_calls[engine.name] = 0
            characters += sum(len(text) for text in pending)
            if not isinstance(out, list) or len(out) != len(pending):
                count = len(out) if isinstance(out, list) else type(out).__name__
                return answers, characters, f"returned {count} answers for {len(pending)} texts"
            answers.extend(answer if isinstance(answer, str) else "" for answer in out)
            pending = []
        return answers, characters, None

    def _failed(self, engine: Engine, progressed: bool) -> bool:
        """Count a failed call (a call that answered some texts first starts a new count);
        True when the breaker stops the engine for the rest of the run."""
        count = 1 if progressed else self.failed_calls.get(engine.name, 0) + 1
        self.failed_calls[engine.name] = count
        if self.retry.failures and count >= self.retry.failures:
            self.stopped.add(engine.name)
            return True
        return False

    def _stop_message(self, engine: Engine, message: str, *, final: bool = False) -> str:
        following = [other.name for other in self.chain[self.chain.index(engine) + 1:]]
        then = f"; its entries go to {', '.join(following)}" if following else ""
        why = "" if final else f"{self.retry.failures} failed calls in a row: "
        return f"{message} ({why}{engine.name} is not used for the rest of this run{then})"

    def _save(self, job: _Job, drafts: dict[Key, str], engine: Engine) -> set[Key]:
        """Fill the entries that are still empty on disk and write atomically. The file is read
        again if anyone changed it since this run last read or wrote it."""
        if not drafts:
            return set()
        catalog = job.catalog
        if catalog is None or job.stamp != _stamp(job.path):
            catalog = read_catalog(job.path, shown=job.result.path)
        comment = f"draft: {getattr(engine, 'kind', 'machine translation')} by {engine.name}, {self.date}"
        applied: set[Key] = set()
        for entry in live_entries(catalog):
            key = (entry.msgctxt, entry.msgid)
            if key not in drafts or entry.msgid_plural or entry_has_translation(entry):
                continue
            entry.msgstr = drafts[key]
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
            kept = [line for line in (entry.tcomment or "").split("\n") if line and not line.startswith("draft: ")]
            entry.tcomment = "\n".join(kept + [comment])
            applied.add(key)
        if applied:
            write_catalog(catalog, job.path)
        job.catalog, job.stamp = catalog, _stamp(job.path)
        return applied


#: Markup an engine's answer may not bring in: HTML tags, Markdown links, script URLs (the
#: source's own markup travels as our tags, so any of these came from the engine).
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]|\]\s*\(|javascript\s*:|data\s*:", re.IGNORECASE)


def _foreign_markup(payload: str, answer: str) -> str:
    """The first piece of markup in `answer` that `payload` (what the engine was sent) did not
    have; engines answer with text around our tags, and restoring would turn anything else into
    visible text such as `<a href="javascript:…">`."""
    sent = Counter(match.group().lower() for match in _MARKUP.finditer(TAG.sub(" ", payload)))
    for match in _MARKUP.finditer(TAG.sub(" ", answer)):
        key = match.group().lower()
        if sent[key] > 0:
            sent[key] -= 1
            continue
        return answer[max(0, match.start() - 10): match.end() + 20].strip()
    return ""


def _batches(payloads: list[tuple[_Item, str]], max_texts: int, max_chars: int) -> Iterator[list[tuple[_Item, str]]]:
    batch: list[tuple[_Item, str]] = []
    size = 0
    for item, payload in payloads:
        if batch and (len(batch) >= max_texts or size + len(payload) > max_chars):
            yield batch
            batch, size = [], 0
        batch.append((item, payload))
        size += len(payload)
    if batch:
        yield batch
