"""What every online engine shares: languages, requests within limits, answers kept on failure.

Each service module (deepl, microsoft, libre, mymemory, google) says how one request is
built and read (`_send`) and how texts are grouped into requests (`_plan`); this base class
runs the requests in order, keeps the answers of the requests that succeeded when a later
one fails (so the translate step resends only the rest), and sorts every failure into
"retry" or "give up" (see `failures`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import requests

from ..errors import EngineError
from .batching import Plan, plan_requests
from .failures import Service, failure, snippet, status_failure
from .transport import SECRETS, Transport

logger = logging.getLogger(__name__)


def language(code: str) -> str:
    """`pt_BR` -> `pt`: the language of a locale code, lower case."""
    return code.split("_")[0].split("-")[0].lower()


def region(code: str) -> str:
    """`pt_BR` -> `BR`, `de` -> ``."""
    parts = code.replace("-", "_").split("_")
    return parts[1].upper() if len(parts) > 1 else ""


class OnlineEngine:
    """An engine behind an HTTP API. Subclasses set the limits and implement `_send`."""

    offline = False
    kind = "machine translation"
    #: Texts and characters the translate step puts into one call; subclasses set them to
    #: what one request of their service may carry.
    max_texts = 10
    max_chars = 5000

    def __init__(self, name: str, service: Service, languages: frozenset[str], transport: Transport,
                 environ: Mapping[str, str], key: str | None = None) -> None:
        self.name = name
        self.service = service
        self.url = service.url
        self.languages = languages
        self.transport = transport
        self.environ = environ
        self.key = key
        SECRETS.add(key)

    # -- the Engine protocol ----------------------------------------------------------------

    def supports(self, source: str, target: str) -> bool:
        source, target = language(source), language(target)
        return source != target and source in self.languages and target in self.languages

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        """Translate `texts` in as few requests as the service's limits allow, in order."""
        answers: list[str | None] = [None] * len(texts)
        plan = self._plan(texts, source, target)
        for index in plan.too_large:
            logger.info("%s: a text of %d characters is too long for one request; left to the next engine",
                        self.name, len(texts[index]))
            answers[index] = ""
        for group in plan.requests:
            try:
                results = self._send([texts[index] for index in group], source, target)
            except EngineError as exc:
                exc.done = _leading(answers)  # what was answered before the failure is kept
                raise
            if len(results) != len(group):
                error = self.malformed(None, f"{len(results)} answers for {len(group)} texts")
                error.done = _leading(answers)
                raise error
            for index, result in zip(group, results):
                answers[index] = result
        return [answer or "" for answer in answers]

    def close(self) -> None:
        self.transport.close()

    # -- for subclasses ---------------------------------------------------------------------

    def _plan(self, texts: list[str], source: str, target: str) -> Plan:
        """One request per text unless a subclass batches."""
        return plan_requests([len(text) for text in texts], max_items=1, max_size=self.max_chars)

    def _send(self, texts: list[str], source: str, target: str) -> list[str]:
        raise NotImplementedError

    def _request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """One HTTP request; any failure raised as the EngineError it means."""
        try:
            response = self.transport.request(method, url, **kwargs)
        except requests.RequestException as exc:
            raise failure(self.service, exc, None, self.transport.timeout) from exc
        if response.status_code >= 400:
            raise status_failure(self.service, response)
        return response

    def _json(self, response: requests.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            raise self.malformed(response, "not JSON") from exc

    def malformed(self, response: requests.Response | None, why: str) -> EngineError:
        detail = f": {snippet(response)}" if response is not None else ""
        return EngineError(f"malformed answer from {self.url} ({why}{detail})")


def _leading(answers: list[str | None]) -> list[str]:
    """The answers before the first text without one: the step resends the rest."""
    done: list[str] = []
    for answer in answers:
        if answer is None:
            break
        done.append(answer)
    return done
