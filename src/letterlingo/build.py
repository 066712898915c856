"""Build editions: every letter × locale as an HTML page and a PDF, plus an index of them all."""

from __future__ import annotations

import concurrent.futures as futures
import hashlib
import logging
import multiprocessing
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .config import Config
from .edition import Drafts, State, build_edition, load_translations
from .errors import BuildError
from .fonts import describe, first_line_with, missing_glyphs
from .fsutil import atomic_write_text
from .languages import native_name
from .manifest import (
    MANIFEST,
    EditionRecord,
    digest,
    file_bytes,
    file_record,
    in_shard,
    load_manifest,
    manifest_name,
    merge_manifests,
    save_manifest,
    tree_digest,
)
from .model import Letter
from .pdf import PdfJob, PdfSettings, render_pdf
from .project import load_letter
from .templating import PACKAGE_TEMPLATES, asset_path, project_overrides, render_edition, render_index
from .ui import LOCALE_DIR, UI
from .verify import EditionProof, probes, verify_edition

log = logging.getLogger(__name__)

#: Worker processes are replaced after this many PDFs, so memory stays flat on long builds.
TASKS_PER_WORKER = 50
FONT_FILES = ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf",
              "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "OFL.txt")


def check_glyphs(text: str, shown: str, font_files: tuple[Path, ...], line: int | None = None) -> None:
    """Stop before rendering when a character has no glyph in any font: it would print as a box."""
    missing = missing_glyphs(text, font_files)
    if missing:
        first = missing[0]
        others = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise BuildError(f"no font has {describe(first)}{others}: install a font that covers it "
                         "(fontconfig must find it) or remove the character",
                         shown, line if line is not None else first_line_with(text, first))


@dataclass(frozen=True)
class EditionResult:
    slug: str
    locale: str
    state: State
    html: Path | None
    pdf: Path | None
    rebuilt: bool = True


@dataclass
class BuildReport:
    editions: list[EditionResult] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    seconds: float = 0.0
    manifest: Path | None = None
    proofs: list[EditionProof] = field(default_factory=list)
    verify_seconds: float = 0.0

    @property
    def failed_proofs(self) -> list[EditionProof]:
        """Editions whose files miss a name. A letter with no list at all is `check`'s error and
        `verify`'s failure, but it still builds, so a draft can be looked at."""
        return [proof for proof in self.proofs if any(not r.ok for kind, r in proof.files.items() if kind != "letter")]

    @property
    def rebuilt(self) -> int:
        return sum(1 for edition in self.editions if edition.rebuilt)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def copy_assets(config: Config) -> Path:
    """The stylesheet and fonts beside the pages, so the web edition needs nothing from elsewhere."""
    assets = config.output_path / "assets"
    (assets / "fonts").mkdir(parents=True, exist_ok=True)
    templates = config.templates_path
    css = asset_path("edition.css", templates)
    atomic_write_text(assets / "edition.css", css.read_text(encoding="utf-8"))
    for name in FONT_FILES:
        source = asset_path(f"fonts/{name}", templates)
        target = assets / "fonts" / name
        if not target.exists() or target.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, target)
    return assets


def _files_intact(config: Config, record: EditionRecord) -> bool:
    for item in record.files.values():
        path = config.output_path / item.path
        if not path.is_file() or path.stat().st_size != item.size:
            return False
    return True


