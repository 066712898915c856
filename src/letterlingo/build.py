"""Build editions: every letter × locale as an HTML page and a PDF, plus the index pages."""

from __future__ import annotations

import hashlib
import logging
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .edition import Drafts, Edition, State, build_edition, load_translations
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
from .markdown import plain_text
from .model import Letter
from .pdf import PdfSettings
from .pdfpool import default_jobs
from .project import letter_inputs, load_letter
from .publishing import Site
from .renderers import HtmlRenderer, OfficeRenderer, PdfRenderer, Renderer, RenderJob
from .site_index import write_indexes
from .templating import PACKAGE_TEMPLATES, asset_path, project_overrides, signatory_count_text
from .ui import LOCALE_DIR
from .verify import EditionProof, Probe, Verification, probes, verify_edition

log = logging.getLogger(__name__)

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
    notes: list[str] = field(default_factory=list)  # what the reader of the build should know

    @property
    def failed_proofs(self) -> list[EditionProof]:
        """Editions whose files miss a name. A letter with no list at all is `check`'s error and
        `verify`'s failure, but it still builds, so a draft can be looked at."""
        return [proof for proof in self.proofs if any(not r.ok for kind, r in proof.files.items() if kind != "letter")]

    @property
    def rebuilt(self) -> int:
        return sum(1 for edition in self.editions if edition.rebuilt)


def copy_assets(config: Config) -> Path:
    """The stylesheet and fonts beside the pages, so the web edition needs nothing from elsewhere:
    fonts as WOFF2 subsets per script (a page downloads only the scripts it shows), the licence
    beside them. The PDF renderer reads the full TTFs from the templates, never from here."""
    from .cache import cache_folder
    from .webfonts import web_stylesheet

    assets = config.output_path / "assets"
    (assets / "fonts").mkdir(parents=True, exist_ok=True)
    templates = config.templates_path
    css = asset_path("edition.css", templates)
    also = [PACKAGE_TEMPLATES] if css.parent != PACKAGE_TEMPLATES else []
    atomic_write_text(assets / "edition.css",
                      web_stylesheet(css.read_text(encoding="utf-8"), css.parent, assets, also_from=also,
                                     cache=cache_folder() / "webfonts"))
    licence = asset_path("fonts/OFL.txt", templates)
    target = assets / "fonts" / "OFL.txt"
    if not target.exists() or target.read_bytes() != licence.read_bytes():
        shutil.copyfile(licence, target)
    return assets


def _files_intact(config: Config, record: EditionRecord) -> bool:
    """The files are the ones built: same size and same hash, so an edited file is built again."""
    for item in record.files.values():
        path = config.output_path / item.path
        if not path.is_file() or path.stat().st_size != item.size:
            return False
        if hashlib.sha256(path.read_bytes()).hexdigest() != item.sha256:
            return False
    return True


