"""Web fonts: the web edition's stylesheet points at WOFF2 subsets split by script, which keep
every character and feature of the TTFs the PDF uses, at a fraction of the download."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import tinycss2
from fontTools import subset as ft_subset
from fontTools.ttLib import TTFont
from support import REPO

from letterlingo import webfonts
from letterlingo.errors import BuildError
from letterlingo.webfonts import FontFileError, web_stylesheet

TEMPLATES = REPO / "templates"
FONT_NAMES = ("NotoSerif-Regular", "NotoSerif-Bold", "NotoSerif-Italic", "NotoSerif-BoldItalic",
              "NotoSans-Regular", "NotoSans-Bold")

#: Text a Latin-only page shows: English with the typography the editions use (no-break and
#: narrow no-break spaces, curly and low quotes, guillemets, ellipsis, dashes, tabular digits).
LATIN_PAGE = ("Open letter — 1 234 signatories, 12–14 May 2025… “Quoted” ‘single’ „low“ «guillemets» "
              "\u00a0\u202f€ 0123456789 (§ 2), café naïve Æsop, cœur")
GREEK_PAGE = "Ανοιχτή επιστολή: «Η Ευρώπη» — 1 234 υπογραφές… Ήταν; ΐ ΰ ϊ ϋ ά έ ή ί ό ύ ώ Ά Έ Ή Ί Ό Ύ Ώ ΄"
BULGARIAN_PAGE = "Отворено писмо — „Европа“, 1 234 подписа… Ѝ ѝ й щ ъ ь ю я Щ Ъ Ь Ю Я"
EU_LATIN_EXT = "ąćęłńśźż čďěňřšťůž őű ăâîșțȘȚ āēģīķļņū ėįųū ġħż đĐ ľĺŕ ß ÿ"


@dataclass(frozen=True)
class Rule:
    family: str
    weight: str
    style: str
    file: str
    ranges: tuple[tuple[int, int], ...]
    display: str

    @property
    def points(self) -> set[int]:
        return {point for low, high in self.ranges for point in range(low, high + 1)}

    def covers(self, char: str) -> bool:
        return any(low <= ord(char) <= high for low, high in self.ranges)


def _rules(css: str) -> list[Rule]:
    """The @font-face rules of a stylesheet, as a browser reads them."""
    found = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face":
            continue
        values = {decl.lower_name: decl.value for decl in tinycss2.parse_blocks_contents(rule.content)
                  if decl.type == "declaration"}
        src = [t for t in values["src"] if t.type in ("url", "function")]
        url = src[-2].value if src[-2].type == "url" else src[-2].arguments[0].value
        ranges = tuple((t.start, t.end) for t in values.get("unicode-range", []) if t.type == "unicode-range")
        text = {name: tinycss2.serialize(value).strip() for name, value in values.items()}
        found.append(Rule(text["font-family"], text.get("font-weight", ""), text.get("font-style", ""), url,
                          ranges, text.get("font-display", "")))
    return found


def _descriptors(css: str) -> list[dict[str, str]]:
    """Each @font-face's descriptors as text, whitespace aside."""
    return [{decl.lower_name: tinycss2.serialize(decl.value).strip()
             for decl in tinycss2.parse_blocks_contents(rule.content) if decl.type == "declaration"}
            for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
            if rule.type == "at-rule" and rule.lower_at_keyword == "font-face"]


def _needed(rules: list[Rule], text: str) -> list[Rule]:
    """The rules whose files a browser downloads to show `text` in every face."""
    return [rule for rule in rules if any(rule.covers(char) for char in set(text))]


def _cmap(path: Path) -> dict[int, str]:
    font = TTFont(path, lazy=True)
    return dict(font.getBestCmap())


