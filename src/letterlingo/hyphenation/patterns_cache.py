"""Parsed hyphenation patterns kept in the user's cache folder, so a PDF worker does not parse
every language's dictionary again on every build.

pyphen parses a `hyph_*.dic` file in pure Python the first time a language is hyphenated: 1–2.5 s
for German or Hungarian, about 3 s for the 24 EU languages, in each PDF worker of each build.
A bare WeasyPrint render pays that too; loading the parsed patterns back costs a tenth of it.

pyphen keeps parsed dictionaries in its module-level `hdcache` (path -> HyphDict) and parses
only when a path is missing, so `install()` puts a dict there that looks a path up in the cache
folder first and saves what pyphen parses. A file that cannot be read or written only costs
time; a stale one is never used (its key is the dictionary's path, size, time and pyphen's
version). Only pyphen's own classes and built-in types are read back from the file.
"""

from __future__ import annotations

import io
import logging
import os
import pickle
from pathlib import Path
from typing import Any

from ..cache import cache_folder
from ..fsutil import atomic_write_bytes
from ..manifest import digest

logger = logging.getLogger(__name__)

#: Bumped when the stored layout changes.
FORMAT = "1"


class _PatternsUnpickler(pickle.Unpickler):
    """Reads back built-in containers and pyphen's DataInt (a pattern value with an alternative
    spelling, as in Hungarian "ssz=sz"), nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "pyphen" and name == "DataInt":
            import pyphen

            return pyphen.DataInt
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a hyphenation cache")


def cache_path(dictionary: Path) -> Path:
    """Where the parsed form of this dictionary file lives, for this pyphen version."""
    import pyphen

    stat = os.stat(dictionary)
    key = digest(FORMAT, getattr(pyphen, "VERSION", getattr(pyphen, "__version__", "")), str(dictionary),
                 str(stat.st_size), str(stat.st_mtime_ns))
    return cache_folder() / "hyphenation" / f"{Path(dictionary).stem}-{key[:24]}.pickle"


def load(dictionary: Path) -> Any | None:
    """The dictionary as a pyphen HyphDict from the cache folder, or None (not cached, unreadable)."""
    import pyphen

    try:
        data = cache_path(dictionary).read_bytes()
        patterns, maxlen = _PatternsUnpickler(io.BytesIO(data)).load()
    except (OSError, pickle.UnpicklingError, ValueError, TypeError, EOFError, AttributeError, IndexError):
        return None
    if not isinstance(patterns, dict) or not isinstance(maxlen, int):
        return None
    parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
    parsed.patterns, parsed.maxlen, parsed.cache = patterns, maxlen, {}
    return parsed


def save(dictionary: Path, parsed: Any) -> None:
    """Keep pyphen's parse of a dictionary for the next process."""
    try:
        atomic_write_bytes(cache_path(dictionary), pickle.dumps((parsed.patterns, parsed.maxlen), protocol=5))
    except (OSError, AttributeError, pickle.PicklingError):
        logger.debug("hyphenation cache for %s not written", dictionary)


class _CachedDictionaries(dict[Any, Any]):
    """pyphen's `hdcache`, backed by the cache folder: `path in hdcache` loads a saved parse,
    and a dictionary pyphen has just parsed is saved."""

    def __contains__(self, path: object) -> bool:
        if dict.__contains__(self, path):
            return True
        if not isinstance(path, (str, os.PathLike)):
            return False
        parsed = load(Path(path))
        if parsed is None:
            return False
        dict.__setitem__(self, path, parsed)
        return True

    def __setitem__(self, path: Any, parsed: Any) -> None:
        dict.__setitem__(self, path, parsed)
        if isinstance(path, (str, os.PathLike)):
            save(Path(path), parsed)


def install() -> None:
    """Back pyphen's dictionary cache with the cache folder in this process (idempotent)."""
    import pyphen

    current = getattr(pyphen, "hdcache", None)
    if isinstance(current, _CachedDictionaries) or not isinstance(current, dict):
        return  # already installed, or a pyphen without this cache: it parses as before
    cached = _CachedDictionaries()
    dict.update(cached, current)
    pyphen.hdcache = cached
