"""The online engines (google, deepl, microsoft, mymemory, libre), built from the environment.

Keys and base URLs come from environment variables, so a self-hosted server (or a test
server) replaces the public one. Each service lives in its own module; this one knows which
variables each reads, refuses a missing key before any request, and builds the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..config import Config
from ..errors import EngineError
from ..glossary import Glossary, load_glossary
from .base import DEFAULT_TIMEOUT
from .service import OnlineEngine
from .transport import Transport


@dataclass(frozen=True)
class OnlineSpec:
    """One online engine: where it lives and which key it needs."""

    name: str
    url_env: str
    default_url: str
    key_envs: tuple[str, ...]
    key_required: bool = True
    signup: str = ""


SPECS: dict[str, OnlineSpec] = {
    "google": OnlineSpec("google", "GOOGLE_TRANSLATE_URL", "https://translate.google.com/m", (), key_required=False),
    "deepl": OnlineSpec("deepl", "DEEPL_URL", "", ("DEEPL_API_KEY",), signup="https://www.deepl.com/pro-api"),
    "microsoft": OnlineSpec(
        "microsoft", "MICROSOFT_TRANSLATOR_URL",
        "https://api.cognitive.microsofttranslator.com/translate?api-version=3.0",
        ("MICROSOFT_TRANSLATOR_KEY", "MICROSOFT_API_KEY"),
        signup="https://azure.microsoft.com/products/ai-services/translator",
    ),
    "mymemory": OnlineSpec("mymemory", "MYMEMORY_URL", "https://api.mymemory.translated.net/get", ("MYMEMORY_KEY",),
                           key_required=False),
    "libre": OnlineSpec("libre", "LIBRE_URL", "https://libretranslate.com/", ("LIBRE_API_KEY",),
                        signup="https://portal.libretranslate.com"),
}


def online_engine(name: str, environ: Mapping[str, str], *, timeout: float = DEFAULT_TIMEOUT,
                  planning: bool = False, config: Config | None = None) -> OnlineEngine:
    """Build an online engine from the environment (and, for DeepL, the project's formality
    settings and glossary); a missing key is an error before any request."""
    spec = SPECS[name]
    key = next((environ[var] for var in spec.key_envs if environ.get(var)), None)
    url = environ.get(spec.url_env) or spec.default_url
    custom_server = name == "libre" and bool(environ.get(spec.url_env))
    if spec.key_required and not key and not custom_server and not planning:
        hint = f" (get one at {spec.signup})" if spec.signup else ""
        also = f", or point {spec.url_env} at a server of your own" if name == "libre" else ""
        raise EngineError(f"the {name} engine needs an API key in {spec.key_envs[0]}{hint}{also}")
    transport = Transport(timeout)
    if name == "google":
        from .google import GoogleEngine

        return GoogleEngine(url, transport, environ)
    if name == "deepl":
        from deep_translator.constants import DEEPL_LANGUAGE_TO_CODE

        from .deepl import DeeplEngine

        if not environ.get(spec.url_env):
            url = "https://api-free.deepl.com/v2/" if (key or "").endswith(":fx") else "https://api.deepl.com/v2/"
        return DeeplEngine(_slash(url), key, frozenset(DEEPL_LANGUAGE_TO_CODE.values()), transport, environ,
                           formality=dict(config.formality) if config else None, glossary=_glossary(config))
    if name == "microsoft":
        from .microsoft import MicrosoftEngine

        return MicrosoftEngine(url, key, transport, environ)
    if name == "mymemory":
        from .mymemory import MyMemoryEngine

        return MyMemoryEngine(url, transport, environ)
    from .libre import LibreEngine

    return LibreEngine(_slash(url), key, transport, environ)


def _slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _glossary(config: Config | None) -> Glossary:
    if config is None:
        return Glossary()
    path = config.root / config.glossary
    return load_glossary(path, config.relative(path))
