"""The engine registry: built-ins first, then entry points; unknown and duplicate names refused."""

from __future__ import annotations

import sys
from importlib import metadata

import pytest

from letterlingo.config import Config
from letterlingo.errors import EngineError
from letterlingo.translate import Engine, EngineContext, EngineRegistry, default_registry, engine_names
from letterlingo.translate import registry as engines_module

BUILTINS = ["memory", "pseudo", "google", "deepl", "microsoft", "mymemory", "libre", "argos"]


class PluginEngineDouble:
    """What a third-party package would put behind its entry point."""

    name = "plugin"
    max_chars = 100
    max_texts = 5

    def __init__(self, context: EngineContext) -> None:
        self.context = context

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        return list(texts)


def entry_point(name: str, value: str) -> metadata.EntryPoint:
    return metadata.EntryPoint(name=name, value=value, group=engines_module.ENTRY_POINT_GROUP)


def test_builtins_come_first_in_a_stable_order() -> None:
    assert engine_names()[: len(BUILTINS)] == BUILTINS


def test_unknown_name_lists_the_known_ones(tmp_path) -> None:
    with pytest.raises(EngineError) as caught:
        default_registry().create("babelfish", EngineContext(Config(root=tmp_path)))
    assert str(caught.value) == f"unknown engine 'babelfish' (known: {', '.join(engine_names())})"


def test_entry_point_engines_are_found_and_loaded_lazily(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(engines_module, "_entry_points", lambda: [
        entry_point("plugin", f"{__name__}:PluginEngineDouble"),
        entry_point("broken", "no_such_module_for_letterlingo:Engine"),
    ])
    registry = default_registry()
    assert registry.names() == BUILTINS + ["plugin", "broken"]
    engine = registry.create("plugin", EngineContext(Config(root=tmp_path)))
    assert isinstance(engine, PluginEngineDouble) and isinstance(engine, Engine)
    with pytest.raises(EngineError, match="engine 'broken' could not be loaded"):
        registry.create("broken", EngineContext(Config(root=tmp_path)))


def test_a_plugin_cannot_take_a_builtin_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines_module, "_entry_points", lambda: [entry_point("deepl", f"{__name__}:PluginEngineDouble")])
    with pytest.raises(EngineError, match="engine name 'deepl' is registered twice"):
        default_registry()


def test_duplicate_registration_is_refused() -> None:
    registry = EngineRegistry()
    registry.register("x", PluginEngineDouble)  # type: ignore[arg-type]
    with pytest.raises(EngineError, match="registered twice"):
        registry.register("x", PluginEngineDouble)  # type: ignore[arg-type]


def test_an_object_that_is_not_an_engine_is_refused(tmp_path) -> None:
    registry = EngineRegistry()
    registry.register("odd", lambda context: object(), "tests")  # type: ignore[arg-type,return-value]
    with pytest.raises(EngineError, match="lacks name, max_chars, max_texts, supports, translate"):
        registry.create("odd", EngineContext(Config(root=tmp_path)))


def test_argos_without_argostranslate_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setitem(sys.modules, "argostranslate", None)  # as if not installed, whatever the machine has
    with pytest.raises(EngineError) as caught:
        default_registry().create("argos", EngineContext(Config(root=tmp_path)))
    assert str(caught.value) == (
        "the argos engine needs argostranslate, which is not installed (pip install 'letterlingo[argos]')"
    )


def test_argos_without_a_model_names_the_missing_pair(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from letterlingo.translate import argos

    class ArgosModuleDouble:
        @staticmethod
        def get_installed_languages() -> list[object]:
            return []

    monkeypatch.setattr(argos, "_argos_translate", lambda: ArgosModuleDouble)
    engine = argos.ArgosEngine()
    with pytest.raises(EngineError, match=r"no Argos model installed for en -> ga \(install one with: argospm"):
        engine.translate(["Hello"], "en", "ga")


@pytest.mark.parametrize("name, variable", [
    ("deepl", "DEEPL_API_KEY"), ("microsoft", "MICROSOFT_TRANSLATOR_KEY"), ("libre", "LIBRE_API_KEY"),
])
def test_online_engines_without_a_key_fail_before_any_request(tmp_path, name: str, variable: str) -> None:
    with pytest.raises(EngineError, match=f"the {name} engine needs an API key in {variable}"):
        default_registry().create(name, EngineContext(Config(root=tmp_path), environ={}))
