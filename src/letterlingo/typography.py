"""The body text as each language's typography wants it: its quotation marks, typographic
apostrophes, and no-break spaces where a line must not break.

Only the letter's own text goes through here (title, paragraphs, headings): signatory names
are printed exactly as written, so they never do. Translations are rendered with raw HTML
off, as everywhere else; this only changes characters inside text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .languages import quotation_marks
from .markdown import new_parser

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

#: A number and the sign or unit after it stay on one line in every language ("85 %", "12 km").
_NUMBER_UNIT = re.compile(r"(?<=\d) (?=(?:%|‰|°C|€|\$|£|kg|km|cm|mm|m|g|h|min|s|EUR|USD)(?![^\W\d_]))")
#: Digit groups written with spaces ("85 000 000") are one number.
_DIGIT_GROUPS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
#: French sets a no-break space before ; : ! ? and inside guillemets (narrow before ; ! ?).
_FRENCH_BEFORE_NARROW = re.compile(r" (?=[;!?])")
_FRENCH_BEFORE_COLON = re.compile(r" (?=:)")
_FRENCH_AFTER_OPENING = re.compile(r"« ")
_FRENCH_BEFORE_CLOSING = re.compile(r" »")


def no_break_spaces(text: str, language: str) -> str:
    """Turn the spaces a line must not break at into no-break spaces; never adds a space."""
    text = _NUMBER_UNIT.sub(NBSP, text)
    text = _DIGIT_GROUPS.sub(NBSP, text)
    if language == "fr":
        text = _FRENCH_BEFORE_NARROW.sub(NARROW_NBSP, text)
        text = _FRENCH_BEFORE_COLON.sub(NBSP, text)
        text = _FRENCH_AFTER_OPENING.sub("«" + NBSP, text)
        text = _FRENCH_BEFORE_CLOSING.sub(NBSP + "»", text)
    return text


def _base(language: str) -> str:
    return language.replace("-", "_").split("_")[0].lower()


@lru_cache(maxsize=64)
def body_markdown(language: str) -> MarkdownIt:
    """The letters' Markdown dialect, with smart quotes in the language's own marks (CLDR) and
    its no-break spaces applied to text (never to link targets or code)."""
    base = _base(language)
    marks = quotation_marks(base) or quotation_marks("en")
    assert marks is not None
    quotes = list(marks)
    if base == "fr":  # guillemets hold a no-break space inside
        quotes = ["«" + NBSP, NBSP + "»", "«" + NBSP, NBSP + "»"]
    parser = new_parser()
    parser.options["typographer"] = True
    parser.options["quotes"] = quotes
    parser.enable("smartquotes")

    def spaces(state: StateCore) -> None:
        for token in state.tokens:
            for child in token.children or ():
                if child.type == "text":
                    child.content = no_break_spaces(child.content, base)

    parser.core.ruler.push("no_break_spaces", spaces)
    return parser


def render_body(text: str, language: str, *, notes: list[str] | None = None) -> str:
    """Inline Markdown of the letter's text to safe HTML in the language's typography.

    With `notes` (the printed edition), each link that points somewhere gets a numbered
    reference after it and its full address appended to `notes`, so a citation survives on
    paper; a link to nothing ("#", "") gets none.
    """
    parser = body_markdown(language)
    tokens = parser.parseInline(text)
    numbers: list[int] = []  # per link in the order the renderer closes them; 0 for none
    for token in tokens:
        token.children = without_dead_links(token.children or [])
        if notes is None:
            continue
        for child in token.children:
            if child.type == "link_close":
                notes.append(parser.normalizeLinkText(str(child.meta["href"])))  # "étude", not "%C3%A9tude"
                numbers.append(len(notes))
    return _with_references(numbers, parser.renderer.render(tokens, parser.options, {}))


def without_dead_links(children: list[Token]) -> list[Token]:
    """A link to nothing (`#`, "") is shown as its words: on the web it would only jump to the
    top of the page, on paper it has no address to cite. Each kept link's closing token
    learns its target, for the printed notes."""
    kept: list[Token] = []
    open_targets: list[str | None] = []
    for child in children:
        if child.type == "link_open":
            target = str(child.attrGet("href") or "")
            open_targets.append(target if cited(target) else None)
            if open_targets[-1] is None:
                continue
        elif child.type == "link_close":
            closing = open_targets.pop() if open_targets else None
            if closing is None:
                continue
            child.meta["href"] = closing
        kept.append(child)
    return kept


def cited(target: str) -> bool:
    """Whether a link target points somewhere a reader could go: not `#` or empty."""
    target = target.strip()
    return bool(target) and target != "#"


def _with_references(numbers: list[int], html: str) -> str:
    """Put each link's note number after its closing `</a>` (text cannot hold one: it is escaped)."""
    parts = html.split("</a>")
    out = []
    for index, part in enumerate(parts[:-1]):
        out.append(part + "</a>")
        if index < len(numbers) and numbers[index]:
            out.append(f'<sup class="link-ref">{numbers[index]}</sup>')
    out.append(parts[-1])
    return "".join(out)
