"""Format strings in messages (python-format, python-brace-format): parse them and compare them as msgfmt does."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from .errors import FormatStringError

# %[(name)][flags][width][.precision][length]conversion, as gettext's format-python.c reads it.
_PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?(?P<flags>[-#0 +]*)(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?[hlL]?(?P<conv>.?)",
    re.DOTALL,
)
_TYPES = {**dict.fromkeys("diouxX", "integer"), **dict.fromkeys("eEfFgG", "float"), "c": "character",
          **dict.fromkeys("sra", "any")}



@dataclass(frozen=True)
class PercentFormat:
    """The arguments a %-format string takes: by name (a mapping) or by position (a tuple)."""

    named: dict[str, str] = field(default_factory=dict)
    unnamed: tuple[str, ...] = ()


def parse_percent(text: str) -> PercentFormat:
    """Parse a python-format string; raises FormatStringError with msgfmt's kind of reason."""
    named: dict[str, str] = {}
    unnamed: list[str] = []
    position = 0
    number = 0
    while True:
        start = text.find("%", position)
        if start < 0:
            break
        match = _PERCENT.match(text, start)
        assert match is not None  # the pattern matches any "%" (every part is optional)
        position = match.end()
        conv = match.group("conv")
        if conv == "%" and match.end() - start == 2:
            continue
        number += 1
        if not conv:
            raise FormatStringError("the string ends in the middle of a directive")
        if conv not in _TYPES:
            raise FormatStringError(
                f"in the directive number {number}, the character {conv!r} is not a valid conversion specifier")
        name = match.group("name")
        stars = [part for part in (match.group("width"), match.group("precision")) if part == "*"]
        if name is not None:
            if stars:
                raise FormatStringError(
                    f"in the directive number {number}, a named argument takes no '*' width or precision")
            if name in named and named[name] != _TYPES[conv] and "any" not in (named[name], _TYPES[conv]):
                raise FormatStringError(f"the argument {name!r} is used with incompatible conversions")
            named.setdefault(name, _TYPES[conv])
        else:
            unnamed.extend("integer" for _ in stars)
            unnamed.append(_TYPES[conv])
        if named and unnamed:
            raise FormatStringError("the string mixes named and unnamed directives")
    return PercentFormat(named, tuple(unnamed))


def compare_percent(source: str, translation: str, *, strict: bool = True,
                    source_name: str = "msgid", translation_name: str = "msgstr") -> list[str]:
    """What msgfmt --check reports for a python-format pair; empty when they agree.

    An invalid source is not compared (msgfmt skips it too); `strict` is false for a plural
    form used for a single n, which may leave out a named argument (gettext's rule).
    """
    try:
        spec1 = parse_percent(source)
    except FormatStringError:
        return []
    try:
        spec2 = parse_percent(translation)
    except FormatStringError as exc:
        return [f"'{translation_name}' is not a valid Python format string, unlike '{source_name}': {exc}"]
    if spec1.named and spec2.unnamed:
        return [f"format specifications in '{source_name}' expect a mapping, those in '{translation_name}' expect a tuple"]
    if spec1.unnamed and spec2.named:
        return [f"format specifications in '{source_name}' expect a tuple, those in '{translation_name}' expect a mapping"]
    problems = []
    for name in sorted(set(spec2.named) - set(spec1.named)):
        problems.append(f"a format specification for argument {name!r}, as in '{translation_name}', "
                        f"doesn't exist in '{source_name}'")
    if strict:
        for name in sorted(set(spec1.named) - set(spec2.named)):
            problems.append(f"a format specification for argument {name!r} doesn't exist in '{translation_name}'")
    for name in sorted(set(spec1.named) & set(spec2.named)):
        if not _compatible(spec1.named[name], spec2.named[name], strict):
            problems.append(f"format specifications in '{source_name}' and '{translation_name}' "
                            f"for argument {name!r} are not the same")
    if len(spec1.unnamed) != len(spec2.unnamed):
        problems.append(f"number of format specifications in '{source_name}' and '{translation_name}' does not match")
    else:
        for index, (one, two) in enumerate(zip(spec1.unnamed, spec2.unnamed), start=1):
            if not _compatible(one, two, strict):
                problems.append(f"format specifications in '{source_name}' and '{translation_name}' "
                                f"for argument {index} are not the same")
    return problems


def _compatible(one: str, two: str, strict: bool) -> bool:
    return one == two or (not strict and "any" in (one, two))


def parse_brace(text: str) -> set[str]:
    """The argument names of a python-brace-format string (`{}` counts as 0, 1, ... as str.format does)."""
    names: set[str] = set()
    counter = [0]

    def walk(fragment: str, depth: int) -> None:
        if depth > 2:
            raise FormatStringError("format specifications nest too deeply")
        try:
            parts = list(string.Formatter().parse(fragment))
        except ValueError as exc:
            raise FormatStringError(str(exc)) from None
        for _literal, field_name, spec, conversion in parts:
            if field_name is None:
                continue
            if conversion not in (None, "r", "s", "a"):
                raise FormatStringError(f"unknown conversion '!{conversion}'")
            head = re.split(r"[.\[]", field_name, maxsplit=1)[0]
            if head == "":
                head = str(counter[0])
                counter[0] += 1
            elif not (head.isdigit() or head.isidentifier()):
                raise FormatStringError(f"{field_name!r} is not an argument name")
            names.add(head)
            if spec:
                walk(spec, depth + 1)

    walk(text, 0)
    return names


def compare_brace(source: str, translation: str, *, strict: bool = True,
                  source_name: str = "msgid", translation_name: str = "msgstr") -> list[str]:
    """What msgfmt --check reports for a python-brace-format pair; empty when they agree.

    Python's own parser decides validity, so a lone `}` (which str.format refuses at run time)
    is reported even where gettext 0.21 lets it pass.
    """
    try:
        names1 = parse_brace(source)
    except FormatStringError:
        return []
    try:
        names2 = parse_brace(translation)
    except FormatStringError as exc:
        return [f"'{translation_name}' is not a valid Python brace format string, unlike '{source_name}': {exc}"]
    problems = [f"a format specification for argument {name!r}, as in '{translation_name}', doesn't exist in '{source_name}'"
                for name in sorted(names2 - names1)]
    if strict:
        problems += [f"a format specification for argument {name!r} doesn't exist in '{translation_name}'"
                     for name in sorted(names1 - names2)]
    return problems
