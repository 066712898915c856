"""Online engines (google, deepl, microsoft, mymemory, libre) through deep-translator.

deep-translator 1.11 calls `requests.get`/`requests.post` at module level without a timeout,
so a stalled server would hang a run for ever. Each call is therefore routed through a
`Transport`: the deep-translator module's `requests` name points at it for the duration of
the call, and it adds a timeout to every request, reuses one connection, and keeps the last
response so a failure can be sorted into "retry" (429, 5xx, timeouts, dropped connections)
or "give up" (a refused key, a malformed answer). Base URLs come from environment variables,
so a self-hosted server (or a test server) replaces the public one.

Two classes are adapted rather than used as shipped: DeepL has refused `auth_key` query
parameters and GET requests since its 2025 change notices (deep-translator 1.11.4 still
sends both), and deep-translator's Microsoft class downloads its language list in its
constructor, which would be an unguarded request on every run.
"""

from __future__ import annotations

import html
import importlib
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType, SimpleNamespace
from typing import Any

import requests
from deep_translator import (
    GoogleTranslator,
    LibreTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
)
from deep_translator.constants import (
    DEEPL_LANGUAGE_TO_CODE,
    GOOGLE_LANGUAGES_TO_CODES,
    LIBRE_LANGUAGES_TO_CODES,
    MY_MEMORY_LANGUAGES_TO_CODES,
)
from deep_translator.deepl import DeeplTranslator

from ..errors import EngineError
from ..languages import EU_LANGUAGES
from .base import DEFAULT_TIMEOUT
from .errors import TransientEngineError
from .protect import TAG

#: Languages of the public LibreTranslate server's Argos models (Croatian and Maltese have
#: none); a self-hosted server may differ: LIBRE_LANGUAGES="de,fr,..." overrides the list.
LIBRE_LANGUAGES = frozenset(
    "bg cs da de el en es et fi fr ga hu it lt lv nl pl pt ro sk sl sv".split()
) | frozenset(LIBRE_LANGUAGES_TO_CODES.values())


def _language(code: str) -> str:
    return code.split("_")[0].split("-")[0].lower()


class _NeverRaised(Exception):
    """Stands in for `requests.exceptions.RequestException` in deep-translator's modules:
    deep-translator's Microsoft class catches that, logs it and then fails on `None`; a
    timeout must reach us as a timeout instead."""


