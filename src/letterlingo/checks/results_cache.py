"""The findings of files that have not changed since the last `check`, so a check run after editing
one catalogue re-checks that one only.

A file's findings are a pure function of its bytes and of everything the checks read besides it:
the letter (and its signatories CSV), the template, the glossary, letterlingo.toml, the checks
selected and this version of letterlingo. All of that goes into the key; anything else (a plugin
check, whose inputs are unknown) turns the cache off. Kept in the user's cache folder, never in
the project; a cache that cannot be read or written only costs time.
"""

from __future__ import annotations

from pathlib import Path

from ..cache import CacheFile, code_stamp
from ..manifest import digest
from .report import UNREADABLE, Finding

#: Past this many files' findings the cache keeps only the last run's (old versions pile up).
MAX_ENTRIES = 5000


class ResultsCache:
    """Findings by key (a digest of a file and all it was checked against)."""

    def __init__(self, project_root: Path, enabled: bool = True) -> None:
        self.enabled = enabled
        self.file = CacheFile("checks", project_root)
        self.entries: dict[str, list[dict[str, object]]] = self.file.load() if enabled else {}
        self.used: dict[str, list[dict[str, object]]] = {}

    @staticmethod
    def key(*parts: bytes | str) -> str:
        return digest(code_stamp(), *parts)

    def get(self, key: str) -> list[Finding] | None:
        found = self.entries.get(key) if self.enabled else None
        if not isinstance(found, list):
            return None
        try:
            findings = [Finding(**item) for item in found]  # type: ignore[arg-type]
        except TypeError:
            return None
        self.used[key] = found
        return findings

    def put(self, key: str, findings: list[Finding]) -> None:
        if self.enabled and not any(finding.check == UNREADABLE for finding in findings):
            self.used[key] = [finding.as_dict() for finding in findings]

    def save(self) -> None:
        """Keep what this run used or found, beside what other runs left (a run on one language
        must not forget the others); past a size, only this run's."""
        if not self.enabled or all(self.entries.get(key) == value for key, value in self.used.items()):
            return
        kept = {**self.entries, **self.used}
        self.file.save(kept if len(kept) <= MAX_ENTRIES else dict(self.used))
