"""Files as users give them and as we write them: reads that tolerate what editors save
(a BOM, CRLF), writes that never leave a half-written file behind, and the build time that
SOURCE_DATE_EPOCH fixes for reproducible output."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

from .errors import LetterlingoError


def read_input(path: Path, error: type[LetterlingoError], shown: str | Path | None = None) -> bytes:
    """The bytes of a user's file, or `error` saying in one line why it cannot be had."""
    shown = shown if shown is not None else path
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise error("file not found", shown) from None
    except IsADirectoryError:
        raise error("is a folder, not a file", shown) from None
    except OSError as exc:
        raise error(f"cannot be read: {exc.strerror}", shown) from None


def atomic_write_text(path: Path, text: str) -> bool:
    """Write `text` to `path` through a temporary file in the same folder, renamed into place.

    A crash or kill at any moment leaves either the old file or the new one, never a mix.
    Returns False (and touches nothing) when the file already holds exactly this text, so
    unchanged catalogues keep their dates and diffs stay empty.
    """
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> bool:
    """`atomic_write_text` for bytes (fonts, images): same guarantees, same return value."""
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = str(path.parent / f".{path.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return True


def normalize_newlines(text: str) -> str:
    """Text as saved by any editor (a BOM, CRLF or CR line ends) as letterlingo reads it."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def build_time(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """Now (UTC), or SOURCE_DATE_EPOCH when it is set, so the same inputs give the same files."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
