"""Import on real-world-shaped copy written independently of the importer: every name, every count.

Each `tests/data/import/corpus/NAME.txt` comes with `NAME.expect.json`, which says what a careful
person would make of it: the title, the groups with their labels and every name line as written,
the number of signatories, and the page furniture after the list that may be dropped.
"""

from __future__ import annotations

import json
import re

import pytest
from support import DATA

from letterlingo.importer import import_text
from letterlingo.letter import parse_letter_text
from letterlingo.markdown import plain_text
from letterlingo.signatories import signatory_texts, table_cells

CORPUS = DATA / "import" / "corpus"
CASES = sorted(path.stem for path in CORPUS.glob("*.txt"))
_NUMBER = re.compile(r"^(\d{1,9}[.)])\s+")


def _label(text: str | None) -> str | None:
    return text.strip().rstrip(":").strip().lower() if text else None


def _expected_pieces(line: str) -> list[str]:
    """What an edition shows for one expected line: its number as written, then the visible name."""
    if line.startswith("|"):
        return [plain_text(cell) for cell in table_cells(line) if cell]
    match = _NUMBER.match(line)
    if match:
        return [match.group(1), plain_text(line[match.end():])]
    return [plain_text(line)]


@pytest.mark.parametrize("name", CASES)
def test_corpus_case(name: str) -> None:
    expect = json.loads((CORPUS / f"{name}.expect.json").read_text(encoding="utf-8"))
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    result = import_text(text, source=f"{name}.txt", language=expect["language"])
    letter = parse_letter_text(result.markdown, slug=name)

    assert letter.title.text == expect["title"]
    groups = [group for group in letter.groups if group.signatories]
    assert len(groups) == len(expect["groups"]), [g.headings for g in letter.groups]
    for got, want in zip(groups, expect["groups"]):
        headings = [_label(h.text) for h in got.headings]
        if want["label"] is None:
            assert len(headings) <= 1, headings  # at most the signature cue
        else:
            assert headings and headings[-1] == _label(want["label"])
        shown = [" ".join(signatory_texts(s)) for s in got.signatories]
        assert shown == [" ".join(_expected_pieces(line)) for line in want["lines"]]
        assert got.count == want["count"], [(s.name, s.people) for s in got.signatories]
        if "table_header" in want:
            assert [c.text for c in got.columns] == list(table_cells(want["table_header"]))
    assert letter.signatory_count == expect["count"]
    assert result.report.signatory_count == expect["count"]
    dropped = {d.text for d in result.report.dropped}
    for line in expect.get("dropped", []):
        assert line.strip() in dropped, line


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


def test_two_thousand_names_with_one_affiliation_line_are_all_kept() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_signatories", DATA.parent.parent / "bench" / "signatories.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = import_text(bench.copy_with_names(2000), source="many.txt")
    letter = parse_letter_text(result.markdown, slug="many")
    assert letter.signatory_count == 2000 and len(letter.signatories) == 2000
    assert result.report.groups == [("Organisations", 1000), ("Individuals", 1000)]
    assert [d.text for d in result.report.dropped] == ["Share this:", "Facebook", "Read more", "© 2026 The Coalition"]
