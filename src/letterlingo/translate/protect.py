"""Inline markup and glossary terms as tags for engines; put back afterwards and checked.

Engines see `<g1>strong safeguards</g1>` instead of `**strong safeguards**` and `<x2/>` instead
of a code span, a line break or a do-not-translate term: tags move with the words they wrap
when an engine reorders a sentence, and an engine cannot damage what it never sees (a link
target, a term). Restoring writes Markdown again and parses it back, so a result either has
exactly the source's markup, link targets and numbers, or it is rejected with a reason.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from ..glossary import Glossary
from ..glossary import GlossaryTerm as GlossaryTerm
from ..glossary import load_glossary as load_glossary  # where engines have always found it
from ..markdown import new_parser
from ..parity import EMAIL, PLACEHOLDER, URL
from .errors import Rejected

#: A tag as engines give it back: case, spaces and `<x1></x1>` for `<x1/>` are tolerated.
TAG = re.compile(r"<\s*(/?)\s*([gGxX])\s*(\d+)\s*(/?)\s*>")

_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f' ]\d{3}(?!\d))*(?:[.,]\d+)?")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLOCK_START = re.compile(r"^(?:[#>+=-]|\d{1,9}[.)])(?=\s|$)")
_SPECIAL = re.compile(r"[\\`*_\[\]<&!]")
_FULL_ESCAPE = set("\\`*_[]<>&!#~|")

Shape = tuple[object, ...]


@dataclass(frozen=True)
class Span:
    """Markup around translatable words: emphasis, strong emphasis or a link."""

    shape: Shape
    opening: str
    closing: str
    markup: str = ""  # the source's own delimiter (`**`, `__`, `*`, `_`) for emphasis


@dataclass(frozen=True)
class Atom:
    """Something engines keep whole: Markdown (`text` False) or literal text such as a term."""

    shape: Shape | None
    value: str
    text: bool = False
    term: str | None = None


@dataclass(frozen=True)
class Protected:
    """A msgid as engines see it (`text`) and what its tags stand for."""

    source: str
    text: str
    spans: Mapping[int, Span]
    atoms: Mapping[int, Atom]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """CommonMark without raw HTML, like letterlingo.markdown, but keeping link targets as
    written: the default parser percent-encodes them, and a translation should show the
    same `(https://…)` the translator sees in the msgid."""
    parser = new_parser()
    parser.normalizeLink = lambda url: url  # type: ignore[method-assign]
    parser.normalizeLinkText = lambda url: url  # type: ignore[method-assign,assignment]
    return parser


def _children(text: str) -> list:
    tokens = _parser().parseInline(text)
    return list(tokens[0].children or []) if tokens else []


def protect(markdown_text: str, glossary: Glossary | None = None) -> Protected:
    """Replace inline markup and glossary terms in a msgid by numbered tags."""
    counter = itertools.count(1)
    parts: list[str] = []
    spans: dict[int, Span] = {}
    atoms: dict[int, Atom] = {}
    stack: list[int] = []
    pattern = glossary.pattern() if glossary else None
    pending_text: list[str] = []

    def flush() -> None:
        if pending_text:
            parts.append(_protect_text("".join(pending_text), pattern, counter, atoms))
            pending_text.clear()

    def atom(shape: Shape | None, value: str) -> None:
        flush()
        number = next(counter)
        atoms[number] = Atom(shape, value)
        parts.append(f"<x{number}/>")

    children = _children(markdown_text)
    index = 0
    while index < len(children):
        token = children[index]
        kind = token.type
        if kind == "text":
            pending_text.append(token.content)
        elif kind == "softbreak":
            pending_text.append(" ")
        elif kind in ("strong_open", "em_open"):
            flush()
            number = next(counter)
            delimiter = "**" if kind == "strong_open" else "*"
            spans[number] = Span(("open", kind[:-5]), delimiter, delimiter, token.markup or delimiter)
            stack.append(number)
            parts.append(f"<g{number}>")
        elif kind == "link_open" and token.markup in ("autolink", "linkify"):
            end = _closing(children, index)
            label = "".join(child.content for child in children[index + 1:end])
            atom(("autolink", token.attrs.get("href", "")), f"<{label}>")
            index = end
        elif kind == "link_open":
            flush()
            number = next(counter)
            href = str(token.attrs.get("href", ""))
            title = str(token.attrs.get("title", "") or "")
            spans[number] = Span(("open", "link", href, title), "[", f"]({_destination(href)}{_title(title)})")
            stack.append(number)
            parts.append(f"<g{number}>")
        elif kind in ("strong_close", "em_close", "link_close"):
            flush()
            parts.append(f"</g{stack.pop()}>")
        elif kind == "code_inline":
            atom(("code", token.content), _code_span(token.content, token.markup))
        elif kind == "hardbreak":
            atom(("break",), "\\\n")
        elif kind == "image":
            src = str(token.attrs.get("src", ""))
            title = str(token.attrs.get("title", "") or "")
            atom(("image", src, title, token.content), f"![{token.content}]({_destination(src)}{_title(title)})")
        else:
            pending_text.append(token.content)
        index += 1
    flush()
    return Protected(markdown_text, "".join(parts), spans, atoms)


def _protect_text(text: str, pattern: re.Pattern[str] | None, counter: Iterator[int], atoms: dict[int, Atom]) -> str:
    """Text with glossary terms, plain web and e-mail addresses, and anything an engine could
    mistake for a tag, as atoms (an engine must not translate or "correct" an address)."""
    found = [(match.start(), match.end(), False) for match in TAG.finditer(text)]
    found += [(start, end, False) for start, end in _addresses(text)]
    found += [(match.start(), match.end(), False) for match in PLACEHOLDER.finditer(text)]
    found += [(match.start(), match.end(), True) for match in pattern.finditer(text)] if pattern else []
    out: list[str] = []
    position = 0
    for start, end, is_term in sorted(found, key=lambda item: (item[0], -item[1])):
        if start < position:
            continue
        out.append(text[position:start])
        number = next(counter)
        value = text[start:end]
        atoms[number] = Atom(None, value, text=True, term=value if is_term else None)
        out.append(f"<x{number}/>")
        position = end
    out.append(text[position:])
    return "".join(out)


def _addresses(text: str) -> Iterator[tuple[int, int]]:
    """Where plain web and e-mail addresses are, without the sentence's closing punctuation."""
    urls = []
    for match in URL.finditer(text):
        address = match.group().rstrip(".,;:!?")
        urls.append((match.start(), match.start() + len(address)))
    yield from urls
    for match in EMAIL.finditer(text):
        if not any(start <= match.start() < end for start, end in urls):
            yield match.start(), match.end()


