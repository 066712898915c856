"""Local HTTP servers that imitate the translation services as their documentation describes
them, and record every request: method, path, query, headers and body.

Each answers a text as `answer(text)` (by default `DE ` and the text), keeping markup as the
real service does, and refuses what the real one refuses (a request over the documented
limits, a missing key). `fault(seen)` may answer instead (429 for ever, a stall, a 503): it
returns a (status, headers, body) triple, or None to answer normally.

Used by the tests (through fixtures in conftest.py) and by bench/engine_requests.py, so it
imports nothing from pytest.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = tuple[int, dict[str, str], bytes]

SERVICES = ("google", "deepl", "microsoft", "mymemory", "libre")


@dataclass(frozen=True)
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    query: dict[str, list[str]]
    target: str  # the request line's target: path and query string, as sent
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None


def _json(status: int, data: object, headers: dict[str, str] | None = None) -> Reply:
    return status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(data).encode("utf-8")


@dataclass
class Imitation:
    """One service on 127.0.0.1, in a thread. Use as a context manager, or start() and stop()."""

    service: str
    key: str | None = None  # the key the service accepts; None: any (or none)
    answer: Callable[[str], str] = lambda text: f"DE {text}"
    fault: Callable[[Seen], Reply | None] | None = None
    char_limit: int | None = None  # LibreTranslate's --char-limit
    batch_limit: int | None = None  # LibreTranslate's --batch-limit
    requests: list[Seen] = field(default_factory=list)
    glossaries: list[dict[str, Any]] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- running ------------------------------------------------------------------------------

    def start(self) -> Imitation:
        imitation = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body in separate writes would wait for delayed ACKs

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                split = urllib.parse.urlsplit(self.path)
                seen = Seen(self.command, split.path, urllib.parse.parse_qs(split.query, keep_blank_values=True),
                            self.path, {name.lower(): value for name, value in self.headers.items()}, body)
                with imitation._lock:
                    imitation.requests.append(seen)
                status, headers, payload = imitation.reply(seen)
                try:
                    self.send_response(status)
                    for name, value in {"Content-Length": str(len(payload)), **headers}.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:  # the client gave up waiting (a timeout test)
                    pass

            do_GET = do_POST = _handle

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Imitation:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the imitation first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    def environ(self) -> dict[str, str]:
        """The environment variables that point letterlingo's engine at this server."""
        base = self.url
        key = self.key or "imitation-key"
        return {
            "google": {"GOOGLE_TRANSLATE_URL": base + "m"},
            "deepl": {"DEEPL_API_KEY": key, "DEEPL_URL": base + "v2/"},
            "microsoft": {"MICROSOFT_TRANSLATOR_KEY": key, "MICROSOFT_TRANSLATOR_URL": base + "translate"},
            "mymemory": {"MYMEMORY_URL": base + "get"},
            "libre": {"LIBRE_URL": base, "LIBRE_API_KEY": key},
        }[self.service]

    def translations(self) -> list[Seen]:
        """The requests that asked for translations (not glossary management)."""
        paths = {"google": "/m", "deepl": "/v2/translate", "microsoft": "/translate", "mymemory": "/get",
                 "libre": "/translate"}
        return [seen for seen in self.requests if seen.path == paths[self.service]]

    # -- answering ----------------------------------------------------------------------------

    def reply(self, seen: Seen) -> Reply:
        if self.fault is not None:
            faulty = self.fault(seen)
            if faulty is not None:
                return faulty
        return getattr(self, f"_{self.service}")(seen)

    def _google(self, seen: Seen) -> Reply:
        import html

        text = seen.param("q") or ""
        page = f'<html><body><div class="result-container">{html.escape(self.answer(text))}</div></body></html>'
        return 200, {"Content-Type": "text/html; charset=utf-8"}, page.encode("utf-8")

    def _deepl(self, seen: Seen) -> Reply:
        auth = seen.headers.get("authorization", "")
        if not auth.startswith("DeepL-Auth-Key ") or (self.key and auth != f"DeepL-Auth-Key {self.key}"):
            return _json(403, {"message": "Authorization failure, check auth_key"})
        if seen.path == "/v2/glossaries" and seen.method == "GET":
            return _json(200, {"glossaries": list(self.glossaries)})
        if seen.path == "/v2/glossaries" and seen.method == "POST":
            request = seen.json()
            entries = [line for line in request["entries"].split("\n") if line]
            glossary = {"glossary_id": f"g-{len(self.glossaries) + 1}", "name": request["name"], "ready": True,
                        "source_lang": request["source_lang"], "target_lang": request["target_lang"],
                        "entry_count": len(entries), "entries": request["entries"]}
            self.glossaries.append(glossary)
            return _json(201, glossary)
        if seen.path.startswith("/v2/glossaries/"):
            found = [item for item in self.glossaries if item["glossary_id"] == seen.path.rsplit("/", 1)[1]]
            return _json(200, found[0]) if found else _json(404, {"message": "Not found"})
        if seen.path != "/v2/translate" or seen.method != "POST":
            return _json(404, {"message": "Not found"})
        if len(seen.body) > 128 * 1024:
            return _json(413, {"message": "Request Entity Too Large"})
        request = seen.json()
        texts = request.get("text")
        if not isinstance(texts, list) or not texts or len(texts) > 50 or "target_lang" not in request:
            return _json(400, {"message": "Bad request"})
        return _json(200, {"translations": [{"detected_source_language": "EN", "text": self.answer(text)}
                                            for text in texts]})

    def _microsoft(self, seen: Seen) -> Reply:
        if not seen.headers.get("ocp-apim-subscription-key") or (
                self.key and seen.headers.get("ocp-apim-subscription-key") != self.key):
            return _json(401, {"error": {"code": 401000, "message": "The request is not authorized"}})
        if seen.param("api-version") != "3.0" or not seen.param("to"):
            return _json(400, {"error": {"code": 400000, "message": "One of the request inputs is not valid."}})
        items = seen.json()
        if len(items) > 1000 or sum(len(item["Text"]) for item in items) > 50_000:
            return _json(400, {"error": {"code": 400077, "message": "The maximum request size has been exceeded."}})
        return _json(200, [{"translations": [{"text": self.answer(item["Text"]), "to": seen.param("to")}]}
                           for item in items])

    def _mymemory(self, seen: Seen) -> Reply:
        text = seen.param("q") or ""
        if len(text.encode("utf-8")) > 500:
            return _json(200, {"responseData": {"translatedText": "QUERY LENGTH LIMIT EXCEEDED. MAX ALLOWED QUERY : "
                                                                  "500 CHARS"}, "responseStatus": 403})
        return _json(200, {"responseData": {"translatedText": self.answer(text), "match": 0.85},
                           "responseStatus": 200, "responseDetails": "", "matches": []})

    def _libre(self, seen: Seen) -> Reply:
        if seen.method != "POST":
            return _json(405, {"error": "Method not allowed"})
        request = seen.json()
        if self.key and request.get("api_key") != self.key:
            return _json(403, {"error": "Invalid API key"})
        batch = request.get("q")
        texts = batch if isinstance(batch, list) else [batch]
        if self.batch_limit is not None and len(texts) > self.batch_limit:
            return _json(400, {"error": f"Invalid request: request ({len(texts)}) exceeds text limit "
                                        f"({self.batch_limit})"})
        if self.char_limit is not None and sum(len(text) for text in texts) > self.char_limit:
            return _json(400, {"error": f"Invalid request: request exceeds text limit ({self.char_limit})"})
        answers = [self.answer(text) for text in texts]
        return _json(200, {"translatedText": answers if isinstance(batch, list) else answers[0]})


def always(status: int, headers: dict[str, str] | None = None, body: bytes = b"{}") -> Callable[[Seen], Reply]:
    """A fault: every request gets this answer."""
    return lambda seen: (status, {"Content-Type": "application/json", **(headers or {})}, body)
