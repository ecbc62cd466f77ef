"""Where a node sits in a Python file, for the extractors that judge behaviour over time (tokens,
the integration's own server): the function, its class, the loops around it, and the names the
function binds.

`ContextVisitor` is a mixin for libcst batchable visitors: it keeps a stack of frames (module,
functions, classes) and of loops as the shared traversal enters and leaves them, so each
extractor's `visit_*` methods can ask `self.frame`, `self.qualname`, `self.in_loop`. Nothing
here walks a tree on its own except small loop bodies (to tell a bounded retry from a loop
over items), which keeps the cost on the one batched pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cxone_lint.api.cst_children import children
from cxone_lint.api.facts import Header
from cxone_lint.api.lazy import lazy_module
from cxone_rules.extract.common import header
from cxone_rules.extract.python.values import (
    Resolver,
    Scopes,
    body_of,
    call_name,
    collect_bindings,
    dotted,
    literal_text,
    statements,
)

if TYPE_CHECKING:
    import libcst as cst
else:  # imported when the first file is parsed (api/lazy.py)
    cst = lazy_module("libcst")


# Clocks: a call to one of these is "now".
CLOCK_CALLS = frozenset(
    {
        "time.time",
        "time.monotonic",
        "time",
        "monotonic",
        "datetime.now",
        "datetime.utcnow",
        "datetime.datetime.now",
        "datetime.datetime.utcnow",
        "timezone.now",
        "arrow.utcnow",
        "pendulum.now",
    }
)


def is_clock(node: cst.BaseExpression | None) -> bool:
    """`time.time()`, `datetime.now(timezone.utc)`, `datetime.utcnow().timestamp()`."""
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        if node.func.attr.value in ("timestamp", "replace", "astimezone"):
            node = node.func.value
            continue
        break
    if not isinstance(node, cst.Call):
        return False
    name = call_name(node) or ""
    return name in CLOCK_CALLS or (name.endswith((".utcnow", ".now")) and "date" in name.lower())


@dataclass
class Frame:
    """A function (or the module) being visited."""

    node: cst.CSTNode | None
    name: str  # qualified: `Class.method`, "" for the module
    kind: str  # module | constructor | function
    params: frozenset[str] = frozenset()
    bindings: dict[str, cst.BaseExpression] = field(default_factory=dict)
    # Local names assigned from a clock (`now = time.time()`).
    clocks: set[str] = field(default_factory=set)


def _params(node: cst.FunctionDef) -> frozenset[str]:
    p = node.params
    names = [x.name.value for x in (*p.posonly_params, *p.params, *p.kwonly_params)]
    for star in (p.star_arg, p.star_kwarg):
        if isinstance(star, cst.Param):
            names.append(star.name.value)
    return frozenset(names)


def _leaves_early(loop: cst.For | cst.While) -> bool:
    """The loop stops on success (`break` or `return` in its own body): a retry or a search,
    not a loop over items."""
    for stmt in statements(body_of(loop)):
        if isinstance(stmt, (cst.Break, cst.Return)):
            return True
        if isinstance(stmt, cst.Raise) and isinstance(loop, cst.While):
            return True
    return False


def loop_kind(loop: cst.For | cst.While) -> str | None:
    """items (a loop over items) | poll (a loop that runs until stopped) | None (a bounded
    retry, `for attempt in range(3)`, or a loop that leaves as soon as something works)."""
    if isinstance(loop, cst.For):
        it = loop.iter
        if isinstance(it, cst.Call) and call_name(it) == "range":
            return None
    if _leaves_early(loop):
        return None
    return "items" if isinstance(loop, cst.For) else "poll"


def _item_names(target: cst.BaseExpression, body: list[cst.CSTNode]) -> set[str]:
    """The loop's target names and the names its body computes from them, in order."""
    items = set(names_in(target, 20))
    for stmt in statements(body):
        if isinstance(stmt, cst.Assign) and any(
            n.split(".")[0] in items for n in names_in(stmt.value, 40)
        ):
            for t in stmt.targets:
                items |= {n for n in names_in(t.target, 10) if "." not in n}
    return items


