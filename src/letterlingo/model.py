"""The Letter model: the one hub that parsing fills and extraction and rendering read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

#: Block kinds whose text goes into catalogues.
TRANSLATABLE_KINDS = frozenset({"title", "description", "heading", "paragraph", "list item", "quote", "signatory heading",
                               "signatory column"})


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
    number: str | None = None  # the list number as written, with its `.` or `)`
    bullet: bool = False  # written as a bulleted list item
    cells: tuple[str, ...] = ()  # a table row's cells; `name` then joins them with " | "
    people: int = 1  # a line of comma-separated people stands for several signatories


@dataclass(frozen=True)
class SignatoryGroup:
    """Headings (translatable) followed by the names under them, in source order."""

    headings: tuple[Block, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    ordered: bool = False
    columns: tuple[Block, ...] = ()  # a table's header cells (translatable), when names are table rows

    @property
    def count(self) -> int:
        return sum(s.people for s in self.signatories)


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
    #: Body texts that equal a signatory's name on purpose (`<!-- not-a-signatory -->`).
    twins: frozenset[str] = frozenset()
    #: `signatory_count:` from the front matter, where the lines cannot tell (a "+ 40 more" line).
    declared_count: int | None = None

    @property
    def signatory_count(self) -> int:
        if self.declared_count is not None:
            return self.declared_count
        return sum(group.count for group in self.groups)

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
            for column in group.columns:
                if column.translatable:
                    yield column
