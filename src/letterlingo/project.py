"""A project on disk: which letters it holds and where their files live."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .config import Config
from .errors import ConfigError, LetterError
from .letter import parse_letter
from .manifest import file_bytes
from .model import Letter


def letter_slugs(config: Config) -> list[str]:
    """Every letter in the project, sorted so output and reports are stable."""
    if not config.letters_path.is_dir():
        return []
    return sorted(path.name[:-3] for path in config.letters_path.glob("*.md") if not path.name.startswith("."))


def select_slugs(config: Config, requested: Iterable[str] | None) -> list[str]:
    """The requested slugs (checked to exist) or all of them; a project with none is an error."""
    known = letter_slugs(config)
    wanted = [slug.removesuffix(".md").split("/")[-1] for slug in requested or ()]
    if not wanted:
        if not known:
            raise ConfigError(f"no letters found in {config.relative(config.letters_path)}/ (add one with `letterlingo import`)")
        return known
    for slug in wanted:
        if slug not in known:
            raise ConfigError(f"no letter {slug!r} (known: {', '.join(known) or 'none'})")
    return wanted


def letter_inputs(config: Config, slug: str, meta: Mapping[str, Any]) -> bytes:
    """What an edition or a check of the letter depends on, as bytes: the letter file, and the
    signatories CSV its front matter names (those names are the letter's as much as its lines)."""
    path = config.letter_file(slug)
    data = file_bytes(path)
    csv_name = meta.get("signatories")
    if csv_name:
        data += b"\0" + file_bytes(path.parent.parent / str(csv_name))
    return data


def load_letter(config: Config, slug: str) -> Letter:
    path = config.letter_file(slug)
    if not path.is_file():
        raise LetterError("file not found", config.relative(path))
    return parse_letter(path, default_language=config.source_language, display_path=config.relative(path))
