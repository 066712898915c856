"""Catalogues as GNU gettext writes them: msgcat rewrites nothing, and an update equals msgmerge's.

Every comparison runs the real GNU tools on the same bytes; a difference is shown as a diff.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import REPO

from letterlingo import po_writer
from letterlingo.catalog import new_catalog, parse_catalog, read_catalog, render_catalog
from letterlingo.config import Config
from letterlingo.extract import extract
from letterlingo.update import update

#: Slow (runs GNU msgcat and msgmerge on every case): outside `-m "not slow"`, in every full run.
pytestmark = pytest.mark.slow

SHIPPED = sorted(REPO.glob("locales/*.pot")) + sorted(REPO.glob("locales/*/LC_MESSAGES/*.po"))


def msgcat(text: str) -> str:
    done = subprocess.run(["msgcat", "--force-po", "-"], input=text.encode("utf-8"), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode("utf-8")


def same(ours: str, gnu: str) -> None:
    if ours != gnu:
        diff = "".join(difflib.unified_diff(gnu.splitlines(True), ours.splitlines(True), "GNU", "letterlingo"))
        pytest.fail("output differs from GNU gettext's:\n" + diff[:3000])


def test_every_shipped_catalogue_is_as_msgcat_writes_it() -> None:
    assert len(SHIPPED) == 72
    changed = []
    for path in SHIPPED:
        text = path.read_text(encoding="utf-8")
        if msgcat(text) != text:
            changed.append(path.relative_to(REPO).as_posix())
        assert render_catalog(read_catalog(path)) == text, path
    assert changed == []


# Text drawn from what letters contain: words in several scripts, punctuation that UAX #14 treats
# specially (hyphens, dashes, slashes, quotes, brackets), URLs, escapes, no-break and zero-width
# spaces, wide CJK characters and emoji.
PIECES = ["word", "Wort", "παιδιά", "дітей", "ħajja", "łódź", "漢字", "かな", "한국어", "🙂", " ", " ", " ", "  ",
          "-", "–", "—", "/", ".", ",", ";", ":", "!", "?", "(", ")", "[x](#)", "**b**", "«", "»", "„", "“", "”",
          '"', "'", "\\", "\t", "\n", "\u00a0", "\u200b", "\u202f", "6,5 %", "2023-11-09",
          "https://example.org/a-b/c?d=e&f=g", "mail@example.eu", "verylongwordwithoutanybreakopportunity" * 2]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
one_line = texts.map(lambda text: text.replace("\n", " ").replace("\t", " ").rstrip("\\"))


@st.composite
def catalogues(draw: st.DrawFn) -> polib.POFile:
    catalog = new_catalog()
    catalog.header = draw(one_line).strip()
    catalog.metadata = {"Project-Id-Version": ("x " + draw(one_line)).strip(), "Content-Type": "text/plain; charset=UTF-8",
                        "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    seen: set[tuple[str | None, str]] = set()
    for _ in range(draw(st.integers(1, 6))):
        entry = polib.POEntry(msgid=draw(texts) or "x", msgstr=draw(texts))
        if draw(st.booleans()):
            entry.msgctxt = draw(one_line)
        if (entry.msgctxt, entry.msgid) in seen:
            continue
        seen.add((entry.msgctxt, entry.msgid))
        if draw(st.booleans()):
            entry.flags = ["fuzzy"]
            entry.previous_msgid = draw(texts) or None
        entry.comment = draw(one_line).strip()
        entry.tcomment = "\n".join(line.strip().rstrip("\\") for line in draw(texts).split("\n"))
        entry.occurrences = [(f"letters/{'x' * draw(st.integers(1, 50))}.md", str(draw(st.integers(1, 9999))))
                             for _ in range(draw(st.integers(0, 5)))]
        if draw(st.integers(0, 5)) == 0:
            entry.msgid_plural, entry.msgstr, entry.msgstr_plural = draw(texts) or "y", "", {0: draw(texts), 1: draw(texts)}
        if draw(st.integers(0, 5)) == 0:
            entry.obsolete, entry.occurrences = True, []
        catalog.append(entry)
    return catalog


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_generated_catalogues_are_written_as_msgcat_writes_them(catalog: polib.POFile) -> None:
    ours = render_catalog(catalog)
    same(ours, msgcat(ours))
    # and reading our own output back gives the same text again
    assert render_catalog(parse_catalog(ours.encode("utf-8"), "generated.po")) == ours


prose = st.lists(
    st.tuples(st.sampled_from(["word", "Wort", "a", "longerword", "über", "Straße", "42", "6,5"]),
              st.sampled_from(["", "", ".", ",", ";", ":", "!", "?", "-", "/"]),
              st.sampled_from([" ", " ", "  ", "-", "/"])),
    max_size=30,
).map(lambda words: "".join(word + mark + gap for word, mark, gap in words).strip())


@settings(max_examples=60, deadline=None)
@given(prose)
def test_without_libunistring_prose_still_wraps_as_gettext(text: str) -> None:
    catalog = new_catalog()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid=text or "x", msgstr=text))
    gnu = render_catalog(catalog)
    po_writer._unistring.cache_clear()
    original = po_writer._unistring
    po_writer._unistring = lambda: None  # type: ignore[assignment]
    po_writer._wrapped.cache_clear()
    try:
        same(render_catalog(catalog), gnu)
    finally:
        po_writer._unistring = original
        po_writer._wrapped.cache_clear()


def test_previous_msgid_lines_stay_within_79_columns() -> None:
    catalog = new_catalog()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    long = "The EU has a critical opportunity to be a world leader in protecting children online. " * 3
    catalog.append(polib.POEntry(msgid=long + "!", msgstr="x", flags=["fuzzy"], previous_msgid=long))
    text = render_catalog(catalog)
    assert max(len(line) for line in text.splitlines()) <= 79
    assert '#| msgid ""' in text
    same(text, msgcat(text))


# Edits a campaign makes to a letter, as sed-like (pattern, replacement) pairs on its text.
EDITS = {
    "one word": [("critical opportunity", "unique opportunity")],
    "every 'the'": [(" the ", " a ")],
    "paragraph removed and another changed": [(r"\nThe EU has a critical[^\n]*\n", "\n"), ("children", "kids")],
    "paragraph added": [(r"\n(Privacy and child protection)", r"\nA new paragraph nobody has translated.\n\n\1")],
    "heading text": [("Signed", "Signed by")],
}


def _edit(config: Config, slug: str, edits: list[tuple[str, str]]) -> None:
    path = config.letter_file(slug)
    text = path.read_text(encoding="utf-8")
    for pattern, replacement in edits:
        text, count = re.subn(pattern, replacement, text, count=0 if pattern == " the " else 1)
        assert count, pattern
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("name", list(EDITS))
def test_update_after_an_edit_equals_msgmerge_previous(example_project: Config, tmp_path: Path, name: str) -> None:
    config, slug = example_project, "2025-csar-open-letter"
    before = {locale: config.po_file(slug, locale).read_bytes() for locale in config.locales if locale != "en"}
    _edit(config, slug, EDITS[name])
    extract(config, slug)
    update(config, slug, tuple(before))
    for locale, old in before.items():
        reference = tmp_path / f"{locale}.po"
        reference.write_bytes(old)
        subprocess.run(["msgmerge", "--previous", "-q", "-U", "--backup=none", str(reference), str(config.pot_file(slug))],
                       check=True)
        same(config.po_file(slug, locale).read_text(encoding="utf-8"), reference.read_text(encoding="utf-8"))


def test_a_changed_msgid_changes_only_that_entrys_lines(example_project: Config) -> None:
    config, slug = example_project, "2025-csar-open-letter"
    path = config.po_file(slug, "de")
    before = path.read_text(encoding="utf-8")
    _edit(config, slug, EDITS["one word"])
    extract(config, slug)
    update(config, slug, ("de",))
    after = path.read_text(encoding="utf-8")
    old_block = next(block for block in before.split("\n\n") if "critical opportunity" in block).splitlines()
    new_block = next(block for block in after.split("\n\n") if "unique opportunity" in block).splitlines()
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""))
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    assert [line for line in removed if line not in old_block and "POT-Creation-Date" not in line] == []
    assert [line for line in added if line not in new_block and "POT-Creation-Date" not in line] == []
    assert len(removed) <= 6 and len(added) <= 12, "\n".join(diff)


def test_a_catalogue_written_by_msgmerge_survives_update_untouched(example_project: Config, tmp_path: Path) -> None:
    config, slug = example_project, "2025-csar-open-letter"
    path = config.po_file(slug, "fr")
    subprocess.run(["msgmerge", "--previous", "-q", "-U", "--backup=none", str(path), str(config.pot_file(slug))], check=True)
    written = path.read_bytes()
    update(config, slug, ("fr",))
    assert path.read_bytes() == written


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    import letterlingo.update as update_module

    def refuse(data: bytes, shown: str) -> polib.POFile:
        raise AssertionError(f"{shown} was parsed")

    monkeypatch.setattr(update_module, "parse_catalog", refuse)


def test_update_passes_over_catalogues_already_merged_with_their_template(
    example_project: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, slug = example_project, "2025-csar-open-letter"
    locales = tuple(code for code in config.locales if code != "en")
    first = update(config, slug, locales)
    _no_parsing(monkeypatch)
    second = update(config, slug, locales)
    assert [(r.locale, r.changed, r.kept + r.fuzzy + r.new) for r in first] == [
        (r.locale, r.changed, r.kept) for r in second]
    assert all(r.kept > 5 for r in second)


@pytest.mark.parametrize("change", ["template", "catalogue", "record"])
def test_update_merges_again_when_anything_changed(example_project: Config, private_cache: Path, change: str) -> None:
    config, slug = example_project, "2025-csar-open-letter"
    update(config, slug, ("de", "fr"))
    po = config.po_file(slug, "de")
    if change == "template":
        _edit(config, slug, EDITS["one word"])
        extract(config, slug)
    elif change == "catalogue":  # a translator removed a header field msgmerge would restore
        edited = po.read_text(encoding="utf-8").replace('"Language: de\\n"\n', "")
        assert '"Language: de' not in edited
        po.write_text(edited, encoding="utf-8")
    else:
        for record in private_cache.glob("merged-*.json"):
            record.write_text("{not json", encoding="utf-8")
    update(config, slug, ("de", "fr"))
    text = po.read_text(encoding="utf-8")
    assert '"Language: de\\n"' in text
    if change == "template":
        assert "unique opportunity" in text


def test_update_works_when_the_cache_cannot_be_written(example_project: Config, monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("LETTERLINGO_CACHE_DIR", str(blocker / "cache"))
    config, slug = example_project, "2025-csar-open-letter"
    _edit(config, slug, EDITS["one word"])
    extract(config, slug)
    results = update(config, slug, ("de",))
    assert results[0].changed


def test_entries_with_a_context_are_other_messages(example_project: Config, tmp_path: Path) -> None:
    """`msgctxt` tells apart the same words: nothing is merged into the wrong entry or lost."""
    config, slug = example_project, "2025-csar-open-letter"
    path = config.po_file(slug, "de")
    path.write_text(path.read_text(encoding="utf-8") + (
        '\nmsgctxt "menu"\nmsgid "Signed"\nmsgstr "Unterschrieben"\n'
        '\nmsgctxt "c"\nmsgid ""\nmsgstr "leer"\n'
        '\n#~ msgctxt "c"\n#~ msgid "Hello"\n#~ msgstr "Hallo"\n'), encoding="utf-8")
    before = path.read_bytes()
    _edit(config, slug, EDITS["one word"])
    extract(config, slug)
    update(config, slug, ("de",))
    reference = tmp_path / "de.po"
    reference.write_bytes(before)
    subprocess.run(["msgmerge", "--previous", "-q", "-U", "--backup=none", str(reference), str(config.pot_file(slug))],
                   check=True)
    same(path.read_text(encoding="utf-8"), reference.read_text(encoding="utf-8"))


def test_a_catalogue_without_a_header_gets_a_whole_one(example_project: Config) -> None:
    config, slug = example_project, "2025-csar-open-letter"
    path = config.po_file(slug, "de")
    path.write_text('msgid "Signed"\nmsgstr "Unterzeichnet"\n', encoding="utf-8")
    update(config, slug, ("de",))
    catalog = read_catalog(path)
    assert catalog.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert catalog.metadata["Language"] == "de"
    assert catalog.find("Signed").msgstr == "Unterzeichnet"
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)


def test_translate_changes_only_the_entries_it_fills(example_project: Config) -> None:
    """Drafting the empty entries leaves every other entry's lines as they were (no rewrapping)."""
    from letterlingo.translate import translate_catalogues

    config, slug = example_project, "2022-commission-proposal"
    path = config.po_file(slug, "de")
    catalog = read_catalog(path)
    for index, entry in enumerate(entry for entry in catalog if entry.msgid):
        if index % 2 == 0:  # half reviewed, half empty
            entry.msgstr = f"Geprüft: {entry.msgid}"
    path.write_text(render_catalog(catalog), encoding="utf-8")
    before = path.read_text(encoding="utf-8").split("\n\n")
    translate_catalogues(config, [slug], ("de",), ["pseudo"])
    after = path.read_text(encoding="utf-8").split("\n\n")
    kept = [block for block in before if "Geprüft: " in block]
    assert kept and all(block in after for block in kept)
    assert len(after) == len(before)
    same(path.read_text(encoding="utf-8"), msgcat(path.read_text(encoding="utf-8")))