@dataclass
class _Plan:
    """What planning found besides the editions to render: kept records, parsed letters."""

    records: dict[str, EditionRecord] = field(default_factory=dict)
    parsed: dict[str, Letter] = field(default_factory=dict)
    names: dict[str, tuple[Probe, ...]] = field(default_factory=dict)  # each letter's lines to prove
    rendered: list[tuple[EditionRecord, dict[str, Path]]] = field(default_factory=list)
    include_untranslated: bool = False


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
    include_untranslated: bool = False,
) -> BuildReport:
    """Render the editions whose inputs changed; with `publish`, only fully reviewed locales.

    Plan, render, record: planning yields each edition that must be written as soon as it is
    resolved, so PDF workers start while the rest is still being planned; recording proves the
    files (every name, in order) and writes the manifest and the index. An edition with no
    body text translated is the original letter, not a national edition: it is left out (and
    an earlier build's files of it removed) unless `include_untranslated`, when its pages say
    so. With `shard=(K, N)`
    only a stable K-th of N slices of the letter × locale jobs is built and its own manifest
    written, so a CI matrix of N runners builds everything exactly once.
    """
    started = time.perf_counter()
    report = BuildReport()
    templates = config.templates_path
    assets = copy_assets(config)
    mode = Drafts.HIDE if publish else drafts
    settings = PdfSettings(str(asset_path("edition.css", templates)),
                           tuple(str(p) for p in (PACKAGE_TEMPLATES, templates, assets)))
    available: dict[str, Callable[[], Renderer]] = {
        "html": lambda: HtmlRenderer(templates),
        "pdf": lambda: PdfRenderer(templates, settings, jobs or default_jobs(), progress),
        "docx": lambda: OfficeRenderer("docx", templates, jobs or default_jobs()),
        "odt": lambda: OfficeRenderer("odt", templates, jobs or default_jobs()),
    }
    renderers = [available[kind]() for kind in formats if kind in available]
    manifest_path = config.output_path / manifest_name(shard)
    previous = {} if force else {**load_manifest(config.output_path / MANIFEST), **load_manifest(manifest_path)}
    # Editions of a locale taken out of the settings, or of a letter deleted, leave the
    # manifest and the index (their files stay in output/ until someone deletes them).
    current = {name: record for name, record in previous.items()
               if record.locale in config.locales and config.letter_file(record.slug).is_file()}
    kept = {name: record for name, record in current.items() if _files_intact(config, record)}
    plan = _Plan(include_untranslated=include_untranslated)
    for job in _plan(config, slugs, locales, renderers, mode, publish, shard, previous, kept, plan, report):
        for renderer in renderers:
            renderer.render(job)
    for renderer in renderers:
        renderer.finish()
    proved = {target: proof for renderer in renderers for target, proof in renderer.proofs().items()}
    _record(config, plan, report, proved)
    left_out = {f"{slug}/{locale}" for slug, locale, _ in report.skipped}
    manifest = {name: record for name, record in {**kept, **plan.records}.items() if name not in left_out}
    if shard is not None:
        manifest = plan.records
    gone = [record for name, record in previous.items() if name not in current]  # locale or letter removed
    remove_files(config, [previous[name] for name in left_out if name in previous] + gone)
    save_manifest(manifest_path, manifest)
    report.manifest = manifest_path
    if shard is None and "html" in formats:
        write_indexes(config, manifest, plan.parsed)
    if "pdf" in formats:
        report.notes.extend(_hyphenation_notes({edition.locale for edition in report.editions if edition.rebuilt}))
    report.seconds = time.perf_counter() - started
    return report


def _hyphenation_notes(locales: set[str]) -> list[str]:
    """Languages printed without hyphenation: no dictionary exists for them (Maltese)."""
    from .hyphenation import has_dictionary

    missing = sorted(code for code in locales if not has_dictionary(code))
    return [f"no hyphenation dictionary for {code} ({native_name(code)}): its PDF lines are not hyphenated"
            for code in missing]


def _plan(config: Config, slugs: list[str], locales: tuple[str, ...], renderers: list[Renderer], mode: Drafts,
          publish: bool, shard: tuple[int, int] | None, previous: dict[str, EditionRecord],
          kept: dict[str, EditionRecord], plan: _Plan, report: BuildReport) -> Iterator[RenderJob]:
    """Resolve every letter × locale; yield the editions whose files must be written again."""
    templates = config.templates_path
    shared = digest(tree_digest(PACKAGE_TEMPLATES, project_overrides(templates) or Path("-"), LOCALE_DIR),
                    ",".join(renderer.kind for renderer in renderers), mode.value)
    font_files = tuple(asset_path(f"fonts/{name}", templates) for name in FONT_FILES)
    site = Site.from_config(config)
    shared = digest(shared, repr(site))
    for slug in slugs:
        letter = plan.parsed[slug] = load_letter(config, slug)
        names = plan.names[slug] = probes(letter)
        letter_bytes = letter_inputs(config, slug, letter.metadata)
        check_glyphs(letter_bytes.decode("utf-8", "replace"), config.relative(config.letter_file(slug)), font_files)
        editions: dict[str, Edition] = {}
        states: dict[str, State] = {}
        content_keys: dict[str, str] = {}
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
        visible = [code for code in locales if _shown(states[code], publish, plan.include_untranslated)]
        for code in locales:
            if code not in visible and in_shard(slug, code, shard):
                skipped = editions.get(code)
                if skipped is None and states[code] is not State.UNTRANSLATED:  # unchanged: count it again
                    po = None if code == letter.language else config.po_file(slug, code)
                    skipped = build_edition(letter, code, load_translations(po), mode)
                if states[code] is State.UNTRANSLATED:
                    why = "nothing translated (--include-untranslated)"
                elif skipped:
                    why = f"{skipped.counts[State.MISSING] + skipped.counts[State.DRAFT]} entries not reviewed"
                else:
                    why = "not fully reviewed"
                report.skipped.append((slug, code, why))
        untranslated = frozenset(code for code in visible if states[code] is State.UNTRANSLATED)
        for locale in visible:
            if not in_shard(slug, locale, shard):
                continue
            name = f"{slug}/{locale}"
            render_key = digest(content_keys[locale], shared, ",".join(visible), ",".join(sorted(untranslated)))
            folder = config.output_path / slug / locale
            files = {renderer.kind: renderer.target(folder, slug, locale) for renderer in renderers}
            old = kept.get(name)
            if old is not None and old.render_key == render_key:
                plan.records[name] = old
                report.editions.append(EditionResult(slug, locale, states[locale], files.get("html"), files.get("pdf"),
                                                     rebuilt=False))
                continue
            edition = editions.get(locale)
            if edition is None:
                po = None if locale == letter.language else config.po_file(slug, locale)
                edition = build_edition(letter, locale, load_translations(po), mode)
            record = EditionRecord(slug, locale, edition.state.value, content_keys[locale], render_key,
                                   letter_sha256=hashlib.sha256(letter_bytes).hexdigest(),
                                   title=plain_text(edition.title.text),
                                   title_lang=edition.title.lang or "",
                                   reviewed=round(edition.reviewed_share, 4))
            _carry_other_formats(record, previous.get(name), kept.get(name), files)
            plan.records[name] = record
            plan.rendered.append((record, files))
            report.editions.append(EditionResult(slug, locale, edition.state, files.get("html"), files.get("pdf")))
            yield RenderJob(edition, folder, visible, mode, files, names, signatory_count_text(letter, locale),
                            config.output_path, untranslated, site)


