"""The lowered form every tree-sitter language is read through (JS/TS now, PHP and PowerShell next).

A small, language-neutral IR of expressions: each language lowers its syntax tree into these
nodes (`extract/<language>/lower.py`), and one evaluator (`evaluate.py`) and one semantic
extractor (`semantics.py`) work on them for every language. Every node carries its source range
in characters (`start`, `end`: offsets into the file's text) and an opaque `origin` the
language's `Program` uses to find the node's parent.

What a language maps where:
- string literals -> `Str`; interpolated strings (JS templates, PHP `"$a:$b"`, PowerShell
  `"basic $Key"`) -> `Template` (literal pieces and hole expressions);
- `a.b`, `a['b']`, `$a->b`, `$a.b` -> `Member`; computed `a[x]` -> `Index`;
- calls, `new X(...)`, PowerShell commands -> `Call` with positional `args` and `named`
  arguments (PHP named arguments, PowerShell `-Param value`);
- object literals, PHP arrays with keys, PowerShell hashtables -> `Obj` (entries keyed by a
  string, or spread entries with key None); lists -> `Arr`;
- `+` / `.` concatenation, `||`, `??`, `&&`, comparisons -> `Binary`; ternaries -> `Cond`;
- functions, methods, closures -> `Func` (the body stays in the language's tree: scopes are
  built by the language's `Program` from its statements, see `Program` below).

Statements are not lowered one by one: what the evaluator needs from them (bindings with their
position and whether they always run before a use, returns, imports, class fields) is given by
the language's `Program`, built from the statements it scans without descending into
expressions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(eq=False, slots=True)
class Node:
    start: int
    end: int
    origin: Any = field(default=None, repr=False)


@dataclass(eq=False, slots=True)
class Str(Node):
    value: str = ""


@dataclass(eq=False, slots=True)
class Template(Node):
    """Literal pieces (str) and holes (expressions), in order."""

    parts: list[str | Node] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class Const(Node):
    """A number, boolean, null/undefined: `value` is the Python value."""

    value: Any = None


@dataclass(eq=False, slots=True)
class Name(Node):
    name: str = ""


@dataclass(eq=False, slots=True)
class This(Node):
    pass


@dataclass(eq=False, slots=True)
class Member(Node):
    obj: Node | None = None
    prop: str = ""


@dataclass(eq=False, slots=True)
class Index(Node):
    """`obj[index]`; no `index`: any one element (what a loop variable takes)."""

    obj: Node | None = None
    index: Node | None = None


@dataclass(eq=False, slots=True)
class Call(Node):
    func: Node | None = None
    args: list[Node] = field(default_factory=list)
    named: dict[str, Node] = field(default_factory=dict)
    new: bool = False


@dataclass(eq=False, slots=True)
class Entry:
    """One entry of an object literal: `key` None for a spread (`...x`)."""

    key: str | None
    value: Node
    key_start: int = 0
    key_end: int = 0


@dataclass(eq=False, slots=True)
class Obj(Node):
    entries: list[Entry] = field(default_factory=list)

    def get(self, key: str) -> Node | None:
        for e in self.entries:
            if e.key == key:
                return e.value
        return None

    def get_ci(self, key: str) -> Node | None:
        low = key.lower()
        for e in self.entries:
            if e.key is not None and e.key.lower() == low:
                return e.value
        return None


@dataclass(eq=False, slots=True)
class Arr(Node):
    items: list[Node] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class Binary(Node):
    op: str = ""
    left: Node | None = None
    right: Node | None = None


@dataclass(eq=False, slots=True)
class Cond(Node):
    test: Node | None = None
    then: Node | None = None
    other: Node | None = None


@dataclass(eq=False, slots=True)
class Unary(Node):
    op: str = ""
    arg: Node | None = None


@dataclass(eq=False, slots=True)
class Assign(Node):
    """`target op value` used as an expression (`=`, `+=`, `||=`, `??=`)."""

    target: Node | None = None
    op: str = "="
    value: Node | None = None


@dataclass(eq=False, slots=True)
class Func(Node):
    name: str | None = None
    params: list[str] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class Unknown(Node):
    kind: str = ""


def walk(node: Node | None) -> Iterator[Node]:
    """The node and every expression below it (not into function bodies)."""
    stack: list[Node] = [node] if node is not None else []
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(list(children(n))))


def children(n: Node) -> Iterable[Node]:
    if isinstance(n, Template):
        return [p for p in n.parts if isinstance(p, Node)]
    if isinstance(n, Member):
        return [n.obj] if n.obj is not None else []
    if isinstance(n, Index):
        return [c for c in (n.obj, n.index) if c is not None]
    if isinstance(n, Call):
        return [c for c in (n.func, *n.args, *n.named.values()) if c is not None]
    if isinstance(n, Obj):
        return [e.value for e in n.entries]
    if isinstance(n, Arr):
        return list(n.items)
    if isinstance(n, Binary):
        return [c for c in (n.left, n.right) if c is not None]
    if isinstance(n, Cond):
        return [c for c in (n.test, n.then, n.other) if c is not None]
    if isinstance(n, Unary):
        return [n.arg] if n.arg is not None else []
    if isinstance(n, Assign):
        return [c for c in (n.target, n.value) if c is not None]
    return []


def dotted(n: Node | None) -> str:
    """`a.b.c` for a chain of names and members ('' when the chain has anything else)."""
    parts: list[str] = []
    while isinstance(n, Member):
        parts.append(n.prop)
        n = n.obj
    if isinstance(n, Name):
        parts.append(n.name)
    elif isinstance(n, This):
        parts.append("this")
    else:
        return ""
    return ".".join(reversed(parts))


def callee(call: Call) -> str:
    """The called name: `axios.post`, `fetch`, `this.http.post`; for a call on a call result
    (`request.post(url).send(body)`), the last member name after a `()`: `().send`."""
    name = dotted(call.func)
    if name:
        return name
    if isinstance(call.func, Member):
        return "()." + call.func.prop
    return ""


# -- what a language gives the evaluator and the extractor ------------------------------------


@dataclass(eq=False, slots=True)
class Binding:
    """One assignment of a name: `value` is lowered lazily by `Program.lower`.

    `definite`: the assignment always runs before the use it was looked up for (it sits in a
    block enclosing the use); otherwise it is one possibility among others (an if branch).
    """

    name: str
    start: int
    op: str
    value: Any  # the language's node, lowered on demand
    definite: bool = True
    synthetic: Node | None = None  # an IR value made by the lowering (destructuring)


@dataclass(eq=False, slots=True)
class Import:
    """A name bound by an import: `module` resolved to a project path where it is relative
    (`src/nice` for `../nice` in `src/methods/x.ts`), `name` the imported name ('*' for a whole
    module, 'default')."""

    module: str
    name: str


class Program(Protocol):
    """What a language's lowering provides for one file."""

    text: str

    def lower(self, origin: Any) -> Node: ...

    def parent(self, node: Node) -> Node | None: ...

    def bindings(self, name: str, at: Node) -> list[Binding] | None:
        """Assignments of `name` visible at `at`, in order (None: not bound in this file)."""
        ...

    def imported(self, name: str, at: Node) -> Import | None: ...

    def param(self, name: str, at: Node) -> tuple[str, Node | None] | None:
        """(function name, default) when `name` is a parameter of a function enclosing `at`."""
        ...

    def this_field(self, prop: str, at: Node) -> list[Binding]: ...

    def returns(self, func: str, at: Node) -> Node | None:
        """The single returned expression of a function named `func` visible at `at`."""
        ...

    def uses(self, name: str, after: Node, at: Node | None = None) -> list[Node]:
        """Reads of `name` after `after` in the scope that binds it (climbing from a value)."""
        ...
