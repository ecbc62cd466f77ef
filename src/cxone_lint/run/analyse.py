"""Phase one for a single file: read it once, decode it, run the extractors that want it.

Runs in worker processes, so it takes and returns plain picklable data. Every way a file can be
unusable (unreadable, binary, undecodable, too large, unparseable) becomes a diagnostic that
names the file; nothing here raises.

What a language does with a file (parse, extract, collect comments) is its entry's business
(cxone_lint.languages); this module is the part every file shares.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import signal
import threading
import traceback
from collections.abc import Iterator
from typing import Any

from cxone_lint.api.context import FileResult
from cxone_lint.api.diagnostics import Diagnostic, Position, Severity
from cxone_lint.api.extractor import Extractor
from cxone_lint.api.suppression import parse_comment
from cxone_lint.languages import (
    INTERNAL_ERROR,
    PARSE_ERROR,
    UNREADABLE,
    by_kind,
    problem,
)
from cxone_lint.languages import decode as decode
from cxone_lint.languages import decode_text as decode_text
from cxone_lint.run.workspace import SourceFile

__all__ = ["INTERNAL_ERROR", "MAX_BYTES", "PARSE_ERROR", "TRANSIENT_REASONS", "UNREADABLE"]

MAX_BYTES = 10 * 1024 * 1024

# Reasons that depend on the moment, not on the file's content: such results are not cached.
# (A crash may be the machine's doing, e.g. the out-of-memory killer: it is tried again.)
TRANSIENT_REASONS = frozenset(
    {
        "vanished during the run",
        "is a directory",
        "parser timed out",
        "parser crashed",
        "analysis crashed",
        "took too long",
    }
)
# The time one file may take in phase one. A file that takes longer (a pathological input the
# parsers or extractors handle slowly) is reported as not analysed (LINT002) and the run goes on.
FILE_SECONDS = 60.0


def read_bytes(source: SourceFile) -> bytes:
    with open(source.path, "rb") as fh:
        return fh.read(MAX_BYTES + 1)


class _OutOfTime(BaseException):
    """Raised by the per-file alarm. A BaseException, so that no `except Exception` in a
    parser or an extractor can swallow it."""


@contextlib.contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (POSIX, main thread; elsewhere no limit)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0  # someone else's alarm: leave it
    ):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def analyse_file(
    source: SourceFile,
    extractors: list[type[Extractor]],
    use_prefilter: bool = True,
    data: bytes | None = None,
    use_triage: bool = True,
) -> FileResult:
    """Phase one for one file. Never raises: a file that takes longer than FILE_SECONDS is
    LINT002 "not analysed: took too long", and an unexpected error is LINT003 (exit 2) for that
    file alone, so every other file keeps its findings."""
    try:
        with _time_budget(FILE_SECONDS):
            return _analyse_file(source, extractors, use_prefilter, data, use_triage)
    except _OutOfTime:
        result = FileResult(rel=source.rel, kind=source.kind)
        result.status, result.reason = "skipped", "took too long"
        problem(
            result,
            UNREADABLE,
            f"not analysed: took longer than {FILE_SECONDS:.0f} s (a pathological input?)",
        )
        return result
    except Exception as exc:
        result = FileResult(rel=source.rel, kind=source.kind)
        result.status, result.reason = "skipped", "analysis crashed"
        frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        where = f" at {os.path.basename(frame.filename)}:{frame.lineno}" if frame else ""
        result.diagnostics.append(
            Diagnostic(
                code=INTERNAL_ERROR,
                message=f"the analysis of this file crashed: {type(exc).__name__}{where}",
                path=source.rel,
                start=Position(1, 1),
                severity=Severity.ERROR,
                rule_name="internal-error",
                key="analysis",
            )
        )
        return result


def _analyse_file(
    source: SourceFile,
    extractors: list[type[Extractor]],
    use_prefilter: bool,
    data: bytes | None,
    use_triage: bool,
) -> FileResult:
    result = FileResult(rel=source.rel, kind=source.kind)
    try:
        if data is None:
            data = read_bytes(source)
    except FileNotFoundError:
        result.status, result.reason = "skipped", "vanished during the run"
        problem(result, UNREADABLE, "file vanished during the run; not analysed")
        return result
    except IsADirectoryError:
        result.status, result.reason = "skipped", "is a directory"
        return result
    except OSError as exc:
        result.status, result.reason = "skipped", f"cannot read: {exc.strerror or exc}"
        problem(result, UNREADABLE, f"cannot read file: {exc.strerror or exc}")
        return result
    result.digest = hashlib.sha256(data).hexdigest()
    if len(data) > MAX_BYTES:
        result.status, result.reason = "skipped", "larger than 10 MB"
        problem(result, UNREADABLE, "file larger than 10 MB; not analysed")
        return result
    if b"\0" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        result.status, result.reason = "skipped", "binary content"
        problem(result, UNREADABLE, "binary content (NUL bytes); not analysed")
        return result
    try:
        text = decode(data, source.kind)
    except (UnicodeDecodeError, SyntaxError, LookupError) as exc:
        reason = getattr(exc, "reason", None) or str(exc)
        result.status, result.reason = "skipped", "not decodable"
        problem(result, UNREADABLE, f"cannot decode file as text ({reason}); not analysed")
        return result
    result.lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    result.newline = "\r\n" if "\r\n" in text[:4096] else "\n"

    instances = [e(source.rel, text) for e in extractors if source.kind in e.kinds]
    relevant = [e for e in instances if e.wants()]
    wanted = relevant if use_prefilter else instances
    language = by_kind(source.kind)
    if language is not None:
        handler = language.handler()
        if getattr(handler, "TRIAGES", False):  # languages/python.py
            handler.analyse(result, text, wanted, bool(relevant), triage=use_triage)
        else:
            handler.analyse(result, text, wanted, bool(relevant))
    # Only suppression comments are kept: they are all the engine needs, and any other comment
    # could hold a secret that must not reach the cache.
    result.comments = [c for c in result.comments if parse_comment(c) is not None]
    seen = set(result.secret_lines).union(*(e.secret_lines for e in instances))
    result.secret_lines = sorted(seen)
    return result
