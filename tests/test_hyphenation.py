"""The shipped Finnish and Irish hyphenation dictionaries: pyphen hyphenates real words with them,
and WeasyPrint breaks `hyphens: auto` paragraphs with them once `register()` has run."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pyphen
import pytest

from letterlingo import hyphenation

HYPHEN = "\u2010"  # WeasyPrint's default hyphenate-character

# Whole words whose every break point is certain. Finnish: one syllable after another (a
# consonant before a vowel opens a syllable; diphthongs such as uo, ie, oi, ei stay together),
# and "yli-opisto" keeps its compound seam. Irish: each break is a compound or suffix seam.
FINNISH = {
    "lastensuojelujärjestöt": "las-ten-suo-je-lu-jär-jes-töt",
    "kansalaisjärjestö": "kan-sa-lais-jär-jes-tö",
    "yliopisto": "yli-opis-to",
    "tietokone": "tie-to-ko-ne",
    "kirjoittaja": "kir-joit-ta-ja",
    "yhteiskunta": "yh-teis-kun-ta",
    "allekirjoittaneet": "al-le-kir-joit-ta-neet",
    "oikeudenmukaisuus": "oi-keu-den-mu-kai-suus",
    "Helsingissä": "Hel-sin-gis-sä",
}
IRISH = {
    "Gaeltacht": "Gael-tacht",
    "ollscoil": "oll-scoil",
    "bunreacht": "bun-reacht",
    "múinteoir": "múin-teoir",
    "rialtas": "rial-tas",
    "comhairle": "comh-airle",  # comh-air-le, but "le" is shorter than the right minimum of 3
    # From the pattern file's own exception list (kept as whole-word patterns):
    "dtiomáintí": "dtiom-áintí",
    "bhrachtaí": "bhrachtaí",
}


def _ours() -> set[object]:
    return {hyphenation.dictionary_path(language) for language in hyphenation.DICTIONARIES}


@pytest.fixture
def pristine_pyphen(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """pyphen's tables as pyphen alone builds them (another test or an in-process render may have
    registered already), put back afterwards. Returns the language table."""
    ours = _ours()
    languages = {key: path for key, path in pyphen.LANGUAGES.items() if path not in ours}
    monkeypatch.setattr(pyphen, "LANGUAGES", languages)
    monkeypatch.setattr(pyphen, "LANGUAGES_LOWERCASE", {key.lower(): key for key in languages})
    return languages


def _dictionary(language: str, left: int, right: int) -> pyphen.Pyphen:
    return pyphen.Pyphen(filename=Path(str(hyphenation.dictionary_path(language))), left=left, right=right)


@pytest.mark.parametrize(("word", "expected"), FINNISH.items())
def test_finnish_words(word: str, expected: str) -> None:
    assert _dictionary("fi", 2, 2).inserted(word) == expected


@pytest.mark.parametrize(("word", "expected"), IRISH.items())
def test_irish_words(word: str, expected: str) -> None:
    assert _dictionary("ga", 2, 3).inserted(word) == expected


def test_dictionaries_state_the_pattern_sets_minima() -> None:
    for language, minima in {"fi": ("2", "2"), "ga": ("2", "3")}.items():
        lines = hyphenation.dictionary_path(language).read_text(encoding="utf-8").splitlines()
        assert lines[0] == "UTF-8"
        assert (lines[1], lines[2]) == (f"LEFTHYPHENMIN {minima[0]}", f"RIGHTHYPHENMIN {minima[1]}")
        # libhyphen reads 100-byte lines and would take the rest of a longer one for a pattern
        assert max(len(line.encode("utf-8")) for line in lines) <= 97


def test_pyphen_has_no_finnish_or_irish_of_its_own(pristine_pyphen: dict[str, object]) -> None:
    """Why this package exists; if a pyphen upgrade ships them, register() defers to it."""
    for lang in ("fi", "fi-FI", "ga", "ga-IE", "mt", "mt-MT"):
        assert pyphen.language_fallback(lang) is None


def test_register_adds_the_keys_weasyprint_looks_up(pristine_pyphen: dict[str, object]) -> None:
    hyphenation.register()
    for lang, key in {"fi": "fi", "fi-FI": "fi_FI", "fi_FI": "fi_FI", "FI-fi": "fi_FI", "fi-SE": "fi",
                      "ga": "ga", "ga-IE": "ga_IE", "ga-Latn-IE": "ga"}.items():
        assert pyphen.language_fallback(lang) == key, lang
    assert pyphen.LANGUAGES["fi_FI"] == hyphenation.dictionary_path("fi")
    assert pyphen.LANGUAGES["ga"] == hyphenation.dictionary_path("ga")
    assert pyphen.Pyphen(lang="fi-FI").inserted("lastensuojelujärjestöt") == FINNISH["lastensuojelujärjestöt"]
    assert pyphen.Pyphen(lang="ga-IE", right=3).inserted("Gaeltacht") == "Gael-tacht"
    assert pyphen.language_fallback("mt-MT") is None  # nothing shipped for Maltese


def test_register_is_idempotent_and_leaves_other_languages_alone(pristine_pyphen: dict[str, object]) -> None:
    before = dict(pristine_pyphen)
    german = pyphen.Pyphen(lang="de_DE").inserted("Silbentrennungsregeln")
    hyphenation.register()
    after_first = dict(pyphen.LANGUAGES)
    hyphenation.register()
    assert pyphen.LANGUAGES == after_first
    assert {key: path for key, path in after_first.items() if key in before} == before
    assert set(after_first) - set(before) == {"fi", "fi_FI", "ga", "ga_IE"}
    assert pyphen.Pyphen(lang="de_DE").inserted("Silbentrennungsregeln") == german


def test_register_does_not_override_a_dictionary_pyphen_has(pristine_pyphen: dict[str, object]) -> None:
    """Stand-in for a future pyphen that ships Finnish: its dictionary stays, under every key."""
    theirs = pristine_pyphen["de"]
    pristine_pyphen["fi"] = theirs
    pyphen.LANGUAGES_LOWERCASE["fi"] = "fi"
    hyphenation.register()
    assert pyphen.LANGUAGES["fi"] is theirs and "fi_FI" not in pyphen.LANGUAGES
    assert pyphen.language_fallback("fi-FI") == "fi"
    assert pyphen.LANGUAGES["ga_IE"] == hyphenation.dictionary_path("ga")  # the others still come


def test_a_missing_file_is_skipped_with_a_warning(pristine_pyphen: dict[str, object], monkeypatch: pytest.MonkeyPatch,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setitem(hyphenation.DICTIONARIES, "xx", (("xx", "xx_XX"), "hyph_xx_XX.dic"))
    with caplog.at_level(logging.WARNING, logger=hyphenation.__name__):
        hyphenation.register()
    assert "xx" not in pyphen.LANGUAGES and "hyph_xx_XX.dic" in caplog.text
    assert "fi" in pyphen.LANGUAGES


def _render_lines(lang: str, text: str) -> list[str]:
    """The lines of a real PDF of a narrow `hyphens: auto` paragraph."""
    import weasyprint
    from pypdf import PdfReader

    html = (f'<html><body><p lang="{lang}" style="hyphens: auto; width: 5em; font-size: 12pt; margin: 0">'
            f"{text}</p></body></html>")
    pdf = weasyprint.HTML(string=html).write_pdf()
    assert pdf is not None
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text().splitlines()


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "word", "language"), [
    ("fi-FI", "lastensuojelujärjestöt", "fi"),
    ("ga-IE", "teachtaireacht", "ga"),
])
def test_weasyprint_hyphenates_after_register(pristine_pyphen: dict[str, object], lang: str, word: str,
                                              language: str) -> None:
    assert _render_lines(lang, word) == [word]  # pyphen alone: no dictionary, the word runs on whole

    hyphenation.register()
    lines = _render_lines(lang, word)
    assert len(lines) > 1 and all(line.endswith(HYPHEN) for line in lines[:-1]), lines
    assert "".join(line.removesuffix(HYPHEN) for line in lines) == word
    # every break is one the dictionary allows (WeasyPrint's default minima: 2 and 2)
    allowed = set(_dictionary(language, 2, 2).positions(word))
    breaks = [sum(len(line) - 1 for line in lines[: i + 1]) for i in range(len(lines) - 1)]
    assert set(breaks) <= allowed, (breaks, allowed)


@pytest.mark.slow
def test_weasyprint_leaves_german_and_maltese_as_they_were(pristine_pyphen: dict[str, object]) -> None:
    german = ("de-DE", "Silbentrennungsregeln")
    maltese = ("mt-MT", "indipendenza")  # no Maltese patterns exist to ship: stays whole, and renders
    before = [_render_lines(*german), _render_lines(*maltese)]
    assert len(before[0]) > 1 and before[0][0].endswith(HYPHEN)  # pyphen's own German dictionary at work
    hyphenation.register()
    assert [_render_lines(*german), _render_lines(*maltese)] == before
    assert before[1] == ["indipendenza"]


# --- parsed patterns kept in the cache folder ----------------------------------------------


@pytest.fixture
def own_pattern_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own and a pyphen whose parsed-dictionary cache is
    empty (put back afterwards)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("LETTERLINGO_CACHE_DIR", str(folder))
    monkeypatch.setattr(pyphen, "hdcache", {})
    return folder


def _pattern_files(folder: Path) -> list[Path]:
    return sorted((folder / "hyphenation").glob("*.pickle"))


def test_parsed_patterns_are_kept_and_read_back_alike(own_pattern_cache: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from letterlingo.hyphenation import patterns_cache

    # Hungarian's patterns with a non-standard break ("ssz" -> "sz-sz"), whose values carry data:
    # the one kind of value that is not a plain int.
    hungarian = Path(str(pyphen.LANGUAGES[pyphen.language_fallback("hu")]))
    lines = hungarian.read_text(encoding="utf-8").split("\n")
    dictionary = tmp_path / "hyph_hu_alternatives.dic"
    dictionary.write_text("\n".join([lines[0], *(line for line in lines[1:] if "/" in line)]) + "\n",
                          encoding="utf-8")
    patterns_cache.install()
    parsed = pyphen.Pyphen(filename=dictionary, left=1, right=1)  # parsed by pyphen, then saved
    assert [path.name.split("-")[0] for path in _pattern_files(own_pattern_cache)] == ["hyph_hu_alternatives"]

    pyphen.hdcache.clear()  # as a new worker process: pyphen has parsed nothing

    def no_parsing(self: object, path: object) -> None:
        raise AssertionError(f"{path} parsed again instead of read from the cache")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", no_parsing)
    loaded = pyphen.Pyphen(filename=dictionary, left=1, right=1)
    assert loaded.hd is not parsed.hd
    assert loaded.hd.patterns == parsed.hd.patterns and loaded.hd.maxlen == parsed.hd.maxlen
    assert any(getattr(value, "data", None) for _, values in loaded.hd.patterns.values() for value in values)
    for word in ("asszonnyal", "vissza", "összeg", "hosszú", "többször"):
        assert loaded.inserted(word) == parsed.inserted(word)
    assert loaded.inserted("asszonnyal") != "asszonnyal"  # the alternatives do break it


def test_a_changed_dictionary_is_parsed_again(own_pattern_cache: Path, tmp_path: Path) -> None:
    from letterlingo.hyphenation import patterns_cache

    patterns_cache.install()
    dictionary = tmp_path / "hyph_xx.dic"
    dictionary.write_text("UTF-8\n1ba\n", encoding="utf-8")
    assert pyphen.Pyphen(filename=dictionary, left=1, right=1).inserted("abab") == "a-bab"
    dictionary.write_text("UTF-8\n1ab\n", encoding="utf-8")  # another size: another key
    pyphen.hdcache.clear()
    assert pyphen.Pyphen(filename=dictionary, left=1, right=1).inserted("abab") == "ab-ab"
    assert len(_pattern_files(own_pattern_cache)) == 2  # one per version of the file


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05\x95garbage"])
def test_an_unreadable_cache_file_only_costs_time(own_pattern_cache: Path, content: bytes) -> None:
    from letterlingo.hyphenation import patterns_cache

    dictionary = Path(str(hyphenation.dictionary_path("fi")))
    target = patterns_cache.cache_path(dictionary)
    target.parent.mkdir(parents=True)
    target.write_bytes(content)
    patterns_cache.install()
    assert pyphen.Pyphen(filename=dictionary, left=2, right=2).inserted("tietokone") == "tie-to-ko-ne"


def test_a_cache_file_cannot_run_code(own_pattern_cache: Path, tmp_path: Path) -> None:
    import os
    import pickle

    from letterlingo.hyphenation import patterns_cache

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {marker}",))

    dictionary = Path(str(hyphenation.dictionary_path("fi")))
    target = patterns_cache.cache_path(dictionary)
    target.parent.mkdir(parents=True)
    target.write_bytes(pickle.dumps(({"ab": Payload()}, 2)))
    assert patterns_cache.load(dictionary) is None
    assert not marker.exists()
    patterns_cache.install()
    assert pyphen.Pyphen(filename=dictionary).inserted("tietokone") == "tie-to-ko-ne"
    assert not marker.exists()
