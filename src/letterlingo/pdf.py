"""PDF editions with WeasyPrint: one font and stylesheet set-up per worker process, reused.

Parsing the stylesheet and loading the bundled fonts costs more than laying out a short
letter, so each worker does it once (`init_worker`) and then renders many documents.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .verify import Verification

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfJob:
    html: str
    base_url: str | None
    target: str
    label: str
    #: The names the PDF must show and the count line they follow: the worker proves the file
    #: right after writing it, in parallel with the other renders.
    names: tuple[Any, ...] = ()
    start: str = ""
    shown: str = ""


@dataclass(frozen=True)
class PdfSettings:
    css_path: str
    roots: tuple[str, ...]


_state: dict[str, object] = {}


def init_worker(settings: PdfSettings) -> None:
    """Set up WeasyPrint once for this process: fetcher, fonts, parsed stylesheet."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from .fetcher import AssetFetcher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    fetcher = AssetFetcher([Path(root) for root in settings.roots])
    fonts = FontConfiguration()
    css = CSS(filename=settings.css_path, font_config=fonts, url_fetcher=fetcher)
    if not _state:
        # Release WeasyPrint's font set-up while the interpreter is still whole: its finaliser
        # fails noisily if it runs during shutdown.
        atexit.register(_state.clear)
    _state.update(settings=settings, fetcher=fetcher, fonts=fonts, css=css)


def render_pdf(job: PdfJob, settings: PdfSettings | None = None) -> Verification | None:
    """Write one PDF atomically, then prove it when the job names the signatories (the result,
    else None). Works in a pool worker or in-process."""
    from weasyprint import HTML

    if settings is not None and _state.get("settings") != settings:
        init_worker(settings)
    fetcher = _state["fetcher"]
    target = Path(job.target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    identifier = hashlib.sha256(job.html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    try:
        HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).write_pdf(
            str(tmp),
            stylesheets=[_state["css"]],
            font_config=_state["fonts"],
            pdf_variant="pdf/ua-1",  # tagged, with document language and title shown
            pdf_identifier=identifier,
            uncompressed_pdf=False,
        )
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    if job.names:
        from .verify import verify_file

        return verify_file(target, job.names, job.shown or str(target), job.start)
    return None
