"""Web fonts for the HTML editions: WOFF2 subsets, split by script, of the fonts the PDF uses.

The PDF renderer needs the whole TrueType fonts (WeasyPrint embeds only the glyphs a document
uses anyway), but a browser downloads every font file a page names, and the bundled Noto fonts
are 500-650 KB each. `web_stylesheet` rewrites each `@font-face` whose `src` is a local TTF/OTF
into one rule per script slice, as Google Fonts does: each rule points at a WOFF2 file holding
only that slice's characters and says so in `unicode-range`, so a browser fetches only the
slices a page's text needs (an English page: one ~30 KB file per face). The slices are
Google's, tuned for EU pages: no letter is in two slices (each would be downloaded), and the
letters of the EU's Latin-script languages have a small `latin-ext` of their own.

What must not be lost while cutting: every character the source font draws is in some slice
(an `other` slice takes what no named slice covers), every OpenType feature is kept (kerning,
ligatures, `tnum`, `locl`, mark positioning), and the combining marks that EU languages write
in decomposed text sit in the same slice as their base letters, because browsers shape a
base letter and its marks with one font file and could not place a mark taken from another.

Output files are named `<font>.<slice>.<key>.woff2`, where the key digests the source bytes
and everything that decides the output (the slices, the subsetter options, the fontTools
version). The same key thus always means the same bytes: a file that exists need not be made
again, and browsers may cache it for ever.
"""

from __future__ import annotations

import concurrent.futures as futures
import functools
import hashlib
import io
import json
import logging
import multiprocessing
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import fontTools
import tinycss2
from fontTools import subset as ft_subset
from fontTools.ttLib import TTFont

from .errors import BuildError
from .fsutil import atomic_write_bytes
from .pdfpool import default_jobs

log = logging.getLogger(__name__)

Range = tuple[int, int]

#: Bump when the way subsets are made changes in a way the other parts of the key do not show.
RECIPE_VERSION = "1"

#: Folder, beside the written stylesheet, that receives the subsets (the `url()`s point into it).
FONTS_FOLDER = "fonts"

#: Marks EU languages put on Latin letters when text is decomposed (NFD): grave, acute,
#: circumflex, tilde, macron, breve, dot above, diaeresis, ring, double acute, caron, dot
#: below, comma below, cedilla, ogonek.
_LATIN_MARKS = "U+0300-0304, U+0306-0308, U+030A-030C, U+0323, U+0326-0328"
#: Greek: varia/oxia (tonos), dialytika, psili, dasia, perispomeni, dialytika tonos, ypogegrammeni.
_GREEK_MARKS = "U+0300-0301, U+0308, U+0313-0314, U+0342, U+0344-0345"
#: Cyrillic: Bulgarian stress marks (grave, acute), breve (й), diaeresis (ё, ї).
_CYRILLIC_MARKS = "U+0300-0301, U+0306, U+0308"

