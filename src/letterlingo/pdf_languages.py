"""Each block's language in the PDF's structure tree, not only the document's.

A partly translated edition shows some paragraphs in the original language; the HTML marks
them `lang="en"`, and a screen reader must switch voice for them in the PDF too. WeasyPrint
writes the document's /Lang but no /Lang on structure elements, so this adds it for every
element whose HTML element carries its own `lang` (PDF 1.7, 14.9.2). It wraps WeasyPrint's
tag-tree builder; if a WeasyPrint release renames it, PDFs are still written, with the
document's language only, and a warning says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

log = logging.getLogger(__name__)

_PATCHED = "_letterlingo_languages"


def _own_language(box: Any) -> str | None:
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) in ("html", "body"):
        return None
    lang = element.get("lang")
    return lang or None


def _with_languages(build: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    import pydyf

    def build_with_languages(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        lang = _own_language(box)
        for element in build(box, parent, *args):
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    setattr(build_with_languages, _PATCHED, True)
    return build_with_languages


def tag_block_languages() -> None:
    """Install once per process, before the first tagged PDF is written."""
    try:
        from weasyprint.pdf import tags
    except ImportError:  # pragma: no cover - WeasyPrint without tagging
        return
    build = getattr(tags, "_build_box_tree", None)
    if build is None:
        log.warning("this WeasyPrint has no tag-tree builder to extend: PDFs carry the document's language only")
        return
    if not getattr(build, _PATCHED, False):
        tags._build_box_tree = _with_languages(build)
