"""TMX 1.4b: reviewed work only, the same bytes for the same catalogues, Markdown as inline
codes that come back exactly, and the memory engine reading TMX compendia."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polib
import pytest
from lxml import etree
from support import DATA

from letterlingo.catalog import read_catalog, render_catalog, write_catalog
from letterlingo.cli import main
from letterlingo.config import Config, load_config
from letterlingo.tmx import flatten, tmx_units
from letterlingo.translate.memory import MemoryEngine

CSAR, PROPOSAL = "2025-csar-open-letter", "2022-commission-proposal"
PARAGRAPH_2 = ("We, **109 signatories**, urge you to put children's online safety first and pass robust "
               "legislation to tackle child sexual abuse and exploitation across Europe.")
EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def review(config: Config, slug: str, locale: str, count: int) -> dict[str, str]:
    """Accept the first `count` drafts of a catalogue; returns what was accepted."""
    path = config.po_file(slug, locale)
    catalog = read_catalog(path)
    accepted = {}
    for entry in catalog:
        if entry.msgstr and len(accepted) < count:
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
            accepted[entry.msgid] = entry.msgstr
    write_catalog(catalog, path)
    return accepted


@pytest.fixture
def reviewed(example_project: Config) -> dict[str, dict[str, str]]:
    """Some reviewed entries in French and German; the rest of the drafts stay fuzzy."""
    return {"fr": review(example_project, CSAR, "fr", 5), "de": review(example_project, CSAR, "de", 3)}


def test_tmx_has_only_reviewed_entries_and_is_deterministic(
        example_project: Config, reviewed: dict[str, dict[str, str]], capsys: pytest.CaptureFixture[str],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first, second = tmp_path / "a.tmx", tmp_path / "b.tmx"
    for path in (first, second):
        code, out, _ = run(capsys, "tmx", "-o", str(path), "--project", str(example_project.root))
        assert code == 0 and "5 source texts, reviewed in 2 languages (de, fr)" in out
    assert first.read_bytes() == second.read_bytes()
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "tmx", "--project", str(example_project.root))[0] == 0
    assert (tmp_path / "letterlingo-examples.tmx").read_bytes() == first.read_bytes()

    dtd = etree.DTD(str(DATA / "tmx" / "tmx14.dtd"))
    tree = etree.parse(str(first))
    assert dtd.validate(tree), dtd.error_log
    header = tree.find("header")
    assert header.get("creationtool") == "letterlingo" and header.get("srclang") == "en"
    assert header.get("segtype") == "paragraph" and header.get("creationdate") == "20231114T221320Z"
    found: dict[str, dict[str, str]] = {}
    for tu in tree.iter("tu"):
        langs = {tuv.get(XML_LANG): flatten(tuv.find("seg")) for tuv in tu.iter("tuv")}
        source = langs.pop("en")
        for lang, text in langs.items():
            found.setdefault(lang, {})[source] = text
    assert found == reviewed, "the TMX must hold exactly the reviewed entries"
    drafts = [e.msgstr for e in read_catalog(example_project.po_file(CSAR, "fr")) if "fuzzy" in e.flags]
    assert drafts and not any(draft in first.read_text(encoding="utf-8") for draft in drafts)


def test_markdown_is_written_as_inline_codes_and_read_back_exactly(
        example_project: Config, reviewed: dict[str, dict[str, str]], capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    assert run(capsys, "tmx", CSAR, "-l", "fr", "-o", str(path), "--project", str(example_project.root))[0] == 0
    tree = etree.parse(str(path))
    (tu,) = [tu for tu in tree.iter("tu") if flatten(tu.find("tuv/seg")) == PARAGRAPH_2]
    english, french = (tuv.find("seg") for tuv in tu.iter("tuv"))
    assert [(code.tag, code.get("type"), code.text) for code in english] == [("bpt", "bold", "**"), ("ept", None, "**")]
    assert english.text == "We, " and french.find("bpt").get("x") == english.find("bpt").get("x") == "1"
    pairs = tmx_units(path, "memory.tmx", "en", "fr")
    assert dict(pairs) == reviewed["fr"]
    assert tmx_units(path, "memory.tmx", "en", "de") == []


def test_a_segment_markdown_cannot_be_coded_exactly_is_kept_as_text(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "p"
    (root / "letters").mkdir(parents=True)
    (root / "letterlingo.toml").write_text('locales = ["en", "de"]\n', encoding="utf-8")
    (root / "letters" / "x.md").write_text("---\ntitle: A letter\n---\nNot \\*bold\\* but [a link](https://e.org/x)."
                                           "\n\n<!-- signatories -->\n- Anna Berg\n", encoding="utf-8")
    assert run(capsys, "update", "-l", "de", "--project", str(root))[0] == 0
    config = load_config(root)
    path = config.po_file("x", "de")
    catalog = read_catalog(path)
    for entry in catalog:
        entry.msgstr = {"A letter": "Ein Brief"}.get(entry.msgid, "Nicht \\*fett\\*, aber [ein Link](https://e.org/x).")
    write_catalog(catalog, path)
    assert run(capsys, "tmx", "-o", str(tmp_path / "x.tmx"), "--project", str(root))[0] == 0
    segs = {flatten(seg) for seg in etree.parse(str(tmp_path / "x.tmx")).iter("seg")}
    assert "Not \\*bold\\* but [a link](https://e.org/x)." in segs
    assert "Nicht \\*fett\\*, aber [ein Link](https://e.org/x)." in segs
    assert "Anna Berg" not in (tmp_path / "x.tmx").read_text(encoding="utf-8")


def _catalogue(path: Path, language: str, entries: dict[str, str]) -> None:
    catalog = polib.POFile()
    catalog.metadata = {"Language": language, "Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in entries.items():
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    write_catalog(catalog, path)


def test_the_memory_engine_finds_a_tmx_unit(example_project: Config, reviewed: dict[str, dict[str, str]],
                                            capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    memory = tmp_path / "agency.tmx"
    assert run(capsys, "tmx", "-o", str(memory), "--project", str(example_project.root))[0] == 0
    msgid, translation = next(iter(reviewed["fr"].items()))
    engine = MemoryEngine(example_project, [memory])
    assert engine.translate([msgid], "en", "fr_BE") == [translation]  # matched by primary language
    assert engine.translate([msgid], "en", "it") == [""]


def test_translate_fills_drafts_from_a_tmx_compendium(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "p"
    (root / "letters").mkdir(parents=True)
    (root / "letterlingo.toml").write_text('locales = ["en", "de"]\nengines = ["memory"]\n', encoding="utf-8")
    (root / "letters" / "x.md").write_text("---\ntitle: Act now\n---\nWe **support** the [proposal](https://e.org/p)."
                                           "\n\n<!-- signatories -->\n- Anna Berg\n", encoding="utf-8")
    assert run(capsys, "update", "-l", "de", "--project", str(root))[0] == 0
    memory = tmp_path / "agency.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">'
        '<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en-US" '
        'srclang="en-US" datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="en-US"><seg>We <bpt i="1">**</bpt>support<ept i="1">**</ept> the '
        '<bpt i="2">[</bpt>proposal<ept i="2">](https://e.org/p)</ept>.</seg></tuv>'
        '<tuv xml:lang="de-DE"><seg>Wir <bpt i="1">**</bpt>unterstützen<ept i="1">**</ept> den '
        '<bpt i="2">[</bpt>Vorschlag<ept i="2">](https://e.org/p)</ept>.</seg></tuv></tu>'
        '<tu><tuv lang="EN"><seg>Act now</seg></tuv><tuv lang="DE"><seg>Handeln Sie jetzt</seg></tuv></tu>'
        "</body></tmx>\n", encoding="utf-8")
    code, _, err = run(capsys, "translate", "--engine", "memory", "--memory", str(memory), "--project", str(root))
    assert code == 0, err
    catalog = {e.msgid: e for e in read_catalog(root / "locales" / "de" / "LC_MESSAGES" / "x.po")}
    assert catalog["We **support** the [proposal](https://e.org/p)."].msgstr == \
        "Wir **unterstützen** den [Vorschlag](https://e.org/p)."
    assert catalog["Act now"].msgstr == "Handeln Sie jetzt" and "fuzzy" in catalog["Act now"].flags


def test_a_hostile_tmx_compendium_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "p"
    (root / "letters").mkdir(parents=True)
    (root / "letterlingo.toml").write_text('locales = ["en", "de"]\n', encoding="utf-8")
    (root / "letters" / "x.md").write_text("---\ntitle: T\n---\nText.\n\n<!-- signatories -->\n- A\n", encoding="utf-8")
    assert run(capsys, "update", "-l", "de", "--project", str(root))[0] == 0
    memory = tmp_path / "bad.tmx"
    memory.write_text('<!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><tmx version="1.4"><body><tu>'
                      '<tuv xml:lang="en"><seg>Text.</seg></tuv><tuv xml:lang="de"><seg>&b;</seg></tuv></tu></body></tmx>',
                      encoding="utf-8")
    before = hashlib.sha256((root / "locales" / "de" / "LC_MESSAGES" / "x.po").read_bytes()).digest()
    code, _, err = run(capsys, "translate", "--engine", "memory", "--memory", str(memory), "--project", str(root))
    assert code == 2 and "bad.tmx:1: declares XML entities" in err
    assert hashlib.sha256((root / "locales" / "de" / "LC_MESSAGES" / "x.po").read_bytes()).digest() == before
    (tmp_path / "other.tmx").write_text("<xliff/>", encoding="utf-8")
    code, _, err = run(capsys, "translate", "--engine", "memory", "--memory", str(tmp_path / "other.tmx"),
                       "--project", str(root))
    assert code == 2 and "not a TMX file" in err


def test_a_reviewed_entry_that_breaks_parity_stays_out_of_the_tmx(
        example_project: Config, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A memory seeded with a changed figure would repeat it: `check` calls it an error, so it is left out."""
    path = example_project.po_file(CSAR, "de")
    catalog = read_catalog(path)
    entry = next(e for e in catalog if "109 signatories" in e.msgid)
    entry.msgstr = entry.msgstr.replace("109", "108")
    entry.flags = []
    good = next(e for e in catalog if e.msgid == "Dear decision-makers,")
    good.msgstr, good.flags = "Sehr geehrte Damen und Herren,", []
    path.write_text(render_catalog(catalog), encoding="utf-8")
    out = tmp_path / "x.tmx"
    assert run(capsys, "tmx", "-o", str(out), "--project", str(example_project.root))[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "Sehr geehrte Damen und Herren," in text and "108" not in text
