#!/usr/bin/env python3
"""Regenerate src/letterlingo/hyphenation/hyph_*.dic from the TeX hyph-utf8 pattern files.

pyphen (which WeasyPrint hyphenates with) ships no dictionary for Finnish or Irish, so letterlingo
ships its own, converted from the TeX hyphenation patterns of the hyph-utf8 collection:

    hyph-fi.tex  Kauko Saarinen, 1986-1989, "Patterns may be freely distributed"
                 (TeX Live catalogues the package, hyphen-finnish, as public domain)
    hyph-ga.tex  Kevin P. Scannell, 2004-2015, GPL 2 or later *or* MIT: used here under MIT

Both come from Debian's texlive-lang-european package (the shipped files were made from
bookworm's 2022.20230122-1; each .dic names its source file's SHA-256). Maltese has no pattern
set in hyph-utf8, TeX Live, LibreOffice's dictionaries or any PyPI, npm or Debian package, so
none is shipped.

To regenerate (no root needed):

    apt-get download texlive-lang-european
    dpkg -x texlive-lang-european_*_all.deb /tmp/texlive
    .venv/bin/python scripts/convert_hyphenation.py \
        --source-dir /tmp/texlive/usr/share/texlive/texmf-dist/tex/generic/hyph-utf8/patterns/tex

(--source-dir defaults to where an installed texlive-lang-european puts the files.)

What the conversion does, for each pattern file:
- keeps the file's metadata header (title, copyright, licence) as `%` comment lines: libhyphen and
  pyphen both skip them (every line is kept within libhyphen's 100-byte line buffer), and the
  licences ask for the notice to travel with the patterns;
- writes LEFTHYPHENMIN / RIGHTHYPHENMIN from the header's `hyphenmins: typesetting:` values
  (libhyphen reads them; pyphen ignores them and WeasyPrint takes its minima from the CSS
  `hyphenate-limit-chars`);
- turns the \\hyphenation{} exceptions into whole-word patterns (`wo-rd` -> `.w8o9r8d.`): 8 forbids a
  break, 9 allows one, and both beat every source value (checked to be at most 7), so each
  exception hyphenates exactly as listed, in pyphen as in libhyphen;
- adds the substring closure libhyphen needs (what its substrings.pl does): each prefix of a
  pattern that ends with another pattern becomes a pattern carrying the values of all patterns
  inside it. This only restates values that matching gives anyway, so pyphen's results are the
  same with or without it, and libhyphen (LibreOffice, PyHyphen) gets the states it relies on.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE_DIR = Path("/usr/share/texlive/texmf-dist/tex/generic/hyph-utf8/patterns/tex")
DEFAULT_OUTPUT_DIR = REPO / "src" / "letterlingo" / "hyphenation"


@dataclass(frozen=True)
class Language:
    source: str  # file name in hyph-utf8's patterns/tex folder
    target: str  # hyph_<lang>_<REGION>.dic, the name pyphen's own dictionaries use


LANGUAGES: dict[str, Language] = {
    "fi": Language("hyph-fi.tex", "hyph_fi_FI.dic"),
    "ga": Language("hyph-ga.tex", "hyph_ga_IE.dic"),
}

#: Values written for exceptions: higher than any pattern value, even = no break, odd = break.
NO_BREAK, BREAK = 8, 9
#: libhyphen's line buffer is 100 bytes: the line, its newline and a NUL must fit.
MAX_LINE_BYTES = 97
_BLOCK = re.compile(r"\\(patterns|hyphenation)\s*\{(.*?)\}", re.DOTALL)
_PATTERN = re.compile(r"^\.?(?:\d?[^\d\s.\\{}%-])+\d?\.?$")

Values = tuple[int, ...]  # one value per gap: before the first letter, between letters, after the last


def parse_pattern(token: str) -> tuple[str, Values]:
    """`.ab4ai` -> (".abai", (0, 0, 0, 4, 0, 0))."""
    if not _PATTERN.match(token):
        raise ValueError(f"not a hyphenation pattern: {token!r}")
    letters: list[str] = []
    values: list[int] = [0]
    for char in token:
        if char.isdigit():
            values[-1] = int(char)
        else:
            letters.append(char)
            values.append(0)
    return "".join(letters), tuple(values)


def format_pattern(letters: str, values: Values) -> str:
    out = []
    for index, letter in enumerate(letters):
        if values[index]:
            out.append(str(values[index]))
        out.append(letter)
    if values[-1]:
        out.append(str(values[-1]))
    return "".join(out)


def exception_pattern(word: str) -> tuple[str, Values]:
    """`dtiom-áintí` -> `.d8t8i8o8m9á8i8n8t8í.`: matches only the whole word, breaks only where listed."""
    parts = word.lower().split("-")
    if not all(parts):
        raise ValueError(f"bad hyphenation exception: {word!r}")
    letters = "".join(parts)
    breaks = {sum(len(part) for part in parts[: i + 1]) for i in range(len(parts) - 1)}
    inner = [BREAK if gap in breaks else NO_BREAK for gap in range(1, len(letters))]
    return f".{letters}.", (0, 0, *inner, 0, 0)


def substring_closure(patterns: dict[str, Values]) -> dict[str, Values]:
    """libhyphen's finite-state matcher only applies, at each state, the values stored for that
    state's string, so every prefix of a pattern that ends with some pattern must carry the values
    of all patterns inside it (Liang's algorithm applies them all anyway, so this changes nothing
    for pyphen)."""
    closed: dict[str, Values] = {}
    for pattern in patterns:
        for end in range(1, len(pattern) + 1):
            prefix = pattern[:end]
            if prefix in closed or not any(prefix[start:] in patterns for start in range(end)):
                continue
            values = [0] * (end + 1)
            for start in range(end):
                for stop in range(start + 1, end + 1):
                    inner = patterns.get(prefix[start:stop])
                    if inner is not None:
                        for offset, value in enumerate(inner):
                            values[start + offset] = max(values[start + offset], value)
            closed[prefix] = tuple(values)
    return closed


def read_tex(path: Path) -> tuple[list[str], dict[str, object], list[str], list[str]]:
    """The header's comment lines, its metadata (YAML), the patterns and the exceptions."""
    text = path.read_text(encoding="utf-8")
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("%"):
            break
        header.append(re.sub(r"^% ?", "", line).rstrip())
    metadata = yaml.safe_load("\n".join(header))
    uncommented = "\n".join(line.split("%", 1)[0] for line in text.splitlines())
    blocks: dict[str, list[str]] = {"patterns": [], "hyphenation": []}
    for kind, body in _BLOCK.findall(uncommented):
        blocks[kind].extend(body.split())
    if not blocks["patterns"]:
        raise ValueError(f"{path}: no \\patterns{{}} block")
    return header, metadata, blocks["patterns"], blocks["hyphenation"]


