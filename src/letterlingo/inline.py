"""What a message's inline Markdown contains (spans, link targets, raw HTML, visible text), parsed once per text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it is imported when a text is first parsed: many commands parse none
    from markdown_it import MarkdownIt

from .markdown import markdown, new_parser


@dataclass(frozen=True)
class InlineSummary:
    """The parts of a message that a translation must keep, as markdown-it sees them."""

    strong: int
    emphasis: int
    links: tuple[str, ...]
    images: tuple[str, ...]
    code: tuple[str, ...]
    html: tuple[str, ...]
    text: str
    #: "strong"/"em" in the order the spans open: bold and italic swapped is a different order.
    spans: tuple[str, ...] = ()
    #: (target, title) of each link and image; a title is text a reader sees on hover.
    link_titles: tuple[tuple[str, str], ...] = ()
    #: Spans with a space just inside their delimiters, spans glued to a word outside them, and
    #: `**`/`__` left as literal text (a span Markdown could not read).
    inner_spaces: int = 0
    glued: int = 0
    literal_delimiters: int = 0


@lru_cache(maxsize=1)
def _html_parser() -> MarkdownIt:
    """A parser with raw HTML on, used only to *find* tags: the shared one reads them as text."""
    return new_parser(html=True)


@lru_cache(maxsize=8192)
def summarize(text: str) -> InlineSummary:
    """Summarise inline Markdown; cached because every locale compares against the same msgid."""
    strong = emphasis = 0
    links: list[str] = []
    images: list[str] = []
    code: list[str] = []
    visible: list[str] = []
    spans: list[str] = []
    titles: list[tuple[str, str]] = []
    inner = glued = literal = 0
    for block in markdown().parseInline(text):
        children = block.children or []
        for index, token in enumerate(children):
            before = children[index - 1] if index > 0 else None
            after = children[index + 1] if index + 1 < len(children) else None
            if token.type in ("strong_open", "em_open", "link_open"):
                inner += bool(after is not None and after.type == "text" and after.content[:1].isspace())
                glued += bool(before is not None and before.type == "text" and before.content[-1:].isalnum())
            elif token.type in ("strong_close", "em_close", "link_close"):
                inner += bool(before is not None and before.type == "text" and before.content[-1:].isspace())
                glued += bool(after is not None and after.type == "text" and after.content[:1].isalnum())
            elif token.type == "text":
                literal += token.content.count("**") + token.content.count("__")
            if token.type == "strong_open":
                strong += 1
                spans.append("strong")
            elif token.type == "em_open":
                emphasis += 1
                spans.append("em")
            elif token.type == "link_open":
                links.append(str(token.attrs.get("href", "")))
                titles.append((links[-1], str(token.attrs.get("title", "") or "")))
            elif token.type == "image":
                images.append(str(token.attrs.get("src", "")))
                titles.append((images[-1], str(token.attrs.get("title", "") or "")))
                visible.append(token.content)
            elif token.type == "code_inline":
                code.append(token.content)
                visible.append(token.content)
            elif token.type == "text":
                visible.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                visible.append("\n" if token.type == "hardbreak" else " ")
    html = [
        token.content
        for block in (_html_parser().parseInline(text) if "<" in text else ())
        for token in block.children or ()
        if token.type == "html_inline"
    ]
    return InlineSummary(strong, emphasis, tuple(links), tuple(images), tuple(code), tuple(html), "".join(visible),
                         tuple(spans), tuple(titles), inner, glued, literal)


def multiset_difference(source: tuple[str, ...], translation: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(items the translation dropped, items it added), counting repeats."""
    if source == translation:  # most often both empty: no counting needed
        return [], []
    have, want = Counter(translation), Counter(source)
    dropped = list((want - have).elements())
    added = list((have - want).elements())
    return dropped, added
