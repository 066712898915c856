"""Machine-translation drafts: engines, the markup guard around them, and the translate step."""

from __future__ import annotations

from .base import ENTRY_POINT_GROUP, Engine, EngineContext
from .errors import TransientEngineError
from .registry import EngineRegistry, default_registry, engine_names
from .step import (
    CatalogueResult,
    EngineTally,
    Rejection,
    RetryPolicy,
    TranslateReport,
    translate_catalogues,
)

__all__ = [
    "ENTRY_POINT_GROUP", "CatalogueResult", "Engine", "EngineContext", "EngineRegistry", "EngineTally", "Rejection",
    "RetryPolicy", "TransientEngineError", "TranslateReport", "default_registry", "engine_names",
    "translate_catalogues",
]
