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

import difflib
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
#: What a PDF's text layer may insert where a line breaks: PDFium's U+FFFE (or U+0002) for a
#: hyphen it added, and soft hyphens.
_BREAK_MARKS = re.compile("[\u00ad\ufffe\x02]")
#: A hyphen inside a word, with what may follow it. PDFium joins a line that ends on a hyphen
#: to the next without saying whether a space stood after it ("Pflege- und" and "Pflege-und"
#: both come out as "Pflege\ufffeund"), so in a PDF such hyphens are compared as absent.
_WORD_HYPHEN = re.compile(r"(?<=\S)[-\u2010]\s*")


#: An address may break after a slash ("https://" | "example.org") where a table cell is narrow;
#: the text layer cannot tell that break from a space, so after a slash neither counts.
_AFTER_SLASH = re.compile(r"/\s+")


def _lossy(char: str) -> bool:
    code = ord(char)
    if any(low <= code <= high for low, high in _LOSSY_BLOCKS):
        return True
    # Colour emoji are bitmap glyphs with no text behind them in the PDF.
    return unicodedata.category(char) == "So" and (code >= 0x1F000 or 0x2600 <= code <= 0x27BF)


_LAM_ALEF = re.compile("\u0644([\u0627\u0623\u0625\u0622])")


def canonical(text: str, *, drop_lossy: bool = False, pdf: bool = False) -> str:
    """Text as compared: NFC, white space runs as one space, no invisible format characters.

    From a PDF (`pdf=True`, for both sides), a line break inside a name is a space, and a hyphen
    inside a word is left out with any space after it: the text layer cannot tell a hyphen the
    layout added from one the name has. The HTML comparison keeps every character. With
    `drop_lossy`, characters the PDF text layer cannot give back (Indic clusters, colour
    emoji) and combining marks are left out of both sides. Arabic lam + alef is one ligature
    glyph, whose text a PDF may give alef first: both sides put it that way.
    """
    text = unicodedata.normalize("NFC", text)
    if pdf:
        text = _WORD_HYPHEN.sub("", _BREAK_MARKS.sub("-", text))
        text = _AFTER_SLASH.sub("/", text)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cf", "Cn", "Cc") and not char.isspace():
            continue
        if drop_lossy and (_lossy(char) or category[0] == "M"):
            continue
        kept.append(char)
    return _LAM_ALEF.sub("\\1\u0644", " ".join("".join(kept).split()))


def shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    partly: int = 0  # checked by their other characters (Indic script, emoji in a PDF)
    unchecked: int = 0  # nothing but such characters: a PDF cannot show them, the HTML is checked
    missing: list[Probe] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # lines in the edition that the letter does not have
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra and self.error is None

    def summary(self) -> str:
        if self.error:
            return f"{self.path}: {self.error}"
        counted = f"{self.found} of {self.total} names verified"
        if self.missing:
            first = self.missing[0]
            return (f"{self.path}: {counted}; {len(self.missing)} missing, changed or out of order, the first "
                    f"{shorten(first.text)!r} (letter line {first.line})")
        if self.extra:
            return f"{self.path}: {counted}, but it shows {len(self.extra)} line(s) the letter does not have, " \
                   f"the first {shorten(self.extra[0])!r}"
        notes = []
        if self.partly:
            notes.append(f"{self.partly} by their characters other than Indic script and emoji")
        if self.unchecked:
            notes.append(f"{self.unchecked} not checkable in a PDF text layer, see the HTML edition")
        return f"{self.path}: {counted}" + (f" ({'; '.join(notes)})" if notes else "")

    def record(self) -> str:
        """What the manifest keeps: short, stable, and enough for CI to read."""
        if self.ok:
            return "ok"
        if self.error:
            return self.error
        if self.missing:
            return f"missing: {shorten(self.missing[0].text)}"
        return f"extra: {shorten(self.extra[0])}"


