"""SIGKILL a real `letterlingo translate` at random moments: every catalogue stays valid, and a
rerun finishes the work without losing or repeating any entry."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from support import msgfmt_check
from werkzeug import Request, Response

from letterlingo.catalog import entry_has_translation, live_entries, read_catalog
from letterlingo.config import Config

#: Renders PDFs (or kills processes): deselect with -m "not slow".
pytestmark = pytest.mark.slow

LETTERLINGO = Path(sys.executable).parent / "letterlingo"
KILLS = 3
#: Locales per engine: libre on a few (hr has no LibreTranslate model: it must stay untouched),
#: pseudo on all of them, so kills land in many small writes.
LOCALES = {"libre": ["de", "fr", "it", "pl", "hr"], "pseudo": []}


def catalogues(config: Config) -> list[Path]:
    return sorted(config.locales_path.glob("*/LC_MESSAGES/*.po"))


def assert_all_valid(config: Config) -> dict[Path, int]:
    """Every .po parses strictly and passes msgfmt --check; returns the filled entries per file."""
    filled = {}
    for path in catalogues(config):
        catalog = read_catalog(path)
        filled[path] = sum(1 for entry in live_entries(catalog) if entry_has_translation(entry))
        msgfmt_check(path)
    return filled


def environment(**extra: str) -> dict[str, str]:
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "SYSTEMROOT") if name in os.environ}
    return {**keep, "SOURCE_DATE_EPOCH": "1700000000", "LETTERLINGO_RETRY_DELAY": "0.01", **extra}


@pytest.mark.parametrize("engine", ["libre", "pseudo"])
def test_sigkill_at_random_points_leaves_valid_catalogues_and_a_rerun_finishes(
        blank_2022_project: Config, httpserver: HTTPServer, engine: str) -> None:
    def slow_libre(request: Request) -> Response:
        texts = request.get_json(force=True)["q"]
        time.sleep(0.004 * len(texts))  # as long per text as when each text was a request of its own
        return Response(json.dumps({"translatedText": ["DE " + text for text in texts]}), content_type="application/json")

    httpserver.expect_request("/translate").respond_with_handler(slow_libre)
    env = environment(LIBRE_URL=httpserver.url_for("/"), LIBRE_API_KEY="test")
    command = [str(LETTERLINGO), "translate", "--engine", engine, "--project", str(blank_2022_project.root), "-q"]
    command += [f"--locale={locale}" for locale in LOCALES[engine]]
    rng = random.Random(f"letterlingo-{engine}")
    before = assert_all_valid(blank_2022_project)
    previous = before
    totals: list[int] = []
    # A loaded machine starts the process more slowly, so a kill may land before any work: try
    # again, a little later each time, until kills have landed mid-work (or give up after a few).
    attempts = 0
    while sum(1 for total in totals if total > sum(before.values())) < KILLS and attempts < 4 * KILLS:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 0.9) + 0.15 * attempts)
        attempts += 1
        if process.poll() is not None:
            break  # finished before the kill: the rest of the work is done
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        now = assert_all_valid(blank_2022_project)
        assert all(now[path] >= previous[path] for path in now), "a finished batch was lost"
        previous = now
        totals.append(sum(now.values()))
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr
    after = assert_all_valid(blank_2022_project)
    for path in catalogues(blank_2022_project):
        locale = path.parent.parent.name
        entries = live_entries(read_catalog(path))
        if LOCALES[engine] and (locale not in LOCALES[engine] or locale == "hr"):
            assert after[path] == before[path], f"{path} was not to be touched"
            continue
        assert all(entry_has_translation(entry) for entry in entries), f"{path} still has empty entries"
        for entry in entries:
            if "fuzzy" in entry.flags and entry.tcomment:
                assert entry.tcomment.count("draft: ") == 1
    assert any(sum(before.values()) < total < sum(after.values()) for total in totals), "no kill hit the work"
