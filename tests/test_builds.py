"""Builds for CI: incremental, reproducible, shardable, with a manifest."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from pathlib import Path

import polib
import pytest
from support import REPO

from letterlingo.build import build, merge_shards
from letterlingo.cli import main
from letterlingo.config import load_config
from letterlingo.manifest import in_shard
from letterlingo.project import letter_slugs

#: Renders PDFs (or kills processes): deselect with -m "not slow".
pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path: Path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "letterlingo.toml").write_text('locales = ["en", "de", "el", "fr"]\n', encoding="utf-8")
    shutil.copytree(REPO / "letters", root / "letters")
    shutil.copytree(REPO / "locales", root / "locales")
    return load_config(root)


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_rebuild_only_what_changed(project) -> None:
    slugs = letter_slugs(project)
    first = build(project, slugs, project.locales, formats=("html",), jobs=1)
    assert first.rebuilt == 12
    again = build(project, slugs, project.locales, formats=("html",), jobs=1)
    assert again.rebuilt == 0 and len(again.editions) == 12

    path = project.po_file("2025-csar-open-letter", "de")
    po = polib.pofile(str(path))
    po[0].msgstr = "Ein neuer Titel"
    po.save(str(path))
    changed = build(project, slugs, project.locales, formats=("html",), jobs=1)
    assert [(e.slug, e.locale) for e in changed.editions if e.rebuilt] == [("2025-csar-open-letter", "de")]
    assert "Ein neuer Titel" in (project.output_path / "2025-csar-open-letter" / "de" / "index.html").read_text("utf-8")

    (project.output_path / "2025-csar-open-letter" / "el" / "index.html").unlink()
    assert [e.locale for e in build(project, slugs, project.locales, formats=("html",), jobs=1).editions
            if e.rebuilt] == ["el"]
    assert build(project, slugs, project.locales, formats=("html",), jobs=1, force=True).rebuilt == 12
    assert build(project, slugs, project.locales, formats=("html",), drafts=__import__("letterlingo").edition.Drafts.PROOF,
                 jobs=1).rebuilt == 12


def test_same_inputs_give_byte_identical_files(project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    other = load_config(shutil.copytree(project.root, tmp_path / "other"))
    for config in (project, other):
        build(config, ["2025-csar-open-letter"], ("en", "el"), jobs=1)
    first, second = _hashes(project.output_path), _hashes(other.output_path)
    assert any(name.endswith(".pdf") for name in first)
    assert first == second


def test_shards_build_everything_exactly_once_and_merge(project) -> None:
    slugs = letter_slugs(project)
    seen: list[tuple[str, str]] = []
    for index in (1, 2, 3):
        report = build(project, slugs, project.locales, formats=("html",), jobs=1, shard=(index, 3))
        assert report.manifest.name == f"manifest-{index}-of-3.json"
        seen += [(e.slug, e.locale) for e in report.editions]
    assert sorted(seen) == sorted((slug, locale) for slug in slugs for locale in project.locales)
    assert not (project.output_path / "manifest.json").exists()
    records = merge_shards(project)
    assert len(records) == 12
    manifest = json.loads((project.output_path / "manifest.json").read_text("utf-8"))
    assert {e["state"] for e in manifest["editions"]} == {"source", "draft"}
    assert all(e["files"]["html"]["sha256"] for e in manifest["editions"])
    assert (project.output_path / "index.html").is_file()
    # Stable: a slice never moves when other letters come and go.
    assert in_shard("2025-csar-open-letter", "de", (1, 3)) == in_shard("2025-csar-open-letter", "de", (1, 3))


def test_cli_shard_and_merge(project, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(project.root)
    assert main(["build", "--format", "html", "--shard", "1/2", "--project", root]) == 0
    assert main(["build", "--format", "html", "--shard", "2/2", "--project", root]) == 0
    assert main(["build", "--merge-manifests", "--project", root]) == 0
    assert "merged 12 editions" in capsys.readouterr().out
    assert main(["build", "--shard", "3/2", "--project", root]) == 2
    assert "K must be between 1 and N" in capsys.readouterr().err


def test_pdf_workers_are_recycled_without_losing_work(project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many slices of one job per worker: every PDF is written, progress reaches the total."""
    import letterlingo.pdfpool as pool_module

    monkeypatch.setattr(pool_module, "TASKS_PER_WORKER", 1)
    seen: list[tuple[int, int]] = []
    report = build(project, ["2025-csar-open-letter"], project.locales, formats=("pdf",), jobs=2,
                   progress=lambda done, total: seen.append((done, total)))
    assert len(report.editions) == 4 and all(e.pdf.stat().st_size > 10_000 for e in report.editions)
    assert seen[-1] == (4, 4)


def test_a_locale_taken_out_of_the_settings_leaves_the_index(tmp_path: Path) -> None:
    (tmp_path / "letters").mkdir()
    settings = tmp_path / "letterlingo.toml"
    settings.write_text('locales = ["en", "de", "cs"]\n', encoding="utf-8")
    (tmp_path / "letters" / "x.md").write_text("---\ntitle: T\n---\nDear all,\n\n<!-- signatories -->\n- A\n",
                                              encoding="utf-8")
    config = load_config(tmp_path)
    build(config, ["x"], config.locales, formats=("html",), jobs=1, include_untranslated=True)
    assert 'href="x/cs/index.html"' in (config.output_path / "index.html").read_text(encoding="utf-8")
    settings.write_text('locales = ["en", "de"]\n', encoding="utf-8")
    config = load_config(tmp_path)
    build(config, ["x"], config.locales, formats=("html",), jobs=1, include_untranslated=True)
    index = (config.output_path / "index.html").read_text(encoding="utf-8")
    assert 'href="x/cs/index.html"' not in index and 'href="x/de/index.html"' in index


@pytest.mark.slow
def test_a_name_with_emoji_gives_the_same_pdf_without_source_date_epoch(project, monkeypatch: pytest.MonkeyPatch) -> None:
    """The colour emoji font is subset by fontTools, which stamps the time into it unless told."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    letter = project.letter_file("2025-csar-open-letter")
    letter.write_text(letter.read_text(encoding="utf-8").replace("Eurochild", "Eurochild 🌍", 1), encoding="utf-8")
    target = project.output_path / "2025-csar-open-letter" / "en" / "2025-csar-open-letter-en.pdf"
    build(project, ["2025-csar-open-letter"], ("en",), formats=("pdf",), jobs=1)
    first = target.read_bytes()
    time.sleep(1.1)
    build(project, ["2025-csar-open-letter"], ("en",), formats=("pdf",), jobs=1, force=True)
    assert target.read_bytes() == first
