"""The online engines against local imitations of each service's documented API: how many
requests, with which method, path, headers and body; formality, DeepL glossaries, the
circuit breaker, the no-retry rule for paid services, and keys kept out of URLs and logs."""

from __future__ import annotations

import logging
import re
import time

import polib
import pytest
from support import REPO

from letterlingo.config import Config, load_config
from letterlingo.errors import ConfigError, EngineError
from letterlingo.translate import RetryPolicy, TransientEngineError, markup
from letterlingo.translate.deepl_glossary import glossary_name
from letterlingo.translate.online import online_engine
from letterlingo.translate.protect import TAG, protect

#: Slow (local HTTP imitations of each service): outside `-m "not slow"`, in every full run.
pytestmark = pytest.mark.slow

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def sentences(characters: int) -> str:
    """Plain sentences, about `characters` long, each numbered so order is visible."""
    parts: list[str] = []
    number = 1
    while sum(len(part) + 1 for part in parts) < characters:
        parts.append(f"Sentence {number} asks the Council to keep children safe online without delay.")
        number += 1
    return " ".join(parts)


def repository_paragraphs() -> list[str]:
    """33 paragraphs: the 32 different blocks of the repository's three example letters (one
    block is in two of them) and one more."""
    found: list[str] = []
    for path in sorted((REPO / "locales").glob("*.pot")):
        found += [entry.msgid for entry in polib.pofile(str(path)) if entry.msgid and entry.msgid not in found]
    return found + [sentences(400)]


PARAGRAPHS = repository_paragraphs()


# -- batching: one request where the API takes a batch -----------------------------------------


def test_there_are_33_paragraphs() -> None:
    assert len(PARAGRAPHS) == len(set(PARAGRAPHS)) == 33


def test_deepl_sends_33_paragraphs_in_one_request(project, po_entry, translate, read_entries, imitation) -> None:
    server = imitation("deepl", key="secret:fx")
    config = project({("x", "de"): [po_entry(text) for text in PARAGRAPHS]})
    report = translate(config, ["deepl"], environ={**EPOCH, **server.environ()})
    assert [(seen.method, seen.path) for seen in server.requests] == [("POST", "/v2/translate")]
    seen = server.requests[0]
    body = seen.json()
    assert len(body["text"]) == 33
    assert body["text"][0] == markup.escape(protect(PARAGRAPHS[0]).text)
    assert (body["source_lang"], body["target_lang"], body["tag_handling"]) == ("EN", "DE", "xml")
    assert "formality" not in body and "glossary_id" not in body
    assert seen.headers["authorization"] == "DeepL-Auth-Key secret:fx" and seen.target == "/v2/translate"
    assert seen.headers["content-type"].startswith("application/json")
    assert len(seen.body) <= 128 * 1024
    assert report.filled == 33 and not report.errors
    assert all(item.msgstr.startswith("DE ") for item in read_entries(config).values())


def test_deepl_splits_a_call_over_128_kib_into_requests_within_the_limits(imitation) -> None:
    server = imitation("deepl")
    engine = online_engine("deepl", server.environ())
    texts = [f"{number} " + "Ελληνικό κείμενο. " * 150 for number in range(60)]  # ~5 KB each, 60 texts
    assert engine.translate(texts, "en", "el") == [f"DE {text}" for text in texts]
    assert len(server.requests) >= 3
    assert all(len(seen.body) <= 128 * 1024 and len(seen.json()["text"]) <= 50 for seen in server.requests)
    assert [text for seen in server.requests for text in seen.json()["text"]] == texts


