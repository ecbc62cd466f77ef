"""Python files: one libcst parse, one batched visit by every extractor that wants the file."""

from __future__ import annotations

from typing import Any, ClassVar

import libcst as cst
from libcst.metadata import MetadataWrapper

from cxone_lint.api.rule import Extractor


class PythonExtractor(Extractor, cst.BatchableCSTVisitor):
    """Base class for Python extractors: a libcst batchable visitor that fills `self.facts`.

    Use `self.position(node)` (needs PositionProvider in METADATA_DEPENDENCIES) for locations.
    """

    kinds: ClassVar[frozenset[str]] = frozenset({"python"})

    def __init__(self, path: str, text: str) -> None:
        Extractor.__init__(self, path, text)
        cst.BatchableCSTVisitor.__init__(self)

    def finish(self, module: cst.Module) -> None:
        """Called after the visit; override to post-process collected facts."""


class PythonParseError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def parse_python(text: str) -> cst.Module:
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
    # Nothing mutates the tree during analysis, so skip MetadataWrapper's deep copy.
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    wrapper.visit_batched(extractors)
    out: dict[str, dict[str, Any]] = {}
    for extractor in extractors:
        extractor.finish(module)
        out[extractor.name] = extractor.facts
    return out
