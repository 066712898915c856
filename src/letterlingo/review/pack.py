"""A review pack: one letter's entries in one language as a single HTML page a volunteer opens
from an e-mail attachment, offline, with nothing to install.

The page carries everything inline (style, script, data) and loads nothing: its Content
Security Policy allows only its own script (by hash) and no network at all. Each entry is
identified by a hash of its context and source text, so a saved review finds its entry again,
and a source that changed since the pack was made is recognised by the catalogue's `#|`.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import polib
from markupsafe import Markup, escape

from ..catalog import live_entries, read_catalog
from ..config import Config
from ..errors import LetterlingoError
from ..inline import summarize
from ..markdown import render_name
from ..model import Letter
from ..project import load_letter
from ..templating import PACKAGE_TEMPLATES, environment, html_lang
from ..typography import render_body
from ..ui import UI

FORMAT = "letterlingo-review/1"
_ENGINE = re.compile(r"^draft: .*? by ([^,]+),", re.MULTILINE)
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")


def entry_id(msgctxt: str | None, msgid: str) -> str:
    """A short stable name for an entry: the same context and source give the same id."""
    return hashlib.sha256(f"{msgctxt or ''}\x04{msgid}".encode()).hexdigest()[:16]


def source_hash(msgid: str) -> str:
    return hashlib.sha256(msgid.encode("utf-8")).hexdigest()


def catalogue_digest(path: Path) -> str:
    """What the served page was made from: a save against another state of the file is refused."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "-"


