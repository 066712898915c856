"""run_checks over whole projects: which findings, where, with which severity, and the exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks.checkutil import FIGURES, GOOD_DE, HEADING, LETTER, PARAGRAPH, SALUTATION, make_project, po_text, translate
from letterlingo.catalog import read_catalog, write_catalog
from letterlingo.checks import check, run_checks
from letterlingo.config import Config
from letterlingo.errors import ConfigError

PO = "locales/de/LC_MESSAGES/letter.po"


@pytest.fixture
def project(tmp_path: Path) -> Config:
    return make_project(tmp_path / "project", locales=("en", "de"))


def line_of(config: Config, msgid: str, locale: str = "de") -> int:
    return next(entry.linenum for entry in read_catalog(config.po_file("letter", locale)) if entry.msgid == msgid)


def test_a_good_translation_passes(project: Config) -> None:
    translate(project, "de", GOOD_DE)
    report = check(project)
    assert report.findings == ()
    assert report.exit_code == 0
    assert [(row.slug, row.locale, row.errors, row.warnings) for row in report.summary] == [
        ("letter", None, 0, 0), ("letter", "de", 0, 0)
    ]


def test_an_untranslated_project_only_warns(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    report = check(config)
    assert {(f.check, f.severity, f.locale) for f in report.findings} == {
        ("untranslated", "warning", "de"), ("untranslated", "warning", "fr")
    }
    assert report.exit_code == 0
    assert run_checks(config, ["letter"], ("de",), strict=True).exit_code == 1


def test_reviewed_entries_fail_with_errors_at_their_line(project: Config) -> None:
    translate(project, "de", {
        **GOOD_DE,
        PARAGRAPH: "Wir, eine Koalition von über 80 Organisationen, stellen seit 2020 einen "
                   "[Rückgang um 58 %](https://evil.example/report) fest. <script>x</script>",
    })
    report = check(project)
    line = line_of(project, PARAGRAPH)
    got = sorted((f.path, f.line, f.severity, f.check) for f in report.findings)
    assert got == sorted([
        (PO, line, "error", "emphasis"),
        (PO, line, "error", "links"),
        (PO, line, "error", "links"),
        (PO, line, "error", "html"),
        (PO, line, "error", "numbers"),
        (PO, line, "warning", "end-punctuation"),
    ])
    assert report.exit_code == 1
    assert (report.errors, report.warnings) == (5, 1)
    assert (report.summary[1].errors, report.summary[1].warnings) == (5, 1)


def test_fuzzy_drafts_are_checked_but_only_warn(project: Config) -> None:
    translate(project, "de", {**GOOD_DE, FIGURES: "Die Meldungen stiegen stark."}, fuzzy=(FIGURES,))
    report = check(project)
    got = {(f.check, f.severity) for f in report.findings}
    assert got == {("numbers", "warning"), ("emphasis", "warning"), ("length", "warning"), ("fuzzy", "warning")}
    assert report.exit_code == 0
    assert run_checks(project, ["letter"], ("de",), strict=True).exit_code == 1


def test_empty_translations_get_no_markup_checks(project: Config) -> None:
    translate(project, "de", {HEADING: "Unterzeichnet von"})
    assert {f.check for f in check(project).findings} == {"untranslated"}


def test_finding_format(project: Config) -> None:
    translate(project, "de", {**GOOD_DE, SALUTATION: "Sehr geehrte Mitglieder des LIBE-Ausschusses"})
    (finding,) = check(project).findings
    assert finding.format() == (f"{PO}:{line_of(project, SALUTATION)}: warning: end-punctuation: "
                                "source ends with ',', the translation has no end punctuation")


def test_report_as_json(project: Config) -> None:
    translate(project, "de", {**GOOD_DE, PARAGRAPH: "kaputt"})
    data = json.loads(json.dumps(check(project, strict=True).as_dict()))
    assert data["exit_code"] == 1 and data["strict"] is True
    assert data["errors"] == sum(1 for f in data["findings"] if f["severity"] == "error") > 0
    assert {"path", "line", "severity", "check", "message", "slug", "locale"} <= set(data["findings"][0])
    assert data["summary"][1] == {"slug": "letter", "locale": "de", "errors": data["errors"],
                                  "warnings": data["warnings"], "has_catalogue": True}


def test_letter_without_signatories(tmp_path: Path) -> None:
    letter = LETTER.split("<!-- signatories -->")[0]
    config = make_project(tmp_path / "project", letter=letter, locales=("en",))
    (finding,) = check(config).findings
    assert (finding.path, finding.line, finding.severity, finding.check) == ("letters/letter.md", None, "error", "signatories")
    assert finding.format().startswith("letters/letter.md: error: signatories: no signatory section")


def test_letter_with_an_empty_signatory_section(tmp_path: Path) -> None:
    letter = LETTER.split("<!-- signatories -->")[0] + "<!-- signatories -->\n\n## Signed by\n"
    config = make_project(tmp_path / "project", letter=letter, locales=("en",))
    (finding,) = check(config).findings
    assert (finding.check, finding.line) == ("signatories", letter.split("\n").index("<!-- signatories -->") + 1)


def test_names_above_the_marker_leak_into_the_catalogues(tmp_path: Path) -> None:
    letter = LETTER.replace("<!-- signatories -->\n\n## Signed by\n\n- Awel\n", "- Awel\n\n<!-- signatories -->\n\n## Signed by\n\n- Awel\n")
    config = make_project(tmp_path / "project", letter=letter, locales=("en", "de"))
    found = {(f.path, f.check, f.severity) for f in check(config).findings}
    assert ("locales/letter.pot", "signatory-leak", "error") in found
    assert (PO, "signatory-leak", "error") in found


def test_a_name_pasted_into_a_translation(project: Config) -> None:
    translate(project, "de", {**GOOD_DE, HEADING: "VSE"})
    assert [(f.check, f.line) for f in check(project).findings] == [("signatory-leak", line_of(project, HEADING))]


def test_missing_catalogue_and_template(project: Config) -> None:
    project.po_file("letter", "de").unlink()
    project.pot_file("letter").unlink()
    report = check(project)
    assert {(f.path, f.check) for f in report.findings} == {("locales/letter.pot", "outdated"), (PO, "untranslated")}
    assert [row.has_catalogue for row in report.summary] == [True, False]
    assert report.exit_code == 0


def test_catalogue_out_of_date_with_the_template(project: Config) -> None:
    translate(project, "de", GOOD_DE)
    path = project.po_file("letter", "de")
    catalogue = read_catalog(path)
    catalogue.remove(next(entry for entry in catalogue if entry.msgid == HEADING))
    write_catalog(catalogue, path)
    assert [f.check for f in check(project).findings] == ["outdated"]


def test_header_language_and_plural_forms(project: Config) -> None:
    translate(project, "de", GOOD_DE)
    path = project.po_file("letter", "de")
    catalogue = read_catalog(path)
    catalogue.metadata["Language"] = "fr"
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    write_catalog(catalogue, path)
    assert sorted(f.check for f in check(project).findings) == ["language", "plural-forms"]


def test_plural_entries_are_checked_per_form(project: Config) -> None:
    path = project.po_file("letter", "de")
    path.write_text(po_text("""
        #, python-format
        msgid "%(n)d signatory"
        msgid_plural "%(n)d signatories"
        msgstr[0] "ein Unterzeichner"
        msgstr[1] "Unterzeichnende"
        """), encoding="utf-8")
    found = [(f.check, f.severity, f.line, f.message) for f in check(project, only=["format"]).findings]
    assert found == [("format", "error", 13, "a format specification for argument 'n' doesn't exist in 'msgstr[1]'")]


def test_only_and_skip(project: Config) -> None:
    translate(project, "de", {**GOOD_DE, PARAGRAPH: "kaputt"})
    assert {f.check for f in check(project, only=["links"]).findings} == {"links"}
    assert "links" not in {f.check for f in check(project, skip=["links"]).findings}
    assert check(project, only=["untranslated"]).checks == ("untranslated",)


def test_unusable_input_raises(project: Config) -> None:
    with pytest.raises(ConfigError, match="unknown language code 'xx'"):
        check(project, locales=["xx"])
    with pytest.raises(ConfigError, match="no letter 'nope'"):
        check(project, slugs=["nope"])
    with pytest.raises(ConfigError, match="unknown check"):
        check(project, only=["nope"])



def test_an_unreadable_file_is_a_finding_and_the_run_goes_on(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", locales=("en", "de", "fr"))
    translate(project, "de", {**GOOD_DE, PARAGRAPH: "Wir stellen seit 2020 einen Rückgang fest."})
    good = check(project)
    assert any(f.locale == "de" and f.check == "numbers" for f in good.findings)
    project.po_file("letter", "fr").write_text('msgid "a"\nmsgstr "unterminated\n', encoding="utf-8")
    report = check(project)
    unreadable = [f for f in report.findings if f.check == "unreadable"]
    assert [(f.path, f.line, f.locale) for f in unreadable] == [("locales/fr/LC_MESSAGES/letter.po", 2, "fr")]
    assert "unterminated" in unreadable[0].message
    assert any(f.locale == "de" and f.check == "numbers" for f in report.findings)  # the run went on
    assert report.exit_code == 2
    project.letter_file("letter").write_text("no front matter\n", encoding="utf-8")
    report = check(project)
    assert [(f.path, f.check) for f in report.findings if f.check == "unreadable"][0] == \
        ("letters/letter.md", "unreadable")
    assert any(f.locale == "de" and f.check == "numbers" for f in report.findings)  # catalogues still checked


def test_wrong_plural_forms_are_findings_on_their_lines(project: Config) -> None:
    translate(project, "de", {**GOOD_DE, PARAGRAPH: "Wir stellen seit 2020 einen Rückgang fest."})
    path = project.po_file("letter", "de")
    text = path.read_text(encoding="utf-8").replace("nplurals=2; plural=(n != 1);", "nplurals=3; plural=(n != 1);")
    text += '\nmsgid "one file"\nmsgid_plural "{n} files"\nmsgstr[0] "eine Datei"\n'
    path.write_text(text, encoding="utf-8")
    report = check(project)
    found = {f.check for f in report.findings if f.locale == "de"}
    assert {"plural-forms", "plural-count", "numbers"} <= found, found
    assert report.exit_code == 1


def test_the_repository_catalogues_have_no_errors(example_project: Config) -> None:
    report = check(example_project)
    assert [finding.format() for finding in report.findings if finding.severity == "error"] == []


def test_template_out_of_date_with_the_letter(project: Config) -> None:
    letter = project.letter_file("letter")
    letter.write_text(letter.read_text(encoding="utf-8").replace("Dear Members", "Dear Chair and Members"),
                      encoding="utf-8")
    found = [(f.path, f.check) for f in check(project).findings]
    assert ("locales/letter.pot", "outdated") in found


def test_unchanged_files_are_not_checked_again(project: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    import letterlingo.checks.runner as runner

    translate(project, "de", {**GOOD_DE, PARAGRAPH: "Wir stellen seit 2020 einen Rückgang fest."})
    first = check(project)
    assert any(f.check == "numbers" for f in first.findings)

    def no_reading(*args: object, **kwargs: object) -> object:
        raise AssertionError("a file was parsed although nothing changed")

    with monkeypatch.context() as patched:
        patched.setattr(runner, "parse_catalog", no_reading)
        patched.setattr(runner, "load_letter", no_reading)
        second = check(project)
    assert second.findings == first.findings and second.summary == first.summary


@pytest.mark.parametrize("change", ["catalogue", "letter", "glossary"])
def test_a_change_to_anything_a_check_reads_checks_again(project: Config, change: str) -> None:
    translate(project, "de", {**GOOD_DE, PARAGRAPH: "Wir stellen seit 2020 einen Rückgang fest."})
    check(project)
    if change == "catalogue":
        translate(project, "de", GOOD_DE)
        assert not any(f.check == "numbers" for f in check(project).findings)
    elif change == "letter":
        path = project.letter_file("letter")
        path.write_text(path.read_text(encoding="utf-8").replace("since 2021", "since 2020"), encoding="utf-8")
        assert any(f.check == "outdated" for f in check(project).findings)
    else:
        (project.root / "glossary.csv").write_text("term\ncoalition\n", encoding="utf-8")
        assert any(f.check == "glossary" for f in check(project).findings)


def test_an_unreadable_letter_is_reported_on_every_run(project: Config) -> None:
    check(project)
    project.letter_file("letter").write_text("no front matter\n", encoding="utf-8")
    for _ in range(2):
        assert [f.check for f in check(project).findings if f.path.startswith("letters/")] == ["unreadable"]
