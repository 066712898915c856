"""The findings of files that have not changed since the last `check`, so a check run after editing
one catalogue re-checks that one only.

A file's findings are a pure function of its bytes and of everything the checks read besides it:
the letter (and its signatories CSV), the template, the glossary, letterlingo.toml, the checks
selected and this version of letterlingo. All of that goes into the key; anything else (a plugin
check, whose inputs are unknown) turns the cache off. Kept in the user's cache folder, never in
the project; a cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
from ..fsutil import atomic_write_text
from ..merge_record import cache_folder, digest
from .report import UNREADABLE, Finding

#: Past this many files' findings the cache keeps only the last run's (old versions pile up).
MAX_ENTRIES = 5000


class ResultsCache:
    """Findings by key (a digest of a file and all it was checked against)."""

    def __init__(self, project_root: Path, enabled: bool = True) -> None:
        self.enabled = enabled
        self.path = cache_folder() / f"checks-{digest(str(project_root.resolve()).encode('utf-8'))}.json"
        self.entries: dict[str, list[dict[str, object]]] = {}
        self.used: dict[str, list[dict[str, object]]] = {}
        if not enabled:
            return
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self.entries = loaded
        except (OSError, ValueError):
            self.entries = {}

    @staticmethod
    def key(*parts: bytes | str) -> str:
        hashed = b"\0".join(part.encode("utf-8") if isinstance(part, str) else part for part in (__version__, *parts))
        return digest(hashed)

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
        if len(kept) > MAX_ENTRIES:
            kept = dict(self.used)
        try:
            atomic_write_text(self.path, json.dumps(kept, sort_keys=True, ensure_ascii=False))
        except OSError:
            pass
