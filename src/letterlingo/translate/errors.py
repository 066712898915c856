"""The translate step's errors: a retryable engine failure, and an answer that cannot be used."""

from __future__ import annotations

from ..errors import EngineError


class TransientEngineError(EngineError):
    """A failure worth retrying (HTTP 429 or 5xx, a timeout, a dropped connection).

    `done` holds the answers for the texts before the one that failed, so a retry sends only
    the rest; `retry_after` is the server's own wish, in seconds, where it gave one.
    """

    def __init__(self, message: str, *, done: list[str] | None = None, retry_after: float | None = None) -> None:
        super().__init__(message, done=done)
        self.retry_after = retry_after


class Rejected(Exception):
    """An engine's answer that cannot become the entry's translation; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
