"""What the runtime facts need from JavaScript statements: loops, if branches, function bodies.

The IR lowers expressions only (ir.py); the runtime analysis (extract/runtime.py) also asks
where an expression sits: in a loop over items (a `for`, `for...of`, `while`, or the callback of
`.forEach` / `.map`), in which function, in which branch of an `if`. `FlowMixin` answers from
the tree-sitter tree of `JsProgram`, climbing parents from the node (bounded by the enclosing
function) and querying a function's subtree for its calls.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from cxone_rules.extract import ir

_FUNCTIONS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
    }
)
_LOOPS = frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement"})
_ITERATORS = frozenset({"forEach", "map", "flatMap", "filter", "reduce", "some", "every"})
_EXITS = frozenset({"break_statement", "return_statement", "throw_statement"})
_SMALL_BOUND = re.compile(r"<=?\s*(\d+|[A-Z_]*(RETR|ATTEMPT|TRIES)[A-Z_]*)\s*;?$")


class FlowMixin:
    """Mixed into JsProgram (which provides lower, node_text, parsed, _stmt, span)."""

    if TYPE_CHECKING:

        def lower(self, node: Any) -> ir.Node: ...

        def node_text(self, node: Any) -> str: ...

        def _stmt(self, node: Any) -> ir.Node: ...

    # -- loops -------------------------------------------------------------------------------

    def loop_kind(self, loop: ir.Node) -> str | None:
        """items | poll | None (a bounded retry or a loop that leaves once it succeeds)."""
        node = loop.origin
        if node is None:
            return None
        t = node.type
        if t == "call_expression":  # items.forEach(cb)
            return "items"
        body = node.child_by_field_name("body")
        if body is not None and self._exits(body):
            return None
        if t == "for_statement":
            cond = node.child_by_field_name("condition")
            if cond is not None and _SMALL_BOUND.search(self.node_text(cond).strip()):
                return None
            return "items"
        if t == "for_in_statement":
            return "items"
        return "poll"

    def _exits(self, body: Any) -> bool:
        stack = [body]
        seen = 0
        while stack and seen < 2000:
            n = stack.pop()
            seen += 1
            if n.type in _EXITS:
                return True
            if n.type in _FUNCTIONS or (n.type in _LOOPS and n is not body):
                continue
            stack.extend(n.named_children)
        return False

    def loops_around(self, node: ir.Node) -> list[ir.Node]:
        """Per-item loops (statements, or `.forEach`/`.map` calls) around `node` inside its
        function, innermost first; the callback of an iterator counts as its loop."""
        out: list[ir.Node] = []
        p = node.origin.parent if node.origin is not None else None
        child = node.origin
        while p is not None:
            if p.type in _LOOPS:
                body = p.child_by_field_name("body")
                if child is body or (body is not None and _within(child, body)):
                    loop = self._stmt(p)
                    if self.loop_kind(loop):
                        out.append(loop)
            if p.type in _FUNCTIONS:
                call = _iterator_call(p)
                if call is None:
                    break
                out.append(ir.Unknown(*self._span_of(call), call, kind="call_expression"))
                child, p = call, call.parent
                continue
            child, p = p, p.parent
        return out

    def loop_items(self, loop: ir.Node) -> set[str]:
        """The names a loop binds for each item (`for (const a of xs)`, `xs.map((a) => ...)`)."""
        node = loop.origin
        names: set[str] = set()
        if node is None:
            return names
        if node.type == "for_in_statement":
            left = node.child_by_field_name("left")
            if left is not None:
                names |= _identifiers(left, self)
        elif node.type == "call_expression":
            args = node.child_by_field_name("arguments")
            cb = args.named_children[0] if args is not None and args.named_children else None
            if cb is not None and cb.type in _FUNCTIONS:
                params = cb.child_by_field_name("parameters") or cb.child_by_field_name("parameter")
                if params is not None:
                    names |= _identifiers(params, self)
        elif node.type == "for_statement":
            init = node.child_by_field_name("initializer")
            if init is not None:
                names |= _identifiers(init, self)
        return names

    def _span_of(self, node: Any) -> tuple[int, int]:
        return self.span(node)  # type: ignore[attr-defined,no-any-return]

    # -- functions ---------------------------------------------------------------------------

    def qualname(self, node: ir.Node) -> str:
        """`Class.method`, `name`, or the variable an arrow function is bound to ("" at the top)."""
        p = node.origin
        while p is not None and p.type not in _FUNCTIONS:
            p = p.parent
        if p is None:
            return ""
        return self.function_label(p)

    def function_label(self, fn: Any) -> str:
        name = fn.child_by_field_name("name")
        label = self.node_text(name) if name is not None else ""
        if not label:
            up = fn.parent
            while up is not None and up.type in (
                "parenthesized_expression",
                "await_expression",
                "arguments",
                "call_expression",
            ):
                up = up.parent
            if up is not None and up.type in (
                "variable_declarator",
                "pair",
                "public_field_definition",
            ):
                key = up.child_by_field_name("name") or up.child_by_field_name("key")
                if key is not None:
                    label = self.node_text(key)
        if fn.type == "method_definition":
            cls = fn.parent.parent if fn.parent is not None else None
            if cls is not None and cls.type in ("class_declaration", "class"):
                cname = cls.child_by_field_name("name")
                if cname is not None:
                    return f"{self.node_text(cname)}.{label}"
        return label

    def function_of(self, node: ir.Node) -> Any:
        p = node.origin
        while p is not None and p.type not in _FUNCTIONS:
            p = p.parent
        return p

    def in_constructor(self, node: ir.Node) -> bool:
        fn = self.function_of(node)
        if fn is None or fn.type != "method_definition":
            return False
        name = fn.child_by_field_name("name")
        return name is not None and self.node_text(name) == "constructor"

    def calls_in(self, node: Any) -> list[ir.Call]:
        """Every call below a tree-sitter node (its nested callbacks included)."""
        out: list[ir.Call] = []
        stack = [node]
        seen = 0
        while stack and seen < 4000:
            n = stack.pop()
            seen += 1
            if n.type in ("call_expression", "new_expression"):
                lowered = self.lower(n)
                if isinstance(lowered, ir.Call):
                    out.append(lowered)
            stack.extend(reversed(n.named_children))
        return out

    def returns_in(self, fn: Any) -> list[Any]:
        """The returned expressions of a function's own body (not of nested functions)."""
        body = fn.child_by_field_name("body")
        if body is None:
            return []
        if body.type != "statement_block":
            return [body]
        out = []
        stack = [body]
        while stack:
            n = stack.pop()
            if n.type == "return_statement" and n.named_children:
                out.append(n.named_children[0])
                continue
            if n.type in _FUNCTIONS:
                continue
            stack.extend(n.named_children)
        return out

    def functions(self) -> list[Any]:
        """Every function node of the file, in order."""
        out: list[Any] = []
        for unit in self.parsed.trees:  # type: ignore[attr-defined]
            table = self._function_table(unit)  # type: ignore[attr-defined]
            out.extend(table[3])
        return out

    # -- branches ----------------------------------------------------------------------------

    def branches_of(self, test: ir.Node) -> tuple[Any, Any, bool] | None:
        """(then, else, negated) of the `if` whose condition holds `test`; else None."""
        child = test.origin
        p = child.parent if child is not None else None
        negated = False
        while p is not None and p.type in (
            "parenthesized_expression",
            "binary_expression",
            "unary_expression",
        ):
            if p.type == "unary_expression" and self.node_text(p).lstrip().startswith("!"):
                negated = not negated
            if p.type == "binary_expression" and p is not test.origin:
                op = p.child_by_field_name("operator")
                if op is not None and self.node_text(op) not in ("&&", "||"):
                    return None
            child, p = p, p.parent
        if p is None or p.type != "if_statement" or p.child_by_field_name("condition") != child:
            return None
        other = p.child_by_field_name("alternative")
        if other is not None and other.type == "else_clause" and other.named_children:
            other = other.named_children[0]
        return p.child_by_field_name("consequence"), other, negated

    def statements_of(self, node: Any) -> list[Any]:
        """The statements of a block (or the one statement), nested blocks flattened."""
        if node is None:
            return []
        out = []
        stack = [node]
        while stack:
            n = stack.pop()
            if n.type in ("statement_block", "else_clause"):
                stack.extend(reversed(n.named_children))
                continue
            out.append(n)
        return out


def _within(node: Any, outer: Any) -> bool:
    return bool(outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte)


def _iterator_call(fn: Any) -> Any:
    """The `.forEach(...)`/`.map(...)` call a callback is the argument of, else None."""
    args = fn.parent
    if args is None or args.type != "arguments":
        return None
    call = args.parent
    if call is None or call.type != "call_expression":
        return None
    func = call.child_by_field_name("function")
    if func is None or func.type != "member_expression":
        return None
    prop = func.child_by_field_name("property")
    if prop is None or prop.text is None:
        return None
    return call if prop.text.decode("utf-8", "replace") in _ITERATORS else None


def _identifiers(node: Any, program: Any) -> set[str]:
    out: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in ("identifier", "shorthand_property_identifier_pattern"):
            out.add(program.node_text(n))
        stack.extend(n.named_children)
    return out