def test_microsoft_sends_one_html_request_with_the_key_in_headers(
        project, po_entry, translate, read_entries, imitation) -> None:
    server = imitation("microsoft", key="ms-secret")
    config = project({("x", "de"): [po_entry(text) for text in PARAGRAPHS]})
    environ = {**EPOCH, **server.environ(), "MICROSOFT_TRANSLATOR_REGION": "westeurope"}
    report = translate(config, ["microsoft"], environ=environ)
    assert len(server.requests) == 1
    seen = server.requests[0]
    assert (seen.method, seen.path) == ("POST", "/translate")
    assert {name: seen.param(name) for name in ("api-version", "from", "to", "textType")} == {
        "api-version": "3.0", "from": "en", "to": "de", "textType": "html"}
    assert seen.headers["ocp-apim-subscription-key"] == "ms-secret"
    assert seen.headers["ocp-apim-subscription-region"] == "westeurope"
    items = seen.json()
    assert len(items) == 33 and all(set(item) == {"Text"} for item in items)
    assert not any(TAG.search(item["Text"]) for item in items)  # our tags travel as spans
    assert any('<span id="g' in item["Text"] for item in items)
    assert report.filled == 33 and not report.errors
    assert all(item.msgstr.startswith("DE ") for item in read_entries(config).values())


def test_microsoft_spans_map_back_to_our_tags_exactly() -> None:
    tagged = "Keep <g1>A & <g2>B</g2></g1> and <x3/> < 5."
    sent = markup.to_html(tagged)
    assert sent == ('Keep <span id="g1">A &amp; <span id="g2">B</span></span> and '
                    '<span class="notranslate" id="x3"></span> &lt; 5.')
    assert markup.from_html(sent) == tagged
    # a service may reorder attributes, change case and quotes, or fill the kept span
    answered = "Behalte <SPAN ID='x3' class=notranslate>x</SPAN> und <span id=\"g1\">A &amp; <span id=g2>B</span></span>."
    assert markup.from_html(answered) == "Behalte <x3/> und <g1>A & <g2>B</g2></g1>."
    # a span it lost leaves its tag missing, which the step rejects with a reason
    assert markup.from_html('Behalte <span id="g1">A') == "Behalte <g1>A"


def test_libre_sends_a_list_with_the_key_in_the_body(project, po_entry, translate, read_entries, imitation) -> None:
    server = imitation("libre", key="libre-secret")
    config = project({("x", "de"): [po_entry(text) for text in PARAGRAPHS]})
    report = translate(config, ["libre"], environ={**EPOCH, **server.environ(), "LIBRE_CHAR_LIMIT": "20000"})
    assert len(server.requests) == 1
    seen = server.requests[0]
    assert (seen.method, seen.target) == ("POST", "/translate")  # nothing in the URL
    body = seen.json()
    assert isinstance(body["q"], list) and len(body["q"]) == 33
    assert (body["source"], body["target"], body["format"], body["api_key"]) == ("en", "de", "html", "libre-secret")
    assert report.filled == 33 and not report.errors


def test_libre_keeps_within_the_public_servers_2000_characters(project, po_entry, translate, imitation) -> None:
    server = imitation("libre", char_limit=2000)
    config = project({("x", "de"): [po_entry(text) for text in PARAGRAPHS]})
    report = translate(config, ["libre"], environ={**EPOCH, **server.environ()})
    assert report.filled == 33 and not report.errors
    batches = [seen.json()["q"] for seen in server.requests]
    assert all(sum(len(text) for text in batch) <= 2000 for batch in batches)
    assert sum(len(batch) for batch in batches) == 33 and len(batches) < 33


def test_mymemory_cuts_a_1200_character_paragraph_into_three_requests(
        project, po_entry, translate, read_entries, imitation) -> None:
    server = imitation("mymemory")
    paragraph = sentences(1200)
    assert 1200 <= len(paragraph) < 1300
    config = project({("x", "de"): [po_entry(paragraph)]})
    report = translate(config, ["mymemory"], environ={**EPOCH, **server.environ()})
    pieces = [seen.param("q") or "" for seen in server.requests]
    assert len(server.requests) == 3 and all(seen.method == "GET" for seen in server.requests)
    assert all(len(piece.encode("utf-8")) <= 500 for piece in pieces)
    assert " ".join(pieces) == paragraph  # cut between sentences, nothing lost or repeated
    assert all(piece.endswith(".") for piece in pieces)
    assert read_entries(config)[paragraph].msgstr == " ".join(f"DE {piece}" for piece in pieces)
    assert report.filled == 1


