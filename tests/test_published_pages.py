"""The built web pages, checked with real tools: the Nu HTML Checker and axe-core in Chromium.

The repository's own example project is built (HTML only) through the CLI into a temporary
folder; then every page goes through the Nu HTML Checker (vnu.jar, errors and warnings), and
output/index.html plus a sample of editions go through axe-core in Debian's Chromium, driven by
Playwright. The tools come from scripts/setup.sh (Debian's chromium and a Java runtime, the npm
packages vnu-jar and axe-core in .tools/, playwright in the `test` extra); a missing one fails
the test with a message saying so, never a skip, because CI runs the set-up first.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from support import REPO

#: Builds the examples and starts Java and Chromium: deselect with -m "not slow".
pytestmark = pytest.mark.slow

SETUP_HINT = "run scripts/setup.sh, which installs it"
TOOLS = REPO / ".tools" / "node_modules"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")

#: Nu HTML Checker warnings that may stay, each with the reason it cannot be avoided; a pattern
#: is matched against the message. Keep it short: every other warning fails the test.
ALLOWED_VNU_WARNINGS: tuple[tuple[str, str], ...] = (
    # (regular expression, why it is unavoidable)
)

#: axe-core impacts that fail the test; "minor" ones are printed only.
FAILING_IMPACTS = {"moderate", "serious", "critical"}

#: Chromium as the machine's closed network needs it: no background connections, nothing kept.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

LETTERS = sorted(path.stem for path in (REPO / "letters").glob("*.md"))


def require(condition: bool, what: str) -> None:
    """Fail (never skip) when a checker is missing: CI runs scripts/setup.sh before the tests."""
    if not condition:
        pytest.fail(f"{what} is missing: {SETUP_HINT}.", pytrace=False)


def letterlingo_cli() -> Path:
    beside = Path(sys.executable).with_name("letterlingo")
    cli = beside if beside.exists() else REPO / ".venv" / "bin" / "letterlingo"
    require(cli.exists(), f"the letterlingo command ({cli})")
    return cli


@dataclass(frozen=True)
class Site:
    project: Path
    output: Path
    source_language: str
    editions: list[dict[str, Any]]

    def edition(self, slug: str | None = None, locale: str | None = None, state: str | None = None) -> Path:
        """The first built page (by letter, then locale) with that letter, locale and state; None is any."""
        wanted = {"slug": slug, "locale": locale, "state": state}
        for entry in sorted(self.editions, key=lambda e: (e["slug"], e["locale"])):
            matches = all(value is None or entry.get(key) == value for key, value in wanted.items())
            if matches and "html" in entry.get("files", {}):
                return self.output / entry["files"]["html"]["path"]
        pytest.fail(f"the build has no HTML edition with slug={slug} locale={locale} state={state}")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The repository's letters, catalogues and settings, built to HTML by the CLI in a copy."""
    project = tmp_path_factory.mktemp("published") / "project"
    project.mkdir()
    shutil.copy(REPO / "letterlingo.toml", project / "letterlingo.toml")
    shutil.copytree(REPO / "letters", project / "letters")
    shutil.copytree(REPO / "locales", project / "locales")
    env = {**os.environ, "LETTERLINGO_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}

    cli = letterlingo_cli()
    command = [str(cli), "build", "--format", "html"]
    usage = subprocess.run([str(cli), "build", "--help"], capture_output=True, text=True, env=env, check=True)
    if "--include-untranslated" in usage.stdout:
        command.append("--include-untranslated")
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"

    output = project / "output"
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    settings = tomllib.loads((project / "letterlingo.toml").read_text(encoding="utf-8"))
    return Site(project, output, settings.get("source_language", "en"), manifest["editions"])


# --- the Nu HTML Checker -------------------------------------------------------------------------


def allowed_warning(message: dict[str, Any]) -> bool:
    return any(re.search(pattern, message.get("message", "")) for pattern, _why in ALLOWED_VNU_WARNINGS)


def describe_vnu(message: dict[str, Any], output: Path) -> str:
    url = message.get("url", "")
    where = url.removeprefix("file:")
    try:
        where = str(Path(where).relative_to(output))
    except ValueError:
        pass
    line = message.get("lastLine", message.get("firstLine", "?"))
    column = message.get("firstColumn", message.get("lastColumn", "?"))
    kind = message["type"] + (f"/{message['subType']}" if message.get("subType") else "")
    extract = " ".join(message.get("extract", "").split())
    return f"{where}:{line}:{column}: {kind}: {message.get('message', '')}" + (f"  [{extract}]" if extract else "")


def test_nu_html_checker_accepts_every_page(site: Site) -> None:
    java = shutil.which("java")
    require(java is not None, "java (Debian's default-jre-headless)")
    require(VNU_JAR.is_file(), f"the Nu HTML Checker ({VNU_JAR}, npm vnu-jar)")
    pages = sorted(site.output.rglob("*.html"))
    assert pages, f"the build wrote no .html file under {site.output}"

    # One Java start for every page; the JSON report goes to stdout and is read whatever the exit.
    result = subprocess.run(
        [str(java), "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"vnu.jar did not run:\n{result.stdout}\n{result.stderr}"
    report = json.loads(result.stdout)
    messages = report["messages"]

    failing = [
        m
        for m in messages
        if m["type"] in {"error", "non-document-error"}
        or (m["type"] == "info" and m.get("subType") == "warning" and not allowed_warning(m))
    ]
    print(f"Nu HTML Checker {report.get('version', '')}: {len(messages)} messages in {len(pages)} pages")
    for message in messages:
        print(describe_vnu(message, site.output))
    assert not failing, f"the Nu HTML Checker reports {len(failing)} errors or warnings in {len(pages)} pages:\n" + (
        "\n".join(describe_vnu(m, site.output) for m in failing)
    )


# --- axe-core in Chromium ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the Python package playwright (the `test` extra)")
    require(CHROMIUM.exists(), f"Chromium ({CHROMIUM}, Debian's chromium)")
    require(AXE_JS.is_file(), f"axe-core ({AXE_JS}, npm axe-core)")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        except Exception as error:  # the message says what Chromium lacks
            pytest.fail(f"Chromium ({CHROMIUM}) did not start ({error}); {SETUP_HINT}.", pytrace=False)
        yield launched
        launched.close()


def describe_axe(violation: dict[str, Any]) -> str:
    targets = "; ".join(" >> ".join(map(str, node["target"])) for node in violation["nodes"])
    return f"{violation['id']} [{violation['impact']}] {violation['help']} -> {targets}"


def axe_violations(browser: Any, page_path: Path, width: int) -> list[dict[str, Any]]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(page_path.as_uri(), wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        page.add_script_tag(path=str(AXE_JS))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    return results["violations"]


#: (test id, which page, viewport width): the index, each letter's source-language edition, a
#: machine-draft edition, a Greek edition, and a phone-wide viewport.
AXE_SAMPLE = [
    ("index", "index", 1280),
    *((f"source-{slug}", f"source:{slug}", 1280) for slug in LETTERS),
    ("draft", "draft", 1280),
    ("greek", "greek", 1280),
    ("draft-375px", "draft", 375),
]


def sample_page(site: Site, which: str) -> Path:
    if which == "index":
        return site.output / "index.html"
    if which.startswith("source:"):
        return site.edition(slug=which.removeprefix("source:"), locale=site.source_language)
    if which == "draft":
        return site.edition(state="draft")
    if which == "greek":  # Greek text if the build has any: a translated edition before an untranslated one
        translated = [e for e in site.editions if e["locale"] == "el" and e["state"] != "untranslated"]
        return site.edition(locale="el", state=translated[0]["state"] if translated else None)
    raise AssertionError(which)


@pytest.mark.parametrize(("which", "width"), [case[1:] for case in AXE_SAMPLE], ids=[case[0] for case in AXE_SAMPLE])
def test_axe_finds_no_moderate_or_worse_violation(site: Site, browser: Any, which: str, width: int) -> None:
    page_path = sample_page(site, which)
    assert page_path.is_file(), f"{page_path} was not built"
    violations = axe_violations(browser, page_path, width)
    where = f"{page_path.relative_to(site.output)} at {width}px"
    print(f"axe-core on {where}: {len(violations)} violations")
    for violation in violations:
        print(f"{where}: {describe_axe(violation)}")
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not failing, f"axe-core finds {len(failing)} moderate or worse violations in {where}:\n" + (
        "\n".join(describe_axe(v) for v in failing)
    )
