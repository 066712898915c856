"""Review packs and the review server: a volunteer reviews in a browser, the work comes back into
the catalogue, nothing is lost, nothing is merged blindly. Browser tests drive Debian's Chromium."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
from support import REPO

from letterlingo.catalog import read_catalog
from letterlingo.cli import main
from letterlingo.config import load_config
from letterlingo.extract import extract
from letterlingo.review.merge import FORMAT, ReviewFileError, merge_files, read_review
from letterlingo.review.pack import entry_id, load_pack, render_pack, write_pack
from letterlingo.review.server import serve
from letterlingo.update import update

LETTER = """---
title: Our letter
date: 2025-09-10
---
Dear members of the committee,

We read [the report](https://example.org/report) with **great** concern.

About 85 % of cases are never reported.

<!-- signatories -->
1. Save the Children
2. Ассоциация «Дети»
"""

GERMAN = {
    "Our letter": "Unser Brief",
    "Dear members of the committee,": "Sehr geehrte Mitglieder des Ausschusses,",
    "We read [the report](https://example.org/report) with **great** concern.":
        "Wir haben [den Bericht](https://example.org/report) mit **großer** Sorge gelesen.",
    "About 85 % of cases are never reported.": "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned=2\">",
}

CHROMIUM = "/usr/bin/chromium"
AXE_JS = REPO / ".tools" / "node_modules" / "axe-core" / "axe.min.js"


def _project(root: Path) -> Any:
    (root / "letters").mkdir(parents=True)
    (root / "letters" / "x.md").write_text(LETTER, encoding="utf-8")
    (root / "letterlingo.toml").write_text('locales = ["en", "de", "el"]\n', encoding="utf-8")
    config = load_config(root)
    extract(config, "x")
    update(config, "x", ("de", "el"))
    path = config.po_file("x", "de")
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in GERMAN:
            entry.msgstr = GERMAN[entry.msgid]
            entry.flags.append("fuzzy")
            entry.tcomment = "draft: machine translation by deepl, 2026-11-20"
    po.save(str(path))
    return config


@pytest.fixture
def project(tmp_path: Path):
    return _project(tmp_path / "p")


def _entries(config, locale: str = "de") -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in read_catalog(config.po_file("x", locale)) if entry.msgid}


def _review(pack, changes: dict[str, tuple[str, bool]], reviewer: str = "Anna Beispiel") -> dict[str, Any]:
    """A review file as the page saves it, with `changes` (source -> (text, approved))."""
    entries = []
    for entry in pack.entries:
        text, approved = changes.get(entry.source, (entry.translation, False))
        entries.append({"id": entry.id, "source_sha256": entry.source_sha256, "source": entry.source, "text": text,
                        "approved": approved})
    return {"format": FORMAT, "pack": pack.id, "slug": pack.letter.slug, "locale": pack.locale, "base": pack.base,
            "reviewer": reviewer, "saved": "2026-11-23T10:00:00.000Z", "entries": entries}


def _write(path: Path, review: dict[str, Any]) -> Path:
    path.write_text(json.dumps(review, ensure_ascii=False), encoding="utf-8")
    return path


# --- the pack ---------------------------------------------------------------------------------


def test_the_pack_is_one_file_that_loads_nothing_and_has_the_stable_hooks(project) -> None:
    pack = load_pack(project, "x", "de")
    html = render_pack(pack)
    assert [e.source for e in pack.entries][:2] == ["Our letter", "Dear members of the committee,"]
    assert re.search(r'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                     r"script-src 'sha256-[^']+'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'", html)
    assert not re.search(r"<(link|img|iframe|script|object|embed|audio|video|source)\b[^>]*\b(src|href)=", html)
    for entry in pack.entries:
        assert f'<section class="entry state-draft" data-id="{entry.id}"' in html or \
            f'<section class="entry state-missing" data-id="{entry.id}"' in html
    assert html.count('<textarea id="t-') == len(pack.entries) == html.count('<input type="checkbox" name="approved"')
    assert '<button id="save" type="button">Speichern</button>' in html  # in the reviewer's language
    assert "Maschineller Entwurf (deepl), noch nicht geprüft" in html
    # Names are shown for context, read-only and as written.
    assert "<bdi>Ассоциация «Дети»</bdi>" in html and "Ассоциация" not in "".join(e.source for e in pack.entries)
    # A hostile msgstr reaches the page escaped.
    assert "<script>window.pwned" not in html and "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html


def test_entry_ids_are_stable_and_keyed_by_context_and_source() -> None:
    assert entry_id(None, "Hello") == entry_id(None, "Hello") != entry_id("ctx", "Hello") != entry_id(None, "Hallo")


# --- merging ----------------------------------------------------------------------------------


def test_merge_approves_keeps_drafts_refuses_broken_parity_and_is_idempotent(project, tmp_path: Path) -> None:
    pack = load_pack(project, "x", "de")
    before = _entries(project)
    review = _review(pack, {
        "Our letter": ("Unser offener Brief", True),  # edited and approved
        "Dear members of the committee,": ("Sehr geehrte Damen und Herren,", False),  # edited only
        "We read [the report](https://example.org/report) with **great** concern.":
            ("Wir haben [den Bericht](https://evil.example/) gelesen.", True),  # breaks parity
    })
    file = _write(tmp_path / "x-de.review.json", review)
    assert main(["review-merge", str(file), "--project", str(project.root)]) == 1
    after = _entries(project)
    title = after["Our letter"]
    assert title.msgstr == "Unser offener Brief" and "fuzzy" not in title.flags
    assert "reviewed by Anna Beispiel, 2026-11-23" in title.tcomment and "draft:" not in title.tcomment
    salutation = after["Dear members of the committee,"]
    assert salutation.msgstr == "Sehr geehrte Damen und Herren," and "fuzzy" in salutation.flags
    broken = after["We read [the report](https://example.org/report) with **great** concern."]
    assert "fuzzy" in broken.flags and broken.msgstr == "Wir haben [den Bericht](https://evil.example/) gelesen."
    # Nothing else changed, and the file is still what gettext accepts.
    untouched = "About 85 % of cases are never reported."
    assert after[untouched].msgstr == before[untouched].msgstr and set(after) == set(before)
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(project.po_file("x", "de"))], check=True)
    once = project.po_file("x", "de").read_bytes()
    assert main(["review-merge", str(file), "--project", str(project.root)]) == 1  # still reports the refusal
    assert project.po_file("x", "de").read_bytes() == once


def test_a_review_of_a_changed_source_stays_a_draft_with_a_note(project, tmp_path: Path) -> None:
    pack = load_pack(project, "x", "de")
    review = _review(pack, {"Dear members of the committee,": ("Liebe Mitglieder des Ausschusses,", True)})
    letter = project.letter_file("x")
    letter.write_text(LETTER.replace("Dear members of the committee,", "Dear members of the LIBE committee,"),
                      encoding="utf-8")
    extract(project, "x")
    update(project, "x", ("de",))
    results = merge_files(project, [_write(tmp_path / "r.json", review)])
    assert results[0].stale == 1 and not results[0].ok
    entry = _entries(project)["Dear members of the LIBE committee,"]
    assert entry.msgstr == "Liebe Mitglieder des Ausschusses," and "fuzzy" in entry.flags
    assert "older original text" in entry.tcomment


@pytest.mark.parametrize("content", ["not json", '{"format": "other"}', '{"format": "letterlingo-review/1", '
                                     '"slug": "x", "locale": "xx", "entries": []}', '[]'])
def test_a_bad_review_file_is_refused_with_one_line_and_nothing_changes(project, tmp_path: Path,
                                                                        content: str, capsys) -> None:
    file = tmp_path / "bad.review.json"
    file.write_text(content, encoding="utf-8")
    before = project.po_file("x", "de").read_bytes()
    assert main(["review-merge", str(file), "--project", str(project.root)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert project.po_file("x", "de").read_bytes() == before
    with pytest.raises(ReviewFileError):
        read_review(file)


def test_review_pack_command_writes_one_page_per_language(project) -> None:
    assert main(["review-pack", "x", "-l", "de", "-l", "el", "--project", str(project.root)]) == 0
    pages = sorted(p.name for p in (project.root / "review").iterdir())
    assert pages == ["x-de.review.html", "x-el.review.html"]
    single = project.root / "mail" / "for-lv-reviewer.html"
    assert main(["review-pack", "x", "-l", "de", "-o", str(single), "--project", str(project.root)]) == 0
    assert single.is_file() and 'data-id="' in single.read_text(encoding="utf-8")
    assert main(["review-pack", "x", "-l", "de,el", "-o", str(single), "--project", str(project.root)]) == 2


def test_serving_beyond_this_machine_needs_a_token(project) -> None:
    from letterlingo.errors import LetterlingoError
    from letterlingo.review.server import check_address

    with pytest.raises(LetterlingoError, match="token"):
        check_address("0.0.0.0", None)
    check_address("0.0.0.0", "secret")
    check_address("127.0.0.1", None)


# --- in a real browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is missing: run scripts/setup.sh", pytrace=False)
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run scripts/setup.sh", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-first-run", "--disable-gpu"])
        yield browser
        browser.close()


def _fill(page: Any, source: str, text: str, approve: bool) -> None:
    section = page.locator("section.entry", has=page.locator(".source", has_text=source))
    section.locator('textarea[name="translation"]').fill(text)
    if approve:
        section.locator('input[name="approved"]').check()


@pytest.mark.slow
def test_a_pack_opened_from_disk_is_reviewed_saved_and_merged(project, chromium, tmp_path: Path) -> None:
    target = write_pack(load_pack(project, "x", "de"), tmp_path / "x-de.review.html")
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(target.as_uri())
    # The hostile draft is shown as text and never runs.
    assert page.evaluate("() => window.pwned") is None
    hostile = page.locator("section.entry").nth(3)
    assert "<script>window.pwned" in hostile.locator("textarea").input_value()
    assert "<script>" in hostile.locator(".preview").inner_text()
    _fill(page, "Our letter", "Unser offener Brief", True)
    _fill(page, "Dear members", "Sehr geehrte Ausschussmitglieder,", True)
    # Typing a broken link shows the problem at once.
    _fill(page, "We read", "Wir lasen [es](https://evil.example/).", False)
    problems = page.locator("section.entry").nth(2).locator(".problems li").all_text_contents()
    assert len(problems) >= 2
    _fill(page, "We read", GERMAN["We read [the report](https://example.org/report) with **great** concern."], False)
    page.fill("#reviewer", "Anna Beispiel")
    assert re.search(r"\b2\b.*\b4\b", page.text_content("#progress"))
    # Closing the tab loses nothing: the work is back after a reload.
    page.reload()
    assert page.locator("section.entry").nth(0).locator("textarea").input_value() == "Unser offener Brief"
    with page.expect_download() as download:
        page.click("#save")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "x-de.review.json" and not errors
    context.close()
    assert main(["review-merge", str(saved), "--project", str(project.root)]) == 0  # the untouched hostile draft stays
    entries = _entries(project)
    assert entries["Our letter"].msgstr == "Unser offener Brief" and "fuzzy" not in entries["Our letter"].flags
    assert entries["Dear members of the committee,"].msgstr == "Sehr geehrte Ausschussmitglieder,"
    assert "reviewed by Anna Beispiel" in entries["Dear members of the committee,"].tcomment
    assert "fuzzy" in entries["About 85 % of cases are never reported."].flags


@pytest.mark.slow
def test_the_served_page_saves_into_the_catalogue_and_refuses_a_stale_save(project, chromium) -> None:
    server = serve(project, "127.0.0.1", 0)
    try:
        page = chromium.new_page()
        page.goto(f"{server.url}review/x/de")
        _fill(page, "Our letter", "Unser Brief an Sie", True)
        page.click("#save")
        page.wait_for_function("() => document.getElementById('status').textContent.length > 0")
        entry = _entries(project)["Our letter"]
        assert entry.msgstr == "Unser Brief an Sie" and "fuzzy" not in entry.flags
        # Someone else changes the file: this page's next save is refused, the file untouched.
        other = chromium.new_page()
        other.goto(f"{server.url}review/x/de")
        _fill(other, "Dear members", "Hallo zusammen,", False)
        other.click("#save")
        other.wait_for_function("() => document.getElementById('status').textContent.length > 0")
        after_other = project.po_file("x", "de").read_bytes()
        page.evaluate("() => document.getElementById('status').textContent = ''")
        _fill(page, "Dear members", "Guten Tag,", False)
        page.click("#save")
        page.wait_for_function("() => document.getElementById('status').textContent.length > 0")
        assert "Reload" in page.text_content("#status") or "neu" in page.text_content("#status")
        assert project.po_file("x", "de").read_bytes() == after_other
    finally:
        server.shutdown()


@pytest.mark.slow
def test_the_pack_is_accessible_by_keyboard_and_to_axe(project, chromium, tmp_path: Path) -> None:
    if not AXE_JS.is_file():
        pytest.fail("axe-core is missing: run scripts/setup.sh", pytrace=False)
    target = write_pack(load_pack(project, "x", "el"), tmp_path / "x-el.review.html")
    for width in (1280, 375):
        context = chromium.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(target.as_uri())
        page.add_script_tag(path=str(AXE_JS))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in results["violations"]
               if v["impact"] in ("serious", "critical", "moderate")]
        assert not bad, bad
        # Keyboard only: Tab reaches the name field, then the first translation and its tick.
        page.keyboard.press("Tab")
        focused = [page.evaluate("() => document.activeElement.id || document.activeElement.name")]
        for _ in range(3):
            page.keyboard.press("Tab")
            focused.append(page.evaluate("() => document.activeElement.id || document.activeElement.name"))
        assert "reviewer" in focused and any(item.startswith("t-") for item in focused)
        # A long unbroken text (an address) never makes a phone scroll sideways.
        page.locator('textarea[name="translation"]').first.fill("https://example.org/" + "x" * 300)
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        # Changing an approved text takes the tick away: it was approved as it read then.
        box = page.locator('input[name="approved"]').first
        box.check()
        page.locator('textarea[name="translation"]').first.fill("Άλλο κείμενο")
        assert not box.is_checked()
        context.close()


def test_the_example_project_makes_packs_for_every_language(example_project) -> None:
    config = example_project
    for locale in ("mt", "bg", "el"):
        pack = load_pack(config, "2025-csar-open-letter", locale)
        html = render_pack(pack)
        from letterlingo.templating import html_lang

        assert len(pack.entries) == 11 and f'<html lang="{html_lang(locale)}">' in html
        assert html.count('class="entry state-draft"') == 11


def test_the_server_refuses_saves_from_other_sites(project) -> None:
    import urllib.error
    import urllib.request

    server = serve(project, "127.0.0.1", 0)
    try:
        pack = load_pack(project, "x", "de")
        body = json.dumps(_review(pack, {"Our letter": ("Gekapert", True)})).encode()
        before = project.po_file("x", "de").read_bytes()
        for headers in ({"Content-Type": "text/plain"},
                        {"Content-Type": "application/json", "Origin": "https://evil.example"},
                        {"Content-Type": "application/json", "Host": "evil.example:80"}):
            request = urllib.request.Request(f"{server.url}save/x/de", data=body, headers=headers, method="POST")
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=10)
            assert refused.value.code == 403
        assert project.po_file("x", "de").read_bytes() == before
        good = urllib.request.Request(f"{server.url}save/x/de", data=body,
                                      headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(good, timeout=10) as answer:
            assert json.load(answer)["approved"] == 1
        assert _entries(project)["Our letter"].msgstr == "Gekapert"
    finally:
        server.shutdown()


def test_a_token_protects_every_address(project) -> None:
    import urllib.error
    import urllib.request

    server = serve(project, "127.0.0.1", 0, token="s3cret")
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{server.url}review/x/de", timeout=10)
        assert refused.value.code == 403
        with urllib.request.urlopen(f"{server.url}review/x/de?token=s3cret", timeout=10) as page:
            assert "save/x/de?token=s3cret" in page.read().decode()
    finally:
        server.shutdown()


def test_a_tampered_or_absurd_review_file_is_refused(project, tmp_path: Path, capsys) -> None:
    pack = load_pack(project, "x", "de")
    good = _review(pack, {"Our letter": ("Unser Brief!", True)})
    before = project.po_file("x", "de").read_bytes()
    tampered = [dict(good, locale="el"),
                dict(good, entries=[dict(good["entries"][0], source_sha256="0" * 64), *good["entries"][1:]]),
                dict(good, entries=good["entries"] + good["entries"][:1]),
                dict(good, reviewer=["x"])]
    for number, review in enumerate(tampered):
        file = _write(tmp_path / f"t{number}.review.json", review)
        assert main(["review-merge", str(file), "--project", str(project.root)]) == 2
    deep = tmp_path / "deep.review.json"
    deep.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    assert main(["review-merge", str(deep), "--project", str(project.root)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert project.po_file("x", "de").read_bytes() == before


def test_ticking_a_reviewed_text_again_keeps_its_reviewer_and_a_broken_edit_never_replaces_it(project,
                                                                                             tmp_path: Path) -> None:
    pack = load_pack(project, "x", "de")
    first = _write(tmp_path / "a.review.json", _review(pack, {"Our letter": ("Unser Brief", True)}, "Maria"))
    merge_files(project, [first])
    assert "reviewed by Maria" in _entries(project)["Our letter"].tcomment
    pack = load_pack(project, "x", "de")
    second = _review(pack, {"Our letter": ("Unser Brief", True),
                            "We read [the report](https://example.org/report) with **great** concern.":
                                ("Wir lasen es.", False)}, "Nikos")
    merge_files(project, [_write(tmp_path / "b.review.json", second)])
    assert "reviewed by Maria" in _entries(project)["Our letter"].tcomment
    # Maria's reviewed title, then a broken edit approved by someone else: hers stays.
    third = _review(load_pack(project, "x", "de"), {"Our letter": ("Unser **Brief**", True)}, "Nikos")
    result = merge_files(project, [_write(tmp_path / "c.review.json", third)])[0]
    assert result.refused and _entries(project)["Our letter"].msgstr == "Unser Brief"
    # A person's unapproved edit no longer claims to be a machine draft.
    edited = _entries(project)["We read [the report](https://example.org/report) with **great** concern."]
    assert edited.msgstr == "Wir lasen es." and "fuzzy" in edited.flags  # broken, so a draft, and reported
    assert "edited by Nikos, 2026-11-23 (not approved)" in edited.tcomment and "draft:" not in edited.tcomment


def test_the_server_says_so_when_the_port_is_taken(project) -> None:
    from letterlingo.errors import LetterlingoError

    server = serve(project, "127.0.0.1", 0)
    try:
        with pytest.raises(LetterlingoError, match="cannot listen"):
            serve(project, "127.0.0.1", server.server_address[1])
    finally:
        server.shutdown()


def test_a_changed_original_is_shown_as_a_word_diff(project, tmp_path: Path) -> None:
    pack = load_pack(project, "x", "de")
    merge_files(project, [_write(tmp_path / "a.review.json", _review(pack, {"Our letter": ("Unser Brief", True)}))])
    project.letter_file("x").write_text(LETTER.replace("title: Our letter", "title: Our open letter"),
                                        encoding="utf-8")
    extract(project, "x")
    update(project, "x", ("de",))
    html = render_pack(load_pack(project, "x", "de"))
    assert "Our <ins>open </ins>letter" in html