def test_no_character_but_a_combining_mark_is_in_two_slices() -> None:
    """Browsers download every slice whose range has a character of the page: Google's ranges
    would fetch latin-ext for French œ and vietnamese for Romanian ă and Croatian đ."""
    owners: dict[int, str] = {}
    for name, ranges in webfonts.SLICES.items():
        for low, high in ranges:
            for point in range(low, high + 1):
                if not 0x300 <= point <= 0x36F:
                    assert point not in owners, (f"U+{point:04X}", owners.get(point), name)
                    owners[point] = name
    assert owners[ord("œ")] == "latin" and owners[ord("ă")] == owners[ord("đ")] == "latin-ext"
    assert owners[0x202F] == owners[0xA0] == owners[ord("„")] == owners[ord("…")] == "latin"


# -- a small font, so the stylesheet's own behaviour is tested in a fraction of a second -------------


@pytest.fixture(scope="module")
def small_font(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Noto Sans cut to a few letters of each script, a combining mark and a superscript, as TTF."""
    folder = tmp_path_factory.mktemp("small") / "fonts"
    folder.mkdir()
    options = ft_subset.Options(layout_features=["*"])
    font = ft_subset.load_font(str(TEMPLATES / "fonts" / "NotoSans-Regular.ttf"), options)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(text="AVTo aeio 0123 .,;«»–— αβγάέ абвгѝ ąęł\u00a0\u202f\u0301\u2074")
    subsetter.subset(font)
    font.save(folder / "Small.ttf")
    return folder.parent


def _small_css(extra: str = "") -> str:
    return '@font-face { font-family: "S"; src: url(fonts/Small.ttf); font-weight: 400; font-style: normal; }' + extra


def test_a_rule_becomes_one_rule_per_slice_the_font_has(small_font: Path, tmp_path: Path) -> None:
    out = web_stylesheet(_small_css(), small_font, tmp_path, jobs=1)
    rules = _rules(out)
    assert [Path(rule.file).name.split(".")[1] for rule in rules] == \
        ["other", "cyrillic", "greek", "latin-ext", "latin"]  # none for what the font lacks (greek-ext...)
    for rule in rules:
        assert (rule.family, rule.weight, rule.style, rule.display) == ('"S"', "400", "normal", "swap")
        assert rule.file.startswith("fonts/") and rule.file.endswith(".woff2")
        assert (tmp_path / rule.file).read_bytes()[:4] == b"wOF2"
    source = set(_cmap(small_font / "fonts" / "Small.ttf"))
    union: set[int] = set()
    for rule in rules:
        subset = set(_cmap(tmp_path / rule.file))
        assert subset == {point for point in source if rule.covers(chr(point))}, rule.file
        union |= subset
    assert union == source
    assert not [p for p in (tmp_path / "fonts").iterdir() if p.name.startswith(".")], "temporary files left behind"


def test_everything_else_in_the_stylesheet_stays_byte_for_byte(small_font: Path, tmp_path: Path) -> None:
    head = ('/* @font-face { src: url(fonts/Small.ttf) } and a "}" */\r\n'
            'a::before { content: "}@font-face{ src: url(fonts/Small.ttf) }"; }\r\n\r\n')
    middle = "\r\nb{c:d}\t/* é */\r\n@media screen {\r\n  "
    tail = "}\r\np { font: 1rem/1.5 \"S\", serif }\r\n"
    first = '@font-face { font-family: "S"; src: url(fonts/Small.ttf) format("truetype"); font-weight: 400; }'
    nested = '@FONT-FACE{font-family:S;src:local("Noto Sans"),url("fonts/Small.ttf");font-style:italic}'
    css = head + first + middle + nested + tail
    out = web_stylesheet(css, small_font, tmp_path, jobs=1)
    assert out.startswith(head) and out.endswith(tail)
    replaced_first, _, rest = out[len(head):].partition(middle)
    replaced_nested = rest[:-len(tail)]
    for replaced, original in ((replaced_first, first), (replaced_nested, nested)):
        rules = tinycss2.parse_stylesheet(replaced, skip_comments=True, skip_whitespace=True)
        assert len(rules) == 5 and all(rule.type == "at-rule" and rule.lower_at_keyword == "font-face" for rule in rules)
        kept = [{k: v for k, v in found.items() if k not in ("src", "unicode-range", "font-display")}
                for found in _descriptors(replaced)]
        assert kept == [{k: v for k, v in _descriptors(original)[0].items() if k != "src"}] * 5
    assert "\r\n  @font-face" in replaced_nested  # one rule a line, indented as the original
    assert all('local("Noto Sans"), url(fonts/' in line for line in replaced_nested.split("\r\n"))
    assert {rule.style for rule in _rules(replaced_nested)} == {"italic"}


@pytest.mark.parametrize("src", [
    "url(https://example.org/fonts/Small.ttf)",
    "url(//cdn.example.org/Small.ttf)",
    "url(/fonts/Small.ttf)",
    'url("data:font/ttf;base64,AAEAAAALAIAAAwAwT1MvMg==")',
    'url(fonts/Small.woff2) format("woff2")',
    'local("Noto Sans")',
    'url(fonts/Small.woff2) format("woff2"), url(fonts/Small.ttf) format("truetype")',
    'url(fonts/Small.ttf) format("embedded-opentype")',
])
def test_a_source_that_is_not_one_local_ttf_is_left_as_it_is(small_font: Path, tmp_path: Path, src: str) -> None:
    css = f'p {{ color: red }}\n@font-face {{ font-family: "S"; src: {src}; }}\n'
    assert web_stylesheet(css, small_font, tmp_path, jobs=1) == css
    assert not (tmp_path / "fonts").exists()


def test_a_missing_font_is_an_error_naming_the_file(small_font: Path, tmp_path: Path) -> None:
    css = _small_css('\n@font-face { font-family: "M"; src: url(fonts/Missing-Bold.ttf); }')
    with pytest.raises(FontFileError) as caught:
        web_stylesheet(css, small_font, tmp_path, jobs=1)
    assert isinstance(caught.value, BuildError)
    message = str(caught.value)
    assert str(small_font / "fonts" / "Missing-Bold.ttf") in message
    assert "not found" in message and "line 2" in message


def test_a_file_that_is_not_a_font_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "Broken.ttf").write_bytes(b"<html>not a font</html>")
    with pytest.raises(FontFileError, match=r"Broken\.ttf.*not a font"):
        web_stylesheet('@font-face { font-family: "B"; src: url(fonts/Broken.ttf); }', tmp_path, tmp_path / "out")


def test_fonts_are_found_in_the_fallback_folders(small_font: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    out = web_stylesheet(_small_css(), project, tmp_path / "out", also_from=[small_font], jobs=1)
    assert len(_rules(out)) == 5


def test_a_declared_unicode_range_and_font_display_are_respected(small_font: Path, tmp_path: Path) -> None:
    css = ('@font-face { font-family: "S"; src: url(fonts/Small.ttf); unicode-range: U+0000-007F, U+0370-03FF; '
           "font-display: optional; }")
    rules = _rules(web_stylesheet(css, small_font, tmp_path, jobs=1))
    assert [Path(rule.file).name.split(".")[1] for rule in rules] == ["greek", "latin"]
    assert {rule.display for rule in rules} == {"optional"}
    for rule in rules:
        assert rule.points <= set(range(0x80)) | set(range(0x370, 0x400))
        assert set(_cmap(tmp_path / rule.file)) <= rule.points


def test_a_second_run_makes_nothing_and_a_changed_font_gets_new_files(
        small_font: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = web_stylesheet(_small_css(), small_font, tmp_path, jobs=1)
    files = sorted((tmp_path / "fonts").iterdir())
    stamps = [path.stat().st_mtime_ns for path in files]

    def no_subsetting(*args: object) -> bytes:
        raise AssertionError("a subset was made again")

    monkeypatch.setattr(webfonts, "subset_woff2", no_subsetting)
    assert web_stylesheet(_small_css(), small_font, tmp_path, jobs=1) == first
    assert [path.stat().st_mtime_ns for path in files] == stamps
    monkeypatch.undo()

    changed = tmp_path / "changed"
    (changed / "fonts").mkdir(parents=True)
    font = TTFont(small_font / "fonts" / "Small.ttf")
    font["head"].fontRevision += 1
    font.save(changed / "fonts" / "Small.ttf")
    second = web_stylesheet(_small_css(), changed, tmp_path, jobs=1)
    assert not set(rule.file for rule in _rules(first)) & set(rule.file for rule in _rules(second))


def test_the_same_font_gives_the_same_bytes_in_another_process(small_font: Path, tmp_path: Path) -> None:
    """Python's hash seed changes set order between processes; the files must not change with it."""
    here = web_stylesheet(_small_css(), small_font, tmp_path / "here", jobs=1)
    script = ("import sys; from pathlib import Path; from letterlingo.webfonts import web_stylesheet; "
              "print(web_stylesheet(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), jobs=1), end='')")
    for seed in ("1", "4242"):
        there = tmp_path / f"there-{seed}"
        result = subprocess.run([sys.executable, "-c", script, _small_css(), str(small_font), str(there)],
                                capture_output=True, text=True, check=True,
                                env={**os.environ, "PYTHONHASHSEED": seed})
        assert result.stdout == here
        for rule in _rules(here):
            assert (there / rule.file).read_bytes() == (tmp_path / "here" / rule.file).read_bytes(), rule.file


# -- the bundled fonts: what a page downloads, and what the subsets keep ----------------------------


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, Path]:
    """The bundled stylesheet made for the web, once (in worker processes, as a build does)."""
    target = tmp_path_factory.mktemp("assets")
    css = (TEMPLATES / "edition.css").read_text(encoding="utf-8")
    return css, web_stylesheet(css, TEMPLATES, target), target