def test_mymemory_never_cuts_inside_a_tag_and_prefers_whole_spans(imitation) -> None:
    server = imitation("mymemory")
    engine = online_engine("mymemory", server.environ())
    text = " ".join(f"Point {n}: <g{n}>we ask you. To act now</g{n}> and <x{n + 100}/> protect them." for n in range(1, 20))
    assert len(text.encode("utf-8")) > 1200
    [answer] = engine.translate([text], "en", "de")
    pieces = [seen.param("q") or "" for seen in server.requests]
    assert all(len(piece.encode()) <= 500 for piece in pieces) and len(pieces) >= 3
    for piece in pieces:
        assert not re.search(r"<[^>]*$|^[^<]*>", piece)  # no tag cut in two
        opened = re.findall(r"<g(\d+)>", piece)
        assert opened == re.findall(r"</g(\d+)>", piece)  # spans whole within a piece
    assert answer == " ".join(f"DE {piece}" for piece in pieces)


def test_google_has_no_batch_form_one_request_per_text(imitation) -> None:
    server = imitation("google")
    engine = online_engine("google", server.environ())
    assert engine.translate(["One.", "Two.", "Three."], "en", "de") == ["DE One.", "DE Two.", "DE Three."]
    assert [seen.param("q") for seen in server.requests] == ["One.", "Two.", "Three."]


# -- DeepL: formality --------------------------------------------------------------------------


def formality_project(project, po_entry, table: str) -> Config:
    config = project({("x", locale): [po_entry("Please sign the letter.")] for locale in ("de", "fr", "fi")})
    (config.root / "letterlingo.toml").write_text(
        f'name = "test"\nlocales = ["en", "de", "fr", "fi", "ga"]\n\n[translate]\n{table}\n', encoding="utf-8")
    return load_config(config.root)


def test_deepl_sends_formality_only_where_configured_and_offered(project, po_entry, translate, imitation) -> None:
    server = imitation("deepl")
    config = formality_project(project, po_entry, 'formality = {de = "more", fi = "less"}')
    assert dict(config.formality) == {"de": "more", "fi": "less"}
    report = translate(config, ["deepl"], environ={**EPOCH, **server.environ()}, locales=["de", "fr", "fi"])
    assert report.filled == 3
    sent = {seen.json()["target_lang"]: seen.json().get("formality") for seen in server.requests}
    assert sent == {"DE": "more", "FR": None, "FI": None}  # fr not configured; DeepL offers none for fi


