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
#: Tighter signatory lists to try, in order, each only if the one before left a widow page: the
#: rule, the font size (pt) and line height it sets, and how readily it is tried (see
#: `_worth_trying`). The estimate ignores where pages may break, so it is optimistic: on the
#: example letters every try estimated at 0.5 or less worked and every one at 0.98 or more did
#: not. The last, tightest list is the last chance, so it is tried more readily.
_TIGHTER = ((".names { font-size: 9pt; line-height: 1.3; } .names li { margin-bottom: 0; }", 9.0, 1.3, 0.85),
            (".names { font-size: 8.5pt; line-height: 1.2; } .names li { margin-bottom: 0; }", 8.5, 1.2, 1.1))


def _laid_out(html: Any, options: dict[str, Any]) -> Any:
    """The document's pages, without a nearly empty last page when a tighter signatory list
    avoids it (the letter's text is never touched, only the list's size and leading).

    Each try is a whole second layout, so a tighter list that clearly cannot free enough room is
    not tried: from the first layout, the list's height on the earlier pages is the room a
    tighter one frees, and what stands on the last page is what must move into it.
    """
    from weasyprint import CSS

    document = html.render(font_config=_state["fonts"], **options)
    if len(document.pages) < 2 or last_page_fill(document) >= WIDOW_PAGE_FILL:
        return document
    heights = _names_heights(document)
    for index, (rule, size, leading, readiness) in enumerate(_TIGHTER):
        if heights is not None and not _worth_trying(heights, size, leading, readiness):
            continue
        key = f"tighter-{index}"
        if key not in _state:
            _state[key] = CSS(string=rule, font_config=_state["fonts"])
        tighter = html.render(font_config=_state["fonts"],
                              **{**options, "stylesheets": [*options["stylesheets"], _state[key]]})
        if len(tighter.pages) < len(document.pages):
            return tighter
    return document


@dataclass(frozen=True)
class _NamesHeights:
    """The signatory list in a laid-out document (CSS px): its names' heights on all pages and
    on the last, the height of what else the last page holds, and one name's line height and
    the space after it."""

    total: float
    last: float
    other_last: float
    line: float
    spacing: float


def _names_heights(document: Any) -> _NamesHeights | None:
    """Measure the list, or None when there is none on the last page (then every tighter list
    is tried, as before any estimate)."""
    from weasyprint.formatting_structure.boxes import BlockBox, LineBox, MarginBox

    def items(box: Any, inside: bool, found: list[Any]) -> None:
        element = getattr(box, "element", None)
        if element is not None and box.element_tag in ("ul", "ol") and "names" in (element.get("class") or "").split():
            inside = True
        if inside and box.element_tag == "li" and isinstance(box, BlockBox):
            found.append(box)
            return
        for child in getattr(box, "children", ()):
            items(child, inside, found)

    per_page = []
    for page in document.pages:
        found: list[Any] = []
        items(page._page_box, False, found)
        per_page.append(found)
    names = [box for found in per_page for box in found]
    if not names or not per_page[-1]:
        return None
    style = names[0].style
    line_height = style["line_height"]
    font_size = float(style["font_size"])
    if line_height == "normal":
        line = 1.2 * font_size
    elif isinstance(line_height, (int, float)):
        line = float(line_height) * font_size
    elif getattr(line_height, "unit", None) == "px":
        line = float(line_height.value)
    else:
        return None  # a calc() or the like: no estimate, every tighter list is tried
    page_box = document.pages[-1]._page_box
    top = page_box.content_box_y()
    bottom = max((box.position_y + box.height for child in page_box.children if not isinstance(child, MarginBox)
                  for box in child.descendants() if isinstance(box, LineBox)), default=top)
    last = sum(box.margin_height() for box in per_page[-1])
    # The names on the last page stand in two columns: half their height is the list's.
    return _NamesHeights(total=sum(box.margin_height() for box in names), last=last,
                         other_last=max(0.0, (bottom - top) - last / 2), line=line,
                         spacing=float(names[0].margin_bottom or 0))


def _worth_trying(heights: _NamesHeights, size_pt: float, leading: float, readiness: float) -> bool:
    """Whether a list set at `size_pt` on `leading` could plausibly empty the last page: the
    names there (set smaller) and the full-width content after them (which takes both columns'
    room) must fit in the room the smaller names leave on the pages before, give or take
    `readiness` (the share of that room they may need)."""
    before = heights.line + heights.spacing
    ratio = min(1.0, size_pt * 4 / 3 * leading / before) if before else 1.0  # pt -> CSS px
    freed = (1 - ratio) * (heights.total - heights.last)
    need = ratio * heights.last + 2 * heights.other_last
    return freed > 0 and need <= readiness * freed


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
