"""Bring a reviewer's work back into the catalogue, losing nothing and guessing nothing.

Approved texts become reviewed translations (no `fuzzy`), edited but unapproved ones stay
drafts with the new text, a text made against an older source stays a draft with a note, and
a text that breaks link or markup parity is kept as a draft and reported. The translator
comment records who reviewed and when (the date the review was saved, so merging the same
file twice changes nothing).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from .. import parity
from ..catalog import live_entries, read_catalog, write_catalog
from ..config import Config
from ..errors import LetterlingoError
from ..fsutil import read_input
from ..languages import UnknownLanguage, normalize_locale
from ..project import load_letter
from .pack import FORMAT, catalogue_digest, entry_id, pack_id, source_hash

STALE_NOTE = "review: made against an older original text; check it again"
_REVIEWED = re.compile(r"^reviewed by .*$")


class ReviewFileError(LetterlingoError):
    """A review file that is not one: exit 2, nothing merged."""


class Conflict(LetterlingoError):
    """The catalogue changed since the page that made this review was loaded."""


@dataclass
class MergeResult:
    file: str
    slug: str
    locale: str
    approved: int = 0
    edited: int = 0
    unchanged: int = 0
    stale: int = 0
    refused: list[str] = field(default_factory=list)  # one line per refused text
    gone: int = 0  # entries no longer in the letter
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.refused and not self.stale and not self.gone


def read_review(path: Path, shown: str | None = None) -> dict[str, Any]:
    """A review file as saved by the page, checked for the fields merging needs."""
    shown = shown or str(path)
    data = read_input(path, ReviewFileError, shown)
    try:
        review = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ReviewFileError(f"not a review file (not JSON: {exc})", shown) from None
    except RecursionError:
        raise ReviewFileError("not a review file (nested too deeply)", shown) from None
    return validate_review(review, shown)


def validate_review(review: Any, shown: str) -> dict[str, Any]:
    if not isinstance(review, dict) or review.get("format") != FORMAT:
        raise ReviewFileError(f"not a review file (expected format {FORMAT!r})", shown)
    for key in ("slug", "locale"):
        if not isinstance(review.get(key), str) or not review[key]:
            raise ReviewFileError(f"review file without {key!r}", shown)
    if not re.fullmatch(r"[\w.-]+", review["slug"]):
        raise ReviewFileError(f"review file with a bad letter name {review['slug']!r}", shown)
    try:
        review["locale"] = normalize_locale(review["locale"])
    except UnknownLanguage as exc:
        raise ReviewFileError(f"review file: {exc}", shown) from None
    entries = review.get("entries")
    if not isinstance(entries, list) or not all(
            isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("text"), str)
            and isinstance(item.get("approved"), bool) and isinstance(item.get("source_sha256", ""), str)
            for item in entries):
        raise ReviewFileError("review file with malformed entries (each needs id, text, approved)", shown)
    if not isinstance(review.get("reviewer", ""), str):
        raise ReviewFileError("review file with a malformed reviewer name", shown)
    ids = [item["id"] for item in entries]
    if len(set(ids)) != len(ids):
        raise ReviewFileError("review file with an entry twice", shown)
    if review.get("pack") != pack_id(review["slug"], review["locale"],
                                     [(item["id"], item.get("source_sha256", "")) for item in entries]):
        raise ReviewFileError("the review file was changed after it was saved (its letter, language or entries "
                              "do not match the pack it came from)", shown)
    return review


def _reviewer(review: dict[str, Any]) -> str:
    name = " ".join(str(review.get("reviewer") or "").split())[:100]
    return name or "an unnamed reviewer"


def _day(review: dict[str, Any]) -> str:
    try:
        return dt.datetime.fromisoformat(str(review.get("saved", "")).replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return dt.date.today().isoformat()


def merge_review(config: Config, review: dict[str, Any], shown: str, *, base: str | None = None) -> MergeResult:
    """Merge one review into its catalogue (atomically). With `base`, refuse (Conflict) when the
    catalogue is not the one the page was made from."""
    slug, locale = review["slug"], review["locale"]
    result = MergeResult(shown, slug, locale)
    if not config.letter_file(slug).is_file():
        raise ReviewFileError(f"the letter {slug!r} is not in this project", shown)
    path = config.po_file(slug, locale)
    if not path.is_file():
        raise ReviewFileError(f"no catalogue {config.relative(path)} for this review", shown)
    if base is not None and catalogue_digest(path) != base:
        raise Conflict("the catalogue changed since this page was loaded: reload it (your changes stay in the "
                       "browser)", config.relative(path))
    letter = load_letter(config, slug)
    catalog = read_catalog(path, shown=config.relative(path))
    entries = [entry for entry in live_entries(catalog) if not entry.msgid_plural]
    by_id = {entry_id(entry.msgctxt, entry.msgid): entry for entry in entries}
    by_previous = {source_hash(entry.previous_msgid): entry for entry in entries
                   if entry.previous_msgid and "fuzzy" in entry.flags}
    stamp = f"reviewed by {_reviewer(review)}, {_day(review)}"
    edited = f"edited by {_reviewer(review)}, {_day(review)} (not approved)"
    refused = f"edited by {_reviewer(review)}, {_day(review)} (approval refused: see `letterlingo check`)"
    changed = False
    for number, item in enumerate(review["entries"], start=1):
        entry = by_id.get(item["id"])
        if entry is None:
            entry = by_previous.get(item.get("source_sha256", "")) or _successor(item, entries, by_id, review["entries"])
            if entry is None:
                result.gone += 1
                continue
            result.stale += 1
            changed |= _as_draft(entry, item["text"], note=STALE_NOTE)
            continue
        if item.get("source_sha256") and item["source_sha256"] != source_hash(entry.msgid):
            result.refused.append(f"entry {number}: its original text does not match the catalogue's")
            continue
        text = item["text"]
        if not text.strip():
            result.unchanged += 1
            continue
        reviewed = bool(entry.msgstr) and "fuzzy" not in entry.flags
        if text == entry.msgstr and (reviewed or not item["approved"]):
            result.unchanged += 1  # a reviewed text ticked again keeps who reviewed it
            continue
        problems = parity.errors(entry.msgid, text, locale, letter.language)
        if problems:
            if reviewed:  # never replace a reviewed translation by a broken one (the file keeps it)
                result.refused.append(f"entry {number}: {problems[0].message} (the reviewed translation is kept)")
                continue
            result.refused.append(f"entry {number}: {problems[0].message}")
            changed |= _as_draft(entry, text, editor=refused if item["approved"] else edited)
            continue
        if item["approved"]:
            changed |= _as_reviewed(entry, text, stamp)
            result.approved += 1
        else:
            changed |= _as_draft(entry, text, editor=edited)
            result.edited += 1
    if changed:
        result.written = write_catalog(catalog, path)
    return result


#: How alike an old and a new source must be to count as the same text, edited (msgmerge's
#: fuzzy matching uses a similar measure).
SIMILAR = 0.6


def _successor(item: dict[str, Any], entries: list[polib.POEntry], by_id: dict[str, polib.POEntry],
               reviewed: list[dict[str, Any]]) -> polib.POEntry | None:
    """The entry whose source is the edited version of the one this text was reviewed against:
    the most similar source that no other reviewed entry still has."""
    old = item.get("source")
    if not isinstance(old, str) or not old:
        return None
    claimed = {item_id for item_id in (other["id"] for other in reviewed) if item_id in by_id}
    candidates = [entry for entry in entries if entry_id(entry.msgctxt, entry.msgid) not in claimed]
    scored = [(difflib.SequenceMatcher(None, old, entry.msgid).ratio(), entry) for entry in candidates]
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return best[1] if best[0] >= SIMILAR else None


def _comments(entry: polib.POEntry) -> list[str]:
    return [line for line in (entry.tcomment or "").split("\n") if line]


def _as_reviewed(entry: polib.POEntry, text: str, stamp: str) -> bool:
    before = (entry.msgstr, tuple(entry.flags), entry.tcomment, entry.previous_msgid)
    entry.msgstr = text
    entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    kept = [line for line in _comments(entry) if not line.startswith(("draft: ", "edited by "))
            and not _REVIEWED.match(line) and line != STALE_NOTE]
    entry.tcomment = "\n".join(kept + [stamp])
    entry.previous_msgid = None  # reviewed against the current source: the old one is history
    return before != (entry.msgstr, tuple(entry.flags), entry.tcomment, entry.previous_msgid)


def _as_draft(entry: polib.POEntry, text: str, note: str | None = None, editor: str | None = None) -> bool:
    """The text as a draft. A person's edit replaces the comments that named someone else's
    work (a machine draft, an earlier review), so the next pack says who wrote it."""
    before = (entry.msgstr, tuple(entry.flags), entry.tcomment)
    if text.strip():
        if editor and text != entry.msgstr:
            kept = [line for line in _comments(entry) if not line.startswith(("draft: ", "edited by "))
                    and not _REVIEWED.match(line)]
            entry.tcomment = "\n".join([*kept, editor])
        entry.msgstr = text
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
    if note and note not in _comments(entry):
        entry.tcomment = "\n".join([*_comments(entry), note])
    return before != (entry.msgstr, tuple(entry.flags), entry.tcomment)


def merge_files(config: Config, files: list[Path]) -> list[MergeResult]:
    """Merge each file in turn; an unreadable file stops the run before anything is merged."""
    reviews = [(read_review(path, config.relative(path)), config.relative(path)) for path in files]
    return [merge_review(config, review, shown) for review, shown in reviews]
