"""The checks' own errors: parsing failures of what a catalogue declares, turned into findings."""

from __future__ import annotations


class PluralFormsError(ValueError):
    """A Plural-Forms header gettext would reject; the message says why, as msgfmt would."""


class FormatStringError(ValueError):
    """A format string (python-format, python-brace-format) that does not parse."""
