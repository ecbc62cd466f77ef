"""Phase one for a single file: read it once, decode it, run the extractors that want it.

Runs in worker processes, so it takes and returns plain picklable data. Every way a file can be
unusable (unreadable, binary, undecodable, too large, unparseable) becomes a diagnostic that
names the file; nothing here raises.

What a language does with a file (parse, extract, collect comments) is its entry's business
(cxone_lint.languages); this module is the part every file shares.
"""

from __future__ import annotations

import codecs
import hashlib

from cxone_lint.api.context import FileResult
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
    }
)


def read_bytes(source: SourceFile) -> bytes:
    with open(source.path, "rb") as fh:
        return fh.read(MAX_BYTES + 1)


def analyse_file(
    source: SourceFile,
    extractors: list[type[Extractor]],
    use_prefilter: bool = True,
    data: bytes | None = None,
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
        language.handler().analyse(result, text, wanted, bool(relevant))
    # Only suppression comments are kept: they are all the engine needs, and any other comment
    # could hold a secret that must not reach the cache.
    result.comments = [c for c in result.comments if parse_comment(c) is not None]
    return result
