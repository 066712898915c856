"""Build 3 letters × 24 locales, then render the same documents with bare WeasyPrint (a script).

Run: .venv/bin/python bench/build.py [--jobs N]
Prints the wall time of `letterlingo build --force` (HTML + PDF, as a user runs it) and of
rendering the very same print documents with plain `HTML(...).write_pdf()` in a process pool of
the same size, alternating for --rounds rounds and keeping the best of each, their ratio, and
the peak resident memory of the processes involved.
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

from letterlingo.build import build, copy_assets
from letterlingo.config import Config, load_config
from letterlingo.edition import Drafts, build_edition, load_translations
from letterlingo.pdfpool import default_jobs
from letterlingo.project import letter_slugs, load_letter
from letterlingo.templating import render_edition

REPO = Path(__file__).resolve().parent.parent


def bare_render(job: tuple[str, str, str, str]) -> None:
    from weasyprint import CSS, HTML

    html, base_url, css, target = job
    # The same PDF variant the build writes (tagged PDF/UA-1), so both produce the same documents.
    HTML(string=html, base_url=base_url).write_pdf(target, stylesheets=[CSS(filename=css)], pdf_variant="pdf/ua-1")


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
                                  pdf_name=None, css_href=None)
            folder = config.root / "bare" / slug / locale
            folder.mkdir(parents=True, exist_ok=True)
            jobs.append((html, folder.as_uri() + "/", str(assets / "edition.css"), str(folder / f"{slug}-{locale}.pdf")))
    return jobs


def example_project(folder: Path) -> Config:
    """A copy of this repository's settings, letters and catalogues in `folder`, loaded."""
    root = folder / "project"
    root.mkdir()
    shutil.copy(REPO / "letterlingo.toml", root)
    shutil.copytree(REPO / "letters", root / "letters")
    shutil.copytree(REPO / "locales", root / "locales")
    return load_config(root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds; the best of each is reported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = example_project(Path(tmp))

        jobs = documents(config)
        builds, bares = [], []
        for _ in range(args.rounds):  # alternate, so neither side profits from warmer caches
            started = time.perf_counter()
            report = build(config, letter_slugs(config), config.locales, jobs=args.jobs, force=True)
            builds.append(time.perf_counter() - started)
            build_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            started = time.perf_counter()
            with futures.ProcessPoolExecutor(max_workers=args.jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
                list(pool.map(bare_render, jobs))
            bares.append(time.perf_counter() - started)
        built, bare = min(builds), min(bares)
        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"{len(report.editions)} editions (3 letters × {len(config.locales)} locales), {args.jobs} worker(s)")
    print(f"  letterlingo build (HTML + PDF): {built:6.1f} s   (best of {', '.join(f'{t:.1f}' for t in builds)})")
    print(f"  bare WeasyPrint, same PDFs:     {bare:6.1f} s   (best of {', '.join(f'{t:.1f}' for t in bares)})")
    print(f"  ratio build / bare:             {built / bare:6.2f}")
    print(f"  peak RSS: main process {self_rss:.0f} MiB, largest build worker {build_rss:.0f} MiB, "
          f"largest worker overall {children_rss:.0f} MiB")


if __name__ == "__main__":
    main()