class Transport:
    """What deep-translator's modules see as `requests`: a timeout on every request."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, session: requests.Session | None = None) -> None:
        self.timeout = timeout
        self.session = session or requests.Session()
        self.last_response: requests.Response | None = None
        self.exceptions = SimpleNamespace(RequestException=_NeverRaised)

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        self.last_response = None
        response = self.session.request(method, url, **kwargs)
        self.last_response = response
        return response

    def get(self, url: str, params: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("GET", url, params=params, **kwargs)

    def post(self, url: str, data: Any = None, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("POST", url, data=data, json=json, **kwargs)

    def close(self) -> None:
        self.session.close()


_ROUTE_LOCK = threading.RLock()


@contextmanager
def _routed(module: ModuleType, transport: Transport) -> Iterator[None]:
    """Point `module.requests` at `transport` for one call (one call at a time, hence the lock)."""
    with _ROUTE_LOCK:
        saved = module.requests
        module.requests = transport  # type: ignore[attr-defined]
        try:
            yield
        finally:
            module.requests = saved  # type: ignore[attr-defined]


class _DeeplTranslator(DeeplTranslator):
    """DeepL as its API stands now: POST, `Authorization: DeepL-Auth-Key`, and XML tag handling,
    so DeepL moves our `<g1>` tags with the words they wrap."""

    _TARGETS = {"pt": "PT-PT", "en": "EN-GB"}

    def __init__(self, transport: Transport, url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._transport = transport
        self._base_url = url if url.endswith("/") else url + "/"

    def translate(self, text: str, **kwargs: Any) -> str:
        target = self._TARGETS.get(self._target, self._target.upper())
        response = self._transport.post(
            self._base_url + "translate",
            headers={"Authorization": f"DeepL-Auth-Key {self.api_key}"},
            data={"text": _xml_escape(text), "source_lang": self._source.upper(), "target_lang": target,
                  "tag_handling": "xml"},
        )
        response.raise_for_status()
        return _xml_unescape(response.json()["translations"][0]["text"])


def _xml_escape(text: str) -> str:
    return _outside_tags(text, lambda chunk: html.escape(chunk, quote=False))


def _xml_unescape(text: str) -> str:
    return _outside_tags(text, html.unescape)


def _outside_tags(text: str, change: Callable[[str], str]) -> str:
    parts, position = [], 0
    for match in TAG.finditer(text):
        parts.append(change(text[position:match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(change(text[position:]))
    return "".join(parts)


#: Microsoft Translator codes for the EU languages: its own language list, fetched by
#: deep-translator's constructor, is not needed to call the API.
_MICROSOFT_CODES = {code: code for code in EU_LANGUAGES} | {"pt": "pt-pt"}


class _MicrosoftTranslator(MicrosoftTranslator):
    def _get_supported_languages(self) -> dict[str, str]:
        return {value: value for value in _MICROSOFT_CODES.values()}


@dataclass(frozen=True)
class OnlineSpec:
    """One online engine: where it lives, which key it needs, what it accepts."""

    name: str
    url_env: str
    default_url: str
    key_envs: tuple[str, ...]
    languages: frozenset[str]
    max_chars: int
    module: str | None = None  # the deep-translator module whose `requests` is routed
    key_required: bool = True
    signup: str = ""


SPECS: dict[str, OnlineSpec] = {
    "google": OnlineSpec(
        "google", "GOOGLE_TRANSLATE_URL", "https://translate.google.com/m", (),
        frozenset(_language(code) for code in GOOGLE_LANGUAGES_TO_CODES.values()), 4999,
        module="deep_translator.google", key_required=False,
    ),
    "deepl": OnlineSpec(
        "deepl", "DEEPL_URL", "", ("DEEPL_API_KEY",),
        frozenset(DEEPL_LANGUAGE_TO_CODE.values()), 20_000,
        signup="https://www.deepl.com/pro-api",
    ),
    "microsoft": OnlineSpec(
        "microsoft", "MICROSOFT_TRANSLATOR_URL",
        "https://api.cognitive.microsofttranslator.com/translate?api-version=3.0",
        ("MICROSOFT_TRANSLATOR_KEY", "MICROSOFT_API_KEY"), frozenset(_MICROSOFT_CODES), 10_000,
        module="deep_translator.microsoft", signup="https://azure.microsoft.com/products/ai-services/translator",
    ),
    "mymemory": OnlineSpec(
        "mymemory", "MYMEMORY_URL", "https://api.mymemory.translated.net/get", (),
        frozenset(_language(code) for code in MY_MEMORY_LANGUAGES_TO_CODES.values()), 499,
        module="deep_translator.mymemory", key_required=False,
    ),
    "libre": OnlineSpec(
        "libre", "LIBRE_URL", "https://libretranslate.com/", ("LIBRE_API_KEY",), LIBRE_LANGUAGES, 2000,
        module="deep_translator.libre", signup="https://portal.libretranslate.com",
    ),
}


def _mymemory_code(code: str) -> str:
    """MyMemory wants regional codes (`de-DE`); the language's own region first."""
    values = list(MY_MEMORY_LANGUAGES_TO_CODES.values())
    language = _language(code)
    if f"{language}-{language.upper()}" in values:
        return f"{language}-{language.upper()}"
    preferred = {"en": "en-GB", "pt": "pt-PT", "el": "el-GR", "da": "da-DK", "cs": "cs-CZ", "et": "et-EE",
                 "sl": "sl-SI", "sv": "sv-SE", "ga": "ga-IE"}
    if preferred.get(language) in values:
        return preferred[language]
    return next(value for value in values if _language(value) == language)


