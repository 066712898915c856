"""What a check is: a named function with a severity and a scope, and what it reports."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import polib

    from ..config import Config
    from ..glossary import Glossary
    from ..model import Letter

Severity = Literal["error", "warning"]
Scope = Literal["entry", "catalogue", "letter"]
SEVERITIES: tuple[str, ...] = ("error", "warning")
SCOPES: tuple[str, ...] = ("entry", "catalogue", "letter")


@dataclass(frozen=True)
class Failure:
    """One problem a catalogue or letter check found; `severity` overrides the check's own."""

    message: str
    line: int | None = None
    severity: Severity | None = None


@dataclass(frozen=True)
class EntryContext:
    """What an entry check may need besides the two strings; every field has a test-friendly default.

    For a plural entry the runner passes msgid as the source of msgstr[0] and msgid_plural for
    the other forms; `msgid_plural` and `form` let the format check compare as msgfmt does, and
    `strict` is false for a form the plural expression uses for a single n (which may leave out
    the number, as in "one file").
    """

    locale: str | None = None
    source_language: str = "en"
    flags: tuple[str, ...] = ()
    msgid: str | None = None
    msgid_plural: str | None = None
    form: int | None = None
    strict: bool = True
    glossary: Glossary | None = None


@dataclass(frozen=True)
class CatalogueContext:
    """One .po (or, with `locale` None, the .pot) as a catalogue check sees it."""

    catalogue: polib.POFile
    path: str
    locale: str | None = None
    source_language: str = "en"
    letter: Letter | None = None
    template: polib.POFile | None = None
    text: str | None = None
    glossary: Glossary | None = None

    @property
    def is_template(self) -> bool:
        return self.locale is None

    def header_line(self, field: str | None = None) -> int | None:
        """The line of a header field (`"Language: ...`) or of the header entry, if the text is known."""
        if self.text is None:
            return None
        lines = self.text.split("\n")
        if field is not None:
            prefix = f'"{field}:'
            for number, line in enumerate(lines, start=1):
                if line.lstrip().startswith(prefix):
                    return number
        for number, line in enumerate(lines, start=1):
            if line.strip() == 'msgid ""':
                return number
        return None


@dataclass(frozen=True)
class LetterContext:
    """A parsed letter as a letter check sees it; `path` is as the user sees it."""

    letter: Letter
    path: str
    text: str | None = None
    config: Config | None = None


EntryFunction = Callable[[str, str, EntryContext], Iterable[str]]
CatalogueFunction = Callable[[CatalogueContext], Iterable[Failure]]
LetterFunction = Callable[[LetterContext], Iterable[Failure]]


@dataclass(frozen=True)
class Check:
    """A named quality check. Its title is the first line of its function's docstring.

    Entry checks get (source, translation, EntryContext) and yield messages; catalogue and
    letter checks get a context and yield Failures. Calling a Check returns the list of what
    its function yields, so tests read like Translate Toolkit's: `assert links(src, dst)`.
    """

    name: str
    severity: Severity
    scope: Scope
    function: Callable[..., Iterable[Any]]
    templates: bool = False
    origin: str = "letterlingo"

    def __post_init__(self) -> None:
        if not self.name or not self.name.replace("-", "").replace("_", "").isalnum():
            raise ValueError(f"check name {self.name!r} must be letters, digits and dashes")
        if self.severity not in SEVERITIES:
            raise ValueError(f"check {self.name!r}: severity must be one of {', '.join(SEVERITIES)}")
        if self.scope not in SCOPES:
            raise ValueError(f"check {self.name!r}: scope must be one of {', '.join(SCOPES)}")

    @property
    def title(self) -> str:
        doc = (self.function.__doc__ or "").strip()
        return doc.splitlines()[0].strip() if doc else self.name

    @property
    def example(self) -> str:
        """What the check finds, from the `Example:` sentence of its docstring ("" if none)."""
        doc = self.function.__doc__ or ""
        _, found, rest = doc.partition("Example:")
        return " ".join(rest.split("\n\n")[0].split()) if found else ""

    def __call__(self, *args: Any, **kwargs: Any) -> list[Any]:
        return list(self.function(*args, **kwargs))


def entry_check(name: str, severity: Severity) -> Callable[[EntryFunction], Check]:
    """Declare an entry check: `@entry_check("links", "error")` over `def links(source, translation, ctx)`."""
    return lambda function: Check(name, severity, "entry", function)


def catalogue_check(name: str, severity: Severity, *, templates: bool = False) -> Callable[[CatalogueFunction], Check]:
    """Declare a catalogue check; `templates=True` also runs it on the .pot."""
    return lambda function: Check(name, severity, "catalogue", function, templates=templates)


def letter_check(name: str, severity: Severity) -> Callable[[LetterFunction], Check]:
    """Declare a check on the letter source itself."""
    return lambda function: Check(name, severity, "letter", function)
