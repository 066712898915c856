"""Machine-translation drafts: engines, the markup guard around them, and the translate step.

Names load on first use, so `translate --help` (which lists the engines) imports no engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_attributes

_EXPORTS = {
    "ENTRY_POINT_GROUP": "base", "Engine": "base", "EngineContext": "base",
    "TransientEngineError": "errors",
    "EngineRegistry": "registry", "default_registry": "registry", "engine_names": "registry",
    "CatalogueResult": "step", "EngineTally": "step", "Rejection": "step", "RetryPolicy": "step",
    "TranslateReport": "step", "translate_catalogues": "step",
}

__all__ = [
    "ENTRY_POINT_GROUP", "CatalogueResult", "Engine", "EngineContext", "EngineRegistry", "EngineTally", "Rejection",
    "RetryPolicy", "TransientEngineError", "TranslateReport", "default_registry", "engine_names",
    "translate_catalogues",
]

if TYPE_CHECKING:
    from .base import ENTRY_POINT_GROUP, Engine, EngineContext
    from .errors import TransientEngineError
    from .registry import EngineRegistry, default_registry, engine_names
    from .step import CatalogueResult, EngineTally, Rejection, RetryPolicy, TranslateReport, translate_catalogues


__getattr__ = lazy_attributes(__name__, _EXPORTS, globals())
