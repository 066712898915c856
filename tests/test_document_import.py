"""`import` of Word, OpenDocument and HTML files: real documents built from the three shared
letters (tests/documents.py), converted by the real pandoc, compared name by name and with
golden letters; broken and misnamed files refused with one line, nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import documents
import pytest
from support import DATA

from letterlingo.cli import main
from letterlingo.errors import SourceImportError
from letterlingo.importer import import_letter
from letterlingo.letter import parse_letter_text
from letterlingo.verify import probes

GOLDEN = DATA / "documents"
pytestmark = pytest.mark.slow  # pandoc runs on some 30 documents


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("documents")
    documents.write_all(folder)
    return folder


def _names(markdown: str) -> list[str]:
    return [probe.text for probe in probes(parse_letter_text(markdown, slug="imported"))]


DOCUMENTS = sorted(f"{key}{suffix}.docx" for key in documents.LETTERS for suffix in documents.DOCX_VARIANTS) + \
    sorted(f"{key}{suffix}" for key in documents.LETTERS for suffix in (".odt", "-gdocs.html", "-page.html"))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_name_comes_through_and_the_letter_matches_its_golden_file(
        made: Path, tmp_path: Path, name: str, update_golden: bool) -> None:
    key = next(key for key in sorted(documents.LETTERS, key=len, reverse=True) if name.startswith(key))
    target, result = import_letter(made / name, tmp_path, expect=documents.EXPECTED_COUNT[key])
    markdown = target.read_text(encoding="utf-8")
    names = _names(markdown)
    if name.endswith("-plain-labels.docx") and documents.comma_group(key) is not None:
        assert result.report.changes, "the line of names was split one per line, and the report says so"
    assert [" ".join(n.split()) for n in names] == [" ".join(n.split()) for n in documents.EXPECTED_NAMES[key]]
    golden = GOLDEN / f"{name}.md"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(markdown, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run with --update-golden and read it"
    assert markdown == golden.read_text(encoding="utf-8"), f"{name}: the imported letter differs from {golden}"


@pytest.mark.parametrize("key", sorted(documents.LETTERS))
def test_a_web_page_loses_its_furniture_not_its_names(made: Path, tmp_path: Path, key: str) -> None:
    target, result = import_letter(made / f"{key}-page.html", tmp_path)
    letter = target.read_text(encoding="utf-8")
    for chrome in documents.WEB_PAGE_CHROME:
        if any(chrome in name for name in documents.EXPECTED_NAMES[key]):
            continue  # "Catherine Brown" is a signatory as well as a headline's subject
        assert chrome not in letter, f"{chrome!r} from the page's furniture is in the letter"
    dropped = " ".join(item.text for item in result.report.dropped)
    assert "cookies" in dropped and "Related news" in dropped, "what was left out is listed"


def test_google_docs_keeps_bold_and_real_link_targets(made: Path, tmp_path: Path) -> None:
    target, _ = import_letter(made / "2025-gdocs.html", tmp_path)
    letter = target.read_text(encoding="utf-8")
    assert "**109 signatories**" in letter
    assert "google.com/url" not in letter
    assert "](https://example.org/2025/millions-of-children-unprotected?lang=en&id=1)" in letter


def test_word_extras_are_left_out_and_listed(made: Path, tmp_path: Path) -> None:
    target, result = import_letter(made / "2025-extras.docx", tmp_path)
    letter = target.read_text(encoding="utf-8")
    reasons = {item.reason for item in result.report.dropped}
    assert {"image", "page header", "page footer"} <= reasons
    assert any(reason.startswith("comment by") for reason in reasons)
    assert documents.DOCX_EXTRAS["comment"] not in letter
    assert "media/" not in letter and "![" not in letter
    assert any("tracked changes" in note for note in result.report.notes)


def test_footnotes_end_the_body_as_numbered_notes(made: Path, tmp_path: Path) -> None:
    target, _ = import_letter(made / "2025-footnote.docx", tmp_path)
    letter = target.read_text(encoding="utf-8")
    body, _, names = letter.partition("<!-- signatories -->")
    assert "¹" in body and f"1. {documents.FOOTNOTE_TEXT}" in body
    assert documents.FOOTNOTE_TEXT not in names


def test_word_numbers_are_the_ones_word_shows(made: Path, tmp_path: Path) -> None:
    target, _ = import_letter(made / "2025.docx", tmp_path)
    names = _names(target.read_text(encoding="utf-8"))
    assert names[0].startswith("1. ") and names[-1].startswith("109. ")


@pytest.mark.parametrize("kind, message", [
    ("truncated_docx", "damaged or incomplete zip"),
    ("zip_not_document", "not a Word (.docx) or OpenDocument (.odt) document"),
    ("old_doc", "old binary Word (.doc)"),
    ("encrypted_docx", "password-protected"),
    ("empty_docx", "empty"),
])
def test_broken_documents_are_refused_in_one_line_and_nothing_is_written(
        tmp_path: Path, kind: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    source = documents.make_hostile(kind, tmp_path / "in")
    project = tmp_path / "project"
    (project / "letters").mkdir(parents=True)
    code = main(["--project", str(project), "import", str(source)])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    lines = [line for line in (out + err).splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and source.name in lines[0], out + err
    assert not list((project / "letters").iterdir())


@pytest.mark.parametrize("kind", ["docx_named_txt", "html_named_docx"])
def test_the_kind_comes_from_the_bytes_not_the_name(tmp_path: Path, kind: str) -> None:
    source = documents.make_hostile(kind, tmp_path / "in")
    target, result = import_letter(source, tmp_path / "letters", slug="letter", expect=109)
    assert "(Word document" in result.report.source or "(Google Docs" in result.report.source
    assert len(_names(target.read_text(encoding="utf-8"))) == 109


def test_expect_refuses_a_wrong_count_and_writes_nothing(made: Path, tmp_path: Path) -> None:
    with pytest.raises(SourceImportError, match="found 109 signatories, expected 110"):
        import_letter(made / "2025.docx", tmp_path, expect=110)
    assert not list(tmp_path.iterdir())


def test_the_cli_reports_what_the_document_left_out(made: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    (project / "letters").mkdir(parents=True)
    code = main(["--project", str(project), "import", str(made / "2025-extras.docx"), "--expect", "109"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "Word document" in out
    assert re.search(r"document: 'Letterhead of the coalition.*\(page header\)", out)
    assert (project / "letters" / "2025-extras.md").is_file()


OUTSIDE = DATA / "documents" / "outside"
#: Documents made by hand in Word's and LibreOffice's shapes by someone who had not read the
#: importer: how many signatories each holds.
OUTSIDE_COUNTS = {
    "de_wordlist.docx": 16,  # a Word list that goes on counting across two headed groups; umlauts, e.V., emoji
    "fr_typed_tracked.docx": 14,  # typed numbers, tracked changes, Arabic and Hebrew names
    "en_table.docx": 11,  # a table; one cell holds three names under each other (Shift+Enter)
    "en_table_2para.docx": 3,  # a cell of two paragraphs
    "el_textbox.docx": 5,  # Greek names in a text box (VML)
    "el_textbox_lo_resaved.docx": 5,  # the same, saved by LibreOffice (DrawingML)
    "en_comma.docx": 15,  # three headed groups, each one comma-separated line
    "en_comma2.docx": 8,  # one comma-separated line ending with a full stop
    "t_comma1.txt": 5,  # the same as pasted copy
    "pl_lo_resaved.docx": 8,  # LibreOffice's list numbering, which pandoc reads as 1. 1. 1.
    "web_outside_article.html": 5,  # the names in a <section> after the </article>
    "web_campaign.html": 12,  # 11 names and "* in a personal capacity", kept and flagged as uncertain
    "en_table_grid.docx": 3,  # nine names in a 3 × 3 table with no header row: three rows, no column labels
    "wp.html": 9,  # WordPress: names in one <p>, separated by <br>
    "accordion.html": 8,  # two folded panels (hidden, aria-hidden), their buttons the group labels
    "gdocs.html": 8,  # Google Docs: nested bullets, a table whose bold first row labels it
    "table4.docx": 6,  # No. | Organisation | Country | Website, with a header row
    "table4.odt": 6,  # the same saved by LibreOffice: no header row, a bold first row
    "details.html": 8,  # names inside <details>
    "sigtable.html": 7,  # the table of names after a newsletter form
    "rtl.html": 5,  # Arabic and Hebrew names with direction marks
    "seccols.docx": 10,  # names in two Word section columns
    "lang_mt.docx": 4,  # Maltese cue "Iffirmaw"
    "lang_bg.docx": 4,  # Bulgarian cue "Подписали"
    "carta_pt.docx": 10,  # LibreOffice's Word file: cue "Subscrevem:" in bold, 9 names and "* observadora"
}


@pytest.mark.parametrize("name", sorted(OUTSIDE_COUNTS))
def test_documents_made_elsewhere_keep_every_name(tmp_path: Path, name: str) -> None:
    target, result = import_letter(OUTSIDE / name, tmp_path, expect=OUTSIDE_COUNTS[name])
    names = _names(target.read_text(encoding="utf-8"))
    expected = __import__("json").loads((OUTSIDE / "names.json").read_text(encoding="utf-8")).get(name)
    if expected:  # written as a reader lists them: numbers kept only where typed, cells with " | "
        def plain(text: str, numbered: bool) -> str:
            text = text.replace(" | ", " ")
            return " ".join((text if numbered else re.sub(r"^\d+[.)] ", "", text)).split())

        numbered = bool(re.match(r"\d+[.)] ", expected[0]))
        assert [plain(n, numbered) for n in names] == [plain(n, numbered) for n in expected]
    if name == "en_table_grid.docx":
        letter = parse_letter_text(target.read_text(encoding="utf-8"), slug="grid")
        assert not [column for group in letter.groups for column in group.columns if column.text.strip()]
        assert names[0].split() == ["Access", "Now", "EDRi", "Bits", "of", "Freedom"]
    if name == "pl_lo_resaved.docx":
        assert any("check the numbers" in item.reason for item in result.report.uncertain)
    if name == "carta_pt.docx":
        letter = target.read_text(encoding="utf-8")
        assert "Com os melhores cumprimentos" not in letter.partition("<!-- signatories -->")[2]
        assert "1. Manter as ordens de deteção." in letter.partition("<!-- signatories -->")[0]
    if name == "wp.html":
        assert not [n for n in names if n.endswith("\\")], "a line break is no part of a name"
    if name in ("gdocs.html", "table4.odt"):
        letter = parse_letter_text(target.read_text(encoding="utf-8"), slug="t")
        assert [column.text for group in letter.groups for column in group.columns if column.text.strip()]
    if name == "web_campaign.html":
        assert any("note on a mark" in item.reason for item in result.report.uncertain)
        assert str(result.report.date) == "2024-05-14"  # "Published on 14 May 2024 by Jane Doe"
    if name.startswith("el_textbox"):
        assert any("text box" in note for note in result.report.notes)


@pytest.mark.parametrize("name, flagged", [("annex.docx", 4), ("twoletters.docx", 2)])
def test_text_after_the_names_is_kept_but_flagged(tmp_path: Path, name: str, flagged: int) -> None:
    """An annex or a second letter after the list: nothing is dropped, and each of its lines is
    named on stderr as possibly not a name."""
    _, result = import_letter(OUTSIDE / name, tmp_path)
    assert len(result.report.uncertain) == flagged


def test_a_letter_in_another_script_asks_for_its_language(tmp_path: Path) -> None:
    _, result = import_letter(OUTSIDE / "lang_bg.docx", tmp_path / "a")
    assert any("give --language bg" in note for note in result.report.notes)
    _, result = import_letter(OUTSIDE / "lang_bg.docx", tmp_path / "b", language="bg")
    assert not any("script" in note for note in result.report.notes)


def test_a_page_of_divs_keeps_its_headline_date_and_names(tmp_path: Path) -> None:
    target, _ = import_letter(OUTSIDE / "web_divs_de.html", tmp_path, language="de", expect=6)
    letter = target.read_text(encoding="utf-8")
    assert "title: Offener Brief an die Bundesregierung" in letter and "date: 2024-06-03" in letter
    names = _names(letter)
    for name in ("Deutscher Kinderschutzbund e.V.", "Digitalcourage e.V.", "Schüler*innenkammer Hamburg",
                 "Verbraucherzentrale Bundesverband (vzbv)"):
        assert name in names
    assert "Diese Website verwendet Cookies" not in letter
