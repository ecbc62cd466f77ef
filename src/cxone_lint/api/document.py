"""Position-aware documents: what a rule or extractor sees of a parsed configuration file.

A document is addressed by paths: tuples of keys and list indices, e.g. ("app", "origins", 2).
The parsers that build documents live in `cxone_lint.languages.config`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from cxone_lint.api.diagnostics import Position

PathKey = tuple[str | int, ...]


class DocumentError(Exception):
    """The file does not parse. `position` is where the parser stopped, when it says."""

    def __init__(
        self, message: str, position: Position | None = None, unanalysable: bool = False
    ) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        # True when the file is valid but beyond what is analysed (an alias bomb): reported
        # as "not analysed" (CX002) rather than as a syntax error.
        self.unanalysable = unanalysable


class Comment(NamedTuple):
    """A comment and where it starts. A tuple: files can hold hundreds of thousands."""

    line: int
    column: int
    text: str  # including the leading '#'


class LineIndex:
    """Offsets to (line, column) with one convention for every format: a line ends at LF, CRLF
    or a lone CR, as in Python source, SARIF and editors. Parsers disagree (json counts LF
    only, PyYAML also counts U+2028 and NEL), so positions are computed here from offsets."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

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
    # Where each value and key ends (exclusive: one past its last character, like SARIF).
    value_ends: dict[PathKey, Position] = field(default_factory=dict)
    key_ends: dict[PathKey, Position] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    _ends_by_start: dict[Position, Position] | None = field(default=None, repr=False, compare=False)
    # Values a later duplicate key hides from `data` (JSON and YAML keep the last one), with
    # where they are: readers disagree on which one wins, so every one of them is checked.
    shadowed: list[tuple[PathKey, Any, Position]] = field(default_factory=list)

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

    def span_end(self, start: Position) -> Position | None:
        """The end of what starts at `start`: a key's whole entry (key through value, e.g.
        `origins = [...]`), else a value (a string with its quotes, an array through its `]`,
        a table header). None when nothing starts there. A rule that points at a document
        position gets the real extent of what it points at from here."""
        if self._ends_by_start is None:
            by_start: dict[Position, Position] = {}
            for path, pos in self.value_positions.items():
                end = self.value_ends.get(path)
                if end is not None and end > pos:
                    by_start.setdefault(pos, end)
            for path, pos in self.key_positions.items():
                # A key's entry wins over a value starting at the same place (TOML table
                # headers are recorded as both).
                end = self.value_ends.get(path) or self.key_ends.get(path)
                if end is not None and end > pos:
                    by_start[pos] = max(end, self.key_ends.get(path, end))
            self._ends_by_start = by_start
        return self._ends_by_start.get(start)

    def leaves(self) -> list[tuple[PathKey, Any]]:
        """Every scalar with its path, in document order of discovery."""
        return _leaves(self.data, ())

    def located_leaves(self) -> list[tuple[PathKey, Any, Position]]:
        """Every scalar with its path and position, the shadowed duplicates included."""
        out = [(path, value, self.position(path)) for path, value in self.leaves()]
        for path, value, where in self.shadowed:
            out.extend((sub, leaf, where) for sub, leaf in _leaves(value, path))
        return out


def _leaves(data: Any, root: PathKey) -> list[tuple[PathKey, Any]]:
    out: list[tuple[PathKey, Any]] = []
    stack: list[tuple[Any, PathKey]] = [(data, root)]
    while stack:  # iterative: depth is the input's choice
        node, path = stack.pop()
        if isinstance(node, dict):
            stack.extend(reversed([(v, (*path, str(k))) for k, v in node.items()]))
        elif isinstance(node, list):
            stack.extend(reversed([(v, (*path, i)) for i, v in enumerate(node)]))
        else:
            out.append((path, node))
    return out


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
