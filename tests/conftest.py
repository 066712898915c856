"""Shared fixtures: a throw-away copy of the repository's own example project."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from letterlingo.config import Config, load_config

REPO = Path(__file__).resolve().parent.parent
SHARED_LETTERS = REPO.parent / "shared" / "letters"
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from current output.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def example_project(tmp_path: Path) -> Config:
    """A copy of the repository's letters, catalogues and settings, safe to modify."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "letterlingo.toml", root / "letterlingo.toml")
    shutil.copytree(REPO / "letters", root / "letters")
    shutil.copytree(REPO / "locales", root / "locales")
    return load_config(root)


def msgfmt_check(path: Path) -> None:
    """GNU msgfmt --check must accept the file (the gettext package is installed by setup)."""
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, f"msgfmt --check rejected {path}:\n{result.stderr}"
