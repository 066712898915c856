"""LibreTranslate, called directly: a list of texts per request, the key in the JSON body.

deep-translator posts one text per request with the text and the key as URL parameters and
an empty body, so the key would be in every URL (and in urllib3's debug log). This engine
posts the documented JSON body instead: `{"q": [...], "source", "target", "format",
"api_key"}`; `format` is `html` when a text carries our tags, so the server moves them with
the words rather than translating them.

Limits are the server's: the public libretranslate.com takes 2,000 characters per request
(all texts of a batch together); a server of your own has `--char-limit` and
`--batch-limit`, which LIBRE_CHAR_LIMIT and LIBRE_BATCH_LIMIT mirror.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from deep_translator.constants import LIBRE_LANGUAGES_TO_CODES

from . import markup
from .base import env_number
from .batching import Plan, plan_requests
from .failures import Service
from .service import OnlineEngine, language
from .transport import Transport

#: Languages of the public LibreTranslate server's Argos models (Croatian and Maltese have
#: none); a self-hosted server may differ: LIBRE_LANGUAGES="de,fr,..." overrides the list.
LIBRE_LANGUAGES = frozenset(
    "bg cs da de el en es et fi fr ga hu it lt lv nl pl pt ro sk sl sv".split()
) | frozenset(LIBRE_LANGUAGES_TO_CODES.values())

#: The public server's characters per request; texts per request where the server sets none.
DEFAULT_CHAR_LIMIT = 2000
DEFAULT_BATCH_LIMIT = 50


class LibreEngine(OnlineEngine):
    """LibreTranslate: batches within the server's character and text limits."""

    def __init__(self, url: str, key: str | None, transport: Transport, environ: Mapping[str, str]) -> None:
        languages = LIBRE_LANGUAGES
        if environ.get("LIBRE_LANGUAGES"):
            languages = frozenset(language(code) for code in environ["LIBRE_LANGUAGES"].split(",") if code.strip())
        super().__init__("libre", Service("LibreTranslate", url, key_env="LIBRE_API_KEY"), languages, transport,
                         environ, key)
        self.max_chars = int(env_number(environ, "LIBRE_CHAR_LIMIT", DEFAULT_CHAR_LIMIT, whole=True, minimum=1))
        self.max_texts = int(env_number(environ, "LIBRE_BATCH_LIMIT", DEFAULT_BATCH_LIMIT, whole=True, minimum=1))

    def _plan(self, texts: list[str], source: str, target: str) -> Plan:
        tagged = any(markup.has_tags(text) for text in texts)
        sizes = [len(markup.escape(text)) if tagged else len(text) for text in texts]
        return plan_requests(sizes, max_items=self.max_texts, max_size=self.max_chars)

    def _send(self, texts: list[str], source: str, target: str) -> list[str]:
        tagged = any(markup.has_tags(text) for text in texts)
        payload: dict[str, object] = {
            "q": [markup.escape(text) for text in texts] if tagged else list(texts),
            "source": language(source), "target": language(target), "format": "html" if tagged else "text",
        }
        if self.key:
            payload["api_key"] = self.key
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        response = self._request("POST", self.url + "translate", data=body,
                                 headers={"Content-Type": "application/json; charset=utf-8"})
        data = self._json(response)
        translated = data.get("translatedText") if isinstance(data, dict) else None
        if isinstance(translated, str) and len(texts) == 1:
            translated = [translated]  # a server that answers a one-text list with a string
        if not isinstance(translated, list) or not all(isinstance(item, str) for item in translated):
            raise self.malformed(response, "no `translatedText` list")
        if len(translated) != len(texts):
            raise self.malformed(response, f"{len(translated)} answers for {len(texts)} texts")
        return [markup.unescape(item) if tagged else item for item in translated]