def _ttf(rule: Rule) -> Path:
    return TEMPLATES / "fonts" / (Path(rule.file).name.split(".")[0] + ".ttf")


@pytest.mark.slow
def test_the_bundled_stylesheet_changes_only_its_font_rules(edition: tuple[str, str, Path]) -> None:
    css, out, _ = edition
    original_faces = [line for line in css.splitlines() if line.startswith("@font-face")]
    assert len(original_faces) == 6
    assert out.splitlines()[:2] == css.splitlines()[:2]  # the comment before them
    after = css.split(original_faces[-1], 1)[1]
    assert out.endswith(after)
    assert all(line.startswith("@font-face") for line in out[:-len(after)].splitlines()[2:])
    rules = _rules(out)
    assert {Path(rule.file).name.split(".")[0] for rule in rules} == set(FONT_NAMES)
    assert {rule.display for rule in rules} == {"swap"}


@pytest.mark.slow
def test_a_latin_page_downloads_a_small_fraction_of_the_ttfs(edition: tuple[str, str, Path]) -> None:
    _, out, target = edition
    rules = _rules(out)
    ttf_total = sum((TEMPLATES / "fonts" / f"{name}.ttf").stat().st_size for name in FONT_NAMES)
    # (text, the slices it needs, the most it may cost as a share of the six TTFs)
    for text, slices, share in ((LATIN_PAGE, {"latin"}, 1 / 15), (GREEK_PAGE, {"latin", "greek"}, 1 / 10),
                                (BULGARIAN_PAGE, {"latin", "cyrillic"}, 1 / 10),
                                (EU_LATIN_EXT, {"latin", "latin-ext"}, 1 / 8)):
        needed = _needed(rules, text)
        assert {Path(rule.file).name.split(".")[1] for rule in needed} == slices, text
        assert len(needed) == len(slices) * len(FONT_NAMES)
        downloaded = sum((target / rule.file).stat().st_size for rule in needed)
        assert downloaded < ttf_total * share, (text, downloaded, ttf_total)


