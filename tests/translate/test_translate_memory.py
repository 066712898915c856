"""The memory engine: reviewed translations reused offline, exact, normalised and fuzzy."""

from __future__ import annotations

import polib
import pytest
from pytest_httpserver import HTTPServer

from letterlingo.catalog import read_catalog, write_catalog
from letterlingo.config import Config
from letterlingo.translate.memory import Memory, MemoryEngine, Unit, normalise
from letterlingo.translate.protect import protect

WEB, MARKDOWN = "2022-commission-proposal-web", "2022-commission-proposal"


def test_normalise_makes_typographic_copies_equal() -> None:
    assert normalise("children’s  “rights”\u00a0now ") == normalise("children's \"rights\" now")


@pytest.mark.parametrize("query, expected", [
    ("The Commission's proposal.", "Der Vorschlag der Kommission."),
    ("The Commission’s proposal.", "Der Vorschlag der Kommission."),  # typographic apostrophe
    ("The  Commission's\u00a0proposal.", "Der Vorschlag der Kommission."),  # spacing
    ("The Commission's proposals.", "Der Vorschlag der Kommission."),  # fuzzy, above the threshold
    ("Something else entirely.", ""),
    ("The Commission's **proposal**.", ""),  # close, but its markup is not in the translation
    ("The Commission's proposal 2.", ""),  # close, but a number the translation lacks
])
def test_lookup(query: str, expected: str) -> None:
    memory = Memory([Unit("The Commission's proposal.", "Der Vorschlag der Kommission.")])
    assert memory.lookup(query) == expected


def test_the_most_frequent_translation_wins_then_the_first_seen() -> None:
    memory = Memory([Unit("Yes.", "Ja."), Unit("Yes.", "Jawohl."), Unit("Yes.", "Jawohl."), Unit("No.", "Nein."),
                     Unit("No.", "Nö.")])
    assert memory.lookup("Yes.") == "Jawohl." and memory.lookup("No.") == "Nein."


def test_only_reviewed_entries_of_the_same_language_count(project, po_entry) -> None:
    config = project({
        ("a", "de"): [po_entry("Reviewed.", "Geprüft."), po_entry("Draft.", "Entwurf.", fuzzy=True), po_entry("Empty.")],
        ("a", "fr"): [po_entry("Other language.", "Autre langue.")],
    })
    engine = MemoryEngine(config)
    assert engine.translate(["Reviewed.", "Draft.", "Empty.", "Other language."], "en", "de") == ["Geprüft.", "", "", ""]
    assert engine.supports("en", "de") and not engine.supports("fr", "de")


def test_compendia_by_language_header_or_locale_placeholder(project, po_entry, tmp_path) -> None:
    config = project({("a", "de"): [po_entry("Unknown.")]})
    compendium = tmp_path / "compendium-de.po"
    catalog = polib.POFile()
    catalog.metadata = {"Language": "de", "Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="From the compendium.", msgstr="Aus dem Kompendium."))
    write_catalog(catalog, compendium)
    assert MemoryEngine(config, [compendium]).translate(["From the compendium."], "en", "de") == ["Aus dem Kompendium."]
    assert MemoryEngine(config, [compendium]).translate(["From the compendium."], "en", "fr") == [""]
    templated = tmp_path / "compendium-{locale}.po"
    assert MemoryEngine(config, [templated]).translate(["From the compendium."], "en", "de") == ["Aus dem Kompendium."]


def review_everything(config: Config, slug: str, locale: str) -> None:
    """Fill every entry with a text that keeps the source's links and figures, not fuzzy: as if a
    translator had reviewed the letter (memory answers must keep parity too)."""
    path = config.po_file(slug, locale)
    catalog = read_catalog(path)
    for item in catalog:
        if item.msgid and not item.obsolete:
            item.msgstr = f"Geprüft: {item.msgid}"
            item.flags = [flag for flag in item.flags if flag != "fuzzy"]
    write_catalog(catalog, path)


@pytest.mark.parametrize("reviewed, translated", [(WEB, MARKDOWN), (MARKDOWN, WEB)])
def test_identical_blocks_of_the_two_2022_letters_are_never_sent_online(
        blank_2022_project: Config, translate, read_entries, server_double, httpserver: HTTPServer,
        reviewed: str, translated: str) -> None:
    review_everything(blank_2022_project, reviewed, "de")
    server = server_double()
    httpserver.expect_request("/translate", method="POST").respond_with_handler(server)
    sent: list[str] = []
    original = server.answer
    server.answer = lambda text: (sent.append(text), original(text))[1]
    reviewed_sources = {normalise(item.msgid): item.msgstr for item in read_catalog(blank_2022_project.po_file(reviewed, "de"))}
    target = read_catalog(blank_2022_project.po_file(translated, "de"))
    identical = [item.msgid for item in target if item.msgid and normalise(item.msgid) in reviewed_sources]
    assert len(identical) == 3  # one block as is, two that differ only in apostrophes

    report = translate(blank_2022_project, ["memory", "libre"], environ={
        "SOURCE_DATE_EPOCH": "1700000000", "LIBRE_URL": httpserver.url_for("/"), "LIBRE_API_KEY": "test"})

    result = next(r for r in report.catalogues if r.slug == translated and r.locale == "de")
    assert not any(protect(msgid).text in sent for msgid in identical)
    expected = sum(len(protect(item.msgid).text) for item in target if item.msgid and item.msgid not in identical)
    assert server.characters == expected == result.by_engine["libre"].characters
    assert result.filled == result.empty == len(target)
    assert (result.by_engine["memory"].entries, result.by_engine["libre"].entries) == (3, result.empty - 3)
    entries = read_entries(blank_2022_project, translated, "de")
    for msgid in identical:
        assert entries[msgid].msgstr == reviewed_sources[normalise(msgid)]
        assert "fuzzy" in entries[msgid].flags
        assert entries[msgid].tcomment == "draft: translation memory by memory, 2023-11-14"
    print(f"\n{translated} into de after {reviewed} was reviewed: {server.characters} characters sent to libre, "
          f"{len(identical)} blocks from memory (0 characters)")
