"""letterlingo: one open letter, every EU language, as gettext catalogues, HTML and PDF.

The public API is what this package exposes; the command line is a thin layer over it.
"""

from __future__ import annotations

__version__ = "0.1.0"

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

__all__ = [
    "Block", "Config", "Letter", "LetterlingoError", "Signatory", "SignatoryGroup", "check", "extract", "import_letter",
    "import_text", "letter_template", "load_config", "merge", "parse_letter", "parse_letter_text", "status",
    "translate_catalogues", "update", "__version__",
]
