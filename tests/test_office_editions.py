"""Word and OpenDocument editions: built from the same edition as the web page, names as written,
languages on the document and on every run, reproducible, and proved by `verify`."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from letterlingo.build import build
from letterlingo.config import Config
from letterlingo.edition import Drafts
from letterlingo.office import document_items
from letterlingo.project import load_letter
from letterlingo.verify import probes, verify_project

pytestmark = pytest.mark.slow  # pandoc writes some 40 documents
LETTER = "2025-csar-open-letter"


def _tamper(path: Path, name: str, change: Callable[[str], str]) -> None:
    """Edit one part of a built .docx/.odt in place, as someone might after the build."""
    with zipfile.ZipFile(path) as archive:
        contents = {info: archive.read(info.filename) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in contents.items():
            archive.writestr(info, change(data.decode("utf-8")).encode("utf-8") if info.filename == name else data)


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


@pytest.fixture
def office_build(example_project: Config) -> Config:
    build(example_project, [LETTER, "2022-commission-proposal-web"], ("en", "de", "el"),
          formats=("html", "docx", "odt"), jobs=2)
    return example_project


def test_every_name_is_in_every_document_as_written(office_build: Config) -> None:
    letter = load_letter(office_build, LETTER)
    expected = [probe.text for probe in probes(letter)]
    for locale in ("en", "de", "el"):
        for kind in ("docx", "odt"):
            items, count = document_items(office_build.output_path / LETTER / locale / f"{LETTER}-{locale}.{kind}")
            assert [" ".join(item.split()) for item in items] == [" ".join(text.split()) for text in expected]
            assert count and "109" in count
    proofs = verify_project(office_build, [LETTER, "2022-commission-proposal-web"])
    assert all(proof.ok for proof in proofs)
    assert {kind for proof in proofs for kind in proof.files} == {"html", "docx", "odt"}


def test_languages_fonts_styles_and_columns_are_set(office_build: Config) -> None:
    path = office_build.output_path / LETTER / "de" / f"{LETTER}-de.docx"
    styles = _part(path, "word/styles.xml")
    document = _part(path, "word/document.xml")
    assert re.search(r'<w:lang [^>]*w:val="de-DE"', styles), "the document's language is German"
    assert "Noto Serif" in styles and "Noto Sans" in styles
    assert 'w:styleId="Signatory"' in styles
    assert re.search(r'<w:cols w:num="2"', document), "the names are set in two columns"
    assert 'w:val="continuous"' in document
    assert " PAGE " in _part(path, "word/footer1.xml"), "page numbers at the foot of every page"
    assert document.count("<w:footerReference") == document.count("<w:sectPr")
    odt = office_build.output_path / LETTER / "de" / f"{LETTER}-de.odt"
    assert 'fo:column-count="2"' in _part(odt, "content.xml")
    assert 'fo:language="de"' in _part(odt, "styles.xml")


def test_a_block_shown_in_the_original_carries_the_original_language(office_build: Config) -> None:
    """The German catalogue lacks some texts (fallback to English): those runs are en-GB."""
    config = office_build
    po = polib.pofile(str(config.po_file(LETTER, "de")))
    untouched = next(entry for entry in po if entry.msgstr and len(entry.msgid) > 40
                     and not re.search(r"[\[\]()*_`<>]", entry.msgid))
    untouched.msgstr = ""
    po.save()
    build(config, [LETTER], ("de",), formats=("docx",), jobs=1)
    document = _part(config.output_path / LETTER / "de" / f"{LETTER}-de.docx", "word/document.xml")
    words = untouched.msgid.split()[0]
    run = re.search(r'<w:r>(?:(?!</w:r>).)*' + re.escape(words), document, re.S)
    assert run and '<w:lang w:val="en-GB"' in run.group(0)


def test_draft_notice_in_the_edition_language(office_build: Config) -> None:
    document = _part(office_build.output_path / LETTER / "de" / f"{LETTER}-de.docx", "word/document.xml")
    assert "Entwurf" in document or "Maschinen" in document
    english = _part(office_build.output_path / LETTER / "en" / f"{LETTER}-en.docx", "word/document.xml")
    assert "machine translation" not in english


def test_same_inputs_give_the_same_bytes(example_project: Config, tmp_path: Path) -> None:
    first = build(example_project, [LETTER], ("de",), formats=("docx", "odt"), jobs=1)
    assert first.rebuilt == 1
    files = {kind: (example_project.output_path / LETTER / "de" / f"{LETTER}-de.{kind}").read_bytes()
             for kind in ("docx", "odt")}
    build(example_project, [LETTER], ("de",), formats=("docx", "odt"), jobs=1, force=True)
    for kind, data in files.items():
        assert (example_project.output_path / LETTER / "de" / f"{LETTER}-de.{kind}").read_bytes() == data
    with zipfile.ZipFile(example_project.output_path / LETTER / "de" / f"{LETTER}-de.odt") as archive:
        first_entry = archive.infolist()[0]
        assert first_entry.filename == "mimetype" and first_entry.compress_type == zipfile.ZIP_STORED


def test_unchanged_editions_are_not_rewritten(office_build: Config) -> None:
    report = build(office_build, [LETTER], ("en", "de", "el"), formats=("html", "docx", "odt"), jobs=2)
    assert report.rebuilt == 0


def test_verify_fails_a_document_missing_a_name(office_build: Config) -> None:
    path = office_build.output_path / LETTER / "de" / f"{LETTER}-de.docx"
    victim = load_letter(office_build, LETTER).signatories[5].name

    def change(text: str) -> str:
        assert victim in text
        return text.replace(victim, "Someone Else", 1)

    _tamper(path, "word/document.xml", change)
    proofs = verify_project(office_build, [LETTER], ("de",))
    assert not proofs[0].files["docx"].ok
    assert proofs[0].files["html"].ok


def test_a_hostile_translation_is_text_in_the_document(example_project: Config) -> None:
    po = polib.pofile(str(example_project.po_file(LETTER, "de")))
    entry = next(e for e in po if e.msgid and not re.search(r"[\[\]()*_`<>]", e.msgid) and len(e.msgid) > 20)
    entry.msgstr = "Kinder & Jugend ]]> &amp; \"x\" </w:t></w:r>"
    entry.flags = []
    po.save()
    build(example_project, [LETTER], ("de",), formats=("docx",), jobs=1, drafts=Drafts.MARK)
    document = _part(example_project.output_path / LETTER / "de" / f"{LETTER}-de.docx", "word/document.xml")
    # `&amp;` is Markdown for &, as on the web page; the rest is literal text, escaped.
    assert "Kinder &amp; Jugend ]]&gt; &amp; „x“ &lt;/w:t&gt;&lt;/w:r&gt;" in document
    # Raw HTML is refused by parity before any format sees it: the source is shown.
    entry.msgstr = "<script>alert(1)</script> Text"
    po.save()
    build(example_project, [LETTER], ("de",), formats=("docx",), jobs=1, drafts=Drafts.MARK)
    document = _part(example_project.output_path / LETTER / "de" / f"{LETTER}-de.docx", "word/document.xml")
    assert "script" not in document


def test_the_index_offers_the_word_and_odt_files(office_build: Config) -> None:
    index = (office_build.output_path / "de" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="docx" href="[^"]+\.docx" type="application/vnd\.openxmlformats[^"]*"', index)
    assert re.search(r'<a class="odt" href="[^"]+\.odt"', index)
    assert "Word (Deutsch," in index


def test_author_and_keywords_go_into_the_properties_not_the_page(example_project: Config) -> None:
    import dataclasses

    config = dataclasses.replace(example_project, author="Child Rights Coalition", keywords=("CSAR", "children"))
    build(config, ["2022-commission-proposal-web"], ("de",), formats=("docx", "odt"), jobs=1)
    stem = config.output_path / "2022-commission-proposal-web" / "de" / "2022-commission-proposal-web-de"
    docx = stem.with_suffix(".docx")
    assert "<dc:creator>Child Rights Coalition</dc:creator>" in _part(docx, "docProps/core.xml")
    assert "CSAR" in _part(docx, "docProps/core.xml")
    document = _part(docx, "word/document.xml")
    assert "Child Rights Coalition" not in document and "2022-06-01" not in document
    assert "1. Juni 2022" in document  # the letter's date, in the edition's language
    assert "Child Rights Coalition</dc:creator>" in _part(stem.with_suffix(".odt"), "meta.xml")


def test_the_web_page_links_its_editable_files(office_build: Config) -> None:
    page = (office_build.output_path / LETTER / "de" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{LETTER}-de.docx" type="application/vnd.openxmlformats' in page
    assert ">Word (.docx)</a>" in page and ">OpenDocument (.odt)</a>" in page


@pytest.mark.parametrize("disguise", ["<w:vanish/>", '<w:color w:val="FFFFFF"/>', '<w:sz w:val="2"/>'])
def test_verify_fails_a_name_hidden_in_the_document(office_build: Config, disguise: str) -> None:
    path = office_build.output_path / LETTER / "de" / f"{LETTER}-de.docx"
    victim = load_letter(office_build, LETTER).signatories[3].name

    def change(text: str) -> str:
        text = re.sub(r"<w:r>(<w:t[^>]*>[^<]*" + re.escape(victim) + ")", r"<w:r><w:rPr>" + disguise + r"</w:rPr>\1",
                      text, count=1)
        assert disguise in text
        return text

    _tamper(path, "word/document.xml", change)
    proofs = verify_project(office_build, [LETTER], ("de",))
    assert not proofs[0].files["docx"].ok


def test_a_pdf_built_beside_keeps_the_documents_date_the_letters(example_project: Config,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """One PDF renders in the build's own process, beside the Word writer's threads: nothing it
    sets up may change the date written into the .docx."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    slug = "2022-commission-proposal-web"
    build(example_project, [slug], ("de",), formats=("pdf", "docx", "odt"), jobs=1)
    stem = example_project.output_path / slug / "de" / f"{slug}-de"
    assert "2022-06-01T12:00:00Z" in _part(stem.with_suffix(".docx"), "docProps/core.xml")
    with zipfile.ZipFile(stem.with_suffix(".docx")) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} <= {(2022, 6, 1), (1980, 1, 1)}


@pytest.mark.parametrize("properties", ['text:display="none"', 'fo:color="#ffffff"', 'fo:font-size="1pt"'])
def test_verify_fails_a_name_hidden_in_the_odt(office_build: Config, properties: str) -> None:
    path = office_build.output_path / LETTER / "de" / f"{LETTER}-de.odt"
    victim = load_letter(office_build, LETTER).signatories[3].name

    def change(text: str) -> str:
        text = text.replace("</office:automatic-styles>", '<style:style style:name="Gone" style:family="text">'
                            f'<style:text-properties {properties}/></style:style></office:automatic-styles>', 1)
        text = text.replace(victim, f'<text:span text:style-name="Gone">{victim}</text:span>', 1)
        assert 'text:style-name="Gone"' in text
        return text

    _tamper(path, "content.xml", change)
    proofs = verify_project(office_build, [LETTER], ("de",))
    assert not proofs[0].files["odt"].ok
