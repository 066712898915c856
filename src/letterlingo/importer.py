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

from .document_import import Converted, read_source
from .errors import LetterError, SourceImportError
from .fsutil import atomic_write_text, normalize_newlines, read_input
from .import_words import (
    CHROME_LINE,
    CLOSING,
    SALUTATION,
    inline_cue,
    is_country,
    is_cue,
    is_label_phrase,
    parse_date,
    starts_with_date,
)
from .letter import SIGNATORY_MARKER, parse_letter_text, read_text
from .markdown import escape_inline, plain_text
from .signatories import RULE_LINE, TABLE_SEPARATOR, count_people, signatory_texts

_PREAMBLE_END = re.compile(
    r"^(?:the\s+)?(?:full\s+|complete\s+)?(?:text\s+of\s+the\s+)?(?:open\s+)?letter\s+(?:reads|follows|in\s+full|below)\s*:?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*[•·◦▪●▸►\-*–+]\s+(.*)$")
_LETTERED = re.compile(r"^\s*(?:[a-z]|[ivx]{1,4})[.)]\s+\S")
_NUMBERED = re.compile(r"^\s*(\d{1,4}[.)])\s+(.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_TABLE_ROW = re.compile(r"^\s*\|")
_DATE_LABEL = re.compile(
    r"^(?:published(?:\s+on)?|posted(?:\s+on)?|date|dated|updated|publicado\s+(?:em|el)|publié\s+le|"
    r"veröffentlicht\s+am|pubblicato\s+il|gepubliceerd\s+op|opublikowano|publicat\s+pe|publicerad|"
    r"julkaistu|δημοσιεύθηκε|публикувано)\s*:?\s*(.+)$", re.IGNORECASE)
_OBFUSCATED_EMAIL = re.compile(r"\[email(?:&#160;|\s|\u00a0)protected\]", re.IGNORECASE)
_EMAIL_OR_URL = re.compile(r"\S+@\S+\.\w+|https?://|www\.\S+\.\w+", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\]\(|\\[()\[\]]")
MIN_UNMARKED_SIGNATORIES = 8
#: Words a name does not end on: a line that does was wrapped ("Liga für Kinder- und").
_CONNECTORS = frozenset("and of for the und für der die das des zur zum et de du la le les pour y e i per del della "
                        "van voor het en och för og for ja és și и и за на".split())
#: A line this long means the copy has one paragraph a line (Word, Google Docs), not hard wraps.
UNWRAPPED_LINE = 160


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
    #: Lines kept as names that might not be names; a person should look at them.
    uncertain: list[Dropped] = field(default_factory=list)
    #: Where import changed the shape of the list (a label made a heading, a wrapped name joined).
    changes: list[Dropped] = field(default_factory=list)
    #: Line number of the signature cue (or of the first name when there was none).
    list_start: int | None = None

    @property
    def dropped_after_cue(self) -> list[Dropped]:
        """What left the list: import must say so even when asked to be quiet."""
        if self.list_start is None:
            return []
        return [d for d in self.dropped if d.line > self.list_start]

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
    style: str  # "bullet", "numbered", "plain", "table"
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
    """Sentences, not names: long, or ending like a sentence with many words. What counts is
    the text a reader sees: a linked name's address does not make it long."""
    if "](" in content:
        content = plain_text(content)
    if _name_list(content):
        return False  # "Eurochild, Save the Children, UNICEF, COFACE Families Europe." lists names
    words = content.split()
    if len(content) > 160 or len(words) > 20:
        return True
    if len(words) > 8 and content.rstrip().endswith((".", "!", "?", ":", ";")):
        return True
    lowercase = sum(1 for word in words if word[:1].islower())
    return len(words) >= 12 and lowercase / len(words) > 0.75


_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.|e\.V\.|Ltd\.|Inc\.|Co\.|Corp\.|S\.A\.|a\.s\.b\.l\.|gGmbH\.|St\.|Dr\.|"
                               r"Prof\.|Jr\.|Sr\.|etc\.|No\.)$")


def _is_sentence(text: str) -> bool:
    """`We write as researchers.`: several words ending like a sentence, not like `Delta Ltd.`."""
    words = text.split()
    return len(words) >= 3 and text.endswith((".", "!", "?")) and not _ABBREVIATION_END.search(text)


def _list_parts(line: str) -> list[str]:
    """The names of `A; B; C` (semicolons win: names may hold commas and "and"), or of
    `A, B, C and D` (the last "and" only after a comma)."""
    text = line.strip().rstrip(".").strip()
    if ";" in text:
        return [p.strip() for p in text.split(";") if p.strip()]
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) >= 2:
        last = re.split(r"\s+(?:and|&|und|et|y|e|en|och|og|és|și)\s+", parts[-1])
        if len(last) == 2:
            parts = parts[:-1] + [p.strip() for p in last]
    return parts