class ContextVisitor:
    """Mixin: frames and loops for a `PythonExtractor` (positions: `PythonExtractor.position`)."""

    frames: list[Frame]
    classes: list[str]
    loops: list[str | None]

    def init_context(self) -> None:
        self.frames = [Frame(None, "", "module")]
        self.classes = []
        self._containers: list[str] = []  # class | function, innermost last
        self.loops = []
        self._loop_frames: list[int] = []
        # Names that hold (or are computed from) each open loop's item.
        self.loop_items: list[set[str]] = []
        # The same bindings as values.Scopes, for resolving URLs and words (values.py).
        self.scopes = Scopes()
        self.resolver = Resolver(self.scopes)

    # -- positions -------------------------------------------------------------------------------

    def at(self, node: cst.CSTNode) -> Header:
        r = self.position(node)  # type: ignore[attr-defined]
        return header(r.start.line, r.start.column + 1, r.end.line, r.end.column + 1)

    def at_def(self, node: cst.FunctionDef) -> Header:
        """A function's range from its first decorator (where a route or a cache is said)."""
        whole = self.at(node)
        if node.decorators:
            first = self.at(node.decorators[0])
            whole["line"], whole["column"] = first["line"], first["column"]
        return whole

    # -- where we are ----------------------------------------------------------------------------

    @property
    def frame(self) -> Frame:
        return self.frames[-1]

    @property
    def qualname(self) -> str:
        return self.frame.name

    @property
    def in_loop(self) -> bool:
        """Inside a loop over items or a polling loop of the current function (loops of an
        enclosing function do not count: the inner function runs when it is called)."""
        depth = len(self.frames)
        return any(p and d == depth for p, d in zip(self.loops, self._loop_frames, strict=True))

    @property
    def in_poll(self) -> bool:
        """Inside a loop that runs until stopped (`while True:` without a way out)."""
        depth = len(self.frames)
        return any(
            p == "poll" and d == depth for p, d in zip(self.loops, self._loop_frames, strict=True)
        )

    def loop_entered(self, node: cst.CSTNode, kind: str | None) -> None:
        """Hook: a loop starts (kind as `loop_kind`)."""

    def lookup(self, name: str) -> cst.BaseExpression | None:
        for frame in reversed(self.frames):
            if name in frame.bindings:
                return frame.bindings[name]
        return None

    def is_clock_expr(self, node: cst.BaseExpression | None) -> bool:
        if isinstance(node, cst.Name) and any(node.value in f.clocks for f in self.frames):
            return True
        return is_clock(node)

    # -- visits ----------------------------------------------------------------------------------

    def visit_Module(self, node: cst.Module) -> None:
        names, _ = collect_bindings(node.body)
        self.frames[0].bindings.update(names)
        self.frames[0].node = node
        self.scopes.module.update(names)

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            full = dotted(alias.name) or ""
            if alias.asname and isinstance(alias.asname.name, cst.Name):
                self.scopes.imports[alias.asname.name.value] = full
            else:
                self.scopes.imports[full.split(".")[0]] = full.split(".")[0]

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = ("." * len(node.relative)) + ((dotted(node.module) or "") if node.module else "")
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = dotted(alias.name) or ""
            local = (
                alias.asname.name.value
                if alias.asname and isinstance(alias.asname.name, cst.Name)
                else name
            )
            self.scopes.imports[local] = f"{module}:{name}"

    def imported_from(self, local: str) -> str:
        """The module a local name was imported from ("" when it was not)."""
        target = self.scopes.imports.get(local.split(".")[0], "")
        return target.split(":", 1)[0]

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node.name.value)
        self._containers.append("class")

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.classes.pop()
        self._containers.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        name = node.name.value
        owner = self.classes[-1] if self.classes else None
        method = bool(self._containers) and self._containers[-1] == "class"
        qual = f"{owner}.{name}" if owner and method else name
        kind = "constructor" if method and name in ("__init__", "__post_init__") else "function"
        names, _ = collect_bindings(body_of(node))
        params = _params(node)
        self.frames.append(Frame(node, qual, kind, params, names))
        self._containers.append("function")
        self.scopes.frames.append(names)
        self.scopes.changes.append({})  # kept in step with frames (values.Scopes)
        self.scopes.params.append(params)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.frames.pop()
        self._containers.pop()
        self.scopes.frames.pop()
        self.scopes.changes.pop()
        self.scopes.params.pop()

    def visit_For(self, node: cst.For) -> None:
        self.loops.append(loop_kind(node))
        self._loop_frames.append(len(self.frames))
        self.loop_items.append(_item_names(node.target, body_of(node)))
        self.loop_entered(node, self.loops[-1])

    def leave_For(self, original_node: cst.For) -> None:
        self._end_loop()

    def visit_While(self, node: cst.While) -> None:
        self.loops.append(loop_kind(node))
        self._loop_frames.append(len(self.frames))
        self.loop_items.append(set())
        self.loop_entered(node, self.loops[-1])

    def leave_While(self, original_node: cst.While) -> None:
        self._end_loop()

    def uses_item(self, node: cst.CSTNode) -> bool:
        """`node` reads a name that holds the item of a loop of the current function."""
        depth = len(self.frames)
        items: set[str] = set()
        for names, d in zip(self.loop_items, self._loop_frames, strict=True):
            if d == depth:
                items |= names
        return bool(items) and any(n.split(".")[0] in items for n in names_in(node, 60))

    # Comprehensions run their element once per item.
    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._comprehension(node)

    def leave_ListComp(self, original_node: cst.ListComp) -> None:
        self._end_loop()

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self._comprehension(node)

    def leave_SetComp(self, original_node: cst.SetComp) -> None:
        self._end_loop()

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._comprehension(node)

    def leave_DictComp(self, original_node: cst.DictComp) -> None:
        self._end_loop()

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._comprehension(node)

    def leave_GeneratorExp(self, original_node: cst.GeneratorExp) -> None:
        self._end_loop()

    def _comprehension(self, node: cst.CSTNode) -> None:
        self.loops.append("items")
        self._loop_frames.append(len(self.frames))
        for_in = getattr(node, "for_in", None)
        self.loop_items.append(
            set(names_in(for_in.target, 20)) if isinstance(for_in, cst.CompFor) else set()
        )
        self.loop_entered(node, "items")

    def _end_loop(self) -> None:
        self.loops.pop()
        self._loop_frames.pop()
        self.loop_items.pop()

    def note_clock(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name) and is_clock(value):
            self.frame.clocks.add(target.value)


