"""Expected failures, each carrying the place (file and line) a user must look at."""

from __future__ import annotations

from pathlib import Path


class LetterlingoError(Exception):
    """An error caused by the user's input, not by a bug: the CLI prints it on one line and exits 2."""

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        place = ""
        if self.path:
            place = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{place}{self.message}"


class LetterError(LetterlingoError):
    """A letter source (Markdown + front matter) that cannot be used."""


class SourceImportError(LetterlingoError):
    """Raw web copy from which no usable letter can be made."""


class CatalogError(LetterlingoError):
    """A malformed .po/.pot file."""


class ConfigError(LetterlingoError):
    """A bad letterlingo.toml, [tool.letterlingo] table or command-line option."""


class EngineError(LetterlingoError):
    """A translation engine that cannot be used, or whose service failed or answered unusably."""
