"""Time `extract` + `update` of one letter into the 24 EU locales (a script, not a test).

Run: .venv/bin/python bench/extract_update.py [--rounds N]
Copies the repository's example project to a temporary folder, then times, in-process
(interpreter start-up excluded): a first extract + update that creates 23 catalogues, a
merge after an edited paragraph, and a no-op round.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from letterlingo.config import load_config
from letterlingo.extract import extract
from letterlingo.update import update

REPO = Path(__file__).resolve().parent.parent
SLUG = "2025-csar-open-letter"


def timed(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, list[float]] = {"create": [], "merge after edit": [], "no-op": []}
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            shutil.copy(REPO / "letterlingo.toml", root)
            shutil.copytree(REPO / "letters", root / "letters")
            config = load_config(root)
            letter = config.letter_file(SLUG)

            def round_(config=config) -> None:
                extract(config, SLUG)
                update(config, SLUG, config.target_locales)

            results["create"].append(timed(round_))
            letter.write_text(letter.read_text(encoding="utf-8").replace("critical opportunity", "unique opportunity"),
                              encoding="utf-8")
            results["merge after edit"].append(timed(round_))
            results["no-op"].append(timed(round_))
    print(f"extract + update of {SLUG} into {len(load_config(REPO).target_locales)} locales, {args.rounds} rounds")
    for name, values in results.items():
        print(f"  {name:18s} median {statistics.median(values) * 1000:7.1f} ms   min {min(values) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
