"""Where a build's PDF time goes, in CPU seconds of one process (a script).

Run: .venv/bin/python bench/build_cpu.py [bare|ours|no-widow-fix ...]
Renders the 72 print documents of the example letters (as bench/build.py makes them) one
after another in this process and prints the CPU time and the number of layouts:
- bare: plain `HTML(...).write_pdf()` with a fresh stylesheet and font set-up per document;
- ours: the build's worker code (`render_pdf`: shared fonts and stylesheet, cached hyphenation
  patterns, second layouts against a last page of a few names, the proof read back);
- no-widow-fix: the same without the second layouts, to show what they cost.
Unlike wall time on a shared machine, CPU time of one process varies little between runs.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from build import bare_render, documents, example_project
from letterlingo import pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("modes", nargs="*", default=["bare", "ours", "no-widow-fix"])
    modes = parser.parse_args().modes
    from weasyprint import HTML

    layouts = [0]
    render = HTML.render

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        layouts[0] += 1
        return render(self, *args, **kwargs)

    HTML.render = counted  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        config = example_project(Path(tmp))
        jobs = documents(config)
        for mode in modes:
            layouts[0] = 0
            started = time.process_time()
            if mode == "bare":
                for job in jobs:
                    bare_render(job)
            else:
                pdf.WIDOW_PAGE_FILL = 0.0 if mode == "no-widow-fix" else 0.25
                pdf.init_worker(pdf.PdfSettings(css_path=jobs[0][2], roots=(str(config.root),)))
                for html, base_url, _css, target in jobs:
                    pdf.render_pdf(pdf.PdfJob(html=html, base_url=base_url, target=target, label=target))
            print(f"{mode:<14} {time.process_time() - started:6.1f} s CPU, {layouts[0]} layouts of {len(jobs)} documents",
                  flush=True)


if __name__ == "__main__":
    main()