def key_of(node: cst.BaseExpression) -> str | None:
    """The key a read names: `x["k"]`, `x.get("k")`, `x.k` -> "k"."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        index = node.slice[0].slice
        if isinstance(index, cst.Index):
            return literal_text(index.value)
        return None
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        if node.func.attr.value == "get" and node.args:
            return literal_text(node.args[0].value)
        return None
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return None


def keys_read(node: cst.CSTNode | None, limit: int = 400) -> Iterator[tuple[str, cst.CSTNode]]:
    """Every key read below `node` (a bounded walk: expressions are small)."""
    if node is None:
        return
    stack: list[cst.CSTNode] = [node]
    seen = 0
    while stack and seen < limit:
        n = stack.pop()
        seen += 1
        if isinstance(n, (cst.Subscript, cst.Call, cst.Attribute)):
            key = key_of(n)
            if key is not None:
                yield key, n
        if isinstance(n, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        stack.extend(children(n))


def names_in(node: cst.CSTNode | None, limit: int = 400) -> Iterator[str]:
    """Dotted names read below `node` (`self._token`, `token`, `cache.expires`)."""
    if node is None:
        return
    stack: list[cst.CSTNode] = [node]
    seen = 0
    while stack and seen < limit:
        n = stack.pop()
        seen += 1
        if isinstance(n, (cst.Name, cst.Attribute)):
            d = dotted(n)
            if d:
                yield d
                if isinstance(n, cst.Attribute):
                    continue
        if isinstance(n, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        stack.extend(children(n))


def calls_in(node: cst.CSTNode | None, limit: int = 600) -> Iterator[cst.Call]:
    if node is None:
        return
    stack: list[cst.CSTNode] = [node]
    seen = 0
    while stack and seen < limit:
        n = stack.pop()
        seen += 1
        if isinstance(n, cst.Call):
            yield n
        if isinstance(n, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        stack.extend(children(n))
