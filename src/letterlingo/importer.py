"""Turn raw web copy (pasted text or loose Markdown) into a letter source, reporting every guess.

The heuristics are deliberately visible: whatever is dropped or uncertain is listed in the
report, so the person importing can check it before translators ever see the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import LetterError, SourceImportError
from .letter import SIGNATORY_MARKER, parse_letter_text, read_text
from .fsutil import atomic_write_text
from .markdown import escape_inline, plain_text

_PREAMBLE_END = re.compile(
    r"^(?:the\s+)?(?:full\s+|complete\s+)?(?:text\s+of\s+the\s+)?(?:open\s+)?letter\s+(?:reads|follows|in\s+full|below)\s*:?$",
    re.IGNORECASE,
)
_SIGNED = re.compile(
    r"^(?:#+\s*)?(signed|signed\s+by|signatures?|signatories|list\s+of\s+signatories|co-?signed\s+by|"
    r"(?:the\s+)?undersigned|(?:with\s+the\s+)?support(?:ed)?\s+(?:of|by))\s*[:,]?\s*$",
    re.IGNORECASE,
)
_SALUTATION = re.compile(r"^(?:dear|to)\b.{0,160}[,:]$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[•·◦▪●▸►\-*–+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,4})[.)]\s+(.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_DATE_LABEL = re.compile(r"^(?:published|posted|date|dated|updated)\s*:?\s*(.+)$", re.IGNORECASE)
_OBFUSCATED_EMAIL = re.compile(r"\[email(?:&#160;|\s|\u00a0)protected\]", re.IGNORECASE)
_EMAIL_OR_URL = re.compile(r"\S+@\S+\.\w+|https?://", re.IGNORECASE)
_DATE_FORMATS = (
    "%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%a %d %b %Y", "%A %d %B %Y", "%a, %d %b %Y", "%A, %d %B %Y",
    "%B %d, %Y", "%b %d, %Y", "%d.%m.%Y", "%d/%m/%Y",
)
MIN_UNMARKED_SIGNATORIES = 8


@dataclass(frozen=True)
class Dropped:
    """Source text left out of the letter, with the reason, so nothing vanishes silently."""

    line: int
    text: str
    reason: str


@dataclass
class ImportReport:
    """What `import` detected; printed for a person to check."""

    source: str
    title: str = ""
    title_from: str = ""
    date: dt.date | None = None
    date_from: str = ""
    salutation: str | None = None
    body_blocks: int = 0
    list_items: int = 0
    groups: list[tuple[str, int]] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def signatory_count(self) -> int:
        return sum(count for _, count in self.groups)


@dataclass(frozen=True)
class ImportResult:
    markdown: str
    report: ImportReport


@dataclass
class _Item:
    line: int
    text: str
    style: str  # "bullet", "numbered", "plain"
    number: str | None = None


@dataclass
class _Group:
    heading: str | None
    heading_line: int | None
    items: list[_Item] = field(default_factory=list)


def _classify(line: str) -> tuple[str, str, str | None]:
    """(style, content, number) of a non-blank line."""
    match = _NUMBERED.match(line)
    if match:
        return "numbered", match.group(2).strip(), match.group(1)
    match = _BULLET.match(line)
    if match:
        return "bullet", match.group(1).strip(), None
    return "plain", line.strip(), None


def _is_prose(content: str) -> bool:
    """Sentences, not names: long, or ending like a sentence with many words."""
    words = content.split()
    if len(content) > 160 or len(words) > 20 or _EMAIL_OR_URL.search(content):
        return True
    if len(words) > 8 and content.rstrip().endswith((".", "!", "?", ":", ";")):
        return True
    lowercase = sum(1 for word in words if word[:1].islower())
    return len(words) >= 12 and lowercase / len(words) > 0.75


def _parse_date(text: str) -> dt.date | None:
    cleaned = re.sub(r"\s+", " ", text.strip().rstrip("."))
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def _group_heading(content: str, style: str) -> str | None:
    """A short line ending with a colon, or a Markdown heading, that names a group of signatories."""
    heading = _HEADING.match(content)
    if heading:
        return heading.group(1).strip().rstrip(":")
    if style == "plain" and content.endswith(":") and not _is_prose(content) and len(content.split()) <= 8:
        return content.rstrip(":").strip()
    return None


def _tidy_heading(text: str) -> str:
    text = text.strip().rstrip(":,").strip()
    return text.capitalize() if text.isupper() else text


def import_text(
    text: str,
    *,
    source: str = "<stdin>",
    title: str | None = None,
    date: dt.date | None = None,
    language: str = "en",
) -> ImportResult:
    """Convert raw copy to letter source text. Raises SourceImportError when no title can be had."""
    report = ImportReport(source=source)
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    numbered = list(enumerate(lines, start=1))

    start = 0
    for index, line in numbered:
        if _PREAMBLE_END.match(line.strip()):
            for number, dropped in numbered[: index - 1]:
                if dropped.strip():
                    report.dropped.append(Dropped(number, dropped.strip(), "page text before the letter"))
            report.dropped.append(Dropped(index, line.strip(), "introduces the letter"))
            start = index
            break

    if date is not None:
        report.date, report.date_from = date, "--date"
    else:
        _find_date(numbered, start, report)
    content = [(n, line) for n, line in numbered[start:] if not (report.date_from.startswith(f"line {n}:"))]

    content = _take_title(content, title, report, source)
    body, groups, trailing = _split_signatories(content, report)
    for number, line in trailing:
        if line.strip():
            report.dropped.append(Dropped(number, line.strip(), "page text after the signatory list"))

    body_markdown = _body_markdown(body, report)
    report.dropped.sort(key=lambda dropped: dropped.line)
    markdown = _assemble(report, body_markdown, groups, language)
    _verify(markdown, groups, source)
    return ImportResult(markdown, report)


def _find_date(numbered: list[tuple[int, str]], start: int, report: ImportReport) -> None:
    """A date from a `Published:` line in the page text, or a date-only line before the body."""
    first_body = next((i for i, (_, line) in enumerate(numbered) if i >= start and _is_prose(line)), len(numbered))
    for number, line in numbered[:first_body]:
        stripped = line.strip()
        if not stripped:
            continue
        label = _DATE_LABEL.match(stripped)
        candidate = _parse_date(label.group(1)) if label else _parse_date(stripped)
        if candidate:
            report.date, report.date_from = candidate, f"line {number}: {stripped!r}"
            return


def _take_title(
    content: list[tuple[int, str]], title: str | None, report: ImportReport, source: str
) -> list[tuple[int, str]]:
    first = next((i for i, (_, line) in enumerate(content) if line.strip()), None)
    first_line = content[first] if first is not None else None
    if title:
        report.title, report.title_from = title.strip(), "--title"
        if first_line and first_line[1].strip().lstrip("#").strip() == title.strip():
            return content[first + 1 :]
        return content
    if first_line is None:
        raise SourceImportError("the text is empty: nothing to import", source)
    number, line = first_line
    stripped = line.strip()
    heading = _HEADING.match(stripped)
    followed_by_blank = first + 1 >= len(content) or not content[first + 1][1].strip()
    looks_like_title = (
        heading is not None
        or (
            followed_by_blank
            and not _SALUTATION.match(stripped)
            and _classify(stripped)[0] == "plain"
            and len(stripped) <= 300
            and not stripped.endswith((".", ",", ";", ":"))
        )
    )
    if not looks_like_title:
        raise SourceImportError(
            f"no title found: the text starts with {stripped[:60]!r}; give one with --title", source, number
        )
    report.title = heading.group(1) if heading else stripped
    report.title_from = f"line {number}"
    return content[first + 1 :]


def _split_signatories(
    content: list[tuple[int, str]], report: ImportReport
) -> tuple[list[tuple[int, str]], list[_Group], list[tuple[int, str]]]:
    """Find where the names start: a `SIGNED`-style line, or else the longest run of short items."""
    for index, (number, line) in enumerate(content):
        if _SIGNED.match(line.strip()):
            heading = _tidy_heading(_HEADING.sub(r"\1", line.strip()))
            groups, end = _collect(content, index + 1, heading, number)
            return content[:index], groups, content[end:]
    run = _longest_run(content)
    if run is None:
        report.notes.append("no signatory list found: add one after a `<!-- signatories -->` line")
        return content, [], []
    begin, residue = _drop_residue(content, run, report)
    groups, end = _collect(content, begin, None, None)
    report.notes.append(
        f"no 'Signed by' line: the signatory list was taken to start at line {content[begin][0]} "
        f"({content[begin][1].strip()!r})"
    )
    body = [entry for index, entry in enumerate(content[:begin]) if index not in residue]
    return body, groups, content[end:]


def _collect(content: list[tuple[int, str]], index: int, heading: str | None, heading_line: int | None) -> tuple[list[_Group], int]:
    """Read names from `index` on until page text starts; returns the groups and where they stop."""
    groups = [_Group(heading, heading_line)]
    end = index
    while index < len(content):
        number, line = content[index]
        stripped = line.strip()
        if not stripped:
            index += 1
            continue
        style, text, marker = _classify(stripped)
        group_heading = _group_heading(stripped, style)
        current = groups[-1]
        if group_heading is not None and _items_follow(content, index + 1):
            groups.append(_Group(group_heading, number))
        elif _is_prose(text):
            break
        elif current.items and style != current.items[-1].style:
            break
        else:
            current.items.append(_Item(number, text, style, marker))
        index += 1
        end = index
    return [group for group in groups if group.items or group.heading], end


def _items_follow(content: list[tuple[int, str]], index: int) -> bool:
    following = next((line for _, line in content[index:] if line.strip()), None)
    return following is not None and not _is_prose(_classify(following.strip())[1])


def _longest_run(content: list[tuple[int, str]]) -> tuple[int, int] | None:
    """(start, end) indices of the longest run of name-like lines of one style, blank lines allowed."""
    best: tuple[int, int, int] | None = None
    run_start, run_style, count = None, None, 0
    for index, (_, line) in enumerate(content + [(0, "\x00 end of text, a sentence that ends every run.")]):
        stripped = line.strip()
        if not stripped:
            continue
        style, text, _ = _classify(stripped)
        if _is_prose(text) or (run_style is not None and style != run_style):
            if run_start is not None and count >= MIN_UNMARKED_SIGNATORIES and (best is None or count > best[2]):
                best = (run_start, index, count)
            run_start, run_style, count = None, None, 0
            if _is_prose(text):
                continue
        if run_start is None:
            run_start, run_style = index, style
        count += 1
    return (best[0], best[1]) if best else None


def _drop_residue(content: list[tuple[int, str]], run: tuple[int, int], report: ImportReport) -> tuple[int, set[int]]:
    """Logo captions and slogans above a list sit apart, behind several blank lines: leave them out."""
    start, end = run
    clusters: list[list[int]] = [[]]
    blanks = 0
    for index in range(start, end):
        if not content[index][1].strip():
            blanks += 1
            continue
        if blanks >= 2 and clusters[-1]:
            clusters.append([])
        clusters[-1].append(index)
        blanks = 0
    main = max(clusters, key=len)
    residue = {index for cluster in clusters[: clusters.index(main)] for index in cluster}
    for index in sorted(residue):
        number, line = content[index]
        report.dropped.append(Dropped(number, line.strip(), "set apart above the list (logo or slogan text?)"))
    return main[0], residue


def _body_markdown(body: list[tuple[int, str]], report: ImportReport) -> str:
    """Paragraphs and lists from the letter's body; the copy's own Markdown is kept as it is."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[tuple[str, str | None]] = []

    def flush() -> None:
        nonlocal paragraph, items
        if paragraph:
            blocks.append(" ".join(paragraph))
            report.body_blocks += 1
            if report.salutation is None and report.body_blocks == 1 and _SALUTATION.match(blocks[-1]):
                report.salutation = blocks[-1]
        if items:
            blocks.append("\n".join(f"{number}. {text}" if number else f"- {text}" for text, number in items))
            report.body_blocks += len(items)
            report.list_items += len(items)
        paragraph, items = [], []

    for number, line in body:
        stripped = line.strip()
        if _OBFUSCATED_EMAIL.search(stripped):
            report.dropped.append(Dropped(number, stripped, "obfuscated e-mail address: add the real one by hand"))
            stripped = _OBFUSCATED_EMAIL.sub("", stripped).strip()
        if not stripped:
            flush()
            continue
        style, text, marker = _classify(stripped)
        if style == "plain":
            if items:
                flush()
            paragraph.append(text)
        else:
            if paragraph:
                flush()
            items.append((text, marker))
    flush()
    return "\n\n".join(blocks)