@pytest.mark.slow
def test_each_subset_has_exactly_its_range_of_the_source_and_together_all_of_it(
        edition: tuple[str, str, Path]) -> None:
    _, out, target = edition
    rules = _rules(out)
    for name in FONT_NAMES:
        source = set(_cmap(TEMPLATES / "fonts" / f"{name}.ttf"))
        union: set[int] = set()
        for rule in rules:
            if Path(rule.file).name.split(".")[0] != name:
                continue
            subset = set(_cmap(target / rule.file))
            assert subset == {point for point in source if rule.covers(chr(point))}, rule.file
            union |= subset
        assert union == source, name


def _lookups(font: TTFont, table: str, feature: str) -> list[object]:
    """The subtables of a feature's lookups, extension wrappers removed, in lookup order."""
    gtable = font[table].table
    indices = sorted({index for record in gtable.FeatureList.FeatureRecord if record.FeatureTag == feature
                      for index in record.Feature.LookupListIndex})
    lookups = []
    for index in indices:
        subtables = [sub.ExtSubTable if hasattr(sub, "ExtSubTable") else sub
                     for sub in gtable.LookupList.Lookup[index].SubTable]
        lookups.append(subtables)
    return lookups


def _kerning(font: TTFont, left: str, right: str) -> int:
    cmap = font.getBestCmap()
    first, second = cmap[ord(left)], cmap[ord(right)]
    total = 0
    for subtables in _lookups(font, "GPOS", "kern"):
        for sub in subtables:
            if sub.LookupType != 2 or first not in sub.Coverage.glyphs:
                continue
            if sub.Format == 1:
                pairs = sub.PairSet[sub.Coverage.glyphs.index(first)].PairValueRecord
                match = [pair for pair in pairs if pair.SecondGlyph == second]
                if not match:
                    continue
                value = match[0].Value1
            else:
                class1 = sub.ClassDef1.classDefs.get(first, 0)
                class2 = sub.ClassDef2.classDefs.get(second, 0)
                value = sub.Class1Record[class1].Class2Record[class2].Value1
            total += getattr(value, "XAdvance", 0) or 0
            break
    return total


