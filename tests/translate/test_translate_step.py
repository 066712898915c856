"""The translate step with engine test doubles: what it fills, keeps, rejects, retries and saves."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letterlingo.catalog import is_draft
from letterlingo.errors import EngineError
from letterlingo.translate import RetryPolicy, TransientEngineError

LINKED = "See the [report](https://example.org/r) on 2021."


def test_fills_only_empty_entries_as_fuzzy_drafts_with_a_dated_comment(
        project, po_entry, engine_double, translate, read_entries, draft_day) -> None:
    config = project({("x", "de"): [
        po_entry("Empty one."), po_entry("Reviewed.", "Geprüft."), po_entry("Draft.", "Entwurf.", fuzzy=True),
        po_entry("Empty but fuzzy.", fuzzy=True),
    ]})
    double = engine_double("double")
    report = translate(config, ["double"], [double])
    entries = read_entries(config)
    assert entries["Empty one."].msgstr == "EMPTY ONE."
    assert entries["Empty but fuzzy."].msgstr == "EMPTY BUT FUZZY."
    assert entries["Reviewed."].msgstr == "Geprüft." and not entries["Reviewed."].flags
    assert entries["Draft."].msgstr == "Entwurf."
    assert all(is_draft(entries[msgid]) for msgid in ("Empty one.", "Empty but fuzzy.", "Draft."))
    assert entries["Empty one."].tcomment == f"draft: machine translation by double, {draft_day}"
    assert double.recorder.texts == ["Empty one.", "Empty but fuzzy."]
    assert report.filled == 2 and report.characters_sent == len("Empty one.") + len("Empty but fuzzy.")


def test_a_result_with_a_changed_link_or_number_is_rejected_and_offered_to_the_next_engine(
        project, po_entry, engine_double, translate, read_entries) -> None:
    config = project({("x", "de"): [po_entry(LINKED), po_entry("In 2021.")]})
    lines = config.po_file("x", "de").read_text(encoding="utf-8").split("\n")
    # an entry's line is where it starts: its `#:` comment, just above the msgid
    linked, dated = (lines.index(f'msgid "{msgid}"') for msgid in (LINKED, "In 2021."))
    careless = engine_double("careless", answer=lambda text: text.replace("<g1>", "").replace("</g1>", "")
                             .replace("2021", "2022"))
    report = translate(config, ["careless", "pseudo"], [careless])
    result = report.catalogues[0]
    assert [str(rejection) for rejection in result.rejections] == [
        f"locales/de/LC_MESSAGES/x.po:{linked}: careless: link to 'https://example.org/r' lost",
        f"locales/de/LC_MESSAGES/x.po:{dated}: careless: number '2021' of the source is missing from the "
        "translation ('2022' instead?)",
    ]
    assert result.by_engine["pseudo"].entries == 2 and result.filled == 2
    assert "](https://example.org/r)" in read_entries(config)[LINKED].msgstr


def test_rejected_results_leave_the_entry_empty_when_no_engine_is_left(
        project, po_entry, engine_double, translate, read_entries) -> None:
    config = project({("x", "de"): [po_entry(LINKED)]})
    report = translate(config, ["careless"], [engine_double("careless", answer=lambda text: "Kein Link 2021")])
    assert read_entries(config)[LINKED].msgstr == ""
    assert report.catalogues[0].rejected == 1 and report.catalogues[0].left_empty == 1


def test_chain_skips_engines_that_do_not_support_the_language(
        project, po_entry, engine_double, translate, read_entries) -> None:
    config = project({("x", "de"): [po_entry("One.")], ("x", "ga"): [po_entry("One.")]})
    german_only = engine_double("german", languages={"de"}, answer=lambda text: "Eins.")
    report = translate(config, ["german", "pseudo"], [german_only], locales=["de", "ga"])
    assert read_entries(config, locale="de")["One."].msgstr == "Eins."
    assert read_entries(config, locale="ga")["One."].msgstr.startswith("[")
    assert [sorted(result.by_engine) for result in report.catalogues] == [["german"], ["pseudo"]]


def test_no_supporting_engine_is_reported(project, po_entry, engine_double, translate) -> None:
    config = project({("x", "ga"): [po_entry("One.")]})
    report = translate(config, ["german"], [engine_double("german", languages={"de"})], locales=["ga"])
    assert report.catalogues[0].notes == ["no engine in the chain supports en -> ga"]


def test_batches_follow_the_engine_limits_and_each_batch_is_saved(
        project, po_entry, engine_double, translate, read_entries) -> None:
    texts = [f"Sentence number {n}." for n in range(5)]
    config = project({("x", "de"): [po_entry(text) for text in texts]})
    on_disk_before_call: list[int] = []

    def answer_and_look(batch: list[str]) -> list[str]:
        on_disk_before_call.append(sum(1 for item in read_entries(config).values() if item.msgstr))
        return [text.upper() for text in batch]

    double = engine_double("double", script=answer_and_look, max_texts=2, max_chars=1000)
    translate(config, ["double"], [double])
    assert [len(call) for call in double.recorder.calls] == [2, 2, 1]
    assert on_disk_before_call == [0, 2, 4]

    small = engine_double("small", max_chars=len(texts[0]) * 2)
    translate(project({("x", "de"): [po_entry(text) for text in texts]}), ["small"], [small])
    assert [len(call) for call in small.recorder.calls] == [2, 2, 1]


def test_a_text_longer_than_the_limit_goes_to_the_next_engine(project, po_entry, engine_double, translate) -> None:
    config = project({("x", "de"): [po_entry("A rather long sentence."), po_entry("Short.")]})
    tiny = engine_double("tiny", max_chars=10)
    report = translate(config, ["tiny", "pseudo"], [tiny])
    assert tiny.recorder.texts == ["Short."]
    assert [r.reason for r in report.catalogues[0].rejections] == ["longer than the engine's limit of 10 characters"]
    assert report.catalogues[0].by_engine["pseudo"].entries == 1


def test_transient_failures_are_retried_with_back_off_resending_only_what_is_missing(
        project, po_entry, engine_double, translate) -> None:
    config = project({("x", "de"): [po_entry("One."), po_entry("Two."), po_entry("Three.")]})
    failures = iter([2, 0, 0])  # answers given before each failure; then success

    def flaky(batch: list[str]) -> list[str]:
        done = next(failures, None)
        if done is not None:
            raise TransientEngineError("HTTP 429", done=[text.upper() for text in batch[:done]])
        return [text.upper() for text in batch]

    double = engine_double("flaky", script=flaky)
    waits: list[float] = []
    report = translate(config, ["flaky"], [double], sleep=waits.append,  # the retries alone: no circuit breaker
                       retry=RetryPolicy(retries=3, delay=1.0, max_delay=10.0, failures=0))
    assert double.recorder.calls == [["One.", "Two.", "Three."], ["Three."], ["Three."], ["Three."]]
    assert waits == [1.0, 1.0, 2.0]
    assert report.filled == 3 and not report.errors
    assert report.characters_sent == len("One.Two.Three.") + 3 * len("Three.")


def test_retry_waits_grow_exponentially_honour_retry_after_and_stay_bounded() -> None:
    policy = RetryPolicy(retries=6, delay=0.5, max_delay=5.0)
    assert [policy.wait(attempt) for attempt in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]
    assert policy.wait(1, retry_after=3.0) == 3.0 and policy.wait(1, retry_after=60.0) == 5.0
    assert RetryPolicy.from_environ({"LETTERLINGO_RETRIES": "1", "LETTERLINGO_RETRY_DELAY": "0.01"}) == RetryPolicy(
        retries=1, delay=0.01, max_delay=30.0)


def test_retries_are_bounded_and_the_next_engine_takes_over(
        project, po_entry, engine_double, translate, read_entries) -> None:
    config = project({("x", "de"): [po_entry("One.")], ("y", "de"): [po_entry("Two.")]})

    def down(batch: list[str]) -> list[str]:
        raise TransientEngineError("no answer within 0.1 s")

    double = engine_double("down", script=down)
    waits: list[float] = []
    report = translate(config, ["down", "pseudo"], [double], sleep=waits.append,  # the retries alone: no breaker
                       retry=RetryPolicy(retries=3, delay=0.001, max_delay=0.005, failures=0))
    assert len(double.recorder.calls) == 1 + 3  # first try and three retries, then off for this locale
    assert len(waits) == 3
    assert report.errors == ["locales/de/LC_MESSAGES/x.po: down: no answer within 0.1 s (gave up after 3 retries)"]
    assert read_entries(config, "x")["One."].msgstr.startswith("[")
    assert read_entries(config, "y")["Two."].msgstr.startswith("[")


@pytest.mark.parametrize("script, error", [
    (lambda batch: ["only one"], "returned 1 answers for 2 texts"),
    (lambda batch: "not a list", "returned str answers for 2 texts"),
])
def test_a_wrong_number_of_results_fills_nothing(project, po_entry, engine_double, translate, script, error) -> None:
    config = project({("x", "de"): [po_entry("One."), po_entry("Two.")]})
    report = translate(config, ["odd"], [engine_double("odd", script=script)])
    assert report.filled == 0
    assert report.catalogues[0].errors == [f"odd: {error}"]


def test_a_failing_engine_keeps_the_answers_it_gave_before_failing(
        project, po_entry, engine_double, translate, read_entries) -> None:
    config = project({("x", "de"): [po_entry("One."), po_entry("Two.")]})

    def half(batch: list[str]) -> list[str]:
        error = EngineError("HTTP 403: refused")
        error.done = ["EINS."]  # type: ignore[attr-defined]
        raise error

    report = translate(config, ["half"], [engine_double("half", script=half)])
    assert read_entries(config)["One."].msgstr == "EINS." and read_entries(config)["Two."].msgstr == ""
    assert report.catalogues[0].errors == ["half: HTTP 403: refused"]


def test_a_translation_saved_by_someone_else_during_the_run_is_kept(
        project, po_entry, engine_double, translate, read_entries) -> None:
    config = project({("x", "de"): [po_entry("One."), po_entry("Two.")]})
    path = config.po_file("x", "de")

    def translator_saves_meanwhile(batch: list[str]) -> list[str]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('msgid "One."\nmsgstr ""', 'msgid "One."\nmsgstr "Eins (Mensch)."'), encoding="utf-8")
        return [text.upper() for text in batch]

    report = translate(config, ["double"], [engine_double("double", script=translator_saves_meanwhile)])
    entries = read_entries(config)
    assert entries["One."].msgstr == "Eins (Mensch)." and "fuzzy" not in entries["One."].flags
    assert entries["Two."].msgstr == "TWO."
    assert report.filled == 1


def test_dry_run_sends_and_writes_nothing_and_counts_characters(project, po_entry, engine_double, translate) -> None:
    config = project({
        ("x", "de"): [po_entry("Shared sentence."), po_entry("New sentence with **bold**.")],
        ("y", "de"): [po_entry("Shared sentence.", "Gemeinsamer Satz.")],
    })
    before = config.po_file("x", "de").read_bytes()
    double = engine_double("online")
    report = translate(config, ["memory", "online"], [double], dry_run=True)
    assert config.po_file("x", "de").read_bytes() == before
    assert double.recorder.calls == []
    result = report.catalogues[0]
    assert (result.by_engine["memory"].entries, result.by_engine["memory"].characters) == (1, 0)
    assert (result.by_engine["online"].entries, result.by_engine["online"].characters) == (
        1, len("New sentence with <g1>bold</g1>."))


def test_missing_key_stops_a_real_run_but_a_dry_run_still_plans(project, po_entry, translate) -> None:
    config = project({("x", "de"): [po_entry("One.")]})
    before = config.po_file("x", "de").read_bytes()
    with pytest.raises(EngineError, match="DEEPL_API_KEY"):
        translate(config, ["pseudo", "deepl"], environ={})
    assert config.po_file("x", "de").read_bytes() == before
    report = translate(config, ["deepl", "pseudo"], dry_run=True, environ={})
    assert (report.catalogues[0].by_engine["deepl"].entries, report.catalogues[0].by_engine["deepl"].characters) == (
        1, len("One."))
    assert "pseudo" not in report.catalogues[0].by_engine
    assert config.po_file("x", "de").read_bytes() == before
    with pytest.raises(EngineError, match="unknown engine 'nope'"):
        translate(config, ["pseudo", "nope"])
    assert config.po_file("x", "de").read_bytes() == before


def test_glossary_terms_reach_the_draft_untranslated(project, po_entry, engine_double, translate, read_entries) -> None:
    config = project({("x", "de"): [po_entry("The EU Centre and CSAM.")]}, glossary="term,de\nEU Centre,EU-Zentrum\nCSAM,\n")
    double = engine_double("double", answer=lambda text: text.replace("The", "Das").replace("and", "und"))
    translate(config, ["double"], [double])
    assert double.recorder.texts == ["The <x1/> and <x2/>."]
    assert read_entries(config)["The EU Centre and CSAM."].msgstr == "Das EU-Zentrum und CSAM."


def test_engines_come_from_the_config_or_comma_lists(project, po_entry, translate) -> None:
    from letterlingo.translate import translate_catalogues

    config = project({("x", "de"): [po_entry("One.")]})
    report = translate_catalogues(config, ["x"], ["de"], ["memory,pseudo"], environ={})
    assert report.engines == ["memory", "pseudo"] and report.filled == 1
    assert translate_catalogues(config, ["x"], ["de"], None, environ={}).engines == ["memory"]


_STATES = st.sampled_from(["empty", "empty fuzzy", "reviewed", "draft"])
_SENTENCES = ["One.", "Two **bold**.", "Three [link](#) 2021.", "Four `code`.", "Five\\\nsix.", "Seven 7.", "Eight."]
_HUMAN = {"reviewed": "Mensch: {}", "draft": "Entwurf: {}"}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.sampled_from(_SENTENCES), _STATES), min_size=1, max_size=7, unique_by=lambda t: t[0]),
       chain=st.lists(st.sampled_from(["memory", "pseudo", "careless"]), min_size=1, max_size=3, unique=True))
def test_translate_never_changes_a_non_empty_msgstr(project, po_entry, engine_double, translate, read_entries,
                                                    rows: list[tuple[str, str]], chain: list[str]) -> None:
    entries = [po_entry(msgid, _HUMAN.get(state, "{}").format(msgid) if state in _HUMAN else "",
                        fuzzy=state in ("empty fuzzy", "draft")) for msgid, state in rows]
    memory = [po_entry(msgid, f"Memory: {msgid}") for msgid, _ in rows]
    config = project({("x", "de"): entries, ("y", "de"): memory})
    careless = engine_double("careless", answer=lambda text: "drops every tag")
    translate(config, chain, [careless])
    after = read_entries(config)
    for msgid, state in rows:
        if state in _HUMAN:
            assert after[msgid].msgstr == _HUMAN[state].format(msgid)
            assert ("fuzzy" in after[msgid].flags) == (state == "draft")
        elif after[msgid].msgstr:
            assert "fuzzy" in after[msgid].flags
    assert {msgid: item.msgstr for msgid, item in read_entries(config, "y").items()} == {
        item.msgid: item.msgstr for item in memory}


@pytest.mark.parametrize("answer", [
    'Siehe <a href="javascript:alert(1)">hier</a>.',
    "Siehe [hier](javascript:alert(1)).",
    "Siehe <script>alert(1)</script> hier.",
    "Siehe ![x](https://tracker.example/p.png) hier.",
])
def test_an_answer_with_markup_of_its_own_is_rejected(project, po_entry, engine_double, translate, read_entries,
                                                       answer: str) -> None:
    """A service answering with HTML or Markdown of its own would show it as text in the draft."""
    config = project({("x", "de"): [po_entry("See here.")]})
    report = translate(config, ["hostile", "pseudo"], [engine_double("hostile", answer=lambda text: answer)])
    rejections = report.catalogues[0].rejections
    assert len(rejections) == 1 and "markup of its own" in rejections[0].reason
    assert "javascript" not in read_entries(config)["See here."].msgstr  # pseudo filled it instead


def test_text_that_only_looks_like_markup_in_the_source_is_fine(project, po_entry, engine_double, translate,
                                                                read_entries) -> None:
    config = project({("x", "de"): [po_entry("Since 3 < 4, act.")]})
    translate(config, ["echo"], [engine_double("echo", answer=lambda text: text.replace("act", "handeln"))])
    assert read_entries(config)["Since 3 < 4, act."].msgstr == "Since 3 < 4, handeln."


def test_a_memory_answer_must_keep_parity_too(project, po_entry, translate, read_entries, tmp_path) -> None:
    """A compendium written elsewhere is not trusted: a changed figure or link is refused."""
    tmx = tmp_path / "agency.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="en-GB"><seg>Stop the 58% cut.</seg></tuv><tuv xml:lang="de-DE"><seg>Stoppt die 85-%-Kürzung.'
        '</seg></tuv></tu>'
        '<tu><tuv xml:lang="en-GB"><seg>Read [this](https://q.example).</seg></tuv><tuv xml:lang="de-DE">'
        '<seg>Lies [das](javascript:alert(1)).</seg></tuv></tu></body></tmx>\n', encoding="utf-8")
    config = project({("x", "de"): [po_entry("Stop the 58% cut."), po_entry("Read [this](https://q.example).")]})
    report = translate(config, ["memory"], compendia=[tmx])
    assert len(report.catalogues[0].rejections) == 2
    entries = read_entries(config)
    assert entries["Stop the 58% cut."].msgstr == "" and entries["Read [this](https://q.example)."].msgstr == ""


def test_a_letter_in_another_language_has_nothing_to_translate_into_its_own(
        project, po_entry, engine_double, translate) -> None:
    """A letter written in German: its German edition is the letter, so no "run update" note."""
    config = project({("x", "fr"): [po_entry("Eins.")]})
    (config.root / "letters" / "x.md").write_text("---\ntitle: T\nlanguage: de\n---\n\nText.\n", encoding="utf-8")
    report = translate(config, ["double"], [engine_double("double")], locales=["de", "ga"])
    notes = {result.locale: result.notes for result in report.catalogues}
    assert notes["de"] == [] and notes["ga"] == ["no catalogue (run `letterlingo update` first)"]
