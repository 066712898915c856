"""Command-line wiring: exit codes, one-line errors, --project everywhere, JSON for CI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import DATA

from letterlingo.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_extract_update_status_round(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(tmp_path)
    code, out, _ = run(capsys, "import", str(DATA / "import" / "2022-commission-proposal-web.txt"), "--project", root)
    assert code == 0
    assert "signatories:  53 in 1 group(s)" in out and "[email" in out and "protected]" in out
    assert run(capsys, "extract", "--project", root)[0] == 0
    assert run(capsys, "update", "-l", "de,fr", "-l", "pt-PT", "--project", root)[0] == 0
    assert (tmp_path / "locales" / "pt_PT" / "LC_MESSAGES" / "2022-commission-proposal-web.po").exists()
    code, out, _ = run(capsys, "status", "--json", "-l", "de", "--project", root)
    assert code == 0
    (row,) = json.loads(out)
    assert row["locale"] == "de" and row["entries"] == 11 and row["missing"] == 11


@pytest.mark.parametrize(
    ("args", "files", "expected"),
    [
        (["import", "{root}/missing.txt"], {}, "missing.txt: file not found"),
        (["import", "{root}/raw.txt"], {"raw.txt": "Dear all,\n\nText.\n"}, "raw.txt:1: no title found"),
        (["extract"], {"letters/x.md": "---\ndate: 2024-01-01\n---\nText\n"}, "letters/x.md:1: front matter has no title"),
        (["extract"], {"letters/x.md": "---\ntitle: [unclosed\n---\nText\n"}, "letters/x.md:2: invalid YAML"),
        (["update", "-l", "xx"], {"letters/x.md": "---\ntitle: T\n---\n"}, "-l/--locale: unknown language code 'xx'"),
        (["status"], {"letters/x.md": "---\ntitle: T\n---\n", "letterlingo.toml": 'locales = ["de", "zz"]\n'},
         "letterlingo.toml:1: locales: unknown language code 'zz'"),
        (["status"], {"letterlingo.toml": 'colour = "blue"\n'}, "letterlingo.toml:1: unknown setting 'colour'"),
        (["extract", "nope"], {"letters/x.md": "---\ntitle: T\n---\n"}, "no letter 'nope' (known: x)"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], files: dict[str, str], expected: str
) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    code, out, err = run(capsys, *[a.format(root=tmp_path) for a in args], "--project", str(tmp_path))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and expected in err
    assert "Traceback" not in err + out
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--no-such-option"]) == 2


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    from letterlingo.cli.registry import COMMANDS, load_command

    for name in COMMANDS:
        command = load_command(name)
        assert command is not None and command.help, f"{name} has no help"
        assert main([name, "--help"]) == 0
        assert "--project" in capsys.readouterr().out


def test_shipped_ci_workflow_and_hook_use_real_commands(capsys: pytest.CaptureFixture[str]) -> None:
    """The files users copy must call commands and options that exist."""
    import shlex

    import yaml
    from support import REPO

    workflow = yaml.safe_load((REPO / "examples" / "ci" / "letterlingo.yml").read_text(encoding="utf-8"))
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    commands = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    commands += [hook["entry"] for hook in hooks]
    used = [c.split("||")[0].split(">")[0].strip() for c in commands if c.startswith("letterlingo ")]
    assert len(used) >= 4
    for command in used:
        words = shlex.split(command.replace("${{ matrix.shard }}", "1"))[1:]
        options = [w.split("=")[0] for w in words if w.startswith("--")]
        assert main([words[0], "--help"]) == 0
        help_text = capsys.readouterr().out
        for option in options:
            assert option in help_text, f"{command}: {option} unknown"


def test_every_command_is_in_the_readme() -> None:
    from support import REPO

    from letterlingo.cli.registry import COMMANDS

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"letterlingo {name}" in readme, name


def test_settings_from_pyproject_table(tmp_path: Path) -> None:
    from letterlingo.config import load_config

    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.letterlingo]\nlocales = ["de", "pt-PT"]\nletters_dir = "src"\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert config.locales == ("de", "pt_PT") and config.letters_path == tmp_path / "src"
    (tmp_path / "letterlingo.toml").write_text('locales = ["fr"]\n', encoding="utf-8")
    assert load_config(tmp_path).locales == ("fr",)


def test_update_extracts_first_when_the_letter_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    (tmp_path / "letters").mkdir()
    letter = tmp_path / "letters" / "x.md"
    letter.write_text("---\ntitle: T\n---\nFirst text.\n\n<!-- signatories -->\n- A\n", encoding="utf-8")
    assert run(capsys, "--project", str(tmp_path), "update", "-l", "de")[0] == 0  # options before the command
    pot = tmp_path / "locales" / "x.pot"
    assert "First text." in pot.read_text(encoding="utf-8")
    letter.write_text(letter.read_text(encoding="utf-8").replace("First", "Second"), encoding="utf-8")
    os.utime(pot, (pot.stat().st_mtime - 10, pot.stat().st_mtime - 10))
    code, out, _ = run(capsys, "update", "-l", "de", "--project", str(tmp_path))
    assert code == 0 and "x.pot: written" in out
    po = tmp_path / "locales" / "de" / "LC_MESSAGES" / "x.po"
    assert "Second text." in po.read_text(encoding="utf-8")


def test_python_m_runs_every_command() -> None:
    import subprocess
    import sys

    for module in ("letterlingo", "letterlingo.cli"):
        result = subprocess.run([sys.executable, "-m", module, "build", "--help"], capture_output=True, text=True)
        assert result.returncode == 0 and "--format" in result.stdout, result.stderr


def test_version_and_help_load_no_heavy_modules() -> None:
    import subprocess
    import sys

    code = ("import sys; from letterlingo.cli import main; main(['--version']); main(['--help']); "
            "print('loaded:' + ','.join(m for m in ('weasyprint', 'rich.table', 'letterlingo.checks',"
            " 'letterlingo.translate.online', 'importlib.metadata') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip().splitlines()[-1] == "loaded:", result.stdout


def test_a_check_answered_from_the_cache_parses_no_markdown(tmp_path: Path) -> None:
    """Nothing changed since the last check: its findings come from the cache folder, and the run
    costs start-up and hashing, not the Markdown parser's import."""
    import subprocess
    import sys

    (tmp_path / "letters").mkdir()
    (tmp_path / "letterlingo.toml").write_text('locales = ["en", "de", "fr"]\n', encoding="utf-8")
    (tmp_path / "letters" / "x.md").write_text("---\ntitle: T\n---\nDear *all*, 3 of 4.\n\n"
                                              "<!-- signatories -->\n- A\n", encoding="utf-8")
    code = ("import sys; from letterlingo.cli import main\n"
            "try:\n    status = main(['check', '-q', '--project', sys.argv[1]])\nexcept SystemExit as exc:\n"
            "    status = exc.code\nprint('exit', status)\nprint('markdown-it loaded:', 'markdown_it' in sys.modules)")
    for command in (["extract"], ["update"]):
        assert subprocess.run([sys.executable, "-m", "letterlingo", *command, "--project", str(tmp_path)],
                              capture_output=True).returncode == 0
    first = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
    assert "markdown-it loaded: True" in first.stdout, first.stdout + first.stderr  # it checked every file
    assert "markdown-it loaded: False" in second.stdout, second.stdout + second.stderr
    assert first.stdout.splitlines()[0] == second.stdout.splitlines()[0]  # the same exit code


