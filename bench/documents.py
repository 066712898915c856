"""Import of a 30-page Word document, and Word/ODT editions next to PDF (a script).

Run: .venv/bin/python bench/documents.py [--pages 30] [--jobs N]
Writes a .docx of about --pages A4 pages (paragraphs with links and bold, a numbered list,
and a signatory list of 400 names in groups), times `import_letter` on it (best of 3), then
builds the example project's 3 letters × 24 locales as docx, as odt, and as pdf (each with
--force, one format per run) and prints each wall time and the docx share of docx + pdf.
Needs python-docx (the test extra).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from letterlingo.build import build
from letterlingo.config import load_config
from letterlingo.importer import import_letter
from letterlingo.pdfpool import default_jobs
from letterlingo.project import letter_slugs

REPO = Path(__file__).resolve().parent.parent
WORDS = ("the proposal would require providers to assess and mitigate the risk that their services are used "
         "for the sexual abuse of children, and the coalition asks the co-legislators to keep").split()


def long_document(path: Path, pages: int) -> int:
    """A letter of about `pages` A4 pages; returns its number of signatories."""
    from docx import Document

    document = Document()
    document.add_paragraph("An open letter on the protection of children online", style="Title")
    document.add_paragraph("10 September 2025")
    document.add_paragraph("Dear Members of the European Parliament,")
    # About 500 words fill an A4 page at 11 pt; a paragraph here is 90 words.
    for number in range(pages * 4):
        paragraph = document.add_paragraph()
        paragraph.add_run(" ".join(WORDS[(number + i) % len(WORDS)] for i in range(60)) + " ")
        paragraph.add_run("this obligation").bold = True
        paragraph.add_run(" " + " ".join(WORDS[(number * 3 + i) % len(WORDS)] for i in range(28)) + ".")
        if number % 12 == 0:
            document.add_heading(f"Part {number // 12 + 1}", level=1)
            for item in range(4):
                document.add_paragraph(f"Demand {item + 1} of part {number // 12 + 1}.", style="List Number")
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("Signatories:")
    names = 0
    for group in ("Organisations", "Networks", "Individuals"):
        document.add_heading(group, level=2)
        for number in range(1, 134):
            document.add_paragraph(f"{number}. {group[:-1]} member {number} e.V., Europe")
            names += 1
    document.save(path)
    return names


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / "long-letter.docx"
        names = long_document(source, args.pages)
        times = []
        for round_ in range(3):
            letters = work / f"letters{round_}"
            letters.mkdir()
            times.append(timed(lambda: import_letter(source, letters, expect=names)))  # noqa: B023
        print(f"import of a {args.pages}-page .docx ({source.stat().st_size // 1024} KiB, {names} signatories): "
              f"best {min(times):.2f} s of 3 ({', '.join(f'{t:.2f}' for t in times)})")

        project = work / "project"
        project.mkdir()
        shutil.copy(REPO / "letterlingo.toml", project / "letterlingo.toml")
        shutil.copytree(REPO / "letters", project / "letters")
        shutil.copytree(REPO / "locales", project / "locales")
        config = load_config(project)
        slugs = letter_slugs(config)
        seconds = {}
        for kind in ("docx", "odt", "pdf"):
            report = build(config, slugs, config.locales, formats=(kind,), jobs=args.jobs, force=True,
                           include_untranslated=True)
            seconds[kind] = report.seconds
            print(f"build --format {kind}: {len(report.editions)} editions in {report.seconds:.1f} s "
                  f"({report.seconds / len(report.editions) * 1000:.0f} ms each, proof included)")
        share = seconds["docx"] / (seconds["docx"] + seconds["pdf"])
        print(f"docx share of a docx + pdf build: {share:.0%} (jobs={args.jobs})")


if __name__ == "__main__":
    main()
