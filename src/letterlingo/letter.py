"""Parse `letters/<slug>.md` (YAML front matter + Markdown + signatory section) into a Letter."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import LetterError
from .fsutil import normalize_newlines, read_input
from .languages import UnknownLanguage, normalize_locale
from .markdown import escape_inline, join_soft_breaks, markdown
from .model import Block, Letter, Signatory, SignatoryGroup
from .signatories import (
    COMMENT_LINE,
    FENCE_LINE,
    MARKER_LINE,
    SIGNATORY_MARKER,
    TWIN_MARKER,
    near_miss_marker,
    parse_section,
)

__all__ = ["SIGNATORY_MARKER", "parse_letter", "parse_letter_text", "read_text"]

_FENCE = re.compile(r"^(---|\.\.\.)\s*$")
_URL_SCHEMES = ("http://", "https://", "mailto:")


def read_text(path: Path) -> str:
    """Read a UTF-8 text file as users save them: BOM and CRLF tolerated, NUL and bad bytes refused."""
    data = read_input(path, LetterError)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LetterError("not valid UTF-8 text (save the file as UTF-8)", path, line) from None
    if "\x00" in text:
        raise LetterError("contains a NUL byte; is this a text file?", path, text[: text.index("\x00")].count("\n") + 1)
    return normalize_newlines(text)


def front_matter(path: Path, display_path: str | None = None) -> dict[str, Any]:
    """A letter's front matter alone, without its Markdown: what `update` and `check` need to
    know (its language, its signatories file) before deciding whether to read the whole letter."""
    meta, _ = _front_matter(read_text(path).split("\n"), display_path or str(path))
    return meta


def language_in(meta: dict[str, Any], default_language: str, shown: str) -> str:
    """The language a letter's front matter declares (its edition in that language is the letter
    itself, so no catalogue is made for it)."""
    try:
        return normalize_locale(str(meta.get("language", default_language)))
    except UnknownLanguage as exc:
        raise LetterError(f"language: {exc}", shown) from None


def parse_letter(path: Path | str, *, default_language: str = "en", display_path: str | None = None) -> Letter:
    """Parse a letter file. Errors name `display_path` (the project-relative path) and the line."""
    path = Path(path)
    shown = display_path or str(path)
    text = read_text(path)
    return parse_letter_text(text, slug=_slug_of(path), path=path, display_path=shown, default_language=default_language)


def _slug_of(path: Path) -> str:
    return path.name[: -len(".md")] if path.name.endswith(".md") else path.stem


def parse_letter_text(
    text: str,
    *,
    slug: str,
    path: Path | None = None,
    display_path: str | None = None,
    default_language: str = "en",
) -> Letter:
    """Parse letter source text; the signatory section is split off before Markdown sees it."""
    shown = display_path or (str(path) if path else f"{slug}.md")
    lines = text.split("\n")
    meta, body_start = _front_matter(lines, shown)
    title_line = _key_line(lines, body_start, "title")
    title = meta.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        raise LetterError("front matter has no title (add `title: \"...\"`)", shown, title_line or 1)
    if not isinstance(title, str):
        raise LetterError("title must be text", shown, title_line)
    description = meta.get("description")
    if description is not None and not isinstance(description, str):
        raise LetterError("description must be text", shown, _key_line(lines, body_start, "description"))
    language = meta.get("language", default_language)
    try:
        language = normalize_locale(str(language))
    except UnknownLanguage as exc:
        raise LetterError(f"language: {exc}", shown, _key_line(lines, body_start, "language")) from None
    date = _date(meta.get("date"), shown, _key_line(lines, body_start, "date"))

    marker = _find_marker(lines, body_start, shown)
    body_end = marker if marker is not None else len(lines)
    body = _parse_body(lines, body_start, body_end)
    groups: tuple[SignatoryGroup, ...] = ()
    if marker is not None:
        groups = parse_section(lines, marker + 1, len(lines), shown)
    csv_name = meta.get("signatories")
    if csv_name:
        base = path.parent.parent if path is not None else Path.cwd()
        csv_line = _key_line(lines, body_start, "signatories")
        groups = groups + _csv_signatories(_csv_path(base, csv_name, shown, csv_line), shown, csv_line, str(csv_name))
    declared = meta.get("signatory_count")
    if declared is not None and (isinstance(declared, bool) or not isinstance(declared, int) or declared < 0):
        raise LetterError("signatory_count must be a whole number", shown, _key_line(lines, body_start, "signatory_count"))
    twins = _twins(lines, body_start, body_end, body, meta, shown)

    return Letter(
        slug=slug,
        path=path or Path(shown),
        title=Block("title", join_soft_breaks(title), title_line or 1),
        description=Block("description", join_soft_breaks(description), _key_line(lines, body_start, "description") or 1)
        if description
        else None,
        language=language,
        body=body,
        groups=groups,
        date=date,
        has_signatory_section=marker is not None or bool(csv_name),
        metadata=meta,
        twins=twins,
        declared_count=declared,
    )


def _find_marker(lines: list[str], start: int, shown: str) -> int | None:
    """The marker's index; a marker that a reader could miss or misread is an error, not a guess."""
    fence: str | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        opening = FENCE_LINE.match(line)
        if opening:
            token = opening.group(1)
            if fence is None:
                fence = token
            elif token[0] == fence[0] and len(token) >= len(fence) and not line.strip()[len(token):].strip():
                fence = None
            continue
        if MARKER_LINE.match(line):
            if fence is not None:
                raise LetterError("the `<!-- signatories -->` marker is inside a code block: move it out", shown, index + 1)
            return index
        if near_miss_marker(line):
            shown_line = line.strip() if len(line.strip()) <= 60 else line.strip()[:57] + "..."
            raise LetterError(f"{shown_line!r} is not the signatory marker: write `{SIGNATORY_MARKER}` "
                              "on a line of its own, not indented", shown, index + 1)
    return None


