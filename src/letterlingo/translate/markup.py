"""Our tags (`<g1>…</g1>`, `<x2/>`) in the form each service's markup mode keeps, and back.

Services that parse markup (DeepL with `tag_handling=xml`, LibreTranslate with
`format=html`, Microsoft with `textType=html`) move tags with the words they wrap instead of
translating them; in exchange, the text between tags must be escaped (`&` as `&amp;`), and
their answers unescaped.

Microsoft asks that HTML be well-formed, complete elements, which `<g1>` and `<x2/>` are
not; they travel as `<span id="g1">…</span>` and `<span class="notranslate" id="x2"></span>`
(Microsoft leaves the content of a `notranslate` element alone) and are mapped back exactly.
A span the service dropped, duplicated or mangled is left out, so the tag it stood for is
missing and the translate step rejects the answer with a reason.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from .protect import TAG


def outside_tags(text: str, change: Callable[[str], str]) -> str:
    """Apply `change` to the text between our tags, leaving the tags as they are."""
    parts, position = [], 0
    for match in TAG.finditer(text):
        parts.append(change(text[position:match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(change(text[position:]))
    return "".join(parts)


def escape(text: str) -> str:
    """`&`, `<` and `>` between our tags as entities, for services that parse markup."""
    return outside_tags(text, lambda chunk: html.escape(chunk, quote=False))


def unescape(text: str) -> str:
    """Entities between our tags as characters again."""
    return outside_tags(text, html.unescape)


def has_tags(text: str) -> bool:
    return TAG.search(text) is not None


def to_html(text: str) -> str:
    """Tagged text as well-formed HTML for Microsoft's `textType=html`."""
    parts, position = [], 0
    for match in TAG.finditer(text):
        parts.append(html.escape(text[position:match.start()], quote=False))
        closing, kind, number = match.group(1) == "/", match.group(2).lower(), match.group(3)
        if kind == "x":
            parts.append(f'<span class="notranslate" id="x{number}"></span>')
        else:
            parts.append("</span>" if closing else f'<span id="g{number}">')
        position = match.end()
    parts.append(html.escape(text[position:], quote=False))
    return "".join(parts)


_SPAN = re.compile(r"<\s*(/?)\s*span\b([^>]*)>", re.IGNORECASE)
_ID = re.compile(r"""\bid\s*=\s*["']?\s*([gx])(\d+)\s*["']?""", re.IGNORECASE)


def from_html(text: str) -> str:
    """Microsoft's HTML answer with our tags again: `<span id="g1">` is `<g1>`, its closing
    `</span>` is `</g1>`, a `notranslate` span `x2` (whatever it contains) is `<x2/>`."""
    parts: list[str] = []
    stack: list[tuple[str, str]] = []  # ("g" | "x" | "", number) per open span
    position = atom_start = 0
    inside_atom = 0
    for match in _SPAN.finditer(text):
        if not inside_atom:
            parts.append(html.unescape(text[position:match.start()]))
        position = match.end()
        if match.group(1):  # </span>
            if not stack:
                continue
            kind, number = stack.pop()
            if kind == "x":
                inside_atom -= 1
            elif kind == "g" and not inside_atom:
                parts.append(f"</g{number}>")
            continue
        found = _ID.search(match.group(2))
        kind, number = (found.group(1).lower(), found.group(2)) if found else ("", "")
        stack.append((kind, number))
        if inside_atom:
            if kind == "x":
                inside_atom += 1
            continue
        if kind == "x":
            parts.append(f"<x{number}/>")
            inside_atom += 1
            atom_start = position
        elif kind == "g":
            parts.append(f"<g{number}>")
    # An atom span the service never closed must not swallow the words after it.
    rest = text[position:] if not inside_atom else _SPAN.sub("", text[atom_start:])
    parts.append(html.unescape(rest))
    return "".join(parts)
