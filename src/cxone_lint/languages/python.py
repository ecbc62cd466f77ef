"""Python files: decoded by PEP 263, parsed once by libcst, visited once by every extractor.

Which Python files are parsed (the pre-filter). A Python file is *relevant* when some
extractor's `prefilter` strings occur in its text (an extractor without a prefilter makes every
file relevant). Only relevant files can yield facts, so only they are parsed, and only they can
get a syntax error (LINT001): a file that mentions nothing CXone-related is another tool's
business, and parsing every file just to report syntax errors would cost the full libcst parse
(the expensive part of a run) on every file of a repository. `--no-prefilter` (a debugging
switch) parses and visits every Python file with every extractor, but relevance, and with it
LINT001 and the file's status, is decided the same way, so findings are identical in both modes;
a test checks that on every fixture. What the switch exposes is an extractor that would find
something in a file its prefilter rejects: a bug in that prefilter.

Guarding libcst. libcst's native parser can crash the process (stack overflow on a few thousand
levels of nesting) or run for minutes on pathological input, and no `except` catches a crash.
So a relevant file is first parsed by CPython's own parser (`ast`, about 8x faster than libcst;
it only parses, never runs anything), whose limits are tight and graceful:
- CPython accepts the code: libcst is known to cope with everything CPython accepts (deep
  expression trees then raise RecursionError in the visit, which is caught), so it runs here;
- CPython hits a nesting limit (RecursionError, MemoryError, "too many nested parentheses" ...):
  LINT001 at once, libcst is never called (CPython could not run that file either);
- CPython reports another syntax error: the file may use syntax newer than this interpreter
  that libcst knows, or may be broken. libcst decides, but in a forked child process with a
  time limit, so a crash or a hang costs that file a LINT001, not the run.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import tokenize
from typing import TYPE_CHECKING, Any

from cxone_lint.api.context import FileResult
from cxone_lint.api.diagnostics import Diagnostic
from cxone_lint.api.document import Comment
from cxone_lint.api.extractor import Extractor
from cxone_lint.api.python import PythonExtractor, PythonSource
from cxone_lint.languages import PARSE_ERROR, UNREADABLE, crashed, diagnostic, problem

if TYPE_CHECKING:  # libcst is imported by the first file that needs a tree
    import libcst as cst

# A libcst parse in an isolated child that takes longer than this is abandoned (LINT001).
ISOLATED_PARSE_SECONDS = 30.0
# CPython's messages for its nesting limits (tokenizer and parser).
_NESTING_MESSAGES = (
    "too many nested parentheses",
    "too many levels of indentation",
    "too many statically nested blocks",
)


class PythonParseError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def parse_python(text: str) -> cst.Module:
    import libcst as cst

    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        raise _precise_syntax_error(text, exc) from None
    except RecursionError:
        raise PythonParseError("code nested too deeply to parse") from None
    except Exception as exc:  # libcst raises other errors on syntax it does not know yet
        raise PythonParseError(f"cannot parse: {type(exc).__name__}: {exc}") from None


_CONFLICT_MARKERS = ("<<<<<<< ", "=======", ">>>>>>> ", "|||||||")


def _precise_syntax_error(text: str, exc: cst.ParserSyntaxError) -> PythonParseError:
    """libcst's native parser words and places errors poorly; CPython's own parser (ast, which
    only parses, never runs anything) says exactly where and what. Fall back to libcst's word
    when CPython accepts the code (syntax newer than libcst knows)."""
    import ast
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences and the like
            ast.parse(text)
    except SyntaxError as err:
        line = err.lineno or 1
        lines = text.splitlines()
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
        if source_line.startswith(_CONFLICT_MARKERS):
            return PythonParseError("syntax error: unresolved merge conflict marker", line, 1)
        return PythonParseError(f"syntax error: {err.msg}", line, max(1, err.offset or 1))
    except (RecursionError, MemoryError, ValueError):
        pass
    return PythonParseError(
        f"syntax error: {exc.message}", exc.raw_line, max(1, exc.raw_column + 1)
    )


def run_python_extractors(
    module: cst.Module, extractors: list[PythonExtractor]
) -> dict[str, dict[str, Any]]:
    """One read-only walk of the tree for every extractor (python_tree.py), positions computed
    on the first request; libcst's own providers only for what an extractor declares besides
    positions, and libcst's own batched visit only for attribute visitors."""
    from libcst.metadata import MetadataWrapper, PositionProvider

    from cxone_lint.languages.python_tree import Positions, has_attribute_visitors, walk

    positions = Positions(module)
    wanted = set().union(*(e.get_inherited_dependencies() for e in extractors))
    metadata: dict[Any, Any] = {}
    others = wanted - {PositionProvider}
    if others:
        # Nothing mutates the tree during analysis, so skip MetadataWrapper's deep copy.
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        metadata.update(wrapper.resolve_many(others))
    metadata[PositionProvider] = positions
    for extractor in extractors:
        extractor.positions = positions
        extractor.metadata = metadata
    if has_attribute_visitors(extractors):
        from libcst import visit_batched

        visit_batched(module, extractors)  # type: ignore[arg-type]
    else:
        walk(module, extractors)
    out: dict[str, dict[str, Any]] = {}
    for extractor in extractors:
        extractor.finish(module)
        out[extractor.name] = extractor.facts
    return out


