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
    return tuple(map(function, N_RANGE))


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
    source = parser.ternary()
    if parser.position != len(tokens):
        raise PluralFormsError("invalid plural expression")
    try:
        function: Callable[[int], int] = eval(f"lambda n: {source}", {"_c_div": _c_div, "_c_mod": _c_mod})  # noqa: S307
    except (SyntaxError, RecursionError, MemoryError):
        raise PluralFormsError("plural expression too deeply nested") from None
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


#: How each binary operator is written in Python, with C's integer semantics.
_BINARY: dict[str, str] = {
    "*": "({} * {})", "/": "_c_div({}, {})", "%": "_c_mod({}, {})", "+": "({} + {})", "-": "({} - {})",
    "<": "int({} < {})", ">": "int({} > {})", "<=": "int({} <= {})", ">=": "int({} >= {})",
    "==": "int({} == {})", "!=": "int({} != {})",
}
#: Binary operators from loosest to tightest, as in gettext's plural.y (no unary minus there).
_LEVELS: tuple[tuple[str, ...], ...] = (("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))


class _Parser:
    """Recursive descent over the tokens, writing the expression as Python source.

    The source is compiled once, so evaluating it for n = 0..1000 costs no parsing and no nested
    calls. Only the tokens above reach it (numbers, n, operators), so nothing else can be run."""

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

    def ternary(self) -> str:
        condition = self.logical_or()
        if self.peek() != "?":
            return condition
        self.take("?")
        then = self.ternary()
        self.take(":")
        otherwise = self.ternary()
        return f"({then} if {condition} else {otherwise})"

    def logical_or(self) -> str:
        left = self.logical_and()
        while self.peek() == "||":
            self.take()
            left = f"int(bool({left}) or bool({self.logical_and()}))"
        return left

    def logical_and(self) -> str:
        left = self.binary(0)
        while self.peek() == "&&":
            self.take()
            left = f"int(bool({left}) and bool({self.binary(0)}))"
        return left

    def binary(self, level: int) -> str:
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _LEVELS[level]:
            template = _BINARY[self.take()]
            left = template.format(left, self.binary(level + 1))
        return left

    def unary(self) -> str:
        if self.peek() == "!":
            self.take()
            return f"int(not {self.unary()})"
        return self.primary()

    def primary(self) -> str:
        token = self.take()
        if token == "n":
            return "n"
        if token.isdigit():
            return str(int(token))
        if token == "(":
            inner = self.ternary()
            self.take(")")
            return inner
        raise PluralFormsError("invalid plural expression")
