"""The signatory section, read as lines: the one grammar the letter parser, import and verify share.

Names are the one part of a letter nobody may change, so the section after the marker is not
Markdown. Markdown's block rules (setext underlines, lazy continuation, indented code, fences)
would let an innocent edit merge two names, promote one to a heading that then gets translated,
or hide a few in a code block. Here each non-empty line is exactly one item: a group heading
(`## ...`), a table row (`| ... |`), or a name line with an optional list marker. Inside a name,
inline Markdown (a link, `\\(`) is still rendered.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass

from .errors import LetterError
from .markdown import join_soft_breaks, plain_text
from .model import Block, Signatory, SignatoryGroup

SIGNATORY_MARKER = "<!-- signatories -->"
MARKER_LINE = re.compile(r"^ {0,3}<!--\s*signatories\s*-->\s*$", re.IGNORECASE)
TWIN_MARKER = re.compile(r"^\s*<!--\s*not-a-signatory\s*-->\s*$", re.IGNORECASE)
#: One whole comment on its own line (a second `<!--` or `-->` inside would hide text).
COMMENT_LINE = re.compile(r"^\s*<!--(?:(?!-->|<!--).)*-->\s*$")
_COMMENT_PIECE = re.compile(r"<!-{1,2}|-{1,2}\s*>")
_MARKER_WORD = "signatories"


def near_miss_marker(line: str) -> bool:
    """A line that was probably meant as the marker: `<!-- signatory -->`, `<!-- sigantories -->`,
    `<!-- signatories -- >`, `<!- signatories -->`, or the marker with a name on the same line."""
    if MARKER_LINE.match(line) or TWIN_MARKER.match(line) or not _COMMENT_PIECE.search(line):
        return False
    for word in re.findall(r"[^\W\d_]{5,}", line.lower()):
        if word.startswith(("signat", "signed", "unterzeich", "firmat", "signé")):
            return True
        if difflib.SequenceMatcher(None, word, _MARKER_WORD).ratio() >= 0.75:
            return True
    return False


FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})")

_HEADING = re.compile(r"^\s*(#{1,6})(?:\s+(.*?))?\s*$")
_CLOSING_HASHES = re.compile(r"\s+#+$")
#: A line of three or more `-`, `*`, `_` or `=`: a Markdown rule or setext underline, never a name.
RULE_LINE = re.compile(r"^\s*([-*_=])(?:\s*\1){2,}\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:([-*+\u2022])|(\d{1,9}[.)]))(?:\s+|$)")
#: A table's `|---|:--:|` row, which marks the row above it as the header.
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


@dataclass(frozen=True)
class Line:
    """One classified line of a signatory section."""

    kind: str  # "heading", "name", "table", "separator", "comment", "blank"
    text: str
    number: str | None = None
    bullet: bool = False
    level: int = 0


def classify_line(raw: str, shown: str, line: int) -> Line:
    """What one line of the signatory section is; a line that could mislead stops with file:line."""
    stripped = raw.strip()
    if not stripped:
        return Line("blank", "")
    if all(ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Zs") for ch in stripped):
        raise LetterError("a line with only invisible characters (zero-width spaces?): delete it", shown, line)
    if MARKER_LINE.match(raw) or near_miss_marker(raw):
        raise LetterError("a second `<!-- signatories -->` marker: a letter has one signatory section", shown, line)
    if COMMENT_LINE.match(raw):
        return Line("comment", stripped)
    if re.search(r"(?<!\\)<!--|(?<!\\)-->", raw):
        raise LetterError("a comment and a name on one line, or a comment that does not close on its line: "
                          "put each comment on a line of its own", shown, line)
    if FENCE_LINE.match(raw):
        raise LetterError("a code fence in the signatory section: every line is a name there, "
                          "so remove the ``` line", shown, line)
    if RULE_LINE.match(raw):
        raise LetterError(f"a rule line {stripped!r} in the signatory section: it is not a name; "
                          "delete it (start a group with a `### Heading` line)", shown, line)
    heading = _HEADING.match(raw)
    if heading:
        text = _CLOSING_HASHES.sub("", heading.group(2) or "").strip()
        if not text:
            raise LetterError("an empty heading in the signatory section", shown, line)
        return Line("heading", text, level=len(heading.group(1)))
    if stripped.startswith("|"):
        if TABLE_SEPARATOR.match(stripped):
            return Line("separator", stripped)
        return Line("table", stripped)
    marker = _LIST_MARKER.match(raw)
    if marker:
        text = raw[marker.end():].strip()
        if not text:
            raise LetterError("an empty list item in the signatory section", shown, line)
        return Line("name", text, number=marker.group(2), bullet=marker.group(1) is not None)
    return Line("name", stripped)


def table_cells(row: str) -> tuple[str, ...]:
    """`| A | B \\| C |` -> ("A", "B \\| C"): pipes split cells unless escaped, as in GFM."""
    body = row.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return tuple(cell.strip() for cell in re.split(r"(?<!\\)\|", body))


def parse_section(lines: list[str], start: int, end: int, shown: str) -> tuple[SignatoryGroup, ...]:
    """Lines `start`..`end` (0-based) of a letter file as signatory groups, in source order."""
    classified = [classify_line(lines[i], shown, i + 1) for i in range(start, end)]
    groups: list[SignatoryGroup] = []
    headings: list[Block] = []
    names: list[Signatory] = []
    columns: tuple[Block, ...] = ()

    def close() -> None:
        nonlocal headings, names, columns
        if headings or names or columns:
            ordered = any(s.number for s in names)
            groups.append(SignatoryGroup(tuple(headings), tuple(names), ordered, columns))
        headings, names, columns = [], [], ()

    for offset, item in enumerate(classified):
        number = start + offset + 1
        if item.kind in ("blank", "comment"):
            continue
        if item.kind == "heading":
            if names or columns:
                close()
            headings.append(Block("signatory heading", join_soft_breaks(item.text), number, level=item.level))
        elif item.kind == "separator":
            previous = _previous_item(classified, offset)
            if previous is None or previous.kind != "table":
                raise LetterError("a table separator row with no header row above it", shown, number)
        elif item.kind == "table":
            following = _next_item(classified, offset)
            if following is not None and following.kind == "separator":
                if names or columns:
                    close()
                columns = tuple(Block("signatory column", cell, number) for cell in table_cells(item.text))
                continue
            cells = table_cells(item.text)
            if not cells[0]:
                raise LetterError("a table row with no name in its first cell", shown, number)
            names.append(Signatory(" | ".join(cells), number, cells=cells, people=1))
        else:
            names.append(Signatory(item.text, number, item.number, item.bullet, people=count_people(item.text)))
    close()
    return tuple(groups)


def _next_item(items: list[Line], offset: int) -> Line | None:
    return next((item for item in items[offset + 1:] if item.kind not in ("blank", "comment")), None)


def _previous_item(items: list[Line], offset: int) -> Line | None:
    return next((item for item in reversed(items[:offset]) if item.kind not in ("blank", "comment")), None)


# --- counting people on one line -------------------------------------------------------------

_PARTICLES = frozenset(
    "van von de der den da di du le la del della dos das do ter ten zu y e bin ibn al el af av st. mac".split()
)
_TITLES = frozenset("dr dr. prof prof. mr mr. ms ms. mrs mrs. mme mme. m. sir dame hon. rev. fr. sr. jr.".split())
#: Words that make a comma-separated part an affiliation or an organisation, not a person.
_NOT_A_PERSON_PATTERN = (
    r"\b(?:professor|director|directora|directrice|president|présidente?|chair|chairman|chairwoman|ceo|founder|"
    r"co-?founder|coordinator|secretary|manager|officer|member|executive|head|advisor|adviser|lawyer|researcher|"
    r"psychologist|psychotherapist|expert|survivor|activist|mep|senator|minister|mayor|judge|doctor|teacher|"
    r"editor|journalist|author|consultant|lecturer|fellow|emeritus|ambassador|representative|spokesperson|"
    r"foundation|fundaci[oó]n|fondation|fondazione|stiftung|association|associazione|asociaci[oó]n|verein|"
    r"network|centre|center|centro|centrum|centar|institute|instytut|fundacja|stowarzyszenie|verband|bund|forum|"
    r"platform|movement|coalition|collective|watch|institut|istituto|university|universit[àäé]t?|universidad|"
    r"college|school|committee|council|international|europe|european|federation|alliance|coalition|society|"
    r"trust|union|organi[sz]ation|ngo|inc|ltd|llc|gmbh|ggmbh|e\.v|asbl|a\.s\.b\.l|onlus|s\.a|plc|project|"
    r"campaign|initiative|group|children|child|rights|law|policy|health|police|office|ministry|agency|"
    r"behalf|retired|former|independent|chief|deputy|vice|senior|junior|lead|principal|partner)\b"
)


@functools.cache
def _not_a_person() -> re.Pattern[str]:
    return re.compile(_NOT_A_PERSON_PATTERN, re.IGNORECASE)


_AND = re.compile(r"\s+(?:and|&|und|et|y|e|en|och|og|ja|és|si|și|i|a|in)\s+")


def _looks_like_person(part: str) -> bool:
    words = part.split()
    if words and words[0].lower() in _PARTICLES:
        return False  # "la Luna e le Stelle" continues a name; it does not start one
    core = [w for w in words if w.lower() not in _TITLES]
    if not 2 <= len(core) <= 5 or _not_a_person().search(part) or any(ch.isdigit() for ch in part):
        return False
    for word in core:
        if word.lower() in _PARTICLES:
            continue
        first = word.lstrip("(\"'‘“")[:1]
        if not first or not first.isupper():  # uncased scripts cannot tell a name from a phrase: count 1
            return False
    return True


def count_people(name: str) -> int:
    """How many signatories one line stands for: `Anna Berg, Jonas Keller, Marie Dupont.` is 3.

    Only when every comma-separated part looks like a person's name; a line that is one person
    with an affiliation (`Dr. A. Schmidt, Professor of Law, Austria.`) or an organisation with a
    suffix (`Delta, Inc.`) stays 1. `signatory_count:` in the front matter corrects what this
    cannot know.
    """
    text = plain_text(name, name=True).strip().rstrip(".;").strip()
    # Commas inside quotes or brackets belong to one name: `Cooperativa "Il Sole, la Luna"`.
    text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]|\"[^\"]*\"|“[^”]*”|„[^“”]*[“”]|«[^»]*»", " ", text).strip()
    if "," not in text and ";" not in text:
        pair = re.split(r"\s+(?:and|und|et|y|e|i|a|en|og|och|ja|és|și|in|ir|un|agus|u)\s+", text)
        return 2 if len(pair) == 2 and all(_looks_like_person(part.strip()) for part in pair) else 1
    if ";" in text:  # `Berg, Anna; Keller, Jonas`: people as "surname, given name"
        people = [p.strip() for p in text.split(";") if p.strip()]
        if len(people) >= 2 and all(_looks_like_person(" ".join(reversed(p.split(",", 1)))) for p in people):
            return len(people)
    parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    commas = len(parts)
    if parts:
        last = _AND.split(parts[-1])
        if len(last) == 2:
            parts = parts[:-1] + [p.strip() for p in last]
    # Two parts split by a comma are as often "person, affiliation" (`Jörg Müller, TU München`)
    # as two people: count people from three parts, or from two joined by "and".
    if (commas >= 3 or len(parts) > commas) and len(parts) >= 2 and all(_looks_like_person(part) for part in parts):
        return len(parts)
    return 1


def signatory_texts(signatory: Signatory) -> list[str]:
    """The visible pieces of one signatory line, in order: what every edition must show."""
    if signatory.cells:
        return [plain_text(cell, name=True) for cell in signatory.cells if cell.strip()]
    pieces = [signatory.number] if signatory.number else []
    pieces.append(plain_text(signatory.name, name=True))
    return pieces
