"""Texts into requests within a service's documented limits.

The translate step already hands an engine calls within its `max_texts` and `max_chars`; an
engine still checks what it will actually send (escaped, in the service's markup, encoded as
UTF-8 JSON), which can be larger than the text the step measured, and splits a call into
more requests where it must rather than be refused by the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Plan:
    """Requests as lists of text indexes, in order; `too_large` cannot be sent at all."""

    requests: list[list[int]] = field(default_factory=list)
    too_large: list[int] = field(default_factory=list)


def plan_requests(sizes: Sequence[int], *, max_items: int, max_size: int, overhead: int = 0) -> Plan:
    """Group consecutive texts (by their sizes as sent) so each request holds at most
    `max_items` texts and `overhead` plus their sizes stays within `max_size`."""
    plan = Plan()
    current: list[int] = []
    used = overhead
    for index, size in enumerate(sizes):
        if overhead + size > max_size:
            plan.too_large.append(index)
            continue
        if current and (len(current) >= max_items or used + size > max_size):
            plan.requests.append(current)
            current, used = [], overhead
        current.append(index)
        used += size
    if current:
        plan.requests.append(current)
    return plan
