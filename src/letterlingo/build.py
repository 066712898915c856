"""Build editions: every letter × locale as an HTML page and a PDF, plus an index of them all."""

from __future__ import annotations

import concurrent.futures as futures
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
from .errors import LetterlingoError
from .fsutil import atomic_write_text
from .languages import native_name
from .pdf import PdfJob, PdfSettings, render_pdf
from .project import load_letter
from .templating import PACKAGE_TEMPLATES, asset_path, render_edition, render_index
from .ui import UI

log = logging.getLogger(__name__)

#: Worker processes are replaced after this many PDFs, so memory stays flat on long builds.
TASKS_PER_WORKER = 24
FONT_FILES = ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf",
              "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "OFL.txt")


class BuildError(LetterlingoError):
    """An edition could not be rendered."""

    exit_code = 1


@dataclass(frozen=True)
class EditionResult:
    slug: str
    locale: str
    state: State
    html: Path | None
    pdf: Path | None


@dataclass
class BuildReport:
    editions: list[EditionResult] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    seconds: float = 0.0


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
) -> BuildReport:
    """Render the editions; with `publish`, only locales whose every entry is reviewed."""
    started = time.perf_counter()
    report = BuildReport()
    templates = config.templates_path
    assets = copy_assets(config)
    pdf_jobs: list[PdfJob] = []
    index: list[dict[str, object]] = []

    for slug in slugs:
        letter = load_letter(config, slug)
        editions = {}
        for locale in locales:
            path = None if locale == letter.language else config.po_file(slug, locale)
            entries = load_translations(path, shown=config.relative(path) if path else None)
            edition = build_edition(letter, locale, entries, Drafts.HIDE if publish else drafts)
            if publish and edition.state not in (State.REVIEWED, State.SOURCE):
                report.skipped.append((slug, locale, f"{edition.counts[State.MISSING]} entries not reviewed"))
                continue
            editions[locale] = edition
        built = [code for code in locales if code in editions]
        letter_entry: dict[str, object] = {"title": letter.title.text, "editions": []}
        for locale, edition in editions.items():
            folder = config.output_path / slug / locale
            pdf_name = f"{slug}-{locale}.pdf"
            html_path = pdf_path = None
            common = {"locales": built, "drafts": Drafts.HIDE if publish else drafts,
                      "pdf_name": pdf_name if "pdf" in formats else None}
            if "html" in formats:
                html_path = folder / "index.html"
                atomic_write_text(html_path, render_edition(edition, templates, css_href="../../assets/edition.css", **common))
            if "pdf" in formats:
                pdf_path = folder / pdf_name
                folder.mkdir(parents=True, exist_ok=True)
                html = render_edition(edition, templates, css_href=None, for_print=True, **common)
                pdf_jobs.append(PdfJob(html, folder.resolve().as_uri() + "/", str(pdf_path), f"{slug}/{locale}"))
            report.editions.append(EditionResult(slug, locale, edition.state, html_path, pdf_path))
            letter_entry["editions"].append({
                "lang": locale, "name": native_name(locale), "state": edition.state.value,
                "href": f"{slug}/{locale}/index.html" if html_path else f"{slug}/{locale}/{pdf_name}",
                "pdf_href": f"{slug}/{locale}/{pdf_name}" if pdf_path else None,
                "state_label": _state_label(edition.state, config.source_language),
            })
        index.append(letter_entry)

    if "html" in formats:
        atomic_write_text(config.output_path / "index.html", render_index(index, templates, config.source_language))
    settings = PdfSettings(str(asset_path("edition.css", templates)),
                           tuple(str(p) for p in (PACKAGE_TEMPLATES, templates, assets)))
    _render_pdfs(pdf_jobs, settings, jobs or default_jobs(), progress)
    report.seconds = time.perf_counter() - started
    return report


def _state_label(state: State, locale: str) -> str:
    ui = UI(locale)
    return {
        State.SOURCE: ui.gettext("Original"),
        State.REVIEWED: ui.gettext("Reviewed"),
        State.DRAFT: ui.gettext("Draft"),
        State.MISSING: ui.gettext("Incomplete"),
    }[state]


def _render_pdfs(jobs: list[PdfJob], settings: PdfSettings, workers: int,
                 progress: Callable[[int, int], None] | None) -> None:
    total = len(jobs)
    done = 0
    if progress:
        progress(done, total)
    if not jobs:
        return
    failures: list[str] = []
    if workers <= 1 or total == 1:
        for job in jobs:
            try:
                render_pdf(job, settings)
            except Exception as exc:  # a bug in rendering one edition must not hide the others
                failures.append(f"{job.label}: {type(exc).__name__}: {exc}")
                log.exception("rendering %s failed", job.label)
            done += 1
            if progress:
                progress(done, total)
    else:
        # Workers are recycled by starting a fresh pool for each slice of the work, rather than
        # with max_tasks_per_child, which can deadlock ProcessPoolExecutor on Python 3.11.
        context = multiprocessing.get_context("spawn")
        size = min(workers, total)
        slice_size = TASKS_PER_WORKER * size
        for start in range(0, total, slice_size):
            chunk = jobs[start : start + slice_size]
            with futures.ProcessPoolExecutor(max_workers=min(size, len(chunk)), mp_context=context,
                                             initializer=_init, initargs=(settings,)) as pool:
                pending = {pool.submit(render_pdf, job): job for job in chunk}
                for future in futures.as_completed(pending):
                    try:
                        future.result()
                    except Exception as exc:
                        failures.append(f"{pending[future].label}: {type(exc).__name__}: {exc}")
                    done += 1
                    if progress:
                        progress(done, total)
    if failures:
        raise BuildError(f"{len(failures)} PDF(s) failed: " + "; ".join(failures))


def _init(settings: PdfSettings) -> None:
    from .pdf import init_worker

    init_worker(settings)
