"""Generated signatory sections and pasted lists: refused with a line number, or every line kept.

Two properties. A hand-edited signatory section either stops with file:line, or every one of
its lines comes out verbatim in the letter, in no msgid, and verified in the built edition.
Pasted copy after a signature cue either fails to import cleanly, or every one of its lines is
accounted for: a name, a group heading, a line joined to a name, or reported as dropped.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letterlingo.build import build
from letterlingo.catalog import read_catalog
from letterlingo.config import load_config
from letterlingo.errors import LetterError, LetterlingoError
from letterlingo.extract import extract
from letterlingo.importer import import_text
from letterlingo.letter import parse_letter_text
from letterlingo.markdown import plain_text
from letterlingo.signatories import signatory_texts

TOKENS = st.sampled_from([
    "#", "##", "###", "---", "***", "___", "|", "| A | B |", "|---|---|", "1.", "2)", "42.", "-", "*", "+", "•",
    "```", "~~~", "    ", "<!--", "-->", "<!-- note -->", "[Link](https://example.org)", "[x](#)", "\\(", "\\)",
    "Save the Children", "ECPAT", "e.V.", "&", "<b>", "`code`", "**bold**", "_x_", "Δίκτυο", "Жюри", "محمد", "אברהם",
    "王小明", "🌍", "\u00a0", "\u200b", "\u200d", "Anna Berg,", "Jonas Keller", "and", "Ltd.", ":", "=", "=====",
])
SECTION_LINE = st.lists(TOKENS, min_size=0, max_size=6).map(" ".join)
SECTION = st.lists(SECTION_LINE, min_size=1, max_size=25)
HEAD = "---\ntitle: T\n---\nDear all,\n\nWe ask.\n\n<!-- signatories -->\n"
HEAD_LINES = HEAD.count("\n")


def _project(root: Path, text: str) -> None:
    (root / "letters").mkdir()
    (root / "letterlingo.toml").write_text('locales = ["en", "de"]\n', encoding="utf-8")
    (root / "letters" / "g.md").write_text(text, encoding="utf-8")


@pytest.mark.slow
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=SECTION)
def test_hand_edited_section_is_refused_with_a_line_or_kept_verbatim(lines: list[str]) -> None:
    text = HEAD + "\n".join(lines) + "\n"
    try:
        letter = parse_letter_text(text, slug="g", display_path="letters/g.md")
    except LetterError as exc:
        assert exc.line is not None and HEAD_LINES < exc.line <= HEAD_LINES + len(lines)
        return
    items = {s.line: s for s in letter.signatories}
    headings = {b.line for group in letter.groups for b in (*group.headings, *group.columns)}
    for offset, raw in enumerate(lines):
        number = HEAD_LINES + 1 + offset
        stripped = raw.strip()
        if not stripped or re.fullmatch(r"<!--.*-->", stripped) or number in headings:
            continue
        if number in items:
            signatory = items[number]
            written = " | ".join(signatory.cells) if signatory.cells else signatory.name
            assert written in raw.replace("|", " | ") or signatory.name in raw or signatory.cells
            continue
        assert re.fullmatch(r"\|?[\s:|-]+\|?", stripped), f"line {number} {raw!r} vanished"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _project(root, text)
        config = load_config(root)
        extract(config, "g")
        names = {s.name for s in letter.signatories} | {plain_text(s.name) for s in letter.signatories}
        labels = {b.text for group in letter.groups for b in (*group.headings, *group.columns)}
        assert not any(entry.msgid in names - labels  # a label may equal a name; only labels are msgids
                       for entry in read_catalog(config.pot_file("g")) if entry.msgid.strip())
        try:
            report = build(config, ["g"], ("en", "de"), formats=("html",), jobs=1)
        except LetterlingoError as exc:  # a character no font can draw: refused with its line
            assert "no font has" in exc.message and exc.line is not None
            return
        assert not report.failed_proofs, [p.files for p in report.proofs]
        assert all(proof.ok for proof in report.proofs) == bool(letter.signatories)


PASTE_TOKENS = st.sampled_from([
    "Save the Children", "ECPAT", "International", "e.V.", "Stiftung", "Fundación", "Δίκτυο", "Жюри", "王小明", "محمد",
    "Anna Berg,", "Jonas Keller", "Dr.", "Professor of Law,", "Austria.", "[Name](#)", "[Org](https://org.eu)",
    "info@org.eu", "Share", "Read more", "Organisations", "INDIVIDUALS", "Academics:", "12 March 2024", "News",
    "(CRIN)", "&", "/", "–", "#IWAS", "1.", "•", "*Stars*", "und", "for",
])
PASTE_PREFIX = st.sampled_from(["", "", "- ", "• ", "* ", "1. ", "17) ", "  ", "## "])
PASTE_LINE = st.tuples(PASTE_PREFIX, st.lists(PASTE_TOKENS, min_size=1, max_size=7).map(" ".join)).map("".join)
PASTE = st.lists(st.one_of(PASTE_LINE, st.just("")), min_size=1, max_size=30)


def _plain(text: str) -> str:
    return " ".join(plain_text(text).split()).casefold()


@settings(max_examples=150, deadline=None)
@given(lines=PASTE)
def test_pasted_list_loses_no_line(lines: list[str]) -> None:
    copy = "An open letter\n\nDear all,\n\nWe ask you to act now for every child in Europe.\n\nSigned by:\n\n" + "\n".join(lines)
    try:
        result = import_text(copy, source="pasted.txt")
    except LetterlingoError:
        return
    letter = parse_letter_text(result.markdown, slug="p")
    shown = [_plain(" ".join(signatory_texts(s))) for s in letter.signatories]
    shown += [_plain(b.text) for group in letter.groups for b in group.headings]
    reported = {_plain(item.text) for item in (*result.report.dropped, *result.report.changes)}
    for raw in lines:
        if not raw.strip():
            continue
        content = re.sub(r"^\s*(?:[•·◦▪●▸►\-*–+]|##)\s+", "", raw.strip())
        text = _plain(content)
        numberless = _plain(re.sub(r"^\d{1,4}[.)]\s+", "", content))
        assert (text in reported or _plain(raw) in reported
                or any(text in s or numberless in s for s in shown)), f"{raw!r} was lost"