def _shown(state: State, publish: bool, include_untranslated: bool) -> bool:
    """Whether an edition in this state is built: `publish` wants every text reviewed, and an
    untranslated one only goes out when asked for."""
    if publish and state not in (State.REVIEWED, State.SOURCE):
        return False
    return include_untranslated or state is not State.UNTRANSLATED


def remove_files(config: Config, records: list[EditionRecord]) -> None:
    """Delete the files an earlier build made for editions no longer built, so an untranslated
    PDF cannot linger under a national name. A file changed since (not the one recorded) stays."""
    for record in records:
        for item in record.files.values():
            path = config.output_path / item.path
            try:
                if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == item.sha256:
                    path.unlink()
                    log.info("removed %s (edition no longer built)", config.relative(path))
            except OSError as exc:
                log.warning("could not remove %s: %s", config.relative(path), exc)


def _carry_other_formats(record: EditionRecord, previous: EditionRecord | None, intact: EditionRecord | None,
                         files: dict[str, Path]) -> None:
    """Keep in the record the files of formats not built this time (a PDF before an HTML-only
    build) when they were made from the very same letter and translations and are untouched:
    `verify` then knows them, and fails any other file it finds beside the edition."""
    if previous is None or intact is None or previous.content_key != record.content_key:
        return
    for kind, item in previous.files.items():
        if kind not in files:
            record.files[kind] = item
            if kind in previous.verified:
                record.verified[kind] = previous.verified[kind]


def _record(config: Config, plan: _Plan, report: BuildReport, proved: dict[str, Verification]) -> None:
    """Hash every written file and prove it shows every name, in order, as written (PDFs were
    proved by the worker that wrote them; the rest is read back here)."""
    started = time.perf_counter()
    for record, files in plan.rendered:
        for kind, path in files.items():
            record.files[kind] = file_record(config.output_path, path)
        left = {kind: path for kind, path in files.items() if str(path) not in proved}
        proof = verify_edition(plan.parsed[record.slug], record.locale, left, config.output_path,
                               plan.names[record.slug])
        if "letter" not in proof.files:
            proof.files.update({kind: proved[str(path)] for kind, path in files.items() if str(path) in proved})
        record.verified = {kind: result.record() for kind, result in proof.files.items()}
        report.proofs.append(proof)
    report.verify_seconds = time.perf_counter() - started


def merge_shards(config: Config) -> dict[str, EditionRecord]:
    """After a CI matrix: one manifest and one index over every shard's editions."""
    records = merge_manifests(config.output_path)
    write_indexes(config, records)
    return records
