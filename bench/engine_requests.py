"""Count the HTTP requests each online engine makes for 100 entries, against local imitations.

Usage: .venv/bin/python bench/engine_requests.py [--entries N] [--repository]

A temporary project gets one catalogue of N empty entries (the blocks of the repository's
example letters, repeated and numbered), and `translate` fills it with each online engine in
turn, pointed at a local server that imitates the service's documented API
(tests/translate/imitations.py). "before" is one request per entry, what every engine sent
when each text was a request of its own; MyMemory then sent nothing for texts over its
limit of 499 characters, so those entries stayed empty.

--repository counts instead for a copy of the repository's own project with every
translation emptied: its letters into all 23 target languages.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import polib

from letterlingo.catalog import live_entries, new_catalog, read_catalog, write_catalog
from letterlingo.config import Config, load_config
from letterlingo.translate import translate_catalogues
from letterlingo.translate.protect import protect

REPO = Path(__file__).resolve().parent.parent

#: Engine, extra environment, what the row shows.
RUNS: list[tuple[str, dict[str, str], str]] = [
    ("deepl", {}, "50 texts or 128 KiB per request"),
    ("microsoft", {}, "1000 texts or 50,000 characters per request"),
    ("libre", {}, "public server: 2,000 characters per request"),
    ("libre", {"LIBRE_CHAR_LIMIT": "100000"}, "own server, LIBRE_CHAR_LIMIT=100000: 50 texts per request"),
    ("mymemory", {}, "one request per 500-byte piece (no batch API)"),
    ("google", {}, "one request per text (no batch API)"),
]


def load_imitations() -> ModuleType:
    path = REPO / "tests" / "translate" / "imitations.py"
    spec = importlib.util.spec_from_file_location("letterlingo_bench_imitations", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def blocks() -> list[str]:
    found: list[str] = []
    for path in sorted((REPO / "locales").glob("*.pot")):
        found += [entry.msgid for entry in polib.pofile(str(path)) if entry.msgid and entry.msgid not in found]
    return found


def make_project(root: Path, entries: int) -> None:
    (root / "letters").mkdir(parents=True)
    (root / "letterlingo.toml").write_text('name = "bench"\nlocales = ["en", "de"]\n', encoding="utf-8")
    (root / "letters" / "bench.md").write_text("---\ntitle: T\n---\n\nText.\n", encoding="utf-8")
    source = blocks()
    catalog = new_catalog()
    catalog.metadata = {"Language": "de", "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                        "Content-Transfer-Encoding": "8bit", "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    for number in range(entries):
        text = source[number % len(source)]
        round_ = number // len(source)
        catalog.append(polib.POEntry(msgid=text if not round_ else f"{text} ({round_})", msgstr=""))
    write_catalog(catalog, root / "locales" / "de" / "LC_MESSAGES" / "bench.po")


def copy_repository(root: Path) -> None:
    """The repository's project with every translation emptied."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "letterlingo.toml", root / "letterlingo.toml")
    shutil.copytree(REPO / "letters", root / "letters")
    shutil.copytree(REPO / "locales", root / "locales")
    for path in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
        catalog = read_catalog(path)
        for entry in live_entries(catalog):
            entry.msgstr = ""
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        write_catalog(catalog, path)


def empty_msgids(config: Config, path: str) -> list[str]:
    return [entry.msgid for entry in live_entries(read_catalog(config.root / path)) if entry.msgid and not entry.msgstr]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100, help="entries in the catalogue (default 100)")
    parser.add_argument("--repository", action="store_true", help="the repository's letters into 23 languages")
    args = parser.parse_args()
    imitations = load_imitations()
    rows = []
    for engine, extra, note in RUNS:
        with tempfile.TemporaryDirectory(prefix="letterlingo-bench-") as folder:
            root = Path(folder) / "project"
            copy_repository(root) if args.repository else make_project(root, args.entries)
            config = load_config(root)
            # the entries of the languages the engine supports, read before they are filled
            msgids = {path: empty_msgids(config, path) for path in
                      (config.relative(found) for found in sorted(config.locales_path.glob("*/LC_MESSAGES/*.po")))}
            with imitations.Imitation(engine, char_limit=2000 if engine == "libre" and not extra else None) as server:
                environ = {"SOURCE_DATE_EPOCH": "0", **server.environ(), **extra}
                report = translate_catalogues(config, None, None if args.repository else ["de"], [engine],
                                              environ=environ)
                sent = len(server.requests)
            offered = [text for result in report.catalogues if engine in result.by_engine
                       for text in msgids[result.path]]
            long_texts = sum(1 for text in offered if len(protect(text).text) > 499)
            before = len(offered) - long_texts if engine == "mymemory" else len(offered)
            before_note = f" ({long_texts} too long, never sent)" if engine == "mymemory" else ""
            rows.append((engine, f"{before}{before_note}", str(sent), str(report.filled), note))
    entries = "the repository" if args.repository else f"per {args.entries}"
    header = ("engine", f"before ({entries})", "after", "filled", "why")
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    for row in [header, tuple("-" * width for width in widths), *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
