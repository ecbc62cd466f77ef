"""The layering the design promises, read from the code's own imports (never run):

- `cxone_lint.api` is a leaf: packs import it, and it imports nothing else of the engine;
- the engine (`cxone_lint`) imports nothing of the built-in pack (`cxone_rules`);
- no two modules import each other, directly or through others (lazy imports included).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = {
    "cxone_lint": REPO / "src" / "cxone_lint",
    "cxone_rules": REPO / "rules" / "cxone_rules",
}


def _module_name(package: str, root: Path, path: Path) -> str:
    parts = [package, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    out = {}
    for package, root in PACKAGES.items():
        for path in root.rglob("*.py"):
            if "cases" not in path.relative_to(root).parts:
                out[_module_name(package, root, path)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Modules of ours that `name` imports anywhere in its body (resolved to a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        for target in targets:
            # The longest prefix that is one of our modules is what is imported.
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _strip_packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """`from pkg import mod` also names `pkg` (its __init__): an edge to a package whose
    __init__ only re-exports is not a dependency on the modules that import it back."""
    return {
        name: {t for t in targets if not (MODULES[t].name == "__init__.py" and name.startswith(t))}
        for name, targets in graph.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_graph_is_read() -> None:
    # The reader must see the edges it is meant to judge (or every test below passes vacuously).
    assert "cxone_lint.api.rule" in GRAPH["cxone_lint.run.registry"]
    assert "cxone_lint.run.registry" in GRAPH["cxone_lint.cli.pack_flags"]
    assert (
        "cxone_rules.facts.profile"
        in GRAPH["cxone_rules.checks.cx3_auth.cx301_auth_method_mismatch"]
    )
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_api_is_a_leaf() -> None:
    leaks = {
        name: sorted(t for t in targets if not t.startswith("cxone_lint.api") and t != "cxone_lint")
        for name, targets in GRAPH.items()
        if name.startswith("cxone_lint.api")
    }
    assert {name: t for name, t in leaks.items() if t} == {}


def test_the_engine_imports_nothing_of_the_pack() -> None:
    leaks = {
        name: sorted(t for t in targets if t.startswith("cxone_rules"))
        for name, targets in GRAPH.items()
        if name.startswith("cxone_lint")
    }
    assert {name: t for name, t in leaks.items() if t} == {}


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_no_import_cycle(package: str) -> None:
    graph = _strip_packages(GRAPH)
    cycles = [c for c in _cycles(graph) if c[0].startswith(package)]
    assert cycles == []