def _twins(lines: list[str], start: int, end: int, body: tuple[Block, ...], meta: dict[str, Any],
           shown: str) -> frozenset[str]:
    """Body texts accepted as equal to a name: after a `<!-- not-a-signatory -->` line, or listed."""
    accepted: set[str] = set()
    for index in range(start, end):
        if TWIN_MARKER.match(lines[index]):
            block = next((b for b in body if b.line > index + 1), None)
            if block is None:
                raise LetterError("`<!-- not-a-signatory -->` is not followed by any text", shown, index + 1)
            accepted.add(block.text)
    listed = meta.get("not_signatories", [])
    if not isinstance(listed, list) or not all(isinstance(item, str) for item in listed):
        raise LetterError("not_signatories must be a list of texts", shown, _key_line(lines, start, "not_signatories"))
    return frozenset(accepted | set(listed))


def _csv_path(base: Path, name: object, shown: str, line: int | None) -> Path:
    """The CSV must lie inside the project: a letter is shared, and must not read other files."""
    candidate = (base / str(name)).resolve()
    root = base.resolve()
    if root != candidate and root not in candidate.parents:
        raise LetterError(f"signatories file {name} is outside the project", shown, line)
    return candidate


def _front_matter(lines: list[str], shown: str) -> tuple[dict[str, Any], int]:
    if not lines or lines[0].strip() != "---":
        raise LetterError("no front matter: the file must start with a `---` line, then `title: ...`", shown, 1)
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        raise LetterError("front matter is not closed with a `---` line", shown, 1)
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LetterError(f"invalid YAML in front matter: {problem}", shown, mark.line + 2 if mark else 2) from None
    except ValueError as exc:  # PyYAML builds dates itself: `date: 2023-13-45` fails here
        raise LetterError(f"invalid value in front matter: {exc}", shown, _key_line(lines, end, "date") or 2) from None
    if not isinstance(meta, dict):
        raise LetterError("front matter must be `key: value` lines", shown, 2)
    return meta, end + 1


