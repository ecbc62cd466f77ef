"""Phase one for a single file: read it once, decode it, run the extractors that want it.

Runs in worker processes, so it takes and returns plain picklable data. Every way a file can be
unusable (unreadable, binary, undecodable, too large, unparseable) becomes a diagnostic that
names the file; nothing here raises.

Which Python files are parsed (the pre-filter). A Python file is *relevant* when some
extractor's `prefilter` strings occur in its text (an extractor without a prefilter makes every
file relevant). Only relevant files can yield facts, so only they are parsed, and only they can
get a syntax error (CX001): a file that mentions nothing CXone-related is another tool's
business, and parsing every file just to report syntax errors would cost the full libcst parse
(the expensive part of a run) on every file of a repository. `--no-prefilter` (a debugging
switch) parses and visits every Python file with every extractor, but relevance, and with it
CX001 and the file's status, is decided the same way, so findings are identical in both modes;
a test checks that on every fixture. What the switch exposes is an extractor that would find
something in a file its prefilter rejects: a bug in that prefilter.

Guarding libcst. libcst's native parser can crash the process (stack overflow on a few thousand
levels of nesting) or run for minutes on pathological input, and no `except` catches a crash.
So a relevant file is first parsed by CPython's own parser (`ast`, about 8x faster than libcst;
it only parses, never runs anything), whose limits are tight and graceful:
- CPython accepts the code: libcst is known to cope with everything CPython accepts (deep
  expression trees then raise RecursionError in the visit, which is caught), so it runs here;
- CPython hits a nesting limit (RecursionError, MemoryError, "too many nested parentheses" ...):
  CX001 at once, libcst is never called (CPython could not run that file either);
- CPython reports another syntax error: the file may use syntax newer than this interpreter
  that libcst knows, or may be broken. libcst decides, but in a forked child process with a
  time limit, so a crash or a hang costs that file a CX001, not the run.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import tokenize
import traceback
from dataclasses import dataclass, field
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Position, Severity
from cxone_lint.api.rule import Extractor
from cxone_lint.languages.config import Comment, DocumentError, parse_document
from cxone_lint.run.suppress import parse_comment, python_comments
from cxone_lint.run.workspace import SourceFile

MAX_BYTES = 10 * 1024 * 1024

PARSE_ERROR = "CX001"
UNREADABLE = "CX002"
INTERNAL_ERROR = "CX003"

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
# A libcst parse in an isolated child that takes longer than this is abandoned (CX001).
ISOLATED_PARSE_SECONDS = 30.0
# CPython's messages for its nesting limits (tokenizer and parser).
_NESTING_MESSAGES = (
    "too many nested parentheses",
    "too many levels of indentation",
    "too many statically nested blocks",
)


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


def _diagnostic(
    rel: str, code: str, message: str, line: int = 1, col: int = 1, text: str | None = None
) -> Diagnostic:
    start = Position(max(1, line), max(1, col))
    return Diagnostic(
        code=code,
        message=message,
        path=rel,
        start=start,
        end=_rest_of_line(text, start),
        severity=Severity.ERROR if code == PARSE_ERROR else Severity.WARNING,
        rule_name="syntax-error" if code == PARSE_ERROR else "unreadable-file",
        key=message,
    )


def _rest_of_line(text: str | None, start: Position) -> Position | None:
    """A syntax error's span: from where the parser stopped to the end of that line (what the
    reader has to look at). None without the text, or when the position is at the line's end."""
    if text is None:
        return None
    from cxone_lint.languages.config import LineIndex

    starts = LineIndex(text).starts
    if start.line > len(starts):
        return None
    begin = starts[start.line - 1]
    stop = starts[start.line] if start.line < len(starts) else len(text)
    length = len(text[begin:stop].rstrip("\r\n"))
    return Position(start.line, length + 1) if length + 1 > start.column else None


