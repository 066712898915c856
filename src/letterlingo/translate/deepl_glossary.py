"""DeepL glossaries from the project's glossary.csv: one per language pair, made once, reused.

A term with a rendering for the target language (a `de` cell in glossary.csv) becomes an
entry of a DeepL glossary, so DeepL writes the agreed rendering *and inflects it* as the
sentence needs (German "des EU-Zentrums"), which a fixed placeholder cannot. Terms with no
rendering are do-not-translate names and stay `<x/>` tags (see `DeeplEngine`).

DeepL's v2 glossaries cannot be edited, and an account holds at most 1000 of them, so a
glossary is named after a hash of its content: a run lists the account's glossaries once,
reuses one with that name, and creates one only when the entries changed. An interrupted
run (or a timed-out create) therefore never leaves duplicates behind: the next run finds it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from typing import Any

import requests

from ..glossary import Glossary
from .errors import TransientEngineError
from .service import language

#: How long to wait for a new glossary DeepL reports as not ready yet: polls and seconds apart.
READY_POLLS = 5
READY_INTERVAL = 0.5

Request = Callable[..., requests.Response]


def entries_for(glossary: Glossary, target: str) -> list[tuple[str, str]]:
    """(term, rendering) for every term with a rendering for `target` that DeepL accepts as an
    entry: no tabs or line breaks (they separate entries), no surrounding spaces."""
    entries = []
    for term in glossary.terms:
        rendering = _rendering(term.translations, target)
        source, rendering = term.term.strip(), rendering.strip()
        if source and rendering and not any(char in source + rendering for char in "\t\r\n"):
            entries.append((source, rendering))
    return entries


def _rendering(translations: Mapping[str, str], target: str) -> str:
    for code in (target, target.replace("-", "_"), language(target)):
        if translations.get(code):
            return translations[code]
    return ""


def glossary_name(source: str, target: str, tsv: str) -> str:
    """The name that identifies a glossary's content: equal names, equal entries."""
    digest = hashlib.sha256(f"{source}\n{target}\n{tsv}".encode()).hexdigest()[:16]
    return f"letterlingo {source}-{target} {digest}"


class DeeplGlossaries:
    """The DeepL glossaries of one run, by language pair; requests go through `request`
    (the engine's, so failures are sorted like any other DeepL request)."""

    def __init__(self, glossary: Glossary, base_url: str, request: Request, headers: dict[str, str],
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.glossary = glossary
        self.base_url = base_url
        self._request = request
        self._headers = headers
        self._sleep = sleep
        self._ids: dict[tuple[str, str], str] = {}
        self._listing: list[dict[str, Any]] | None = None

    def terms(self, source: str, target: str) -> frozenset[str]:
        """The source terms a glossary for this pair renders (sent as words, not tags)."""
        return frozenset(term for term, _ in entries_for(self.glossary, target))

    def glossary_id(self, source: str, target: str) -> str | None:
        """The id of the glossary for the pair, found by name or created; None without terms."""
        entries = entries_for(self.glossary, target)
        if not entries:
            return None
        pair = (language(source), language(target))
        if pair in self._ids:
            return self._ids[pair]
        tsv = "\n".join(f"{term}\t{rendering}" for term, rendering in entries)
        name = glossary_name(*pair, tsv)
        found = next((item for item in self._existing() if item.get("name") == name
                      and str(item.get("source_lang", "")).lower() == pair[0]
                      and str(item.get("target_lang", "")).lower() == pair[1]), None)
        if found is None:
            response = self._request("POST", self.base_url + "glossaries", headers=self._headers, json={
                "name": name, "source_lang": pair[0], "target_lang": pair[1], "entries": tsv,
                "entries_format": "tsv",
            })
            found = _object(response)
            self._existing().append(found)
        glossary_id = str(found.get("glossary_id") or "")
        if not glossary_id:
            raise ValueError("DeepL did not say which glossary it created")
        if found.get("ready") is False:
            self._wait_until_ready(glossary_id)
        self._ids[pair] = glossary_id
        return glossary_id

    def _existing(self) -> list[dict[str, Any]]:
        """The account's glossaries, listed once per run."""
        if self._listing is None:
            response = self._request("GET", self.base_url + "glossaries", headers=self._headers)
            listed = _object(response).get("glossaries")
            if not isinstance(listed, list):
                raise ValueError("the glossary list has no `glossaries`")
            self._listing = [item for item in listed if isinstance(item, dict)]
        return self._listing

    def _wait_until_ready(self, glossary_id: str) -> None:
        for _ in range(READY_POLLS):
            self._sleep(READY_INTERVAL)
            response = self._request("GET", f"{self.base_url}glossaries/{glossary_id}", headers=self._headers)
            if _object(response).get("ready") is not False:
                return
        raise TransientEngineError(f"the DeepL glossary {glossary_id} is not ready yet")


def _object(response: requests.Response) -> dict[str, Any]:
    data = response.json()
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    return data
