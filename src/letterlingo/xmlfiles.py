"""XML files from outside (XLIFF from a CAT tool, TMX from an agency): parsed so that they
cannot attack the machine, and written so that the same content gives the same bytes.

An XLIFF or TMX file comes from someone else's tool and is untrusted input. The parser never
expands entities (a "billion laughs" file is refused, not expanded), never reads a DTD or any
other file, never touches the network, and keeps libxml2's limits on huge text nodes and deep
trees. A file that declares entities is refused outright: XLIFF and TMX need none, and an
entity that is not expanded would silently drop text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import LetterlingoError
from .fsutil import read_input


class XmlInputError(LetterlingoError):
    """An XLIFF or TMX file that cannot be used: malformed, hostile or of another format."""


def safe_parser() -> Any:
    """lxml's parser with everything that reaches outside the document switched off, and a
    resolver that answers any request for another file (a DTD, an entity) with nothing.

    (lxml's `collect_ids=False` is left alone on purpose: it makes libxml2 read the external
    DTD a DOCTYPE names, which is the very thing to avoid.)"""
    from lxml import etree

    class _Nothing(etree.Resolver):
        def resolve(self, url: str, pubid: str, context: Any) -> Any:
            return self.resolve_string("", context)

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_pis=True)
    parser.resolvers.add(_Nothing())
    return parser


def read_xml(path: Path, shown: str) -> Any:
    """The root element of an XML file, or XmlInputError naming the file and line."""
    return parse_xml(read_input(path, XmlInputError, shown), shown)


def parse_xml(data: bytes, shown: str) -> Any:
    """Parse untrusted XML bytes; see the module's docstring for what is refused."""
    from lxml import etree

    if not data.strip():
        raise XmlInputError("empty file, not XML", shown)
    try:
        tree = etree.fromstring(data, safe_parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        message = str(exc.msg or exc).split(", line ")[0].strip()
        raise XmlInputError(f"not well-formed XML: {message}", shown, line) from None
    except ValueError as exc:  # e.g. a Unicode string with an encoding declaration
        raise XmlInputError(f"not usable as XML: {exc}", shown) from None
    internal = tree.docinfo.internalDTD
    if internal is not None and any(True for _ in internal.iterentities()):
        raise XmlInputError("declares XML entities, which are refused (XLIFF and TMX need none)", shown,
                            _doctype_line(data))
    root = tree.getroot()
    for node in root.iter(etree.Entity):
        raise XmlInputError(f"uses the undeclared entity {node.text}, which is refused", shown, node.sourceline)
    return root


def _doctype_line(data: bytes) -> int | None:
    index = data.find(b"<!DOCTYPE")
    return data[:index].count(b"\n") + 1 if index >= 0 else None


def indent(element: Any, structural: frozenset[str], level: int = 0, step: str = "  ") -> None:
    """Line breaks and indentation between the children of `structural` elements only.

    lxml's pretty printer also indents inside elements whose first child is an element, which
    would add white space to a `<source>` that starts with a tag; here text content is never
    touched, so what a translator sees is exactly what was written.
    """
    if _local(element.tag) not in structural or len(element) == 0:
        return
    inner = "\n" + step * (level + 1)
    element.text = inner
    for child in element:
        indent(child, structural, level + 1, step)
        child.tail = inner
    element[-1].tail = "\n" + step * level


def serialize(root: Any) -> str:
    """The document as text with an XML declaration and a final newline (UTF-8 when written)."""
    from lxml import etree

    body = etree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def local_name(element: Any) -> str:
    """An element's name without its namespace ("" for comments and processing instructions)."""
    return _local(element.tag) if isinstance(element.tag, str) else ""