#: The slices, in the order their rules are written. Browsers check overlapping ranges from
#: the last rule back, so the commonest slice (latin) comes last, as in Google's CSS. Each is
#: Google Fonts' range (fonts.googleapis.com/css2, 2024) plus, after the `|`, what we add: the
#: marks above, and for Google's latin-ext the Latin spacing accents and combining blocks it
#: leaves out, and the ﬁ/ﬂ presentation forms. Where ranges overlap, `_slices` gives each
#: character to the later slice only (see there).
#:
#: One slice is ours, not Google's: `latin-ext` holds what the EU's Latin-script languages
#: need beyond Latin-1 (Latin Extended-A, Romanian ș ț, German ẞ, currency signs, all the
#: combining marks). Google's latin-ext (IPA, phonetic, Vietnamese and African letters...) is
#: `latin-ext-more`. A Polish or Czech page then fetches a file of ~22 KB per face instead
#: of ~95 KB.
_SLICE_TEXT: tuple[tuple[str, str], ...] = (
    ("cyrillic-ext", "U+0460-052F, U+1C80-1C8A, U+20B4, U+2DE0-2DFF, U+A640-A69F, U+FE2E-FE2F | " + _CYRILLIC_MARKS),
    ("cyrillic", "U+0301, U+0400-045F, U+0490-0491, U+04B0-04B1, U+2116 | " + _CYRILLIC_MARKS),
    ("greek-ext", "U+1F00-1FFF | " + _GREEK_MARKS),
    ("greek", "U+0370-0377, U+037A-037F, U+0384-038A, U+038C, U+038E-03A1, U+03A3-03FF | " + _GREEK_MARKS),
    ("vietnamese", "U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, "
                   "U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB"),
    ("latin-ext-more", "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, "
                       "U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, "
                       "U+A720-A7FF | U+02CD, U+02D8-02D9, U+02DB, U+0300-036F, U+1AB0-1AFF, U+1DC0-1DFF, U+FB00-FB06"),
    ("latin-ext", "U+0100-017F, U+0218-021B, U+1E9E, U+20A0-20AB, U+20AD-20C0, U+2113 | "
                  "U+02C7, U+02D8-02D9, U+02DB, U+02DD, U+0300-036F"),
    ("latin", "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, "
              "U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD | " + _LATIN_MARKS),
)

#: The slice for whatever the font draws that no named slice covers (superscripts, letterlike
#: symbols, supplemental punctuation...): written first, so it is the last one checked.
OTHER = "other"


def _parse_ranges(text: str) -> tuple[Range, ...]:
    """`U+0300-0304, U+0323` (our own constants, always in this form) as sorted, merged ranges."""
    ranges = []
    for part in text.replace("|", ",").split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return _merge(ranges)


def _merge(ranges: Iterable[Range]) -> tuple[Range, ...]:
    merged: list[Range] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return tuple(merged)


def _intersect(first: Sequence[Range], second: Sequence[Range]) -> tuple[Range, ...]:
    return _merge((max(a, c), min(b, d)) for a, b in first for c, d in second if max(a, c) <= min(b, d))


def _subtract(ranges: Sequence[Range], removed: Sequence[Range]) -> tuple[Range, ...]:
    left: list[Range] = []
    for low, high in ranges:
        for cut_low, cut_high in removed:
            if cut_high < low or cut_low > high:
                continue
            if cut_low > low:
                left.append((low, cut_low - 1))
            low = cut_high + 1
            if low > high:
                break
        if low <= high:
            left.append((low, high))
    return _merge(left)


#: Combining diacritical marks: the only characters put in several slices on purpose.
_SHARED = ((0x0300, 0x036F),)


def _slices() -> tuple[dict[str, tuple[Range, ...]], dict[str, tuple[Range, ...]]]:
    """Each slice's ranges, and its core: its own characters without the shared marks.

    Browsers download every face whose range has a character of the page, so a letter in two
    slices costs two downloads: Google's ranges put Romanian ă and Croatian đ in both latin-ext
    and vietnamese, French œ in both latin and latin-ext. Here a character other than a mark
    belongs to the last slice that lists it, and the earlier ones lose it. A font gets a slice
    only if it has a character of its core: a font with marks but none of the slice's letters
    needs no file for it.
    """
    ranges: dict[str, tuple[Range, ...]] = {}
    cores: dict[str, tuple[Range, ...]] = {}
    claimed: tuple[Range, ...] = ()
    for name, text in reversed(_SLICE_TEXT):
        own = _subtract(_parse_ranges(text), claimed)
        ranges[name] = own
        cores[name] = _subtract(_subtract(_parse_ranges(text.split("|")[0]), claimed), _SHARED)
        claimed = _merge(claimed + _subtract(own, _SHARED))
    order = [name for name, _ in _SLICE_TEXT]
    return {name: ranges[name] for name in order}, {name: cores[name] for name in order}


