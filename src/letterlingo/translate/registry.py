"""Engines by name: the built-ins, then every `letterlingo.engines` entry point."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import EngineError
from .base import ENTRY_POINT_GROUP, Engine, EngineContext, EngineFactory

if TYPE_CHECKING:
    from importlib import metadata

logger = logging.getLogger(__name__)


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

        return online_engine(name, context.environ, timeout=context.timeout, planning=context.planning,
                             config=context.config)

    factory.__name__ = f"_{name}"
    return factory


@dataclass(frozen=True)
class BuiltinEngine:
    factory: EngineFactory
    help: str  # one line for `translate --help`
    environment: str = ""  # the variables it reads, for `translate --help`


#: Built-in engines in the order `letterlingo translate --help` lists them. Factories import
#: their module lazily, so requests, deep-translator (and argostranslate) load only when asked for.
BUILTINS: dict[str, BuiltinEngine] = {
    "memory": BuiltinEngine(_memory, "reviewed entries of every catalogue of the project (offline)"),
    "pseudo": BuiltinEngine(_pseudo, "pseudo-localisation, for testing layouts (offline)"),
    "google": BuiltinEngine(_online("google"), "Google Translate's web endpoint, one text per request",
                            "GOOGLE_TRANSLATE_URL"),
    "deepl": BuiltinEngine(_online("deepl"), "DeepL API, 50 texts per request, formality and glossaries",
                           "DEEPL_API_KEY, DEEPL_URL"),
    "microsoft": BuiltinEngine(_online("microsoft"), "Microsoft Translator v3, up to 1000 texts per request",
                               "MICROSOFT_TRANSLATOR_KEY, MICROSOFT_TRANSLATOR_REGION, MICROSOFT_TRANSLATOR_URL"),
    "mymemory": BuiltinEngine(_online("mymemory"), "MyMemory, long texts in 500-byte pieces",
                              "MYMEMORY_EMAIL, MYMEMORY_KEY, MYMEMORY_URL"),
    "libre": BuiltinEngine(_online("libre"), "LibreTranslate, texts batched per request",
                           "LIBRE_URL, LIBRE_API_KEY, LIBRE_CHAR_LIMIT, LIBRE_BATCH_LIMIT"),
    "argos": BuiltinEngine(_argos, "Argos Translate (offline; pip install 'letterlingo[argos]')"),
}
BUILTIN_ENGINES: dict[str, EngineFactory] = {name: engine.factory for name, engine in BUILTINS.items()}


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
    from importlib import metadata  # only when engines are asked for: it is slow to import

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
