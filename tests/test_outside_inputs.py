"""Inputs from a try by someone who had not seen the code, kept as regressions.

Each of these once lost, merged or altered a name, or let `verify` pass without the names.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from support import DATA

from letterlingo.build import build
from letterlingo.config import load_config
from letterlingo.errors import LetterError
from letterlingo.extract import extract
from letterlingo.importer import import_text
from letterlingo.letter import parse_letter, parse_letter_text
from letterlingo.manifest import load_manifest
from letterlingo.signatories import signatory_texts
from letterlingo.verify import Probe, canonical, check_html_items, check_pdf_text, probes, verify_project

OUTSIDE = DATA / "import" / "outside"


def _import(name: str, language: str = "en"):
    result = import_text((OUTSIDE / name).read_text(encoding="utf-8"), source=name, language=language)
    return result, parse_letter_text(result.markdown, slug="x")


def _shown(letter) -> list[str]:
    return [" ".join(signatory_texts(s)) for s in letter.signatories]


@pytest.mark.parametrize(("name", "language", "count", "must_keep"), [
    ("18c-last-name-readmore.txt", "en", 3, ["Read More Foundation", "Newsletter Publishers Association"]),
    ("18-en-tail-chrome-names.txt", "en", 12, ["Cookie Policy Lab", "Accept All Association", "Back to top Kollektiv"]),
    ("25c-nested.txt", "en", 10, ["Friends of the Earth Croatia", "Beta Org", "Tab Indented Org"]),
    ("25-wrap-join.txt", "en", 14, ["Association for the Protection of Children's Rights", "Mothers of Srebrenica"]),
    ("23b-en-signatory-organisations.txt", "en", 5, []),
    ("22-it2.txt", "it", 3, []),
    ("23-it-cue-primi-firmatari.txt", "it", 3, []),
    ("55-nav-cue.txt", "en", 3, []),
    ("21-fr-longtitle-date.txt", "fr", 2, []),
    ("20-pl-people.txt", "pl", 11, []),
    ("03-de-word.txt", "de", 16, []),
    ("37b-gdocs.txt", "en", 5, []),
    ("46-escape-roundtrip.txt", "en", 14, ["Org <!-- with comment --> Name", "| Pipe start Org", "2*3*4 Collective"]),
])
def test_every_name_is_kept(name: str, language: str, count: int, must_keep: list[str]) -> None:
    result, letter = _import(name, language)
    assert letter.signatory_count == count == result.report.signatory_count
    shown = _shown(letter)
    for kept in must_keep:
        assert kept in shown
    assert not any(h.text in shown for g in letter.groups for h in g.headings)


def test_dates_titles_and_paragraphs_of_word_copy() -> None:
    result, letter = _import("03-de-word.txt", "de")
    assert letter.title.text == "Offener Brief zur Chatkontrolle" and letter.date == dt.date(2024, 3, 12)
    assert len([b for b in letter.body if b.kind == "paragraph"]) >= 3
    assert _import("21-fr-longtitle-date.txt", "fr")[1].date == dt.date(2024, 3, 12)
    assert _import("20-pl-people.txt", "pl")[1].date == dt.date(2024, 5, 5)


def test_spreadsheet_rows_become_a_table() -> None:
    _, letter = _import("48-tabs.txt")
    (group,) = [g for g in letter.groups if g.signatories]
    assert [c.text for c in group.columns] == ["Name", "Organisation", "Country"]
    assert [s.cells for s in group.signatories][1] == ("Jonas Keller", "", "Germany")


@pytest.mark.parametrize("name", ["10f-comment-wrap.md", "10d-multi-comment.md", "10-comments.md", "49-trailing.md",
                                  "49-near-2.md", "49-near-3.md", "49-near-4.md", "49-near-5.md"])
def test_comments_and_near_markers_that_would_hide_a_name_are_refused(name: str, tmp_path: Path) -> None:
    (tmp_path / "letters").mkdir()
    shutil.copy(OUTSIDE / name, tmp_path / "letters" / name)
    with pytest.raises(LetterError) as caught:
        parse_letter(tmp_path / "letters" / name)
    assert caught.value.line is not None


def test_html_proof_finds_added_hidden_and_changed_names() -> None:
    letter = parse_letter_text("---\ntitle: T\n---\nText\n\n<!-- signatories -->\n- Alpha\n- Beta\n", slug="x")
    names = probes(letter)
    assert check_html_items(["Alpha", "Beta"], names, "p").ok
    assert check_html_items(["Alpha", "Beta", "Gamma"], names, "p").extra == ["Gamma"]
    assert [p.text for p in check_html_items(["Alpha", "Beta (withdrawn)"], names, "p").missing] == ["Beta"]
    assert [p.text for p in check_html_items(["Beta", "Alpha"], names, "p").missing]


def test_pdf_proof_starts_at_the_count_and_reports_every_missing_name() -> None:
    letter = parse_letter_text("---\ntitle: T\n---\nText\n\n<!-- signatories -->\n- Alpha\n- Beta\n- Gamma\n", slug="x")
    names = probes(letter)
    body_mentions_beta = "We thank Beta.\n3 signatories\nAlpha\nGamma\n"
    result = check_pdf_text(body_mentions_beta, names, "p", "3 signatories")
    assert [p.text for p in result.missing] == ["Beta"] and result.found == 2
    assert check_pdf_text("Alpha Beta Gamma", names, "p", "3 signatories").error
    assert canonical("الإنسان") == canonical("اإلنسان")  # lam-alef as PDFs may store it


@pytest.mark.slow
def test_arabic_lam_alef_and_indic_names_build_and_verify(tmp_path: Path) -> None:
    (tmp_path / "letters").mkdir()
    (tmp_path / "letterlingo.toml").write_text('locales = ["en"]\n', encoding="utf-8")
    for name in ("41-arabic-lamalef.md", "39-indic-only.md"):
        shutil.copy(OUTSIDE / name, tmp_path / "letters" / name)
    config = load_config(tmp_path)
    for slug in ("41-arabic-lamalef", "39-indic-only"):
        extract(config, slug)
    report = build(config, ["41-arabic-lamalef", "39-indic-only"], ("en",), jobs=1)
    assert not report.failed_proofs
    pdf = {p.slug: p.files["pdf"] for p in report.proofs}
    assert pdf["39-indic-only"].unchecked == 3 and "not checkable" in pdf["39-indic-only"].summary()


@pytest.mark.parametrize("text", ["[1, 2]", '{"editions": 5}', '{"editions": [1]}', '"str"', "null", "{"])
def test_a_manifest_of_the_wrong_shape_is_no_manifest(tmp_path: Path, text: str) -> None:
    (tmp_path / "manifest.json").write_text(text, encoding="utf-8")
    assert load_manifest(tmp_path / "manifest.json") == {}


def test_an_edition_built_from_an_older_letter_fails_verify(tmp_path: Path) -> None:
    (tmp_path / "letters").mkdir()
    (tmp_path / "letterlingo.toml").write_text('locales = ["en"]\n', encoding="utf-8")
    letter = tmp_path / "letters" / "x.md"
    letter.write_text("---\ntitle: T\n---\nText\n\n<!-- signatories -->\n- Alpha\n- Home Start\n", encoding="utf-8")
    config = load_config(tmp_path)
    extract(config, "x")
    build(config, ["x"], ("en",), formats=("html",), jobs=1)
    letter.write_text(letter.read_text(encoding="utf-8").replace("- Home Start\n", ""), encoding="utf-8")
    (proof,) = verify_project(config, ["x"])
    assert not proof.ok and "older version" in (proof.files["letter"].error or "")
    assert proof.files["html"].extra == ["Home Start"]


OUTSIDE2 = DATA / "import" / "outside2"


@pytest.mark.parametrize(("name", "language", "count", "must_keep"), [
    ("c31.txt", "en", 5, ["Access Now", "AlgorithmWatch"]),  # names on the cue's own line
    ("c34.txt", "en", 6, ["ECRE – European Council on Refugees and Exiles"]),  # semicolons keep "and"
    ("c55_8.txt", "en", 8, ["Access Now", "Xnet"]),  # "Yours sincerely," and no cue
    ("c05.txt", "en", 8, ["Access Now", "Statewatch"]),
    ("c42.txt", "de", 5, ["Initiative Lieferkettengesetz", "ver.di"]),  # "Mit freundlichen Grüßen"
    ("c51_17843d.txt", "en", 3, ["IndustriAll Europe", "EEB"]),  # "In solidarity,"
    ("c19.txt", "en", 5, ["Access Now,", "ARTICLE 19."]),  # one per line, trailing commas
    ("c23.txt", "en", 10, ["a. Brave Movement", "i. SOS Children's Villages"]),  # lettered items
    ("c41.txt", "en", 8, ["Access Now", "epicenter.works"]),  # tab-separated grid
    ("c48.txt", "en", 6, ["Open Society European Policy Institute", "Home-Start International"]),  # hyphenated
    ("c60_ls.txt", "en", 3, ["Access Now", "EDRi", "Statewatch"]),  # U+2028 / U+0085 between names
    ("c30.txt", "en", 14, ["¯\\_(ツ)_/¯ Collective", "AT&T Retirees"]),  # a backslash is a character
    ("c12.txt", "cs", 5, ["Iuridicum Remedium, z. s.", "Nadace Open Society Fund Praha"]),  # Czech furniture
    ("c03.txt", "de", 12, ["Prof. Dr. Jörg Müller-Lüdenscheidt, TU München"]),  # person, affiliation = 1
])
def test_second_outside_try(name: str, language: str, count: int, must_keep: list[str]) -> None:
    result = import_text((OUTSIDE2 / name).read_text(encoding="utf-8"), source=name, language=language)
    letter = parse_letter_text(result.markdown, slug="x")
    assert letter.signatory_count == count
    shown = _shown(letter)
    for kept in must_keep:
        assert kept in shown or any(kept in line for line in shown), (kept, shown)
    assert letter.body or name == "c60_ls.txt"  # the letter's text stays the letter's


def test_countries_under_names_are_flagged() -> None:
    result = import_text((OUTSIDE2 / "c33.txt").read_text(encoding="utf-8"), source="c33.txt")
    assert any("a country" in item.reason for item in result.report.uncertain)


def test_html_proof_keeps_spaces_and_hyphens_of_a_name() -> None:
    letter = parse_letter_text("---\ntitle: T\n---\nText\n\n<!-- signatories -->\n- Home-Start\n- Access Now\n", slug="x")
    names = probes(letter)
    for changed in (["Home Start", "Access Now"], ["HomeStart", "Access Now"], ["Home-Start", "AccessNow"]):
        assert not check_html_items(changed, names, "p").ok
    assert check_pdf_text("2 signatories\nHome-\r\nStart\r\nAccess\r\nNow", names, "p", "2 signatories").ok
    assert not check_pdf_text("2 signatories\nHome Start\r\nAccess Now", names, "p", "2 signatories").ok


def test_html_proof_sees_text_added_to_the_section_and_a_changed_count(tmp_path: Path) -> None:
    (tmp_path / "letters").mkdir()
    (tmp_path / "letterlingo.toml").write_text('locales = ["en"]\n', encoding="utf-8")
    (tmp_path / "letters" / "x.md").write_text(
        "---\ntitle: T\n---\nText\n\n<!-- signatories -->\n## Signed by\n### Organisations\n- Alpha\n- Beta\n",
        encoding="utf-8")
    config = load_config(tmp_path)
    extract(config, "x")
    build(config, ["x"], ("en",), formats=("html",), jobs=1)
    assert all(proof.ok for proof in verify_project(config, ["x"]))
    page = config.output_path / "x" / "en" / "index.html"
    original = page.read_text(encoding="utf-8")
    page.write_text(original.replace("</ul>", "</ul>\n<p>Evil Corp</p>"), encoding="utf-8")
    (proof,) = verify_project(config, ["x"])
    assert proof.files["html"].extra == ["Evil Corp"]
    page.write_text(original.replace("2 signatories", "3 signatories"), encoding="utf-8")
    (proof,) = verify_project(config, ["x"])
    assert "the page says '3 signatories'" in (proof.files["html"].error or "")


OUTSIDE3 = DATA / "import" / "outside3"


@pytest.mark.parametrize(("name", "language", "count", "must_keep"), [
    ("c16_de.txt", "de", 8, ["Hans und Grete Müller"]),  # a dated teaser last ("12.03.2024 Neuer Bericht …")
    ("c17_fr.txt", "fr", 7, ["Marie Dupont et Jean Martin"]),  # "12 mars 2024 – Un autre article"
    ("c01_pt.txt", "pt", 8, ["Maria José e Ana Costa"]),  # two people joined by "e"; "Leia também: …"
    ("c02_ro.txt", "ro", 6, ["World Vision România"]),  # "Citește și"
    ("c04_el.txt", "el", 5, []),  # an organisation with "&" is one signatory
    ("c12_wrapped.txt", "en", 10, ["Jean-Luc Martin, Paris", "Marie-Claire Dubois (in a personal capacity)",
                                   "Foundation for the Protection of Children and Young People"]),
    ("c10_table.txt", "en", 4, ["Liu Yang"]),  # a Word table row whose last cell is empty
    ("c15_pl.txt", "pl", 7, ["Anna Nowak i Piotr Wiśniewski"]),
])
def test_third_outside_try(name: str, language: str, count: int, must_keep: list[str]) -> None:
    result = import_text((OUTSIDE3 / name).read_text(encoding="utf-8"), source=name, language=language)
    letter = parse_letter_text(result.markdown, slug="x")
    assert letter.signatory_count == count, [(s.name, s.people) for s in letter.signatories]
    shown = _shown(letter)
    for kept in must_keep:
        assert any(line.startswith(kept) or kept in line for line in shown), (kept, shown)
    assert not any(h.text.startswith("(") for g in letter.groups for h in g.headings)


def test_a_changed_signatories_csv_rebuilds_the_editions(tmp_path: Path) -> None:
    (tmp_path / "letters").mkdir()
    (tmp_path / "letterlingo.toml").write_text('locales = ["en"]\n', encoding="utf-8")
    (tmp_path / "letters" / "x.md").write_text("---\ntitle: T\nsignatories: letters/x.csv\n---\nText\n",
                                             encoding="utf-8")
    csv_file = tmp_path / "letters" / "x.csv"
    csv_file.write_text("name\nAlpha\nBeta\n", encoding="utf-8")
    config = load_config(tmp_path)
    extract(config, "x")
    build(config, ["x"], ("en",), formats=("html",), jobs=1)
    csv_file.write_text("name\nAlpha\nGamma\n", encoding="utf-8")
    report = build(config, ["x"], ("en",), formats=("html",), jobs=1)
    assert report.rebuilt == 1 and not report.failed_proofs
    assert "Gamma" in (config.output_path / "x" / "en" / "index.html").read_text(encoding="utf-8")


def test_verify_proves_files_left_by_a_build_of_another_format(tmp_path: Path) -> None:
    (tmp_path / "letters").mkdir()
    (tmp_path / "letterlingo.toml").write_text('locales = ["en"]\n', encoding="utf-8")
    (tmp_path / "letters" / "x.md").write_text("---\ntitle: T\n---\nText\n\n<!-- signatories -->\n- Alpha\n",
                                             encoding="utf-8")
    config = load_config(tmp_path)
    extract(config, "x")
    build(config, ["x"], ("en",), formats=("html",), jobs=1)
    page = config.output_path / "x" / "en" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<bdi>Alpha</bdi>", "<bdi>Alfa</bdi>"), encoding="utf-8")
    manifest = config.output_path / "manifest.json"
    data = manifest.read_text(encoding="utf-8")
    manifest.write_text(data.replace('"html": {', '"unused": {'), encoding="utf-8")  # as if built as PDF only
    (proof,) = verify_project(config, ["x"])
    assert not proof.ok and "html" in proof.files


@pytest.mark.slow
def test_a_pdf_left_from_an_older_letter_fails_verify_and_a_current_one_is_kept(tmp_path: Path) -> None:
    """Fourth outside try: after an HTML-only build of a changed letter, the old PDF still passed."""
    (tmp_path / "letters").mkdir()
    (tmp_path / "letterlingo.toml").write_text('locales = ["en"]\n', encoding="utf-8")
    letter = tmp_path / "letters" / "x.md"
    letter.write_text("---\ntitle: T\n---\nOld paragraph.\n\n<!-- signatories -->\n- Alpha\n", encoding="utf-8")
    config = load_config(tmp_path)
    extract(config, "x")
    build(config, ["x"], ("en",), formats=("pdf",), jobs=1)
    build(config, ["x"], ("en",), formats=("html",), jobs=1)  # same letter: the PDF is kept in the record
    (proof,) = verify_project(config, ["x"])
    assert proof.ok and set(proof.files) == {"html", "pdf"}
    letter.write_text(letter.read_text(encoding="utf-8").replace("Old paragraph.", "New paragraph."), encoding="utf-8")
    extract(config, "x")
    build(config, ["x"], ("en",), formats=("html",), jobs=1)
    (proof,) = verify_project(config, ["x"])
    assert not proof.ok and "not made by the last build" in (proof.files["pdf"].error or "")
    assert proof.files["html"].ok


def test_an_address_broken_after_its_slashes_in_a_pdf_table_cell_is_found() -> None:
    """A narrow cell breaks "https://" | "example.org": the text layer shows a line break there."""
    names = (Probe(1, "3 Missing Children Europe Belgium https://missingchildreneurope.eu", False, False),)
    text = "6 signatories\n3 Missing Children Europe Belgium https://\nmissingchildreneurope.eu"
    assert check_pdf_text(text, names, "p", "6 signatories").ok
    assert not check_pdf_text(text.replace("children", "childs"), names, "p", "6 signatories").ok


@pytest.mark.parametrize("line", ["Αξιότιμα μέλη του Ευρωπαϊκού Κοινοβουλίου,", "A Chomhaltaí, a chairde,",
                                  "Αγαπητοί φίλοι,"])
def test_greek_and_irish_salutations_are_salutations(line: str) -> None:
    from letterlingo.import_words import SALUTATION

    assert SALUTATION.match(line)


@pytest.mark.parametrize("line", ["**Subscrevem:**", "Assinam:", "Suscriben:", "Sottoscrivono:"])
def test_portuguese_spanish_and_italian_cues_with_a_verb(line: str) -> None:
    from letterlingo.import_words import CLOSING, is_cue

    assert is_cue(line)
    assert CLOSING.match("Com os melhores cumprimentos,")