def _assemble(report: ImportReport, body: str, groups: list[_Group], language: str) -> str:
    front: dict[str, object] = {"title": report.title}
    if report.date:
        front["date"] = report.date
    front["language"] = language
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000).strip()
    parts = [f"---\n{header}\n---\n", body + "\n"] if body else [f"---\n{header}\n---\n"]
    if groups:
        section = [SIGNATORY_MARKER]
        for group in groups:
            level = "##" if group is groups[0] and group.heading_line is not None and group.heading else "###"
            if group.heading:
                section.append(f"{level} {group.heading}")
            names = []
            for item in group.items:
                name = escape_inline(item.text)
                names.append(f"{item.number}. {name}" if item.style == "numbered" and item.number else f"- {name}")
            if names:
                section.append("\n".join(names))
            report.groups.append((group.heading or "", len(group.items)))
        parts.append("\n\n".join(section) + "\n")
    return "\n".join(parts)


def _verify(markdown: str, groups: list[_Group], source: str) -> None:
    """Parse what was produced: the names must come back exactly as collected, or this is a bug."""
    letter = parse_letter_text(markdown, slug="import-check", display_path=source)
    expected = [item.text for group in groups for item in group.items]
    got = [plain_text(s.name) if "\\" in s.name else s.name for s in letter.signatories]
    if got != expected:
        raise AssertionError(f"import produced a letter whose names do not parse back: {source}")


def slug_from_source(path: Path) -> str:
    """`2025-open-letter.md.txt` -> `2025-open-letter`."""
    name = path.name
    for suffix in (".txt", ".md", ".markdown", ".text"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "letter"


def import_letter(
    source: Path,
    letters_dir: Path,
    *,
    slug: str | None = None,
    title: str | None = None,
    date: dt.date | None = None,
    language: str = "en",
    force: bool = False,
    text: str | None = None,
) -> tuple[Path, ImportResult]:
    """Import `source` (or `text`, read from stdin) into `letters_dir/<slug>.md`, written atomically."""
    if text is None:
        try:
            text = read_text(source)
        except LetterError as exc:
            raise SourceImportError(exc.message, exc.path, exc.line) from None
    slug = slug or slug_from_source(source)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", slug):
        raise SourceImportError(f"slug {slug!r} must be letters, digits, '.', '_' or '-'")
    target = letters_dir / f"{slug}.md"
    result = import_text(text, source=str(source), title=title, date=date, language=language)
    if target.exists() and not force:
        raise SourceImportError("already exists; pass --force to replace it", target)
    atomic_write_text(target, result.markdown)
    return target, result
