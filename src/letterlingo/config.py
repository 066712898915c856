"""Project settings: one place for the defaults, read from letterlingo.toml or [tool.letterlingo]."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .fsutil import read_input
from .languages import EU_LANGUAGES, UnknownLanguage, normalize_locale

CONFIG_FILE = "letterlingo.toml"

#: Engines the translate step tries by default, in order: offline reuse first, nothing online.
DEFAULT_ENGINES: tuple[str, ...] = ("memory",)
KNOWN_FORMATS: tuple[str, ...] = ("html", "pdf", "docx", "odt")
#: What `build` writes unless told otherwise; Word and ODT are for partners who ask for them.
DEFAULT_FORMATS: tuple[str, ...] = ("html", "pdf")
#: DeepL's `formality` values, the ones `[translate] formality = {de = "more"}` accepts.
FORMALITY_VALUES: tuple[str, ...] = ("default", "more", "less", "prefer_more", "prefer_less")


@dataclass(frozen=True)
class Config:
    """Everything a command needs to know about a project; the CLI and the API share it."""

    root: Path = field(default_factory=Path.cwd)
    name: str = "letterlingo"
    source_language: str = "en"
    locales: tuple[str, ...] = EU_LANGUAGES
    engines: tuple[str, ...] = DEFAULT_ENGINES
    formats: tuple[str, ...] = DEFAULT_FORMATS
    glossary: str = "glossary.csv"
    #: Extra .po files for the memory engine; `{locale}` in a path stands for the language.
    compendia: tuple[str, ...] = ()
    #: `[translate] formality = {de = "more", fr = "less"}`: DeepL's formality per locale, as
    #: (locale, value) pairs in the file's order (a tuple, so a Config stays hashable).
    formality: tuple[tuple[str, str], ...] = ()
    #: Where the editions are published ("https://example.org/letters/"): pages then carry
    #: absolute canonical and alternate links, social cards and a sitemap.
    site_url: str = ""
    #: Who publishes the letters (PDF Author, the web page's author and structured data).
    author: str = ""
    #: A contact e-mail printed in every PDF's footer.
    contact: str = ""
    keywords: tuple[str, ...] = ()
    letters_dir: str = "letters"
    locales_dir: str = "locales"
    templates_dir: str = "templates"
    output_dir: str = "output"
    config_path: Path | None = None

    @property
    def letters_path(self) -> Path:
        return self.root / self.letters_dir

    @property
    def locales_path(self) -> Path:
        return self.root / self.locales_dir

    @property
    def templates_path(self) -> Path:
        return self.root / self.templates_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir

    @property
    def target_locales(self) -> tuple[str, ...]:
        """The configured locales that get a .po file: all but the source language."""
        return tuple(code for code in self.locales if code != self.source_language)

    def letter_file(self, slug: str) -> Path:
        return self.letters_path / f"{slug}.md"

    def pot_file(self, slug: str) -> Path:
        return self.locales_path / f"{slug}.pot"

    def po_file(self, slug: str, locale: str) -> Path:
        return self.locales_path / locale / "LC_MESSAGES" / f"{slug}.po"

    def relative(self, path: Path) -> str:
        """A path as the user sees it from the project root (used in #: references and messages)."""
        path = Path(path)
        if ".." not in path.parts:  # a path made from the root (most are): no file system calls
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


_FIELD_NAMES = {f.name for f in fields(Config)} - {"root", "config_path", "formality"}
_LIST_KEYS = {"locales", "engines", "formats", "compendia", "keywords"}
#: Tables of settings and their keys: `[translate]` holds the translate step's.
_TABLES = {"translate": ("formality",)}


def _line_of(text: str, *needles: str) -> int | None:
    """The first line of a config file that mentions one of `needles`, for error messages."""
    for number, line in enumerate(text.splitlines(), start=1):
        for needle in needles:
            if needle and re.search(rf"(^|[\s\"'\[,]){re.escape(needle)}([\s\"'\],=]|$)", line):
                return number
    return None


def _read_config_text(path: Path) -> str:
    """TOML is UTF-8; a BOM (as some Windows editors write) is tolerated."""
    data = read_input(path, ConfigError, path.name)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise ConfigError("not valid UTF-8 text (TOML files must be UTF-8)", path.name,
                          data[: exc.start].count(b"\n") + 1) from None


def _read_table(root: Path) -> tuple[dict[str, Any], Path | None, str]:
    path = root / CONFIG_FILE
    if path.exists():
        text = _read_config_text(path)
        return _parse_toml(Path(path.name), text), Path(path.name), text
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        text = _read_config_text(pyproject)
        table = _parse_toml(Path(pyproject.name), text).get("tool", {}).get("letterlingo")
        if isinstance(table, dict):
            return table, Path(pyproject.name), text
    return {}, None, ""


def _parse_toml(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        if line is None and "end of document" in str(exc):
            line = text.count("\n") + 1
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        raise ConfigError(f"invalid TOML: {message}", path, line) from None


def load_config(root: Path | str | None = None, **overrides: Any) -> Config:
    """Read the project's settings; keyword `overrides` win over the file (the CLI passes its options)."""
    root_path = Path(root) if root is not None else Path.cwd()
    if not root_path.is_dir():
        raise ConfigError("project folder does not exist", root_path)
    table, path, text = _read_table(root_path)
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key in _TABLES:
            values.update(_read_settings_table(key, value, path, text))
            continue
        if key not in _FIELD_NAMES:
            known = ", ".join(sorted(_FIELD_NAMES | set(_TABLES)))
            raise ConfigError(f"unknown setting {key!r} (known: {known})", path, _line_of(text, key))
        if key in _LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ConfigError(f"{key} must be a list of strings", path, _line_of(text, key))
            value = tuple(value)
        elif not isinstance(value, str):
            raise ConfigError(f"{key} must be a string", path, _line_of(text, key))
        values[key] = value
    config = Config(root=root_path, config_path=path, **values)
    config = replace(config, **{k: v for k, v in overrides.items() if v is not None})
    return _validated(config, text)


def _read_settings_table(name: str, value: Any, path: Path | None, text: str) -> dict[str, Any]:
    """`[translate]`: a table whose keys are known, each of the right shape."""
    if not isinstance(value, dict):
        raise ConfigError(f"{name} must be a table ([{name}])", path, _line_of(text, name))
    values: dict[str, Any] = {}
    for key, item in value.items():
        if key not in _TABLES[name]:
            known = ", ".join(f"{name}.{known}" for known in _TABLES[name])
            raise ConfigError(f"unknown setting '{name}.{key}' (known: {known})", path, _line_of(text, key))
        if not isinstance(item, dict) or not all(isinstance(v, str) for v in item.values()):
            raise ConfigError(f'{name}.{key} must be a table of strings, such as {{de = "more"}}', path,
                              _line_of(text, key))
        values[key] = tuple(item.items())
    return values


def _validated_formality(config: Config, locales: list[str], text: str) -> tuple[tuple[str, str], ...]:
    """Known values for the project's locales only: a typo must not be silently ignored."""
    where = config.config_path
    pairs = config.formality.items() if isinstance(config.formality, dict) else config.formality
    result: dict[str, str] = {}
    start = _line_of(text, "formality") or 1

    def line_of(needle: str) -> int | None:
        """The first line from the `formality` setting on that mentions `needle` (a locale
        code also appears in `locales = [...]`, which is not the line to point at)."""
        found = _line_of("\n".join(text.splitlines()[start - 1:]), needle)
        return start + found - 1 if found else (start if text else None)

    for code, value in pairs:
        line = line_of(code)
        try:
            normal = normalize_locale(code)
        except UnknownLanguage as exc:
            raise ConfigError(f"translate.formality: {exc}", where, line) from None
        if normal not in locales:
            raise ConfigError(f"translate.formality: {code!r} is not one of the project's locales", where, line)
        if value not in FORMALITY_VALUES:
            raise ConfigError(f"translate.formality: {code} = {value!r} is not one of {', '.join(FORMALITY_VALUES)}",
                              where, line_of(value))
        result[normal] = value
    return tuple(result.items())


def _validated(config: Config, text: str) -> Config:
    where = config.config_path
    try:
        source = normalize_locale(config.source_language)
    except UnknownLanguage as exc:
        raise ConfigError(f"source_language: {exc}", where, _line_of(text, config.source_language)) from None
    locales = []
    for code in config.locales:
        try:
            normal = normalize_locale(code)
        except UnknownLanguage as exc:
            raise ConfigError(f"locales: {exc}", where, _line_of(text, code)) from None
        if normal not in locales:
            locales.append(normal)
    for fmt in config.formats:
        if fmt not in KNOWN_FORMATS:
            raise ConfigError(
                f"formats: unknown format {fmt!r} (known: {', '.join(KNOWN_FORMATS)})", where, _line_of(text, fmt)
            )
    formality = _validated_formality(config, locales, text)
    site_url = config.site_url.strip()
    if site_url:
        if not re.match(r"https?://[^/\s?#]+(/[^\s?#]*)?$", site_url):
            raise ConfigError(f"site_url must be an http(s) address without query or fragment, such as "
                              f"https://example.org/letters/ (got {site_url!r})", where, _line_of(text, "site_url"))
        site_url = site_url if site_url.endswith("/") else site_url + "/"
    contact = config.contact.strip()
    if contact and not re.match(r"[^@\s]+@[^@\s]+\.[^@\s]+$", contact):
        raise ConfigError(f"contact must be an e-mail address (got {contact!r})", where, _line_of(text, "contact"))
    return replace(config, source_language=source, locales=tuple(locales), formality=formality,
                   site_url=site_url, contact=contact, author=config.author.strip())


def split_option_values(values: Iterable[str] | None) -> tuple[str, ...]:
    """`-l de -l fr,it` -> ('de', 'fr', 'it'): repeatable options that also take comma lists."""
    result: list[str] = []
    for value in values or ():
        result.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(result)


def select_locales(config: Config, requested: Iterable[str] | None, *, include_source: bool = False) -> tuple[str, ...]:
    """The locales a command works on: the requested ones (validated) or the configured targets."""
    codes = split_option_values(requested)
    if not codes:
        if include_source:  # the original's edition: the one every other names as x-default
            source = config.source_language
            return config.locales if source in config.locales else (source, *config.locales)
        return config.target_locales
    selected = []
    for code in codes:
        try:
            normal = normalize_locale(code)
        except UnknownLanguage as exc:
            raise ConfigError(f"-l/--locale: {exc}") from None
        if normal not in selected:
            selected.append(normal)
    if not include_source:
        selected = [code for code in selected if code != config.source_language]
        if not selected:  # never "no locale given, so all of them"
            raise ConfigError(f"-l/--locale: {config.source_language!r} is the source language; "
                              "give the languages to work on")
    return tuple(selected)
