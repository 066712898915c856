"""Review packs: size and time to first paint of the 2025 letter's pack, and merge time (a script).

Run: .venv/bin/python bench/review.py [--rounds N]
Prints the pack's size per language (smallest, largest), the first contentful paint of the
German pack opened from disk in Debian's headless Chromium (best of N), and the wall time of
merging 23 review files (one per language, every entry approved) into a copy of the examples.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from letterlingo.config import load_config
from letterlingo.review.merge import FORMAT, merge_files
from letterlingo.review.pack import load_pack, write_pack

REPO = Path(__file__).resolve().parent.parent
SLUG = "2025-csar-open-letter"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        shutil.copy(REPO / "letterlingo.toml", root / "letterlingo.toml")
        shutil.copytree(REPO / "letters", root / "letters")
        shutil.copytree(REPO / "locales", root / "locales")
        config = load_config(root)
        sizes = {}
        packs = {}
        started = time.perf_counter()
        for locale in config.target_locales:
            packs[locale] = pack = load_pack(config, SLUG, locale)
            target = write_pack(pack, root / f"{SLUG}-{locale}.review.html")
            sizes[locale] = target.stat().st_size
        made = time.perf_counter() - started
        small, large = min(sizes, key=sizes.get), max(sizes, key=sizes.get)  # type: ignore[arg-type]
        print(f"packs: {len(sizes)} written in {made:.2f} s; size {sizes[small] / 1000:.0f} kB ({small}) "
              f"to {sizes[large] / 1000:.0f} kB ({large})")
        print(f"first contentful paint (de, from disk): {first_paint(root / f'{SLUG}-de.review.html', args.rounds):.0f} ms")
        files = []
        for locale, pack in packs.items():
            review = {"format": FORMAT, "pack": pack.id, "slug": SLUG, "locale": locale, "reviewer": "Bench",
                      "saved": "2026-11-23T10:00:00Z",
                      "entries": [{"id": e.id, "source_sha256": e.source_sha256, "source": e.source,
                                   "text": e.translation, "approved": True} for e in pack.entries]}
            path = root / f"{SLUG}-{locale}.review.json"
            path.write_text(json.dumps(review, ensure_ascii=False), encoding="utf-8")
            files.append(path)
        started = time.perf_counter()
        results = merge_files(config, files)
        merged = time.perf_counter() - started
        approved = sum(result.approved for result in results)
        print(f"review-merge of {len(files)} files ({approved} entries approved): {merged:.2f} s")


def first_paint(page_path: Path, rounds: int) -> float:
    from playwright.sync_api import sync_playwright

    best = float("inf")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        for _ in range(rounds):
            page = browser.new_page()
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            paint = page.evaluate("""() => new Promise(done => {
                new PerformanceObserver(list => {
                    const entry = list.getEntriesByName('first-contentful-paint')[0];
                    if (entry) done(entry.startTime);
                }).observe({type: 'paint', buffered: true});
                setTimeout(() => done(null), 5000);
            })""")
            if paint:
                best = min(best, float(paint))
            page.close()
        browser.close()
    return best


if __name__ == "__main__":
    main()
