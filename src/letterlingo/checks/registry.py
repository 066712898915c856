"""Checks by name: the built-in ones first, then third parties' through the `letterlingo.checks` entry points."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from importlib.metadata import EntryPoint, entry_points

from ..config import split_option_values
from ..errors import ConfigError
from . import catalogue, conventions, letter, markup, numbers, progress, style
from .base import Check

ENTRY_POINT_GROUP = "letterlingo.checks"
logger = logging.getLogger(__name__)


def builtin_checks() -> tuple[Check, ...]:
    """The checks letterlingo ships, in the order they report: validity, markup, numbers, style, progress, letter."""
    return (catalogue.CHECKS + markup.CHECKS + numbers.CHECKS + conventions.CHECKS + style.CHECKS + progress.CHECKS
            + letter.CHECKS)


class CheckRegistry:
    """An ordered set of checks with unique names.

    Listed explicitly (no discovery through `dir()` or subclasses), so what runs does not
    depend on which modules happen to be imported.
    """

    def __init__(self, checks: Iterable[Check] = ()) -> None:
        self._checks: dict[str, Check] = {}
        for check in checks:
            self.register(check)

    def register(self, check: Check) -> None:
        if not isinstance(check, Check):
            raise TypeError(f"expected a letterlingo.checks.Check, got {type(check).__name__}")
        existing = self._checks.get(check.name)
        if existing is not None:
            raise ConfigError(f"check {check.name!r} from {check.origin} has the same name as the one from "
                              f"{existing.origin}; rename one of them")
        self._checks[check.name] = check

    def __iter__(self) -> Iterator[Check]:
        return iter(self._checks.values())

    def __len__(self) -> int:
        return len(self._checks)

    def __contains__(self, name: object) -> bool:
        return name in self._checks

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._checks)

    def get(self, name: str) -> Check:
        try:
            return self._checks[name]
        except KeyError:
            raise ConfigError(f"unknown check {name!r} (known: {', '.join(sorted(self._checks))})") from None

    def select(self, only: Iterable[str] | None = None, skip: Iterable[str] | None = None) -> tuple[Check, ...]:
        """The checks to run: `only` these (default all), minus `skip`; both take comma lists."""
        wanted = split_option_values(only)
        unwanted = {self.get(name).name for name in split_option_values(skip)}
        chosen = [self.get(name) for name in dict.fromkeys(wanted)] if wanted else list(self)
        return tuple(check for check in chosen if check.name not in unwanted)


def _entry_point_checks(entry_point: EntryPoint) -> list[Check]:
    """Load one entry point: it may name a Check or a sequence of them."""
    origin = f"entry point {entry_point.name!r} ({entry_point.value})"
    try:
        loaded = entry_point.load()
    except Exception as exc:  # a broken plugin is the user's environment, not our bug
        raise ConfigError(f"cannot load check plugin {origin}: {type(exc).__name__}: {exc}") from None
    items = [loaded] if isinstance(loaded, Check) else loaded
    try:
        checks = list(items)
    except TypeError:
        checks = [items]
    for item in checks:
        if not isinstance(item, Check):
            raise ConfigError(f"check plugin {origin} gives a {type(item).__name__}, not a letterlingo.checks.Check")
    dist = getattr(entry_point, "dist", None)
    where = f"{dist.name} {origin}" if dist is not None else origin
    return [item if item.origin != "letterlingo" else _with_origin(item, where) for item in checks]


def _with_origin(check: Check, origin: str) -> Check:
    return Check(check.name, check.severity, check.scope, check.function, check.templates, origin)


def plugin_checks(group: str = ENTRY_POINT_GROUP) -> list[Check]:
    """Checks that installed distributions add through the entry-point group, in a stable order."""
    found: list[Check] = []
    for entry_point in sorted(entry_points(group=group), key=lambda ep: (ep.name, ep.value)):
        logger.debug("loading checks from %s", entry_point)
        found.extend(_entry_point_checks(entry_point))
    return found


def default_registry() -> CheckRegistry:
    """Built-in checks, then every plugin's; a plugin reusing a name is refused."""
    registry = CheckRegistry(builtin_checks())
    for check in plugin_checks():
        registry.register(check)
    return registry
