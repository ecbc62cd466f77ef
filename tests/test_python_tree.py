"""The fast walk and positions of languages/python_tree.py give exactly what libcst's own
`visit_batched` and `PositionProvider` give: the same nodes in the same order, the same range
for every node, and so the same facts, on every Python file of the fixtures and rule cases and
on code written to hit the corners (CRLF, tabs, no final newline, continuation lines, nested
f-strings, decorators, match, unicode)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from cxone_lint.languages.python import run_python_extractors
from cxone_lint.languages.python_tree import Positions, PositionsUnavailable, walk
from cxone_lint.run.registry import load_registry

REPO = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    p
    for folder in ("fixtures", "rules/cxone_rules/cases", "tests/packs")
    for p in (REPO / folder).rglob("*.py")
    if "__pycache__" not in p.parts
)
CORNERS = {
    "empty": "",
    "only-comment": "# nothing here",
    "newline-only": "\n",
    "crlf": 'import requests\r\nURL = "https://x/auth/token"\r\nr = requests.post(\r\n  URL)\r\n',
    "cr-only": "a = 1\rb = 'x'\r",
    "tabs-and-form-feed": "if True:\n\tx = {'a':\n\t\t1}\n\x0c\ndef f():\n\treturn x\n",
    "no-final-newline": "def f(a, *, b=2):\n    return a  # done",
    "continuation": "x = 1 + \\\n    2\ny = (3,\n     4)\n",
    "fstrings": "n = 3\ns = f\"{n!r:>{n}} {f'{n}'} {{}} {n=}\"\n",
    "concatenations": 't = rb"\\x00" b"a"\nu = "b" "c" f"d{n}"\n',
    "decorators-classes": (
        "@a.b(c=1)\n@d\nclass K(B, metaclass=M):\n    x: int = 1\n\n"
        "    @property\n    def y(self) -> int:\n        return self.x\n"
    ),
    "match": "match p:\n case [1, *rest] if rest:\n  pass\n case {'k': v}:\n  x\n",
    "unicode": 'café = "naïve ☕"\nπ = 3.14  # ünïcödé\n',
    "semicolons-lambda": "a = 1; b = lambda x, /, y=2: x if y else -x; del a\n",
    "async-comprehensions": (
        "async def f():\n    return [x async for x in g() if await x]\n"
        "with (open('a') as f, open('b') as g):\n    pass\n"
    ),
    "global-star-import": "from os import *\nglobal q\nraise E from None\n",
}
CASES = {str(p.relative_to(REPO)): p.read_text(encoding="utf-8") for p in SOURCES} | {
    f"corner:{k}": v for k, v in CORNERS.items()
}
ALL_TYPES = [
    t
    for t in vars(cst).values()
    if isinstance(t, type) and issubclass(t, cst.CSTNode) and not t.__name__.startswith("Base")
]


class Recorder:
    """A visitor with visit_/leave_ methods for `types`, recording every call in order."""

    def __init__(self, types: list[type]) -> None:
        self.calls: list[tuple[str, int]] = []
        self.methods: dict[str, Any] = {}
        for t in types:
            self.methods[f"visit_{t.__name__}"] = self._make("visit")
            self.methods[f"leave_{t.__name__}"] = self._make("leave")

    def _make(self, what: str) -> Any:
        def record(node: cst.CSTNode) -> None:
            self.calls.append((what, id(node)))

        return record

    def get_visitors(self) -> dict[str, Any]:
        return dict(self.methods)


class LibcstRecorder(Recorder, cst.BatchableCSTVisitor):
    def __init__(self, types: list[type]) -> None:
        Recorder.__init__(self, types)
        cst.BatchableCSTVisitor.__init__(self)


def test_the_sources_are_found() -> None:
    assert len(SOURCES) > 50


@pytest.mark.parametrize("name", sorted(CASES))
def test_walk_visits_what_libcst_visits_in_the_same_order(name: str) -> None:
    module = cst.parse_module(CASES[name])
    ours, theirs = Recorder(ALL_TYPES), LibcstRecorder(ALL_TYPES)
    walk(module, [ours])
    cst.visit_batched(module, [theirs])
    assert ours.calls == theirs.calls
    # Without visitors for them, whitespace and punctuation are not descended into; every
    # other node is still visited, in the same order.
    kept = [t for t in ALL_TYPES if t.__name__ in ("Module", "Name", "SimpleString", "Call")]
    ours, theirs = Recorder(kept), LibcstRecorder(kept)
    walk(module, [ours])
    cst.visit_batched(module, [theirs])
    assert ours.calls == theirs.calls


@pytest.mark.parametrize("name", sorted(CASES))
def test_children_are_libcst_children(name: str) -> None:
    from cxone_lint.api.cst_children import children

    stack: list[cst.CSTNode] = [cst.parse_module(CASES[name])]
    while stack:
        node = stack.pop()
        expected = list(node.children)
        assert [id(c) for c in children(node)] == [id(c) for c in expected], type(node)
        stack.extend(expected)


def test_attributes_libcst_visits_only_when_set_are_learned_from_any_node() -> None:
    # The first f-string field has no format spec: its children order is read from a node
    # that lacks one; the next one has a spec with a field of its own, visited all the same.
    from cxone_lint.api import cst_children

    cst_children.ORDER.clear()
    module = cst.parse_module('a = f"{x}"\nb = f"{y:>{width}}"\nc = f"{z!r}"\n')
    ours, theirs = Recorder(ALL_TYPES), LibcstRecorder(ALL_TYPES)
    walk(module, [ours])
    cst.visit_batched(module, [theirs])
    assert ours.calls == theirs.calls


@pytest.mark.parametrize("name", sorted(CASES))
def test_positions_are_libcst_positions(name: str) -> None:
    module = cst.parse_module(CASES[name])
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    positions = Positions(module)
    assert not positions.computed
    assert len(expected) > 0
    for node, where in expected.items():
        assert positions[node] == where, (type(node).__name__, where)
    assert positions.computed


def test_positions_of_code_nested_too_deeply_are_a_signal_no_except_exception_hides() -> None:
    # 400 nested lists: libcst parses them, its code generation recurses past the limit.
    module = cst.parse_module("x = " + "[" * 400 + "1" + "]" * 400 + "\n")
    positions = Positions(module)
    with pytest.raises(PositionsUnavailable):
        try:
            positions[module]
        except Exception:  # what an extractor might write around its own code
            pytest.fail("swallowed")
    assert not issubclass(PositionsUnavailable, Exception)


EXTRACTORS = [e for pack in load_registry().packs for e in pack.extractors if "python" in e.kinds]


def _libcst_facts(module: cst.Module, rel: str, text: str) -> tuple[str, list[list[int]]]:
    """The extractors run the way libcst runs visitors: MetadataWrapper + visit_batched."""
    from libcst.metadata import MetadataWrapper

    class Adapter(cst.BatchableCSTVisitor):
        METADATA_DEPENDENCIES = (PositionProvider,)

        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def get_visitors(self) -> dict[str, Any]:
            return self.inner.get_visitors()  # type: ignore[no-any-return]

    instances = [e(rel, text) for e in EXTRACTORS]
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    table = wrapper.resolve(PositionProvider)
    for e in instances:
        e.positions = table
        e.metadata = {PositionProvider: table}
    wrapper.visit_batched([Adapter(e) for e in instances])
    for e in instances:
        e.finish(module)
    facts = json.dumps({e.name: e.facts for e in instances}, sort_keys=True)
    return facts, [sorted(e.secret_lines) for e in instances]


@pytest.mark.parametrize("name", sorted(n for n in CASES if not n.startswith("corner:")))
def test_extractors_find_the_same_facts_as_through_libcst(name: str) -> None:
    text = CASES[name]
    facts, secrets = _libcst_facts(cst.parse_module(text), name, text)
    instances = [e(name, text) for e in EXTRACTORS]
    ours = run_python_extractors(cst.parse_module(text), instances)  # type: ignore[arg-type]
    assert json.dumps(ours, sort_keys=True) == facts
    assert [sorted(e.secret_lines) for e in instances] == secrets
