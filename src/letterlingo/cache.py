"""Files in the user's cache folder that spare work on the next run of a command.

They are never in the project (nothing to commit or publish by mistake), their names carry a
digest of the project's path so projects do not share them, and a file that cannot be read or
written only costs time: the work is done again.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

from . import __version__
from .fsutil import atomic_write_text
from .manifest import digest


@functools.cache
def code_stamp() -> str:
    """This letterlingo's version and the size and time of each of its modules: cached results
    are only as good as the code that made them, and an edited checkout keeps its version."""
    files = []
    for folder, _, names in os.walk(os.path.dirname(__file__)):
        for name in names:
            if name.endswith(".py"):
                stat = os.stat(os.path.join(folder, name))
                files.append((os.path.join(folder, name), stat.st_mtime_ns, stat.st_size))
    return digest(__version__, repr(sorted(files)))


def cache_folder() -> Path:
    """`$LETTERLINGO_CACHE_DIR`, else `$XDG_CACHE_HOME/letterlingo`, else `~/.cache/letterlingo`."""
    explicit = os.environ.get("LETTERLINGO_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "letterlingo"


class CacheFile:
    """One JSON object per project and kind (`merged`, `checks`)."""

    def __init__(self, kind: str, project_root: Path) -> None:
        self.path = cache_folder() / f"{kind}-{digest(str(project_root.resolve()))[:32]}.json"

    def load(self) -> dict[str, Any]:
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def save(self, data: dict[str, Any]) -> None:
        try:
            atomic_write_text(self.path, json.dumps(data, sort_keys=True, ensure_ascii=False))
        except OSError:
            pass  # a cache that cannot be written only costs time next run
