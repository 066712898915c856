"""Extraction and msgmerge-style update: golden templates, merges, round trips, msgfmt."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from support import DATA, REPO, msgfmt_check

from letterlingo.catalog import read_catalog, render_catalog
from letterlingo.config import load_config
from letterlingo.errors import CatalogError
from letterlingo.extract import extract, letter_template
from letterlingo.letter import parse_letter
from letterlingo.project import letter_slugs, load_letter
from letterlingo.status import status
from letterlingo.update import update

EXTRACT_CASES = sorted(p.name for p in (DATA / "extract").glob("*.md"))


@pytest.mark.parametrize("name", EXTRACT_CASES)
def test_extract_matches_golden_template(name: str, update_golden: bool) -> None:
    letter = parse_letter(DATA / "extract" / name)
    template = render_catalog(letter_template(letter, f"letters/{name}"))
    expected = DATA / "extract" / f"{name}.expect.pot"
    if update_golden or not expected.exists():
        expected.write_text(template, encoding="utf-8")
    assert template == expected.read_text(encoding="utf-8")


def test_template_entries_describe_blocks_and_merge_duplicates() -> None:
    letter = parse_letter(DATA / "extract" / "structure.md")
    entries = {e.msgid: e for e in letter_template(letter, "letters/structure.md")}
    assert entries["80+ Child Rights Organisations Urge EU Leaders Not to Step Back"].comment == "title"
    merged = entries["Dear Members of the LIBE Committee,"]
    assert merged.occurrences == [("letters/structure.md", "7"), ("letters/structure.md", "19")]
    assert merged.comment.split("\n") == ["paragraph 1", "paragraph 3"]
    body = entries["We, a **coalition of over 80 organisations**, note a [drop of 58%](https://example.org/report) in reports."]
    assert body.occurrences == [("letters/structure.md", "9")]
    assert entries["Keep the *safeguards*."].comment == "list item 1"
    assert entries["What we ask"].comment == "heading 1 (level 2)"
    assert entries["A quoted sentence."].comment == "quote 1"
    assert entries["Activists and survivors"].comment == "signatory heading"
    assert "Florence Elie" not in entries and '["Hope For Children" CRC Policy Center](https://example.org)' not in entries


def test_no_signatory_name_appears_in_any_catalogue() -> None:
    config = load_config(REPO)
    files = list(config.locales_path.rglob("*.po")) + list(config.locales_path.glob("*.pot"))
    assert len(files) >= 3 * 24
    names = {s.name for slug in letter_slugs(config) for s in load_letter(config, slug).signatories}
    assert len(names) > 200
    for path in files:
        for entry in read_catalog(path):
            assert entry.msgid not in names, f"{path}: signatory {entry.msgid!r} in a catalogue"
            assert entry.msgstr not in names or not entry.msgstr, f"{path}: signatory {entry.msgstr!r}"


def test_repository_catalogues_are_current_and_accepted_by_msgfmt(tmp_path: Path) -> None:
    """Re-running extract + update on the shipped project changes nothing, and gettext accepts it all."""
    root = tmp_path / "p"
    shutil.copytree(REPO / "letters", root / "letters")
    shutil.copytree(REPO / "locales", root / "locales")
    shutil.copy(REPO / "letterlingo.toml", root)
    config = load_config(root)
    before = {p: p.read_bytes() for p in root.rglob("*.po*")}
    for slug in letter_slugs(config):
        assert extract(config, slug) is False
        assert not any(r.changed for r in update(config, slug, config.target_locales))
    assert {p: p.read_bytes() for p in root.rglob("*.po*")} == before
    for path in before:
        msgfmt_check(path)


def _project(tmp_path: Path, letter: str) -> tuple:
    root = tmp_path / "p"
    (root / "letters").mkdir(parents=True)
    (root / "letterlingo.toml").write_text('locales = ["en", "de", "fr", "cs", "ga"]\n', encoding="utf-8")
    (root / "letters" / "l.md").write_text(letter, encoding="utf-8")
    return load_config(root), root


LETTER = """---
title: A title
---
First paragraph stays the same.

Second paragraph about the **budget** of the agency in the coming years.

Third paragraph will be removed.

