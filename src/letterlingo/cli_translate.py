"""The `translate` command (registered on the main command group)."""

from __future__ import annotations