@pytest.mark.parametrize("table, message", [
    ('formality = {de = "polite"}',
     "letterlingo.toml:5: translate.formality: de = 'polite' is not one of default, more, less, prefer_more, "
     "prefer_less"),
    ('formality = {xx-nope = "more"}', "letterlingo.toml:5: translate.formality: unknown language code 'xx-nope'"),
    ('formality = {it = "more"}', "letterlingo.toml:5: translate.formality: 'it' is not one of the project's locales"),
    ('formality = "more"', "letterlingo.toml:5: translate.formality must be a table of strings, such as {de = \"more\"}"),
    ('tone = "warm"', "letterlingo.toml:5: unknown setting 'translate.tone' (known: translate.formality)"),
])
def test_formality_settings_are_checked_with_a_one_line_error(project, po_entry, table: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        formality_project(project, po_entry, table)
    assert str(caught.value) == message and "\n" not in str(caught.value)


# -- DeepL: glossaries -------------------------------------------------------------------------

GLOSSARY = "term,de,fr\nEU Centre,EU-Zentrum,Centre de l'UE\nCSAM,,\n"
SENTENCE = "The EU Centre must find CSAM."


def test_deepl_glossary_is_created_once_and_reused_by_its_hash(
        project, po_entry, translate, read_entries, imitation) -> None:
    server = imitation("deepl")
    environ = {**EPOCH, **server.environ()}
    config = project({("x", "de"): [po_entry(SENTENCE)]}, glossary=GLOSSARY)
    translate(config, ["deepl"], environ=environ)
    assert [(seen.method, seen.path) for seen in server.requests] == [
        ("GET", "/v2/glossaries"), ("POST", "/v2/glossaries"), ("POST", "/v2/translate")]
    created = server.requests[1].json()
    assert created == {"name": glossary_name("en", "de", "EU Centre\tEU-Zentrum"), "source_lang": "en",
                       "target_lang": "de", "entries": "EU Centre\tEU-Zentrum", "entries_format": "tsv"}
    request = server.requests[2].json()
    assert request["glossary_id"] == "g-1"
    assert request["text"] == ["The EU Centre must find <x1/>."]  # the term as words, the name as a tag
    assert read_entries(config)[SENTENCE].msgstr == "DE The EU Centre must find CSAM."

    # a second run (another project with the same glossary) lists, finds it by name, creates nothing
    again = project({("x", "de"): [po_entry(SENTENCE)]}, glossary=GLOSSARY)
    translate(again, ["deepl"], environ=environ)
    later = server.requests[3:]
    assert [(seen.method, seen.path) for seen in later] == [("GET", "/v2/glossaries"), ("POST", "/v2/translate")]
    assert later[1].json()["glossary_id"] == "g-1" and len(server.glossaries) == 1

    # changed entries are a new name, so a new glossary; an unchanged pair reuses its own
    changed = project({("x", "de"): [po_entry(SENTENCE)], ("x", "fr"): [po_entry(SENTENCE)]},
                      glossary=GLOSSARY.replace("EU-Zentrum", "EU-Zentralstelle"))
    translate(changed, ["deepl"], environ=environ, locales=["de", "fr"])
    assert [item["target_lang"] for item in server.glossaries] == ["de", "de", "fr"]


def test_without_renderings_for_a_language_no_glossary_is_made(project, po_entry, translate, imitation) -> None:
    server = imitation("deepl")
    config = project({("x", "de"): [po_entry(SENTENCE)]}, glossary="term\nEU Centre\nCSAM\n")
    translate(config, ["deepl"], environ={**EPOCH, **server.environ()})
    assert [seen.path for seen in server.requests] == ["/v2/translate"]
    assert server.requests[0].json()["text"] == ["The <x1/> must find <x2/>."]


def test_engines_without_glossaries_keep_every_term_as_a_tag(project, po_entry, translate, read_entries,
                                                               imitation) -> None:
    server = imitation("libre")
    config = project({("x", "de"): [po_entry(SENTENCE)]}, glossary=GLOSSARY)
    translate(config, ["libre"], environ={**EPOCH, **server.environ()})
    assert server.requests[0].json()["q"] == ["The <x1/> must find <x2/>."]
    assert read_entries(config)[SENTENCE].msgstr == "DE The EU-Zentrum must find CSAM."


# -- the circuit breaker -----------------------------------------------------------------------


def test_a_service_answering_429_for_ever_costs_three_requests_per_run(
        project, po_entry, translate, read_entries, imitation, imitations) -> None:
    server = imitation("deepl", fault=imitations.always(429, {"Retry-After": "1"}))
    config = project({("x", locale): [po_entry("One."), po_entry("Two.")] for locale in ("de", "fr")}
                     | {("y", locale): [po_entry("Three.")] for locale in ("de", "fr")})
    waits: list[float] = []
    report = translate(config, ["deepl", "pseudo"], environ={**EPOCH, **server.environ()}, locales=["de", "fr"],
                       sleep=waits.append, retry=RetryPolicy(retries=4, delay=0.5, max_delay=2.0))
    assert len(server.requests) == 3  # not five per catalogue
    assert waits == [1.0, 1.0]
    assert report.errors == [f"locales/de/LC_MESSAGES/x.po: deepl: HTTP 429 from {server.url}v2/ (3 failed calls in "
                             "a row: deepl is not used for the rest of this run; its entries go to pseudo)"]
    assert report.filled == 6
    for slug, locale in (("x", "de"), ("x", "fr"), ("y", "de"), ("y", "fr")):
        assert all(item.msgstr.startswith("[") for item in read_entries(config, slug, locale).values())


def test_a_refused_key_stops_the_engine_at_once(project, po_entry, translate, imitation) -> None:
    """A wrong key will not be right in the next catalogue: one request, then the next engine."""
    server = imitation("libre", key="right")
    config = project({("x", locale): [po_entry("One.")] for locale in ("de", "fr", "it", "pl", "es")})
    environ = {**EPOCH, **server.environ(), "LIBRE_API_KEY": "wrong"}
    report = translate(config, ["libre", "pseudo"], environ=environ, locales=["de", "fr", "it", "pl", "es"])
    assert len(server.requests) == 1 and report.filled == 5
    assert len(report.errors) == 1 and "not used for the rest of this run; its entries go to pseudo" in report.errors[0]
    assert "failed calls in a row" not in report.errors[0]


def test_a_used_up_deepl_quota_stops_deepl_at_once(project, po_entry, translate, imitation, imitations) -> None:
    server = imitation("deepl", fault=imitations.always(456, {}))
    config = project({("x", locale): [po_entry("One.")] for locale in ("de", "fr", "it")})
    report = translate(config, ["deepl"], environ={**EPOCH, **server.environ()}, locales=["de", "fr", "it"])
    assert len(server.requests) == 1
    assert len(report.errors) == 1 and "quota is used up" in report.errors[0]
    assert any("no engine left" in note for result in report.catalogues for note in result.notes)


def test_the_breaker_counts_failures_in_a_row_only(project, po_entry, translate, imitation) -> None:
    answers = iter([429, 200, 429, 429, 200, 429, 429, 200, 200])  # never three failures in a row

    def flaky(seen):
        status = next(answers)
        return None if status == 200 else (status, {"Content-Type": "application/json"}, b"{}")

    server = imitation("libre", fault=flaky)
    config = project({("x", "de"): [po_entry(f"Text {n}.") for n in range(4)]})
    environ = {**EPOCH, **server.environ(), "LIBRE_BATCH_LIMIT": "1"}  # one text per call and request
    report = translate(config, ["libre"], environ=environ, sleep=lambda seconds: None)
    assert report.filled == 4 and not report.errors and len(server.requests) == 9


def test_the_breaker_threshold_comes_from_the_environment() -> None:
    assert RetryPolicy.from_environ({}).failures == 3
    assert RetryPolicy.from_environ({"LETTERLINGO_MAX_FAILURES": "5"}).failures == 5


# -- paid services: no retry of what may have been billed ---------------------------------------


def stall(seconds: float):
    def fault(seen):
        time.sleep(seconds)
        return None

    return fault


@pytest.mark.parametrize("service", ["deepl", "microsoft"])
def test_a_timed_out_request_to_a_paid_service_is_not_retried(
        service: str, project, po_entry, translate, read_entries, imitation) -> None:
    server = imitation(service, fault=stall(0.6))
    config = project({("x", "de"): [po_entry("One."), po_entry("Two.")]})
    report = translate(config, [service, "pseudo"], environ={**EPOCH, **server.environ()}, timeout=0.15)
    assert len(server.requests) == 1
    assert "not retried" in report.errors[0] and "may have processed (and billed)" in report.errors[0]
    assert all(item.msgstr.startswith("[") for item in read_entries(config).values())


def test_a_timed_out_request_to_a_free_service_is_retried(project, po_entry, translate, imitation) -> None:
    server = imitation("libre", fault=stall(0.6))
    config = project({("x", "de"): [po_entry("One.")]})
    report = translate(config, ["libre", "pseudo"], environ={**EPOCH, **server.environ()}, timeout=0.15,
                       retry=RetryPolicy(retries=1, delay=0.001, max_delay=0.001))
    assert len(server.requests) == 2 and report.errors[0].endswith("(gave up after 1 retries)")


@pytest.mark.parametrize("status, headers, transient", [
    (429, {}, True), (529, {}, True), (503, {"Retry-After": "2"}, True), (503, {}, False), (500, {}, False),
    (502, {}, False), (456, {}, False),
])
def test_a_paid_service_is_retried_only_when_the_request_was_not_processed(
        status: int, headers: dict[str, str], transient: bool, imitation, imitations) -> None:
    server = imitation("deepl", fault=imitations.always(status, headers))
    with pytest.raises(EngineError) as caught:
        online_engine("deepl", server.environ()).translate(["Hi"], "en", "de")
    assert isinstance(caught.value, TransientEngineError) == transient
    if not transient and status >= 500:
        assert "not retried" in caught.value.message


def test_a_connection_never_made_is_retried_even_for_a_paid_service() -> None:
    engine = online_engine("deepl", {"DEEPL_API_KEY": "k", "DEEPL_URL": "http://127.0.0.1:9/v2/"}, timeout=0.5)
    with pytest.raises(TransientEngineError, match="cannot connect"):
        engine.translate(["Hi"], "en", "de")


# -- keys never in URLs or logs ----------------------------------------------------------------

SECRET = "s3cr3t-K3Y-4-tests"


@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR])
@pytest.mark.parametrize("service", ["deepl", "microsoft", "libre", "mymemory", "google"])
def test_keys_are_never_in_urls_or_logs(service: str, level: int, project, po_entry, translate, imitation,
                                        imitations, caplog: pytest.LogCaptureFixture) -> None:
    for name in ("urllib3", "requests", "letterlingo"):
        caplog.set_level(level, logger=name)
    server = imitation(service)
    environ = {**EPOCH, **server.environ(), "MICROSOFT_TRANSLATOR_REGION": "westeurope"}
    for name in ("DEEPL_API_KEY", "MICROSOFT_TRANSLATOR_KEY", "LIBRE_API_KEY"):
        if name in environ:
            environ[name] = SECRET
    if service == "mymemory":
        environ |= {"MYMEMORY_KEY": SECRET, "MYMEMORY_EMAIL": "campaign@example.org"}
    config = project({("x", "de"): [po_entry("One **bold** step."), po_entry(sentences(700))]}, glossary=GLOSSARY)
    report = translate(config, [service], environ=environ)
    assert report.filled == 2

    # then a refusal whose body repeats the key, as some services do
    server.fault = imitations.always(400, body=f'{{"error": "bad key {SECRET}"}}'.encode())
    again = project({("x", "de"): [po_entry("Two.")]})
    failed = translate(again, [service], environ=environ, retry=RetryPolicy(retries=0, delay=0, max_delay=0))
    assert failed.errors

    logged = caplog.text + "\n".join(record.getMessage() for record in caplog.records)
    assert SECRET not in logged and "campaign@example.org" not in logged
    assert SECRET not in "\n".join(report.errors + failed.errors)
    if level == logging.DEBUG:
        assert any(server.url.split("//")[1].split("/")[0].split(":")[1] in record.getMessage()
                   for record in caplog.records if record.name.startswith("urllib3"))  # urllib3 did log requests
    for seen in server.requests:
        if service == "mymemory":  # the only documented way to send them: `key` and `de` in the query
            assert seen.param("key") == SECRET and seen.param("de") == "campaign@example.org"
            assert SECRET not in seen.target.replace(f"key={SECRET}", "")
        else:
            assert SECRET not in seen.target and "campaign" not in seen.target
