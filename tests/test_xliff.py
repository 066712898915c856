"""XLIFF 1.2 export and import: real inline tags, the official schema, states, and a merge
that follows the same parity rule as drafts, keeps reviewed work and refuses hostile files."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from support import DATA, REPO, msgfmt_check

from letterlingo.catalog import read_catalog, write_catalog
from letterlingo.cli import main
from letterlingo.config import Config, load_config
from letterlingo.markdown import markdown
from letterlingo.project import load_letter
from letterlingo.xliff import NS, unit_id

#: Slow (validates against the XLIFF schema and runs the CLI): outside `-m "not slow"`, in every full run.
pytestmark = pytest.mark.slow

CSAR, PROPOSAL, WEB = "2025-csar-open-letter", "2022-commission-proposal", "2022-commission-proposal-web"
SCHEMAS = DATA / "xliff"
X = f"{{{NS}}}"

PARAGRAPH_2 = ("We, **109 signatories**, urge you to put children's online safety first and pass robust "
               "legislation to tackle child sexual abuse and exploitation across Europe.")
PARAGRAPH_3 = ("The EU has a critical opportunity to be a world leader in protecting children online, but continued "
               "inaction and lack of ambition means Europe persists as a safe haven for perpetrators. Without strong "
               "laws, Europe will leave [millions of children unprotected](#) on online platforms and allow imagery of "
               "their abuse to circulate indefinitely online.")
PARAGRAPH_7 = ("You have an opportunity to establish Europe as a global champion for children's online safety. We urge "
               "you to advance an effective, comprehensive and ambitious text. Europe has both the potential and "
               "responsibility to lead by example.")


# --- helpers -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    """The OASIS strict schema, its import of xml.xsd answered from tests/data, nothing fetched."""

    class Local(etree.Resolver):
        def resolve(self, url: str, pubid: str, context: Any) -> Any:
            if url == "http://www.w3.org/2001/xml.xsd":
                return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
            assert not url.startswith(("http:", "https:")), f"the schema asked for {url}"
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))


def test_vendored_schemas_are_the_published_files() -> None:
    expected = {
        "xliff-core-1.2-strict.xsd": "33ff003ac4c9540a7a041653b5118fd76487c8ceb43549031065b86831a8c173",
        "xml.xsd": "61960fb3131e38022caad5360e2f33a3382578ab3c80cd58bd74320ede61b20c",
    }
    for name, digest in expected.items():
        assert hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest() == digest, name


def valid(schema: etree.XMLSchema, path: Path) -> etree._ElementTree:
    tree = etree.parse(str(path))
    assert schema.validate(tree), f"{path}: {schema.error_log}"
    return tree


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def export(capsys: pytest.CaptureFixture[str], config: Config, out: Path, *args: str) -> etree._ElementTree:
    code, _, err = run(capsys, "xliff", "export", *args, "-o", str(out), "--project", str(config.root))
    assert code == 0, err
    return etree.parse(str(out))


def units(tree: etree._ElementTree) -> dict[str, Any]:
    """trans-units by the Markdown msgid they carry."""
    found = {}
    for unit in tree.iter(f"{X}trans-unit"):
        (context,) = [c for c in unit.iter(f"{X}context") if c.get("context-type") == "x-markdown"]
        found[context.text] = unit
    return found


def set_target(unit: Any, content: str, *, approved: bool = False, state: str = "translated") -> None:
    """What a CAT tool does when a translator confirms a segment."""
    old = unit.find(f"{X}target")
    if old is not None:
        unit.remove(old)
    target = etree.fromstring(f'<target xmlns="{NS}" state="{state}">{content}</target>')
    unit.insert(1, target)
    if approved:
        unit.set("approved", "yes")
    elif "approved" in unit.attrib:
        del unit.attrib["approved"]


def save(tree: etree._ElementTree, path: Path) -> None:
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def entry(config: Config, slug: str, locale: str, msgid: str) -> Any:
    (found,) = [e for e in read_catalog(config.po_file(slug, locale)) if e.msgid == msgid and not e.obsolete]
    return found


def catalogue_bytes(config: Config) -> dict[str, bytes]:
    return {str(p.relative_to(config.root)): p.read_bytes() for p in sorted(config.locales_path.rglob("*.po"))}


def review(config: Config, slug: str, locale: str, msgids: set[str] | None = None) -> None:
    """Accept drafts as a reviewer would in Poedit (the fuzzy flag goes)."""
    path = config.po_file(slug, locale)
    catalog = read_catalog(path)
    for item in catalog:
        if item.msgstr and (msgids is None or item.msgid in msgids):
            item.flags = [flag for flag in item.flags if flag != "fuzzy"]
    write_catalog(catalog, path)


# --- export ------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["fr", "de", "el", "mt", "pt"])
def test_every_export_of_the_shipped_letters_is_valid_xliff_and_has_no_signatory(
        example_project: Config, schema: etree.XMLSchema, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, locale: str) -> None:
    review(example_project, CSAR, locale, {PARAGRAPH_2, PARAGRAPH_3})
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "xliff", "export", "-l", locale, "--project", str(example_project.root))
    assert code == 0
    files = sorted(tmp_path.glob("*.xlf"))
    assert [path.name for path in files] == [f"{slug}-{locale}.xlf" for slug in sorted((CSAR, PROPOSAL, WEB))]
    bundle = export(capsys, example_project, tmp_path / "all.xml", "-l", locale)
    for path in files + [tmp_path / "all.xml"]:
        valid(schema, path)
    assert len(bundle.findall(f"{X}file")) == 3
    for element in bundle.iter(f"{X}file"):
        slug = element.get("original").removeprefix("letters/").removesuffix(".md")
        assert element.get("source-language") == "en" and element.get("target-language") == locale
        catalog = read_catalog(example_project.po_file(slug, locale))
        live = [e for e in catalog if e.msgid and not e.obsolete]
        assert len(element.findall(f".//{X}trans-unit")) == len(live)
        texts = {"".join(t.itertext()).strip() for t in element.iter(f"{X}source", f"{X}target")}
        names = {" ".join(s.name.split()) for s in load_letter(example_project, slug).signatories}
        assert names and not texts & names, "a signatory's name is in the XLIFF"
        ids = [unit.get("id") for unit in element.iter(f"{X}trans-unit")]
        assert len(ids) == len(set(ids))  # unique in a <file>; letters may share a paragraph, and its id


def test_markup_becomes_inline_tags_with_link_targets_out_of_the_text(
        tmp_path: Path, schema: etree.XMLSchema, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "p"
    (root / "letters").mkdir(parents=True)
    (root / "letterlingo.toml").write_text('locales = ["en", "de"]\n', encoding="utf-8")
    (root / "letters" / "x.md").write_text(
        "---\ntitle: A letter\n---\n"
        "We **support** the *proposal* and the [report](https://example.org/report \"Report\"), see `code` and\\\n"
        "![logo](https://example.org/logo.png) at https://example.org/more or info@example.org.\n\n"
        "<!-- signatories -->\n- Anna Berg\n- Jonas Keller\n", encoding="utf-8")
    assert run(capsys, "update", "-l", "de", "--project", str(root))[0] == 0
    config = load_config(root)
    tree = export(capsys, config, tmp_path / "x.xlf", "-l", "de")
    valid(schema, tmp_path / "x.xlf")
    source = [unit for text, unit in units(tree).items() if text.startswith("We ")][0].find(f"{X}source")
    tags = [(el.tag.split("}")[1], el.get("ctype"), el.get("equiv-text")) for el in source.iter(f"{X}g", f"{X}x")]
    assert tags == [
        ("g", "bold", None), ("g", "italic", None), ("g", "link", "https://example.org/report"),
        ("x", "x-code", "`code`"), ("x", "lb", "\n"), ("x", "image", "![logo](https://example.org/logo.png)"),
        ("x", "x-url", "https://example.org/more"), ("x", "x-email", "info@example.org"),
    ]
    assert all(el.get("clone") == "no" for el in source.iter(f"{X}g", f"{X}x"))
    words = "".join(source.itertext())
    assert words == "We support the proposal and the report, see  and at  or ."
    assert "Anna Berg" not in (tmp_path / "x.xlf").read_text(encoding="utf-8")


def test_states_say_reviewed_draft_or_untranslated(example_project: Config, capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    path = example_project.po_file(CSAR, "de")
    catalog = read_catalog(path)
    for item in catalog:
        if item.msgid == PARAGRAPH_2:
            item.flags.remove("fuzzy")
        elif item.msgid == PARAGRAPH_3:
            item.tcomment = "draft: translation memory by memory, 2024-05-01"
        elif item.msgid == PARAGRAPH_7:
            item.msgstr, item.flags, item.tcomment = "", [], ""
    write_catalog(catalog, path)
    found = units(export(capsys, example_project, tmp_path / "de.xlf", CSAR, "-l", "de"))
    reviewed, memory, machine, empty = (found[text] for text in (PARAGRAPH_2, PARAGRAPH_3, "Dear decision-makers,",
                                                                  PARAGRAPH_7))
    assert reviewed.get("approved") == "yes" and reviewed.find(f"{X}target").get("state") == "translated"
    assert reviewed.find(f"{X}target").get("state-qualifier") is None
    assert memory.get("approved") is None
    assert (memory.find(f"{X}target").get("state"), memory.find(f"{X}target").get("state-qualifier")) == \
        ("needs-review-translation", "tm-suggestion")
    assert machine.find(f"{X}target").get("state-qualifier") == "mt-suggestion"
    assert empty.find(f"{X}target") is None and empty.get("approved") is None
    notes = {(note.get("from"), note.text) for note in machine.iter(f"{X}note")}
    assert ("developer", "paragraph 1") in notes and ("developer", f"letters/{CSAR}.md:6") in notes
    assert ("translator", "draft: machine translation, awaiting review") in notes
    location = [c.text for c in machine.iter(f"{X}context") if c.get("context-type") in ("sourcefile", "linenumber")]
    assert location == [f"letters/{CSAR}.md", "6"]


def test_export_refuses_usage_mistakes(example_project: Config, capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    root = str(example_project.root)
    for args, message in ((["xliff", "export"], "-l/--locale"),
                          (["xliff", "export", "-l", "de,fr", "-o", str(tmp_path / "x.xlf")], "one language"),
                          (["xliff", "export", "-l", "en"], "source language"),
                          (["xliff", "export", "nope", "-l", "de"], "no letter 'nope'")):
        code, _, err = run(capsys, *args, "--project", root)
        assert code == 2 and err.startswith("error: ") and message in err and err.count("\n") == 1
    assert not list(tmp_path.glob("*.xlf"))


# --- import ------------------------------------------------------------------------------


def test_round_trip_as_a_cat_tool_returns_it(example_project: Config, schema: etree.XMLSchema,
                                             capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = example_project
    out = tmp_path / "fr.xlf"
    tree = export(capsys, config, out, CSAR, PROPOSAL, "-l", "fr")
    found = units(tree)
    # the bold tag moved inside the sentence, approved
    set_target(found[PARAGRAPH_2], 'Nous, signataires au nombre de <g id="1" ctype="bold">109</g>, vous '
                                   "exhortons à agir.", approved=True)
    # the link moved, the translator's own text, confirmed but not approved
    set_target(found[PARAGRAPH_3], 'Sans lois fortes, <g id="1" ctype="link">des millions d\'enfants</g> resteront '
                                   "sans protection en ligne.")
    # a segment-marking tool: <mrk> around the text
    set_target(found["Dear decision-makers,"], '<mrk mtype="term">Madame</mrk>, Monsieur,', approved=True)
    title = [text for text in found if text.startswith("More than 100")][0]
    set_target(found[title], "Plus de 100 organisations saluent la proposition", approved=True)
    save(tree, out)
    valid(schema, out)
    before = catalogue_bytes(config)
    code, stdout, err = run(capsys, "xliff", "import", str(out), "--project", str(config.root))
    assert code == 0, err
    assert f"locales/fr/LC_MESSAGES/{CSAR}.po: written: 2 reviewed, 1 drafts" in stdout

    bold = entry(config, CSAR, "fr", PARAGRAPH_2)
    assert bold.msgstr == "Nous, signataires au nombre de **109**, vous exhortons à agir."
    assert "fuzzy" not in bold.flags and "draft:" not in bold.tcomment
    link = entry(config, CSAR, "fr", PARAGRAPH_3)
    assert link.msgstr == "Sans lois fortes, [des millions d'enfants](#) resteront sans protection en ligne."
    assert "fuzzy" in link.flags and not link.tcomment  # the translator's text, no longer a machine draft
    assert entry(config, CSAR, "fr", "Dear decision-makers,").msgstr == "Madame, Monsieur,"
    assert entry(config, PROPOSAL, "fr", title).msgstr == "Plus de 100 organisations saluent la proposition"
    assert "fuzzy" not in entry(config, PROPOSAL, "fr", title).flags
    after = catalogue_bytes(config)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {f"locales/fr/LC_MESSAGES/{CSAR}.po", f"locales/fr/LC_MESSAGES/{PROPOSAL}.po"}
    for name in changed:
        msgfmt_check(config.root / name)
    untouched = entry(config, CSAR, "fr", PARAGRAPH_7)
    assert "fuzzy" in untouched.flags and untouched.tcomment == "draft: machine translation, awaiting review"

    code, stdout, _ = run(capsys, "xliff", "import", str(out), "--project", str(config.root))
    assert code == 0 and catalogue_bytes(config) == after, "a second import changed something"
    assert f"locales/fr/LC_MESSAGES/{CSAR}.po: unchanged" in stdout


def test_the_header_comments_and_other_entries_are_kept(example_project: Config,
                                                        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = example_project
    path = config.po_file(CSAR, "de")
    catalog = read_catalog(path)
    catalog.metadata["X-Generator"] = "Poedit 3.4"
    for item in catalog:
        if item.msgid == PARAGRAPH_7:
            item.tcomment = "ask the campaign about 'champion'\ndraft: machine translation by deepl, 2024-01-02"
    write_catalog(catalog, path)
    tree = export(capsys, config, tmp_path / "de.xlf", CSAR, "-l", "de")
    set_target(units(tree)[PARAGRAPH_7], "Sie haben die Gelegenheit, Europa zum Vorreiter zu machen.", approved=True)
    save(tree, tmp_path / "de.xlf")
    before = read_catalog(path)
    assert run(capsys, "xliff", "import", str(tmp_path / "de.xlf"), "--project", str(config.root))[0] == 0
    after = read_catalog(path)
    assert after.metadata == before.metadata and after.header == before.header
    for old, new in zip(before, after):
        if old.msgid != PARAGRAPH_7:
            assert (old.msgstr, old.flags, old.tcomment, old.comment, old.occurrences) == \
                (new.msgstr, new.flags, new.tcomment, new.comment, new.occurrences)
    merged = entry(config, CSAR, "de", PARAGRAPH_7)
    assert merged.tcomment == "ask the campaign about 'champion'" and merged.flags == []


def test_a_source_changed_since_export_becomes_a_draft_with_the_exported_source(
        example_project: Config, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = example_project
    tree = export(capsys, config, tmp_path / "de.xlf", CSAR, "-l", "de")
    set_target(units(tree)[PARAGRAPH_7], "Sie haben die Gelegenheit, Europa zum weltweiten Vorreiter für die "
                                         "Online-Sicherheit von Kindern zu machen.", approved=True)
    save(tree, tmp_path / "de.xlf")
    letter = config.letter_file(CSAR)
    edited = PARAGRAPH_7.replace("global champion", "global leader")
    letter.write_text(letter.read_text(encoding="utf-8").replace(PARAGRAPH_7, edited), encoding="utf-8")
    assert run(capsys, "update", CSAR, "-l", "de", "--project", str(config.root))[0] == 0
    code, out, err = run(capsys, "xliff", "import", str(tmp_path / "de.xlf"), "--project", str(config.root))
    assert code == 0, err
    assert "the source changed since the export" in out and f"{tmp_path / 'de.xlf'}:" in out
    merged = entry(config, CSAR, "de", edited)
    assert merged.msgstr.startswith("Sie haben die Gelegenheit")
    assert "fuzzy" in merged.flags and merged.previous_msgid == PARAGRAPH_7
    assert "xliff: the source changed after the export" in merged.tcomment
    msgfmt_check(config.po_file(CSAR, "de"))
    before = catalogue_bytes(config)
    assert run(capsys, "xliff", "import", str(tmp_path / "de.xlf"), "--project", str(config.root))[0] == 0
    assert catalogue_bytes(config) == before


def test_a_unit_whose_block_is_gone_is_reported(example_project: Config, capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    config = example_project
    tree = export(capsys, config, tmp_path / "de.xlf", CSAR, "-l", "de")
    set_target(units(tree)[PARAGRAPH_7], "Ein Absatz, den es nicht mehr gibt.", approved=True)
    save(tree, tmp_path / "de.xlf")
    letter = config.letter_file(CSAR)
    letter.write_text(letter.read_text(encoding="utf-8").replace(PARAGRAPH_7 + "\n\n", ""), encoding="utf-8")
    assert run(capsys, "update", CSAR, "-l", "de", "--project", str(config.root))[0] == 0
    before = catalogue_bytes(config)
    code, _, err = run(capsys, "xliff", "import", str(tmp_path / "de.xlf"), "--project", str(config.root))
    assert code == 1 and "no longer in the catalogue" in err and str(tmp_path / "de.xlf") in err
    assert catalogue_bytes(config) == before


@pytest.mark.parametrize("target, problem", [
    ("Nous, <g id=\"1\" ctype=\"bold\">110 signataires</g>, vous exhortons à agir.", "number '109'"),
    ("Sans lois fortes, des millions d'enfants resteront sans protection.", "link to '#' lost"),
])
def test_a_target_that_breaks_parity_is_kept_as_a_draft_and_reported(
        example_project: Config, capsys: pytest.CaptureFixture[str], tmp_path: Path, target: str,
        problem: str) -> None:
    config = example_project
    msgid = PARAGRAPH_2 if "109" in problem else PARAGRAPH_3
    tree = export(capsys, config, tmp_path / "fr.xlf", CSAR, "-l", "fr")
    set_target(units(tree)[msgid], target, approved=True)
    save(tree, tmp_path / "fr.xlf")
    code, _, err = run(capsys, "xliff", "import", str(tmp_path / "fr.xlf"), "--project", str(config.root))
    assert code == 1
    assert "kept as a fuzzy draft" in err and problem in err and f"{tmp_path / 'fr.xlf'}:" in err
    merged = entry(config, CSAR, "fr", msgid)
    assert "fuzzy" in merged.flags, "a target that breaks parity must never become reviewed"
    assert f"xliff: kept as a draft: {problem}"[:30] in merged.tcomment
    assert "(#)" not in merged.msgstr if msgid == PARAGRAPH_3 else "**110 signataires**" in merged.msgstr
    msgfmt_check(config.po_file(CSAR, "fr"))
    before = catalogue_bytes(config)
    code, _, err = run(capsys, "xliff", "import", str(tmp_path / "fr.xlf"), "--project", str(config.root))
    assert code == 1 and problem in err and catalogue_bytes(config) == before  # reported again, nothing changed


def test_a_reviewed_translation_is_not_replaced_by_an_unapproved_one(
        example_project: Config, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = example_project
    review(config, CSAR, "fr", {PARAGRAPH_7})
    reviewed = entry(config, CSAR, "fr", PARAGRAPH_7).msgstr
    tree = export(capsys, config, tmp_path / "fr.xlf", CSAR, "-l", "fr")
    unit = units(tree)[PARAGRAPH_7]
    assert unit.get("approved") == "yes"
    save(tree, tmp_path / "fr.xlf")
    assert run(capsys, "xliff", "import", str(tmp_path / "fr.xlf"), "--project", str(config.root))[0] == 0
    set_target(unit, "Une autre version, non approuvée.")
    save(tree, tmp_path / "fr.xlf")
    before = catalogue_bytes(config)
    code, _, err = run(capsys, "xliff", "import", str(tmp_path / "fr.xlf"), "--project", str(config.root))
    assert code == 1 and "has a reviewed translation" in err and "not approved" in err
    assert catalogue_bytes(config) == before and entry(config, CSAR, "fr", PARAGRAPH_7).msgstr == reviewed


def test_untranslated_states_and_empty_targets_never_empty_a_translation(
        example_project: Config, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = example_project
    tree = export(capsys, config, tmp_path / "fr.xlf", CSAR, "-l", "fr")
    found = units(tree)
    set_target(found[PARAGRAPH_7], PARAGRAPH_7, state="new")  # a tool copied the source over
    set_target(found["Dear decision-makers,"], "")
    save(tree, tmp_path / "fr.xlf")
    before = catalogue_bytes(config)
    code, out, _ = run(capsys, "xliff", "import", str(tmp_path / "fr.xlf"), "--project", str(config.root))
    assert code == 0 and catalogue_bytes(config) == before and "2 without a target" in out


# --- hostile and unusable input ----------------------------------------------------------


def test_markup_typed_as_text_stays_text(example_project: Config, capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    config = example_project
    tree = export(capsys, config, tmp_path / "fr.xlf", CSAR, "-l", "fr")
    set_target(units(tree)[PARAGRAPH_7], "Texte &lt;script&gt;alert('x')&lt;/script&gt; et **pas gras** "
                                         "et [lien](javascript:evil).", approved=True)
    save(tree, tmp_path / "fr.xlf")
    code, _, err = run(capsys, "xliff", "import", str(tmp_path / "fr.xlf"), "--project", str(config.root))
    assert code == 0, err
    text = entry(config, CSAR, "fr", PARAGRAPH_7).msgstr
    html = markdown().renderInline(text)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<strong>" not in html and "<a " not in html, html


@pytest.mark.parametrize("content, reason", [
    ('Texte <script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script> ici.', "<script> in the target"),
    ("Texte avec &lt;x1/&gt; tapé à la main.", "which would read as a tag"),
    ('Texte <bpt id="1">**</bpt>gras<ept id="1">**</ept>.', "<bpt> in the target"),
])
def test_a_target_with_foreign_elements_or_fake_tags_is_not_merged(
        example_project: Config, capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str,
        reason: str) -> None:
    config = example_project
    tree = export(capsys, config, tmp_path / "fr.xlf", CSAR, "-l", "fr")
    set_target(units(tree)[PARAGRAPH_7], content, approved=True)
    save(tree, tmp_path / "fr.xlf")
    before = catalogue_bytes(config)
    code, _, err = run(capsys, "xliff", "import", str(tmp_path / "fr.xlf"), "--project", str(config.root))
    assert code == 1 and "not merged" in err and reason in err
    assert catalogue_bytes(config) == before


GOOD_FILE = (f'<xliff xmlns="{NS}" version="1.2"><file original="letters/{CSAR}.md" source-language="en" '
             f'target-language="de" datatype="x-markdown"><body><trans-unit id="{unit_id(None, PARAGRAPH_7)}">'
             f'<source>{PARAGRAPH_7}</source><target>Übersetzt.</target></trans-unit></body></file></xliff>')
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE xliff [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n' + GOOD_FILE.replace("Übersetzt.", "&c;"))


@pytest.mark.parametrize("text, message", [
    (GOOD_FILE[:-20], ":1: not well-formed XML"),
    (LAUGHS, ":2: declares XML entities"),
    ('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>' + GOOD_FILE.replace("Übersetzt.", "&e;"),
     "declares XML entities"),
    ('<?xml version="1.0"?>\n<root/>', ":2: not an XLIFF 1.2 file"),
    (GOOD_FILE.replace(NS, "urn:oasis:names:tc:xliff:document:2.0").replace('"1.2"', '"2.0"'), "not an XLIFF 1.2"),
    (GOOD_FILE.replace('version="1.2"', 'version="1.1"'), "not XLIFF 1.2"),
    (GOOD_FILE.replace('target-language="de"', 'target-language="xx"'), "target-language: unknown language"),
    (GOOD_FILE.replace(f"letters/{CSAR}.md", "letters/nope.md"), "unknown letter 'letters/nope.md'"),
    (GOOD_FILE.replace('source-language="en"', 'source-language="fr"'), "is not the project's 'en'"),
    (GOOD_FILE.replace("</trans-unit>", "</trans-unit>" + GOOD_FILE.split("<body>")[1].split("</body>")[0]),
     "appears twice"),
    ("", "empty file"),
])
def test_unusable_files_exit_2_and_write_nothing(example_project: Config, capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path, text: str, message: str) -> None:
    config = example_project
    good, bad = tmp_path / "good.xlf", tmp_path / "bad.xlf"
    good.write_text(GOOD_FILE, encoding="utf-8")
    bad.write_text(text, encoding="utf-8")
    before = catalogue_bytes(config)
    code, out, err = run(capsys, "xliff", "import", str(good), str(bad), "--project", str(config.root))
    assert code == 2, out + err
    assert err.startswith(f"error: {bad}") and message in err and err.count("\n") == 1
    assert "Traceback" not in out + err
    assert catalogue_bytes(config) == before
    assert run(capsys, "xliff", "import", str(good), "--project", str(config.root))[0] == 0
    assert entry(config, CSAR, "de", PARAGRAPH_7).msgstr == "Übersetzt."


def test_a_missing_file_is_an_input_error(example_project: Config, capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    code, _, err = run(capsys, "xliff", "import", str(tmp_path / "nope.xlf"), "--project", str(example_project.root))
    assert code == 2 and "nope.xlf: file not found" in err


def test_the_command_runs_as_a_program(example_project: Config, tmp_path: Path, schema: etree.XMLSchema) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "letterlingo", "--project", str(example_project.root), "xliff"]
    result = subprocess.run(command + ["export", CSAR, "-l", "pt"], cwd=tmp_path, env=env, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    valid(schema, tmp_path / f"{CSAR}-pt.xlf")
    result = subprocess.run(command + ["import", f"{CSAR}-pt.xlf", "--json"], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert '"exit_code": 0' in result.stdout


def test_glossary_terms_are_kept_tags_and_come_back_as_the_language_writes_them(
        tmp_path: Path, schema: etree.XMLSchema, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "p"
    (root / "letters").mkdir(parents=True)
    (root / "letterlingo.toml").write_text('locales = ["en", "de"]\n', encoding="utf-8")
    (root / "glossary.csv").write_text("term,de\nEU Centre,EU-Zentrum\n", encoding="utf-8")
    (root / "letters" / "x.md").write_text("---\ntitle: T\n---\nWe welcome the **EU Centre** today.\n\n"
                                           "<!-- signatories -->\n- Anna Berg\n", encoding="utf-8")
    assert run(capsys, "update", "-l", "de", "--project", str(root))[0] == 0
    config = load_config(root)
    tree = export(capsys, config, tmp_path / "de.xlf", "-l", "de")
    valid(schema, tmp_path / "de.xlf")
    unit = units(tree)["We welcome the **EU Centre** today."]
    term = unit.find(f"{X}source/{X}g/{X}x")
    assert (term.get("ctype"), term.get("equiv-text")) == ("x-term", "EU Centre")
    set_target(unit, f'Wir begrüßen heute das <g id="1"><x id="{term.get("id")}"/></g>.', approved=True)
    save(tree, tmp_path / "de.xlf")
    assert run(capsys, "xliff", "import", str(tmp_path / "de.xlf"), "--project", str(root))[0] == 0
    assert entry(config, "x", "de", "We welcome the **EU Centre** today.").msgstr == \
        "Wir begrüßen heute das **EU-Zentrum**."
    again = units(export(capsys, config, tmp_path / "again.xlf", "-l", "de"))["We welcome the **EU Centre** today."]
    assert again.get("approved") == "yes" and again.find(f"{X}target/{X}g/{X}x").get("id") == term.get("id")


def test_a_translation_whose_markup_differs_is_offered_as_a_note_not_a_target(
        example_project: Config, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = example_project.po_file(CSAR, "fr")
    catalog = read_catalog(path)
    for item in catalog:
        if item.msgid == PARAGRAPH_2:
            item.msgstr = "Nous, 109 signataires, sans gras."
    write_catalog(catalog, path)
    unit = units(export(capsys, example_project, tmp_path / "fr.xlf", CSAR, "-l", "fr"))[PARAGRAPH_2]
    assert unit.find(f"{X}target") is None
    assert any("Nous, 109 signataires, sans gras." in (note.text or "") for note in unit.iter(f"{X}note"))


def test_a_copied_tag_is_dropped_and_the_target_kept_as_a_draft(
        example_project: Config, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tree = export(capsys, example_project, tmp_path / "fr.xlf", CSAR, "-l", "fr")
    set_target(units(tree)[PARAGRAPH_2], 'Nous, <g id="1">109</g> <g id="1">signataires</g>, agissons.', approved=True)
    save(tree, tmp_path / "fr.xlf")
    code, _, err = run(capsys, "xliff", "import", str(tmp_path / "fr.xlf"), "--project", str(example_project.root))
    assert code == 1 and "strong emphasis repeated" in err
    merged = entry(example_project, CSAR, "fr", PARAGRAPH_2)
    assert merged.msgstr == "Nous, **109** signataires, agissons." and "fuzzy" in merged.flags


def test_region_codes_of_cat_tools_find_the_projects_language(example_project: Config,
                                                             capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Trados and memoQ write `de-DE` and `en-GB`; the project has `de` and `en`."""
    config = example_project
    out = tmp_path / "de.xlf"
    tree = export(capsys, config, out, CSAR, "-l", "de")
    for file_element in tree.getroot().iter("{urn:oasis:names:tc:xliff:document:1.2}file"):
        file_element.set("target-language", "de-DE")
        file_element.set("source-language", "en-GB")
    set_target(units(tree)["Dear decision-makers,"], "Sehr geehrte Damen und Herren,", approved=True)
    save(tree, out)
    code, stdout, err = run(capsys, "xliff", "import", str(out), "--project", str(config.root))
    assert code == 0, err
    assert entry(config, CSAR, "de", "Dear decision-makers,").msgstr == "Sehr geehrte Damen und Herren,"
