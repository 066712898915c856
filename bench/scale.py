"""How status, check, update and a no-op build grow with the number of letters (a script).

Run: .venv/bin/python bench/scale.py [--sizes 10,100]
Makes N synthetic letters (variants of the 2025 example letter, each with its own wording so
every catalogue is distinct) in 24 locales, then times each step in-process. The build is
HTML-only for the first pass (2,400 PDFs would take many minutes); the timed no-op build
takes the same path for PDFs, which are skipped through the manifest in the same way.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from letterlingo.build import build
from letterlingo.checks import check
from letterlingo.config import load_config
from letterlingo.extract import extract
from letterlingo.project import letter_slugs
from letterlingo.status import status
from letterlingo.update import update

REPO = Path(__file__).resolve().parent.parent


def make_project(root: Path, count: int) -> None:
    source = (REPO / "letters" / "2025-csar-open-letter.md").read_text(encoding="utf-8")
    (root / "letters").mkdir(parents=True)
    shutil.copy(REPO / "letterlingo.toml", root)
    for number in range(count):
        text = source.replace("Put Children's Online Safety First", f"Put Children's Online Safety First ({number})")
        text = text.replace("We, **109 signatories**", f"We, **109 signatories** of letter {number}")
        (root / "letters" / f"letter-{number:03d}.md").write_text(text, encoding="utf-8")


def timed(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def run(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_project(root, count)
        config = load_config(root)
        slugs = letter_slugs(config)
        results = {}
        results["extract + update (create)"] = timed(
            lambda: [(extract(config, s), update(config, s, config.target_locales)) for s in slugs])
        results["update (no change)"] = timed(lambda: [update(config, s, config.target_locales) for s in slugs])
        results["status"] = timed(lambda: status(config, slugs, config.target_locales))
        results["check"] = timed(lambda: check(config, slugs, config.target_locales))
        results["first build (HTML)"] = timed(lambda: build(config, slugs, config.locales, formats=("html",), jobs=2))
        results["no-op build"] = timed(lambda: build(config, slugs, config.locales, formats=("html",), jobs=2))
        return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10,100")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    table = {size: run(size) for size in sizes}
    steps = list(next(iter(table.values())))
    print(f"{'step':28s}" + "".join(f"{f'{size} letters':>14s}" for size in sizes) + "   per letter")
    for step in steps:
        values = [table[size][step] for size in sizes]
        per_letter = "  ".join(f"{table[size][step] / size * 1000:6.1f} ms" for size in sizes)
        print(f"{step:28s}" + "".join(f"{value:12.2f} s" for value in values) + f"   {per_letter}")


if __name__ == "__main__":
    main()