@pytest.mark.slow
def test_build_with_its_progress_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The progress bar takes rich's console itself (it is a context manager), not the lazy one."""
    (tmp_path / "letters").mkdir()
    (tmp_path / "letterlingo.toml").write_text('locales = ["en"]\n', encoding="utf-8")
    (tmp_path / "letters" / "x.md").write_text("---\ntitle: T\n---\nDear all,\n\n<!-- signatories -->\n- A\n",
                                              encoding="utf-8")
    assert run(capsys, "build", "--format", "html,pdf", "--project", str(tmp_path))[0] == 0
    assert run(capsys, "translate", "--engine", "pseudo", "-l", "en", "--project", str(tmp_path))[0] in (0, 2)


def test_the_console_prints_file_and_line_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    """`x.po:100:` must not become an emoji (rich reads `:100:` as one by default)."""
    from letterlingo.cli.app import console

    object.__setattr__(console, "_console", None)  # a console made now writes to the captured stdout
    console.print("locales/fr/LC_MESSAGES/t2.po:100: pseudo: rejected")
    assert "t2.po:100: pseudo" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["translate", "--engine", "pseudo"], ["update"], ["check"], ["status"]])
def test_the_source_language_alone_is_not_all_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       command: list[str]) -> None:
    """`-l en` in an English project names no language to work on: an error, never every locale."""
    (tmp_path / "letters").mkdir()
    (tmp_path / "letterlingo.toml").write_text('locales = ["en", "de", "fr"]\n', encoding="utf-8")
    (tmp_path / "letters" / "x.md").write_text("---\ntitle: T\n---\nDear all,\n\n<!-- signatories -->\n- A\n",
                                              encoding="utf-8")
    assert run(capsys, "update", "--project", str(tmp_path))[0] == 0
    before = {path: path.read_bytes() for path in tmp_path.rglob("*.po")}
    code, _, err = run(capsys, *command, "-l", "en", "--project", str(tmp_path))
    assert code == 2 and "'en' is the source language" in err
    assert {path: path.read_bytes() for path in tmp_path.rglob("*.po")} == before


def test_a_letter_in_another_language_gets_no_catalogue_in_its_own(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A French letter in an English project: its French edition is the letter itself."""
    (tmp_path / "letters").mkdir()
    (tmp_path / "letterlingo.toml").write_text('locales = ["en", "fr", "de"]\n', encoding="utf-8")
    (tmp_path / "letters" / "x.md").write_text(
        "---\ntitle: Lettre\nlanguage: fr\n---\nMadame, Monsieur,\n\n<!-- signatories -->\n- A\n", encoding="utf-8")
    assert run(capsys, "update", "--project", str(tmp_path))[0] == 0
    assert not (tmp_path / "locales" / "fr").exists()
    assert (tmp_path / "locales" / "de" / "LC_MESSAGES" / "x.po").is_file()
    code, out, _ = run(capsys, "check", "--json", "--project", str(tmp_path))
    assert not any(finding["locale"] == "fr" for finding in json.loads(out)["findings"])
