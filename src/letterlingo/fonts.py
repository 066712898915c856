"""Glyph coverage: a character no font can draw would print as an empty box in the PDF.

The editions' own fonts (Noto Serif and Sans, bundled) cover every EU script. Names come in
any script, so PDF rendering falls back, through fontconfig, to the fonts installed on the
machine (the set-up installs Noto CJK, Noto Color Emoji and the Noto fonts for Arabic, Hebrew,
Devanagari, Thai and more). This module answers, before rendering, whether some font in that
stack has each character, so a missing glyph stops the build with the file and line instead
of turning up as tofu in a published PDF.
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

#: Characters that need no glyph of their own: joiners, marks of direction, variation selectors.
_NO_GLYPH_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def needs_glyph(char: str) -> bool:
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF:
        return False  # selectors and skin-tone modifiers are drawn as part of the character before them
    return unicodedata.category(char) not in _NO_GLYPH_CATEGORIES


@lru_cache(maxsize=32)
def _font_cmap(path: str, mtime: float) -> frozenset[int]:
    font = TTFont(path, lazy=True, fontNumber=0)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def bundled_coverage(font_files: tuple[Path, ...]) -> frozenset[int]:
    """Code points of the bundled fonts together; made once per set of files (and their dates),
    since a build asks for every translation of every letter."""
    fonts = tuple((str(path), path.stat().st_mtime) for path in font_files
                  if path.suffix.lower() in (".ttf", ".otf", ".woff", ".woff2") and path.is_file())
    return _union(fonts)


@lru_cache(maxsize=8)
def _union(fonts: tuple[tuple[str, float], ...]) -> frozenset[int]:
    covered: set[int] = set()
    for path, mtime in fonts:
        covered |= _font_cmap(path, mtime)
    return frozenset(covered)


@lru_cache(maxsize=1)
def installed_coverage() -> tuple[tuple[int, int], ...]:
    """Code point ranges of every font fontconfig offers for fallback (what Pango will use)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        output = subprocess.run([fc_list, "--format", "%{charset}\n"], capture_output=True, text=True,
                                check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    ranges: list[tuple[int, int]] = []
    for line in output.splitlines():
        for part in line.split():
            first, _, last = part.partition("-")
            try:
                ranges.append((int(first, 16), int(last or first, 16)))
            except ValueError:
                continue
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for low, high in ranges:
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return tuple(merged)


def _installed_has(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    index = bisect.bisect_right(ranges, (code, 0x10FFFF)) - 1
    return index >= 0 and ranges[index][0] <= code <= ranges[index][1]


def missing_glyphs(text: str, font_files: tuple[Path, ...]) -> list[str]:
    """Characters of `text`, in order of first appearance, that no font in the stack can draw."""
    bundled = bundled_coverage(font_files)
    missing: list[str] = []
    ranges: tuple[tuple[int, int], ...] | None = None
    for char in dict.fromkeys(text):
        code = ord(char)
        if code < 0x80 or code in bundled or not needs_glyph(char):
            continue
        if ranges is None:
            ranges = installed_coverage()
        if not _installed_has(code, ranges):
            missing.append(char)
    return missing


def describe(char: str) -> str:
    """`U+E000` with its Unicode name where it has one, as the error shows it."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def first_line_with(text: str, char: str) -> int:
    return text[: text.index(char)].count("\n") + 1