class OnlineEngine:
    """An online engine: one deep-translator object per language pair, one request per text."""

    offline = False
    kind = "machine translation"
    max_texts = 10

    def __init__(self, spec: OnlineSpec, url: str, key: str | None, transport: Transport,
                 environ: Mapping[str, str]) -> None:
        self.spec = spec
        self.name = spec.name
        self.max_chars = spec.max_chars
        self.url = url
        self.key = key
        self.transport = transport
        self.environ = environ
        self.languages = spec.languages
        if spec.name == "libre" and environ.get("LIBRE_LANGUAGES"):
            codes = environ["LIBRE_LANGUAGES"].split(",")
            self.languages = frozenset(_language(code) for code in codes if code.strip())
        self._module = importlib.import_module(spec.module) if spec.module else None
        self._translators: dict[tuple[str, str], Any] = {}

    def supports(self, source: str, target: str) -> bool:
        source, target = _language(source), _language(target)
        return source != target and source in self.languages and target in self.languages

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        translator = self._translator(_language(source), _language(target))
        done: list[str] = []
        for text in texts:
            try:
                done.append(self._one(translator, text))
            except TransientEngineError as exc:
                raise TransientEngineError(exc.message, done=done, retry_after=exc.retry_after) from exc
            except EngineError as exc:
                exc.done = list(done)  # what was answered before the failure is kept
                raise
        return done

    def close(self) -> None:
        self.transport.close()

    def _translator(self, source: str, target: str) -> Any:
        key = (source, target)
        if key not in self._translators:
            try:
                self._translators[key] = self._build(source, target)
            except EngineError:
                raise
            except Exception as exc:  # deep-translator's own language and key checks
                raise EngineError(f"cannot set up {source} -> {target}: {exc}") from exc
        return self._translators[key]

    def _build(self, source: str, target: str) -> Any:
        name = self.spec.name
        if name == "google":
            translator = GoogleTranslator(source=source, target=target)
            translator._base_url = self.url
        elif name == "deepl":
            translator = _DeeplTranslator(self.transport, self.url, source=source, target=target, api_key=self.key)
        elif name == "microsoft":
            translator = _MicrosoftTranslator(source=_MICROSOFT_CODES.get(source, source),
                                              target=_MICROSOFT_CODES.get(target, target), api_key=self.key,
                                              region=self.environ.get("MICROSOFT_TRANSLATOR_REGION") or None)
            translator._base_url = self.url
        elif name == "mymemory":
            translator = MyMemoryTranslator(source=_mymemory_code(source), target=_mymemory_code(target),
                                            email=self.environ.get("MYMEMORY_EMAIL") or None)
            translator._base_url = self.url
        else:
            translator = LibreTranslator(source="en", target="es", api_key=self.key or "-", custom_url=self.url)
            translator.source, translator.target = source, target
            translator.api_key = self.key or ""  # a self-hosted server may need none
        return translator

    def _one(self, translator: Any, text: str) -> str:
        self.transport.last_response = None
        try:
            if self._module is not None:
                with _routed(self._module, self.transport):
                    result = translator.translate(text)
            else:
                result = translator.translate(text)
        except Exception as exc:  # deep-translator raises its own types, KeyError, ValueError...
            raise self._classify(exc) from exc
        if result is None:
            return ""
        if not isinstance(result, str):
            raise EngineError(f"unexpected answer from {self.url}: {type(result).__name__} instead of text")
        if result.startswith("MYMEMORY WARNING"):
            raise EngineError(result.strip()[:160])
        return result

    def _classify(self, exc: Exception) -> EngineError:
        """Retry what may pass (429, 5xx, timeouts, lost connections); give up on the rest."""
        if isinstance(exc, requests.Timeout):
            return TransientEngineError(f"no answer from {self.url} within {self.transport.timeout:g} s")
        if isinstance(exc, requests.ConnectionError):
            return TransientEngineError(f"cannot connect to {self.url}")
        response = self.transport.last_response
        status = response.status_code if response is not None else None
        if status == 429 or (status is not None and status >= 500):
            return TransientEngineError(f"HTTP {status} from {self.url}", retry_after=_retry_after(response))
        if status in (401, 403):
            where = f" in {self.spec.key_envs[0]}" if self.spec.key_envs else ""
            return EngineError(f"HTTP {status}: {self.url} refused the request; check the key{where}")
        if status == 456:
            return EngineError("HTTP 456: the account's character quota is used up")
        if status is not None and status >= 400:
            return EngineError(f"HTTP {status} from {self.url}: {_snippet(response)}")
        if status is None:
            return EngineError(f"{type(exc).__name__}: {exc}")
        return EngineError(f"malformed answer from {self.url} ({type(exc).__name__}: {_snippet(response)})")


def _retry_after(response: requests.Response | None) -> float | None:
    value = response.headers.get("Retry-After", "") if response is not None else ""
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _snippet(response: requests.Response | None) -> str:
    if response is None:
        return ""
    text = " ".join(response.text.split())
    return text[:120] + ("…" if len(text) > 120 else "")


def online_engine(name: str, environ: Mapping[str, str], *, timeout: float = DEFAULT_TIMEOUT,
                  planning: bool = False) -> OnlineEngine:
    """Build an online engine from the environment; a missing key is an error before any request."""
    spec = SPECS[name]
    key = next((environ[var] for var in spec.key_envs if environ.get(var)), None)
    url = environ.get(spec.url_env) or spec.default_url
    if name == "deepl" and not environ.get(spec.url_env):
        url = "https://api-free.deepl.com/v2/" if (key or "").endswith(":fx") else "https://api.deepl.com/v2/"
    custom_server = name == "libre" and bool(environ.get(spec.url_env))
    if spec.key_required and not key and not custom_server and not planning:
        hint = f" (get one at {spec.signup})" if spec.signup else ""
        also = f", or point {spec.url_env} at a server of your own" if name == "libre" else ""
        raise EngineError(f"the {name} engine needs an API key in {spec.key_envs[0]}{hint}{also}")
    if name == "libre" and not url.endswith("/"):
        url += "/"
    return OnlineEngine(spec, url, key, Transport(timeout), environ)
