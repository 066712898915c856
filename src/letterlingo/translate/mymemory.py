"""MyMemory, called directly: one text per request, long texts cut into 500-byte pieces.

MyMemory's documented API is `GET /get?q=…&langpair=en-GB|de-DE` with at most 500 bytes of
text in `q` and no batching; through deep-translator a paragraph longer than that was never
sent. Here a long text is cut at sentence boundaries (see `pieces`), the pieces are
translated in order and joined again; pieces already translated are remembered for the run,
so a retry after a failure resends only what is missing.

Its optional e-mail address (`de`, MYMEMORY_EMAIL: a higher daily quota) and key (`key`,
MYMEMORY_KEY) can only go in the query string, the one way MyMemory documents; both are
registered with the log filter, so urllib3's request lines show `***` instead.
"""

from __future__ import annotations

from collections.abc import Mapping

from deep_translator.constants import MY_MEMORY_LANGUAGES_TO_CODES

from ..errors import EngineError
from . import pieces
from .errors import TransientEngineError
from .failures import Service
from .service import OnlineEngine, language
from .transport import SECRETS, Transport

#: MyMemory's documented limit for `q`, in bytes of UTF-8.
MAX_QUERY_BYTES = 500

LANGUAGES = frozenset(language(code) for code in MY_MEMORY_LANGUAGES_TO_CODES.values())


def mymemory_code(code: str) -> str:
    """MyMemory wants regional codes (`de-DE`); the language's own region first."""
    values = list(MY_MEMORY_LANGUAGES_TO_CODES.values())
    lang = language(code)
    if f"{lang}-{lang.upper()}" in values:
        return f"{lang}-{lang.upper()}"
    preferred = {"en": "en-GB", "pt": "pt-PT", "el": "el-GR", "da": "da-DK", "cs": "cs-CZ", "et": "et-EE",
                 "sl": "sl-SI", "sv": "sv-SE", "ga": "ga-IE"}
    if preferred.get(lang) in values:
        return preferred[lang]
    return next(value for value in values if language(value) == lang)


class MyMemoryEngine(OnlineEngine):
    """MyMemory: one request per piece of at most 500 bytes."""

    max_texts = 10
    #: Characters per call: a call of 5,000 characters is ten or more requests already.
    max_chars = 5000

    def __init__(self, url: str, transport: Transport, environ: Mapping[str, str]) -> None:
        super().__init__("mymemory", Service("MyMemory", url, key_env="MYMEMORY_KEY"), LANGUAGES, transport, environ,
                         environ.get("MYMEMORY_KEY") or None)
        self.email = environ.get("MYMEMORY_EMAIL") or None
        SECRETS.add(self.email)
        self._done: dict[tuple[str, str, str], str] = {}

    def _send(self, texts: list[str], source: str, target: str) -> list[str]:
        return [self._one(text, source, target) for text in texts]

    def _one(self, text: str, source: str, target: str) -> str:
        parts = pieces.split(text, MAX_QUERY_BYTES)
        return pieces.join(parts, [self._piece(part.text, source, target) if part.text.strip() else part.text
                                   for part in parts])

    def _piece(self, text: str, source: str, target: str) -> str:
        remembered = (source, target, text)
        if remembered in self._done:
            return self._done[remembered]
        params = {"q": text, "langpair": f"{mymemory_code(source)}|{mymemory_code(target)}"}
        if self.email:
            params["de"] = self.email
        if self.key:
            params["key"] = self.key
        response = self._request("GET", self.url, params=params)
        data = self._json(response)
        if not isinstance(data, dict):
            raise self.malformed(response, "not a JSON object")
        answer = data.get("responseData")
        result = answer.get("translatedText") if isinstance(answer, dict) else None
        status = str(data.get("responseStatus", 200))
        details = SECRETS.redact(str(data.get("responseDetails") or result or ""))[:160]
        if status == "429":  # MyMemory reports some refusals in the body, with HTTP 200
            raise TransientEngineError(f"HTTP 429 from {self.url}: {details}")
        if status != "200":
            raise EngineError(f"{self.url} answered {status}: {details}")
        if not isinstance(result, str):
            raise self.malformed(response, "no `responseData.translatedText`")
        if result.startswith("MYMEMORY WARNING"):
            raise EngineError(SECRETS.redact(result.strip()[:160]))
        self._done[remembered] = result
        return result
