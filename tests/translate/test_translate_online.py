"""Online engines against a local HTTP server: requests, timeouts, retries, refusals, bad answers."""

from __future__ import annotations

import html
import json
import time
import urllib.parse

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from letterlingo.errors import EngineError
from letterlingo.translate import RetryPolicy, TransientEngineError
from letterlingo.translate.online import online_engine

SOURCE = "We support the **strong safeguards** of 2022 and a [6000% increase](#)."


def query(request: Request) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(request.query_string.decode("utf-8"), keep_blank_values=True))


def libre_answer(request: Request) -> Response:
    """LibreTranslate's answer to a JSON body whose `q` is a list: one text per text."""
    texts = request.get_json(force=True)["q"]
    return Response(json.dumps({"translatedText": [f"DE {text}" for text in texts]}), content_type="application/json")


@pytest.fixture
def seen_timeouts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Every HTTP request made through requests, with its timeout: none may go without one."""
    seen: list[tuple[str, object]] = []
    original = requests.Session.request

    def spy(self: requests.Session, method: str, url: str, *args: object, **kwargs: object) -> requests.Response:
        seen.append((url, kwargs.get("timeout")))
        return original(self, method, url, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(requests.Session, "request", spy)
    return seen


def environ_for(name: str, httpserver: HTTPServer) -> dict[str, str]:
    base = httpserver.url_for("/")
    return {
        "google": {"GOOGLE_TRANSLATE_URL": base + "m"},
        "deepl": {"DEEPL_API_KEY": "secret:fx", "DEEPL_URL": base + "v2/"},
        "microsoft": {"MICROSOFT_TRANSLATOR_KEY": "secret", "MICROSOFT_TRANSLATOR_REGION": "westeurope",
                      "MICROSOFT_TRANSLATOR_URL": base + "translate?api-version=3.0"},
        "mymemory": {"MYMEMORY_URL": base + "get"},
        "libre": {"LIBRE_URL": base, "LIBRE_API_KEY": "secret"},
    }[name]


def expect_engine(name: str, httpserver: HTTPServer, received: list[dict[str, object]]) -> None:
    """Answer like each service does, prefixing the text with `DE `, and record the requests."""

    def google(request: Request) -> Response:
        received.append({"q": query(request)["q"], "sl": query(request)["sl"], "tl": query(request)["tl"]})
        body = f'<html><body><div class="result-container">{html.escape("DE " + query(request)["q"])}</div></body></html>'
        return Response(body, content_type="text/html")

    def deepl(request: Request) -> Response:
        body = request.get_json(force=True)
        received.append({"auth": request.headers.get("Authorization"), **body, "method": request.method,
                         "query": request.query_string.decode()})
        return Response(json.dumps({"translations": [{"text": "DE " + text} for text in body["text"]]}),
                        content_type="application/json")

    def microsoft(request: Request) -> Response:
        received.append({"key": request.headers.get("Ocp-Apim-Subscription-Key"), **query(request),
                         "region": request.headers.get("Ocp-Apim-Subscription-Region"), "json": request.get_json()})
        return Response(json.dumps([{"translations": [{"text": "DE " + item["Text"], "to": "de"}]}
                                    for item in request.get_json()]), content_type="application/json")

    def mymemory(request: Request) -> Response:
        received.append(query(request))
        return Response(json.dumps({"responseData": {"translatedText": "DE " + query(request)["q"]}, "matches": []}),
                        content_type="application/json")

    def libre(request: Request) -> Response:
        received.append({**query(request), **request.get_json(force=True)})
        return libre_answer(request)

    handler, path, method = {
        "google": (google, "/m", "GET"), "deepl": (deepl, "/v2/translate", "POST"),
        "microsoft": (microsoft, "/translate", "POST"), "mymemory": (mymemory, "/get", "GET"),
        "libre": (libre, "/translate", "POST"),
    }[name]
    httpserver.expect_request(path, method=method).respond_with_handler(handler)


@pytest.mark.parametrize("name, requests_sent", [
    ("google", 2), ("deepl", 1), ("microsoft", 1), ("mymemory", 2), ("libre", 1),
])
def test_each_online_engine_translates_through_its_api_with_a_timeout(
        name: str, requests_sent: int, httpserver: HTTPServer, seen_timeouts: list[tuple[str, object]]) -> None:
    received: list[dict[str, object]] = []
    expect_engine(name, httpserver, received)
    engine = online_engine(name, environ_for(name, httpserver), timeout=2.5)
    tagged = "We support the <g1>strong safeguards</g1> of 2022 & more."
    assert engine.translate([tagged, "Second."], "en", "de") == [f"DE {tagged}", "DE Second."]
    assert len(received) == requests_sent and not engine.offline  # batched where the service batches
    assert seen_timeouts and all(timeout == 2.5 for _, timeout in seen_timeouts)
    assert all(url.startswith(httpserver.url_for("/")) for url, _ in seen_timeouts)
    engine.close()


def test_deepl_sends_the_key_as_a_header_by_post_with_xml_tags(httpserver: HTTPServer) -> None:
    received: list[dict[str, object]] = []
    expect_engine("deepl", httpserver, received)
    engine = online_engine("deepl", environ_for("deepl", httpserver))
    engine.translate(["Keep <g1>A & B</g1> <x2/>"], "en", "pt")
    assert received == [{"auth": "DeepL-Auth-Key secret:fx", "method": "POST", "query": "",
                         "text": ["Keep <g1>A &amp; B</g1> <x2/>"], "source_lang": "EN", "target_lang": "PT-PT",
                         "tag_handling": "xml"}]


def test_microsoft_sends_key_region_and_european_portuguese(httpserver: HTTPServer) -> None:
    received: list[dict[str, object]] = []
    expect_engine("microsoft", httpserver, received)
    online_engine("microsoft", environ_for("microsoft", httpserver)).translate(["Hi"], "en", "pt")
    assert received[0]["key"] == "secret" and received[0]["region"] == "westeurope"
    assert (received[0]["from"], received[0]["to"], received[0]["api-version"]) == ("en", "pt-pt", "3.0")
    assert received[0]["textType"] == "html"


@pytest.mark.parametrize("name, supported, unsupported", [
    ("deepl", ["de", "fr", "pl", "bg"], ["ga", "hr", "mt"]),
    ("microsoft", ["ga", "hr", "mt", "pt"], ["xx"]),
    ("google", ["ga", "hr", "mt"], ["en"]),
    ("libre", ["de", "ga"], ["hr", "mt"]),
])
def test_supported_languages(name: str, supported: list[str], unsupported: list[str], httpserver: HTTPServer) -> None:
    engine = online_engine(name, environ_for(name, httpserver))
    assert all(engine.supports("en", code) for code in supported)
    assert not any(engine.supports("en", code) for code in unsupported)


def test_libre_languages_of_a_server_of_ones_own(httpserver: HTTPServer) -> None:
    engine = online_engine("libre", {"LIBRE_URL": httpserver.url_for("/"), "LIBRE_LANGUAGES": "en,hr"})
    assert engine.supports("en", "hr") and not engine.supports("en", "de")


def test_libre_server_of_ones_own_needs_no_key(httpserver: HTTPServer) -> None:
    received: list[dict[str, object]] = []
    expect_engine("libre", httpserver, received)
    engine = online_engine("libre", {"LIBRE_URL": httpserver.url_for("/")})
    assert engine.translate(["Hi"], "en", "de") == ["DE Hi"]
    assert "api_key" not in received[0]


@pytest.mark.parametrize("status, transient", [(429, True), (500, True), (503, True), (403, False), (400, False)])
def test_http_errors_are_sorted_into_retry_or_give_up(status: int, transient: bool, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/translate").respond_with_data("busy", status=status, headers={"Retry-After": "7"})
    engine = online_engine("libre", environ_for("libre", httpserver))
    with pytest.raises(EngineError) as caught:
        engine.translate(["Hi"], "en", "de")
    assert isinstance(caught.value, TransientEngineError) == transient
    assert f"HTTP {status}" in caught.value.message
    if transient:
        assert caught.value.retry_after == 7.0
    if status == 403:
        assert "check the key in LIBRE_API_KEY" in caught.value.message


def test_answers_before_a_failure_are_kept(httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/translate").respond_with_handler(libre_answer)
    httpserver.expect_ordered_request("/translate").respond_with_data("", status=502)
    # a server of one's own that takes one text per request: three requests for three texts
    engine = online_engine("libre", {**environ_for("libre", httpserver), "LIBRE_BATCH_LIMIT": "1"})
    with pytest.raises(TransientEngineError) as caught:
        engine.translate(["One.", "Two.", "Three."], "en", "de")
    assert caught.value.done == ["DE One."]


@pytest.mark.parametrize("body", ["<html>not json</html>", '{"unexpected": true}', '{"translatedText": ["a", "b"]}'])
def test_malformed_answers_are_errors_not_translations(body: str, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/translate").respond_with_data(body, content_type="application/json")
    engine = online_engine("libre", environ_for("libre", httpserver))
    with pytest.raises(EngineError) as caught:
        engine.translate(["Hi"], "en", "de")
    assert not isinstance(caught.value, TransientEngineError)
    assert "malformed answer" in caught.value.message or "list instead of text" in caught.value.message


def test_a_stalled_server_times_out(httpserver: HTTPServer) -> None:
    def stall(request: Request) -> Response:
        time.sleep(0.4)
        return libre_answer(request)

    httpserver.expect_request("/translate").respond_with_handler(stall)
    engine = online_engine("libre", environ_for("libre", httpserver), timeout=0.1)
    started = time.monotonic()
    with pytest.raises(TransientEngineError, match=r"within 0.1 s"):
        engine.translate(["Hi"], "en", "de")
    assert time.monotonic() - started < 0.35


def test_a_server_that_is_not_there_is_a_transient_failure() -> None:
    engine = online_engine("libre", {"LIBRE_URL": "http://127.0.0.1:9/"}, timeout=0.5)
    with pytest.raises(TransientEngineError, match="cannot connect"):
        engine.translate(["Hi"], "en", "de")


def test_mymemory_quota_warning_is_an_error(httpserver: HTTPServer) -> None:
    warning = "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY."
    httpserver.expect_request("/get").respond_with_json({"responseData": {"translatedText": warning}, "matches": []})
    with pytest.raises(EngineError, match="MYMEMORY WARNING"):
        online_engine("mymemory", environ_for("mymemory", httpserver)).translate(["Hi"], "en", "de")


def test_the_step_retries_429_then_fills(project, po_entry, translate, read_entries, httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/translate").respond_with_data("slow down", status=429)
    httpserver.expect_ordered_request("/translate").respond_with_data("oops", status=500)
    httpserver.expect_request("/translate").respond_with_handler(libre_answer)
    config = project({("x", "de"): [po_entry(SOURCE)]})
    waits: list[float] = []
    report = translate(config, ["libre"], environ=environ_for("libre", httpserver), sleep=waits.append,
                       retry=RetryPolicy(retries=3, delay=0.5, max_delay=4.0))
    assert waits == [0.5, 1.0]
    assert read_entries(config)[SOURCE].msgstr == "DE " + SOURCE
    assert report.characters_sent == 3 * len("We support the <g1>strong safeguards</g1> of 2022 and a <g2>6000% increase</g2>.")


def test_the_step_gives_up_on_a_stalled_server_and_the_file_stays_valid(
        project, po_entry, translate, read_entries, httpserver: HTTPServer) -> None:
    def stall(request: Request) -> Response:
        time.sleep(0.3)
        return libre_answer(request)

    httpserver.expect_request("/translate").respond_with_handler(stall)
    config = project({("x", "de"): [po_entry("One."), po_entry("Two.")]})
    report = translate(config, ["libre", "pseudo"], environ=environ_for("libre", httpserver), timeout=0.05,
                       retry=RetryPolicy(retries=1, delay=0.001, max_delay=0.001))
    assert report.catalogues[0].errors[0].startswith("libre: no answer from")
    assert all(item.msgstr.startswith("[") for item in read_entries(config).values())
