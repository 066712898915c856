"""HTTP for the online engines: one session with a timeout on every request, and keys kept out of logs.

Every request of an online engine goes through a `Transport`, so none can go without a
timeout, one connection is reused for a whole run, and the last response is at hand when a
failure has to be sorted into "retry" or "give up" (see `failures`).

Keys travel in headers or request bodies, which neither urllib3 nor requests logs. The one
documented exception is MyMemory, whose key and e-mail address can only go in the query
string, and urllib3 logs every request line at DEBUG: `SECRETS` is a logging filter that
every engine registers its secrets with, attached to the loggers that could print them, so
`-vv` shows `***` where a key would be.
"""

from __future__ import annotations

import logging
import threading
import urllib.parse
from types import SimpleNamespace
from typing import Any

import requests

from .base import DEFAULT_TIMEOUT

#: Loggers that may print a request URL (urllib3's request lines, retries and redirects) or
#: one of our own messages; SECRETS is attached to each (and to every letterlingo logger).
_WATCHED_LOGGERS = (
    "urllib3", "urllib3.connectionpool", "urllib3.connection", "urllib3.poolmanager", "urllib3.response",
    "urllib3.util.retry", "requests", "letterlingo",
)
_MASK = "***"
#: Shorter values are not masked: they would mask ordinary words in every message (a key that
#: short travels in a header or body anyway, never in a URL, except MyMemory's).
MIN_SECRET_LENGTH = 6


class SecretFilter(logging.Filter):
    """Replaces every registered secret (and its URL-encoded forms) in log records with `***`."""

    def __init__(self) -> None:
        super().__init__()
        self._forms: set[str] = set()
        self._lock = threading.Lock()

    def add(self, secret: str | None) -> None:
        """Register a key or e-mail address; attaches the filter to the loggers that need it."""
        if not secret or len(secret.strip()) < MIN_SECRET_LENGTH:
            return
        with self._lock:
            self._forms.update({secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret)})
        _attach(self)

    def redact(self, text: str) -> str:
        """`text` with every registered secret masked (for our own messages, too)."""
        for form in sorted(self._forms, key=len, reverse=True):
            if form in text:
                text = text.replace(form, _MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._forms:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's business, not ours
            return True
        cleaned = self.redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


def _attach(secret_filter: SecretFilter) -> None:
    """A logger's filters see only the records logged on that very logger, not those its
    children pass up, so the filter goes on each logger that could print a URL or a message."""
    names = set(_WATCHED_LOGGERS) | {
        name for name in logging.root.manager.loggerDict if name.startswith(("letterlingo.", "urllib3."))
    }
    for name in names:
        logger = logging.getLogger(name)
        if secret_filter not in logger.filters:
            logger.addFilter(secret_filter)


#: The process's one secret filter: engines register their keys here when they are built.
SECRETS = SecretFilter()


class _NeverRaised(Exception):
    """Stands in for `requests.exceptions.RequestException` in deep-translator's modules:
    deep-translator catches that, logs it and then fails on `None`; a timeout must reach us
    as a timeout instead."""


class Transport:
    """All HTTP of one engine: a timeout on every request, one session, the last response kept.

    It also stands in for the `requests` module inside deep-translator's modules (the
    Google engine), which is why it offers `get`, `post` and `exceptions`.
    """

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