def _closing(children: list, index: int) -> int:
    depth = 0
    for position in range(index, len(children)):
        if children[position].type == "link_open":
            depth += 1
        elif children[position].type == "link_close":
            depth -= 1
            if depth == 0:
                return position
    return len(children) - 1


def _destination(href: str) -> str:
    if href and not re.search(r"[\s<>()\\]", href):
        return href
    return "<" + href.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>") + ">"


def _title(title: str) -> str:
    if not title:
        return ""
    return ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _code_span(content: str, fence: str) -> str:
    fence = fence or "`"
    pad = content.startswith("`") or content.endswith("`") or (
        content.startswith(" ") and content.endswith(" ") and content.strip() != ""
    )
    return f"{fence} {content} {fence}" if pad else f"{fence}{content}{fence}"


@dataclass(frozen=True)
class _Piece:
    """A stretch of an engine's answer: text, a tag opening or closing span `number`, or atom `number`."""

    kind: str  # "text", "open", "close" or "atom"
    text: str = ""
    number: int = 0


def restore(protected: Protected, translated: str, *, locale: str | None = None,
            glossary: Glossary | None = None) -> str:
    """The engine's tagged answer as Markdown; raises Rejected when tags were lost or mangled."""
    pieces = _tidy(_pieces(protected, translated))
    intended = _intended(protected, pieces, locale, glossary)
    for prefer in ("source", "*", "_"):
        delimiters = _delimiters(protected, pieces, prefer)
        for escape in (_escape_minimal, _escape_full):
            result = _write(protected, pieces, locale, glossary, escape, delimiters).strip()
            if _shape(result) == intended:
                return result
    raise Rejected("the answer cannot be written back as Markdown with the same markup")