def build(
    config: Config,
    slugs: list[str],
    locales: tuple[str, ...],
    *,
    formats: tuple[str, ...] = ("html", "pdf"),
    drafts: Drafts = Drafts.MARK,
    publish: bool = False,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    force: bool = False,
    shard: tuple[int, int] | None = None,
) -> BuildReport:
    """Render the editions whose inputs changed; with `publish`, only fully reviewed locales.

    With `shard=(K, N)` only a stable K-th of N slices of the letter × locale jobs is built and
    its own manifest written, so a CI matrix of N runners builds everything exactly once.
    """
    started = time.perf_counter()
    report = BuildReport()
    output = config.output_path
    templates = config.templates_path
    assets = copy_assets(config)
    mode = Drafts.HIDE if publish else drafts
    manifest_path = output / manifest_name(shard)
    previous = {} if force else {**load_manifest(output / MANIFEST), **load_manifest(manifest_path)}
    kept = {name: record for name, record in previous.items() if _files_intact(config, record)}
    shared = digest(tree_digest(PACKAGE_TEMPLATES, project_overrides(templates) or Path("-"), LOCALE_DIR),
                    ",".join(formats), mode.value)
    records: dict[str, EditionRecord] = {}
    settings = PdfSettings(str(asset_path("edition.css", templates)),
                           tuple(str(p) for p in (PACKAGE_TEMPLATES, templates, assets)))
    pdfs = PdfQueue(settings, jobs or default_jobs(), progress)
    parsed: dict[str, Letter] = {}
    pending: list[tuple[EditionRecord, Path | None, Path | None]] = []

    font_files = tuple(asset_path(f"fonts/{name}", templates) for name in FONT_FILES)
    for slug in slugs:
        letter = parsed[slug] = load_letter(config, slug)
        letter_bytes = file_bytes(config.letter_file(slug))
        check_glyphs(letter_bytes.decode("utf-8", "replace"), config.relative(config.letter_file(slug)), font_files)
        editions, states, content_keys = {}, {}, {}
        for locale in locales:
            po = None if locale == letter.language else config.po_file(slug, locale)
            content_keys[locale] = digest(letter_bytes, file_bytes(po), mode.value)
            old = previous.get(f"{slug}/{locale}")
            if old is not None and old.content_key == content_keys[locale]:
                states[locale] = State(old.state)
                continue
            entries = load_translations(po, shown=config.relative(po) if po else None)
            if po is not None:
                for entry in entries.values():
                    check_glyphs(entry.msgstr, config.relative(po), font_files, entry.linenum)
            editions[locale] = build_edition(letter, locale, entries, mode)
            states[locale] = editions[locale].state
        visible = [code for code in locales if not publish or states[code] in (State.REVIEWED, State.SOURCE)]
        for code in locales:
            if code not in visible and in_shard(slug, code, shard):
                edition = editions.get(code)
                why = f"{edition.counts[State.MISSING]} entries not reviewed" if edition else "not fully reviewed"
                report.skipped.append((slug, code, why))
        for locale in visible:
            if not in_shard(slug, locale, shard):
                continue
            name = f"{slug}/{locale}"
            render_key = digest(content_keys[locale], shared, ",".join(visible))
            old = kept.get(name)
            folder = output / slug / locale
            html_path = folder / "index.html" if "html" in formats else None
            pdf_path = folder / f"{slug}-{locale}.pdf" if "pdf" in formats else None
            if old is not None and old.render_key == render_key:
                records[name] = old
                report.editions.append(EditionResult(slug, locale, states[locale], html_path, pdf_path, rebuilt=False))
                continue
            edition = editions.get(locale)
            if edition is None:
                po = None if locale == letter.language else config.po_file(slug, locale)
                edition = build_edition(letter, locale, load_translations(po), mode)
            common = {"locales": visible, "drafts": mode, "pdf_name": pdf_path.name if pdf_path else None}
            if html_path:
                atomic_write_text(html_path, render_edition(edition, templates, css_href="../../assets/edition.css", **common))
            if pdf_path:
                folder.mkdir(parents=True, exist_ok=True)
                html = render_edition(edition, templates, css_href=None, **common)
                # No base URL: a relative link must not turn into this machine's file path in the PDF.
                pdfs.submit(PdfJob(html, None, str(pdf_path), name))
            record = EditionRecord(slug, locale, edition.state.value, content_keys[locale], render_key,
                                   letter_sha256=hashlib.sha256(letter_bytes).hexdigest())
            records[name] = record
            pending.append((record, html_path, pdf_path))
            report.editions.append(EditionResult(slug, locale, edition.state, html_path, pdf_path))

    pdfs.finish()
    verify_started = time.perf_counter()
    names = {slug: probes(letter) for slug, letter in parsed.items()}
    for record, html_path, pdf_path in pending:
        files = {kind: path for kind, path in (("html", html_path), ("pdf", pdf_path)) if path is not None}
        for kind, path in files.items():
            record.files[kind] = file_record(output, path)
        proof = verify_edition(parsed[record.slug], record.locale, files, output, names[record.slug])
        record.verified = {kind: result.record() for kind, result in proof.files.items()}
        report.proofs.append(proof)
    report.verify_seconds = time.perf_counter() - verify_started

    manifest = {**kept, **records} if shard is None else records
    save_manifest(manifest_path, manifest)
    report.manifest = manifest_path
    if shard is None and "html" in formats:
        write_index(config, manifest, parsed)
    report.seconds = time.perf_counter() - started
    return report


