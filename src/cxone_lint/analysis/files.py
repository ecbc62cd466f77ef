"""Phase one for a single file: read it once, decode it, run the extractors that want it.

Runs in worker processes, so it takes and returns plain picklable data. Every way a file can be
unusable (unreadable, binary, undecodable, too large, unparseable) becomes a diagnostic that
names the file; nothing here raises.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import tokenize
from dataclasses import dataclass, field
from typing import Any

from cxone_lint.analysis.documents import Comment, DocumentError, parse_document
from cxone_lint.diagnostics import Diagnostic, Position, Severity
from cxone_lint.rule import Extractor
from cxone_lint.suppress import python_comments
from cxone_lint.workspace import SourceFile

MAX_BYTES = 10 * 1024 * 1024

PARSE_ERROR = "CX001"
UNREADABLE = "CX002"


@dataclass
class FileResult:
    rel: str
    kind: str
    digest: str = ""
    status: str = "analysed"  # analysed | skipped | not-relevant
    reason: str = ""
    lines: int = 0
    facts: dict[str, Any] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    # Python: for each line, the (first, last) line of its logical line.
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    newline: str = "\n"

    def to_json(self) -> dict[str, Any]:
        return {
            "rel": self.rel,
            "kind": self.kind,
            "digest": self.digest,
            "status": self.status,
            "reason": self.reason,
            "lines": self.lines,
            "facts": self.facts,
            "diagnostics": [d.to_json() for d in self.diagnostics],
            "comments": [[c.line, c.column, c.text] for c in self.comments],
            "spans": [[k, a, b] for k, (a, b) in sorted(self.spans.items()) if a != b],
            "newline": self.newline,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileResult:
        return cls(
            rel=data["rel"],
            kind=data["kind"],
            digest=data["digest"],
            status=data["status"],
            reason=data["reason"],
            lines=data["lines"],
            facts=data["facts"],
            diagnostics=[Diagnostic.from_json(d) for d in data["diagnostics"]],
            comments=[Comment(a, b, c) for a, b, c in data["comments"]],
            spans={k: (a, b) for k, a, b in data["spans"]},
            newline=data.get("newline", "\n"),
        )


def _problem(result: FileResult, code: str, message: str, line: int = 1, col: int = 1) -> None:
    result.diagnostics.append(
        Diagnostic(
            code=code,
            message=message,
            path=result.rel,
            start=Position(max(1, line), max(1, col)),
            severity=Severity.ERROR if code == PARSE_ERROR else Severity.WARNING,
            rule_name="syntax-error" if code == PARSE_ERROR else "unreadable-file",
            key=message,
        )
    )


def read_bytes(source: SourceFile) -> bytes:
    with open(source.path, "rb") as fh:
        return fh.read(MAX_BYTES + 1)


def decode(data: bytes, kind: str) -> str:
    """Decode like the tools that read these files: BOMs honoured, PEP 263 for Python."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if kind == "python":
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    else:
        text = data.decode("utf-8-sig")
    return text.removeprefix("\ufeff")


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
        _problem(result, UNREADABLE, "file vanished during the run; not analysed")
        return result
    except IsADirectoryError:
        result.status, result.reason = "skipped", "is a directory"
        return result
    except OSError as exc:
        result.status, result.reason = "skipped", f"cannot read: {exc.strerror or exc}"
        _problem(result, UNREADABLE, f"cannot read file: {exc.strerror or exc}")
        return result
    result.digest = hashlib.sha256(data).hexdigest()
    if len(data) > MAX_BYTES:
        result.status, result.reason = "skipped", "larger than 10 MB"
        _problem(result, UNREADABLE, "file larger than 10 MB; not analysed")
        return result
    if b"\0" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        result.status, result.reason = "skipped", "binary content"
        _problem(result, UNREADABLE, "binary content (NUL bytes); not analysed")
        return result
    try:
        text = decode(data, source.kind)
    except (UnicodeDecodeError, SyntaxError, LookupError) as exc:
        reason = getattr(exc, "reason", None) or str(exc)
        result.status, result.reason = "skipped", "not decodable"
        _problem(result, UNREADABLE, f"cannot decode file as text ({reason}); not analysed")
        return result
    result.lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    result.newline = "\r\n" if "\r\n" in text[:4096] else "\n"

    wanted = [e(source.rel, text) for e in extractors if source.kind in e.kinds]
    if use_prefilter:
        wanted = [e for e in wanted if e.wants()]
    if source.kind == "python":
        _python(result, text, wanted)
    else:
        _config(result, text, wanted, source.kind)
    return result


def _python(result: FileResult, text: str, wanted: list[Extractor]) -> None:
    if "noqa" in text:  # tokenizing costs; only files with a suppression need it
        result.comments, result.spans = python_comments(text)
    if not wanted:
        result.status = "not-relevant"
        return
    from cxone_lint.analysis.python import PythonParseError, parse_python, run_python_extractors

    try:
        module = parse_python(text)
    except PythonParseError as exc:
        result.status, result.reason = "skipped", "syntax error"
        _problem(result, PARSE_ERROR, exc.message, exc.line, exc.column)
        return
    try:
        result.facts = run_python_extractors(module, wanted)  # type: ignore[arg-type]
    except RecursionError:
        result.status, result.reason = "skipped", "nested too deeply"
        _problem(result, PARSE_ERROR, "code nested too deeply to analyse")


def _config(result: FileResult, text: str, wanted: list[Extractor], kind: str) -> None:
    # Config files are always parsed (it is cheap): a broken one is reported, never skipped.
    try:
        doc = parse_document(kind, text)
    except DocumentError as exc:
        result.status, result.reason = "skipped", "does not parse"
        pos = exc.position or Position(1, 1)
        _problem(result, PARSE_ERROR, exc.message, pos.line, pos.column)
        return
    result.comments = doc.comments
    for extractor in wanted:
        extractor.extract_document(doc)
        result.facts[extractor.name] = extractor.facts
