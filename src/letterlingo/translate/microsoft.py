"""Microsoft Translator (Azure AI Translator) v3, called directly: batches of HTML texts.

deep-translator sends one text per request as plain text (where our tags are words to
translate) and fetches the language list in its constructor, so this engine speaks the
documented API itself: `POST /translate?api-version=3.0&from=…&to=…&textType=html` with a
JSON array of at most 1000 elements and 50,000 characters, the key only in the
`Ocp-Apim-Subscription-Key` header (and `Ocp-Apim-Subscription-Region` where
MICROSOFT_TRANSLATOR_REGION is set). Our tags travel as spans (see `markup.to_html`).
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping

from ..languages import EU_LANGUAGES
from . import markup
from .batching import Plan, plan_requests
from .failures import Service
from .service import OnlineEngine, language
from .transport import Transport

#: Microsoft's documented limits for one translate request.
MAX_ELEMENTS = 1000
MAX_CHARACTERS = 50_000

#: Microsoft Translator codes for the EU languages (`pt` is Brazilian Portuguese there).
CODES = {code: code for code in EU_LANGUAGES} | {"pt": "pt-pt"}


class MicrosoftEngine(OnlineEngine):
    """Microsoft: up to 1000 texts and 50,000 characters per request, as HTML."""

    max_texts = MAX_ELEMENTS
    #: Characters per call, below the request limit: the spans our tags become count too, and
    #: the engine splits a call whose HTML would still exceed 50,000 characters.
    max_chars = 40_000

    def __init__(self, url: str, key: str | None, transport: Transport, environ: Mapping[str, str]) -> None:
        service = Service("Microsoft Translator", url, paid=True, key_env="MICROSOFT_TRANSLATOR_KEY")
        super().__init__("microsoft", service, frozenset(CODES), transport, environ, key)
        self._headers = {"Ocp-Apim-Subscription-Key": key or "", "Content-Type": "application/json; charset=UTF-8"}
        region = environ.get("MICROSOFT_TRANSLATOR_REGION", "").strip()
        if region:
            self._headers["Ocp-Apim-Subscription-Region"] = region
        has_version = "api-version" in urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        self._version = {} if has_version else {"api-version": "3.0"}

    def _plan(self, texts: list[str], source: str, target: str) -> Plan:
        return plan_requests([len(markup.to_html(text)) for text in texts], max_items=MAX_ELEMENTS,
                             max_size=MAX_CHARACTERS)

    def _send(self, texts: list[str], source: str, target: str) -> list[str]:
        params = {**self._version, "from": _code(source), "to": _code(target), "textType": "html"}
        body = json.dumps([{"Text": markup.to_html(text)} for text in texts], ensure_ascii=False).encode("utf-8")
        response = self._request("POST", self.url, params=params, data=body, headers=self._headers)
        data = self._json(response)
        answers = []
        for item in data if isinstance(data, list) else [None]:
            translations = item.get("translations") if isinstance(item, dict) else None
            first = translations[0] if isinstance(translations, list) and translations else None
            if not isinstance(first, dict) or not isinstance(first.get("text"), str):
                raise self.malformed(response, "no translations")
            answers.append(markup.from_html(first["text"]))
        return answers


def _code(locale: str) -> str:
    return CODES.get(language(locale), language(locale))
