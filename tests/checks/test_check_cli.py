"""`letterlingo check` wiring: output lines, the summary table, --json, and exit codes 0/1/2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checks.checkutil import GOOD_DE, PARAGRAPH, make_project, translate
from letterlingo.cli import main
from letterlingo.config import Config

LINE = re.compile(r"^(?P<path>[^:\s]+)(?::(?P<line>\d+))?: (?P<severity>error|warning): (?P<check>[a-z-]+): .+$")


@pytest.fixture
def project(tmp_path: Path) -> Config:
    config = make_project(tmp_path / "project", locales=("en", "de", "fr"))
    translate(config, "de", GOOD_DE)
    translate(config, "fr", {PARAGRAPH: "Nous, une **coalition de plus de 80 organisations**, constatons une "
                                        "[baisse de 58 %](https://example.org/report) depuis 2021."})
    return config


def run(capsys: pytest.CaptureFixture[str], config: Config, *args: str) -> tuple[int, str, str]:
    code = main(["check", *args, "--project", str(config.root)])
    out, err = capsys.readouterr()
    return code, out, err


def finding_lines(out: str) -> list[re.Match[str]]:
    return [match for line in out.splitlines() if (match := LINE.match(line))]


def test_warnings_only_exit_0(capsys: pytest.CaptureFixture[str], project: Config) -> None:
    code, out, err = run(capsys, project)
    assert code == 0, out + err
    assert err == ""
    found = finding_lines(out)
    assert found and all(match["severity"] == "warning" for match in found)
    assert {match["path"] for match in found} == {"locales/fr/LC_MESSAGES/letter.po"}
    assert "letter + template" in out and "check passed: 0 errors" in out


def test_strict_fails_on_warnings(capsys: pytest.CaptureFixture[str], project: Config) -> None:
    code, out, _ = run(capsys, project, "--strict")
    assert code == 1
    assert "check failed (strict)" in out


def test_errors_exit_1(capsys: pytest.CaptureFixture[str], project: Config) -> None:
    translate(project, "de", {PARAGRAPH: "Wir stellen einen Rückgang fest."})
    code, out, err = run(capsys, project, "-l", "de")
    assert code == 1
    assert err == ""
    errors = [match for match in finding_lines(out) if match["severity"] == "error"]
    assert {match["check"] for match in errors} == {"emphasis", "links", "numbers"}
    assert {(match["path"], match["line"]) for match in errors} == {("locales/de/LC_MESSAGES/letter.po", "26")}
    assert "fr" not in out.split("letter + template")[1]  # only the requested locale


def test_quiet_prints_errors_only(capsys: pytest.CaptureFixture[str], project: Config) -> None:
    translate(project, "de", {PARAGRAPH: "Wir stellen einen Rückgang fest."})
    code, out, _ = run(capsys, project, "-q")
    assert code == 1
    assert out and all(match["severity"] == "error" for match in finding_lines(out))
    assert len(finding_lines(out)) == len(out.splitlines())


def test_json(capsys: pytest.CaptureFixture[str], project: Config) -> None:
    translate(project, "de", {PARAGRAPH: "Wir stellen einen Rückgang fest."})
    code, out, _ = run(capsys, project, "--json", "-l", "de,fr")
    data = json.loads(out)
    assert code == data["exit_code"] == 1
    assert data["errors"] == 5  # emphasis, links, and each of the three missing numbers
    assert [(row["locale"], row["errors"]) for row in data["summary"]] == [(None, 0), ("de", 5), ("fr", 0)]
    assert {finding["check"] for finding in data["findings"] if finding["severity"] == "error"} == {
        "emphasis", "links", "numbers"
    }


def test_json_exit_0(capsys: pytest.CaptureFixture[str], project: Config) -> None:
    code, out, _ = run(capsys, project, "--json", "letter", "-l", "de")
    assert code == 0
    assert json.loads(out)["findings"] == []


def test_only_and_skip(capsys: pytest.CaptureFixture[str], project: Config) -> None:
    translate(project, "de", {PARAGRAPH: "Wir stellen einen Rückgang fest."})
    code, out, _ = run(capsys, project, "--only", "links", "--only", "numbers")
    assert code == 1
    assert {match["check"] for match in finding_lines(out)} == {"links", "numbers"}
    code, out, _ = run(capsys, project, "--skip", "emphasis,links,numbers")
    assert code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--only", "linkz"], "error: unknown check 'linkz' (known: "),
        (["-l", "xx"], "error: -l/--locale: unknown language code 'xx'"),
        (["nope"], "error: no letter 'nope' (known: letter)"),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], project: Config, args: list[str], message: str) -> None:
    code, out, err = run(capsys, project, *args)
    assert code == 2
    assert err.startswith(message) and len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_malformed_catalogue_exit_2(capsys: pytest.CaptureFixture[str], project: Config) -> None:
    path = project.po_file("letter", "de")
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "unterminated\n', encoding="utf-8")
    code, out, err = run(capsys, project)
    assert code == 2
    assert re.match(r"^error: locales/de/LC_MESSAGES/letter\.po:\d+: unterminated or malformed string$", err.strip())


def test_list_checks(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["check", "--list-checks"])
    out, _ = capsys.readouterr()
    assert code == 0
    for name in ("po-header", "links", "numbers", "end-punctuation", "signatory-leak", "sentences", "quotes",
                 "glossary", "double-spaces", "markup-spaces", "addresses", "span-order"):
        assert name in out
    assert "KSAV" in out  # the glossary check's example


def test_every_check_is_documented_with_an_example() -> None:
    from letterlingo.checks import default_registry

    missing = [item.name for item in default_registry() if len(item.example) < 10]
    assert missing == []


def test_help_documents_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--help"]) == 0
    out, _ = capsys.readouterr()
    for option in ("--strict", "--json", "-l, --locale", "--only", "--skip", "--project"):
        assert option in out
