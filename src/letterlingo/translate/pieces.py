"""A text too long for one request, cut into pieces at sentence boundaries, and joined again.

MyMemory takes at most 500 bytes of text per request, shorter than many paragraphs of a
letter. A paragraph is cut where a sentence ends, preferably outside any `<g1>…</g1>` span so
each piece carries whole spans; failing that at a sentence end inside a span, then at a space;
never inside a tag itself. The pieces keep the spaces between them, so their translations
join back in order with the same spacing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .protect import TAG

#: The white space after a sentence's end (its closing quotes and brackets stay with it).
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(\s+)")
_CLAUSE_END = re.compile(r"[;:][\"'”’»)\]]*(\s+)")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Piece:
    text: str
    after: str = ""  # the white space that followed it in the source


def byte_length(text: str) -> int:
    return len(text.encode("utf-8"))


def split(text: str, max_bytes: int) -> list[Piece]:
    """`text` as pieces of at most `max_bytes` bytes of UTF-8 each (a text that fits is one piece)."""
    if byte_length(text) <= max_bytes:
        return [Piece(text)]
    depth = _depths(text)
    tag_spans = [(match.start(), match.end()) for match in TAG.finditer(text)]

    def in_tag(position: int) -> bool:
        return any(start < position < end for start, end in tag_spans)

    def cuts(pattern: re.Pattern[str], group: int) -> list[tuple[int, int]]:
        return [match.span(group) for match in pattern.finditer(text) if not in_tag(match.start(group))]

    sentence_ends, clause_ends, spaces = cuts(_SENTENCE_END, 1), cuts(_CLAUSE_END, 1), cuts(_SPACE, 0)
    candidates = [  # best first: a sentence's end outside any span, ..., any space
        [cut for cut in sentence_ends if depth[cut[0]] == 0],
        sentence_ends,
        [cut for cut in clause_ends if depth[cut[0]] == 0],
        [cut for cut in spaces if depth[cut[0]] == 0],
        spaces,
    ]
    pieces: list[Piece] = []
    start = 0
    while byte_length(text[start:]) > max_bytes:
        limit = _fit(text, start, max_bytes)
        cut = None
        for level in candidates:
            fitting = [item for item in level if start < item[0] <= limit]
            if fitting:
                cut = fitting[-1]
                break
        if cut is None:  # no space at all: cut at the last character that fits, outside a tag
            end = limit
            while end > start + 1 and in_tag(end):
                end -= 1
            cut = (end, end)
        pieces.append(Piece(text[start:cut[0]], text[cut[0]:cut[1]]))
        start = cut[1]
    pieces.append(Piece(text[start:]))
    return [piece for piece in pieces if piece.text or piece.after]


def join(pieces: list[Piece], translations: list[str]) -> str:
    """Translated pieces in order, each followed by the space that followed its source."""
    return "".join(translation.strip() + piece.after if piece.after else translation
                   for piece, translation in zip(pieces, translations)).strip()


def _fit(text: str, start: int, max_bytes: int) -> int:
    """The largest end such that text[start:end] fits in `max_bytes`."""
    used = 0
    for index in range(start, len(text)):
        used += byte_length(text[index])
        if used > max_bytes:
            return index
    return len(text)


def _depths(text: str) -> list[int]:
    """For each position, how many `<gN>` spans are open there."""
    depth = [0] * (len(text) + 1)
    level = 0
    position = 0
    for match in TAG.finditer(text):
        for index in range(position, match.start()):
            depth[index] = level
        closing, kind = match.group(1) == "/", match.group(2).lower()
        if kind == "g":
            level += -1 if closing else 1
        for index in range(match.start(), match.end()):
            depth[index] = level
        position = match.end()
    for index in range(position, len(text) + 1):
        depth[index] = level
    return depth
