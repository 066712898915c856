"""Edition formats behind one small interface: a renderer turns a planned edition into a file.

Adding a format (Word, ODT) means one class here (or in its own module) and its templates:
`build` plans the editions, hands each to every chosen renderer, waits for them, and records.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .edition import Drafts, Edition
from .fsutil import atomic_write_bytes, atomic_write_text
from .pdf import PdfJob, PdfSettings
from .pdfpool import PdfQueue
from .publishing import Site
from .templating import asset_path, render_edition
from .verify import Probe, Verification


@dataclass(frozen=True)
class RenderJob:
    """One edition to write, with what its pages need to know about the others."""

    edition: Edition
    folder: Path
    locales: list[str]  # the editions built for this letter, for the language switcher
    drafts: Drafts
    files: dict[str, Path]  # kind -> target, for every chosen format
    names: tuple[Probe, ...] = ()  # the signatory lines every file must show
    count_text: str = ""  # the count line they follow ("109 signatories", in the edition's language)
    root: Path | None = None  # output/, for the paths reports show
    untranslated: frozenset[str] = frozenset()  # built editions that are the original letter
    site: Site = Site()

    @property
    def name(self) -> str:
        return f"{self.edition.letter.slug}/{self.edition.locale}"

    def page_options(self) -> dict[str, object]:
        pdf = self.files.get("pdf")
        return {"locales": self.locales, "drafts": self.drafts, "pdf_name": pdf.name if pdf else None,
                "editable": tuple(self.files[kind].name for kind in ("docx", "odt") if kind in self.files),
                "untranslated": self.untranslated, "site": self.site}


class Renderer(Protocol):
    """A format: where its file goes, how it is written, and a wait for any work in flight."""

    kind: str

    def target(self, folder: Path, slug: str, locale: str) -> Path: ...

    def render(self, job: RenderJob) -> None: ...

    def finish(self) -> None: ...

    def proofs(self) -> dict[str, Verification]: ...


class HtmlRenderer:
    kind = "html"

    def __init__(self, templates: Path | None) -> None:
        self.templates = templates

    def target(self, folder: Path, slug: str, locale: str) -> Path:
        return folder / "index.html"

    def render(self, job: RenderJob) -> None:
        html = render_edition(job.edition, self.templates, css_href="../../assets/edition.css", **job.page_options())
        atomic_write_text(job.files[self.kind], html)

    def finish(self) -> None:
        """HTML is written at once."""

    def proofs(self) -> dict[str, Verification]:
        return {}  # the build proves HTML itself: reading it back is quick


class PdfRenderer:
    kind = "pdf"

    def __init__(self, templates: Path | None, settings: PdfSettings, jobs: int,
                 progress: Callable[[int, int], None] | None) -> None:
        self.templates = templates
        self.queue = PdfQueue(settings, jobs, progress)

    def target(self, folder: Path, slug: str, locale: str) -> Path:
        return folder / f"{slug}-{locale}.pdf"

    def render(self, job: RenderJob) -> None:
        target = job.files[self.kind]
        target.parent.mkdir(parents=True, exist_ok=True)
        html = render_edition(job.edition, self.templates, css_href=None, **job.page_options())
        # No base URL: a relative link must not turn into this machine's file path in the PDF.
        shown = target.relative_to(job.root).as_posix() if job.root and target.is_relative_to(job.root) else ""
        self.queue.submit(PdfJob(html, None, str(target), job.name, job.names, job.count_text, shown))

    def finish(self) -> None:
        self.queue.finish()

    def proofs(self) -> dict[str, Verification]:
        """What the workers found reading back each PDF they wrote."""
        return self.queue.proofs


class OfficeRenderer:
    """Word or OpenDocument: pandoc runs as a separate process per edition, so a few run at
    once in threads while the PDF workers render."""

    def __init__(self, kind: str, templates: Path | None, jobs: int) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.kind = kind
        self.reference = asset_path(f"reference.{kind}", templates)
        self.pool = ThreadPoolExecutor(max_workers=max(1, jobs))
        self.pending: list[Future[None]] = []

    def target(self, folder: Path, slug: str, locale: str) -> Path:
        return folder / f"{slug}-{locale}.{self.kind}"

    def render(self, job: RenderJob) -> None:
        self.pending.append(self.pool.submit(self._write, job))

    def _write(self, job: RenderJob) -> None:
        from .errors import BuildError
        from .office import write_office
        from .pandoc import PandocError

        target = job.files[self.kind]
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            data = write_office(job.edition, self.kind, self.reference, job.drafts, job.count_text, job.site)
        except PandocError as exc:
            raise BuildError(f"pandoc could not write the {self.kind} edition: {exc}", job.name) from None
        atomic_write_bytes(target, data)

    def finish(self) -> None:
        try:
            for future in self.pending:
                future.result()
        finally:
            self.pool.shutdown()

    def proofs(self) -> dict[str, Verification]:
        return {}  # read back by the build like the HTML
