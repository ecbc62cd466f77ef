"""Reading a libcst tree fast: one read-only batched walk, and positions only when asked for.

libcst's own machinery is built for transformers, and a read-only linter pays for it twice:

- `node.visit(visitor)` rebuilds every node of the tree (each `_visit_and_replace_children`
  constructs and validates a new node, even for a visitor that changes nothing) and looks up
  visitor methods by formatted name for every node and every attribute;
- `PositionProvider` runs a code generation pass over the whole module that records a
  `CodeRange` of two `CodePosition`s for every node, through generator-based context managers,
  and `MetadataWrapper` adds an empty batched traversal when no batchable provider is asked for.
  Measured on the standard library, positions cost twice the parse and the visit as much again.

`walk` visits the same nodes in the same (lexical) order as `visit_batched`, calling the same
`visit_<Node>` / `leave_<Node>` methods, without rebuilding anything. The order of each node
type's children is read once from libcst itself (the attributes its `_visit_and_replace_children`
visits, in order), so it follows libcst's definition of every node. Whitespace, comments and
punctuation are not descended into unless a visitor asks for them.

`Positions` computes the table of every node's range the first time a position is asked for
(a file whose extractors report nothing never pays for it), with a lean code generation state:
the same rules as libcst's `PositionProvidingCodegenState` (syntactic positions, whitespace
excluded, characters counted per line) but plain tuples and no per-token regular expression.
tests/test_python_tree.py checks both against libcst's own on every fixture and rule case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import libcst as cst
from libcst._add_slots import add_slots
from libcst._nodes.internal import CodegenState
from libcst._position import CodePosition, CodeRange

from cxone_lint.api.cst_children import ORDER, Order, child_fields

_NEWLINE = re.compile(r"\r\n?|\n")

# Node types whose subtrees hold nothing but whitespace, comments or punctuation.
_LEAVES: frozenset[type] = frozenset()


def _leaf_types() -> frozenset[type]:
    found: set[type] = {
        cst.SimpleWhitespace,
        cst.ParenthesizedWhitespace,
        cst.TrailingWhitespace,
        cst.EmptyLine,
        cst.Newline,
        cst.Comment,
        cst.Comma,
        cst.Dot,
        cst.Colon,
        cst.Semicolon,
        cst.AssignEqual,
        cst.LeftParen,
        cst.RightParen,
        cst.LeftSquareBracket,
        cst.RightSquareBracket,
        cst.LeftCurlyBrace,
        cst.RightCurlyBrace,
        cst.ImportStar,
    }
    stack: list[type] = [
        cst.BaseBinaryOp,
        cst.BaseBooleanOp,
        cst.BaseCompOp,
        cst.BaseUnaryOp,
        cst.BaseAugOp,
    ]
    while stack:
        base = stack.pop()
        found.add(base)
        stack.extend(base.__subclasses__())
    return frozenset(found)


Method = Callable[[Any], Any]


def walk(module: cst.Module, visitors: Iterable[Any]) -> None:
    """Call every visitor's `visit_<Node>` and `leave_<Node>` methods over the tree, in the
    order libcst's `visit_batched` does (attribute visitors, `visit_<Node>_<attr>`, are not
    supported: `run_python_extractors` gives such visitors to libcst instead)."""
    global _LEAVES
    if not _LEAVES:
        _LEAVES = _leaf_types()
    methods: dict[str, list[Method]] = {}
    for visitor in visitors:
        for name, method in visitor.get_visitors().items():
            methods.setdefault(name, []).append(method)
    skipped = {
        t
        for t in _LEAVES
        if f"visit_{t.__name__}" not in methods and f"leave_{t.__name__}" not in methods
    }
    plans: dict[type, tuple[tuple[Method, ...], tuple[Method, ...], Order]] = {}
    node_type = cst.CSTNode
    sequences = (list, tuple)

    def visit(node: cst.CSTNode) -> None:
        kind = type(node)
        if kind in skipped:
            return
        plan = plans.get(kind)
        if plan is None:
            name = kind.__name__
            child_fields(node)
            plan = plans[kind] = (
                tuple(methods.get(f"visit_{name}", ())),
                tuple(methods.get(f"leave_{name}", ())),
                ORDER[kind],
            )
        enter, leave, order = plan
        if order.unseen:
            order.learn(node)
        fields = order.fields
        for method in enter:
            method(node)
        for attribute in fields:
            child = getattr(node, attribute)
            if isinstance(child, node_type):
                visit(child)
            elif type(child) in sequences:
                for item in child:
                    if isinstance(item, node_type):
                        visit(item)
        for method in leave:
            method(node)

    visit(module)


def has_attribute_visitors(visitors: Iterable[Any]) -> bool:
    """Whether a visitor defines `visit_<Node>_<attribute>` / `leave_<Node>_<attribute>`."""
    return any(
        name.count("_") > 1 and name.split("_", 2)[2][:1].islower()
        for visitor in visitors
        for name in visitor.get_visitors()
    )


# -- positions ---------------------------------------------------------------------------------


class PositionsUnavailable(BaseException):
    """The positions of a tree could not be computed (code nested deeper than the recursion
    limit). A BaseException so that no `except Exception` in an extractor hides it: the file
    is reported as not analysable, as when libcst's own provider fails."""