<!-- signatories -->
- Jane Doe
"""


def test_update_creates_headers_and_merges_like_msgmerge(tmp_path: Path) -> None:
    config, root = _project(tmp_path, LETTER)
    extract(config, "l")
    results = update(config, "l", config.target_locales)
    assert [r.locale for r in results] == ["de", "fr", "cs", "ga"] and all(r.created for r in results)
    assert not (root / "locales" / "en").exists()
    cs = read_catalog(config.po_file("l", "cs"))
    assert cs.metadata["Language"] == "cs"
    assert cs.metadata["Plural-Forms"] == "nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);"
    assert read_catalog(config.po_file("l", "ga")).metadata["Plural-Forms"].startswith("nplurals=5;")

    path = config.po_file("l", "de")
    po = polib.pofile(str(path))
    po.find("First paragraph stays the same.").msgstr = "Erster Absatz bleibt gleich."
    second = po.find("Second paragraph about the **budget** of the agency in the coming years.")
    second.msgstr = "Zweiter Absatz über das **Budget** der Agentur in den kommenden Jahren."
    second.tcomment = "checked with the campaign team"
    po.find("Third paragraph will be removed.").msgstr = "Dritter Absatz wird entfernt."
    po.find("A title").msgstr = "Ein Titel"
    po.find("A title").flags.append("fuzzy")
    po.save(str(path))

    edited = LETTER.replace("budget** of the agency in the coming years", "budget** of the new agency in the coming years")
    edited = edited.replace("Third paragraph will be removed.\n\n", "")
    (root / "letters" / "l.md").write_text(edited, encoding="utf-8")
    assert extract(config, "l") is True
    (result,) = update(config, "l", ("de",))
    assert (result.kept, result.fuzzy, result.new, result.obsolete) == (2, 1, 0, 1)

    merged = read_catalog(path)
    assert merged.find("First paragraph stays the same.").msgstr == "Erster Absatz bleibt gleich."
    assert "fuzzy" not in merged.find("First paragraph stays the same.").flags
    changed = merged.find("Second paragraph about the **budget** of the new agency in the coming years.")
    assert changed.msgstr == "Zweiter Absatz über das **Budget** der Agentur in den kommenden Jahren."
    assert "fuzzy" in changed.flags
    assert changed.previous_msgid == "Second paragraph about the **budget** of the agency in the coming years."
    assert changed.tcomment == "checked with the campaign team"
    assert "fuzzy" in merged.find("A title").flags
    obsolete = [e for e in merged if e.obsolete]
    assert [e.msgid for e in obsolete] == ["Third paragraph will be removed."]
    assert obsolete[0].msgstr == "Dritter Absatz wird entfernt."
    text = path.read_text(encoding="utf-8")
    assert '#| msgid ""\n#| "Second paragraph about the **budget** of the agency in the coming years."' in text
    assert '#~ msgid "Third paragraph will be removed."' in text
    msgfmt_check(path)

    # A second round changes nothing and keeps the obsolete entry.
    assert extract(config, "l") is False
    (again,) = update(config, "l", ("de",))
    assert not again.changed
    assert path.read_text(encoding="utf-8") == text

    # Restoring the paragraph brings its translation back from the obsolete entry.
    (root / "letters" / "l.md").write_text(LETTER, encoding="utf-8")
    extract(config, "l")
    update(config, "l", ("de",))
    restored = read_catalog(path).find("Third paragraph will be removed.")
    assert restored.msgstr == "Dritter Absatz wird entfernt." and not restored.obsolete
    msgfmt_check(path)


POEDIT_PO = """\
# German translation of the example letter.
# Anna Beispiel <anna@example.org>, 2026.
#
msgid ""
msgstr ""
"Project-Id-Version: letterlingo l\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: {date}\\n"
"PO-Revision-Date: 2026-11-20 10:12+0100\\n"
"Last-Translator: Anna Beispiel <anna@example.org>\\n"
"Language-Team: Deutsch\\n"
"Language: de\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"X-Generator: Poedit 3.4.2\\n"

#. title
#: letters/l.md:2
msgid "A title"
msgstr "Ein Titel"

# Please keep the paragraph short.
#. paragraph 1
#: letters/l.md:4
#, fuzzy
msgid "First paragraph stays the same."
msgstr "Erster Absatz."

#. paragraph 2
#: letters/l.md:6
msgid "Second paragraph about the **budget** of the agency in the coming years."
msgstr "Zweiter Absatz über das **Budget** der Agentur in den kommenden Jahren."

#. paragraph 3
#: letters/l.md:8
msgid "Third paragraph will be removed."
msgstr ""

