"""Paths and checks shared by the tests (importable as `support`)."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_LETTERS = REPO.parent / "shared" / "letters"
DATA = Path(__file__).resolve().parent / "data"


def msgfmt_check(path: Path) -> None:
    """GNU msgfmt --check must accept the file (the gettext package is installed by setup)."""
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, f"msgfmt --check rejected {path}:\n{result.stderr}"