def _pieces(protected: Protected, translated: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    position = 0
    seen_atoms: Counter[int] = Counter()
    opened: Counter[int] = Counter()
    closed: Counter[int] = Counter()
    stack: list[int] = []
    for match in TAG.finditer(translated):
        if match.start() > position:
            pieces.append(_Piece("text", translated[position:match.start()]))
        position = match.end()
        closing, kind, number = match.group(1) == "/", match.group(2).lower(), int(match.group(3))
        if kind == "x":
            if number not in protected.atoms:
                raise Rejected(f"unknown tag <x{number}/>")
            if closing:
                if pieces and pieces[-1] == _Piece("atom", number=number):
                    continue  # <x1></x1>, an XML-minded engine's spelling of <x1/>
                raise Rejected(f"stray closing tag </x{number}>")
            seen_atoms[number] += 1
            pieces.append(_Piece("atom", number=number))
            continue
        if number not in protected.spans or match.group(4):
            raise Rejected(f"unknown tag <g{number}>")
        if closing:
            if not stack or stack[-1] != number:
                raise Rejected("tags are not properly nested")
            stack.pop()
            closed[number] += 1
            pieces.append(_Piece("close", number=number))
        else:
            opened[number] += 1
            stack.append(number)
            pieces.append(_Piece("open", number=number))
    if position < len(translated):
        pieces.append(_Piece("text", translated[position:]))
    for number in protected.atoms:
        if seen_atoms[number] != 1:
            raise _missing(protected, number, seen_atoms[number])
    for number, span in protected.spans.items():
        if opened[number] != 1 or closed[number] != 1:
            raise Rejected(f"{_span_name(span)} {'lost' if not opened[number] else 'repeated'}")
    if stack:
        raise Rejected("tags are not properly nested")
    return pieces


def _missing(protected: Protected, number: int, count: int) -> Rejected:
    atom = protected.atoms[number]
    what = f"glossary term {atom.term!r}" if atom.term else f"{atom.shape[0] if atom.shape else 'text'} {atom.value!r}"
    return Rejected(f"{what} {'lost' if count == 0 else 'repeated'}")


def _span_name(span: Span) -> str:
    kind = span.shape[1]
    if kind == "link":
        return f"link to {span.shape[2]!r}"
    return "strong emphasis" if kind == "strong" else "emphasis"


def _tidy(pieces: list[_Piece]) -> list[_Piece]:
    """Spaces just inside a tag move outside it (`<g1> word </g1>` -> ` <g1>word</g1> `), since
    `** word **` is not emphasis; line breaks and runs of spaces an engine added become one space."""
    result = [_Piece("text", re.sub(r"\s*\n\s*", " ", piece.text)) if piece.kind == "text" else piece
              for piece in pieces]
    moved = True
    while moved:  # until stable: a space may have to pass several tags (`<g1><g2> word`)
        moved = False
        for index in range(len(result) - 1):
            first, second = result[index], result[index + 1]
            if first.kind == "open" and second.kind == "text" and second.text[:1].isspace():
                space = second.text[: len(second.text) - len(second.text.lstrip())]
                result[index:index + 2] = [_Piece("text", space), first, _Piece("text", second.text.lstrip())]
                moved = True
                break
            if first.kind == "text" and second.kind == "close" and first.text[-1:].isspace():
                stripped = first.text.rstrip()
                result[index:index + 2] = [_Piece("text", stripped), second, _Piece("text", first.text[len(stripped):])]
                moved = True
                break
    merged: list[_Piece] = []
    for piece in result:
        if piece.kind == "text" and merged and merged[-1].kind == "text":
            merged[-1] = _Piece("text", merged[-1].text + piece.text)
        elif piece.kind != "text" or piece.text:
            merged.append(piece)
    return [_Piece("text", re.sub(r"[ \t]{2,}", " ", piece.text)) if piece.kind == "text" else piece
            for piece in merged]


def _atom_text(atom: Atom, locale: str | None, glossary: Glossary | None) -> str:
    if atom.term and glossary:
        entry = glossary.get(atom.term)
        if entry:
            return entry.rendering(locale)
    return atom.value


def _intended(protected: Protected, pieces: list[_Piece], locale: str | None,
              glossary: Glossary | None) -> tuple[Shape, ...]:
    """The structure the restored Markdown must parse to: the answer's text with the source's markup."""
    shapes: list[Shape] = []
    for piece in pieces:
        if piece.kind == "text":
            shapes.append(("text", piece.text))
        elif piece.kind == "atom":
            atom = protected.atoms[piece.number]
            shapes.append(atom.shape if atom.shape is not None else ("text", _atom_text(atom, locale, glossary)))
        elif piece.kind == "open":
            shapes.append(protected.spans[piece.number].shape)
        else:
            shapes.append(("close", protected.spans[piece.number].shape[1]))
    return tuple(_merge_text(shapes, strip=True))


def _write(protected: Protected, pieces: list[_Piece], locale: str | None, glossary: Glossary | None,
           escape: Callable[..., str], delimiters: dict[int, str]) -> str:
    out: list[str] = []
    link_depth = 0
    at_start = True
    for piece in pieces:
        atom = protected.atoms.get(piece.number) if piece.kind == "atom" else None
        if piece.kind == "text" or (atom is not None and atom.text):
            text = piece.text if atom is None else _atom_text(atom, locale, glossary)
            out.append(escape(text, in_link=link_depth > 0, at_start=at_start))
            at_start = at_start and not text.strip()
            continue
        at_start = False
        if atom is not None:
            out.append(atom.value)
            continue
        span = protected.spans[piece.number]
        if span.shape[1] == "link":
            link_depth += 1 if piece.kind == "open" else -1
        delimiter = delimiters.get(piece.number)
        out.append(delimiter or (span.opening if piece.kind == "open" else span.closing))
    return "".join(out)


def _delimiters(protected: Protected, pieces: list[_Piece], prefer: str) -> dict[int, str]:
    """Emphasis delimiters per span: the source's own, or `prefer` except where a neighbouring
    emphasis tag already uses it (`***` would pair up the wrong way), which gets the other
    character. `_` cannot open or close inside a word, so restore tries both preferences
    and keeps the first result that parses back to the intended markup."""
    where: dict[int, list[int]] = {}
    for index, piece in enumerate(pieces):
        if piece.kind in ("open", "close") and protected.spans[piece.number].shape[1] != "link":
            where.setdefault(piece.number, []).append(index)
    if prefer == "source":
        return {number: protected.spans[number].markup for number in where}
    other = "_" if prefer == "*" else "*"
    chosen: dict[int, str] = {}
    for number, positions in where.items():
        near = {pieces[at].number for position in positions for at in (position - 1, position + 1)
                if 0 <= at < len(pieces) and pieces[at].kind in ("open", "close")}
        taken = {chosen[neighbour][0] for neighbour in near if neighbour in chosen}
        char = other if prefer in taken else prefer
        chosen[number] = char * (2 if protected.spans[number].shape[1] == "strong" else 1)
    return chosen


def _escape_minimal(text: str, *, in_link: bool, at_start: bool) -> str:
    """Backslashes only where Markdown would otherwise read markup, so translators read text."""
    if not _SPECIAL.search(text):
        return _escape_block_start(text) if at_start else text
    out: list[str] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if char in "\\`*":
            out.append("\\" + char)
        elif char == "_":
            out.append(char if before.isalnum() and after.isalnum() else "\\_")
        elif char == "[":
            out.append("\\[" if in_link else char)
        elif char == "]":
            out.append("\\]" if in_link or after in ("(", "[") else char)
        elif char == "<":
            out.append("\\<" if after and (after.isalpha() or after in "/!?") else char)
        elif char == "&":
            out.append("\\&" if _ENTITY.match(text, index) else char)
        elif char == "!" and after == "[":
            out.append("\\!")
        else:
            out.append(char)
    escaped = "".join(out)
    return _escape_block_start(escaped) if at_start else escaped


def _escape_full(text: str, *, in_link: bool, at_start: bool) -> str:
    escaped = "".join("\\" + char if char in _FULL_ESCAPE else char for char in text)
    return _escape_block_start(escaped) if at_start else escaped


def _escape_block_start(text: str) -> str:
    """A translation that starts like a list item or heading must still read as text."""
    stripped = text.lstrip()
    match = _BLOCK_START.match(stripped)
    if not match:
        return text
    lead, marker = text[: len(text) - len(stripped)], match.group(0)
    if marker[0].isdigit():
        return lead + marker[:-1] + "\\" + marker[-1] + stripped[len(marker):]
    return lead + "\\" + stripped


@lru_cache(maxsize=4096)
def _shape(markdown_text: str) -> tuple[Shape, ...]:
    """The inline structure of Markdown, text merged; cached, since every locale's result is
    compared with the same source."""
    shapes: list[Shape] = []
    children = _children(markdown_text)
    index = 0
    while index < len(children):
        token = children[index]
        kind = token.type
        if kind in ("text", "softbreak"):
            shapes.append(("text", token.content if kind == "text" else " "))
        elif kind in ("strong_open", "em_open"):
            shapes.append(("open", kind[:-5]))
        elif kind in ("strong_close", "em_close"):
            shapes.append(("close", kind[:-6]))
        elif kind == "link_open" and token.markup in ("autolink", "linkify"):
            shapes.append(("autolink", token.attrs.get("href", "")))
            index = _closing(children, index)
        elif kind == "link_open":
            shapes.append(("open", "link", str(token.attrs.get("href", "")), str(token.attrs.get("title", "") or "")))
        elif kind == "link_close":
            shapes.append(("close", "link"))
        elif kind == "code_inline":
            shapes.append(("code", token.content))
        elif kind == "hardbreak":
            shapes.append(("break",))
        elif kind == "image":
            src, title = str(token.attrs.get("src", "")), str(token.attrs.get("title", "") or "")
            shapes.append(("image", src, title, token.content))
        else:
            shapes.append(("text", token.content))
        index += 1
    return tuple(_merge_text(shapes, strip=True))


def _merge_text(shapes: list[Shape], *, strip: bool) -> list[Shape]:
    merged: list[Shape] = []
    for shape in shapes:
        if shape[0] == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", str(merged[-1][1]) + str(shape[1]))
        else:
            merged.append(shape)
    if strip and merged:
        if merged[0][0] == "text":
            merged[0] = ("text", str(merged[0][1]).lstrip())
        if merged[-1][0] == "text":
            merged[-1] = ("text", str(merged[-1][1]).rstrip())
    return [shape for shape in merged if shape != ("text", "")]


def markup_signature(markdown_text: str) -> Counter[Shape]:
    """The markup of inline Markdown, order aside: a translation may reorder a sentence."""
    return Counter(shape for shape in _shape(markdown_text) if shape[0] not in ("text", "close"))
