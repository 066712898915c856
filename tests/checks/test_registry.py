"""The check registry: built-ins first, then `letterlingo.checks` entry points; names unique and known."""

from __future__ import annotations

import textwrap
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from checks.checkutil import GOOD_DE, make_project, translate
from letterlingo.checks import Check, CheckRegistry, EntryContext, builtin_checks, check, default_registry, entry_check
from letterlingo.checks import registry as registry_module
from letterlingo.errors import ConfigError

PLUGIN = '''
from letterlingo.checks import entry_check


@entry_check("no-todo", "error")
def no_todo(source, translation, ctx):
    """No translator's TODO note is left in a translation."""
    if "TODO" in translation:
        yield "translation still says TODO"


@entry_check("links", "warning")
def links(source, translation, ctx):
    """A plugin that reuses a built-in name."""
    return []


CHECKS = [no_todo]
CLASHING = [links]
NOT_A_CHECK = 42
'''


@pytest.fixture
def plugin_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    name = f"letterlingo_demo_plugin_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


def use_entry_points(monkeypatch: pytest.MonkeyPatch, *values: str) -> None:
    points = [EntryPoint(name=f"ep{index}", value=value, group="letterlingo.checks") for index, value in enumerate(values)]
    monkeypatch.setattr(registry_module, "entry_points", lambda group: points if group == "letterlingo.checks" else [])


def test_builtin_names_are_unique_and_documented() -> None:
    checks = builtin_checks()
    names = [item.name for item in checks]
    assert len(names) == len(set(names))
    for item in checks:
        assert item.function.__doc__, f"{item.name} has no docstring (its title)"
        assert item.title == item.function.__doc__.strip().splitlines()[0]
        assert item.severity in ("error", "warning")
        assert item.origin == "letterlingo"


def test_builtins_come_first_in_a_stable_order(monkeypatch: pytest.MonkeyPatch) -> None:
    use_entry_points(monkeypatch)
    assert default_registry().names == tuple(item.name for item in builtin_checks())
    assert default_registry().names[:2] == ("po-header", "plural-expression")


def test_duplicate_names_are_rejected() -> None:
    registry = CheckRegistry(builtin_checks())
    clash = Check("links", "warning", "entry", lambda source, translation, ctx: [], origin="someone-else")
    with pytest.raises(ConfigError, match="'links' from someone-else has the same name"):
        registry.register(clash)


def test_unknown_name_lists_the_known_ones() -> None:
    registry = CheckRegistry(builtin_checks())
    with pytest.raises(ConfigError, match=r"unknown check 'linkz' \(known: .*\blinks\b.*\)"):
        registry.get("linkz")
    with pytest.raises(ConfigError, match="unknown check"):
        registry.select(skip=["nope"])


def test_select_only_and_skip() -> None:
    registry = CheckRegistry(builtin_checks())
    assert [item.name for item in registry.select(only=["numbers,links"])] == ["numbers", "links"]
    assert "links" not in [item.name for item in registry.select(skip=["links"])]
    assert [item.name for item in registry.select(only=["links", "numbers"], skip=["links"])] == ["numbers"]


def test_check_definitions_are_validated() -> None:
    with pytest.raises(ValueError, match="severity"):
        Check("x", "fatal", "entry", lambda *args: [])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="name"):
        Check("not a name", "error", "entry", lambda *args: [])


def test_entry_point_checks_follow_the_builtins(monkeypatch: pytest.MonkeyPatch, plugin_module: str) -> None:
    use_entry_points(monkeypatch, f"{plugin_module}:CHECKS")
    registry = default_registry()
    assert registry.names[-1] == "no-todo"
    assert registry.names[:-1] == tuple(item.name for item in builtin_checks())
    plugin = registry.get("no-todo")
    assert plugin.title == "No translator's TODO note is left in a translation."
    assert plugin("a", "TODO", EntryContext()) == ["translation still says TODO"]


def test_entry_point_may_name_a_single_check(monkeypatch: pytest.MonkeyPatch, plugin_module: str) -> None:
    use_entry_points(monkeypatch, f"{plugin_module}:no_todo")
    assert "no-todo" in default_registry()


def test_entry_point_reusing_a_builtin_name_is_refused(monkeypatch: pytest.MonkeyPatch, plugin_module: str) -> None:
    use_entry_points(monkeypatch, f"{plugin_module}:CLASHING")
    with pytest.raises(ConfigError, match=r"check 'links' from .*ep0.* has the same name as the one from letterlingo"):
        default_registry()


@pytest.mark.parametrize(
    ("attribute", "message"),
    [("NOT_A_CHECK", "gives a int, not a letterlingo.checks.Check"), ("MISSING", "cannot load check plugin")],
)
def test_broken_entry_points_are_input_errors(monkeypatch: pytest.MonkeyPatch, plugin_module: str,
                                              attribute: str, message: str) -> None:
    use_entry_points(monkeypatch, f"{plugin_module}:{attribute}")
    with pytest.raises(ConfigError, match=message):
        default_registry()


def test_plugin_checks_run(monkeypatch: pytest.MonkeyPatch, plugin_module: str, tmp_path: Path) -> None:
    use_entry_points(monkeypatch, f"{plugin_module}:CHECKS")
    config = make_project(tmp_path / "project", locales=("en", "de"))
    translate(config, "de", {**GOOD_DE, "Signed by": "TODO"})
    report = check(config)
    assert [(f.check, f.severity) for f in report.findings] == [("no-todo", "error")]
    assert report.exit_code == 1


def test_decorator_keeps_the_function_callable() -> None:
    @entry_check("shouting", "warning")
    def shouting(source: str, translation: str, ctx: EntryContext):
        """No translation in capitals only."""
        if translation.isupper():
            yield "translation is in capitals"

    assert shouting("Hello", "HALLO", EntryContext()) == ["translation is in capitals"]
    assert shouting.title == "No translation in capitals only."
    assert shouting.scope == "entry"