def check_pdf_text(text: str, names: tuple[Probe, ...], path: str, start: str = "") -> Verification:
    """Look for each name after the previous one, from the signatory count line on (so a name
    that the body also mentions is not taken from the body). A name not found is counted as
    missing and the search goes on, so one report shows them all."""
    result = Verification(path, len(names))
    haystack = canonical(text, drop_lossy=True, pdf=True)
    marker = canonical(start, drop_lossy=True, pdf=True) if start else ""
    begin = haystack.find(marker) if marker else 0
    if begin < 0:
        result.error = (f"the signatory count {shorten(start)!r} is not on the pages, so the list cannot be "
                        "told from the body (a wrong count, or a template without it)")
        return result
    cursor = begin + len(marker)
    for probe in names:
        needle = canonical(probe.text, drop_lossy=True, pdf=True)
        if not needle.strip():
            result.unchecked += 1
            continue
        if probe.rtl:
            end = _find_words(haystack, probe.text, cursor)
        else:
            position = haystack.find(needle, cursor)
            end = position + len(needle) if position >= 0 else -1
        if end < 0:
            result.missing.append(probe)
            continue
        cursor = end
        result.found += 1
        result.partly += probe.lossy
    return result


def _find_words(haystack: str, text: str, cursor: int) -> int:
    """A PDF may store a right-to-left line's words in visual order: find each word near the cursor."""
    words = [w for w in (canonical(word, drop_lossy=True, pdf=True) for word in re.split(r"[\W_]+", text)) if w.strip()]
    window_end = cursor + 3 * sum(len(w) for w in words) + 80
    end = cursor
    for word in words:
        position = haystack.find(word, cursor, window_end)
        if position < 0:
            return -1
        end = max(end, position + len(word))
    return end


def check_html_items(items: list[str], names: tuple[Probe, ...], path: str) -> Verification:
    """An HTML edition's name items must be the letter's lines exactly: none missing, none added."""
    result = Verification(path, len(names))
    expected = [canonical(probe.text) for probe in names]
    got = [canonical(item) for item in items]
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    for tag, low, high, other_low, other_high in matcher.get_opcodes():
        if tag == "equal":
            result.found += high - low
            continue
        result.missing.extend(names[low:high])
        result.extra.extend(items[other_low:other_high])
    return result