def _problem(
    result: FileResult,
    code: str,
    message: str,
    line: int = 1,
    col: int = 1,
    text: str | None = None,
) -> None:
    diagnostic = _diagnostic(result.rel, code, message, line, col, text)
    if result.kind == "env":
        # .env files exist to hold secrets: never echo one of their lines in a report.
        diagnostic = diagnostic.with_(sensitive=True)
    result.diagnostics.append(diagnostic)


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

    instances = [e(source.rel, text) for e in extractors if source.kind in e.kinds]
    relevant = [e for e in instances if e.wants()]
    wanted = relevant if use_prefilter else instances
    if source.kind == "python":
        _python(result, text, wanted, relevant=bool(relevant))
    else:
        _config(result, text, wanted, source.kind)
    # Only suppression comments are kept: they are all the engine needs, and any other comment
    # could hold a secret that must not reach the cache.
    result.comments = [c for c in result.comments if parse_comment(c) is not None]
    return result


def _python(result: FileResult, text: str, wanted: list[Extractor], relevant: bool) -> None:
    if "noqa" in text:  # tokenizing costs; only files with a suppression need it
        result.comments, result.spans = python_comments(text)
    if not wanted:
        result.status = "not-relevant"
        return
    problem = _cpython_check(text)
    if problem == "ok":
        _parse_and_extract(result, text, wanted, valid=True)
    elif problem == "unsure":
        _parse_isolated(result, text, wanted)
    else:
        message, line, col = problem
        result.status, result.reason = "skipped", "nested too deeply"
        result.diagnostics.append(_diagnostic(result.rel, PARSE_ERROR, message, line, col, text))
    if not relevant:
        # --no-prefilter: the file was visited, but it stays not relevant, with no CX001 (see
        # the module docstring), exactly as with the pre-filter.
        result.status, result.reason = "not-relevant", ""
        result.diagnostics = [d for d in result.diagnostics if d.code != PARSE_ERROR]


def _cpython_check(text: str) -> str | tuple[str, int, int]:
    """'ok' when CPython parses the code, 'unsure' on an ordinary syntax error, or the CX001
    (message, line, column) when the code exceeds CPython's nesting limits."""
    import ast
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences and the like
            ast.parse(text)
    except (RecursionError, MemoryError):
        return ("syntax error: code nested too deeply to parse", 1, 1)
    except SyntaxError as err:
        if any(m in (err.msg or "") for m in _NESTING_MESSAGES):
            return (f"syntax error: {err.msg}", err.lineno or 1, max(1, err.offset or 1))
        return "unsure"
    except ValueError:  # e.g. NUL bytes after the first 8 KiB
        return "unsure"
    return "ok"


_UNANALYSABLE = (
    "valid Python that the analysis parser (libcst) cannot read ({detail}); not analysed"
)


def _parse_and_extract(
    result: FileResult, text: str, wanted: list[Extractor], valid: bool = False
) -> None:
    """Parse with libcst and run the extractors. `valid`: CPython already accepted the code,
    so a libcst failure is a limit of the analysis, not a syntax error: the file is reported
    as not analysed (CX002, a warning) rather than as broken (CX001, an error)."""
    from cxone_lint.languages.python import PythonParseError, parse_python, run_python_extractors

    try:
        module = parse_python(text)
    except PythonParseError as exc:
        if valid:
            result.status, result.reason = "skipped", "not analysable"
            detail = exc.message.removeprefix("syntax error: ")
            _problem(result, UNREADABLE, _UNANALYSABLE.format(detail=detail))
            return
        result.status, result.reason = "skipped", "syntax error"
        _problem(result, PARSE_ERROR, exc.message, exc.line, exc.column, text)
        return
    try:
        result.facts = run_python_extractors(module, wanted)  # type: ignore[arg-type]
    except RecursionError:
        result.status, result.reason = "skipped", "nested too deeply"
        if valid:
            _problem(result, UNREADABLE, _UNANALYSABLE.format(detail="nested too deeply"))
        else:
            _problem(result, PARSE_ERROR, "code nested too deeply to analyse")
    except Exception:
        # One extractor raised and aborted the batched visit: visit again with each extractor
        # alone, so the crash is pinned on the one that raised and the others keep their facts.
        result.facts = {}
        for extractor in wanted:
            fresh = type(extractor)(extractor.path, extractor.text)
            try:
                result.facts.update(run_python_extractors(module, [fresh]))  # type: ignore[list-item]
            except RecursionError:
                result.status, result.reason = "skipped", "nested too deeply"
                _problem(result, PARSE_ERROR, "code nested too deeply to analyse")
                return
            except Exception as exc:
                _crashed(result, extractor, exc)