def pack_id(slug: str, locale: str, entries: list[tuple[str, str]]) -> str:
    """A pack's name from its letter, language and entries (id and source hash): a review file
    whose fields were changed afterwards no longer matches it."""
    parts = [slug, locale, *(f"{item}:{digest}" for item, digest in entries)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


@dataclass(frozen=True)
class PackEntry:
    id: str
    number: int
    source: str
    translation: str
    state: str  # reviewed, draft, missing
    engine: str = ""
    note: str = ""
    previous: str = ""  # the source it was translated from, when that changed

    @property
    def source_sha256(self) -> str:
        return source_hash(self.source)


@dataclass
class Pack:
    letter: Letter
    locale: str
    entries: list[PackEntry] = field(default_factory=list)
    base: str = "-"  # the catalogue's digest when the pack was made

    @property
    def id(self) -> str:
        return pack_id(self.letter.slug, self.locale, [(e.id, e.source_sha256) for e in self.entries])

    @property
    def file_name(self) -> str:
        return f"{self.letter.slug}-{self.locale}.review.json"


def load_pack(config: Config, slug: str, locale: str) -> Pack:
    """The entries of a letter's catalogue in the order the letter reads (title, text, headings)."""
    letter = load_letter(config, slug)
    path = config.po_file(slug, locale)
    if not path.is_file():
        raise LetterlingoError(f"no catalogue for {locale}: run `letterlingo update -l {locale}` first",
                               config.relative(path))
    catalog = read_catalog(path, shown=config.relative(path))
    by_key = {(entry.msgctxt, entry.msgid): entry for entry in live_entries(catalog) if not entry.msgid_plural}
    order = {block.text: index for index, block in enumerate(letter.translatable_blocks())}
    chosen = sorted(by_key.values(), key=lambda e: (order.get(e.msgid, len(order)), e.linenum or 0))
    pack = Pack(letter, locale, base=catalogue_digest(path))
    for number, entry in enumerate(chosen, start=1):
        pack.entries.append(_pack_entry(entry, number))
    return pack


def _pack_entry(entry: polib.POEntry, number: int) -> PackEntry:
    fuzzy = "fuzzy" in entry.flags
    state = "missing" if not entry.msgstr else ("draft" if fuzzy else "reviewed")
    engine = _ENGINE.search(entry.tcomment or "")
    previous = entry.previous_msgid or "" if fuzzy else ""
    return PackEntry(entry_id(entry.msgctxt, entry.msgid), number, entry.msgid, entry.msgstr, state,
                     engine.group(1).strip() if engine else "", entry.comment or "", previous)


def source_facts(text: str) -> dict[str, Any]:
    """What the page checks a translation against as the reviewer types: the same rules as
    `check` for links, bold and italic counts, and the numbers written."""
    summary = summarize(text)
    return {"links": list(summary.links), "strong": summary.strong, "em": summary.emphasis,
            "numbers": [re.sub(r"\D", "", number) for number in _NUMBER.findall(summary.text)]}


def word_diff(old: str, new: str) -> Markup:
    """What changed in the source, word by word: <del> the removed, <ins> the added."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    out: list[Markup] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            out.append(Markup("<del>") + escape("".join(old_words[a1:a2])) + Markup("</del>"))
        if b2 > b1:
            out.append(Markup("<ins>") + escape("".join(new_words[b1:b2])) + Markup("</ins>"))
    return Markup("").join(out)


@lru_cache(maxsize=4)
def _inline(name: str) -> str:
    """A file the page carries inline (read once per process: the server renders many pages)."""
    return (PACKAGE_TEMPLATES / name).read_text(encoding="utf-8")


def _hash_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render_pack(pack: Pack, *, served: bool = False, save_url: str = "") -> str:
    """The review page. Served pages post to `save_url`; a pack file downloads a review file.

    Translations are untrusted: every text reaches the page escaped (Jinja autoescape), the
    data block is JSON with `<`, `>` and `&` escaped, and the script builds previews with
    text nodes only.
    """
    ui = UI(pack.locale)
    letter = pack.letter
    source_lang = html_lang(letter.language)
    entries = []
    for entry in pack.entries:
        entries.append({
            "id": entry.id, "number": entry.number, "source_sha256": entry.source_sha256,
            "source_html": Markup(render_body(entry.source, letter.language)),
            "translation": entry.translation, "state": entry.state,
            "state_text": _state_text(entry, ui),
            "note": entry.note,
            "diff": word_diff(entry.previous, entry.source) if entry.previous else "",
        })
    data = {
        "format": FORMAT, "pack": pack.id, "slug": letter.slug, "locale": pack.locale, "base": pack.base,
        "served": served, "save_url": save_url, "file": pack.file_name,
        "facts": {entry.id: source_facts(entry.source) for entry in pack.entries},
        "sources": {entry.id: entry.source for entry in pack.entries},
        "ui": {key: ui.gettext(key) for key in _SCRIPT_WORDS},
    }
    script = _inline("review.js")
    connect = "'self'" if served else "'none'"  # a pack file talks to nothing
    page = {
        "lang": html_lang(pack.locale), "source_lang": source_lang,
        "title": ui.gettext("Review: {title}", title=letter.title.text),
        "entries": entries,
        "names": [Markup(render_name(s.name)) for s in letter.signatories],
        "data": Markup(json.dumps(data, ensure_ascii=False, sort_keys=True)
                       .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")),
        "style": Markup(_inline("review.css")),
        "script": Markup(script),
        "csp": Markup(f"default-src 'none'; script-src {_hash_source(script)}; style-src 'unsafe-inline'; "
                f"img-src data:; connect-src {connect}; form-action 'none'; base-uri 'none'"),
        "served": served,
    }
    return environment(None).get_template("review.html").render(page=page, ui=ui)


def _state_text(entry: PackEntry, ui: UI) -> str:
    if entry.state == "reviewed":
        return ui.gettext("Reviewed translation")
    if entry.state == "draft":
        if entry.engine:
            return ui.gettext("Machine draft ({engine}), not yet reviewed", engine=entry.engine)
        return ui.gettext("Machine draft, not yet reviewed")
    return ui.gettext("Not yet translated")


#: The words the script needs (messages it shows as the reviewer works).
_SCRIPT_WORDS = (
    "{done} of {total} approved",
    "Saved: send the downloaded file {file} to the campaign team.",
    "Saved to the catalogue.",
    "Not saved: someone changed this translation file since you opened the page. Reload the page; your "
    "changes are kept in this browser.",
    "Not saved: {reason}",
    "The link to {target} is missing.",
    "{target} is not a link of the original text.",
    "The number {number} of the original is missing.",
    "The original has {source} bold parts, the translation {translation}.",
    "The original has {source} italic parts, the translation {translation}.",
)


def write_pack(pack: Pack, target: Path) -> Path:
    from ..fsutil import atomic_write_text

    atomic_write_text(target, render_pack(pack))
    return target
