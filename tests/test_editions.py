"""Editions: HTML and PDF of every example letter in every locale, tested by their properties."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from pypdf import PdfReader
from support import REPO

from letterlingo.build import build
from letterlingo.config import load_config
from letterlingo.edition import Drafts
from letterlingo.markdown import plain_text
from letterlingo.project import letter_slugs, load_letter

#: Renders PDFs (or kills processes): deselect with -m "not slow".
pytestmark = pytest.mark.slow


def _copy_project(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy(REPO / "letterlingo.toml", root / "letterlingo.toml")
    shutil.copytree(REPO / "letters", root / "letters")
    shutil.copytree(REPO / "locales", root / "locales")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The whole example project built once: 3 letters × 24 locales, HTML and PDF."""
    config = load_config(_copy_project(tmp_path_factory.mktemp("built") / "project"))
    report = build(config, letter_slugs(config), config.locales, jobs=2)
    return config, report


def test_every_edition_is_proved_by_the_build(built) -> None:
    """build() itself reads back every HTML and PDF and finds every name, in order."""
    config, report = built
    assert len(report.proofs) == 72 and not report.failed_proofs, [
        result.summary() for proof in report.failed_proofs for result in proof.files.values() if not result.ok]
    assert all(result.found == result.total for proof in report.proofs for result in proof.files.values())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_edition_exists(built) -> None:
    config, report = built
    assert len(report.editions) == 3 * 24
    for edition in report.editions:
        assert edition.html.is_file() and edition.pdf.is_file()
        assert edition.pdf.name == f"{edition.slug}-{edition.locale}.pdf"
    assert (config.output_path / "index.html").is_file()


def test_every_signatory_is_in_every_pdf_exactly_as_written(built) -> None:
    config, report = built
    for slug in letter_slugs(config):
        names = [plain_text(s.name) for s in load_letter(config, slug).signatories]
        assert len(names) in (53, 103, 109)
        for edition in (e for e in report.editions if e.slug == slug):
            text = _squash("".join(page.extract_text() for page in PdfReader(edition.pdf).pages))
            position = 0
            for name in names:
                found = text.find(_squash(name), position)
                assert found >= 0, f"{edition.pdf.name}: {name!r} missing or out of order"
                position = found


def test_pdf_metadata_language_fonts_and_tags(built) -> None:
    config, report = built
    for edition in report.editions:
        reader = PdfReader(edition.pdf)
        catalog = reader.trailer["/Root"]
        assert reader.metadata.title, edition.pdf
        assert str(catalog["/Lang"]).split("-")[0] == edition.locale
        assert bool(catalog["/MarkInfo"]["/Marked"])
        assert not reader.attachments
        fonts = {}
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
        assert fonts and all(fonts.values()), f"{edition.pdf}: fonts not embedded {fonts}"
    greek = PdfReader(config.output_path / "2025-csar-open-letter" / "el" / "2025-csar-open-letter-el.pdf")
    assert greek.metadata.title.startswith("Ανοιχτή επιστολή")
    assert str(greek.trailer["/Root"]["/Lang"]) == "el-GR"
    portuguese = PdfReader(config.output_path / "2025-csar-open-letter" / "pt" / "2025-csar-open-letter-pt.pdf")
    assert str(portuguese.trailer["/Root"]["/Lang"]) == "pt-PT"


def test_page_numbers_and_draft_notice_in_the_locale_words(built) -> None:
    config, _ = built
    german = PdfReader(config.output_path / "2025-csar-open-letter" / "de" / "2025-csar-open-letter-de.pdf")
    pages = [page.extract_text() for page in german.pages]
    for number, text in enumerate(pages, start=1):
        assert f"Seite {number} von {len(pages)}" in text
        assert "Entwurf: maschinelle Übersetzung, noch nicht geprüft" in text
    english = PdfReader(config.output_path / "2025-csar-open-letter" / "en" / "2025-csar-open-letter-en.pdf")
    text = english.pages[0].extract_text()
    assert "Page 1 of" in text and "Draft" not in text


