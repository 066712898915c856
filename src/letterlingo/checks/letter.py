"""The letter itself: it has signatories, and none of their names has leaked into a catalogue."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from ..inline import summarize
from ..markdown import markdown, plain_text
from ..model import Letter
from ..signatories import MARKER_LINE as _MARKER
from .base import (
    CatalogueContext,
    Failure,
    LetterContext,
    catalogue_check,
    letter_check,
)

#: Fewer name-like list items than this at the end of a body is an ordinary list, not a lost one.
MIN_UNMARKED_NAMES = 8
_LIST_MARKER = re.compile(r"^(?:[-*+\u2022]|\d{1,9}[.)])\s+")


@letter_check("signatories", "error")
def signatories(ctx: LetterContext) -> Iterator[Failure]:
    """The letter has a signatory section, and it names someone.

    An open letter without its signatories is not publishable, and a missing marker means the
    names would have been extracted as text to translate.
    Example: a letter with no `<!-- signatories -->` marker and no `signatories:` file.
    """
    letter = ctx.letter
    if not letter.has_signatory_section:
        yield Failure("no signatory section: add a `<!-- signatories -->` line followed by the names "
                      "(or `signatories: <file>.csv` in the front matter)")
    elif not letter.signatories:
        yield Failure("the signatory section lists no names", _marker_line(ctx.text))
    elif letter.declared_count is not None and letter.declared_count < len(letter.signatories):
        yield Failure(f"signatory_count: {letter.declared_count} is less than the {len(letter.signatories)} "
                      "name lines of the letter", _front_matter_line(ctx.text, "signatory_count"), "warning")


@letter_check("unmarked-signatories", "warning")
def unmarked_signatories(ctx: LetterContext) -> Iterator[Failure]:
    """A body that ends in a long list of short items with no marker: names about to be translated.

    Without `<!-- signatories -->` those items go into the catalogue as text, and machine
    translation would change them; the marker keeps them out and prints them as written.
    Example: a letter ending in 40 list items such as `- Save the Children` and no marker.
    """
    letter = ctx.letter
    if letter.has_signatory_section:
        return
    run: list[int] = []
    for block in letter.body:
        if block.kind == "list item" and _name_like(block.text):
            run.append(block.line)
        elif block.kind not in ("rule",):
            run = []
    if len(run) >= MIN_UNMARKED_NAMES:
        yield Failure(f"the letter ends in {len(run)} list items that look like names: put a "
                      "`<!-- signatories -->` line before them, or they will be translated", run[0])


def _name_like(text: str) -> bool:
    words = plain_text(text).split()
    return 0 < len(words) <= 12 and not text.rstrip().endswith((".", "!", "?", ":", ";"))


def _front_matter_line(text: str | None, key: str) -> int | None:
    for number, line in enumerate((text or "").split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def _marker_line(text: str | None) -> int | None:
    for number, line in enumerate((text or "").split("\n"), start=1):
        if _MARKER.match(line):
            return number
    return None


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _names(letter: Letter) -> frozenset[str]:
    return _names_of(tuple(signatory.name for signatory in letter.signatories))


@lru_cache(maxsize=64)
def _names_of(written: tuple[str, ...]) -> frozenset[str]:
    """Each signatory as written and as shown (Markdown removed), normalised for comparison."""
    found: set[str] = set()
    for name in written:
        for form in (name, plain_text(name)):
            normal = _normal(form)
            if normal:
                found.add(normal)
    return frozenset(found)


def leaked_name(text: str, names: frozenset[str]) -> str | None:
    """The name that `text` is, or that one of its lines is; None if it holds none.

    Whole entries and whole lines only: a short name such as "Awel" or "VSE" must not match
    inside a word ("vse" is Slovenian for "all"), and case matters for the same reason.
    """
    if not text or not names:
        return None
    pieces = [text]
    if "\n" in text:
        pieces += [_LIST_MARKER.sub("", line.strip().rstrip("\\").strip()) for line in text.split("\n")]
    longest = _longest(names)
    for piece in pieces:
        normal = _normal(piece)
        if normal in names:
            return normal
        if len(_normal(_MARKUP_THAT_MAY_VANISH.sub("", piece))) <= longest:
            shown = _normal(summarize(piece).text)
            if shown in names:
                return shown
    return None


#: Everything in a text that its rendering might not show: link targets and titles, tags,
#: entities, emphasis and escape characters. What is left is never longer than what a reader
#: sees, so a text whose remainder is longer than every name cannot show as one (and is not
#: parsed as Markdown only to learn that: most entries are whole paragraphs).
_MARKUP_THAT_MAY_VANISH = re.compile(r"\]\([^)]*\)|<[^>]*>|&#?\w+;|[*_~`\[\]!\\#|]")


@lru_cache(maxsize=64)
def _longest(names: frozenset[str]) -> int:
    return max(map(len, names), default=0)


@catalogue_check("signatory-leak", "error", templates=True)
def signatory_leak(ctx: CatalogueContext) -> Iterator[Failure]:
    """No signatory's name appears as a catalogue entry (names are printed as written, never translated).

    A name in the template means the signatory marker is misplaced; a name in a translation
    means someone pasted the list into it. A leak only in a fuzzy draft is a warning.
    Example: `msgid "Save the Children"` in the template: the marker is below the names.
    """
    if ctx.letter is None:
        return
    names = _names(ctx.letter)
    if not names:
        return
    twins = {_normal(text) for text in ctx.letter.twins}
    for entry in ctx.catalogue:
        if entry.obsolete or entry.msgid == "" or _normal(entry.msgid) in twins:
            continue
        name = leaked_name(entry.msgid, names)
        if name is not None:
            yield Failure(f"msgid is the signatory {name!r}: names must stay out of catalogues (if this text "
                          "belongs in the letter, put `<!-- not-a-signatory -->` on the line before it)", entry.linenum)
            continue
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            name = leaked_name(text, names)
            if name is not None:
                yield Failure(f"msgstr holds the signatory {name!r}: names are printed as written, never translated",
                              entry.linenum, "warning" if "fuzzy" in entry.flags else None)
                break


@letter_check("empty-links", "warning")
def empty_links(ctx: LetterContext) -> Iterator[Failure]:
    """A link that points nowhere (`#` or empty): the printed edition cannot cite it.

    Copying text from a web page keeps the link words and loses their addresses; the PDF then
    prints no note for them, and the web page links to itself.
    Example: `a [6000% increase](#) in reports` — put the source's real address in.
    """
    from ..typography import cited  # with the editions' Markdown set-up, loaded when a letter is checked

    lines = [(block.text, block.line) for block in ctx.letter.translatable_blocks()]
    lines += [(signatory.name, signatory.line) for signatory in ctx.letter.signatories]
    for text, line in lines:
        for target, shown in link_targets(text):
            if not cited(target):
                yield Failure(f"the link {shown!r} points nowhere ({target.strip() or 'no address'}): put in the "
                              "real address, or the printed edition cannot cite it", line)


@letter_check("date", "warning")
def letter_date(ctx: LetterContext) -> Iterator[Failure]:
    """The letter has a date: editions print it in each language, and readers need it.

    Example: front matter without `date: 2025-09-10`.
    """
    if ctx.letter.date is None:
        yield Failure("the letter has no date: add `date: YYYY-MM-DD` to the front matter (editions print it in "
                      "each language's format)", 1)


def link_targets(text: str) -> list[tuple[str, str]]:
    """(target, visible text) of each link in inline Markdown."""
    found = []
    for token in markdown().parseInline(text):
        children = token.children or []
        for index, child in enumerate(children):
            if child.type == "link_open":
                shown = []
                for later in children[index + 1:]:
                    if later.type == "link_close":
                        break
                    shown.append(later.content)
                found.append((str(child.attrGet("href") or ""), "".join(shown)))
    return found


CHECKS = (signatories, unmarked_signatories, signatory_leak, empty_links, letter_date)