def codec(data: bytes) -> str:
    """The codec PEP 263 names (a UTF-8 BOM is read as UTF-8; the BOM is handled apart)."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return "utf-8" if encoding == "utf-8-sig" else encoding


def decode(data: bytes) -> str:
    return data.decode(codec(data)).removeprefix("\ufeff")


def parses(text: str, kind: str = "python") -> bool:
    try:
        parse_python(text)
    except PythonParseError:
        return False
    return True


# The engine passes `triage` to the languages that declare they take it (run/analyse.py).
TRIAGES = True


def analyse(
    result: FileResult, text: str, wanted: list[Extractor], relevant: bool, triage: bool = True
) -> None:
    _python(result, text, wanted, relevant, triage)


def _python(
    result: FileResult, text: str, wanted: list[Extractor], relevant: bool, triage: bool
) -> None:
    if "noqa" in text:  # tokenizing costs; only files with a suppression need it
        result.comments, result.spans = python_comments(text)
    if not wanted:
        result.status = "not-relevant"
        return
    problem, tree = _cpython_check(text)
    if problem == "ok":
        assert tree is not None
        chosen = _triaged(result, text, tree, wanted) if triage else wanted
        if chosen:
            _parse_and_extract(result, text, chosen, valid=True)
        if result.status == "analysed":
            for extractor in wanted:
                if extractor not in chosen:
                    result.facts[extractor.name] = extractor.facts
    elif problem == "unsure":
        _parse_isolated(result, text, wanted)
    elif isinstance(problem, tuple):
        message, line, col = problem
        result.status, result.reason = "skipped", "nested too deeply"
        result.diagnostics.append(diagnostic(result.rel, PARSE_ERROR, message, line, col, text))
    if not relevant:
        # --no-prefilter: the file was visited, but it stays not relevant, with no LINT001 (see
        # the module docstring), exactly as with the pre-filter.
        result.status, result.reason = "not-relevant", ""
        result.diagnostics = [d for d in result.diagnostics if d.code != PARSE_ERROR]


def _triaged(
    result: FileResult, text: str, tree: ast.Module, wanted: list[Extractor]
) -> list[Extractor]:
    """Triage (api/python.py `PythonExtractor.evidence`): the extractors with evidence in the
    file. The others `skip()` and are recorded as deferred, for a pack's `demand` (the engine
    runs them after all on the files it asks for); a file none has evidence for is never
    parsed by libcst."""
    source = PythonSource(result.rel, text, tree)
    chosen: list[Extractor] = []
    for extractor in wanted:
        if not isinstance(extractor, PythonExtractor) or extractor.evidence(source):
            chosen.append(extractor)
        else:
            extractor.skip(source)
            result.deferred.append(extractor.name)
    return chosen


def _cpython_check(text: str) -> tuple[str | tuple[str, int, int], ast.Module | None]:
    """'ok' and the tree when CPython parses the code, 'unsure' on an ordinary syntax error,
    or the LINT001 (message, line, column) when the code exceeds CPython's nesting limits."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences and the like
            tree = ast.parse(text)
    except (RecursionError, MemoryError):
        return ("syntax error: code nested too deeply to parse", 1, 1), None
    except SyntaxError as err:
        if any(m in (err.msg or "") for m in _NESTING_MESSAGES):
            return (f"syntax error: {err.msg}", err.lineno or 1, max(1, err.offset or 1)), None
        return "unsure", None
    except ValueError:  # e.g. NUL bytes after the first 8 KiB
        return "unsure", None
    return "ok", tree


