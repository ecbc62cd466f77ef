"""The children of a libcst node, in libcst's own order, without libcst's cost.

libcst gives a node's children through `node.children`, which runs the node's
`_visit_and_replace_children` with a collecting visitor: it rebuilds the node. A read-only
linter asks for children thousands of times per file (the engine's walk, extractors' bounded
walks), so the attributes each node type visits, in order, are read once per type from libcst
itself and then simply read off the node. libcst is imported on first use, never at import
(packs import this module at load).
"""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING, Any

from cxone_lint.api.lazy import lazy_module

if TYPE_CHECKING:
    import libcst as cst
else:  # imported on the first call
    cst = lazy_module("libcst")


@functools.cache
def _recorder_type() -> type:
    class FieldOrder(cst.CSTVisitor):
        """Records the attributes `_visit_and_replace_children` visits, without descending."""

        def __init__(self) -> None:
            super().__init__()
            self.names: list[str] = []

        def on_visit(self, node: cst.CSTNode) -> bool:
            return False

        def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
            self.names.append(attribute)

        def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
            pass

    return FieldOrder


def _recorded(node: cst.CSTNode) -> tuple[str, ...]:
    recorder: Any = _recorder_type()()
    node._visit_and_replace_children(recorder)
    return tuple(dict.fromkeys(recorder.names))


class Order:
    """The attributes of one node type that hold children, in visiting order.

    Some types visit an attribute only when it is set (`FormattedStringExpression.format_spec`),
    so the order read from one node may lack attributes another node has: `unseen` are the
    attributes that were None in every node read so far, and a node that has one set is read
    again and merged in (both readings are sub-sequences of the type's one static order)."""

    __slots__ = ("fields", "unseen")

    def __init__(self, node: cst.CSTNode) -> None:
        self.fields = _recorded(node)
        self.unseen = {
            f.name for f in dataclasses.fields(node) if getattr(node, f.name) is None
        } - set(self.fields)

    def learn(self, node: cst.CSTNode) -> None:
        present = {name for name in self.unseen if getattr(node, name) is not None}
        if not present:
            return
        self.unseen -= present
        merged = list(self.fields)
        later = _recorded(node)
        for index, name in enumerate(later):
            if name not in merged:
                before = later[index - 1] if index else None
                merged.insert(merged.index(before) + 1 if before in merged else 0, name)
        self.fields = tuple(merged)


ORDER: dict[type, Order] = {}


def child_fields(node: cst.CSTNode) -> tuple[str, ...]:
    """The attributes of `node` libcst visits, in order."""
    order = ORDER.get(type(node))
    if order is None:
        order = ORDER[type(node)] = Order(node)
    elif order.unseen:
        order.learn(node)
    return order.fields


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """`node.children`: every child (whitespace and punctuation included), in order."""
    out: list[cst.CSTNode] = []
    for attribute in child_fields(node):
        child = getattr(node, attribute)
        if isinstance(child, cst.CSTNode):
            out.append(child)
        elif type(child) in (list, tuple):
            out.extend(item for item in child if isinstance(item, cst.CSTNode))
    return out
