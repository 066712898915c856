"""Fixtures for the translate tests: engine and server test doubles, tiny projects, a runner.

The suite runs with --import-mode=importlib, where test modules cannot import a helper
module beside them, so the helpers reach the tests as fixtures."""

from __future__ import annotations

import html
import importlib.util
import json
import logging
import socket
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType

import polib
import pytest
from werkzeug import Request, Response

from letterlingo.catalog import live_entries, new_catalog, read_catalog, write_catalog
from letterlingo.config import Config, load_config
from letterlingo.translate import EngineRegistry, RetryPolicy, TranslateReport, markup, translate_catalogues
from letterlingo.translate.registry import BUILTIN_ENGINES

#: A fixed day for draft comments: 2023-11-14 (UTC).
EPOCH = "1700000000"
DRAFT_DAY = "2023-11-14"


class EngineDoubleRecorder:
    """What an engine test double was asked, call by call."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    @property
    def texts(self) -> list[str]:
        return [text for call in self.calls for text in call]

    @property
    def characters(self) -> int:
        return sum(len(text) for text in self.texts)


class EngineDouble:
    """A scriptable engine test double: `answer(text) -> str` per text, or `script(texts)` for
    a whole call (to raise, or to return the wrong number of answers)."""

    kind = "machine translation"

    def __init__(self, name: str = "double", *, answer: Callable[[str], str] | None = None,
                 script: Callable[[list[str]], list[str]] | None = None, languages: Iterable[str] | None = None,
                 max_chars: int = 100_000, max_texts: int = 1000, offline: bool = False) -> None:
        self.name = name
        self.answer = answer or (lambda text: text.upper())
        self.script = script
        self.languages = set(languages) if languages is not None else None
        self.max_chars = max_chars
        self.max_texts = max_texts
        self.offline = offline
        self.recorder = EngineDoubleRecorder()

    def supports(self, source: str, target: str) -> bool:
        return self.languages is None or target in self.languages

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        self.recorder.calls.append(list(texts))
        if self.script is not None:
            return self.script(list(texts))
        return [self.answer(text) for text in texts]


def registry_with(*doubles: object) -> EngineRegistry:
    """The built-in engines plus test doubles, registered like plugins."""
    registry = EngineRegistry()
    for name, factory in BUILTIN_ENGINES.items():
        registry.register(name, factory)
    for double in doubles:
        registry.register(double.name, lambda context, double=double: double, "tests")  # type: ignore[attr-defined]
    return registry


def write_po(path: Path, entries: Iterable[polib.POEntry], language: str = "de") -> None:
    catalog = new_catalog()
    catalog.metadata = {
        "Project-Id-Version": "test", "Language": language, "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for entry in entries:
        catalog.append(entry)
    write_catalog(catalog, path)


def make_project(root: Path, catalogues: dict[tuple[str, str], list[polib.POEntry]], *,
                 glossary: str | None = None) -> Config:
    """A project with a letter file per slug (its content does not matter to translate) and
    the given catalogues."""
    (root / "letters").mkdir(parents=True, exist_ok=True)
    (root / "letterlingo.toml").write_text('name = "test"\nlocales = ["en", "de", "fr", "ga"]\n', encoding="utf-8")
    for slug, locale in catalogues:
        (root / "letters" / f"{slug}.md").write_text("---\ntitle: T\n---\n\nText.\n", encoding="utf-8")
        write_po(root / "locales" / locale / "LC_MESSAGES" / f"{slug}.po", catalogues[(slug, locale)], locale)
    if glossary is not None:
        (root / "glossary.csv").write_text(glossary, encoding="utf-8")
    return load_config(root)


def entry(msgid: str, msgstr: str = "", *, fuzzy: bool = False, line: int = 1) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else [],
                         occurrences=[("letters/x.md", str(line))])


class CountingServerDouble:
    """A LibreTranslate-shaped HTTP test double (JSON body, `q` a text or a list of texts)
    that counts the characters it receives and answers each text as `answer(text)`; run
    behind pytest-httpserver. Texts sent as HTML are counted and answered unescaped."""

    def __init__(self, answer: Callable[[str], str] = lambda text: f"DE {text}") -> None:
        self.answer = answer
        self.characters = 0
        self.requests = 0
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        body = request.get_json(force=True, silent=True) or {}
        batch = body.get("q", [])
        texts = batch if isinstance(batch, list) else [batch]
        if body.get("format") == "html":
            texts = [html.unescape(text) for text in texts]
        with self.lock:
            self.characters += sum(len(text) for text in texts)
            self.requests += 1
        answers = [self.answer(text) for text in texts]
        if body.get("format") == "html":  # as an HTML-aware server does: tags kept, text escaped
            answers = [markup.escape(answer) for answer in answers]
        translated = answers if isinstance(batch, list) else answers[0]
        return Response(json.dumps({"translatedText": translated}), content_type="application/json")


def catalogue(config: Config, slug: str = "x", locale: str = "de") -> dict[str, polib.POEntry]:
    """A catalogue's live entries by msgid, read strictly."""
    return {item.msgid: item for item in live_entries(read_catalog(config.po_file(slug, locale)))}


