"""A 2,000-name letter through import, extract, build and verify into 3 locales (a script).

Run: .venv/bin/python bench/signatories.py [--names 2000] [--jobs N]
Prints the wall time of each step and the time `verify` takes as a share of the build, both as
the build runs it (inside `build`, after rendering) and as the separate `verify` command.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from letterlingo.build import build
from letterlingo.config import load_config
from letterlingo.extract import extract
from letterlingo.importer import import_letter
from letterlingo.update import update
from letterlingo.verify import verify_project

FIRST = ["Anna", "Jonas", "Marie", "Sofía", "Tomasz", "Eleni", "Áine", "Mikael", "Zsófia", "Jean-Baptiste", "Đorđe",
         "Łucja", "Şerban", "Ħelena", "Jürgen", "Ana", "Dmitrij", "Αικατερίνη", "Мария", "Ilze"]
LAST = ["Berg", "Keller", "Dupont", "Martínez Ortega", "Wiśniewski", "Papadopoulou", "Ní Bhriain", "Lindqvist",
        "Kovács", "Lefèvre", "Petrović", "Zając", "Popescu", "Camilleri", "Müller", "Silva", "Ivanov", "Βλάχου",
        "Петрова", "Ozola"]
KINDS = ["Foundation", "Association", "e.V.", "Network", "Initiative", "Stiftung", "Fundación", "Ένωση", "Сдружение"]


def copy_with_names(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["An open letter with many signatories", "", "Dear Members of the European Parliament,", "",
             "We, the undersigned organisations and individuals, urge you to adopt the regulation without delay. "
             "Every month of delay leaves children unprotected online.", "", "Signed by:", "", "Organisations", ""]
    for number in range(1, count // 2 + 1):
        lines.append(f"{number}. {rng.choice(LAST)} {rng.choice(KINDS)} {number}")
    lines += ["", "Individuals", ""]
    for number in range(count // 2 + 1, count + 1):
        extra = ", Professor of Law, Austria." if number % 97 == 0 else ""
        lines.append(f"- {rng.choice(FIRST)} {rng.choice(LAST)} ({number}){extra}")
    lines += ["", "Share this:", "Facebook", "Read more", "© 2026 The Coalition"]
    return "\n".join(lines) + "\n"


def timed(label: str, work, *args, **kwargs):
    started = time.perf_counter()
    result = work(*args, **kwargs)
    seconds = time.perf_counter() - started
    print(f"{label:<34} {seconds:7.2f} s")
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "letterlingo.toml").write_text('locales = ["en", "de", "el"]\n', encoding="utf-8")
        source = root / "many.txt"
        source.write_text(copy_with_names(args.names), encoding="utf-8")
        config = load_config(root)
        (_, result), _ = timed("import", import_letter, source, config.letters_path, expect=args.names)
        print(f"  {result.report.signatory_count} signatories in {len(result.report.groups)} groups")
        timed("extract + update (2 locales)", lambda: (extract(config, "many"), update(config, "many", ("de", "el"))))
        report, build_seconds = timed("build (HTML + PDF, 3 locales)", build, config, ["many"], ("en", "de", "el"),
                                      jobs=args.jobs)
        assert all(proof.ok for proof in report.proofs), "a name is missing"
        print(f"  of which verify inside build      {report.verify_seconds:7.2f} s "
              f"({100 * report.verify_seconds / build_seconds:.1f}% of the build)")
        proofs, verify_seconds = timed("verify command (6 files)", verify_project, config, ["many"])
        assert all(proof.ok for proof in proofs)
        print(f"  verify as a share of the build    {100 * verify_seconds / build_seconds:7.1f}%")


if __name__ == "__main__":
    main()