@add_slots
@dataclass(frozen=False)
class _PositionState(CodegenState):
    line: int = 1  # one-indexed
    column: int = 0  # zero-indexed, in characters
    starts: list[tuple[int, int]] = field(default_factory=list)
    syntactic: list[tuple[Any, Any, Any, int, int]] = field(default_factory=list)
    table: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.column += len(token)
        if self.indent_tokens and not self.tokens:
            self.tokens.append(self.indent_tokens[0])

    def add_token(self, value: str) -> None:
        if not self.tokens:  # Module's codegen asks whether anything was written
            self.tokens.append(value)
        if "\n" in value or "\r" in value:
            segments = _NEWLINE.split(value)
            self.line += len(segments) - 1
            self.column = len(segments[-1])
        else:
            self.column += len(value)

    def pop_trailing_newline(self) -> None:
        pass  # positions are taken before the end; libcst's own state does not move either

    def before_codegen(self, node: cst.CSTNode) -> None:
        self.starts.append((self.line, self.column))

    def after_codegen(self, node: cst.CSTNode) -> None:
        line, column = self.starts.pop()
        key = id(node)
        if key not in self.table:  # a syntactic position, recorded inside, wins
            self.table[key] = (line, column, self.line, self.column)

    def record_syntactic_position(  # type: ignore[override]
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> _PositionState:
        self.syntactic.append((node, start_node, end_node, self.line, self.column))
        return self

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        node, start_node, end_node, line, column = self.syntactic.pop()
        table = self.table
        start = table[id(start_node)][:2] if start_node is not None else (line, column)
        end = table[id(end_node)][2:] if end_node is not None else (self.line, self.column)
        table[id(node)] = (start[0], start[1], end[0], end[1])


class Positions:
    """node -> CodeRange (libcst's PositionProvider values), computed on the first lookup."""

    def __init__(self, module: cst.Module) -> None:
        self.module = module
        self._table: dict[int, tuple[int, int, int, int]] | None = None

    def _compute(self) -> dict[int, tuple[int, int, int, int]]:
        state = _PositionState(
            default_indent=self.module.default_indent,
            default_newline=self.module.default_newline,
        )
        try:
            self.module._codegen(state)
        except RecursionError:
            raise PositionsUnavailable from None
        self._table = state.table
        return state.table

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        table = self._table if self._table is not None else self._compute()
        line, column, end_line, end_column = table[id(node)]
        return CodeRange(CodePosition(line, column), CodePosition(end_line, end_column))

    def get(self, node: cst.CSTNode, default: Any = None) -> Any:
        try:
            return self[node]
        except KeyError:
            return default

    def __contains__(self, node: object) -> bool:
        table = self._table if self._table is not None else self._compute()
        return id(node) in table

    def __iter__(self) -> Iterator[int]:  # pragma: no cover - Mapping protocol only
        return iter(self._table or ())

    @property
    def computed(self) -> bool:
        return self._table is not None
