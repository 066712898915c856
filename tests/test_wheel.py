"""The wheel is what users install: it must carry the default templates and build editions."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support import REPO

pytestmark = pytest.mark.slow


def test_wheel_carries_the_templates_and_an_installed_copy_builds_from_them(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist),
                    str(REPO)], check=True, capture_output=True, text=True)
    (wheel,) = dist.glob("letterlingo-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("letterlingo/templates/edition.html", "letterlingo/templates/edition.css",
                     "letterlingo/templates/fonts/NotoSerif-Regular.ttf", "letterlingo/cli/__main__.py",
                     "letterlingo/locale/de/LC_MESSAGES/letterlingo.po"):
        assert expected in names, expected
    # Install it (not editable) into a folder of its own and put that first on the path: the
    # package then comes from the wheel, its dependencies from this environment.
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, text=True)
    project = tmp_path / "project"
    (project / "letters").mkdir(parents=True)
    (project / "letterlingo.toml").write_text('locales = ["en"]\n', encoding="utf-8")
    (project / "letters" / "x.md").write_text("---\ntitle: T\n---\nDear all,\n\n<!-- signatories -->\n- Alpha\n",
                                             encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = ("import letterlingo, letterlingo.templating as t; print(letterlingo.__file__); print(t.PACKAGE_TEMPLATES); "
            "from letterlingo.cli import main; raise SystemExit(main(['build', '--format', 'html', '-q']))")
    result = subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    module_file, templates = result.stdout.splitlines()[:2]
    assert module_file.startswith(str(target)) and templates.startswith(str(target))
    assert "Alpha" in (project / "output" / "x" / "en" / "index.html").read_text(encoding="utf-8")