def _tabular_widths(font: TTFont) -> list[int]:
    cmap = font.getBestCmap()
    glyphs = [cmap[ord(digit)] for digit in "0123456789"]
    for subtables in _lookups(font, "GSUB", "tnum"):
        for sub in subtables:
            if sub.LookupType == 1:
                glyphs = [sub.mapping.get(glyph, glyph) for glyph in glyphs]
    return [font["hmtx"][glyph][0] for glyph in glyphs]


def _mark_offset(font: TTFont, base: str, mark: str) -> tuple[int, int] | None:
    cmap = font.getBestCmap()
    base_glyph, mark_glyph = cmap[ord(base)], cmap[ord(mark)]
    for subtables in _lookups(font, "GPOS", "mark"):
        for sub in subtables:
            if sub.LookupType != 4 or mark_glyph not in sub.MarkCoverage.glyphs or \
                    base_glyph not in sub.BaseCoverage.glyphs:
                continue
            record = sub.MarkArray.MarkRecord[sub.MarkCoverage.glyphs.index(mark_glyph)]
            anchor = sub.BaseArray.BaseRecord[sub.BaseCoverage.glyphs.index(base_glyph)].BaseAnchor[record.Class]
            return anchor.XCoordinate - record.MarkAnchor.XCoordinate, anchor.YCoordinate - record.MarkAnchor.YCoordinate
    return None


def _features(font: TTFont, table: str) -> set[str]:
    return {record.FeatureTag for record in font[table].table.FeatureList.FeatureRecord}


