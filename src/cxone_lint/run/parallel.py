"""Phase one over many files: worker processes for large runs, results in a stable order.

Small runs stay in the calling process: starting workers costs more than it saves below a few
dozen files (a pre-commit run on the staged files, a warm run with a few changed files).
Larger runs are split into chunks that worker processes analyse; each returns plain data, and
the results are ordered by path, so the output never depends on scheduling.

Workers are forked where the platform allows (Linux): a forked worker inherits the loaded rule
packs instead of importing them again. A worker that dies (a native parser crash the guards in
analysis/files.py did not foresee) does not end the run: every file of the chunks it took down
is analysed again, each in its own short-lived process, and the file that kills its process
is reported as LINT001 while every other file keeps its findings.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from cxone_lint.api.context import FileResult
from cxone_lint.api.extractor import Extractor
from cxone_lint.languages import PARSE_ERROR, problem
from cxone_lint.run.analyse import analyse_file
from cxone_lint.run.workspace import SourceFile

if TYPE_CHECKING:  # imported where used: an in-process run never loads multiprocessing
    import multiprocessing.context
    from concurrent.futures import Future

# Below this many files to analyse (or this many bytes), workers cost more than they save.
PARALLEL_MIN_FILES = 48
PARALLEL_MIN_BYTES = 512 * 1024

# Set in each worker by _init (inherited under fork, pickled once per worker otherwise).
_EXTRACTORS: list[type[Extractor]] = []
_PREFILTER = True
_TRIAGE = True


def _init(extractors: list[type[Extractor]], prefilter: bool, triage: bool) -> None:
    global _EXTRACTORS, _PREFILTER, _TRIAGE
    import faulthandler

    faulthandler.disable()  # a worker's crash becomes LINT001 for its file, not a stack dump
    _EXTRACTORS, _PREFILTER, _TRIAGE = extractors, prefilter, triage


def _work(files: list[SourceFile]) -> list[FileResult]:
    return [analyse_file(f, _EXTRACTORS, _PREFILTER, use_triage=_TRIAGE) for f in files]


def jobs_for(requested: int | None) -> int:
    if requested is not None and requested > 0:
        return requested
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def should_parallelise(files: list[SourceFile], jobs: int, total_bytes: int | None) -> bool:
    if jobs <= 1 or len(files) < 2:
        return False
    if len(files) >= PARALLEL_MIN_FILES:
        return True
    return total_bytes is not None and total_bytes >= PARALLEL_MIN_BYTES


def chunked(files: list[SourceFile], jobs: int) -> list[list[SourceFile]]:
    # About 8 chunks per worker balances uneven file sizes; a floor of 4 files and a ceiling
    # of 64 keep the per-chunk pickling overhead and the worst straggler small.
    size = max(4, min(64, len(files) // (jobs * 8) or 1))
    return [files[i : i + size] for i in range(0, len(files), size)]


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def analyse_all(
    files: list[SourceFile],
    extractors: list[type[Extractor]],
    use_prefilter: bool,
    jobs: int | None = None,
    total_bytes: int | None = None,
    data: dict[str, bytes] | None = None,
    progress: Callable[[int, int], None] | None = None,
    use_triage: bool = True,
) -> dict[str, FileResult]:
    """Analyse every file; the result is ordered by relative path.

    `data` holds the bytes of files already read (by the cache's hash check); in-process
    analysis uses them instead of reading again, workers read files themselves.
    """
    count = jobs_for(jobs)
    results: dict[str, FileResult] = {}
    if not should_parallelise(files, count, total_bytes):
        known = data or {}
        for f in files:
            results[f.rel] = analyse_file(
                f, extractors, use_prefilter, known.get(f.rel), use_triage
            )
            if progress is not None:
                progress(len(results), len(files))
        return {rel: results[rel] for rel in sorted(results)}
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunks = chunked(files, count)
    lost: list[SourceFile] = []
    with ProcessPoolExecutor(
        max_workers=min(count, len(chunks)),
        mp_context=_context(),
        initializer=_init,
        initargs=(extractors, use_prefilter, use_triage),
    ) as pool:
        from concurrent.futures import as_completed

        futures: dict[Future[list[FileResult]], list[SourceFile]] = {
            pool.submit(_work, chunk): chunk for chunk in chunks
        }
        done = 0
        # In completion order (the result is sorted by path at the end, so the output never
        # depends on it): the progress line moves as chunks finish.
        for future in as_completed(futures):
            chunk = futures[future]
            done += len(chunk)
            if progress is not None:
                progress(done, len(files))
            try:
                batch = future.result()
            except BrokenProcessPool:
                lost.extend(chunk)
                continue
            for r in batch:
                results[r.rel] = r
    for f in lost:
        results[f.rel] = _analyse_alone(f, extractors, use_prefilter, use_triage)
    return {rel: results[rel] for rel in sorted(results)}


def _analyse_alone(
    source: SourceFile, extractors: list[type[Extractor]], use_prefilter: bool, use_triage: bool
) -> FileResult:
    """One file in a process of its own: if that process dies, the file gets a LINT001."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = _context()
    with ProcessPoolExecutor(
        max_workers=1,
        mp_context=ctx,
        initializer=_init,
        initargs=(extractors, use_prefilter, use_triage),
    ) as pool:
        try:
            return pool.submit(_work, [source]).result()[0]
        except BrokenProcessPool:
            pass
    result = FileResult(rel=source.rel, kind=source.kind)
    result.status, result.reason = "skipped", "analysis crashed"
    problem(result, PARSE_ERROR, "cannot parse: the analysis of this file crashed its process")
    return result
