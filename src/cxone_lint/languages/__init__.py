"""The language registry: which files the engine reads, and what each kind of file needs.

A `Language` entry names the file kind that extractors declare in `Extractor.kinds`, the file
names it claims, the comment syntax its suppressions are written in, and the module that does
the work for it. That module is imported only when a file of the kind is analysed (libcst and
the tree-sitter grammars cost start-up time) and provides:

    decode(data: bytes) -> str                       how the language's own tools decode it
    analyse(result, text, extractors, relevant)      parse once, run the extractors, collect
                                                     the comments suppressions live in
    parses(text: str) -> bool                        whether a fixed text still parses

Adding a language is an entry here, that module, an extractor in a pack, and tests; no rule
changes. The helpers below turn what a language module meets into the engine's own findings.
"""

from __future__ import annotations

import codecs
import importlib
import os
import traceback
from dataclasses import dataclass
from types import ModuleType

from cxone_lint.api.context import FileResult
from cxone_lint.api.diagnostics import Diagnostic, Position, Severity
from cxone_lint.api.extractor import Extractor
from cxone_lint.api.redact import scrub

PARSE_ERROR = "LINT001"
UNREADABLE = "LINT002"
INTERNAL_ERROR = "LINT003"


@dataclass(frozen=True)
class CommentSyntax:
    """How comments are written: line openers (`#`, `//`) and block delimiters (`/*`, `*/`)."""

    line: tuple[str, ...] = ()
    block: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Language:
    kind: str
    module: str
    comments: CommentSyntax
    suffixes: tuple[str, ...] = ()  # lower-case file name endings, e.g. ".py"
    names: tuple[str, ...] = ()  # whole lower-case file names, e.g. ".env"
    prefixes: tuple[str, ...] = ()  # lower-case file name starts, e.g. ".env."

    def claims(self, name: str) -> bool:
        lower = name.lower()
        return (
            lower in self.names or lower.endswith(self.suffixes) or lower.startswith(self.prefixes)
        )

    def handler(self) -> ModuleType:
        return importlib.import_module(self.module)


HASH = CommentSyntax(line=("#",))
SLASHES = CommentSyntax(line=("//",), block=(("/*", "*/"),))
PHP_COMMENTS = CommentSyntax(line=("#", "//"), block=(("/*", "*/"),))
POWERSHELL_COMMENTS = CommentSyntax(line=("#",), block=(("<#", "#>"),))

LANGUAGES: list[Language] = [
    Language("python", "cxone_lint.languages.python", HASH, suffixes=(".py", ".pyi")),
    Language(
        "javascript",
        "cxone_lint.languages.javascript",
        SLASHES,
        suffixes=(
            ".js",
            ".mjs",
            ".cjs",
            ".jsx",
            ".ts",
            ".mts",
            ".cts",
            ".tsx",
            ".html",
            ".htm",
            ".vue",
            ".svelte",
        ),
    ),
    # TypeScript's settings: JSON with comments and trailing commas (read for `paths`).
    Language(
        "jsconfig",
        "cxone_lint.languages.javascript",
        SLASHES,
        names=(
            "tsconfig.json",
            "jsconfig.json",
            "tsconfig.base.json",
            "tsconfig.app.json",
            "tsconfig.build.json",
        ),
    ),
    Language("php", "cxone_lint.languages.php", PHP_COMMENTS, suffixes=(".php", ".phtml")),
    Language(
        "powershell",
        "cxone_lint.languages.powershell",
        POWERSHELL_COMMENTS,
        suffixes=(".ps1", ".psm1", ".psd1"),
    ),
    Language("toml", "cxone_lint.languages.config", HASH, suffixes=(".toml",)),
    Language("json", "cxone_lint.languages.config", CommentSyntax(), suffixes=(".json",)),
    Language("yaml", "cxone_lint.languages.config", HASH, suffixes=(".yaml", ".yml")),
    Language("ini", "cxone_lint.languages.config", HASH, suffixes=(".ini", ".cfg")),
    Language(
        "env",
        "cxone_lint.languages.config",
        HASH,
        suffixes=(".env",),
        names=(".env",),
        prefixes=(".env.",),
    ),
]


