"""Generated input through import -> extract -> update -> build: refused cleanly or built, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letterlingo.build import build
from letterlingo.catalog import read_catalog
from letterlingo.config import load_config
from letterlingo.errors import LetterlingoError
from letterlingo.extract import extract
from letterlingo.importer import import_text
from letterlingo.letter import parse_letter_text
from letterlingo.update import update

WORDS = st.sampled_from(["Dear", "all,", "We", "urge", "**bold**", "*em*", "[link](https://example.org)", "ħ", "Ω",
                         "Жюри", "50%", "1.", "-", "•", "#", ">", "`code`", "<b>", "&amp;", "_x_", "\\", "SIGNED",
                         "e.V.", "Signed by:", "Organisations:", "ECPAT", "Δίκτυο", "2022", "[", "]", "(", ")"])
LINE = st.lists(WORDS, min_size=0, max_size=12).map(" ".join)
PREFIX = st.sampled_from(["", "", "", "- ", "• ", "1. ", "12) ", "## ", "> "])
TEXT = st.lists(st.tuples(PREFIX, LINE).map("".join), min_size=1, max_size=40).map("\n".join)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, titled=st.booleans())
def test_generated_copy_is_imported_and_built_or_refused(text: str, titled: bool) -> None:
    try:
        result = import_text(text, source="generated.txt", title="A title" if titled else None)
    except LetterlingoError:
        return
    letter = parse_letter_text(result.markdown, slug="g")
    assert letter.signatory_count == result.report.signatory_count
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "letters").mkdir()
        (root / "letterlingo.toml").write_text('locales = ["en", "el"]\n', encoding="utf-8")
        (root / "letters" / "g.md").write_text(result.markdown, encoding="utf-8")
        config = load_config(root)
        extract(config, "g")
        update(config, "g", ("el",))
        # A title, a body paragraph or a group label may be the same text as a name (`check`
        # reports it, and the letter can accept it); a name must never get there any other way.
        labels = {b.text for group in letter.groups for b in group.headings} | {b.text for b in letter.body}
        names = {s.name for s in letter.signatories} - {letter.title.text} - labels
        assert not any(entry.msgid in names for entry in read_catalog(config.pot_file("g")))
        report = build(config, ["g"], ("en", "el"), formats=("html",), jobs=1, include_untranslated=True)
        assert len(report.editions) == 2
        html = (config.output_path / "g" / "el" / "index.html").read_text(encoding="utf-8")
        assert "<b>" not in html.split("</head>")[1]
