"""Shared fixtures: a throw-away copy of the repository's own example project."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings
from support import DATA, REPO, SHARED_LETTERS, msgfmt_check  # noqa: F401  (re-exported for tests)

from letterlingo.config import Config, load_config

# The same generated examples on every run, so a red build always means a change, not a new
# random draw; `HYPOTHESIS_PROFILE=explore` draws fresh examples (and many more) when hunting.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from current output.")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own cache folder: nothing written to the user's, nothing shared between tests."""
    folder = tmp_path_factory.mktemp("cache")
    # Web font subsets and parsed hyphenation patterns are named by their content, so every
    # test may share them (making them takes seconds): the shared parts of the cache.
    # They live beside the checkout (ignored by git), so only the first run ever makes them.
    for kind in ("webfonts", "hyphenation"):
        shared = REPO / ".pytest_cache" / f"letterlingo-{kind}"
        shared.mkdir(parents=True, exist_ok=True)
        (folder / kind).symlink_to(shared, target_is_directory=True)
    monkeypatch.setenv("LETTERLINGO_CACHE_DIR", str(folder))
    return folder


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


@pytest.fixture
def blank_2022_project(example_project: Config) -> Config:
    """The example project with the two 2022 letters' catalogues emptied, as they were before
    their drafts: what a campaign has before anything is translated."""
    from letterlingo.catalog import read_catalog, write_catalog

    for path in example_project.locales_path.glob("*/LC_MESSAGES/2022-*.po"):
        catalog = read_catalog(path)
        for entry in catalog:
            if entry.msgid:
                entry.msgstr, entry.tcomment = "", ""
                entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        write_catalog(catalog, path)
    return example_project
