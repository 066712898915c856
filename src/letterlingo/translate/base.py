"""What an engine is: the protocol the translate step calls, and what a factory gets to build one."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from ..config import Config
from ..errors import ConfigError

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
    translation", named in the draft's translator comment), `glossary_terms(source, target)`
    (the glossary terms the engine renders itself for the pair, as DeepL does with a DeepL
    glossary: the step sends those as words instead of tags), and `close()`. Engines raise
    `EngineError` when they cannot work (with `done`, the answers before the failure, where
    there were some) and `TransientEngineError` when a retry may help.
    """

    name: str
    max_chars: int
    max_texts: int

    def supports(self, source: str, target: str) -> bool: ...

    def translate(self, texts: list[str], source: str, target: str) -> list[str]: ...


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


def env_number(environ: Mapping[str, str], name: str, default: float, *, whole: bool = False,
               minimum: float = 0) -> float:
    """A number setting from the environment (LETTERLINGO_RETRIES, LIBRE_CHAR_LIMIT...), or the
    default when unset; a value that is not one is a ConfigError naming the variable."""
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a {'whole ' if whole else ''}number") from None
    if value < minimum:
        raise ConfigError(f"{name}={raw!r} " + (f"must be at least {minimum:g}" if minimum else "must not be negative"))
    return value