#~ msgid "An old sentence."
#~ msgstr "Ein alter Satz."
"""


def test_file_saved_by_poedit_survives_update_unchanged(tmp_path: Path) -> None:
    config, _ = _project(tmp_path, LETTER)
    extract(config, "l")
    date = read_catalog(config.pot_file("l")).metadata["POT-Creation-Date"]
    path = config.po_file("l", "de")
    path.parent.mkdir(parents=True)
    path.write_text(POEDIT_PO.format(date=date), encoding="utf-8")
    before = path.read_bytes()
    (result,) = update(config, "l", ("de",))
    assert not result.changed
    assert path.read_bytes() == before

    # With a template change, only the merge differs: every translator's field stays.
    (config.root / "letters" / "l.md").write_text(LETTER.replace("Third", "The third"), encoding="utf-8")
    extract(config, "l")
    update(config, "l", ("de",))
    merged = read_catalog(path)
    assert merged.metadata["X-Generator"] == "Poedit 3.4.2"
    assert merged.metadata["Last-Translator"] == "Anna Beispiel <anna@example.org>"
    assert merged.header.startswith("German translation of the example letter.")
    first = merged.find("First paragraph stays the same.")
    assert first.tcomment == "Please keep the paragraph short." and "fuzzy" in first.flags
    assert merged.find("An old sentence.", include_obsolete_entries=True).msgstr == "Ein alter Satz."
    msgfmt_check(path)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b\n', 5, "unterminated"),
        ('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 7, "duplicate"),
        ('msgid ""\nmsgstr ""\n\nmsgid "a"\n', 4, "without msgstr"),
        ('msgid ""\nmsgstr ""\n\ngarbage here\n', 4, "unrecognised"),
    ],
)
def test_malformed_catalogue_names_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_catalog(path, shown="locales/de/LC_MESSAGES/bad.po")
    assert caught.value.line == line
    assert message in caught.value.message
    assert str(caught.value).startswith(f"locales/de/LC_MESSAGES/bad.po:{line}: ")


def test_malformed_po_stops_update_without_touching_files(tmp_path: Path) -> None:
    config, _ = _project(tmp_path, LETTER)
    extract(config, "l")
    update(config, "l", config.target_locales)
    bad = config.po_file("l", "fr")
    bad.write_text(bad.read_text(encoding="utf-8").replace('msgstr ""\n\n#. paragraph 1', 'msgstr "oops\n\n#. paragraph 1'), encoding="utf-8")
    (config.root / "letters" / "l.md").write_text(LETTER.replace("First", "The first"), encoding="utf-8")
    extract(config, "l")
    before = {p: p.read_bytes() for p in config.locales_path.rglob("*.po")}
    with pytest.raises(CatalogError):
        update(config, "l", ("fr", "de"))
    assert {p: p.read_bytes() for p in config.locales_path.rglob("*.po")} == before


def test_status_counts_reviewed_drafts_and_missing(tmp_path: Path) -> None:
    config, _ = _project(tmp_path, LETTER)
    extract(config, "l")
    update(config, "l", config.target_locales)
    path = config.po_file("l", "de")
    po = polib.pofile(str(path))
    po.find("A title").msgstr = "Ein Titel"
    draft = po.find("First paragraph stays the same.")
    draft.msgstr, draft.flags = "Erster Absatz.", ["fuzzy"]
    po.save(str(path))
    rows = {r.locale: r for r in status(config, ["l"], ("de", "fr", "it"))}
    assert (rows["de"].entries, rows["de"].reviewed, rows["de"].draft, rows["de"].missing) == (4, 1, 1, 2)
    assert rows["de"].percent_reviewed == 25.0
    assert (rows["it"].has_catalogue, rows["it"].missing) == (False, 4)


def test_template_date_honours_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    config, _ = _project(tmp_path, LETTER)
    extract(config, "l")
    assert read_catalog(config.pot_file("l")).metadata["POT-Creation-Date"] == "2023-11-14 22:13+0000"


def test_escaped_backslash_before_a_space_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "ok.po"
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    path.write_text(header + '\nmsgid "\\\\ Dear"\nmsgstr "\\\\ Liebe"\n', encoding="utf-8")
    msgfmt_check(path)
    assert read_catalog(path).find("\\ Dear").msgstr == "\\ Liebe"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgid "\\q"\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(CatalogError, match="invalid escape"):
        read_catalog(path)


def test_signatories_from_csv_keep_groups_order_and_links(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "letters").mkdir(parents=True)
    (root / "letters" / "l.csv").write_text(
        "name,group,url\nΔίκτυο για τα Δικαιώματα του Παιδιού,Organisations,https://example.org/d\n"
        "Florence Elie,Individuals,\n*Stars* Foundation,Organisations,\n", encoding="utf-8")
    (root / "letters" / "l.md").write_text("---\ntitle: T\nsignatories: letters/l.csv\n---\nText.\n", encoding="utf-8")
    letter = parse_letter(root / "letters" / "l.md")
    assert [[h.text for h in g.headings] for g in letter.groups] == [["Organisations"], ["Individuals"]]
    assert [s.name for s in letter.signatories] == [
        "[Δίκτυο για τα Δικαιώματα του Παιδιού](<https://example.org/d>)", "\\*Stars\\* Foundation", "Florence Elie"]
    entries = [e.msgid for e in letter_template(letter, "letters/l.md")]
    assert entries == ["T", "Text.", "Organisations", "Individuals"]