#: Slice name -> its code point ranges (SLICES) and its core (SLICE_CORES), in rule order.
SLICES, SLICE_CORES = _slices()


def _subset_options() -> ft_subset.Options:
    """What the subsetter keeps. Everything that changes the output bytes is here, and the
    whole of it goes into the file names' key, so changing an option renames the files."""
    options = ft_subset.Options()
    options.flavor = "woff2"
    # All features, not fontTools' default list (which drops tnum, smcp, frac, ss0x...):
    # the stylesheet asks for tabular numbers, and a project's own CSS may ask for any other.
    options.layout_features = ["*"]
    options.layout_scripts = ["*"]
    options.legacy_kern = True  # a font whose kerning is only in the old `kern` table keeps it
    options.hinting = True  # same rendering as the TTF on Windows (unhinted saves ~1/3 more)
    # Copyright, names, version, and the licence (13, 14): the OFL asks that they travel with
    # the font. Glyph names are not kept: they only cost bytes.
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    # Reproducible bytes: keep the source's head.modified (fontTools' default, stated so it
    # stays so), and never use the HarfBuzz repacker, which is used only where uharfbuzz
    # happens to be installed and would make the bytes depend on the machine.
    options.recalc_timestamp = False
    options.harfbuzz_repacker = False
    return options


def _recipe() -> str:
    options = _subset_options()
    shown = {name: getattr(options, name) for name in sorted(vars(options)) if not name.startswith("_")}
    return json.dumps({"recipe": RECIPE_VERSION, "fonttools": fontTools.version, "slices": SLICES, "cores": SLICE_CORES,
                       "options": shown}, sort_keys=True, default=repr)


_RECIPE = _recipe()


class FontFileError(BuildError):
    """A stylesheet's `@font-face` names a local font that is missing or is not a font."""


@dataclass(frozen=True)
class WebSubset:
    """One WOFF2 file to make (or reuse) and the `unicode-range` its rule declares."""

    slice: str
    file: str
    unicodes: frozenset[int]
    ranges: tuple[Range, ...]


@dataclass
class _Face:
    """A convertible `@font-face`: where it is in the text and what it says."""

    start: int
    end: int
    line: int
    url: str
    path: str
    declarations: list[Any]
    #: The `src` entries as written, None where the font file's url is (`local()` ones stay).
    sources: list[str | None]
    declared_ranges: tuple[Range, ...] | None