def write_index(config: Config, records: dict[str, EditionRecord], parsed: dict[str, Letter] | None = None) -> Path:
    """output/index.html: every letter with its editions in native language names and review states.

    `parsed` holds letters the caller already has, so a build does not parse them twice.
    """
    parsed = parsed or {}
    letters: list[dict[str, object]] = []
    for slug in sorted({record.slug for record in records.values()}):
        if not config.letter_file(slug).is_file():
            continue
        letter = parsed.get(slug) or load_letter(config, slug)
        editions = []
        for record in sorted((r for r in records.values() if r.slug == slug),
                             key=lambda r: (r.locale != letter.language, r.locale)):
            html, pdf = record.files.get("html"), record.files.get("pdf")
            page = html or pdf
            editions.append({
                "lang": record.locale, "name": native_name(record.locale), "state": record.state,
                "href": page.path if page else "",
                "pdf_href": pdf.path if pdf else None,
                "state_label": _state_label(State(record.state), config.source_language),
            })
        letters.append({"title": letter.title.text, "editions": editions})
    path = config.output_path / "index.html"
    atomic_write_text(path, render_index(letters, config.templates_path, config.source_language))
    return path


def merge_shards(config: Config) -> dict[str, EditionRecord]:
    """After a CI matrix: one manifest and one index over every shard's editions."""
    records = merge_manifests(config.output_path)
    write_index(config, records)
    return records


def _state_label(state: State, locale: str) -> str:
    ui = UI(locale)
    return {
        State.SOURCE: ui.gettext("Original"),
        State.REVIEWED: ui.gettext("Reviewed"),
        State.DRAFT: ui.gettext("Draft"),
        State.MISSING: ui.gettext("Incomplete"),
    }[state]


class PdfQueue:
    """PDF jobs go to worker processes as soon as they are known, so the workers start up
    (importing WeasyPrint, loading fonts) while the main process prepares the other editions.

    A single PDF is rendered in-process: starting workers would cost more than it saves.
    Workers are recycled by giving each slice of TASKS_PER_WORKER jobs per worker a fresh pool,
    rather than with max_tasks_per_child, which can deadlock ProcessPoolExecutor on Python 3.11.
    """

    def __init__(self, settings: PdfSettings, workers: int, progress: Callable[[int, int], None] | None) -> None:
        self.settings = settings
        self.workers = workers
        self.progress = progress
        self.slice_size = TASKS_PER_WORKER * workers
        self.pool: futures.ProcessPoolExecutor | None = None
        self.running: dict[futures.Future[str], PdfJob] = {}
        self.waiting: list[PdfJob] = []
        self.total = self.done = 0
        self.failures: list[str] = []

    def _report(self) -> None:
        if self.progress:
            self.progress(self.done, self.total)

    def _start_pool(self) -> None:
        self.pool = futures.ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_init, initargs=(self.settings,))

    def submit(self, job: PdfJob) -> None:
        self.total += 1
        self._report()
        self.waiting.append(job)
        if self.workers > 1 and (self.pool is not None or len(self.waiting) > 1) and len(self.running) < self.slice_size:
            if self.pool is None:
                self._start_pool()
            while self.waiting and len(self.running) < self.slice_size:
                queued = self.waiting.pop(0)
                self.running[self.pool.submit(render_pdf, queued)] = queued

    def _drain(self) -> None:
        for future in futures.as_completed(list(self.running)):
            job = self.running.pop(future)
            try:
                future.result()
            except Exception as exc:  # one edition's failure must not hide the others
                self.failures.append(f"{job.label}: {type(exc).__name__}: {exc}")
            self.done += 1
            self._report()
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None

    def finish(self) -> None:
        """Wait for every PDF; raise BuildError naming the ones that failed."""
        self._report()
        if (self.pool is None and len(self.waiting) <= 1) or self.workers <= 1:
            for job in self.waiting:
                try:
                    render_pdf(job, self.settings)
                except Exception as exc:
                    self.failures.append(f"{job.label}: {type(exc).__name__}: {exc}")
                    log.exception("rendering %s failed", job.label)
                self.done += 1
                self._report()
            self.waiting = []
        while self.running or self.waiting:
            self._drain()
            if self.waiting:
                self._start_pool()
                chunk, self.waiting = self.waiting[: self.slice_size], self.waiting[self.slice_size :]
                self.running = {self.pool.submit(render_pdf, job): job for job in chunk}
        if self.failures:
            raise BuildError(f"{len(self.failures)} PDF(s) failed: " + "; ".join(self.failures))


def _init(settings: PdfSettings) -> None:
    from .pdf import init_worker

    init_worker(settings)
