"""The Engine protocol and the registry that finds engines by name: built-ins, then entry points."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable, Mapping, Protocol, runtime_checkable

from ..config import Config
from ..errors import EngineError

logger = logging.getLogger(__name__)

#: Third-party engines register a factory under this entry-point group (see EngineFactory).
ENTRY_POINT_GROUP = "letterlingo.engines"

#: Seconds an online engine waits for a server before the request counts as timed out.
DEFAULT_TIMEOUT = 30.0


@runtime_checkable
class Engine(Protocol):
    """What the translate step needs from an engine.

    `translate` gets texts in the project's source language and returns one string per text,
    in order; an empty string means "no answer" (the memory engine's miss), and the step offers
    the text to the next engine. Texts arrive with inline markup and glossary terms replaced by
    tags (`<g1>…</g1>` around translatable spans, `<x2/>` for things to keep); an engine must
    keep every tag once. `max_chars` bounds the characters of one call (a longer text is never
    sent) and `max_texts` the texts of one call: the step saves the catalogue after each call.

    Optional attributes, read with defaults: `offline` (False: characters count as sent),
    `takes_markdown` (False: the engine gets the msgid as Markdown instead of tagged text, as
    the memory engine does), `trusted` (False: with `takes_markdown`, answers are reviewed
    translations of the same text and skip the markup and number checks), `lookup` (False: a
    dry run may consult it because it answers from stored data), `kind` ("machine
    translation", named in the draft's translator comment), and `close()`. Engines raise
    `EngineError` when they cannot work (with `done`, the answers before the failure, where
    there were some) and `TransientEngineError` when a retry may help.
    """

    name: str
    max_chars: int
    max_texts: int

    def supports(self, source: str, target: str) -> bool: ...

    def translate(self, texts: list[str], source: str, target: str) -> list[str]: ...


class TransientEngineError(EngineError):
    """A failure worth retrying (HTTP 429 or 5xx, a timeout, a dropped connection).

    `done` holds the answers for the texts before the one that failed, so a retry sends only
    the rest; `retry_after` is the server's own wish, in seconds, where it gave one.
    """

    def __init__(self, message: str, *, done: list[str] | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.done = list(done or [])
        self.retry_after = retry_after


@dataclass(frozen=True)
class EngineContext:
    """What a factory may use to build an engine: the project, the environment, the extras."""

    config: Config
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    timeout: float = DEFAULT_TIMEOUT
    compendia: tuple[Path, ...] = ()
    #: A dry run only plans: online engines are built without credentials and never called,
    #: so a user can see what a run would cost before getting a key.
    planning: bool = False


EngineFactory = Callable[[EngineContext], Engine]


def _memory(context: EngineContext) -> Engine:
    from .memory import MemoryEngine

    return MemoryEngine(context.config, compendia=context.compendia)


def _pseudo(context: EngineContext) -> Engine:
    from .pseudo import PseudoEngine

    return PseudoEngine()


def _argos(context: EngineContext) -> Engine:
    from .argos import ArgosEngine

    return ArgosEngine()


def _online(name: str) -> EngineFactory:
    def factory(context: EngineContext) -> Engine:
        from .online import online_engine

        return online_engine(name, context.environ, timeout=context.timeout, planning=context.planning)

    factory.__name__ = f"_{name}"
    return factory


#: Built-in engines in the order `letterlingo translate --help` lists them. Factories import
#: their module lazily, so deep-translator (and argostranslate) load only when asked for.
BUILTIN_ENGINES: dict[str, EngineFactory] = {
    "memory": _memory,
    "pseudo": _pseudo,
    "google": _online("google"),
    "deepl": _online("deepl"),
    "microsoft": _online("microsoft"),
    "mymemory": _online("mymemory"),
    "libre": _online("libre"),
    "argos": _argos,
}


class EngineRegistry:
    """Engines by name. A name can be registered once: a second registration is an error, so a
    plugin can never silently replace a built-in (or another plugin)."""

    def __init__(self) -> None:
        self._factories: dict[str, EngineFactory] = {}
        self._origins: dict[str, str] = {}

    def register(self, name: str, factory: EngineFactory, origin: str = "letterlingo") -> None:
        if name in self._factories:
            raise EngineError(
                f"engine name {name!r} is registered twice (by {self._origins[name]} and by {origin})"
            )
        self._factories[name] = factory
        self._origins[name] = origin

    def names(self) -> list[str]:
        return list(self._factories)

    def require(self, names: list[str] | tuple[str, ...]) -> None:
        """Refuse the first unknown name, listing the known ones."""
        for name in names:
            if name not in self._factories:
                raise EngineError(f"unknown engine {name!r} (known: {', '.join(self.names())})")

    def create(self, name: str, context: EngineContext) -> Engine:
        """Build the engine called `name`; an unknown name lists the known ones."""
        self.require([name])
        factory = self._factories[name]
        logger.debug("creating engine %r (%s)", name, self._origins[name])
        engine = factory(context)
        needed = ("name", "max_chars", "max_texts", "supports", "translate")
        missing = [attr for attr in needed if not hasattr(engine, attr)]
        if missing:
            raise EngineError(f"engine {name!r} from {self._origins[name]} lacks {', '.join(missing)}")
        return engine


def _entry_points() -> list[metadata.EntryPoint]:
    return list(metadata.entry_points(group=ENTRY_POINT_GROUP))


def default_registry() -> EngineRegistry:
    """Built-ins first, then every `letterlingo.engines` entry point (loaded only when created)."""
    registry = EngineRegistry()
    for name, factory in BUILTIN_ENGINES.items():
        registry.register(name, factory)
    for entry in _entry_points():
        origin = f"entry point {entry.value!r}"
        if entry.dist is not None:
            origin += f" of {entry.dist.name}"
        registry.register(entry.name, _lazy(entry), origin)
    return registry


def _lazy(entry: metadata.EntryPoint) -> EngineFactory:
    """Import a plugin only when its engine is asked for, so a broken plugin breaks only itself."""

    def factory(context: EngineContext) -> Engine:
        try:
            loaded = entry.load()
        except Exception as exc:  # a plugin's import failure is the user's environment, not our bug
            raise EngineError(f"engine {entry.name!r} could not be loaded from {entry.value!r}: {exc}") from exc
        return loaded(context)

    return factory


def engine_names() -> list[str]:
    """Every engine name a user can pass to --engine."""
    return default_registry().names()