def web_stylesheet(css: str, source_folder: Path, target_folder: Path, *,
                   also_from: Sequence[Path] = (), jobs: int | None = None, cache: Path | None = None) -> str:
    """The stylesheet for the web edition, with subset WOFF2 fonts written beside it.

    `source_folder` is the folder the stylesheet's `url()`s are relative to (where it was read
    from); `target_folder` is the folder it will be written to: subsets go to its `fonts/`.
    Each `@font-face` whose `src` is one local TrueType/OpenType file (besides any `local()`)
    becomes one rule per slice (`SLICES`, and `other` for the rest) the font has characters
    of, with the same descriptors,
    `font-display: swap` (unless the rule sets its own) and a `unicode-range`. Other rules
    (remote, `data:`, root-relative or already-WOFF sources) and every other byte of `css` are
    returned unchanged. `also_from` are further folders to look in for a font the source
    folder lacks (a project's templates override the package's one file at a time).

    Subsets whose file exists already are not made again: the name's key proves they came
    from the same bytes by the same recipe. Missing ones are made by `jobs` processes (default:
    one per CPU); a font file that is missing or unreadable raises `FontFileError` naming it.
    `cache` is a folder of subsets made before (the user's cache): a fresh output folder
    copies them from there instead of subsetting again, which takes seconds per font.
    """
    faces = _find_faces(css)
    if not faces:
        return css
    fonts_dir = Path(target_folder) / FONTS_FOLDER
    plans: dict[int, list[WebSubset]] = {}
    todo: dict[str, tuple[Path, bytes, frozenset[int]]] = {}
    for index, face in enumerate(faces):
        font_path = _resolve(face, Path(source_folder), also_from)
        try:
            data = font_path.read_bytes()
        except OSError as exc:
            raise FontFileError(f"font file cannot be read ({exc.strerror}); named by @font-face on line "
                                f"{face.line} of the stylesheet", font_path) from None
        cmap = _cmap(data, font_path, face)
        plan = plan_subsets(data, cmap, _safe_stem(font_path), face.declared_ranges)
        plans[index] = plan
        for item in plan:
            if item.file not in todo and not (fonts_dir / item.file).is_file():
                todo[item.file] = (font_path, data, item.unicodes)
    if todo:
        fonts_dir.mkdir(parents=True, exist_ok=True)
        if cache is not None:
            for name in [name for name in todo if (cache / name).is_file()]:
                atomic_write_bytes(fonts_dir / name, (cache / name).read_bytes())
                del todo[name]
        _make_all(todo, fonts_dir, jobs)
        if cache is not None and todo:
            try:
                cache.mkdir(parents=True, exist_ok=True)
                for name in todo:
                    atomic_write_bytes(cache / name, (fonts_dir / name).read_bytes())
            except OSError as exc:  # a read-only home folder only costs time
                logging.getLogger(__name__).warning("web fonts not cached in %s: %s", cache, exc)
    pieces: list[str] = []
    position = 0
    for index, face in enumerate(faces):
        pieces.append(css[position:face.start])
        pieces.append(_rules_text(face, plans[index], _separator(css, face.start)))
        position = face.end
    pieces.append(css[position:])
    return "".join(pieces)


def plan_subsets(data: bytes, cmap: Iterable[int], stem: str,
                 declared: tuple[Range, ...] | None = None) -> list[WebSubset]:
    """The slices a font is cut into: only those it has letters of, each with the font's own
    code points and a `unicode-range` trimmed to them (so a page never downloads a slice for
    a character the slice does not have), and `other` for what no named slice covers."""
    points = sorted(set(cmap) if declared is None else {p for p in cmap if _contains(declared, p)})
    key = font_key(data, declared)
    subsets: list[WebSubset] = []
    named: set[int] = set()
    for name, ranges in SLICES.items():
        if declared is not None:
            ranges = _intersect(ranges, declared)
        core = SLICE_CORES[name] if declared is None else _intersect(SLICE_CORES[name], declared)
        if not any(bisect_left(points, low) < bisect_right(points, high) for low, high in core):
            continue
        trimmed: list[Range] = []
        unicodes: set[int] = set()
        for low, high in ranges:
            inside = points[bisect_left(points, low):bisect_right(points, high)]
            if inside:
                trimmed.append((inside[0], inside[-1]))
                unicodes.update(inside)
        if unicodes:
            named |= unicodes
            subsets.append(WebSubset(name, f"{stem}.{name}.{key}.woff2", frozenset(unicodes), _merge(trimmed)))
    rest = [point for point in points if point not in named]
    if rest:
        subsets.insert(0, WebSubset(OTHER, f"{stem}.{OTHER}.{key}.woff2", frozenset(rest),
                                    _merge((point, point) for point in rest)))
    return subsets


def font_key(data: bytes, declared: tuple[Range, ...] | None = None) -> str:
    """12 hex digits that change whenever the subsets' bytes could: source, recipe, ranges."""
    hasher = hashlib.sha256()
    for part in (_RECIPE.encode(), repr(declared).encode(), data):
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()[:12]


def subset_woff2(data: bytes, unicodes: Iterable[int]) -> bytes:
    """The WOFF2 subset of a TTF/OTF for these code points, with every layout feature and the
    glyphs they reach. The same input gives the same bytes (see `_subset_options`)."""
    options = _subset_options()
    font = ft_subset.load_font(io.BytesIO(data), options, dontLoadGlyphNames=True)
    try:
        subsetter = ft_subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(unicodes))
        subsetter.subset(font)
        out = io.BytesIO()
        ft_subset.save_font(font, out, options)
    finally:
        font.close()
    return out.getvalue()


