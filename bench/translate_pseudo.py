"""Time a pseudo-localisation run of every example letter into all 24 EU locales.

Usage: .venv/bin/python bench/translate_pseudo.py [--repeat N] [--keep]

Works on a copy of the repository's letters/ and locales/ in a temporary folder. By default
every msgstr of the copy is emptied first, so each run translates every entry of every
letter; --keep times a run over the catalogues as they are (only their empty entries).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from letterlingo.catalog import live_entries, read_catalog, write_catalog
from letterlingo.config import Config, load_config
from letterlingo.project import letter_slugs
from letterlingo.translate import translate_catalogues

REPO = Path(__file__).resolve().parent.parent


def copy_project(target: Path) -> Config:
    target.mkdir(parents=True)
    shutil.copy(REPO / "letterlingo.toml", target / "letterlingo.toml")
    shutil.copytree(REPO / "letters", target / "letters")
    shutil.copytree(REPO / "locales", target / "locales")
    return load_config(target)


def empty_translations(config: Config) -> None:
    for path in sorted(config.locales_path.glob("*/LC_MESSAGES/*.po")):
        catalog = read_catalog(path)
        for entry in live_entries(catalog):
            entry.msgstr = ""
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        write_catalog(catalog, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs, each on a fresh copy (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the copy's translations; fill only empty entries")
    args = parser.parse_args()
    times = []
    for run in range(1, args.repeat + 1):
        with tempfile.TemporaryDirectory(prefix="letterlingo-bench-") as folder:
            config = copy_project(Path(folder) / "project")
            if not args.keep:
                empty_translations(config)
            started = time.perf_counter()
            report = translate_catalogues(config, None, None, ["pseudo"], environ={"SOURCE_DATE_EPOCH": "0"})
            elapsed = time.perf_counter() - started
            times.append(elapsed)
            print(f"run {run}: {len(letter_slugs(config))} letters x {len(config.locales)} locales "
                  f"({len(config.target_locales)} target catalogues each, {config.source_language} is the source): "
                  f"{report.filled} entries in {len(report.catalogues)} catalogues, {elapsed:.2f} s")
    print(f"best of {len(times)}: {min(times):.2f} s")


if __name__ == "__main__":
    main()