def _key_line(lines: list[str], end: int, key: str) -> int | None:
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((i + 1 for i in range(1, end) if pattern.match(lines[i])), None)


def _date(value: Any, shown: str, line: int | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise LetterError(f"date {value!r} is not a YYYY-MM-DD date", shown, line) from None


def _blank_comments(lines: list[str], start: int, end: int) -> str:
    """The lines of one region, HTML comment lines blanked so numbering stays true to the file."""
    return "\n".join("" if COMMENT_LINE.match(line) else line for line in lines[start:end])


def _parse_body(lines: list[str], start: int, end: int) -> tuple[Block, ...]:
    tokens = markdown().parse(_blank_comments(lines, start, end))
    blocks: list[Block] = []
    lists: list[tuple[int, bool]] = []  # (list id, ordered)
    next_list_id = 0
    item_number: int | None = None
    quote_depth = 0
    for index, token in enumerate(tokens):
        line = (token.map[0] + start + 1) if token.map else 0
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append((next_list_id, token.type == "ordered_list_open"))
            next_list_id += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            item_number = int(token.info) if token.info.isdigit() else None
        elif token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "heading_open":
            content = join_soft_breaks(tokens[index + 1].content)
            blocks.append(Block("heading", content, line, level=int(token.tag[1:])))
        elif token.type == "paragraph_open":
            content = join_soft_breaks(tokens[index + 1].content)
            if lists:
                list_id, ordered = lists[-1]
                blocks.append(
                    Block("list item", content, line, level=len(lists), list_id=list_id, ordered=ordered, number=item_number)
                )
                item_number = None
            elif quote_depth:
                blocks.append(Block("quote", content, line, level=quote_depth))
            else:
                blocks.append(Block("paragraph", content, line))
        elif token.type in ("fence", "code_block"):
            blocks.append(Block("code", token.content, line))
        elif token.type == "hr":
            blocks.append(Block("rule", "", line))
    return tuple(blocks)


def _csv_signatories(path: Path, shown: str, line: int | None, csv_shown: str) -> tuple[SignatoryGroup, ...]:
    """Signatories from a CSV with columns name, group, url; groups keep their first-seen order.

    Errors name the file as the front matter does (`letters/x.csv:3`), not its absolute path.
    """
    try:
        text = read_text(path)
    except LetterError as exc:
        if exc.message == "file not found":
            raise LetterError(f"signatories file {csv_shown} not found", shown, line) from None
        raise LetterError(exc.message, csv_shown, exc.line) from None
    order: list[str] = []
    members: dict[str, list[Signatory]] = {}
    first_line: dict[str, int] = {}
    with io.StringIO(text, newline="") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = [cell.strip().lower() for cell in next(reader, [])]
            if "name" not in header:
                raise LetterError("signatories CSV needs a `name` column", csv_shown, 1)
            for cells in reader:
                row_line = reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) != len(header):
                    raise LetterError(f"row has {len(cells)} fields, the header has {len(header)}: "
                                      "put a name with a comma in double quotes", csv_shown, row_line)
                row = dict(zip(header, cells))
                name = row["name"].strip()
                if not name:
                    raise LetterError("empty name", csv_shown, row_line)
                group = (row.get("group") or "").strip()
                url = (row.get("url") or "").strip()
                text = escape_inline(name)
                if url:
                    if not url.lower().startswith(_URL_SCHEMES) or any(ch in url for ch in "<> \n"):
                        raise LetterError(f"url {url!r} must be an http(s):// or mailto: address", csv_shown, row_line)
                    text = f"[{text}](<{url}>)"
                if group not in members:
                    order.append(group)
                    members[group] = []
                    first_line[group] = row_line
                members[group].append(Signatory(text, row_line))
        except csv.Error as exc:
            raise LetterError(f"not a valid CSV: {exc} (a quote that is never closed?)", csv_shown, reader.line_num) from None
    return tuple(
        SignatoryGroup(
            (Block("signatory heading", group, first_line[group], level=3),) if group else (),
            tuple(members[group]),
        )
        for group in order
    )