def unicode_range_text(ranges: Iterable[Range]) -> str:
    return ", ".join(f"U+{low:04X}" if low == high else f"U+{low:04X}-{high:04X}" for low, high in ranges)


# -- making the files ----------------------------------------------------------------------


def _make_one(data: bytes, unicodes: tuple[int, ...], target: str) -> int:
    """Worker: subset one slice and write it atomically (a killed build leaves no half file
    under the final name, which the next run would take for finished). It gets the bytes the
    key was made from, not the path: a font edited meanwhile must not be saved under the old key."""
    woff2 = subset_woff2(data, unicodes)
    atomic_write_bytes(Path(target), woff2)
    return len(woff2)


def _make_all(todo: dict[str, tuple[Path, bytes, frozenset[int]]], fonts_dir: Path, jobs: int | None) -> None:
    """Make the missing subsets, in worker processes when there are several: a font takes
    seconds to subset, and a first build makes dozens. A font fontTools cannot cut is an
    error naming it, not a traceback from a worker."""
    work = {name: (data, tuple(sorted(unicodes)), str(fonts_dir / name)) for name, (_, data, unicodes) in todo.items()}
    workers = min(len(work), jobs if jobs is not None else default_jobs())
    log.info("making %d web font subset(s) with %d process(es)", len(work), max(workers, 1))

    def wait(name: str, result: Callable[[], object]) -> None:
        try:
            result()
        except (OSError, futures.BrokenExecutor):
            raise
        except Exception as exc:  # fontTools raises many kinds on a font it cannot subset
            raise FontFileError(f"cannot make the web font {name}: {type(exc).__name__}: {exc}",
                                todo[name][0]) from exc

    if workers <= 1:
        for name, item in work.items():
            wait(name, functools.partial(_make_one, *item))
        return
    context = multiprocessing.get_context("spawn")  # as the PDF pool: no forking of a threaded parent
    with futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        running = {name: pool.submit(_make_one, *item) for name, item in work.items()}
        for name, done in running.items():
            wait(name, done.result)


# -- reading the stylesheet ------------------------------------------------------------------

#: At-rules whose blocks may hold an @font-face (CSS Conditional Rules, cascade layers).
_GROUPING_RULES = frozenset({"media", "supports", "layer", "container"})
_FONT_SUFFIXES = frozenset({".ttf", ".otf"})
_FONT_FORMATS = frozenset({"truetype", "opentype", "truetype-variations", "opentype-variations"})


def _find_faces(css: str) -> list[_Face]:
    """The convertible @font-face rules, in text order, with their exact spans in `css`.

    tinycss2 gives each token its line and column (counting CRLF, CR, LF and FF as one line
    end each, as CSS does), from which its offset in `css` follows. A rule starts at its
    at-keyword and ends where the token after its block starts: the text between rules is
    then never touched, whatever comments, strings or escapes it holds.
    """
    line_starts = _line_starts(css)
    tokens = tinycss2.parse_component_value_list(css, skip_comments=False)
    following = _following_tokens(tokens)
    faces: list[_Face] = []

    def walk(rules: list[Any]) -> None:
        for rule in rules:
            if rule.type != "at-rule" or rule.content is None:
                continue
            if rule.lower_at_keyword == "font-face":
                start = _offset(line_starts, rule.source_line, rule.source_column)
                after = following.get(id(rule.content))
                end = _offset(line_starts, after.source_line, after.source_column) if after is not None \
                    else _rule_end(css, start)
                face = _face(rule, start, end)
                if face is not None:
                    faces.append(face)
            elif rule.lower_at_keyword in _GROUPING_RULES:
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(tokens, skip_comments=True, skip_whitespace=True))
    return sorted(faces, key=lambda face: face.start)


