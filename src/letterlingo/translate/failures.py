"""What a failed request means: retry it, or give up on it.

Free services (Google's web endpoint, MyMemory, LibreTranslate) are retried on anything that
may pass: 429, 5xx, timeouts, lost connections. Paid services (DeepL, Microsoft) bill what
they processed, so a request is retried only when the failure proves it was not processed:
429 (and DeepL's 529), 503 with a Retry-After, or a connection that was never made. A
timeout or a connection lost after sending may have been billed, and is not retried.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError

from ..errors import EngineError
from .errors import TransientEngineError
from .transport import SECRETS


@dataclass(frozen=True)
class Service:
    """How failures of one service are reported and sorted."""

    name: str  # as users know it: "DeepL"
    url: str  # the base URL, shown in messages (never with a key in it)
    paid: bool = False
    key_env: str | None = None  # where the key comes from, named when the key is refused
    throttle_statuses: frozenset[int] = frozenset({429})


def never_sent(exc: BaseException) -> bool:
    """True when no byte of the request reached the server: the connection was never made."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    if isinstance(exc, requests.ConnectionError):
        reason = exc.args[0] if exc.args else None
        return isinstance(reason, MaxRetryError) and isinstance(reason.reason, ConnectTimeoutError)
    return False


def failure(service: Service, exc: BaseException, response: requests.Response | None,
            timeout: float) -> EngineError:
    """The error to raise for `exc` (raised while sending, or while reading `response`)."""
    url = service.url
    if never_sent(exc):
        return TransientEngineError(f"cannot connect to {url}")
    if isinstance(exc, requests.Timeout):
        if service.paid:
            return EngineError(f"no answer from {url} within {timeout:g} s; not retried, since {service.name} "
                               "may have processed (and billed) the request")
        return TransientEngineError(f"no answer from {url} within {timeout:g} s")
    if isinstance(exc, requests.ConnectionError):
        if service.paid:
            return EngineError(f"the connection to {url} was lost after the request was sent; not retried, "
                               f"since {service.name} may have processed (and billed) it")
        return TransientEngineError(f"cannot connect to {url}")
    status = response.status_code if response is not None else None
    if status is None:
        return EngineError(SECRETS.redact(f"{type(exc).__name__}: {exc}"))
    if status >= 400:
        return status_failure(service, response)  # type: ignore[arg-type]
    return EngineError(f"malformed answer from {url} ({type(exc).__name__}: {snippet(response)})")


def status_failure(service: Service, response: requests.Response) -> EngineError:
    """The error for an HTTP error status (4xx, 5xx)."""
    url, status = service.url, response.status_code
    wait = retry_after(response)
    if status in service.throttle_statuses:
        return TransientEngineError(f"HTTP {status} from {url}", retry_after=wait)
    if status in (401, 403):
        where = f" in {service.key_env}" if service.key_env else ""
        return EngineError(f"HTTP {status}: {url} refused the request; check the key{where}", final=True)
    if status == 456:
        return EngineError(f"HTTP 456: the {service.name} account's character quota is used up", final=True)
    if status >= 500:
        if not service.paid or (status == 503 and wait is not None):
            return TransientEngineError(f"HTTP {status} from {url}", retry_after=wait)
        return EngineError(f"HTTP {status} from {url}; not retried, since {service.name} may have processed "
                           "(and billed) the request")
    return EngineError(f"HTTP {status} from {url}: {snippet(response)}")


def retry_after(response: requests.Response | None) -> float | None:
    """The server's Retry-After in seconds, where it gave one as a number."""
    value = response.headers.get("Retry-After", "") if response is not None else ""
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def snippet(response: requests.Response | None) -> str:
    """The start of a response body for a message, on one line, secrets masked."""
    if response is None:
        return ""
    text = " ".join(response.text.split())
    return SECRETS.redact(text[:120] + ("…" if len(text) > 120 else ""))
