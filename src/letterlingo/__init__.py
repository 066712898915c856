"""letterlingo: one open letter, every EU language, as gettext catalogues, HTML and PDF.

The public API is what this package exposes; the command line is a thin layer over it. Names
are imported on first use, so `import letterlingo` (and `letterlingo --version`) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import lazy_attributes

__version__ = "0.5.1"

#: Public name -> the module that defines it.
_EXPORTS = {
    "Block": "model", "Letter": "model", "Signatory": "model", "SignatoryGroup": "model",
    "Config": "config", "load_config": "config",
    "LetterlingoError": "errors",
    "check": "checks",
    "extract": "extract", "letter_template": "extract",
    "import_letter": "importer", "import_text": "importer",
    "parse_letter": "letter", "parse_letter_text": "letter",
    "status": "status",
    "translate_catalogues": "translate",
    "merge": "update", "update": "update",
    "build": "build",
    "verify_project": "verify",
}

__all__ = [
    "Block", "Config", "Letter", "LetterlingoError", "Signatory", "SignatoryGroup", "__version__", "build", "check",
    "extract", "import_letter", "import_text", "letter_template", "load_config", "merge", "parse_letter",
    "parse_letter_text", "status", "translate_catalogues", "update", "verify_project",
]

if TYPE_CHECKING:
    from .build import build
    from .checks import check
    from .config import Config, load_config
    from .errors import LetterlingoError
    from .extract import extract, letter_template
    from .importer import import_letter, import_text
    from .letter import parse_letter, parse_letter_text
    from .model import Block, Letter, Signatory, SignatoryGroup
    from .status import status
    from .translate import translate_catalogues
    from .update import merge, update
    from .verify import verify_project


__getattr__ = lazy_attributes(__name__, _EXPORTS, globals())
