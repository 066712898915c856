"""Editions a campaign can publish as they are: honest about their language, citations on paper,
publishing metadata, typography, letterhead and index pages."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest
from pypdf import PdfReader

from letterlingo.build import build
from letterlingo.checks.runner import run_checks
from letterlingo.cli import main
from letterlingo.config import Config, load_config
from letterlingo.edition import State
from letterlingo.errors import ConfigError
from letterlingo.extract import extract
from letterlingo.manifest import load_manifest
from letterlingo.typography import no_break_spaces, render_body

#: Builds editions (and PDFs): deselect with -m "not slow".
pytestmark = pytest.mark.slow

LETTER = """---
title: "Children's safety first"
date: 2025-09-10
---
Dear decision-makers,

The report says "85 % of cases" are [documented](https://example.org/report?id=1&x=2) and [elsewhere](#).

We ask you to act now.

<!-- signatories -->
1. Save the Children
2. "Kids' Voice" e.V.
3. Ассоциация «Дети»
"""

SETTINGS = """
locales = ["en", "de", "fr", "el"]
author = "Child Rights Coalition"
contact = "press@example.org"
keywords = ["child protection", "CSAR"]
"""


def _project(root: Path, settings: str = SETTINGS, letter: str = LETTER) -> Path:
    (root / "letters").mkdir(parents=True)
    (root / "letters" / "x.md").write_text(letter, encoding="utf-8")
    (root / "letterlingo.toml").write_text(settings, encoding="utf-8")
    return root


def _translate(config, locale: str, texts: dict[str, str], fuzzy: bool = False) -> None:
    """Write a catalogue as a translator would, with the given translations."""
    pot = polib.pofile(str(config.pot_file("x")))
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": locale}
    for entry in pot:
        po.append(polib.POEntry(msgid=entry.msgid, msgstr=texts.get(entry.msgid, ""),
                                flags=["fuzzy"] if fuzzy and entry.msgid in texts else []))
    path = config.po_file("x", locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


GERMAN = {
    "Children's safety first": "Die Sicherheit von Kindern zuerst",
    "Dear decision-makers,": "Sehr geehrte Entscheidungsträgerinnen und Entscheidungsträger,",
    'The report says "85 % of cases" are [documented](https://example.org/report?id=1&x=2) and [elsewhere](#).':
        'Der Bericht sagt, "85 % der Fälle" sind [belegt](https://example.org/report?id=1&x=2) und [anderswo](#).',
    "We ask you to act now.": "Wir bitten Sie, jetzt zu handeln.",
}


@pytest.fixture
def project(tmp_path: Path):
    config = load_config(_project(tmp_path / "p"))
    extract(config, "x")
    _translate(config, "de", GERMAN)
    _translate(config, "el", {"Children's safety first": "Πρώτα η ασφάλεια των παιδιών"})  # title only
    return config


def test_an_untranslated_edition_is_not_built_by_default(project) -> None:
    report = build(project, ["x"], project.locales, formats=("html",))
    built = {edition.locale for edition in report.editions}
    assert built == {"en", "de"}
    skipped = {locale: why for _, locale, why in report.skipped}
    assert set(skipped) == {"fr", "el"} and all("nothing translated" in why for why in skipped.values())
    assert not (project.output_path / "x" / "fr").exists()
    page = (project.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="fr"' not in page and "../fr/index.html" not in page
    index = (project.output_path / "index.html").read_text(encoding="utf-8")
    assert "x/fr/" not in index and "x/el/" not in index


def test_a_translated_title_alone_does_not_make_a_national_edition(project) -> None:
    report = build(project, ["x"], ("el",), formats=("html",))
    assert report.skipped and report.skipped[0][1] == "el"


def test_an_included_untranslated_edition_says_so_everywhere(project) -> None:
    report = build(project, ["x"], project.locales, include_untranslated=True)
    states = {edition.locale: edition.state for edition in report.editions}
    assert states["fr"] is State.UNTRANSLATED and states["de"] is State.REVIEWED
    folder = project.output_path / "x" / "fr"
    page = (folder / "index.html").read_text(encoding="utf-8")
    # The page is the English original: its language says so, the notices are in French.
    assert '<html lang="en-GB"' in page
    assert re.search(r'<div class="untranslated-banner" role="note" lang="fr-FR"><strong>Non traduit</strong>', page)
    assert "(anglais)" in page
    assert "Not translated" not in page.split("<style>")[0]
    # Every page (the PDF's running header) says it, in French.
    assert "@top-center" in page and "Non traduit" in page.split("<style>")[1]
    # No other edition presents it as the French one.
    german = (project.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    assert 'rel="alternate" hreflang="fr"' not in german
    assert re.search(r'<a href="../fr/index.html" lang="fr">Français</a>', german)
    # The PDF's language is the text's.
    pdf = PdfReader(folder / "x-fr.pdf")
    assert str(pdf.trailer["/Root"]["/Lang"]) == "en-GB"
    text = pdf.pages[0].extract_text()
    assert "Non traduit" in text
    # The index labels it in each index's language.
    french_index = (project.output_path / "fr" / "index.html").read_text(encoding="utf-8")
    assert "Non traduit" in french_index
    english_index = (project.output_path / "index.html").read_text(encoding="utf-8")
    assert "Untranslated" in english_index


def test_files_of_an_edition_no_longer_built_are_removed(project) -> None:
    build(project, ["x"], project.locales, formats=("html",), include_untranslated=True)
    page = project.output_path / "x" / "fr" / "index.html"
    assert page.is_file()
    build(project, ["x"], project.locales, formats=("html",))
    assert not page.exists()
    assert "x/fr" not in load_manifest(project.output_path / "manifest.json")
    assert main(["verify", "--project", str(project.root)]) == 0


def test_a_partly_translated_edition_marks_each_fallback_block_in_html_and_pdf(project) -> None:
    partial = dict(GERMAN)
    del partial["We ask you to act now."]
    _translate(project, "de", partial)
    build(project, ["x"], ("de",))
    folder = project.output_path / "x" / "de"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de-DE"' in page and '<p lang="en-GB">We ask you to act now.</p>' in page
    reader = PdfReader(folder / "x-de.pdf")
    languages = set()

    def walk(node, depth=0):
        node = node.get_object()
        if "/Lang" in node:
            languages.add(str(node["/Lang"]))
        kids = node.get("/K")
        if kids is None or depth > 60:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert "en-GB" in languages


def test_links_become_footnotes_with_their_address_in_print_only(project) -> None:
    build(project, ["x"], ("en", "de"))
    for locale in ("en", "de"):
        folder = project.output_path / "x" / locale
        text = "".join(page.extract_text() for page in PdfReader(folder / f"x-{locale}.pdf").pages)
        assert "https://example.org/report?id=1&x=2" in text
        assert text.count("https://example.org") == 1  # the link to "#" gets no note
        web = (folder / "index.html").read_text(encoding="utf-8")
        assert "link-notes" not in web and "link-ref" not in web
    page = (project.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    assert '<section class="link-notes"' not in page


def test_publishing_metadata_with_a_site_url(tmp_path: Path) -> None:
    config = load_config(_project(tmp_path / "p", SETTINGS + 'site_url = "https://letters.example.org/open"\n'))
    extract(config, "x")
    _translate(config, "de", GERMAN)
    build(config, ["x"], config.locales, formats=("html",))
    page = (config.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://letters.example.org/open/x/de/">' in page
    assert '<link rel="alternate" hreflang="en" href="https://letters.example.org/open/x/en/">' in page
    assert '<link rel="alternate" hreflang="x-default" href="https://letters.example.org/open/x/en/">' in page
    assert '<meta property="og:locale" content="de_DE">' in page
    assert '<meta property="og:locale:alternate" content="en_GB">' in page
    assert '<meta property="og:url" content="https://letters.example.org/open/x/de/">' in page
    assert '<meta name="author" content="Child Rights Coalition">' in page
    description = re.search(r'<meta name="description" content="([^"]*)">', page).group(1)
    assert description.startswith("Sehr geehrte")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["inLanguage"] == "de" and data["headline"] == "Die Sicherheit von Kindern zuerst"
    assert data["translationOfWork"] == {"@id": "https://letters.example.org/open/x/en/"}
    assert data["datePublished"] == "2025-09-10"
    sitemap = ET.parse(config.output_path / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = [loc.text for loc in sitemap.findall("s:url/s:loc", ns)]
    assert sorted(locations) == ["https://letters.example.org/open/x/de/", "https://letters.example.org/open/x/en/"]
    links = sitemap.findall("s:url/x:link", ns)
    assert {link.get("hreflang") for link in links} == {"en", "de", "x-default"}


def test_without_a_site_url_links_stay_relative_and_the_build_says_so(project, capsys) -> None:
    assert main(["build", "--project", str(project.root), "--format", "html"]) == 0
    assert "site_url is not set" in capsys.readouterr().out
    page = (project.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page and 'hreflang="en" href="../en/index.html"' in page
    assert not (project.output_path / "sitemap.xml").exists()


def _english_page(root: Path, letter: str) -> tuple[Config, str]:
    """The letter's English web edition, built in a fresh project."""
    config = load_config(_project(root, letter=letter))
    extract(config, "x")
    build(config, ["x"], ("en",), formats=("html",))
    return config, (config.output_path / "x" / "en" / "index.html").read_text(encoding="utf-8")


def test_a_hostile_title_cannot_leave_the_structured_data(tmp_path: Path) -> None:
    letter = LETTER.replace('title: "Children\'s safety first"', 'title: "A </script><script>alert(1)</script> b"')
    _, page = _english_page(tmp_path / "p", letter)
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert json.loads(script)["headline"] == "A </script><script>alert(1)</script> b"
    assert "<script>alert" not in page


def test_body_typography_follows_the_language_and_names_stay_as_written(project) -> None:
    build(project, ["x"], ("en", "de"), formats=("html",))
    english = (project.output_path / "x" / "en" / "index.html").read_text(encoding="utf-8")
    german = (project.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    assert "Children’s safety first" in english and "“85\u00a0% of cases”" in english
    assert "„85\u00a0% der Fälle“" in german
    for page in (english, german):  # names exactly as written
        assert "<bdi>&quot;Kids' Voice&quot; e.V.</bdi>" in page
        assert "<bdi>Ассоциация «Дети»</bdi>" in page


def test_french_no_break_spaces_and_quotes() -> None:
    assert render_body('Vraiment ? Oui : "non" ; 12 km', "fr") == \
        "Vraiment\u202f? Oui\u00a0: «\u00a0non\u00a0»\u202f; 12\u00a0km"
    assert no_break_spaces("85 000 000 people, 5 %", "en") == "85\u00a0000\u00a0000 people, 5\u00a0%"
    assert no_break_spaces("Version 2 of 3", "de") == "Version 2 of 3"  # no unit: an ordinary space
    assert render_body("`a \"b\"` c's", "de") == "<code>a &quot;b&quot;</code> c’s"


def test_letterhead_and_pdf_metadata(project) -> None:
    build(project, ["x"], ("de",))
    reader = PdfReader(project.output_path / "x" / "de" / "x-de.pdf")
    info = reader.metadata
    assert info.title == "Die Sicherheit von Kindern zuerst"
    assert info.author == "Child Rights Coalition"
    assert info["/Keywords"] == "child protection, CSAR"
    assert info.subject.startswith("Sehr geehrte")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "10. September 2025" in text
    assert "Kontakt: press@example.org" in text


def test_index_pages_in_every_language_in_protocol_order(project) -> None:
    build(project, ["x"], project.locales, include_untranslated=True)
    german = (project.output_path / "de" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Offene Briefe</h1>" in german
    assert re.search(r'<h2 id="letter-1">Die Sicherheit von Kindern zuerst</h2>', german)
    assert "10. September 2025" in german and re.search(r"3 Unterzeichne", german)
    order = re.findall(r'<li class="state-\w+"><a href="[^"]+"(?: hreflang="[^"]+")? lang="([\w-]+)">', german)
    assert order == ["de-DE", "el-GR", "en-GB", "fr-FR"]  # Deutsch, Ελληνικά, English, Français
    size = (project.output_path / "x" / "de" / "x-de.pdf").stat().st_size
    assert re.search(rf'>PDF \(Deutsch, {round(size / 1000)} kB\)</a>', german)
    english = (project.output_path / "index.html").read_text(encoding="utf-8")
    assert "<h1>Open letters</h1>" in english and 'hreflang="de"' in english


def test_check_warns_of_links_to_nothing_and_a_missing_date(tmp_path: Path) -> None:
    config = load_config(_project(tmp_path / "p", letter=LETTER.replace("date: 2025-09-10\n", "")))
    extract(config, "x")
    report = run_checks(config, ["x"], ())
    found = {(f.check, f.severity) for f in report.findings}
    assert ("empty-links", "warning") in found and ("date", "warning") in found
    assert not any(f.check == "empty-links" and "documented" in f.message for f in report.findings)


@pytest.mark.parametrize("setting", ['site_url = "example.org"', 'contact = "not an address"',
                                     'site_url = "https://example.org/x?a=1#f"'])
def test_publishing_settings_are_validated(tmp_path: Path, setting: str) -> None:
    with pytest.raises(ConfigError, match=setting.split(" ")[0]):
        load_config(_project(tmp_path / "p", SETTINGS.replace('contact = "press@example.org"\n', "") + setting + "\n"))


def test_the_original_is_built_even_when_locales_leave_it_out(tmp_path: Path) -> None:
    config = load_config(_project(tmp_path / "p", SETTINGS.replace('["en", "de", "fr", "el"]', '["de"]')))
    extract(config, "x")
    _translate(config, "de", GERMAN)
    assert main(["build", "--project", str(config.root), "--format", "html"]) == 0
    assert (config.output_path / "x" / "en" / "index.html").is_file()
    page = (config.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="x-default" href="../en/index.html"' in page


def test_dates_are_printed_as_each_country_writes_them(project) -> None:
    build(project, ["x"], ("en", "de"), formats=("html",))
    assert "10 September 2025" in (project.output_path / "x" / "en" / "index.html").read_text(encoding="utf-8")
    assert "10. September 2025" in (project.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")


def test_index_pages_and_sitemap_no_longer_wanted_are_removed(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", SETTINGS + 'site_url = "https://example.org/"\n')
    config = load_config(root)
    extract(config, "x")
    _translate(config, "de", GERMAN)
    build(config, ["x"], config.locales, formats=("html",), include_untranslated=True)
    assert (config.output_path / "fr" / "index.html").is_file() and (config.output_path / "sitemap.xml").is_file()
    (root / "letterlingo.toml").write_text(SETTINGS, encoding="utf-8")
    config = load_config(root)
    build(config, ["x"], config.locales, formats=("html",))
    assert not (config.output_path / "fr" / "index.html").exists()
    assert not (config.output_path / "sitemap.xml").exists()
    assert (config.output_path / "de" / "index.html").is_file()
    mine = config.output_path / "notes.html"
    mine.write_text("kept", encoding="utf-8")
    build(config, ["x"], config.locales, formats=("html",))
    assert mine.read_text(encoding="utf-8") == "kept"


@pytest.mark.parametrize("translation", ["Unterzeichnet von [hier](javascript:alert(1))",
                                         "Siehe ![x](file:///etc/passwd) hier.",
                                         "Klick [hier](JaVaScRiPt:alert(document.domain))."])
def test_a_translation_adding_a_link_markdown_refuses_is_refused(translation: str) -> None:
    from letterlingo import parity

    assert any(m.check == "links" for m in parity.errors("Signed by here.", translation, "de"))
    assert not parity.errors("Mail [us](mailto:a@example.org).", "Mail an [uns](mailto:a@example.org).", "de")


def test_a_greek_date_with_an_ordinal_and_the_genitive_month_is_the_same_date() -> None:
    from letterlingo import parity

    source = "The proposal dated 2022-05-11 is good."
    assert not parity.errors(source, "Η πρόταση της 11ης Μαΐου 2022 είναι καλή.", "el")
    assert parity.errors(source, "Η πρόταση της 11ης Ιουνίου 2022 είναι καλή.", "el")


def test_links_to_nothing_are_shown_as_words_and_reported_in_names_too(tmp_path: Path) -> None:
    letter = LETTER.replace('2. "Kids\' Voice" e.V.', '2. ["Hope" e.V.](#)')
    config, page = _english_page(tmp_path / "p", letter)
    assert "and elsewhere." in page and 'href="#"' not in page.split('<section class="signatories"')[0]
    report = run_checks(config, ["x"], ())
    assert any(f.check == "empty-links" and "Hope" in f.message for f in report.findings)


def test_the_index_says_an_untranslated_pdf_is_in_the_original_language(project) -> None:
    build(project, ["x"], project.locales, include_untranslated=True)
    french = (project.output_path / "fr" / "index.html").read_text(encoding="utf-8")
    assert re.search(r">PDF \(English, \d+\s?ko\)</a>", french)


def test_a_description_left_in_the_original_does_not_describe_a_translated_page(tmp_path: Path) -> None:
    letter = LETTER.replace("date: 2025-09-10\n", "date: 2025-09-10\ndescription: A letter in English.\n")
    config = load_config(_project(tmp_path / "p", letter=letter))
    extract(config, "x")
    _translate(config, "de", GERMAN)  # the description has no translation
    build(config, ["x"], ("de",), formats=("html",))
    page = (config.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Sehr geehrte' in page


def test_a_cited_address_is_printed_readable() -> None:
    notes: list[str] = []
    render_body("See [the study](https://example.org/étude_(2024)?a=1&b=2).", "en", notes=notes)
    assert notes == ["https://example.org/étude_(2024)?a=1&b=2"]
