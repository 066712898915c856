"""`letterlingo translate`: the wiring from options to the library, output and exit codes."""

from __future__ import annotations

import json

import pytest

from letterlingo.catalog import read_catalog
from letterlingo.cli import main
from letterlingo.config import Config

WEB = "2022-commission-proposal-web"


def snapshot(config: Config) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in sorted(config.locales_path.rglob("*.po"))}


def test_dry_run_prints_entries_and_characters_and_writes_nothing(blank_2022_project: Config, capsys) -> None:
    before = snapshot(blank_2022_project)
    code = main(["translate", WEB, "-l", "de,fr", "--engine", "memory", "--engine", "pseudo", "--dry-run",
                 "--project", str(blank_2022_project.root)])
    out = capsys.readouterr().out
    assert code == 0
    assert snapshot(blank_2022_project) == before
    assert "dry run: nothing sent, nothing written" in out
    assert out.count("pseudo") >= 2 and "would fill 22 entries, sending 0 characters" in out


def test_run_fills_drafts_and_prints_a_summary(blank_2022_project: Config, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    code = main(["translate", WEB, "-l", "de", "--engine", "pseudo", "--project", str(blank_2022_project.root)])
    out = capsys.readouterr().out
    assert code == 0
    assert "filled 11 entries as fuzzy drafts, sent 0 characters" in out
    entries = [e for e in read_catalog(blank_2022_project.po_file(WEB, "de")) if e.msgid]
    assert all(e.msgstr.startswith("[") and "fuzzy" in e.flags for e in entries)
    assert main(["translate", WEB, "-l", "de", "--engine", "pseudo", "--project", str(blank_2022_project.root)]) == 0
    assert "filled 0 entries" in capsys.readouterr().out  # a rerun has nothing left to do


def test_json_report(blank_2022_project: Config, capsys) -> None:
    code = main(["translate", WEB, "-l", "de", "--engine", "pseudo", "--json", "--dry-run",
                 "--project", str(blank_2022_project.root)])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["dry_run"] and report["filled"] == 11
    assert report["catalogues"][0]["engines"]["pseudo"] == {"entries": 11, "characters": 0, "rejected": 0}


@pytest.mark.parametrize("args, message", [
    (["--engine", "nope"], "error: unknown engine 'nope' (known: memory, pseudo, google, deepl, microsoft, mymemory"),
    (["--engine", "deepl"], "error: the deepl engine needs an API key in DEEPL_API_KEY"),
    (["-l", "xx-nope"], "error: -l/--locale: unknown language code 'xx-nope'"),
    (["no-such-letter"], "error: no letter 'no-such-letter'"),
])
def test_usage_errors_exit_2_with_one_line(blank_2022_project: Config, capsys, monkeypatch, args, message) -> None:
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    before = snapshot(blank_2022_project)
    assert main(["translate", *args, "--project", str(blank_2022_project.root)]) == 2
    assert capsys.readouterr().err.startswith(message)
    assert snapshot(blank_2022_project) == before


def test_an_engine_failure_exits_1_and_says_which(blank_2022_project: Config, capsys, monkeypatch) -> None:
    monkeypatch.setenv("LIBRE_URL", "http://127.0.0.1:9/")  # nothing listens there
    monkeypatch.setenv("LETTERLINGO_RETRIES", "0")
    monkeypatch.setenv("LETTERLINGO_HTTP_TIMEOUT", "0.5")
    code = main(["translate", WEB, "-l", "de", "--engine", "libre", "--project", str(blank_2022_project.root)])
    out = capsys.readouterr().out
    assert code == 1
    assert "failed: locales/de/LC_MESSAGES/2022-commission-proposal-web.po: libre: cannot connect" in out


def test_help_names_engines_and_environment(capsys) -> None:
    assert main(["translate", "--help"]) == 0
    out = capsys.readouterr().out
    for word in ("--engine", "--dry-run", "--memory", "deepl", "DEEPL_API_KEY", "LIBRE_URL", "LETTERLINGO_HTTP_TIMEOUT"):
        assert word in out


def test_memory_option_adds_a_compendium(blank_2022_project: Config, capsys, tmp_path) -> None:
    msgid = next(e.msgid for e in read_catalog(blank_2022_project.po_file(WEB, "de")) if e.msgid)
    compendium = tmp_path / "compendium.de.po"
    compendium.write_text('msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                          f'msgid "{msgid}"\nmsgstr "Aus dem Kompendium"\n', encoding="utf-8")
    code = main(["translate", WEB, "-l", "de", "--engine", "memory", "--memory", str(compendium), "--json",
                 "--project", str(blank_2022_project.root)])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["filled"] == 1
    assert next(e for e in read_catalog(blank_2022_project.po_file(WEB, "de")) if e.msgid == msgid).msgstr == (
        "Aus dem Kompendium")