def run_translate(config: Config, engines: list[str], doubles: Iterable[object] = (), **kwargs: object) -> TranslateReport:
    """translate_catalogues with a fixed date, fast retries, German unless told, and doubles."""
    kwargs.setdefault("environ", {"SOURCE_DATE_EPOCH": EPOCH})
    kwargs.setdefault("retry", RetryPolicy(retries=3, delay=0.001, max_delay=0.005))
    locales = kwargs.pop("locales", None) or ["de"]
    return translate_catalogues(config, None, locales, engines, registry=registry_with(*doubles), **kwargs)  # type: ignore[arg-type]


def _load_imitations() -> ModuleType:
    """imitations.py, by path: the bench script shares it, and test modules cannot import it."""
    spec = importlib.util.spec_from_file_location("letterlingo_tests_imitations", Path(__file__).with_name("imitations.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


IMITATIONS = _load_imitations()


@pytest.fixture
def imitations() -> ModuleType:
    """The imitation servers' module (Imitation, always, SERVICES)."""
    return IMITATIONS


@pytest.fixture
def imitation() -> Iterator[Callable[..., object]]:
    """imitation("deepl", key=..., fault=...) -> a started Imitation, stopped after the test."""
    started: list[object] = []

    def make(service: str, **kwargs: object) -> object:
        server = IMITATIONS.Imitation(service, **kwargs).start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()  # type: ignore[attr-defined]


@pytest.fixture
def engine_double() -> type[EngineDouble]:
    return EngineDouble


@pytest.fixture
def server_double() -> type[CountingServerDouble]:
    return CountingServerDouble


@pytest.fixture
def po_entry() -> Callable[..., polib.POEntry]:
    return entry


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Config]:
    """make_project in a fresh folder under tmp_path (or `root`)."""
    counter = iter(range(1_000_000))

    def make(catalogues: dict[tuple[str, str], list[polib.POEntry]], *, glossary: str | None = None,
             root: Path | None = None) -> Config:
        return make_project(root or tmp_path / f"project{next(counter)}", catalogues, glossary=glossary)

    return make


@pytest.fixture
def read_entries() -> Callable[..., dict[str, polib.POEntry]]:
    return catalogue


@pytest.fixture
def translate() -> Callable[..., TranslateReport]:
    return run_translate


@pytest.fixture
def draft_day() -> str:
    return DRAFT_DAY


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """No translate test reaches the internet: sockets may connect to this machine only."""
    original = socket.socket.connect

    def connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") and not host.startswith("/"):
            raise OSError(f"test tried to reach {host}: the translate tests stay offline")
        return original(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture(autouse=True)
def quiet_test_server() -> None:
    """The local test server logs every request at INFO; failures are easier to read without."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
