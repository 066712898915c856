"""The PDF worker pool: WeasyPrint renders in other processes while the build prepares the rest.

PDF jobs go to worker processes as soon as they are known, so the workers start up (importing
WeasyPrint, loading fonts) while the main process prepares the other editions. A single PDF is
rendered in-process: starting workers would cost more than it saves. Workers are recycled by
giving each slice of TASKS_PER_WORKER jobs per worker a fresh pool, rather than with
max_tasks_per_child, which can deadlock ProcessPoolExecutor on Python 3.11.
"""

from __future__ import annotations

import concurrent.futures as futures
import logging
import multiprocessing
import os
from collections.abc import Callable

from .errors import BuildError
from .pdf import PdfJob, PdfSettings, render_pdf
from .verify import Verification

log = logging.getLogger(__name__)

#: Worker processes are replaced after this many PDFs, so memory stays flat on long builds.
TASKS_PER_WORKER = 50


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


class PdfQueue:
    """PDF jobs, rendered by a pool of worker processes (or in-process for one PDF)."""

    def __init__(self, settings: PdfSettings, workers: int, progress: Callable[[int, int], None] | None) -> None:
        self.settings = settings
        self.workers = workers
        self.progress = progress
        self.slice_size = TASKS_PER_WORKER * workers
        self.pool: futures.ProcessPoolExecutor | None = None
        self.running: dict[futures.Future[Verification | None], PdfJob] = {}
        self.waiting: list[PdfJob] = []
        self.total = self.done = 0
        self.failures: list[str] = []
        self.proofs: dict[str, Verification] = {}  # target -> what the worker found in it

    def _report(self) -> None:
        if self.progress:
            self.progress(self.done, self.total)

    def _start_pool(self) -> futures.ProcessPoolExecutor:
        self.pool = futures.ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_init, initargs=(self.settings,))
        return self.pool

    def submit(self, job: PdfJob) -> None:
        self.total += 1
        self._report()
        self.waiting.append(job)
        if self.workers > 1 and (self.pool is not None or len(self.waiting) > 1) and len(self.running) < self.slice_size:
            pool = self.pool or self._start_pool()
            while self.waiting and len(self.running) < self.slice_size:
                queued = self.waiting.pop(0)
                self.running[pool.submit(render_pdf, queued)] = queued

    def _drain(self) -> None:
        for future in futures.as_completed(list(self.running)):
            job = self.running.pop(future)
            try:
                proof = future.result()
                if proof is not None:
                    self.proofs[job.target] = proof
            except Exception as exc:  # one edition's failure must not hide the others
                self.failures.append(f"{job.label}: {type(exc).__name__}: {exc}")
            self.done += 1
            self._report()
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None

    def finish(self) -> None:
        """Wait for every PDF; raise BuildError naming the ones that failed."""
        self._report()
        if (self.pool is None and len(self.waiting) <= 1) or self.workers <= 1:
            for job in self.waiting:
                try:
                    proof = render_pdf(job, self.settings)
                    if proof is not None:
                        self.proofs[job.target] = proof
                except Exception as exc:
                    self.failures.append(f"{job.label}: {type(exc).__name__}: {exc}")
                    log.exception("rendering %s failed", job.label)
                self.done += 1
                self._report()
            self.waiting = []
        while self.running or self.waiting:
            self._drain()
            if self.waiting:
                pool = self._start_pool()
                chunk, self.waiting = self.waiting[: self.slice_size], self.waiting[self.slice_size :]
                self.running = {pool.submit(render_pdf, job): job for job in chunk}
        if self.failures:
            raise BuildError(f"{len(self.failures)} PDF(s) failed: " + "; ".join(self.failures))


def _init(settings: PdfSettings) -> None:
    from .pdf import init_worker

    init_worker(settings)
