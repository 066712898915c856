"""Start-up and the edit -> merge loop, measured side by side with the gettext tools (a script).

Run: .venv/bin/python bench/startup.py [--rounds 10]
Prints the median wall time of:
- `letterlingo --version` (and `md2po --version` when mdpo is installed: `pip install mdpo`);
- one edited letter into 23 locales as a user runs it, `letterlingo update` (which extracts
  first), against `md2po` + `msgmerge --previous` for 23 locales when both are installed
  (msgmerge alone otherwise, which is a lower bound for the anchor);
- `letterlingo check` of the example project (3 letters × 23 locales), with every file checked
  and again with nothing changed since the last check (findings from the cache).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SLUG = "2025-csar-open-letter"


def median_seconds(command: list[str], rounds: int, cwd: Path | None = None, before=None) -> float:
    times = []
    for _ in range(rounds):
        if before:
            before()
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    rounds = parser.parse_args().rounds
    letterlingo = str(BIN / "letterlingo")
    md2po = shutil.which("md2po") or (str(BIN / "md2po") if (BIN / "md2po").exists() else None)
    msgmerge = shutil.which("msgmerge")
    # Byte-compiled as pip installs a package (and as the anchors are): an editable checkout run
    # with PYTHONDONTWRITEBYTECODE would otherwise compile every edited module on every start.
    import compileall

    import letterlingo as package

    compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)

    ours = median_seconds([letterlingo, "--version"], rounds)
    print(f"letterlingo --version                 {ours * 1000:7.0f} ms")
    if md2po:
        anchor = median_seconds([md2po, "--version"], rounds)
        print(f"md2po --version                       {anchor * 1000:7.0f} ms   ratio {ours / anchor:.2f}")

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(REPO / "letters", root / "letters")
        shutil.copytree(REPO / "locales", root / "locales")
        shutil.copy(REPO / "letterlingo.toml", root)
        letter = root / "letters" / f"{SLUG}.md"
        original = letter.read_text(encoding="utf-8")
        flip = {"on": False}

        def edit() -> None:  # a different one-word edit each round, so every round has work
            flip["on"] = not flip["on"]
            word = "unique" if flip["on"] else "critical"
            letter.write_text(original.replace("critical opportunity", f"{word} opportunity"), encoding="utf-8")
            time.sleep(0.01)

        ours = median_seconds([letterlingo, "update", "-q"], rounds, cwd=root, before=edit)
        print(f"letterlingo update (edited letter)    {ours * 1000:7.0f} ms")
        if msgmerge:
            pos = sorted((root / "locales").glob(f"*/LC_MESSAGES/{SLUG}.po"))
            pot = root / "locales" / f"{SLUG}.pot"

            def anchor_round() -> None:
                if md2po:
                    subprocess.run([md2po, str(letter), "-q", "-s", "--po-filepath", str(pot)], check=True,
                                   capture_output=True)
                for po in pos:
                    subprocess.run([msgmerge, "--previous", "-q", "-U", "--backup=none", str(po), str(pot)],
                                   check=True, capture_output=True)

            times = []
            for _ in range(rounds):
                edit()
                started = time.perf_counter()
                anchor_round()
                times.append(time.perf_counter() - started)
            anchor = statistics.median(times)
            label = "md2po + msgmerge x23" if md2po else "msgmerge --previous x23 (no md2po)"
            print(f"{label:<38}{anchor * 1000:7.0f} ms   ratio {ours / anchor:.2f}")
        letter.write_text(original, encoding="utf-8")
        subprocess.run([letterlingo, "update", "-q"], cwd=root, check=True, capture_output=True)
        command = [letterlingo, "check", "-q", "--json"]
        cache = Path(tmp) / "cache"

        def cold() -> None:  # an empty cache folder: every file is checked
            shutil.rmtree(cache, ignore_errors=True)

        os.environ["LETTERLINGO_CACHE_DIR"] = str(cache)
        check = median_seconds(command, max(3, rounds // 2), cwd=root, before=cold)
        print(f"letterlingo check (3 letters x 23)    {check * 1000:7.0f} ms   every file checked")
        check = median_seconds(command, max(3, rounds // 2), cwd=root)
        print(f"letterlingo check, nothing changed    {check * 1000:7.0f} ms   findings from the cache")


if __name__ == "__main__":
    main()
