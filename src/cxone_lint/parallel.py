"""Phase one over many files: worker processes for large runs, results in a stable order."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from cxone_lint.analysis.files import FileResult, analyse_file
from cxone_lint.rule import Extractor
from cxone_lint.workspace import SourceFile

if TYPE_CHECKING:
    from cxone_lint.engine import Engine, RunOptions

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 48


def _work(args: tuple[list[SourceFile], list[type[Extractor]], bool]) -> list[FileResult]:
    files, extractors, prefilter = args
    return [analyse_file(f, extractors, prefilter) for f in files]


def analyse_all(
    files: list[SourceFile],
    extractors: list[type[Extractor]],
    engine: Engine,
    options: RunOptions,
) -> dict[str, FileResult]:
    jobs = options.jobs or os.cpu_count() or 1
    results: dict[str, FileResult] = {}
    if jobs <= 1 or len(files) < PARALLEL_THRESHOLD:
        for f in files:
            results[f.rel] = analyse_file(f, extractors, options.use_prefilter)
        return results
    # Chunks keep inter-process traffic low; each worker returns plain data.
    size = max(8, len(files) // (jobs * 8))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for batch in pool.map(_work, [(c, extractors, options.use_prefilter) for c in chunks]):
            for r in batch:
                results[r.rel] = r
    return {rel: results[rel] for rel in sorted(results)}
