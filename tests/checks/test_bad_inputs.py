"""Broken input (tests/data/bad/) is refused cleanly by every command that reads it.

Each case puts one file in place in a throw-away project and runs a command through
`letterlingo.cli.main`. A refusal means: exit code 2, exactly one line on stderr starting with
`error: ` and naming the file (and line, where there is one), no traceback, and no file of the
project created, changed or touched. Odd but valid input (BOM, CRLF, a huge paragraph) must
be accepted instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from data.bad import make_corpus

from letterlingo.cli import main
from letterlingo.config import load_config
from letterlingo.extract import extract
from letterlingo.update import update

#: Slow (every broken input through every command): outside `-m "not slow"`, in every full run.
pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parent.parent / "data" / "bad"
LETTER_PATH = "letters/letter.md"
PO_PATH = "locales/de/LC_MESSAGES/letter.po"
POT_PATH = "locales/letter.pot"
CONFIG_PATH = "letterlingo.toml"

BASE_LETTER = make_corpus.LETTER
BASE_CONFIG = make_corpus.TOML

#: Commands that read each kind of file; every one must refuse a broken file the same way.
COMMANDS = {
    LETTER_PATH: [["check"], ["extract"]],
    PO_PATH: [["check"], ["status"], ["update"]],
    POT_PATH: [["check"], ["status"], ["update"], ["extract"]],
    CONFIG_PATH: [["check"], ["status"], ["extract"], ["update"]],
}

#: Corpus file -> the line the error must name (None: the message names the file only).
EXPECTED_LINE: dict[str, int | None] = {
    "letters/truncated.md": 1,
    "letters/invalid-yaml.md": 4,
    "letters/no-title.md": 1,
    "letters/no-front-matter.md": 1,
    "letters/bad-date.md": 3,
    "letters/latin1.md": 8,
    "letters/nul.md": 8,
    "po/truncated.po": 13,
    "po/duplicate-msgid.po": 16,
    "po/plural-mismatch.po": 13,
    "po/bad-plural-forms.po": 8,
    "po/msgstr-without-msgid.po": 10,
    "po/truncated-after-msgctxt.po": 13,
    "po/latin1-no-charset.po": 12,
    "po/nul.po": 13,
    "config/truncated.toml": None,  # tomllib gives no line for "at end of document"
    "config/unknown-locale.toml": 3,
    "config/unknown-setting.toml": 2,
    "config/latin1.toml": 1,
    "config/nul.toml": 1,
}


def make_base(root: Path) -> None:
    """A valid project: config, letter, template and an (untranslated) German catalogue."""
    root.mkdir(parents=True)
    (root / CONFIG_PATH).write_text(BASE_CONFIG, encoding="utf-8")
    (root / "letters").mkdir()
    (root / LETTER_PATH).write_text(BASE_LETTER, encoding="utf-8")
    config = load_config(root)
    extract(config, "letter")
    update(config, "letter", ("de",))


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(root.rglob("*")) if path.is_file()}


def run(capsys: pytest.CaptureFixture[str], root: Path, command: list[str]) -> tuple[int, str, str]:
    code = main([*command, "--project", str(root)])
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(capsys: pytest.CaptureFixture[str], root: Path, command: list[str], shown: str,
                   line: int | None) -> str:
    before = snapshot(root)
    code, out, err = run(capsys, root, command)
    assert "Traceback" not in err + out
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one line of error output, got:\n{err}"
    assert lines[0].startswith("error: ")
    assert shown in lines[0]
    if line is not None:
        assert re.search(rf"{re.escape(shown)}:{line}: ", lines[0]), lines[0]
    assert code == 2, f"exit code {code}: {err}"
    assert snapshot(root) == before, "a refused command changed the project"
    return lines[0]


def corpus_cases() -> list[object]:
    cases = []
    for folder, target in (("letters", LETTER_PATH), ("po", PO_PATH), ("po", POT_PATH), ("config", CONFIG_PATH)):
        for source in sorted((CORPUS / folder).iterdir()):
            name = f"{folder}/{source.name}"
            for command in COMMANDS[target]:
                cases.append(pytest.param(name, target, command, id=f"{name}->{target}:{command[0]}"))
    return cases


def test_every_corpus_file_has_an_expectation() -> None:
    stored = {f"{folder}/{path.name}" for folder in ("letters", "po", "config") for path in (CORPUS / folder).iterdir()}
    assert stored == set(EXPECTED_LINE)


@pytest.mark.parametrize(("name", "target", "command"), corpus_cases())
def test_broken_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, target: str,
                                command: list[str]) -> None:
    root = tmp_path / "project"
    make_base(root)
    (root / target).write_bytes((CORPUS / name).read_bytes())
    if name in REPORTED_BY_CHECK:
        # What msgmerge and msgcat accept is read by every command; `check` reports it as a
        # finding on its line, and the file is still checked.
        code, out, err = run(capsys, root, command)
        assert err == "", err
        if command == ["check"]:
            assert code == 1
            assert f"{target}:{EXPECTED_LINE[name]}: error: " in out
        else:
            assert code == 0
        return
    assert_refused(capsys, root, command, target, EXPECTED_LINE[name])


#: What `check` reports as findings rather than refusing the file.
REPORTED_BY_CHECK = {"po/plural-mismatch.po", "po/bad-plural-forms.po"}


@pytest.mark.parametrize("command", [["check"], ["status"], ["update"]])
def test_unknown_locale_option_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]) -> None:
    root = tmp_path / "project"
    make_base(root)
    message = assert_refused(capsys, root, [*command, "-l", "de,xx"], "-l/--locale", None)
    assert "'xx'" in message


@pytest.mark.parametrize("command", [["check"], ["status"]])
def test_huge_broken_line_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]) -> None:
    root = tmp_path / "project"
    make_base(root)
    path = root / PO_PATH
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    path.write_text(text + '\nmsgid "huge"\nmsgstr "' + "x" * 2_000_000 + "\n", encoding="utf-8")
    assert_refused(capsys, root, command, PO_PATH, lines + 3)


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("tolerated/bom.md", LETTER_PATH),
        ("tolerated/crlf.md", LETTER_PATH),
        ("tolerated/bom.po", PO_PATH),
        ("tolerated/crlf.po", PO_PATH),
        ("tolerated/bom.toml", CONFIG_PATH),
        ("tolerated/crlf.toml", CONFIG_PATH),
    ],
)
def test_bom_and_crlf_are_accepted(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, target: str) -> None:
    root = tmp_path / "project"
    make_base(root)
    (root / target).write_bytes((CORPUS / name).read_bytes())
    for command in COMMANDS[target]:
        code, out, err = run(capsys, root, command)
        assert (code, err) == (0, ""), f"{command[0]} refused {name}: {err}"
    if target == LETTER_PATH:
        # Same letter, same template as from the plain file (line numbers included).
        plain = tmp_path / "plain"
        make_base(plain)
        assert (root / POT_PATH).read_text(encoding="utf-8").split("\n")[1:] == \
            (plain / POT_PATH).read_text(encoding="utf-8").split("\n")[1:]


@pytest.mark.slow

def test_huge_paragraph_is_accepted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = tmp_path / "project"
    make_base(root)
    huge = " ".join(["Children deserve protection online"] * 30_000)
    letter = root / LETTER_PATH
    letter.write_text(BASE_LETTER.replace("Dear Members,", huge), encoding="utf-8")
    for command in (["extract"], ["update"], ["check"], ["status"]):
        code, out, err = run(capsys, root, command)
        assert (code, err) == (0, ""), f"{command[0]}: {err}"
    assert huge[:1000] in (root / POT_PATH).read_text(encoding="utf-8").replace('"\n"', "")


def _folder_instead_of(relative: str):
    def setup(root: Path) -> None:
        (root / relative).unlink()
        (root / relative).mkdir()
    return setup


def _signatories_csv(data: bytes | None):
    def setup(root: Path) -> None:
        csv = root / "letters" / "signatories.csv"
        if data is None:
            csv.mkdir()
        else:
            csv.write_bytes(data)
        letter = root / LETTER_PATH
        letter.write_text(BASE_LETTER.replace("language: en", "language: en\nsignatories: letters/signatories.csv"),
                          encoding="utf-8")
    return setup


@pytest.mark.parametrize(
    ("setup", "command", "shown", "line"),
    [
        pytest.param(_folder_instead_of(PO_PATH), ["check"], PO_PATH, None, id="po-is-a-folder:check"),
        pytest.param(_folder_instead_of(PO_PATH), ["status"], PO_PATH, None, id="po-is-a-folder:status"),
        pytest.param(_folder_instead_of(POT_PATH), ["extract"], POT_PATH, None, id="pot-is-a-folder:extract"),
        pytest.param(_signatories_csv("name,group\nCaf\u00e9 Gr\u00f6\u00dfe,x\n".encode("latin-1")), ["check"],
                     "signatories.csv", 2, id="signatories-csv-latin1:check"),
        pytest.param(_signatories_csv(None), ["extract"], "signatories.csv", None, id="signatories-csv-is-a-folder:extract"),
    ],
)
def test_unreadable_inputs_are_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, setup, command: list[str],
                                       shown: str, line: int | None) -> None:
    root = tmp_path / "project"
    make_base(root)
    setup(root)
    assert_refused(capsys, root, command, shown, line)
