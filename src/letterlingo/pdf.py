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


#: 2000-01-01: the time written into fonts embedded in a PDF when none is given.
REPRODUCIBLE_EPOCH = 946684800


def _fixed_font_time() -> None:
    """fontTools stamps a font it rewrites (a colour emoji font's subset) with the time unless
    SOURCE_DATE_EPOCH is set; the same letter must give the same bytes. The environment is left
    alone (this may run in the build's own process, beside other formats), so the head table's
    clock is fixed instead."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return
    try:
        from fontTools.misc.timeTools import epoch_diff
        from fontTools.ttLib.tables import _h_e_a_d
    except ImportError:
        return
    if hasattr(_h_e_a_d, "timestampNow"):
        _h_e_a_d.timestampNow = lambda: REPRODUCIBLE_EPOCH - epoch_diff


def init_worker(settings: PdfSettings) -> None:
    """Set up WeasyPrint once for this process: fetcher, fonts, parsed stylesheet."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from .fetcher import AssetFetcher
    from .hyphenation import patterns_cache
    from .hyphenation import register as register_hyphenation
    from .pdf_languages import tag_block_languages

    _fixed_font_time()
    tag_block_languages()
    register_hyphenation()
    patterns_cache.install()
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
    options: dict[str, Any] = {
        "stylesheets": [_state["css"]],
        "pdf_variant": "pdf/ua-1",  # tagged, with document language and title shown
        "pdf_identifier": identifier,
        "uncompressed_pdf": False,
    }
    try:
        document = _laid_out(HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher), options)
        document.write_pdf(str(tmp), **options)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    if job.names:
        from .verify import verify_file

        return verify_file(target, job.names, job.shown or str(target), job.start)
    return None


#: A last page filled less than this is a widow page (a few names alone): worth a second,
#: tighter layout of the signatory list to pull them back.
WIDOW_PAGE_FILL = 0.25
#: Tighter signatory lists to try, in order, each only if the one before left a widow page.
_TIGHTER = (".names { font-size: 9pt; line-height: 1.3; } .names li { margin-bottom: 0; }",
            ".names { font-size: 8.5pt; line-height: 1.2; } .names li { margin-bottom: 0; }")


def _laid_out(html: Any, options: dict[str, Any]) -> Any:
    """The document's pages, without a nearly empty last page when a tighter signatory list
    avoids it (the letter's text is never touched, only the list's size and leading)."""
    from weasyprint import CSS

    document = html.render(font_config=_state["fonts"], **options)
    if len(document.pages) < 2 or last_page_fill(document) >= WIDOW_PAGE_FILL:
        return document
    for index, rule in enumerate(_TIGHTER):
        key = f"tighter-{index}"
        if key not in _state:
            _state[key] = CSS(string=rule, font_config=_state["fonts"])
        tighter = html.render(font_config=_state["fonts"],
                              **{**options, "stylesheets": [*options["stylesheets"], _state[key]]})
        if len(tighter.pages) < len(document.pages):
            return tighter
    return document


def last_page_fill(document: Any) -> float:
    """How much of the last page's content area its text fills (0 to 1)."""
    from weasyprint.formatting_structure.boxes import LineBox, MarginBox

    page = document.pages[-1]._page_box
    top = page.content_box_y()
    bottom = top
    for child in page.children:
        if isinstance(child, MarginBox):
            continue
        for box in child.descendants():
            if isinstance(box, LineBox):
                bottom = max(bottom, box.position_y + box.height)
    return (bottom - top) / page.height if page.height else 1.0