def _name_list(line: str) -> bool:
    """`Access Now, EDRi, Privacy International and Statewatch.`: several short names on one line
    (one long name among them, "Gyerekesély Közhasznú Egyesület (GYERE) Chances for Children
    Association (CCA)", does not make the line a sentence)."""
    parts = _list_parts(line)
    if len(parts) < 3 or any(part[:1].islower() or len(part.split()) > 14 for part in parts):
        return False
    return sum(1 for part in parts if len(part.split()) <= 8) >= 0.9 * len(parts)


#: A line of this many comma-separated names is a list written on one line, not one name with
#: its town and country ("Breza Association, Zagreb, Croatia").
LISTED_ON_ONE_LINE = 5


def _never_chrome(line: str, language: str = "en") -> bool:
    """A list item, or a line with a link or an address, is someone's entry, never page furniture.

    Except where its visible text is furniture itself: `[Read more](https://...)`, or a
    teaser's date "12. März 2024" that only looks like item 12.
    """
    if starts_with_date(line.strip(), language) or _is_anchor(plain_text(line)):
        return False
    style = _classify(line)[0]
    return (style != "plain" or bool(_EMAIL_OR_URL.search(line)) or "](" in line or _TABLE_ROW.match(line) is not None
            or _name_list(line) or bool(_LETTERED.match(line)))


def _is_chrome(line: str, language: str) -> bool:
    text = re.sub(r"^[#>\s]+", "", line.strip()).strip(" :|»›→·•-")
    return _is_anchor(text) or starts_with_date(text, language) or bool(RULE_LINE.match(line))


def _tidy_heading(text: str) -> str:
    text = re.sub(r"^#{1,6}\s*", "", text.strip()).strip()
    wrapped = re.fullmatch(r"(\*\*|__|\*|_)(.+)\1", text)  # **Organisations:** is a bold label
    text = (wrapped.group(2) if wrapped else text).strip().rstrip(":：,").strip()
    return text.capitalize() if text.isupper() else text


def import_text(
    text: str,
    *,
    source: str = "<stdin>",
    title: str | None = None,
    date: dt.date | None = None,
    language: str = "en",
    document: Converted | None = None,
) -> ImportResult:
    """Convert raw copy to letter source text. Raises SourceImportError when no title can be had.

    `document` is a converted .docx/.odt/HTML file (`text` is then its Markdown): its names are
    Markdown already (pandoc escaped what needed it), its footnotes end the body as numbered
    notes, and what conversion left out is reported with the rest.
    """
    report = ImportReport(source=source)
    if document is not None:
        report.source = f"{source} ({document.kind}; line numbers are those of the converted text)"
        report.dropped.extend(Dropped(0, shown, why) for shown, why in document.dropped)
        report.notes.extend(document.notes)
    text = normalize_newlines(text)
    text = re.sub("[\u2028\u2029\u0085\x0b\x0c]", "\n", text)  # line separators Word and web pages use
    lines = [line.rstrip(" \f\v") for line in text.split("\n")]  # a trailing tab is an empty cell
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
        _find_date(numbered, start, report, language)
    content = [(n, line) for n, line in numbered[start:] if not (report.date_from.startswith(f"line {n}:"))]

    content = _take_title(content, title, report, source)
    body, groups, trailing = _split_signatories(content, report, language)
    for number, line in trailing:
        if line.strip():
            report.dropped.append(Dropped(number, line.strip(), "page text after the signatory list"))

    body_markdown = _body_markdown(body, report)
    if document is not None and document.endnotes:
        # Footnotes end the body, not the document: after the names they would read as names.
        notes = "\n".join(f"{number}. {note}" for number, note in enumerate(document.endnotes, start=1))
        body_markdown = f"{body_markdown}\n\n---\n\n{notes}".lstrip()
        report.body_blocks += len(document.endnotes)
    _note_what_editions_need(body, report)
    _note_script(body, language, report)
    markdown = _assemble(report, body_markdown, groups, language, markdown_names=document is not None)
    for found in (report.dropped, report.changes, report.uncertain):
        found.sort(key=lambda item: item.line)
    _verify(markdown, groups, source, markdown_names=document is not None)
    return ImportResult(markdown, report)


#: A Markdown link whose target is `#` or nothing: copied web text keeps the words only.
_LINK_TO_NOTHING = re.compile(r"\[([^\]\n]+)\]\(\s*(#?)\s*\)")