def convert(source: Path, target: Path) -> None:
    header, metadata, tokens, exceptions = read_tex(source)
    hyphenmins = metadata["hyphenmins"]["typesetting"]  # type: ignore[index]
    left, right = int(hyphenmins["left"]), int(hyphenmins["right"])

    patterns: dict[str, Values] = {}
    for token in tokens:
        letters, values = parse_pattern(token)
        if letters in patterns and patterns[letters] != values:
            raise ValueError(f"{source}: two patterns for {letters!r}")
        patterns[letters] = values
    if exceptions and max(max(values) for values in patterns.values()) >= NO_BREAK:
        raise ValueError(f"{source}: pattern values reach {NO_BREAK}, exceptions would not win")
    for word in exceptions:
        letters, values = exception_pattern(word)
        if letters in patterns:
            raise ValueError(f"{source}: exception {word!r} clashes with a pattern")
        patterns[letters] = values

    closed = substring_closure(patterns)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    lines = [
        "UTF-8",
        f"LEFTHYPHENMIN {left}",
        f"RIGHTHYPHENMIN {right}",
        f"% Generated by letterlingo's scripts/convert_hyphenation.py from {source.name}",
        "% (hyph-utf8, as in Debian's texlive-lang-european), whose SHA-256 is",
        f"% {digest}.",
        f"% {len(tokens)} patterns, {len(exceptions)} exceptions turned into whole-word patterns,",
        f"% {len(closed) - len(patterns)} patterns added for libhyphen's substring closure.",
        "% The source file's header follows unchanged.",
        "%",
        *(f"% {line}".rstrip() for line in header),
        *(format_pattern(letters, values) for letters, values in closed.items()),
    ]
    for line in lines:
        # libhyphen reads lines with fgets() into 100 bytes and takes the rest of a longer one,
        # comment or not, for a pattern of its own.
        if len(line.encode("utf-8")) > MAX_LINE_BYTES:
            raise ValueError(f"{target.name}: line longer than {MAX_LINE_BYTES} bytes: {line!r}")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{target}: {len(closed)} patterns, minima {left}/{right}, {len(exceptions)} exceptions")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--source-dir", type=Path, default=DEFAULT_SOURCE_DIR,
                        help="hyph-utf8's patterns/tex folder (default: %(default)s)")
    parser.add_argument("--output-dir", type=Path, default=DEFAULT_OUTPUT_DIR, help="default: %(default)s")
    parser.add_argument("languages", nargs="*", metavar="LANG", help=f"any of {', '.join(LANGUAGES)} (default: all)")
    args = parser.parse_args(argv)
    if unknown := set(args.languages) - set(LANGUAGES):
        parser.error(f"no pattern source for {', '.join(sorted(unknown))}")
    for code in args.languages or LANGUAGES:
        language = LANGUAGES[code]
        source = args.source_dir / language.source
        if not source.is_file():
            print(f"missing {source}: see the top of {Path(__file__).name} for where it comes from", file=sys.stderr)
            return 1
        convert(source, args.output_dir / language.target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