def _parse_isolated(result: FileResult, text: str, wanted: list[Extractor]) -> None:
    """libcst on a file CPython rejects, in a forked child: a crash or hang costs one CX001."""
    if not hasattr(os, "fork"):  # pragma: no cover - Windows: no cheap isolation
        _parse_and_extract(result, text, wanted)
        return
    import select
    import signal
    import time

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child; its outcome is tested via the parent
        try:
            os.close(read_end)
            import faulthandler

            faulthandler.disable()  # a crash here is reported as CX001, not as a stack dump
            _parse_and_extract(result, text, wanted)
            payload = json.dumps(
                {
                    "status": result.status,
                    "reason": result.reason,
                    "facts": result.facts,
                    "diagnostics": [d.to_json() for d in result.diagnostics],
                }
            ).encode()
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        finally:
            os._exit(0)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + ISOLATED_PARSE_SECONDS
    timed_out = False
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([pipe], [], [], left)[0]:
                timed_out = True
                os.kill(pid, signal.SIGKILL)
                break
            chunk = pipe.read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    try:
        data = json.loads(b"".join(chunks)) if chunks and not timed_out else None
    except ValueError:
        data = None
    if data is None:
        if timed_out:
            result.status, result.reason = "skipped", "parser timed out"
            message = f"syntax error: the parser gave up after {ISOLATED_PARSE_SECONDS:.0f} s"
        else:
            result.status, result.reason = "skipped", "parser crashed"
            how = f"signal {-os.waitstatus_to_exitcode(status)}" if os.WIFSIGNALED(status) else ""
            message = "syntax error: the parser crashed on this file" + (f" ({how})" if how else "")
        _problem(result, PARSE_ERROR, message)
        return
    result.status, result.reason, result.facts = data["status"], data["reason"], data["facts"]
    result.diagnostics.extend(Diagnostic.from_json(d) for d in data["diagnostics"])


def _config(result: FileResult, text: str, wanted: list[Extractor], kind: str) -> None:
    # Config files are always parsed (it is cheap): a broken one is reported, never skipped.
    try:
        doc = parse_document(kind, text)
    except DocumentError as exc:
        result.status, result.reason = "skipped", "does not parse"
        pos = exc.position or Position(1, 1)
        _problem(result, PARSE_ERROR, exc.message, pos.line, pos.column, text)
        return
    result.comments = doc.comments
    for extractor in wanted:
        try:
            extractor.extract_document(doc)
        except Exception as exc:
            _crashed(result, extractor, exc)
            continue
        result.facts[extractor.name] = extractor.facts


def _crashed(result: FileResult, extractor: Extractor, exc: Exception) -> None:
    """An extractor bug costs only that extractor's facts for this file, and is said (CX003)."""
    # Only the exception type and the last frame: the message could quote file contents.
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {os.path.basename(frame.filename)}:{frame.lineno}" if frame else ""
    message = (
        f"extractor '{extractor.name}' crashed on this file: {type(exc).__name__}{where}; "
        "findings that need its facts are missing"
    )
    result.diagnostics.append(
        Diagnostic(
            code=INTERNAL_ERROR,
            message=message,
            path=result.rel,
            start=Position(1, 1),
            severity=Severity.ERROR,
            rule_name="internal-error",
            key=f"extractor {extractor.name}",
        )
    )
