"""Which catalogues are already merged with their template, so `update` can pass over them unread.

A merge is a pure function of the template's bytes, the catalogue's bytes, the locale and this
version of letterlingo. After each merge the digests of both files are recorded; when they are
found unchanged next time, merging again could not change anything, so the catalogue is neither
parsed nor compared. Anything else (a file edited in Poedit, a new template, a lost record) means
a real merge. The record lives in the user's cache folder, never in the project, and a record that
cannot be read or written only costs time.
"""

from __future__ import annotations

from pathlib import Path

from .cache import CacheFile, code_stamp
from .manifest import digest


class MergeRecord:
    """The digests of each catalogue and its template as they stood after their last merge."""

    def __init__(self, project_root: Path) -> None:
        self.file = CacheFile("merged", project_root)
        self.changed = False
        self.entries: dict[str, list[object]] = self.file.load()

    def kept_if_merged(self, catalogue: str, locale: str, template_digest: str, catalogue_bytes: bytes) -> int | None:
        """The number of entries the last merge kept, when nothing changed since; else None."""
        entry = self.entries.get(catalogue)
        if (isinstance(entry, list) and len(entry) == 5
                and entry[:4] == [code_stamp(), locale, template_digest, digest(catalogue_bytes)]
                and isinstance(entry[4], int)):
            return entry[4]
        return None

    def remember(self, catalogue: str, locale: str, template_digest: str, catalogue_bytes: bytes, kept: int) -> None:
        self.entries[catalogue] = [code_stamp(), locale, template_digest, digest(catalogue_bytes), kept]
        self.changed = True

    def save(self) -> None:
        if self.changed:
            self.file.save(self.entries)