def _note_what_editions_need(body: list[tuple[int, str]], report: ImportReport) -> None:
    """Say what the copy lacks for a publishable edition: a date, and real link addresses."""
    if report.date is None:
        report.notes.append("no date found: give --date YYYY-MM-DD (or add `date:` to the front matter); "
                            "editions print it in each language")
    for number, line in body:
        for match in _LINK_TO_NOTHING.finditer(line):
            report.notes.append(f"line {number}: the link {match.group(1)!r} points nowhere "
                                f"({match.group(2) or 'no address'}): put in the real address, or the printed "
                                "edition cannot cite it")


#: Scripts that say which language a text cannot be in: (name, first, last code point, languages).
_SCRIPTS = (("Greek", 0x0370, 0x03FF, ("el",)), ("Cyrillic", 0x0400, 0x04FF, ("bg",)))


def _note_script(body: list[tuple[int, str]], language: str, report: ImportReport) -> None:
    """A Greek or Cyrillic letter imported as English (the project's default) would be
    translated from the wrong language: say so."""
    letters = [char for _, line in body for char in line if char.isalpha()]
    for name, low, high, languages in _SCRIPTS:
        share = sum(1 for char in letters if low <= ord(char) <= high) / len(letters) if letters else 0
        if share > 0.5 and language.split("_")[0] not in languages:
            report.notes.append(f"the text is mostly in {name} script but its language is {language}: "
                                f"give --language {languages[0]} if it is written in that language")


def _find_date(numbered: list[tuple[int, str]], start: int, report: ImportReport, language: str) -> None:
    """A date from a `Published:` line in the page text, or a date-only line near the top
    (`Berlin, 12. März 2024`), before the second paragraph of the letter and before any cue."""
    prose_seen = 0
    for index, (number, line) in enumerate(numbered):
        stripped = line.strip()
        if not stripped:
            continue
        if is_cue(stripped):
            return
        if _is_prose(stripped) and index < start:
            continue  # page text before the letter: its "Published:" line still counts
        if _is_prose(stripped):
            prose_seen += 1
            if prose_seen >= 2:
                return
            continue
        label = _DATE_LABEL.match(stripped)
        candidate = _date_in(label.group(1) if label else stripped, language)
        if candidate:
            report.date, report.date_from = candidate, f"line {number}: {stripped!r}"
            return


def _date_in(text: str, language: str) -> dt.date | None:
    """`Berlin, 12. März 2024`, `5 maja 2024 r.`: a date with a place before or a word after."""
    text = re.sub(r"\s+(?:r|g|m|год|έτος)\.?$", "", text.strip().rstrip("."))
    found = parse_date(text, language)
    if found is None and "," in text and len(text.split(",")[0].split()) <= 3:
        found = parse_date(text.split(",", 1)[1], language)
    if found is None:  # "14 May 2024 by Jane Doe", "14 May 2024 | News": the date, then other words
        words = text.split()
        found = next((date for size in (4, 3) if len(words) > size
                      for date in [parse_date(" ".join(words[:size]), language)] if date), None)
    return found


