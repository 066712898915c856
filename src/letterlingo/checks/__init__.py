"""Quality checks over letters and their catalogues: `check()` runs them, the registry names them."""

from __future__ import annotations

from .base import (
    CatalogueContext,
    Check,
    EntryContext,
    Failure,
    LetterContext,
    catalogue_check,
    entry_check,
    letter_check,
)
from .registry import ENTRY_POINT_GROUP, CheckRegistry, builtin_checks, default_registry
from .report import CheckReport, Finding, SummaryRow
from .runner import check, check_catalogue, run_checks

__all__ = [
    "ENTRY_POINT_GROUP", "CatalogueContext", "Check", "CheckRegistry", "CheckReport", "EntryContext", "Failure",
    "Finding", "LetterContext", "SummaryRow", "builtin_checks", "catalogue_check", "check", "check_catalogue",
    "default_registry", "entry_check", "letter_check", "run_checks",
]
