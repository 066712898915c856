"""How far each letter is translated, per locale: the numbers campaign teams and CI watch."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from .catalog import is_draft, is_reviewed, live_entries, read_catalog
from .config import Config
from .model import Letter
from .project import load_letter


@dataclass(frozen=True)
class LocaleStatus:
    slug: str
    locale: str
    entries: int
    reviewed: int
    draft: int
    missing: int
    has_catalogue: bool
    signatories: int = 0  # the letter's, so a CI report can show the list is whole

    @property
    def percent_reviewed(self) -> float:
        return round(100.0 * self.reviewed / self.entries, 1) if self.entries else 100.0

    def as_dict(self) -> dict[str, object]:
        # "has_catalog" is the key's old spelling, kept one release for scripts that read it.
        return {**asdict(self), "has_catalog": self.has_catalogue, "percent_reviewed": self.percent_reviewed}


def locale_status(config: Config, slug: str, locale: str, template_size: int) -> LocaleStatus:
    """Counts for one catalogue; a locale without a .po counts every template entry as missing."""
    path = config.po_file(slug, locale)
    if not path.exists():
        return LocaleStatus(slug, locale, template_size, 0, 0, template_size, False)
    entries = live_entries(read_catalog(path, shown=config.relative(path)))
    reviewed = sum(1 for entry in entries if is_reviewed(entry))
    draft = sum(1 for entry in entries if is_draft(entry))
    return LocaleStatus(slug, locale, len(entries), reviewed, draft, len(entries) - reviewed - draft, True)


def status(config: Config, slugs: list[str], locales: tuple[str, ...],
           letters: dict[str, Letter] | None = None) -> list[LocaleStatus]:
    """Counts per letter and locale; `letters`, when given, receives each letter as parsed here,
    so a caller that also shows its signatory groups does not parse it twice."""
    rows = []
    for slug in slugs:
        letter = load_letter(config, slug)
        if letters is not None:
            letters[slug] = letter
        count = letter.signatory_count
        pot = config.pot_file(slug)
        size = len(live_entries(read_catalog(pot, shown=config.relative(pot)))) if pot.exists() else 0
        for locale in locales:
            rows.append(replace(locale_status(config, slug, locale, size), signatories=count))
    return rows


def signatory_groups(letter: Letter) -> list[tuple[str, int]]:
    """(group heading, signatories) in source order: what import reported, read from the letter."""
    return [(group.headings[-1].text if group.headings else "", group.count) for group in letter.groups]