class _NameItems(HTMLParser):
    """The text of each name item (`li` of a `.names` list, `tr` of a `.names` table body) of an
    edition page; an item marked `hidden` or `display: none` is not shown, so it is not there."""

    _VOID = frozenset({"br", "img", "wbr", "hr", "meta", "link", "input", "source", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, hidden, skipped text)
        self.names_depth: int | None = None
        self.items: list[str] = []
        self.current: list[str] | None = None
        self.item_depth = 0
        self.item_hidden = False
        self.section_depth: int | None = None
        self.count_text: list[str] | None = None  # the `.signatory-count` line, as shown
        self.count_depth: int | None = None
        self.other: list[str] = []  # text in the signatory section that is no name, label or count

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            return
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        style = (values.get("style") or "").replace(" ", "").lower()
        hidden = "hidden" in values or "display:none" in style or "visibility:hidden" in style
        hidden = hidden or any(h for _, h, _ in self.stack)
        skipped = tag == "span" and "bullet" in classes  # decoration, not part of the name
        self.stack.append((tag, hidden, skipped))
        depth = len(self.stack)
        if self.section_depth is None and tag == "section" and "signatories" in classes:
            self.section_depth = depth
        if "signatory-count" in classes and self.count_text is None:
            self.count_text, self.count_depth = [], depth
        if self.names_depth is None and "names" in classes:
            self.names_depth = depth
        elif (self.names_depth is not None and self.current is None and tag in ("li", "tr")
              and not any(t == "thead" for t, _, _ in self.stack)):
            self.current, self.item_depth, self.item_hidden = [], depth, hidden

    def handle_endtag(self, tag: str) -> None:
        if tag in self._VOID or not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            depth = len(self.stack)
            open_tag, _, _ = self.stack.pop()
            if self.current is not None and depth == self.item_depth:
                if not self.item_hidden:
                    self.items.append(" ".join(self.current))
                self.current = None
            if self.names_depth is not None and depth == self.names_depth:
                self.names_depth = None
            if self.section_depth is not None and depth == self.section_depth:
                self.section_depth = None
            if self.count_depth is not None and depth == self.count_depth:
                self.count_depth = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if any(skipped for _, _, skipped in self.stack):
            return
        if self.current is not None:
            self.current.append(data)
        elif self.section_depth is not None and data.strip() and not any(hidden for _, hidden, _ in self.stack):
            tags = {tag for tag, _, _ in self.stack[self.section_depth:]}
            if tags & {"h1", "h2", "h3", "h4", "h5", "h6", "thead", "th"}:
                return  # group labels and column headers: translated, not names
            if self.count_text is not None and self.count_depth is not None:
                self.count_text.append(data)
                return
            self.other.append(data.strip())


@dataclass
class HtmlSection:
    items: list[str]
    count: str | None  # the count line as shown, if the page has one
    other: list[str]  # text that is neither a name, a label nor the count


def html_section(path: Path) -> HtmlSection:
    parser = _NameItems()
    parser.feed(path.read_text(encoding="utf-8"))
    count = " ".join(parser.count_text) if parser.count_text is not None else None
    return HtmlSection(parser.items, count, parser.other)


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


def verify_file(path: Path, names: tuple[Probe, ...], shown: str | None = None, start: str = "") -> Verification:
    """Read one built file and look for every name in it."""
    shown = shown or str(path)
    try:
        if path.suffix == ".pdf":
            return check_pdf_text(pdf_text(path), names, shown, start)
        if path.suffix in (".docx", ".odt"):
            from .office import document_items

            items, count = document_items(path)
            section = HtmlSection(items, count, [])
        else:
            section = html_section(path)
        result = check_html_items(section.items, names, shown)
        result.extra.extend(section.other)
        if start and section.count is None:
            result.error = f"the page does not show the signatory count {start!r}"
        elif start and section.count is not None and canonical(section.count) != canonical(start):
            result.error = f"the page says {shorten(section.count.strip())!r}, the letter has {start!r}"
        return result
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
    """Prove one edition's files. A letter without a signatory list has nothing to prove, and
    says so rather than passing with "0 of 0"."""
    from .templating import signatory_count_text

    names = probes(letter) if names is None else names
    proof = EditionProof(letter.slug, locale)
    if not names:
        proof.files["letter"] = Verification(letter.slug, 0, error="the letter has no signatory list "
                                             "(`letterlingo check` says what to add)")
        return proof
    start = signatory_count_text(letter, locale)
    for kind, path in sorted(files.items()):
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else None
        proof.files[kind] = verify_file(path, names, shown, start)
    return proof


def verify_project(config: Config, slugs: list[str], locales: tuple[str, ...] | None = None) -> list[EditionProof]:
    """Every built edition of these letters (as the manifest lists them), proved and recorded.

    An edition built from an older version of the letter fails: it may show a name since removed.
    """
    import hashlib

    from .errors import LetterlingoError
    from .manifest import MANIFEST, load_manifest, save_manifest
    from .project import load_letter

    manifest_path = config.output_path / MANIFEST
    records = load_manifest(manifest_path)
    if not records:
        raise LetterlingoError("no editions recorded (missing, empty or unreadable manifest): run "
                               "`letterlingo build` first", config.relative(manifest_path))
    proofs: list[EditionProof] = []
    for slug in slugs:
        chosen = [r for r in records.values() if r.slug == slug and (not locales or r.locale in locales)]
        if not chosen:
            raise LetterlingoError(f"no built edition of {slug!r}" + (f" in {', '.join(locales)}" if locales else ""),
                                   config.relative(manifest_path))
        letter = load_letter(config, slug)
        letter_sha = hashlib.sha256(config.letter_file(slug).read_bytes()).hexdigest()
        names = probes(letter)
        for record in sorted(chosen, key=lambda r: r.locale):
            files = {kind: config.output_path / item.path for kind, item in record.files.items()}
            proof = verify_edition(letter, record.locale, files, config.output_path, names)
            # Another file of the edition in output/ that the last build did not make or keep (a
            # PDF from before an HTML-only build of a changed letter) is published with it, but
            # nothing says what it was made from: it fails.
            folder = config.output_path / slug / record.locale
            stem = folder / f"{slug}-{record.locale}"
            for kind, path in (("html", folder / "index.html"), *((kind, stem.with_suffix(f".{kind}"))
                                                                 for kind in ("pdf", "docx", "odt"))):
                if kind not in files and path.is_file():
                    proof.files[kind] = Verification(config.relative(path), len(names), error=(
                        "not made by the last build of this edition (it may show an older letter): build "
                        f"`--format {kind}` again or delete it"))
            if record.letter_sha256 and record.letter_sha256 != letter_sha:
                proof.files["letter"] = Verification(f"{slug}/{record.locale}", len(names), error=(
                    f"built from an older version of {config.relative(config.letter_file(slug))}: "
                    "run `letterlingo build`"))
            record.verified = {kind: result.record() for kind, result in proof.files.items()}
            proofs.append(proof)
    save_manifest(manifest_path, records)
    return proofs