def register(language: Language) -> None:
    """Add a language (before discovery runs); a kind is registered once."""
    if any(lang.kind == language.kind for lang in LANGUAGES):
        raise ValueError(f"language kind {language.kind!r} is already registered")
    LANGUAGES.append(language)


def language_for(path: str) -> Language | None:
    """The language of a file, from its name (the last part of `path`); None: not read."""
    name = path.rsplit("/", 1)[-1]
    for lang in LANGUAGES:
        if lang.claims(name):
            return lang
    return None


def by_kind(kind: str) -> Language | None:
    for lang in LANGUAGES:
        if lang.kind == kind:
            return lang
    return None


@dataclass(frozen=True)
class TextEncoding:
    """How a file's text was stored, so that a fix writes it back the same way."""

    codec: str  # a Python codec name
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


def decode_text(data: bytes, kind: str) -> tuple[str, TextEncoding]:
    """Decode like the tools that read these files: UTF-16 and UTF-8 BOMs honoured everywhere,
    then the language's own rule (its `codec(data)`, e.g. PEP 263 for Python; UTF-8 for the
    rest); with how to encode the text back."""
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(name), TextEncoding(name, bom)
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    lang = by_kind(kind)
    handler = lang.handler() if lang else None
    name = handler.codec(data) if handler is not None and hasattr(handler, "codec") else "utf-8"
    return data[len(bom) :].decode(name), TextEncoding(name, bom)


def decode(data: bytes, kind: str) -> str:
    return decode_text(data, kind)[0]


def parses(kind: str, text: str, before: str | None = None) -> bool:
    """Whether a fixed text still parses. Languages whose parser always gives a tree (tree-
    sitter) compare with the text `before` the fix: a fix must not add error regions."""
    lang = by_kind(kind)
    if lang is None:
        return True
    handler = lang.handler()
    if before is not None and getattr(handler, "COMPARES_BEFORE", False):
        return bool(handler.parses(text, kind, before))
    return bool(handler.parses(text, kind))


# -- the engine's own findings about a file -----------------------------------------------------


def diagnostic(
    rel: str, code: str, message: str, line: int = 1, col: int = 1, text: str | None = None
) -> Diagnostic:
    start = Position(max(1, line), max(1, col))
    return Diagnostic(
        code=code,
        message=message,
        path=rel,
        start=start,
        end=rest_of_line(text, start),
        severity=Severity.ERROR if code == PARSE_ERROR else Severity.WARNING,
        rule_name="syntax-error" if code == PARSE_ERROR else "unreadable-file",
        key=message,
    )


def rest_of_line(text: str | None, start: Position) -> Position | None:
    """A syntax error's span: from where the parser stopped to the end of that line (what the
    reader has to look at). None without the text, or when the position is at the line's end."""
    if text is None:
        return None
    from cxone_lint.api.document import LineIndex

    starts = LineIndex(text).starts
    if start.line > len(starts):
        return None
    begin = starts[start.line - 1]
    stop = starts[start.line] if start.line < len(starts) else len(text)
    length = len(text[begin:stop].rstrip("\r\n"))
    return Position(start.line, length + 1) if length + 1 > start.column else None


def problem(
    result: FileResult,
    code: str,
    message: str,
    line: int = 1,
    col: int = 1,
    text: str | None = None,
) -> None:
    # A parser may quote the token it stopped at: nothing secret-looking gets through.
    found = diagnostic(result.rel, code, scrub(message), line, col, text)
    if result.kind == "env":
        # .env files exist to hold secrets: never echo one of their lines in a report.
        found = found.with_(sensitive=True)
    result.diagnostics.append(found)


def crashed(result: FileResult, extractor: Extractor, exc: Exception) -> None:
    """An extractor bug costs only that extractor's facts for this file, and is said (LINT003)."""
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