def _take_title(
    content: list[tuple[int, str]], title: str | None, report: ImportReport, source: str
) -> list[tuple[int, str]]:
    first = next((i for i, (_, line) in enumerate(content) if line.strip()), None)
    if title:
        report.title, report.title_from = title.strip(), "--title"
        if first is not None and content[first][1].strip().lstrip("#").strip() == title.strip():
            return content[first + 1 :]
        return content
    if first is None:
        raise SourceImportError("the text is empty: nothing to import", source)
    first_line = content[first]
    number, line = first_line
    stripped = line.strip()
    heading = _HEADING.match(stripped)
    following = content[first + 1][1].strip() if first + 1 < len(content) else ""
    # Word copy has no blank line after the title: a line that starts anew (capital, date,
    # salutation) still ends it, where a hard-wrapped sentence would go on in lower case.
    followed_by_break = not following or following[:1].isupper() or following[:1].isdigit() or bool(
        SALUTATION.match(following))
    looks_like_title = (
        heading is not None
        or (
            followed_by_break
            and not SALUTATION.match(stripped)
            and _classify(stripped)[0] == "plain"
            and len(stripped) <= 300
            and not stripped.endswith((".", ",", ";", ":"))
            and not is_cue(stripped)
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
    content: list[tuple[int, str]], report: ImportReport, language: str
) -> tuple[list[tuple[int, str]], list[_Group], list[tuple[int, str]]]:
    """Find where the names start: a signature cue after the letter has begun (a "Signatories"
    link in a page's menu is not one), or else a run of short lines at the end of the text."""
    first_prose = next((i for i, (_, line) in enumerate(content)
                        if _is_prose(line.strip()) or SALUTATION.match(line.strip())), 0)
    for index, (number, line) in enumerate(content):
        if index < first_prose:
            continue
        names_on_line = inline_cue(line)
        if is_cue(line) or names_on_line:
            report.list_start = number
            cue = line.partition(":")[0] if names_on_line else line
            region = (_split_inline_names(number, names_on_line, report) if names_on_line else []) + content[index + 1 :]
            groups, trailing = _collect(region, _tidy_heading(cue), number, report, language)
            return content[:index], groups, trailing
    closing = any(CLOSING.match(line.strip()) for _, line in content)
    run = (_closing_run(content, first_prose, language) if closing else None) or _longest_run(content) or \
        _closing_run(content, first_prose, language)
    if run is None:
        report.notes.append("no signatory list found: add the names after a `<!-- signatories -->` line "
                            "(or give them in a CSV named by `signatories:` in the front matter)")
        return content, [], []
    begin, residue = _drop_residue(content, run, report)
    report.list_start = content[begin][0] - 1
    groups, trailing = _collect(content[begin:], None, None, report, language)
    report.notes.append(
        f"no 'Signed by' line: the signatory list was taken to start at line {content[begin][0]} "
        f"({content[begin][1].strip()!r})"
    )
    body = [entry for index, entry in enumerate(content[:begin]) if index not in residue]
    return body, groups, trailing


def _split_inline_names(number: int, names: str, report: ImportReport) -> list[tuple[int, str]]:
    """`Signed by: A, B and C.` - the names after the cue, one line each (a line of several
    people stays one line, counted as its people)."""
    if count_people(names) > 1 or not _name_list(names):
        return [(number, names)]
    parts = _list_parts(names)
    report.changes.append(Dropped(number, names, f"the names after the cue, one per line ({len(parts)})"))
    return [(number, part) for part in parts]


def _closing_run(content: list[tuple[int, str]], first_prose: int, language: str) -> tuple[int, int] | None:
    """Three or more short lines after the last sentence (and after "Yours sincerely"), before any
    page furniture: the names of a letter that has no "Signed by" line."""
    last_prose = max((i for i, (_, line) in enumerate(content) if _is_prose(line.strip()) or
                      CLOSING.match(line.strip())), default=None)
    if last_prose is None:
        return None  # no sentence at all: nothing says where a letter would end and names begin
    after = [i for i in range(last_prose + 1, len(content)) if content[i][1].strip()]
    entries = [content[i] for i in after]
    names = after[: _chrome_tail(entries, language)]
    if len(names) < 3:
        return None
    return names[0], names[-1] + 1


def _chrome_tail(entries: list[tuple[int, str]], language: str) -> int:
    """Index in `entries` where the page furniture after the last name begins (len if none).

    Read from the end: only lines that are positively furniture (share buttons, cookie text,
    dated news teasers, their summaries, a teaser title shown twice) are taken off. A line that
    is none of these stops it, unless a furniture line such as "Related news" stands above it
    with only plain lines between (the teaser headlines under it). A list item or a line with
    a link or an address always stops it, so nothing before such a line is ever dropped.
    """
    cut = len(entries)
    index = len(entries) - 1
    while index >= 0:
        line = entries[index][1].strip()
        if _never_chrome(line, language):
            break
        content = _classify(line)[1]
        twin = any(entries[j][1].strip() == line for j in (index - 1, index + 1) if 0 <= j < len(entries))
        if _is_chrome(plain_text(line), language) or _is_prose(content) or (twin and cut < len(entries)):
            cut = index
            index -= 1
            continue
        if cut == len(entries):
            break
        anchor = index - 1
        while anchor >= 0 and not _never_chrome(entries[anchor][1], language) and not _is_anchor(entries[anchor][1]):
            anchor -= 1
        if anchor < 0 or not _is_anchor(entries[anchor][1]):
            break
        cut = anchor
        index = anchor - 1
    return cut


def _is_anchor(line: str) -> bool:
    """A furniture line that opens a block of furniture ("Related news", "Share this", "Tags: ...",
    "Leia também: <a headline>")."""
    text = re.sub(r"^[#>\s]+", "", line.strip()).strip(" :|»›→·•-")
    head = text.split(":", 1)[0].strip()
    pieces = [piece for piece in re.split(r"\s+[·|•]\s+", text) if piece]
    if len(pieces) > 1 and all(CHROME_LINE.match(piece) for piece in pieces):
        return True  # "Impressum · Datenschutz · © 2024 Bündnis"
    return bool(CHROME_LINE.match(text)) or (head != text and bool(CHROME_LINE.match(head)))


def _is_label(entries: list[tuple[int, str]], index: int, after_blank: bool = False) -> bool:
    """A plain line that names a group: `Organisations`, `Academics:`, a heading, or a short line
    standing between list items of other groups and followed by a list."""
    line = entries[index][1].strip()
    following = entries[index + 1][1].strip() if index + 1 < len(entries) else None
    if following is None:
        return False  # nothing under it: a label of nothing is more likely a name
    if _HEADING.match(line):
        return True
    if _never_chrome(line) or _is_prose(line):
        return False
    if line.endswith((":", "：")) and len(line.split()) <= 8:
        return True
    if is_label_phrase(line):
        return True
    following_style, _, following_number = _classify(following)
    if following_style not in ("bullet", "numbered") or len(line.split()) > 8 or line.endswith("."):
        return False
    # Between two parts of one list it is a name the copy left unnumbered; a label starts a new list.
    previous = entries[index - 1][1].strip() if index > 0 else None
    previous_style = _classify(previous)[0] if previous else None
    if previous_style == "plain":
        return False  # plain names and list items mixed in one group
    return after_blank or previous_style != following_style or following_number in ("1.", "1)")


def _is_continuation(raw: str, previous: _Item | None, after_blank: bool = False,
                     comma_run: bool = False) -> bool:
    """The second half of a name the copy wrapped: the first half ends on "of", "und", "&" or a
    hyphen, or this half starts in lower case or with "(". Never across a blank line, and not
    for indentation alone: an indented line under a name is as often a network's member."""
    if previous is None or after_blank or previous.style == "table" or _classify(raw.strip())[0] != "plain":
        return False
    stripped = raw.strip()
    if _LETTERED.match(stripped):
        return False  # "a. Brave Movement" is an item of its own
    words = previous.text.split()
    hanging = previous.text.endswith(("-", "–", "&", "/")) or (bool(words) and words[-1].lower() in _CONNECTORS)
    # One name ending in a comma, then a short line without one: "Jean-Luc Martin," / "Paris".
    # Not in a list whose every line ends in a comma (one name a line, Word style).
    hanging = hanging or (previous.text.endswith(",") and not comma_run and not stripped.endswith(",")
                          and len(stripped.split()) <= 4)
    if previous.style == "plain" and not hanging:
        # "(in a personal capacity)" under a name qualifies that name
        return stripped[:1] == "(" and stripped.endswith(")") and len(stripped.split()) <= 8
    if previous.text.endswith((".", ";")) or (previous.text.endswith(",") and not hanging):
        return False
    return hanging or stripped[:1].islower() or stripped[:1] == "("


def _join(first: str, second: str) -> str:
    """Join a wrapped name: `Pol-` + `icy` is `Policy`, `Home-` + `Start` is `Home-Start`,
    `Kinder- und` keeps its space, anything else joins with a space."""
    if first.endswith("-") and not first.endswith(" -"):
        head = second.split()[0] if second.split() else ""
        if second[:1].isupper() or second[:1].isdigit():
            return first + second
        if head.lower() not in _CONNECTORS:
            return first[:-1] + second
    return f"{first} {second}"


_THANKS = re.compile(r"^(?:thank\s+you|thanks|many\s+thanks|merci|danke|gracias|grazie|dank\s+u|dziękujemy|obrigad[oa]|"
                     r"tack|kiitos|ευχαριστούμε|благодарим)\b", re.IGNORECASE)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_HTML_COMMENT = re.compile(r"^<!--(?:(?!-->).)*-->$")
_FENCE_LINE = re.compile(r"^\s*(?:`{3,}|~{3,})")
_TAB_HEADER = re.compile(r"\b(?:name|names|organi[sz]ation|org|country|city|role|position|title|e-?mail|"
                         r"affiliation|function|nom|pays|land|país|paese)\b", re.IGNORECASE)


def _table_lines(entries: list[tuple[int, str]]) -> set[int]:
    """Line numbers of real tables: `|` lines in a block that has a `|---|` row. A lone line
    starting with `|` is a name that happens to start with a pipe."""
    found: set[int] = set()
    block: list[int] = []
    for index in range(len(entries) + 1):
        line = entries[index][1].strip() if index < len(entries) else ""
        if _TABLE_ROW.match(line):
            block.append(index)
            continue
        if any(TABLE_SEPARATOR.match(entries[i][1].strip()) for i in block):
            found.update(entries[i][0] for i in block)
        block = []
    return found


def _tab_rows(entries: list[tuple[int, str]], report: ImportReport) -> tuple[list[tuple[int, str]], set[int]]:
    """Rows pasted from a spreadsheet or a Word table (cells separated by tabs).

    A run whose first row names columns ("Name", "Organisation", "Country") becomes a table,
    one signatory a row; `1.<TAB>Name` is Word's numbering; otherwise each cell is a name, read
    row by row. Returns the lines and the line numbers that are table rows.
    """
    out: list[tuple[int, str]] = []
    table: set[int] = set()
    index = 0
    while index < len(entries):
        run = index
        while run < len(entries) and "\t" in entries[run][1].strip(" "):
            run += 1
        if run == index:
            out.append(entries[index])
            index += 1
            continue
        rows = [(entries[i][0], [cell.strip() for cell in entries[i][1].strip(" ").split("\t")])
                for i in range(index, run)]
        if all(re.fullmatch(r"\d{1,4}[.)]?|[•·\-*–]", row[0]) and len(row) == 2 for _, row in rows):
            for number, row in rows:
                marker = row[0] if not row[0][:1].isdigit() or row[0][-1:] in ".)" else row[0] + "."
                out.append((number, f"{marker} {row[1]}"))
            report.changes.append(Dropped(rows[0][0], entries[index][1].strip(), "numbered with a tab, read as a list"))
        elif _TAB_HEADER.search(" ".join(rows[0][1])) and len(rows) >= 2:
            width = max(len(row) for _, row in rows)
            for offset, (number, row) in enumerate(rows):
                cells = [cell.replace("|", "\\|") for cell in row] + [""] * (width - len(row))
                out.append((number, "| " + " | ".join(cells) + " |"))
                table.add(number)
                if offset == 0:
                    out.append((number, "|" + "---|" * width))
            report.changes.append(Dropped(rows[0][0], entries[index][1].strip(),
                                          f"{len(rows)} tab-separated rows made a table under its header row"))
        else:
            grid = [(number, cell) for number, row in rows for cell in row if cell]
            out.extend(grid)
            report.changes.append(Dropped(rows[0][0], entries[index][1].strip(),
                                          f"{len(grid)} tab-separated names read row by row, one per line"))
        index = run
    return out, table


def _collect(
    region: list[tuple[int, str]], heading: str | None, heading_line: int | None, report: ImportReport, language: str
) -> tuple[list[_Group], list[tuple[int, str]]]:
    """Every line from the cue to the last possible name becomes a name, a group label or (for
    rules and fences) is reported; only furniture after the last name is handed back as trailing."""
    entries = [(n, line) for n, line in region if line.strip()]
    after_blank = {n for (n, line), (_, before) in zip(region[1:], region) if line.strip() and not before.strip()}
    cut = _chrome_tail(entries, language)
    trailing = entries[cut:]
    kept, tab_tables = _tab_rows(entries[:cut], report)
    tables = _table_lines(kept) | tab_tables
    groups = [_Group(heading, heading_line)]
    for index, (number, raw) in enumerate(kept):
        line = raw.strip()
        current = groups[-1]
        last = current.items[-1] if current.items else None
        if RULE_LINE.match(line) or _FENCE_LINE.match(line):
            report.dropped.append(Dropped(number, line, "a rule or code fence line between names, not a name"))
        elif re.fullmatch(r"[•·◦▪●▸►\-*–+]|\d{1,4}[.)]", line):
            report.dropped.append(Dropped(number, line, "an empty list item"))
        elif _HTML_COMMENT.match(line):
            report.dropped.append(Dropped(number, line, "an HTML comment, which the page did not show"))
        elif number in tables:
            current.items.append(_Item(number, line, "table"))
        elif _is_continuation(raw, last, number in after_blank,
                              comma_run=index >= 2 and kept[index - 2][1].strip().endswith(",")):
            assert last is not None
            last.text = _join(last.text, line)
            report.changes.append(Dropped(number, line, f"joined to the name on line {last.line} (wrapped line)"))
        elif _is_label(kept, index, number in after_blank):
            label = _tidy_heading(line)
            groups.append(_Group(label, number))
            written = _HEADING.match(line)
            if not written or written.group(1) != label:
                report.changes.append(Dropped(number, line, f"made a group heading: {label}"))
            if re.match(r"#\s", line) and current.items:
                report.uncertain.append(Dropped(number, line, "a top-level heading after names, kept as a group "
                                                              "label: does the list end here (an annex)?"))
        else:
            style, text, marker = _classify(line)
            parts = _list_parts(text) if style == "plain" and _name_list(text) and count_people(text) == 1 else []
            if len(parts) >= LISTED_ON_ONE_LINE:
                report.changes.append(Dropped(number, line, f"a line of {len(parts)} names, one per line"))
                current.items.extend(_Item(number, part, "plain") for part in parts)
                continue
            if _IMAGE.search(text):
                report.changes.append(Dropped(number, line, "an image (a logo?) in the name left out"))
                text = _IMAGE.sub("", text).strip() or text
            current.items.append(_Item(number, text, style, marker))
            if _MARK_NOTE.match(text):
                report.uncertain.append(Dropped(number, line, "a note on a mark (* …), kept as a name: is it one?"))
            elif (_is_prose(text) or _is_chrome(line, language) or _THANKS.match(text)) and count_people(text) == 1:
                report.uncertain.append(Dropped(number, line, "kept as a name, but it may not be one"))
            elif _is_sentence(plain_text(text)) and count_people(text) == 1:
                report.uncertain.append(Dropped(number, line, "reads like a sentence, kept as a name: an annex "
                                                              "or a second letter after the names?"))
            elif is_country(text, language):
                report.uncertain.append(Dropped(number, line, "a country, kept as a name: part of the name above?"))
    _check_numbers(groups, report)
    return [group for group in groups if group.items or group.heading], trailing


#: "* in a personal capacity": what a mark after some names means, not a name.
_MARK_NOTE = re.compile(r"^(?:\\?\*+|†|‡|[¹²³])\s*[^\W\d_A-Z]")


def _check_numbers(groups: list[_Group], report: ImportReport) -> None:
    """Numbers that repeat or go back ("1. 1. 1.") inside a group are kept as written, but said:
    a document's list numbering may not have converted as the document shows it."""
    for group in groups:
        previous: int | None = None
        for item in group.items:
            if item.style != "numbered" or not item.number:
                continue
            value = int(item.number[:-1])
            if previous is not None and value <= previous:
                report.uncertain.append(Dropped(item.line, f"{item.number} {item.text}",
                                                f"numbered {value} after {previous}: check the numbers against "
                                                "the original"))
            previous = value


def _longest_run(content: list[tuple[int, str]]) -> tuple[int, int] | None:
    """(start, end) indices of the longest run of name-like lines of one style, blank lines allowed."""
    best: tuple[int, int, int] | None = None
    run_start, run_style, count = None, None, 0
    for index, (_, line) in enumerate(content + [(0, "\x00 end of text, a sentence that ends every run.")]):
        stripped = line.strip()
        if not stripped:
            continue
        style, text, _ = _classify(stripped)
        breaks = _is_prose(text) or _is_sentence(text) or SALUTATION.match(stripped) or CLOSING.match(stripped)
        if breaks or (run_style is not None and style != run_style):
            if run_start is not None and count >= MIN_UNMARKED_SIGNATORIES and (best is None or count > best[2]):
                best = (run_start, index, count)
            run_start, run_style, count = None, None, 0
            if breaks:
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
    """Paragraphs and lists from the letter's body; the copy's own Markdown is kept as it is.

    Copy from Word or Google Docs has one paragraph per line and no blank lines between them;
    when lines are that long, each line is its own paragraph rather than one merged block.
    """
    filled = [index for index, (_, line) in enumerate(body) if line.strip()]
    no_blank_lines = len(filled) >= 3 and all(body[i][1].strip() for i in range(filled[0], filled[-1] + 1))
    unwrapped = no_blank_lines or any(len(line.strip()) > UNWRAPPED_LINE for _, line in body)
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[tuple[str, str | None]] = []

    def flush() -> None:
        nonlocal paragraph, items
        if paragraph:
            blocks.append(" ".join(paragraph))
            report.body_blocks += 1
            if report.salutation is None and report.body_blocks == 1 and SALUTATION.match(blocks[-1]):
                report.salutation = blocks[-1]
        if items:
            blocks.append("\n".join(f"{number} {text}" if number else f"- {text}" for text, number in items))
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
            # Short lines in a row (an address, names without a cue) are lines, not one sentence;
            # "Cordialement," closes the letter rather than ending its last paragraph.
            listing = bool(paragraph) and _short_line(text) and _short_line(paragraph[-1])
            if items or (unwrapped and paragraph) or listing or CLOSING.match(text):
                flush()
            paragraph.append(text)
        else:
            if paragraph:
                flush()
            items.append((text, marker))
    flush()
    return "\n\n".join(blocks)


def _short_line(text: str) -> bool:
    """A line that does not continue a sentence: a few words, no punctuation that runs on."""
    return len(text.split()) <= 6 and not text.endswith((",", ";", "-", "–")) and not text[:1].islower()


_BLOCK_LIKE = re.compile(r"^(?:#{1,6}(?:\s|$)|[-*+•](?:\s|$)|\d{1,9}[.)](?:\s|$)|\||<!--|`{3}|~{3}|>)")


def _name_source(text: str, style: str, markdown_names: bool = False) -> str:
    """A name as it goes into the letter file, so that it reads back exactly as it was.

    Markdown copy (a link, `\\(`) keeps its Markdown, to be rendered as the page showed it;
    plain copy is escaped where Markdown would change it (`*Stars*`, a leading `1.` on an
    unnumbered line).
    """
    if not markdown_names and not _MARKDOWN_LINK.search(text):
        text = escape_inline(text) if plain_text(text) != text else text
    if style == "plain" and _BLOCK_LIKE.match(text):
        text = "\\" + text
    return text.replace("<!--", "\\<!--").replace("-->", "--\\>")


def _expected_text(item: _Item, markdown_names: bool = False) -> str:
    if markdown_names or _MARKDOWN_LINK.search(item.text):
        return plain_text(item.text, name=True)
    return item.text


def _assemble(report: ImportReport, body: str, groups: list[_Group], language: str,
              markdown_names: bool = False) -> str:
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
            count = 0
            for item in group.items:
                if item.style == "table":
                    names.append(item.text)
                    continue
                name = _name_source(item.text, item.style, markdown_names)
                if item.style == "numbered" and item.number:
                    names.append(f"{item.number} {name}")
                elif item.style == "bullet":
                    names.append(f"- {name}")
                else:
                    names.append(name)
                people = count_people(name)
                count += people
                if people > 1:
                    report.changes.append(Dropped(item.line, item.text, f"counted as {people} signatories"))
            count += _table_rows(group)
            if names:
                section.append("\n".join(names))
                report.groups.append((group.heading or "", count))
        parts.append("\n\n".join(section) + "\n")
    return "\n".join(parts)


def _table_rows(group: _Group) -> int:
    """Data rows of the group's tables: a row followed by a `|---|` row is a header."""
    rows = [item for item in group.items if item.style == "table"]
    headers = {rows[i].line for i in range(len(rows) - 1) if TABLE_SEPARATOR.match(rows[i + 1].text)}
    return sum(1 for row in rows if not TABLE_SEPARATOR.match(row.text) and row.line not in headers)


def _verify(markdown: str, groups: list[_Group], source: str, markdown_names: bool = False) -> None:
    """Parse what was produced: every name must come back exactly as collected, or nothing is written."""
    try:
        letter = parse_letter_text(markdown, slug="import-check", display_path=source)
    except LetterError as exc:
        raise SourceImportError(f"the imported letter would not read back ({exc.message}); "
                                "nothing was written", source, exc.line) from None
    expected = [_expected_text(item, markdown_names) for group in groups for item in group.items if item.style != "table"]
    got = [signatory_texts(s)[-1] for s in letter.signatories if not s.cells]
    if got != expected:
        first = next((e for e, g in zip(expected, got) if e != g), expected[len(got)] if len(expected) > len(got) else "")
        raise SourceImportError(f"the name {first!r} would not read back as written; nothing was written", source)


def slug_from_source(path: Path) -> str:
    """`2025-open-letter.md.txt` -> `2025-open-letter`."""
    name = path.name
    for suffix in (".txt", ".md", ".markdown", ".text", ".docx", ".odt", ".html", ".htm"):
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
    expect: int | None = None,
) -> tuple[Path, ImportResult]:
    """Import `source` (or `text`, read from stdin) into `letters_dir/<slug>.md`, written atomically.

    A .docx, .odt or HTML source (told by its bytes) is converted first; a text source is read
    as pasted copy.
    """
    document = None
    if text is None:
        data = read_input(source, SourceImportError)
        kind, document = read_source(source, data)
        if document is not None:
            text = document.markdown
        else:
            try:
                text = read_text(source)
            except LetterError as exc:
                raise SourceImportError(exc.message, exc.path, exc.line) from None
    slug = slug or slug_from_source(source)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", slug):
        raise SourceImportError(f"slug {slug!r} must be letters, digits, '.', '_' or '-'")
    target = letters_dir / f"{slug}.md"
    result = import_text(text, source=str(source), title=title, date=date, language=language, document=document)
    found = result.report.signatory_count
    if expect is not None and found != expect:
        groups = "; ".join(f"{heading or '(no heading)'}: {count}" for heading, count in result.report.groups) or "none"
        raise SourceImportError(f"found {found} signatories, expected {expect} ({groups}); nothing was written", source)
    if target.exists() and not force:
        raise SourceImportError("already exists; pass --force to replace it", target)
    atomic_write_text(target, result.markdown)
    return target, result
