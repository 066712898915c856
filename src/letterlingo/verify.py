"""Proof that every edition carries every signatory line, in order, as written.

Import, parsing and rendering each promise to keep names intact; this reads what was actually
built - the PDF's text layer (pypdf), the HTML's text - and looks for each line in turn. The
comparison ignores only what layout may change: white space, line-break hyphens, and for
right-to-left names the order in which a PDF may store their words. A name with characters the
PDF text layer does not carry exactly (Devanagari and other Indic clusters lose characters on
extraction; colour emoji are pictures) is checked by its other characters and counted as
partly checked, never silently passed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .config import Config
from .model import Letter
from .signatories import signatory_texts

#: Scripts whose extracted PDF text is not exact (complex clusters map to partial ToUnicode).
_LOSSY_BLOCKS = (
    (0x0900, 0x0DFF),  # Devanagari .. Sinhala
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0xA8E0, 0xA8FF),  # Devanagari extended
)
#: PDFium reports a hyphen it takes for a line-break hyphen as U+FFFE (or U+0002).
_HYPHENS = frozenset("-\u2010\u2011\u00ad\ufffe\x02")


def _lossy(char: str) -> bool:
    code = ord(char)
    if any(low <= code <= high for low, high in _LOSSY_BLOCKS):
        return True
    # Colour emoji are bitmap glyphs with no text behind them in the PDF.
    return unicodedata.category(char) == "So" and (code >= 0x1F000 or 0x2600 <= code <= 0x27BF)


def canonical(text: str, *, drop_lossy: bool = False) -> str:
    """Text as compared: NFC, without white space, hyphens, marks and invisible format characters."""
    kept = []
    for char in unicodedata.normalize("NFC", text):
        if char.isspace() or char in _HYPHENS or (drop_lossy and _lossy(char)):
            continue
        if unicodedata.category(char)[0] == "M" or unicodedata.category(char) == "Cf":
            continue
        kept.append(char)
    return "".join(kept)


def _is_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


@dataclass(frozen=True)
class Probe:
    """One signatory line as every edition must show it."""

    line: int
    text: str  # the visible line, for messages
    rtl: bool
    lossy: bool


def probes(letter: Letter) -> tuple[Probe, ...]:
    found = []
    for signatory in letter.signatories:
        text = " ".join(piece for piece in signatory_texts(signatory) if piece)
        if canonical(text):
            found.append(Probe(signatory.line, text, _is_rtl(text), any(_lossy(ch) for ch in text)))
    return tuple(found)


@dataclass
class Verification:
    """The result for one file of one edition."""

    path: str
    total: int
    found: int = 0
    partly: int = 0  # names whose script the PDF text layer cannot show exactly
    missing: Probe | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.missing is None and self.error is None and self.found == self.total

    def summary(self) -> str:
        if self.error:
            return f"{self.path}: {self.error}"
        if self.missing is not None:
            return (f"{self.path}: {self.found} of {self.total} names verified; first missing: "
                    f"{self.missing.text!r} (letter line {self.missing.line})")
        extra = f" ({self.partly} by their characters other than Indic script and emoji)" if self.partly else ""
        return f"{self.path}: {self.found} of {self.total} names verified{extra}"

    def record(self) -> str:
        """What the manifest keeps: short, stable, and enough for CI to read."""
        return "ok" if self.ok else f"missing: {self.missing.text if self.missing else self.error}"


def check_text(text: str, names: tuple[Probe, ...], path: str, *, pdf: bool) -> Verification:
    """Look for each name after the previous one. RTL names in a PDF: each word, near the cursor."""
    result = Verification(path, len(names))
    haystack = canonical(text, drop_lossy=pdf)
    cursor = 0
    for probe in names:
        lossy = pdf and probe.lossy
        if pdf and probe.rtl:
            end = _find_words(haystack, probe.text, cursor, lossy)
        else:
            needle = canonical(probe.text, drop_lossy=lossy)
            position = haystack.find(needle, cursor) if needle else cursor
            end = position + len(needle) if position >= 0 else -1
        if end < 0:
            result.missing = probe
            return result
        cursor = end
        result.found += 1
        result.partly += lossy
    return result


def _find_words(haystack: str, text: str, cursor: int, lossy: bool) -> int:
    """A PDF stores a right-to-left line's words in visual order: find each word near the cursor."""
    words = [w for w in (canonical(word, drop_lossy=lossy) for word in re.split(r"[\W_]+", text)) if w]
    window_end = cursor + 3 * sum(len(w) for w in words) + 80
    end = cursor
    for word in words:
        position = haystack.find(word, cursor, window_end)
        if position < 0:
            return -1
        end = max(end, position + len(word))
    return end


class _SectionText(HTMLParser):
    """The text inside `<section class="signatories">` of an edition page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += tag == "section"
        elif tag == "section" and "signatories" in classes:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "section":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _SectionText()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def pdf_text(path: Path) -> str:
    """The PDF's text layer, read with PDFium (pypdfium2): some 25 times faster than pypdf on a
    tagged 26-page list of 2,000 names, which keeps the proof a small part of a build."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        parts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(parts)
    finally:
        document.close()


def verify_file(path: Path, names: tuple[Probe, ...], shown: str | None = None) -> Verification:
    """Read one built file and look for every name in it."""
    shown = shown or str(path)
    try:
        if path.suffix == ".pdf":
            return check_text(pdf_text(path), names, shown, pdf=True)
        return check_text(html_text(path), names, shown, pdf=False)
    except FileNotFoundError:
        return Verification(shown, len(names), error="not built")
    except Exception as exc:  # a damaged file is a failed proof, not a crash
        return Verification(shown, len(names), error=f"unreadable ({type(exc).__name__}: {exc})")


@dataclass
class EditionProof:
    slug: str
    locale: str
    files: dict[str, Verification] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(v.ok for v in self.files.values())


def verify_edition(letter: Letter, locale: str, files: dict[str, Path], root: Path,
                   names: tuple[Probe, ...] | None = None) -> EditionProof:
    names = probes(letter) if names is None else names
    proof = EditionProof(letter.slug, locale)
    for kind, path in sorted(files.items()):
        proof.files[kind] = verify_file(path, names, path.relative_to(root).as_posix() if path.is_relative_to(root) else None)
    return proof


def verify_project(config: Config, slugs: list[str], locales: tuple[str, ...] | None = None) -> list[EditionProof]:
    """Every built edition of these letters (as the manifest lists them), proved and recorded."""
    from .errors import LetterlingoError
    from .manifest import MANIFEST, load_manifest, save_manifest
    from .project import load_letter

    manifest_path = config.output_path / MANIFEST
    records = load_manifest(manifest_path)
    if not records:
        raise LetterlingoError("nothing built yet: run `letterlingo build` first", config.relative(manifest_path))
    proofs: list[EditionProof] = []
    for slug in slugs:
        chosen = [r for r in records.values() if r.slug == slug and (not locales or r.locale in locales)]
        if not chosen:
            raise LetterlingoError(f"no built edition of {slug!r}" + (f" in {', '.join(locales)}" if locales else ""),
                                   config.relative(manifest_path))
        letter = load_letter(config, slug)
        names = probes(letter)
        for record in sorted(chosen, key=lambda r: r.locale):
            files = {kind: config.output_path / item.path for kind, item in record.files.items()}
            proof = verify_edition(letter, record.locale, files, config.output_path, names)
            record.verified = {kind: result.record() for kind, result in proof.files.items()}
            proofs.append(proof)
    save_manifest(manifest_path, records)
    return proofs