def _following_tokens(tokens: list[Any]) -> dict[int, Any]:
    """For each {} block, keyed by its content list (the object an at-rule's `content` is), the
    token after it in the same list: where the rule holding that block ends."""
    found: dict[int, Any] = {}
    stack = [tokens]
    while stack:
        current = stack.pop()
        for index, token in enumerate(current):
            content = getattr(token, "content", None) if token.type.endswith("block") else \
                getattr(token, "arguments", None) if token.type == "function" else None
            if content is None:
                continue
            stack.append(content)
            if token.type == "{} block" and index + 1 < len(current):
                found[id(content)] = current[index + 1]
    return found


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char == "\r" and index + 1 < length and text[index + 1] == "\n":
            index += 1
        if char in "\r\n\f":
            starts.append(index + 1)
        index += 1
    return starts


def _offset(line_starts: list[int], line: int, column: int) -> int:
    return line_starts[line - 1] + column - 1


def _rule_end(css: str, start: int) -> int:
    """Where a rule that is the last thing in its enclosing block ends (no token follows it
    there): tokenize from the rule on; the first token after its block is the enclosing `}`."""
    rest = css[start:]
    tokens = tinycss2.parse_component_value_list(rest, skip_comments=False)
    for index, token in enumerate(tokens):
        if token.type == "{} block":
            if index + 1 < len(tokens):
                after = tokens[index + 1]
                return start + _offset(_line_starts(rest), after.source_line, after.source_column)
            return len(css)
    return len(css)


def _face(rule: Any, start: int, end: int) -> _Face | None:
    declarations = [node for node in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                                     skip_whitespace=True)
                    if node.type == "declaration"]
    last = {decl.lower_name: decl for decl in declarations}  # the last of a name is the one that counts
    src = last.get("src")
    if src is None:
        return None
    parsed = _local_font_source(src.value)
    if parsed is None:
        return None
    url, path, sources = parsed
    declared = _declared_ranges(last["unicode-range"].value) if "unicode-range" in last else None
    return _Face(start, end, rule.source_line, url, path, declarations, sources, declared)


def _split_commas(tokens: list[Any]) -> list[list[Any]]:
    entries: list[list[Any]] = [[]]
    for token in tokens:
        if token.type in ("whitespace", "comment"):
            continue
        if token.type == "literal" and token.value == ",":
            entries.append([])
        else:
            entries[-1].append(token)
    return entries


def _local_font_source(value: list[Any]) -> tuple[str, str, list[str | None]] | None:
    """(url, relative path, entries) when `src` names exactly one local TTF/OTF file relative
    to the stylesheet, besides any `local()` fonts, which are kept in their place (None marks
    the file's); None (rule left as it is) for anything else."""
    found: tuple[str, str] | None = None
    sources: list[str | None] = []
    for entry in _split_commas(value):
        if not entry:
            return None
        head, modifiers = entry[0], entry[1:]
        if head.type == "function" and head.lower_name == "local" and not modifiers:
            sources.append(tinycss2.serialize([head]))
            continue
        url = _url_value(head)
        if url is None or found is not None:
            return None
        path = _relative_font_path(url)
        if path is None or not all(_known_modifier(token) for token in modifiers):
            return None
        found = (url, path)
        sources.append(None)
    if found is None:
        return None
    return found[0], found[1], sources


def _url_value(token: Any) -> str | None:
    if token.type == "url":
        return str(token.value)
    if token.type == "function" and token.lower_name == "url":
        arguments = [t for t in token.arguments if t.type not in ("whitespace", "comment")]
        if len(arguments) == 1 and arguments[0].type == "string":
            return str(arguments[0].value)
    return None


def _known_modifier(token: Any) -> bool:
    """`format(truetype)`/`format("opentype")` and `tech(...)`: they describe the file we replace."""
    if token.type != "function":
        return False
    if token.lower_name == "tech":
        return True
    if token.lower_name != "format":
        return False
    arguments = [t for t in token.arguments if t.type not in ("whitespace", "comment")]
    return len(arguments) == 1 and arguments[0].type in ("string", "ident") and \
        str(arguments[0].value).lower() in _FONT_FORMATS


