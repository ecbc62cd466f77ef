"""What the tree-sitter language entries share: one parse, error regions, comments, the run.

A grammar is described by a `Grammar` (its tree-sitter `Language`, the node types of the
statements a trailing suppression covers whole); `parse` gives the `Parsed` file the pack's
extractors read (positions in characters, see `javascript.Source`), and `analyse` is the whole
language entry: skip, parse, collect the suppression comments, say where syntax errors are,
run the extractors on the one tree.

JavaScript keeps its own entry (several grammars and `<script>` blocks in one file); PHP and
PowerShell are one grammar per file and use this module as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cxone_lint.api.context import FileResult
from cxone_lint.api.extractor import Extractor
from cxone_lint.languages import PARSE_ERROR, problem
from cxone_lint.languages.javascript import MAX_ERRORS, Parsed, Source, Tree, extract_parsed

# A statement longer than this is not covered by a comment on one of its lines.
MAX_SPAN_LINES = 30


@dataclass(frozen=True, eq=False)
class Grammar:
    name: str
    load: Callable[[], Any]  # -> tree_sitter.Language (imported on first use)
    statements: frozenset[str]  # node types a trailing comment covers whole
    # An error region that is the grammar's, not the file's (valid code the grammar lacks).
    known_error: Callable[[Any, bytes], bool] | None = None

    def language(self) -> Any:
        cache = _LOADED.get(self.name)
        if cache is None:
            import tree_sitter as ts

            lang = ts.Language(self.load())
            cache = _LOADED[self.name] = (lang, ts.Query(lang, "(comment) @c"))
        return cache[0]

    def comment_query(self) -> Any:
        self.language()
        return _LOADED[self.name][1]


_LOADED: dict[str, tuple[Any, Any]] = {}


class OneTree(Parsed):
    """A parsed file of a one-grammar language (comments found by its own query)."""

    grammar: Grammar

    def comments(self) -> list[tuple[int, int, int, str]]:
        """Every comment: (start char offset, line, column, text)."""
        import tree_sitter as ts

        source = self.source
        out: list[tuple[int, int, int, str]] = []
        root = self.trees[0].tree.root_node
        for node in ts.QueryCursor(self.grammar.comment_query()).captures(root).get("c", ()):
            start = source.char_offset(node.start_byte)
            end = source.char_offset(node.end_byte)
            line, col = source.position(start)
            out.append((start, line, col, source.text[start:end]))
        out.sort()
        return out


def parse(grammar: Grammar, text: str) -> OneTree:
    """One parse of the whole file; error regions kept (1-based line, column)."""
    import tree_sitter as ts

    source = Source(text)
    lang = grammar.language()
    # From the bytes, not a read callback: queries read node text for their predicates from
    # the tree's source, and through a callback that costs 10x (measured on JS).
    tree = ts.Parser(lang).parse(source.data)
    parsed = OneTree(source, [Tree(grammar.name, tree, lang)])
    parsed.grammar = grammar
    if tree.root_node.has_error:
        parsed.errors = errors(tree.root_node, source, grammar.known_error)
    return parsed


def errors(
    root: Any, source: Source, known: Callable[[Any, bytes], bool] | None = None
) -> list[tuple[int, int]]:
    """Where the first error regions start (ERROR nodes and MISSING tokens), in order; the
    grammar's `known` errors left out."""
    out: list[tuple[int, int]] = []
    stack = [root]
    while stack and len(out) < MAX_ERRORS:
        node = stack.pop()
        if not node.has_error:
            continue
        if node.is_error or node.is_missing:
            if known is None or not known(node, source.data):
                out.append(source.position(source.char_offset(node.start_byte)))
            continue
        stack.extend(reversed(node.children))
    return sorted(out)


def statement_span(parsed: OneTree, offset: int) -> tuple[int, int] | None:
    """(first, last) line of the statement a comment at `offset` trails, when it spans several
    lines: a suppression there covers the whole statement, as a Python logical line does."""
    source = parsed.source
    line, col = source.position(offset)
    if col == 1:
        return None
    byte = max(0, source.byte_offset(offset) - 2)
    node = parsed.trees[0].tree.root_node.descendant_for_byte_range(byte, byte)
    while node is not None and node.type not in parsed.grammar.statements:
        node = node.parent
    if node is None:
        return None
    first, last = node.start_point[0] + 1, node.end_point[0] + 1
    if last - first >= MAX_SPAN_LINES or not first <= line <= last or first == last:
        return None
    return first, last


def fewer_errors(grammar: Grammar, text: str, before: str | None) -> bool:
    """tree-sitter always gives a tree: a fixed text parses when it has no more error regions
    than the text before the fix."""
    after = len(parse(grammar, text).errors)
    return after == 0 if before is None else after <= len(parse(grammar, before).errors)


def analyse(
    grammar: Grammar,
    result: FileResult,
    text: str,
    wanted: list[Extractor],
    relevant: bool,
    skip_reason: Callable[[str, str], str | None] | None = None,
) -> None:
    """The language entry's `analyse`: a syntax error leaves the rest of the tree usable, so
    the file is analysed and the error regions are said (LINT002, a warning)."""
    reason = skip_reason(result.rel, text) if skip_reason is not None else None
    if reason is not None:
        result.status, result.reason = "skipped", reason
        return
    if not wanted:
        result.status = "not-relevant"
        return
    try:
        parsed = parse(grammar, text)
    except RecursionError:  # pragma: no cover - tree-sitter parses iteratively
        result.status, result.reason = "skipped", "parser failed"
        problem(result, PARSE_ERROR, "syntax error: the parser failed")
        return
    extract_parsed(result, text, parsed, statement_span, wanted, relevant)


def versions(*dists: str) -> dict[str, str]:
    """Installed versions of the parser and grammars (part of the cache key)."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for dist in dists:
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "?"
    return out
