"""output/manifest.json: what each edition was built from, so unchanged editions are skipped.

Each record keeps two keys. The content key (letter, catalogue, review options) decides the
edition's review state, which `--publish` needs for every locale before it renders any; the
render key adds everything else the files depend on (templates, CSS, fonts, the edition's own
words, formats, the language switcher) and decides whether the files must be written again.
Nothing time-dependent goes in, so the manifest itself is reproducible.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import __version__
from .errors import LetterlingoError
from .fsutil import atomic_write_text

MANIFEST = "manifest.json"


@dataclass
class FileRecord:
    path: str
    sha256: str
    size: int


@dataclass
class EditionRecord:
    slug: str
    locale: str
    state: str
    content_key: str
    render_key: str
    files: dict[str, FileRecord] = field(default_factory=dict)
    #: Per file kind, what `verify` found: "ok" or the first missing name.
    verified: dict[str, str] = field(default_factory=dict)
    #: The letter file it was built from, so `verify` can tell an edition gone stale.
    letter_sha256: str = ""
    #: What the index shows without parsing every catalogue again: the title as the edition
    #: shows it (and its language, when that is the original's), and the reviewed share.
    title: str = ""
    title_lang: str = ""
    reviewed: float = 0.0

    @property
    def name(self) -> str:
        return f"{self.slug}/{self.locale}"


def digest(*parts: bytes | str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def file_bytes(path: Path | None) -> bytes:
    if path is None:
        return b"-"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b"-"


def tree_digest(*folders: Path) -> str:
    """One hash over every file in the folders (names and contents), in a stable order."""
    parts: list[bytes | str] = [__version__]
    for folder in folders:
        if not folder.is_dir():
            parts.append("(no folder)")
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            parts.append(path.relative_to(folder).as_posix())
            parts.append(path.read_bytes())
    return digest(*parts)


def file_record(root: Path, path: Path) -> FileRecord:
    data = path.read_bytes()
    return FileRecord(path.relative_to(root).as_posix(), hashlib.sha256(data).hexdigest(), len(data))


def in_shard(slug: str, locale: str, shard: tuple[int, int] | None) -> bool:
    """A stable slice: adding a letter or locale never moves the others to another shard."""
    if shard is None:
        return True
    index, count = shard
    return zlib.crc32(f"{slug}/{locale}".encode()) % count == index - 1


def parse_shard(text: str) -> tuple[int, int]:
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise LetterlingoError(f"--shard {text!r} must look like K/N, e.g. 2/4") from None
    if not 1 <= index <= count:
        raise LetterlingoError(f"--shard {text!r}: K must be between 1 and N")
    return index, count


def manifest_name(shard: tuple[int, int] | None) -> str:
    return MANIFEST if shard is None else f"manifest-{shard[0]}-of-{shard[1]}.json"


def load_manifest(path: Path) -> dict[str, EditionRecord]:
    """Records by `slug/locale`; a missing or unreadable manifest just means: build everything."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    editions = data.get("editions") if isinstance(data, dict) else None
    records = {}
    for raw in editions if isinstance(editions, list) else []:
        try:
            files = {kind: FileRecord(**value) for kind, value in raw.pop("files", {}).items()}
            record = EditionRecord(**raw, files=files)
        except (TypeError, AttributeError):
            continue
        if isinstance(record.slug, str) and isinstance(record.locale, str):
            records[record.name] = record
    return records


def save_manifest(path: Path, records: dict[str, EditionRecord]) -> None:
    editions = [asdict(records[name]) for name in sorted(records)]
    text = json.dumps({"letterlingo": __version__, "editions": editions}, indent=2, ensure_ascii=False, sort_keys=True)
    atomic_write_text(path, text + "\n")


def merge_manifests(output: Path) -> dict[str, EditionRecord]:
    """Join the shard manifests of a CI matrix into output/manifest.json."""
    shards = sorted(output.glob("manifest-*-of-*.json"))
    if not shards:
        raise LetterlingoError(f"no shard manifests (manifest-K-of-N.json) in {output}")
    merged: dict[str, EditionRecord] = {}
    for shard in shards:
        merged.update(load_manifest(shard))
    save_manifest(output / MANIFEST, merged)
    return merged