def _relative_font_path(url: str) -> str | None:
    """The file path of a relative URL to a .ttf/.otf, or None for remote (`https:`, `//host`),
    `data:`, root-relative (`/fonts/...`, relative to a site we do not know) or other files."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    return path if Path(path).suffix.lower() in _FONT_SUFFIXES else None


def _declared_ranges(value: list[Any]) -> tuple[Range, ...] | None:
    """The rule's own `unicode-range`, which the slices are intersected with; None when it is
    not a valid one (browsers then ignore it, and so do we)."""
    ranges: list[Range] = []
    for entry in _split_commas(value):
        if len(entry) != 1 or entry[0].type != "unicode-range":
            return None
        ranges.append((int(entry[0].start), int(entry[0].end)))
    return _merge(ranges) if ranges else None


def _contains(ranges: Sequence[Range], point: int) -> bool:
    return any(low <= point <= high for low, high in ranges)


# -- fonts on disk -----------------------------------------------------------------------------


def _resolve(face: _Face, source_folder: Path, also_from: Sequence[Path]) -> Path:
    candidates = [source_folder / face.path, *(Path(folder) / face.path for folder in also_from)]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    searched = f" (also looked in {', '.join(str(folder) for folder in also_from)})" if also_from else ""
    raise FontFileError(f"font file not found: @font-face on line {face.line} of the stylesheet has "
                        f"src url({face.url}){searched}", candidates[0])


def _cmap(data: bytes, path: Path, face: _Face) -> list[int]:
    try:
        font = TTFont(io.BytesIO(data), lazy=True, fontNumber=0)
        try:
            cmap = font.getBestCmap()
        finally:
            font.close()
    except Exception as exc:  # fontTools raises many kinds on a file that is not a font
        raise FontFileError(f"not a font fontTools can read ({type(exc).__name__}: {exc}); named by "
                            f"@font-face on line {face.line} of the stylesheet", path) from None
    if not cmap:
        raise FontFileError(f"font has no Unicode character map; named by @font-face on line {face.line} "
                            "of the stylesheet", path)
    return list(cmap)


def _safe_stem(path: Path) -> str:
    """The font's name as a URL-safe file name part (no dots: they separate slice and key)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", path.stem) or "font"


# -- writing the rules ----------------------------------------------------------------------------


def _separator(css: str, start: int) -> str:
    """Between the rules that replace one: a new line with the same indent when the rule began
    a line, nothing when it did not (a minified stylesheet stays on one line)."""
    line_start = max(css.rfind("\n", 0, start), css.rfind("\r", 0, start)) + 1
    indent = css[line_start:start]
    if indent.strip():
        return ""
    newline = "\r\n" if "\r\n" in css else "\n"
    return newline + indent


def _rules_text(face: _Face, plan: list[WebSubset], separator: str) -> str:
    last = {decl.lower_name: decl for decl in face.declarations}
    rules = []
    for item in plan:
        parts = []
        for decl in face.declarations:
            if decl is not last[decl.lower_name]:
                continue  # an overridden duplicate
            if decl.lower_name == "src":
                woff2 = f'url({FONTS_FOLDER}/{item.file}) format("woff2")'
                parts.append("src: " + ", ".join(woff2 if entry is None else entry for entry in face.sources))
            elif decl.lower_name == "unicode-range":
                parts.append(f"unicode-range: {unicode_range_text(item.ranges)}")
            else:
                parts.append(decl.serialize().strip())
        if "font-display" not in last:
            parts.append("font-display: swap")
        if "unicode-range" not in last:
            parts.append(f"unicode-range: {unicode_range_text(item.ranges)}")
        rules.append("@font-face { " + "; ".join(parts) + "; }")
    return separator.join(rules)
