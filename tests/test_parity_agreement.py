"""The draft step, `check` and the editions judge a translation the same way (letterlingo.parity).

Each row: a source, a translation, its language, and the verdict all three must reach:
"ok" (drafted, no finding, shown), "warning" (drafted, a warning, shown) or "error" (the draft
is refused, `check` reports an error, the edition shows the source instead).
"""

from __future__ import annotations

import polib
import pytest

from letterlingo import parity
from letterlingo.catalog import live_entries, new_catalog, read_catalog, write_catalog
from letterlingo.checks import default_registry
from letterlingo.checks.base import EntryContext
from letterlingo.config import load_config
from letterlingo.edition import State, build_edition
from letterlingo.letter import parse_letter_text
from letterlingo.translate import EngineRegistry, RetryPolicy, translate_catalogues

SIGNED = "We, **109 signatories**, urge you."
RISE = "A 6.5% rise."
MILLION = "Over 1,000,000 reports."
DATE = "Adopted on 2023-11-09."
MAIL = "Write to info@example.org."
WEB = "See https://example.org/report for details."
LINK = "[Read the report](https://example.org/r)."
HELLO = "Dear {name},"
CODE = "Use `CSAR` here."
FILES = "In 2021, 85 million files."
SHARE = "4 in 5 citizens agree."
RATE = "Rates rose 6000%."
THANKS = "Thank you."

PAIRS: list[tuple[str, str, str, str]] = [
    (SIGNED, "Wir, **109 Unterzeichnende**, fordern Sie auf.", "de", "ok"),
    (RISE, "Ein Anstieg um 6,5 %.", "de", "ok"),
    (RISE, "Une hausse de 6,5\u00a0%.", "fr", "ok"),
    (RISE, "Ein Anstieg um 6.5 %.", "de", "ok"),  # the English way is still the same figure
    (MILLION, "Über 1.000.000 Meldungen.", "de", "ok"),
    (MILLION, "Plus de 1\u202f000\u202f000 signalements.", "fr", "ok"),
    (DATE, "Angenommen am 09.11.2023.", "de", "ok"),
    (DATE, "Adopté le 9 novembre 2023.", "fr", "ok"),
    (DATE, "Przyjęte 9 listopada 2023 r.", "pl", "ok"),
    ("On 11 May 2022 the Commission acted.", "Am 11. Mai 2022 handelte die Kommission.", "de", "ok"),
    (MAIL, "Schreiben Sie an info@example.org.", "de", "ok"),
    (WEB, "Details unter https://example.org/report.", "de", "ok"),
    (LINK, "[Lesen Sie den Bericht](https://example.org/r).", "de", "ok"),
    (HELLO, "Liebe/r {name},", "de", "ok"),
    (CODE, "Verwenden Sie hier `CSAR`.", "de", "ok"),
    ("**Act** and *protect*.", "**Handeln** und *schützen*.", "de", "ok"),
    (SHARE, "4 von 5 Bürgern stimmen zu.", "de", "ok"),
    (FILES, "Nel 2021, 85 milioni di file.", "it", "ok"),
    (RATE, "Die Raten stiegen um 6.000 %.", "de", "ok"),
    ("About 3.5 million images.", "Unos 3,5 millones de imágenes.", "es", "ok"),
    ("Plain text.", "Pelkkää tekstiä.", "fi", "ok"),
    ("Starting 1 January 2025.", "Ab dem 1. Januar 2025.", "de", "ok"),
    ("Starting 1 January 2025.", "Από την 1η Ιανουαρίου 2025.", "el", "ok"),
    (DATE, "Elfogadva 2023. 11. 09-én.", "hu", "ok"),
    (DATE, "Angenommen am 9.11.23.", "de", "ok"),
    ("1,200 people signed.", "1.200 Menschen unterschrieben.", "de", "ok"),
    ("**Ban** and *protect*.", "*Verbieten* und **schützen**.", "de", "warning"),
    ("*Now* is **the time**.", "**C'est** *maintenant* le moment.", "fr", "warning"),
    (RISE, "Ein Anstieg um 65 %.", "de", "error"),
    (DATE, "Angenommen am 10.11.2023.", "de", "error"),
    (DATE, "Adopté le 9 octobre 2023.", "fr", "error"),
    (MAIL, "Écrivez à info@exemple.org.", "fr", "error"),
    (MAIL, "Schreiben Sie uns.", "de", "error"),
    (WEB, "Details unter https://example.org/bericht.", "de", "error"),
    (LINK, "[Bericht](https://evil.example/r).", "de", "error"),
    (LINK, '[Bericht](https://example.org/r "Jetzt klicken").', "de", "error"),
    (LINK, "Lesen Sie den Bericht.", "de", "error"),
    (SIGNED, "Wir, 109 Unterzeichnende, fordern Sie auf.", "de", "error"),
    (SIGNED, "Wir, **108 Unterzeichnende**, fordern Sie auf.", "de", "error"),
    (HELLO, "Cher {nom},", "fr", "error"),
    (CODE, "Verwenden Sie hier `KSAV`.", "de", "error"),
    (THANKS, "Danke <script>alert(1)</script>.", "de", "error"),
    (THANKS, "Danke ![x](https://tracker.example/pixel.png).", "de", "error"),
    (FILES, "Im Jahr 2020 85 Millionen Dateien.", "de", "error"),
    (MILLION, "Über 100.000 Meldungen.", "de", "error"),
    (SHARE, "Vier von fünf Bürgern stimmen zu.", "de", "error"),
    ("Contact: www.example.org", "Kontakt: www.beispiel.org", "de", "error"),
    (RATE, "Die Raten stiegen um 600 %.", "de", "error"),
    ("Starting 1 January 2025.", "Ab dem 1. Februar 2025.", "de", "error"),
    ("Starting 1 January 2025.", "Από την 1η Φεβρουαρίου 2025.", "el", "error"),
    ("1,200 people signed.", "1,200 Menschen unterschrieben.", "de", "error"),  # 1,2 in German
]

