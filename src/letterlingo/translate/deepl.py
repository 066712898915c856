"""DeepL through its v2 API, called directly: batches, XML tags, formality and glossaries.

deep-translator sends one text per request and knows neither formality nor glossaries, so
this engine speaks the documented API itself: `POST /v2/translate` with a JSON body of up to
50 `text` values and at most 128 KiB, the key only in the `Authorization: DeepL-Auth-Key`
header, `tag_handling=xml` so our `<g1>`/`<x2/>` tags move with the words they wrap. Free
keys (ending in `:fx`) use api-free.deepl.com.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping

from ..errors import EngineError
from ..glossary import Glossary
from . import markup
from .batching import Plan, plan_requests
from .deepl_glossary import DeeplGlossaries
from .failures import Service
from .service import OnlineEngine, language, region
from .transport import Transport

logger = logging.getLogger(__name__)

#: DeepL's documented request limits for /v2/translate.
MAX_TEXTS = 50
MAX_BODY_BYTES = 128 * 1024

#: Target languages DeepL accepts `formality` for (its documentation); elsewhere it is not sent.
FORMALITY_TARGETS = frozenset({"DE", "FR", "IT", "ES", "NL", "PL", "PT-PT", "PT-BR", "RU", "JA"})


def target_code(locale: str) -> str:
    """DeepL's target code: Portuguese and English need a variant (`PT-PT` unless `pt_BR`)."""
    lang, area = language(locale), region(locale)
    if lang == "pt":
        return "PT-BR" if area == "BR" else "PT-PT"
    if lang == "en":
        return "EN-US" if area == "US" else "EN-GB"
    return lang.upper()


class DeeplEngine(OnlineEngine):
    """DeepL: 50 texts per request, formality per locale, the project's glossary as DeepL glossaries."""

    max_texts = MAX_TEXTS
    #: Characters per call: 30,000 stay under 128 KiB even when every character takes four
    #: bytes in UTF-8; the engine still measures each body and splits where needed.
    max_chars = 30_000

    def __init__(self, url: str, key: str | None, languages: frozenset[str], transport: Transport,
                 environ: Mapping[str, str], *, formality: Mapping[str, str] | None = None,
                 glossary: Glossary | None = None) -> None:
        service = Service("DeepL", url, paid=True, key_env="DEEPL_API_KEY", throttle_statuses=frozenset({429, 529}))
        super().__init__("deepl", service, languages, transport, environ, key)
        self.formality = dict(formality or {})
        self._headers = {"Authorization": f"DeepL-Auth-Key {key or ''}"}
        self.glossaries = DeeplGlossaries(glossary or Glossary(), url, self._request, self._headers)
        self._formality_noted: set[str] = set()

    def glossary_terms(self, source: str, target: str) -> frozenset[str]:
        """Terms DeepL renders through a glossary for this pair: the step sends them as words."""
        return self.glossaries.terms(source, target)

    def _options(self, source: str, target: str) -> dict[str, str]:
        options = {"source_lang": language(source).upper(), "target_lang": target_code(target), "tag_handling": "xml"}
        wanted = self.formality.get(target) or self.formality.get(language(target))
        if wanted and wanted != "default":
            if options["target_lang"] in FORMALITY_TARGETS:
                options["formality"] = wanted
            elif target not in self._formality_noted:
                self._formality_noted.add(target)
                logger.info("deepl: no formality for %s (DeepL offers it for %s only); not sent", target,
                            ", ".join(sorted(FORMALITY_TARGETS)))
        return options

    def _plan(self, texts: list[str], source: str, target: str) -> Plan:
        overhead = len(_body([], self._options(source, target), "x" * 64)) + 64
        sizes = [len(json.dumps(markup.escape(text), ensure_ascii=False).encode("utf-8")) + 2 for text in texts]
        return plan_requests(sizes, max_items=MAX_TEXTS, max_size=MAX_BODY_BYTES, overhead=overhead)

    def _send(self, texts: list[str], source: str, target: str) -> list[str]:
        try:
            glossary_id = self.glossaries.glossary_id(source, target)
        except (ValueError, KeyError, TypeError) as exc:
            raise EngineError(f"malformed glossary answer from {self.url} ({exc})") from exc
        body = _body([markup.escape(text) for text in texts], self._options(source, target), glossary_id)
        response = self._request("POST", self.url + "translate", data=body,
                                 headers={**self._headers, "Content-Type": "application/json; charset=utf-8"})
        data = self._json(response)
        translations = data.get("translations") if isinstance(data, dict) else None
        if not isinstance(translations, list) or not all(
                isinstance(item, dict) and isinstance(item.get("text"), str) for item in translations):
            raise self.malformed(response, "no `translations` list")
        return [markup.unescape(item["text"]) for item in translations]


def _body(texts: list[str], options: Mapping[str, str], glossary_id: str | None) -> bytes:
    payload: dict[str, object] = {"text": texts, **options}
    if glossary_id:
        payload["glossary_id"] = glossary_id
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")