def test_html_edition_language_switcher_and_alternates(built) -> None:
    config, _ = built
    html = (config.output_path / "2022-commission-proposal-web" / "de" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de-DE" dir="ltr">' in html
    assert '<link rel="alternate" hreflang="el" href="../el/index.html">' in html
    assert '<link rel="alternate" hreflang="x-default" href="../en/index.html">' in html
    assert 'lang="el">Ελληνικά</a>' in html and 'aria-current="page">Deutsch</span>' in html
    assert "Veröffentlicht am 1. Juni 2022" in html
    assert 'href="2022-commission-proposal-web-de.pdf"' in html
    assert "53 Unterzeichner" in html
    assert 'class="draft-banner"' in html and "Entwurf: maschinelle Übersetzung" in html
    assert '<script type="application/ld+json">' in html and "<script>" not in html
    index = (config.output_path / "index.html").read_text(encoding="utf-8")
    assert index.count(">Ελληνικά</a>") == 4 and "Draft" in index and "Original" in index  # menu + 3 letters


def _one_letter_project(tmp_path: Path, msgstr_by_msgid: dict[str, str], fuzzy: bool = False):
    root = tmp_path / "p"
    (root / "letters").mkdir(parents=True)
    (root / "letterlingo.toml").write_text('locales = ["en", "de"]\n', encoding="utf-8")
    (root / "letters" / "x.md").write_text(
        "---\ntitle: Title\n---\nSee [the report](https://example.org/report) now.\n\nSecond paragraph.\n\n"
        "<!-- signatories -->\n- Jane Doe\n", encoding="utf-8")
    config = load_config(root)
    from letterlingo.extract import extract
    from letterlingo.update import update

    extract(config, "x")
    update(config, "x", ("de",))
    path = config.po_file("x", "de")
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in msgstr_by_msgid:
            entry.msgstr = msgstr_by_msgid[entry.msgid]
            if fuzzy:
                entry.flags.append("fuzzy")
    po.save(str(path))
    return config


ATTACKS = {
    "Title": "<script>alert(1)</script>Titel",
    "See [the report](https://example.org/report) now.":
        'Siehe <img src=x onerror=alert(1)> [den Bericht](https://example.org/report) <link rel=attachment '
        'href="file:///etc/passwd"> <style>@import url(file:///etc/passwd)</style>',
    "Second paragraph.": "![x](file:///etc/passwd) [klick](javascript:alert(1))",
}


def test_hostile_translations_come_out_inert(tmp_path: Path) -> None:
    config = _one_letter_project(tmp_path, ATTACKS)
    build(config, ["x"], ("en", "de"), jobs=1, include_untranslated=True)
    html = (config.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<script[^>]*>", html) == ['<script type="application/ld+json">']
    assert "alert(1)" not in html and "<img" not in html
    assert "<link rel=attachment" not in html and "<style>@import" not in html
    assert 'href="javascript' not in html and 'src="file' not in html
    # Raw HTML and a changed figure break parity: the edition shows the source instead, and
    # with nothing left translated it is the original letter, in the original's language.
    assert '<html lang="en-GB"' in html and 'class="untranslated-banner"' in html
    assert '<h1 id="title">Title</h1>' in html
    assert "<p>Second paragraph.</p>" in html
    pdf = PdfReader(config.output_path / "x" / "de" / "x-de.pdf")
    assert not pdf.attachments
    assert "root:" not in "".join(page.extract_text() for page in pdf.pages)


def test_text_that_reads_as_markup_is_escaped(tmp_path: Path) -> None:
    """A translation that keeps parity but shows `<b>` and `&` as text comes out escaped."""
    config = _one_letter_project(tmp_path, {"Title": "Titel & Söhne \\<b\\> &lt;i&gt;",
                                            "Second paragraph.": "Zweiter Absatz."})
    build(config, ["x"], ("de",), formats=("html",), jobs=1, include_untranslated=True)
    html = (config.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="title">Titel &amp; Söhne &lt;b&gt; &lt;i&gt;</h1>' in html


def test_translation_may_not_redirect_or_add_links_or_images(tmp_path: Path) -> None:
    config = _one_letter_project(tmp_path, {
        "See [the report](https://example.org/report) now.": "Siehe [den Bericht](https://evil.example/) jetzt.",
        "Second paragraph.": "Zweiter ![Bild](https://example.org/x.png) [Absatz](https://example.org/).",
        "Title": "Titel"})
    build(config, ["x"], ("de",), formats=("html",), jobs=1, include_untranslated=True)
    html = (config.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    assert "evil.example" not in html
    # Both paragraphs refused: the edition is the original letter under a German title.
    assert '<html lang="en-GB"' in html
    assert '<p>See <a href="https://example.org/report">the report</a> now.</p>' in html
    assert "<p>Second paragraph.</p>" in html and "x.png" not in html
    assert '<h1 id="title" lang="de-DE">Titel</h1>' in html


def test_fetcher_serves_only_project_assets(tmp_path: Path) -> None:
    """WeasyPrint's own fetcher would embed /etc/passwd through <link rel=attachment>; ours refuses."""
    from weasyprint import HTML

    from letterlingo.fetcher import AssetFetcher
    from letterlingo.templating import PACKAGE_TEMPLATES

    page = '<html><head><link rel="attachment" href="file:///etc/passwd"></head><body>x</body></html>'
    unsafe, safe = tmp_path / "unsafe.pdf", tmp_path / "safe.pdf"
    HTML(string=page, base_url=str(tmp_path)).write_pdf(unsafe)
    assert PdfReader(unsafe).attachments, "control: the default fetcher attaches local files"
    fetcher = AssetFetcher([PACKAGE_TEMPLATES])
    HTML(string=page, base_url=str(tmp_path), url_fetcher=fetcher).write_pdf(safe)
    assert not PdfReader(safe).attachments
    assert fetcher.refused == ["file:///etc/passwd"]
    assert fetcher.allows((PACKAGE_TEMPLATES / "edition.css").as_uri())
    assert not fetcher.allows((PACKAGE_TEMPLATES / ".." / "__init__.py").resolve().as_uri())
    assert not fetcher.allows("https://example.org/x.css")


def test_draft_modes_and_publish(tmp_path: Path) -> None:
    config = _one_letter_project(tmp_path, {"Title": "Titel", "Second paragraph.": "Zweiter Absatz."}, fuzzy=True)
    build(config, ["x"], ("de",), formats=("html",), drafts=Drafts.PROOF, jobs=1, include_untranslated=True)
    html = (config.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    assert 'class="is-draft"' in html and "Noch nicht geprüft" in html and 'class="is-missing"' in html
    build(config, ["x"], ("de",), formats=("html",), drafts=Drafts.HIDE, jobs=1, include_untranslated=True)
    html = (config.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    # Drafts hidden, nothing reviewed: the original letter, labelled so.
    assert "Zweiter Absatz." not in html and "draft-banner" not in html and "untranslated-banner" in html
    build(config, ["x"], ("de",), formats=("html",), drafts=Drafts.MARK, jobs=1, include_untranslated=True)
    html = (config.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8")
    assert "Zweiter Absatz." in html and "draft-banner" in html and "missing-banner" not in html
    report = build(config, ["x"], ("en", "de"), formats=("html",), publish=True, jobs=1)
    assert [e.locale for e in report.editions] == ["en"]
    assert [(slug, locale) for slug, locale, _ in report.skipped] == [("x", "de")]


def test_fully_reviewed_locale_publishes_clean(tmp_path: Path) -> None:
    """The German drafts of the 2025 letter, marked reviewed, give a clean published edition."""
    config = load_config(_copy_project(tmp_path / "p"))
    path = config.po_file("2025-csar-open-letter", "de")
    po = polib.pofile(str(path))
    for entry in po:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.tcomment = ""
    po.save(str(path))
    report = build(config, ["2025-csar-open-letter"], config.locales, publish=True, jobs=1)
    assert sorted(e.locale for e in report.editions) == ["de", "en"]
    assert len(report.skipped) == 22
    text = "".join(p.extract_text() for p in PdfReader(config.output_path / "2025-csar-open-letter" / "de" /
                                                         "2025-csar-open-letter-de.pdf").pages)
    assert "Entwurf" not in text and "Offener Brief" in text
    # Built again with nothing changed, a skipped edition still says how much is left to review.
    again = build(config, ["2025-csar-open-letter"], config.locales, publish=True, jobs=1)
    assert {why for _, _, why in again.skipped} == {why for _, _, why in report.skipped}
    assert all("not reviewed" in why or "nothing translated" in why for _, _, why in again.skipped)


def test_project_templates_override_the_built_in_ones(tmp_path: Path) -> None:
    config = _one_letter_project(tmp_path, {"Second paragraph.": "Zweiter Absatz."})
    (config.root / "templates").mkdir()
    (config.root / "templates" / "edition.html").write_text(
        "<html lang=\"{{ page.lang }}\"><body>custom {{ page.title_html }}</body></html>", encoding="utf-8")
    build(config, ["x"], ("de",), formats=("html",), jobs=1, include_untranslated=True)
    assert (config.output_path / "x" / "de" / "index.html").read_text(encoding="utf-8").startswith('<html lang="de-DE"><body>custom <h1')


def _words(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Each page's size and words with their boxes (points), as poppler reads them."""
    import html as html_module
    import subprocess

    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for width, height, body in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [(float(a), float(b), float(c), float(d), html_module.unescape(t)) for a, b, c, d, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body)]
        pages.append((float(width), float(height), words))
    return pages


MM = 72 / 25.4


def test_no_widow_page_of_names(built) -> None:
    """The last page is never a handful of names: it is at least a quarter full."""
    config, report = built
    for edition in report.editions:
        pages = _words(edition.pdf)
        if len(pages) < 2:
            continue
        _, height, words = pages[-1]
        top, bottom = 22 * MM, height - 26 * MM
        text = [w for w in words if w[1] > top - 5 and w[3] < bottom]
        fill = (max(w[3] for w in text) - top) / (bottom - top)
        assert fill >= 0.25, f"{edition.pdf.name}: last page {fill:.0%} full"


def test_a_tighter_list_is_tried_only_where_it_can_free_the_last_page() -> None:
    """The estimate that spares a second layout: a handful of names after a long list is worth a
    try, a page of names after a short one is not (the second layout would keep the page)."""
    from letterlingo.pdf import _NamesHeights, _worth_trying

    # Names at 9.5 pt on 1.45 (about 18.4 px a line) with 2.4 px between them.
    one_name = 18.4 + 2.4
    few_left = _NamesHeights(total=120 * one_name, last=4 * one_name, other_last=2 * one_name, line=18.4,
                             spacing=2.4)
    assert _worth_trying(few_left, 9, 1.3, 0.85)
    page_left = _NamesHeights(total=40 * one_name, last=20 * one_name, other_last=10 * one_name, line=18.4,
                              spacing=2.4)
    assert not _worth_trying(page_left, 9, 1.3, 0.85)
    assert not _worth_trying(page_left, 8.5, 1.2, 1.1)
    # A list already as tight as the rule frees nothing.
    tight = _NamesHeights(total=120 * 15.6, last=4 * 15.6, other_last=0, line=15.6, spacing=0)
    assert not _worth_trying(tight, 9, 1.3, 0.85)


def test_signatory_columns_have_a_real_gutter(built) -> None:
    """Between the two columns of names there is at least 6 mm of blank paper on every page of
    names (no number hangs into it), measured on the page image (pdftoppm)."""
    import io
    import subprocess

    from PIL import Image

    from letterlingo.templating import signatory_count_text

    config, report = built
    measured = 0
    for edition in report.editions:
        if edition.locale not in ("en", "de", "el", "bg", "fr"):
            continue
        letter = load_letter(config, edition.slug)
        tokens = signatory_count_text(letter, edition.locale).split()
        started = False
        for number, (width, height, words) in enumerate(_words(edition.pdf), start=1):
            top, bottom = 22 * MM, height - 26 * MM
            counts = [words[i + len(tokens) - 1] for i in range(len(words) - len(tokens) + 1)
                      if [w[4] for w in words[i:i + len(tokens)]] == tokens]
            if counts:
                started, top = True, counts[0][3] + 2
            if not started:
                continue
            names = [w for w in words if w[1] > top and w[3] < bottom]
            if not any(w[0] > width / 2 for w in names):
                continue  # one column only on this page
            image = subprocess.run(["pdftoppm", "-gray", "-r", "72", "-f", str(number), "-l", str(number),
                                    str(edition.pdf)], capture_output=True, check=True).stdout
            picture = Image.open(io.BytesIO(image)).convert("L")
            scale = picture.width / width
            last = max(w[3] for w in names)
            rows = range(int(top * scale), int(last * scale))
            run = best = 0
            for x in range(int(width * 0.3 * scale), int(width * 0.7 * scale)):
                empty = all(picture.getpixel((x, y)) > 200 for y in rows)
                run = run + 1 if empty else 0
                best = max(best, run)
            assert best / scale >= 6 * MM, f"{edition.pdf.name} page {number}: gutter {best / scale / MM:.1f} mm"
            measured += 1
    assert measured >= 10
