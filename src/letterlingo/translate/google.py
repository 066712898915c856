"""Google Translate's free web endpoint, through deep-translator: one text per request.

That endpoint (what deep-translator's GoogleTranslator reads) has no batch form, so this
engine sends one request per text; Google's paid Cloud Translation API, which does batch,
needs a Google Cloud project and is not built in.

deep-translator 1.11 calls `requests.get` at module level without a timeout, so a stalled
server would hang a run for ever: for the duration of each call, the module's `requests`
name points at our `Transport`, which adds the timeout and keeps the response for sorting
a failure into "retry" or "give up".
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from deep_translator import GoogleTranslator
from deep_translator.constants import GOOGLE_LANGUAGES_TO_CODES

from ..errors import EngineError
from .failures import Service, failure
from .service import OnlineEngine, language
from .transport import Transport

LANGUAGES = frozenset(language(code) for code in GOOGLE_LANGUAGES_TO_CODES.values())

_ROUTE_LOCK = threading.RLock()


@contextmanager
def routed(module: ModuleType, transport: Transport) -> Iterator[None]:
    """Point `module.requests` at `transport` for one call (one call at a time, hence the lock)."""
    with _ROUTE_LOCK:
        saved = module.requests
        module.requests = transport  # type: ignore[attr-defined]
        try:
            yield
        finally:
            module.requests = saved  # type: ignore[attr-defined]


class GoogleEngine(OnlineEngine):
    """Google's web endpoint: one request per text, at most 5,000 characters each."""

    max_texts = 10
    max_chars = 4999

    def __init__(self, url: str, transport: Transport, environ: Mapping[str, str]) -> None:
        super().__init__("google", Service("Google Translate", url), LANGUAGES, transport, environ)
        self._module = importlib.import_module("deep_translator.google")
        self._translators: dict[tuple[str, str], Any] = {}

    def _send(self, texts: list[str], source: str, target: str) -> list[str]:
        translator = self._translator(language(source), language(target))
        return [self._one(translator, text) for text in texts]

    def _translator(self, source: str, target: str) -> Any:
        pair = (source, target)
        if pair not in self._translators:
            try:
                translator = GoogleTranslator(source=source, target=target)
            except Exception as exc:  # deep-translator's own language checks
                raise EngineError(f"cannot set up {source} -> {target}: {exc}") from exc
            translator._base_url = self.url
            self._translators[pair] = translator
        return self._translators[pair]

    def _one(self, translator: Any, text: str) -> str:
        self.transport.last_response = None
        try:
            with routed(self._module, self.transport):
                result = translator.translate(text)
        except Exception as exc:  # deep-translator raises its own types, requests' and more
            raise failure(self.service, exc, self.transport.last_response, self.transport.timeout) from exc
        if result is None:
            return ""
        if not isinstance(result, str):
            raise EngineError(f"unexpected answer from {self.url}: {type(result).__name__} instead of text")
        return result
