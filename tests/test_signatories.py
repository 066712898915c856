"""The signatory section as lines: nothing an edit does can merge, hide, promote or renumber a name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from letterlingo.build import build
from letterlingo.catalog import read_catalog
from letterlingo.cli import main
from letterlingo.config import load_config
from letterlingo.errors import LetterError
from letterlingo.extract import extract
from letterlingo.letter import parse_letter, parse_letter_text
from letterlingo.signatories import count_people, signatory_texts
from letterlingo.verify import verify_project

HEAD = "---\ntitle: T\n---\nDear all,\n\nWe ask.\n\n<!-- signatories -->\n"


def names(section: str, head: str = HEAD) -> list[list[str]]:
    letter = parse_letter_text(head + section, slug="x")
    return [signatory_texts(s) for s in letter.signatories]


def line_of_error(section: str, head: str = HEAD) -> tuple[int | None, str]:
    with pytest.raises(LetterError) as caught:
        parse_letter_text(head + section, slug="x", display_path="letters/x.md")
    return caught.value.line, caught.value.message


def test_numbers_and_markdown_inside_a_name_are_kept() -> None:
    assert names("1. Alpha\n2. ## Beta\nGamma\n    Delta indented\n4. [Link \\(X\\)](https://x.org)\n") == [
        ["1.", "Alpha"], ["2.", "## Beta"], ["Gamma"], ["Delta indented"], ["4.", "Link (X)"]]


def test_lines_after_a_numbered_item_are_names_of_their_own() -> None:
    letter = parse_letter_text(HEAD + "1. Alpha\n2. Beta\nGamma\n  lazy continuation\n", slug="x")
    assert [s.name for s in letter.signatories] == ["Alpha", "Beta", "Gamma", "lazy continuation"]
    assert [s.line for s in letter.signatories] == [9, 10, 11, 12]


@pytest.mark.parametrize(("section", "line", "words"), [
    ("- Alpha\n---\n", 10, "rule line"),
    ("Alpha\n***\nBeta\n", 10, "rule line"),
    ("Alpha\n```\nBeta\n```\n", 10, "code fence"),
    ("Alpha\n<!-- signatories -->\n", 10, "second"),
    ("Alpha\n<!-- a comment\nBeta -->\n", 10, "does not close"),
    ("|---|---|\n", 9, "separator"),
    ("Alpha\n#\n", 10, "empty heading"),
    ("-\n", 9, "empty list item"),
])
def test_lines_that_could_mislead_stop_with_the_line(section: str, line: int, words: str) -> None:
    got_line, message = line_of_error(section)
    assert got_line == line and words in message


@pytest.mark.parametrize(("text", "line", "words"), [
    ("---\ntitle: T\n---\n```\n<!-- signatories -->\n```\n- A\n", 5, "inside a code block"),
    ("---\ntitle: T\n---\nText\n\n<!-- signatory -->\n- A\n", 6, "not the signatory marker"),
    ("---\ntitle: T\n---\nText\n\n<!-- Signatures: -->\n- A\n", 6, "not the signatory marker"),
    ("---\ntitle: T\nsignatory_count: many\n---\nText\n", 3, "whole number"),
])
def test_markers_that_cannot_lie(text: str, line: int, words: str) -> None:
    with pytest.raises(LetterError) as caught:
        parse_letter_text(text, slug="x")
    assert caught.value.line == line and words in caught.value.message


def test_headings_are_labels_and_tables_are_rows() -> None:
    letter = parse_letter_text(HEAD + "## Signed by\n### Experts\n| Name | Country |\n|---|:--:|\n| Ana \\| Bo | PT |\n"
                               "| Li | CN |\n### Organisations\n- Eurochild\n", slug="x")
    experts, organisations = letter.groups
    assert [h.text for h in experts.headings] == ["Signed by", "Experts"]
    assert [c.text for c in experts.columns] == ["Name", "Country"]
    assert [s.cells for s in experts.signatories] == [("Ana \\| Bo", "PT"), ("Li", "CN")]
    assert [signatory_texts(s) for s in experts.signatories] == [["Ana | Bo", "PT"], ["Li", "CN"]]
    assert letter.signatory_count == 3
    assert [b.text for b in letter.translatable_blocks()][-4:] == ["Experts", "Name", "Country", "Organisations"]


@pytest.mark.parametrize(("line", "count"), [
    ("Anna Berg, Jonas Keller, Marie Dupont.", 3),
    ("Anna Berg, Jonas Keller and Marie Dupont", 3),
    ("Dr. A. Schmidt, Professor of Law, Austria.", 1),
    ("Jane Doe, Save the Children, Belgium", 1),
    ("Delta, Inc.", 1),
    ("Maria Rossi, on behalf of Telefono Azzurro", 1),
    ("Ludwig van Beethoven, Jean-Luc Picard", 1),  # two parts by a comma: maybe an affiliation
    ("Juan Pérez and María López", 2),
    ("Prof. Dr. Jörg Müller-Lüdenscheidt, TU München", 1),
    ("राहुल वर्मा, बाल अधिकार मंच", 1),
    ("[Anna Berg](https://a.eu), [Jonas Keller](https://b.eu), [Li Wei](https://c.eu)", 3),
])
def test_a_line_counts_its_people(line: str, count: int) -> None:
    assert count_people(line) == count


def test_front_matter_count_overrides() -> None:
    letter = parse_letter_text("---\ntitle: T\nsignatory_count: 312\n---\nText\n\n<!-- signatories -->\n- A\n- B\n",
                               slug="x")
    assert letter.signatory_count == 312 and len(letter.signatories) == 2


def _project(tmp_path: Path, letter: str, locales: str = '["en", "de"]', files: dict[str, str] | None = None) -> Path:
    (tmp_path / "letters").mkdir()
    (tmp_path / "letterlingo.toml").write_text(f"locales = {locales}\n", encoding="utf-8")
    (tmp_path / "letters" / "x.md").write_text(letter, encoding="utf-8")
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("csv_text", "line", "words"), [
    ("name,group\nAlpha,Orgs\nDelta, Inc.,Orgs\n", 3, "has 3 fields"),
    ('name,group\n"Alpha,Orgs\nBeta,Orgs\n', 3, "never closed"),
    ("name,group\nAlpha,Orgs\n,Orgs\n", 3, "empty name"),
    ("name,url\nAlpha,javascript:alert(1)\n", 2, "http(s)"),
])
def test_csv_signatories_are_strict(tmp_path: Path, csv_text: str, line: int, words: str) -> None:
    root = _project(tmp_path, "---\ntitle: T\nsignatories: letters/x.csv\n---\nText\n")
    (root / "letters" / "x.csv").write_text(csv_text, encoding="utf-8")
    with pytest.raises(LetterError) as caught:
        parse_letter(root / "letters" / "x.md")
    assert caught.value.line == line and words in caught.value.message


def test_csv_quoted_commas_and_paths_outside_the_project(tmp_path: Path) -> None:
    root = _project(tmp_path, "---\ntitle: T\nsignatories: letters/x.csv\n---\nText\n")
    (root / "letters" / "x.csv").write_text('name,group,url\n"Delta, Inc.",Orgs,https://delta.example\n', encoding="utf-8")
    letter = parse_letter(root / "letters" / "x.md")
    assert [signatory_texts(s) for s in letter.signatories] == [["Delta, Inc."]]
    (root / "letters" / "x.md").write_text("---\ntitle: T\nsignatories: ../../etc/hostname\n---\nText\n", encoding="utf-8")
    with pytest.raises(LetterError, match="outside the project"):
        parse_letter(root / "letters" / "x.md")


def _check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]]]:
    assert main(["extract", "--project", str(root), "-q"]) == 0
    code = main(["check", "--project", str(root), "--json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    return code, findings


def test_a_legitimate_twin_can_be_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    letter = "---\ntitle: T\n---\nDear all,\n\nSave the Children\n\n<!-- signatories -->\n- Save the Children\n"
    root = _project(tmp_path, letter, '["en"]')
    code, findings = _check(root, capsys)
    assert code == 1 and any(f["check"] == "signatory-leak" and "not-a-signatory" in f["message"] for f in findings)
    (root / "letters" / "x.md").write_text(letter.replace("\nSave the Children\n\n", "\n<!-- not-a-signatory -->\n"
                                                          "Save the Children\n\n", 1), encoding="utf-8")
    code, findings = _check(root, capsys)
    assert code == 0 and not any(f["check"] == "signatory-leak" for f in findings)


def test_an_unmarked_list_of_names_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names_list = "\n".join(f"- Organisation number {n}" for n in range(1, 10))
    root = _project(tmp_path, f"---\ntitle: T\n---\nDear all,\n\nWe ask.\n\n{names_list}\n", '["en"]')
    _, findings = _check(root, capsys)
    (warning,) = [f for f in findings if f["check"] == "unmarked-signatories"]
    assert warning["line"] == 8 and warning["severity"] == "warning"


GAPS = HEAD + "## Signed by\n1. Alpha\n2. Beta\n4. Delta\n42. Omega\n- 1. FC Köln Stiftung\n王小明\nمحمد العلي\nKids 🌍 e.V.\n"


@pytest.mark.slow
def test_numbers_as_written_in_html_and_pdf_and_verified(tmp_path: Path) -> None:
    root = _project(tmp_path, GAPS, '["en"]')
    config = load_config(root)
    extract(config, "x")
    report = build(config, ["x"], ("en",), jobs=1)
    assert all(proof.ok for proof in report.proofs) and len(report.proofs[0].files) == 2
    html = (config.output_path / "x" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<span class="number">4.</span><bdi>Delta</bdi>' in html and "<bdi>محمد العلي</bdi>" in html
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(config.output_path / "x" / "en" / "x-en.pdf").pages)
    for expected in ("1. Alpha", "2. Beta", "4. Delta", "42. Omega", "1. FC Köln Stiftung", "王小明"):
        assert expected in text
    assert "3." not in text
    assert not any(entry.msgid in ("Alpha", "Omega", "王小明") for entry in read_catalog(config.pot_file("x")))


def test_verify_finds_a_missing_a_renumbered_and_a_reordered_name(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, GAPS, '["en", "de"]')
    config = load_config(root)
    extract(config, "x")
    build(config, ["x"], ("en", "de"), formats=("html",), jobs=1, include_untranslated=True)
    assert all(proof.ok for proof in verify_project(config, ["x"]))
    page = config.output_path / "x" / "de" / "index.html"
    original = page.read_text(encoding="utf-8")
    for tampered in (original.replace("<bdi>Beta</bdi>", "<bdi>Bêta</bdi>"),
                     original.replace('"number">4.<', '"number">3.<'),
                     original.replace("<bdi>Alpha</bdi>", "<bdi>X</bdi>").replace("<bdi>Beta</bdi>", "<bdi>Alpha</bdi>")):
        page.write_text(tampered, encoding="utf-8")
        assert main(["verify", "--project", str(root), "--json"]) == 1
        (failed,) = [p for p in json.loads(capsys.readouterr().out) if not p["ok"]]
        assert failed["locale"] == "de" and (failed["files"]["html"]["missing"] or failed["files"]["html"]["extra"])
    manifest = json.loads((config.output_path / "manifest.json").read_text(encoding="utf-8"))
    states = {e["locale"]: e["verified"]["html"] for e in manifest["editions"]}
    assert states["en"] == "ok" and states["de"].startswith("missing")


def test_a_character_without_a_glyph_stops_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, HEAD + "- Alpha\n- Private \ue000 Use\n", '["en"]')
    assert main(["extract", "--project", str(root), "-q"]) == 0
    assert main(["build", "--project", str(root), "--format", "html"]) == 1
    err = capsys.readouterr().err
    assert "letters/x.md:10: no font has U+E000" in err
    assert not (root / "output" / "x").exists()


def test_asterisks_and_underscores_inside_words_are_part_of_a_name(tmp_path: Path) -> None:
    """"A*B*C e.V." is a name, not A<em>B</em>C; German gender stars are kept as written."""
    letter = HEAD + ("## Signed by\n1. A*B*C e.V.\n2. Verband der Schüler*innen und Lehrer*innen\n3. snake_case_club\n"
                     "4. Foo **Bar** Baz\n")
    root = _project(tmp_path, letter, '["en"]')
    config = load_config(root)
    extract(config, "x")
    report = build(config, ["x"], ("en",), formats=("html",), jobs=1)
    assert all(proof.ok for proof in report.proofs), [proof.files for proof in report.proofs]
    html = (config.output_path / "x" / "en" / "index.html").read_text(encoding="utf-8")
    assert "<bdi>A*B*C e.V.</bdi>" in html
    assert "<bdi>Verband der Schüler*innen und Lehrer*innen</bdi>" in html
    assert "<bdi>snake_case_club</bdi>" in html
    assert "<bdi>Foo <strong>Bar</strong> Baz</bdi>" in html  # emphasis with spaces around it still works
