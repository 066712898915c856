"""The Plural-Forms header: parse gettext's plural expression language and evaluate it as msgfmt does."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .errors import PluralFormsError

#: msgfmt evaluates the expression for n = 0..1000 when it checks a catalogue; so do we.
N_RANGE = range(0, 1001)

_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.DOTALL)
_TOKEN = re.compile(r"\s*(?:(\d+)|(n)\b|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")



@dataclass(frozen=True)
class PluralForms:
    """A parsed Plural-Forms header: how many forms, and which one a count n takes."""

    nplurals: int
    expression: str
    function: Callable[[int], int]

    def __call__(self, n: int) -> int:
        return self.function(n)

    def values(self) -> tuple[int, ...]:
        """The form chosen for each n in N_RANGE (raises ZeroDivisionError as C would fault).

        Computed once per expression: 69 catalogues share a dozen Plural-Forms headers.
        """
        return _values(self.expression, self.function)

    def problems(self) -> list[str]:
        """What msgfmt --check would say about the expression, worded as it does."""
        try:
            values = self.values()
        except ZeroDivisionError:
            return ["plural expression can produce division by zero"]
        found = []
        if min(values) < 0:
            found.append("plural expression can produce negative values")
        if max(values) >= self.nplurals:
            found.append(f"nplurals = {self.nplurals} but plural expression can produce values as large as {max(values)}")
        return found

    def used_often(self) -> tuple[bool, ...]:
        """For each form, whether more than one n selects it (msgfmt then checks its format strictly)."""
        forms = min(self.nplurals, len(N_RANGE))  # a form past n=1000 is never chosen in the range anyway
        try:
            counts = Counter(self.values())
        except ZeroDivisionError:
            return (True,) * forms
        return tuple(counts[form] > 1 for form in range(forms))


@lru_cache(maxsize=256)
def _values(expression: str, function: Callable[[int], int]) -> tuple[int, ...]:
    return tuple(function(n) for n in N_RANGE)


@lru_cache(maxsize=256)
def parse_plural_forms(value: str) -> PluralForms:
    """Parse `nplurals=N; plural=EXPR;`; raises PluralFormsError for anything gettext would reject."""
    match = _HEADER.match(value or "")
    if not match:
        raise PluralFormsError(f"Plural-Forms {value!r} is not `nplurals=N; plural=EXPRESSION;`")
    nplurals = int(match.group(1))
    if nplurals < 1:
        raise PluralFormsError("nplurals must be at least 1")
    expression = match.group(2)
    return PluralForms(nplurals, expression, compile_expression(expression))


def compile_expression(expression: str) -> Callable[[int], int]:
    """Compile a C-like plural expression (n, integers, ?:, ||, &&, ==, !=, <, >, <=, >=, + - * / %, !)."""
    tokens = _tokenize(expression)
    parser = _Parser(tokens)
    function = parser.ternary()
    if parser.position != len(tokens):
        raise PluralFormsError("invalid plural expression")
    return function


def _tokenize(expression: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    text = expression.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise PluralFormsError("invalid plural expression")
        tokens.append(match.group(match.lastindex or 0))
        position = match.end()
    return tokens


def _c_div(a: int, b: int) -> int:
    quotient = abs(a) // abs(b)  # raises ZeroDivisionError for b == 0, as C faults
    return quotient if (a >= 0) == (b >= 0) else -quotient


def _c_mod(a: int, b: int) -> int:
    return a - b * _c_div(a, b)


_BINARY: dict[str, Callable[[int, int], int]] = {
    "*": lambda a, b: a * b, "/": _c_div, "%": _c_mod,
    "+": lambda a, b: a + b, "-": lambda a, b: a - b,
    "<": lambda a, b: int(a < b), ">": lambda a, b: int(a > b),
    "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b),
    "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b),
}
#: Binary operators from loosest to tightest, as in gettext's plural.y (no unary minus there).
_LEVELS: tuple[tuple[str, ...], ...] = (("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))


class _Parser:
    """Recursive descent over the tokens, building closures so evaluation costs no parsing."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise PluralFormsError("invalid plural expression")
        self.position += 1
        return token

    def ternary(self) -> Callable[[int], int]:
        condition = self.logical_or()
        if self.peek() != "?":
            return condition
        self.take("?")
        then = self.ternary()
        self.take(":")
        otherwise = self.ternary()
        return lambda n: then(n) if condition(n) else otherwise(n)

    def logical_or(self) -> Callable[[int], int]:
        left = self.logical_and()
        while self.peek() == "||":
            self.take()
            right = self.logical_and()
            left = (lambda a, b: lambda n: int(bool(a(n)) or bool(b(n))))(left, right)
        return left

    def logical_and(self) -> Callable[[int], int]:
        left = self.binary(0)
        while self.peek() == "&&":
            self.take()
            right = self.binary(0)
            left = (lambda a, b: lambda n: int(bool(a(n)) and bool(b(n))))(left, right)
        return left

    def binary(self, level: int) -> Callable[[int], int]:
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _LEVELS[level]:
            operator = _BINARY[self.take()]
            right = self.binary(level + 1)
            left = (lambda op, a, b: lambda n: op(a(n), b(n)))(operator, left, right)
        return left

    def unary(self) -> Callable[[int], int]:
        if self.peek() == "!":
            self.take()
            operand = self.unary()
            return lambda n: int(not operand(n))
        return self.primary()

    def primary(self) -> Callable[[int], int]:
        token = self.take()
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token)
            return lambda n: value
        if token == "(":
            inner = self.ternary()
            self.take(")")
            return inner
        raise PluralFormsError("invalid plural expression")
