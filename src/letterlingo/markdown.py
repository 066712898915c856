"""The one Markdown dialect letterlingo reads and writes: CommonMark with raw HTML disabled."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it is imported when a text is first parsed: many commands parse none
    from markdown_it import MarkdownIt

_SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)\n")
_ASCII_PUNCT = re.compile(r"([\\`*_\[\]<>!#|~&])")
_BLOCK_START = re.compile(r"^(\s*)([-+*>#=]|\d{1,9}[.)])(\s|$)")


def new_parser(*, html: bool = False) -> MarkdownIt:
    """The one Markdown configuration (CommonMark, no linkify or typographer); `html=True` only
    where raw HTML must be seen to be reported, never to be rendered."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": html, "linkify": False, "typographer": False})


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """A shared parser; raw HTML is off so a translation can never inject markup."""
    return new_parser()


@lru_cache(maxsize=1)
def name_markdown() -> MarkdownIt:
    """The parser for a name line: links and emphasis, but no images, which would put a remote
    picture (fetched by every reader's browser) where a name should be."""
    return new_parser().disable("image")


#: An asterisk or underscore between two letters or digits: in a name it is part of the name
#: ("A*B*C e.V.", "Schüler*innen und Lehrer*innen"), never emphasis.
_INTRAWORD_DELIMITER = re.compile(r"(?<=[^\W_])([*_])(?=[^\W_])")


def name_source(text: str) -> str:
    """A name line as Markdown reads it: emphasis delimiters inside words are kept as written."""
    return _INTRAWORD_DELIMITER.sub(r"\\\1", text)


def render_name(text: str) -> str:
    return name_markdown().renderInline(name_source(text))


def join_soft_breaks(content: str) -> str:
    """Inline source with soft line breaks turned into spaces; hard breaks stay as `\\` + newline."""
    content = _HARD_BREAK.sub("\x00", content)
    content = _SOFT_BREAK.sub(" ", content.strip())
    return content.replace("\x00", "\\\n")


def render_inline(text: str) -> str:
    """Inline Markdown to safe HTML (escaped text, links and emphasis only)."""
    return markdown().renderInline(text)


@lru_cache(maxsize=8192)
def plain_text(text: str, *, name: bool = False) -> str:
    """The visible text of inline Markdown, without markup (of a name line, with `name`).

    Kept for the lines seen last: import asks it of one line from several angles."""
    tokens = name_markdown().parseInline(name_source(text)) if name else markdown().parseInline(text)
    parts: list[str] = []
    for token in tokens:
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    return "".join(parts)


def escape_inline(text: str) -> str:
    """Escape `text` only if Markdown would otherwise change it, so names read as written.

    A name such as `#stop_sexting Educational Project` survives unescaped; one that Markdown
    would turn into emphasis, a link or a heading gets backslashes where needed.
    """
    if plain_text(text) == text and not _BLOCK_START.match(text):
        return text
    escaped = _ASCII_PUNCT.sub(r"\\\1", text)
    match = _BLOCK_START.match(escaped)
    if match:
        marker = match.group(2)
        if marker[0].isdigit():
            escaped = match.group(1) + marker[:-1] + "\\" + marker[-1] + escaped[match.end(2):]
        elif not marker.startswith("\\"):
            escaped = match.group(1) + "\\" + escaped[len(match.group(1)):]
    return escaped
