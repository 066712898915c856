"""Build 3 letters × 24 locales, then render the same documents with bare WeasyPrint (a script).

Run: .venv/bin/python bench/build.py [--jobs N]
Prints the wall time of `letterlingo build` (HTML + PDF, as a user runs it), the wall time of
rendering the very same print documents with plain `HTML(...).write_pdf()` in a process pool of
the same size, their ratio, and the peak resident memory of the processes involved.
"""

from __future__ import annotations

import argparse
import concurrent.futures as futures
import multiprocessing
import resource
import shutil
import tempfile
import time
from pathlib import Path

from letterlingo.build import build, copy_assets, default_jobs
from letterlingo.config import load_config
from letterlingo.edition import Drafts, build_edition, load_translations
from letterlingo.project import letter_slugs, load_letter
from letterlingo.templating import render_edition

REPO = Path(__file__).resolve().parent.parent


def bare_render(job: tuple[str, str, str, str]) -> None:
    from weasyprint import CSS, HTML

    html, base_url, css, target = job
    HTML(string=html, base_url=base_url).write_pdf(target, stylesheets=[CSS(filename=css)])


def documents(config) -> list[tuple[str, str, str, str]]:
    """The print HTML of every edition, exactly as the build renders it."""
    assets = copy_assets(config)
    jobs = []
    for slug in letter_slugs(config):
        letter = load_letter(config, slug)
        for locale in config.locales:
            path = None if locale == letter.language else config.po_file(slug, locale)
            edition = build_edition(letter, locale, load_translations(path), Drafts.MARK)
            html = render_edition(edition, config.templates_path, locales=list(config.locales), drafts=Drafts.MARK,
                                  pdf_name=None, css_href=None, for_print=True)
            folder = config.root / "bare" / slug / locale
            folder.mkdir(parents=True, exist_ok=True)
            jobs.append((html, folder.as_uri() + "/", str(assets / "edition.css"), str(folder / f"{slug}-{locale}.pdf")))
    return jobs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        shutil.copy(REPO / "letterlingo.toml", root)
        shutil.copytree(REPO / "letters", root / "letters")
        shutil.copytree(REPO / "locales", root / "locales")
        config = load_config(root)

        started = time.perf_counter()
        report = build(config, letter_slugs(config), config.locales, jobs=args.jobs)
        built = time.perf_counter() - started
        build_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        jobs = documents(config)
        started = time.perf_counter()
        with futures.ProcessPoolExecutor(max_workers=args.jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            list(pool.map(bare_render, jobs))
        bare = time.perf_counter() - started
        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"{len(report.editions)} editions (3 letters × {len(config.locales)} locales), {args.jobs} worker(s)")
    print(f"  letterlingo build (HTML + PDF): {built:6.1f} s")
    print(f"  bare WeasyPrint, same PDFs:     {bare:6.1f} s")
    print(f"  ratio build / bare:             {built / bare:6.2f}")
    print(f"  peak RSS: main process {self_rss:.0f} MiB, largest build worker {build_rss:.0f} MiB, "
          f"largest worker overall {children_rss:.0f} MiB")


if __name__ == "__main__":
    main()