@pytest.mark.slow
def test_subsets_keep_kerning_features_tabular_digits_and_mark_positions(edition: tuple[str, str, Path]) -> None:
    _, out, target = edition
    rules = _rules(out)
    for name in FONT_NAMES:
        source = TTFont(TEMPLATES / "fonts" / f"{name}.ttf")
        mine = {Path(rule.file).name.split(".")[1]: rule for rule in rules if Path(rule.file).name.startswith(name + ".")}
        subsets = {slice_name: TTFont(target / rule.file) for slice_name, rule in mine.items()}
        latin = subsets["latin"]
        for table in ("GSUB", "GPOS"):  # a feature stays wherever it has glyphs to act on
            assert set().union(*(_features(font, table) for font in subsets.values())) == \
                _features(source, table), (name, table)
        assert {"kern", "mark", "mkmk"} <= _features(latin, "GPOS")
        assert {"liga", "tnum", "ccmp", "locl", "case", "frac", "smcp", "onum"} <= _features(latin, "GSUB")
        assert {"locl", "ccmp"} <= _features(subsets["cyrillic"], "GSUB")  # Bulgarian forms
        widths = _tabular_widths(latin)
        assert widths == _tabular_widths(source) and len(set(widths)) == 1, name
        for pair in ("AV", "To", "Ty", "LT", "P,"):
            assert _kerning(latin, *pair) == _kerning(source, *pair), (name, pair)
        assert any(_kerning(source, *pair) for pair in ("AV", "To", "Ty")), "the test needs kerned pairs"
        for char in LATIN_PAGE:
            assert mine["latin"].covers(char), (name, f"U+{ord(char):04X}")
        # Decomposed text: base letter and mark come from one file, placed as in the TTF.
        for base, mark, slice_name in (("e", "\u0301", "latin"), ("a", "\u030c", "latin"), ("s", "\u0326", "latin"),
                                       ("ą", "\u0303", "latin-ext"), ("α", "\u0301", "greek"),
                                       ("ι", "\u0308", "greek"), ("и", "\u0300", "cyrillic"),
                                       ("е", "\u0301", "cyrillic")):
            rule = mine[slice_name]
            assert rule.covers(base) and rule.covers(mark), (name, base, mark)
            subset = subsets[slice_name]
            offset = _mark_offset(subset, base, mark)
            assert offset is not None and offset == _mark_offset(source, base, mark), (name, base, mark)


@pytest.mark.slow
def test_two_runs_give_the_same_bytes(edition: tuple[str, str, Path], tmp_path: Path) -> None:
    """A second run from scratch (in this process, where the first used workers) writes the
    same files for Noto Serif Regular: nothing in them depends on the time or the run."""
    _, out, target = edition
    css = '@font-face { font-family: "LL Serif"; src: url(fonts/NotoSerif-Regular.ttf); font-weight: 400; }'
    again = _rules(web_stylesheet(css, TEMPLATES, tmp_path, jobs=1))
    assert len(again) == 9
    first = {rule.file for rule in _rules(out)}
    for rule in again:
        assert rule.file in first
        assert (tmp_path / rule.file).read_bytes() == (target / rule.file).read_bytes(), rule.file
    source = TTFont(io.BytesIO((TEMPLATES / "fonts" / "NotoSerif-Regular.ttf").read_bytes()))
    assert TTFont(tmp_path / again[-1].file)["head"].modified == source["head"].modified


def test_local_fonts_keep_their_place_before_or_after_the_file(small_font: Path, tmp_path: Path) -> None:
    css = '@font-face { font-family: "S"; src: url(fonts/Small.ttf) format("truetype"), local("Noto Sans"); }'
    for values in _descriptors(web_stylesheet(css, small_font, tmp_path, jobs=1)):
        assert values["src"].startswith("url(fonts/Small.") and values["src"].endswith('format("woff2"), local("Noto Sans")')


def test_a_font_that_cannot_be_cut_is_an_error_naming_it(
        small_font: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> bytes:
        raise ValueError("bad glyf")

    monkeypatch.setattr(webfonts, "subset_woff2", broken)
    with pytest.raises(FontFileError, match=r"Small\.ttf: cannot make the web font Small\.\w+\.\w+\.woff2: ValueError"):
        web_stylesheet(_small_css(), small_font, tmp_path, jobs=1)
    assert not list((tmp_path / "fonts").iterdir())
