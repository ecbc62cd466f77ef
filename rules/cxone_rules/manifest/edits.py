"""Text edits on the manifest for fixes: the exact span of one key or value token.

The document parsers give where a key or value starts; a fix also needs where it ends. Only
simple tokens are handled (a single-line basic or literal string, a bare key or scalar): for
anything else (multi-line strings, escapes the edit would have to re-encode) no fix is offered.
"""

from __future__ import annotations

import json

from cxone_lint.api.diagnostics import Applicability, Edit, Fix, Position

_BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+.:")


def token_span(text: str, start: Position) -> tuple[Position, str] | None:
    """(end position, raw token text) of the token starting at `start`, or None."""
    lines = text.splitlines()
    if not 1 <= start.line <= len(lines):
        return None
    line = lines[start.line - 1]
    col = start.column - 1
    if col >= len(line):
        return None
    first = line[col]
    if first in ('"', "'"):
        if line.startswith(first * 3, col):
            return None
        i = col + 1
        while i < len(line):
            ch = line[i]
            if first == '"' and ch == "\\":
                i += 2
                continue
            if ch == first:
                raw = line[col : i + 1]
                return Position(start.line, i + 2), raw
            i += 1
        return None
    i = col
    while i < len(line) and line[i] in _BARE:
        i += 1
    if i == col:
        return None
    return Position(start.line, i + 1), line[col:i]


def plain_string(raw: str) -> str | None:
    """The value of a quoted token without escapes, else None."""
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in ('"', "'") and "\\" not in raw:
        return raw[1:-1]
    return None


def quote(value: str, fmt: str) -> str:
    """A string literal for the manifest's format (no escapes needed for our values)."""
    return json.dumps(value)


def replace_token(
    path: str,
    text: str | None,
    start: Position,
    content: str,
    message: str,
    safe: bool = True,
) -> Fix | None:
    """A fix replacing the token at `start` with `content`; None when the token is not simple."""
    if text is None:
        return None
    span = token_span(text, start)
    if span is None:
        return None
    end, _ = span
    applicability = Applicability.SAFE if safe else Applicability.UNSAFE
    return Fix(message, (Edit(path, start, end, content),), applicability)


def raw_token(text: str | None, start: Position) -> str | None:
    if text is None:
        return None
    span = token_span(text, start)
    return span[1] if span else None


def delete_own_line(path: str, text: str | None, start: Position, message: str) -> Fix | None:
    """A safe fix deleting a list entry that sits alone on its line (with its comma); None
    when the line holds anything else (another entry, a comment worth keeping)."""
    if text is None:
        return None
    span = token_span(text, start)
    lines = text.splitlines(keepends=True)
    if span is None or not 1 <= start.line <= len(lines):
        return None
    _, raw = span
    rest = lines[start.line - 1].strip()
    if rest not in (raw, raw + ","):
        return None
    edit = Edit(path, Position(start.line, 1), Position(start.line + 1, 1), "")
    return Fix(message, (edit,), Applicability.SAFE)
