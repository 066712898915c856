"""The Letter model: the one hub that parsing fills and extraction and rendering read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping

#: Block kinds whose text goes into catalogues.
TRANSLATABLE_KINDS = frozenset({"title", "description", "heading", "paragraph", "list item", "quote", "signatory heading"})


@dataclass(frozen=True)
class Block:
    """One translatable (or, for `code`/`rule`, verbatim) unit of a letter.

    `text` is the block's inline Markdown with soft line breaks joined: it is the msgid, and
    rendering a translation means rendering the msgstr in the block's place.
    """

    kind: str
    text: str
    line: int
    level: int = 0
    list_id: int | None = None
    ordered: bool = False
    number: int | None = None

    @property
    def translatable(self) -> bool:
        return self.kind in TRANSLATABLE_KINDS and bool(self.text.strip())


@dataclass(frozen=True)
class Signatory:
    """A name exactly as written in the source: inline Markdown, never translated or reordered."""

    name: str
    line: int
    number: str | None = None


@dataclass(frozen=True)
class SignatoryGroup:
    """Headings (translatable) followed by the names under them, in source order."""

    headings: tuple[Block, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    ordered: bool = False


@dataclass(frozen=True)
class Letter:
    """A parsed `letters/<slug>.md`."""

    slug: str
    path: Path
    title: Block
    language: str
    body: tuple[Block, ...] = ()
    groups: tuple[SignatoryGroup, ...] = ()
    date: dt.date | None = None
    description: Block | None = None
    has_signatory_section: bool = False
    metadata: Mapping[str, object] = field(default_factory=dict)

    @property
    def signatories(self) -> tuple[Signatory, ...]:
        return tuple(s for group in self.groups for s in group.signatories)

    def translatable_blocks(self) -> Iterator[Block]:
        """Every block whose text belongs in the catalogue, in reading order; never a name."""
        yield self.title
        if self.description is not None:
            yield self.description
        for block in self.body:
            if block.translatable:
                yield block
        for group in self.groups:
            for heading in group.headings:
                if heading.translatable:
                    yield heading