_UNANALYSABLE = (
    "valid Python that the analysis parser (libcst) cannot read ({detail}); not analysed"
)


def _parse_and_extract(
    result: FileResult, text: str, wanted: list[Extractor], valid: bool = False
) -> None:
    """Parse with libcst and run the extractors. `valid`: CPython already accepted the code,
    so a libcst failure is a limit of the analysis, not a syntax error: the file is reported
    as not analysed (LINT002, a warning) rather than as broken (LINT001, an error)."""
    try:
        module = parse_python(text)
    except PythonParseError as exc:
        if valid:
            result.status, result.reason = "skipped", "not analysable"
            detail = exc.message.removeprefix("syntax error: ")
            problem(result, UNREADABLE, _UNANALYSABLE.format(detail=detail))
            return
        result.status, result.reason = "skipped", "syntax error"
        problem(result, PARSE_ERROR, exc.message, exc.line, exc.column, text)
        return
    from cxone_lint.languages.python_tree import PositionsUnavailable

    try:
        result.facts = run_python_extractors(module, wanted)  # type: ignore[arg-type]
    except (RecursionError, PositionsUnavailable):
        result.status, result.reason = "skipped", "nested too deeply"
        if valid:
            problem(result, UNREADABLE, _UNANALYSABLE.format(detail="nested too deeply"))
        else:
            problem(result, PARSE_ERROR, "code nested too deeply to analyse")
    except Exception:
        # One extractor raised and aborted the batched visit: visit again with each extractor
        # alone, so the crash is pinned on the one that raised and the others keep their facts.
        result.facts = {}
        for extractor in wanted:
            fresh = type(extractor)(extractor.path, extractor.text)
            try:
                result.facts.update(run_python_extractors(module, [fresh]))  # type: ignore[list-item]
                extractor.secret_lines |= fresh.secret_lines
            except (RecursionError, PositionsUnavailable):
                result.status, result.reason = "skipped", "nested too deeply"
                problem(result, PARSE_ERROR, "code nested too deeply to analyse")
                return
            except Exception as exc:
                crashed(result, extractor, exc)


def _parse_isolated(result: FileResult, text: str, wanted: list[Extractor]) -> None:
    """libcst on a file CPython rejects, in a forked child: a crash or hang costs one LINT001."""
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

            faulthandler.disable()  # a crash here is reported as LINT001, not as a stack dump
            _parse_and_extract(result, text, wanted)
            payload = json.dumps(
                {
                    "status": result.status,
                    "reason": result.reason,
                    "facts": result.facts,
                    "diagnostics": [d.to_json() for d in result.diagnostics],
                    "secret_lines": sorted(set().union(*(e.secret_lines for e in wanted))),
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
    try:
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
    except BaseException:  # the file's time budget ran out: the child must not outlive it
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        raise
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
        problem(result, PARSE_ERROR, message)
        return
    result.status, result.reason, result.facts = data["status"], data["reason"], data["facts"]
    result.secret_lines = list(data.get("secret_lines", []))
    result.diagnostics.extend(Diagnostic.from_json(d) for d in data["diagnostics"])


def python_comments(text: str) -> tuple[list[Comment], dict[int, tuple[int, int]]]:
    """Comments of a Python file and, for every line, the logical line it belongs to.

    Uses the tokenizer (no regular expressions over source): a comment inside a string is not a
    comment, and a noqa on any line of a multi-line statement covers the whole statement.
    """
    comments: list[Comment] = []
    spans: dict[int, tuple[int, int]] = {}
    start_line: int | None = None
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                comments.append(Comment(tok.start[0], tok.start[1] + 1, tok.string))
            if tok.type in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
                continue
            if start_line is None and tok.type not in (tokenize.NEWLINE, tokenize.ENDMARKER):
                start_line = tok.start[0]
            if tok.type == tokenize.NEWLINE and start_line is not None:
                for line in range(start_line, tok.end[0] + 1):
                    spans[line] = (start_line, tok.end[0])
                start_line = None
    except (tokenize.TokenError, SyntaxError, IndentationError):
        # Unfinished code: keep the comments found so far; lines map to themselves.
        pass
    return comments, spans
