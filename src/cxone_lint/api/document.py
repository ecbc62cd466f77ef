"""Position-aware documents: what a rule or extractor sees of a parsed configuration file.

A document is addressed by paths: tuples of keys and list indices, e.g. ("app", "origins", 2).
The parsers that build documents live in `cxone_lint.languages.config`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cxone_lint.api.diagnostics import Position

PathKey = tuple[str | int, ...]


class DocumentError(Exception):
    """The file does not parse. `position` is where the parser stopped, when it says."""

    def __init__(self, message: str, position: Position | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass(frozen=True)
class Comment:
    line: int
    column: int
    text: str  # including the leading '#'


class LineIndex:
    """Offsets to (line, column) with one convention for every format: a line ends at LF, CRLF
    or a lone CR, as in Python source, SARIF and editors. Parsers disagree (json counts LF
    only, PyYAML also counts U+2028 and NEL), so positions are computed here from offsets."""

    def __init__(self, text: str) -> None:
        starts = [0]
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            if ch in "\r\n":
                starts.append(i + 1)
            i += 1
        self.starts = starts

    def pos(self, offset: int) -> Position:
        import bisect

        line = bisect.bisect_right(self.starts, offset) - 1
        return Position(line + 1, offset - self.starts[line] + 1)


@dataclass
class Document:
    """Parsed data plus positions. `data` holds plain Python values (dict, list, str, ...)."""

    kind: str
    data: Any
    value_positions: dict[PathKey, Position] = field(default_factory=dict)
    key_positions: dict[PathKey, Position] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    # Where each scalar value's text ends (exclusive): quotes included, a trailing comment not.
    value_ends: dict[PathKey, Position] = field(default_factory=dict)

    def get(self, path: PathKey, default: Any = None) -> Any:
        node = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def position(self, path: PathKey) -> Position:
        """Where the value at `path` starts; falls back to its key, then to the nearest parent.

        Never fails: a rule about a missing key points at the table that should hold it.
        """
        probe = tuple(path)
        while probe:
            if probe in self.value_positions:
                return self.value_positions[probe]
            if probe in self.key_positions:
                return self.key_positions[probe]
            probe = probe[:-1]
        return Position(1, 1)

    def end_position(self, path: PathKey) -> Position | None:
        """Where the scalar value at `path` ends (exclusive), when the parser tells."""
        return self.value_ends.get(tuple(path))

    def key_position(self, path: PathKey) -> Position:
        probe = tuple(path)
        if probe in self.key_positions:
            return self.key_positions[probe]
        return self.position(probe)

    def leaves(self) -> list[tuple[PathKey, Any]]:
        """Every scalar with its path, in document order of discovery."""
        out: list[tuple[PathKey, Any]] = []

        def walk(node: Any, path: PathKey) -> None:
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(v, (*path, str(k)))
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, (*path, i))
            else:
                out.append((path, node))

        walk(self.data, ())
        return out
