"""What a check run found: findings with their place, counts per letter and locale, and the exit code."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    """One reported problem, placed in a file (a .po line for entries, as polib numbers them)."""

    path: str
    line: int | None
    severity: str
    check: str
    message: str
    slug: str
    locale: str | None = None

    def format(self) -> str:
        """`path:line: severity: check: message`, the shape compilers and msgfmt use, so editors can jump."""
        place = f"{self.path}:{self.line}" if self.line else self.path
        return f"{place}: {self.severity}: {self.check}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class SummaryRow:
    """Counts for one letter and locale; `locale` None is the letter and its template."""

    slug: str
    locale: str | None
    errors: int
    warnings: int
    has_catalogue: bool = True

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


#: The check name of a file that could not be read at all (a syntax error, a broken letter):
#: the run reports it like any finding and goes on with the other files, then exits 2.
UNREADABLE = "unreadable"


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]
    summary: tuple[SummaryRow, ...]
    strict: bool = False
    checks: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == "warning")

    @property
    def exit_code(self) -> int:
        """2 when a file could not be read at all, 1 when there are errors (or, with strict,
        warnings), 0 otherwise."""
        if any(finding.check == UNREADABLE for finding in self.findings):
            return 2
        return 1 if self.errors or (self.strict and self.warnings) else 0

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def as_dict(self) -> dict[str, object]:
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "strict": self.strict,
            "exit_code": self.exit_code,
            "checks": list(self.checks),
            "summary": [row.as_dict() for row in self.summary],
            "findings": [finding.as_dict() for finding in self.findings],
        }