PARITY_CHECKS = set(parity.CHECK_SEVERITY)


class TableEngine:
    """An engine test double that answers each source with its row's translation."""

    kind = "machine translation"
    takes_markdown = True
    max_chars = 100_000
    max_texts = 1000

    def __init__(self, answers: dict[str, str]) -> None:
        self.name = "table"
        self.answers = answers

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        return [self.answers[text] for text in texts]


def test_the_table_is_large_and_covers_every_verdict() -> None:
    assert len(PAIRS) >= 40
    assert {verdict for *_, verdict in PAIRS} == {"ok", "warning", "error"}


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> dict[int, bool]:
    """For each row, whether the draft step wrote its translation as a draft."""
    root = tmp_path_factory.mktemp("agreement")
    locales = sorted({locale for _, _, locale, _ in PAIRS})
    (root / "letters").mkdir()
    (root / "letterlingo.toml").write_text(f'name = "agreement"\nlocales = {["en", *locales]!r}\n'.replace("'", '"'),
                                           encoding="utf-8")
    for index, (source, _, locale, _) in enumerate(PAIRS):
        (root / "letters" / f"row{index}.md").write_text(f"---\ntitle: T\n---\n\n{source}\n", encoding="utf-8")
        catalog = new_catalog()
        catalog.metadata = {"Language": locale, "Content-Type": "text/plain; charset=UTF-8",
                            "Plural-Forms": "nplurals=2; plural=(n != 1);"}
        catalog.append(polib.POEntry(msgid=source, msgstr="", occurrences=[(f"letters/row{index}.md", "5")]))
        path = root / "locales" / locale / "LC_MESSAGES" / f"row{index}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_catalog(catalog, path)
    config = load_config(root)
    result: dict[int, bool] = {}
    for locale in locales:
        rows = [index for index, row in enumerate(PAIRS) if row[2] == locale]
        registry = EngineRegistry()
        engine = TableEngine({PAIRS[index][0]: PAIRS[index][1] for index in rows})
        registry.register("table", lambda context, engine=engine: engine, "tests")
        for index in rows:
            # one row per call, so rows sharing a source in a language do not share an answer
            engine.answers = {PAIRS[index][0]: PAIRS[index][1]}
            translate_catalogues(config, [f"row{index}"], (locale,), ["table"], registry=registry,
                                 retry=RetryPolicy(retries=0, delay=0, max_delay=0))
            entries = live_entries(read_catalog(config.po_file(f"row{index}", locale)))
            result[index] = bool(entries[0].msgstr)
    return result


@pytest.mark.parametrize("index", range(len(PAIRS)), ids=[f"{row[2]}-{row[3]}-{i}" for i, row in enumerate(PAIRS)])
def test_translate_check_and_edition_agree(index: int, drafted: dict[int, bool]) -> None:
    source, translation, locale, verdict = PAIRS[index]

    # check: the parity checks' findings, by severity
    severities = set()
    for item in default_registry():
        if item.scope == "entry" and item.name in PARITY_CHECKS:
            if item(source, translation, EntryContext(locale=locale)):
                severities.add(item.severity)
    found = "error" if "error" in severities else "warning" if severities else "ok"
    assert found == verdict, f"check says {found}"

    # translate: refused as a draft exactly when there is an error
    assert drafted[index] is (verdict != "error"), "the draft step disagrees"

    # edition: the translation is shown unless there is an error
    letter = parse_letter_text(f"---\ntitle: T\n---\n\n{source}\n", slug="row")
    entry = polib.POEntry(msgid=source, msgstr=translation)
    block = build_edition(letter, locale, {source: entry}).body[0]
    assert (block.state is State.REVIEWED) is (verdict != "error"), "the edition disagrees"
    assert (block.text == translation) is (verdict != "error")
