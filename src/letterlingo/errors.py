"""Expected failures, each carrying the place (file and line) a user must look at."""

from __future__ import annotations

from pathlib import Path


class LetterlingoError(Exception):
    """An error caused by the user's input, not by a bug: the CLI prints it on one line and exits 2."""

    exit_code = 2
    #: True when the command has already printed why (findings, a report): main() adds nothing.
    reported = False

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

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None, *,
                 done: list[str] | None = None, final: bool = False) -> None:
        super().__init__(message, path, line)
        #: Answers for the texts before the one that failed, so the step keeps them.
        self.done = list(done or [])
        #: True when no later call in this run can succeed (a refused key, a used-up quota):
        #: the step stops using the engine at once instead of trying every catalogue.
        self.final = final


class BuildError(LetterlingoError):
    """An edition could not be rendered, or does not show every name: exit 1."""

    exit_code = 1


class ChecksFailed(LetterlingoError):
    """`check` found errors (or warnings, with --strict): exit 1, or 2 when a file could not be
    read at all; the findings said why."""

    exit_code = 1
    reported = True

    def __init__(self, exit_code: int = 1) -> None:
        super().__init__("checks failed")
        self.exit_code = exit_code


class EnginesFailed(LetterlingoError):
    """An engine failed during `translate`: exit 1; the report said which and why."""

    exit_code = 1
    reported = True

    def __init__(self) -> None:
        super().__init__("an engine failed")


class VerifyFailed(LetterlingoError):
    """`verify` found an edition without every name: exit 1; each failure was printed."""

    exit_code = 1
    reported = True

    def __init__(self) -> None:
        super().__init__("verify failed")


class UnknownLanguage(ValueError):
    """A language code Babel (CLDR) does not know; callers turn it into a located error."""
