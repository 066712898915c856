"""The `argos` engine: Argos Translate models on this machine, offline (extra `letterlingo[argos]`)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ..errors import EngineError

INSTALL_HINT = "pip install 'letterlingo[argos]'"


def _argos_translate() -> ModuleType:
    """Import argostranslate only when the engine is used: with its models it weighs gigabytes."""
    try:
        from argostranslate import translate as argos_translate
    except ImportError:
        raise EngineError(f"the argos engine needs argostranslate, which is not installed ({INSTALL_HINT})") from None
    return argos_translate


class ArgosEngine:
    """Runs installed Argos models; a language pair without a model is a clear error, not a
    silent skip, because installing one is a single command."""

    name = "argos"
    offline = True
    max_chars = 5_000
    max_texts = 8

    def __init__(self) -> None:
        self._argos = _argos_translate()
        self._translations: dict[tuple[str, str], Any] = {}

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        translation = self._translation(source.split("_")[0], target.split("_")[0])
        return [str(translation.translate(text)) for text in texts]

    def _translation(self, source: str, target: str) -> Any:
        key = (source, target)
        if key not in self._translations:
            languages = {language.code: language for language in self._argos.get_installed_languages()}
            translation = None
            if source in languages and target in languages:
                translation = languages[source].get_translation(languages[target])
            if translation is None:
                raise EngineError(
                    f"no Argos model installed for {source} -> {target} "
                    f"(install one with: argospm update && argospm install translate-{source}_{target})"
                )
            self._translations[key] = translation
        return self._translations[key]
