"""The base class of Python extractors, and what the engine tells them about a file before any
libcst tree exists (`PythonSource`, for `evidence`).

Nothing here imports libcst: a pack whose extractors subclass `PythonExtractor` loads without it,
and the engine imports libcst for the first file that needs a tree (a warm run, or a run over
files that need no parsing, never does).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from cxone_lint.api.extractor import Extractor

if TYPE_CHECKING:
    import libcst as cst
    from libcst.metadata import CodeRange

_MISSING: Any = object()


@dataclass
class PythonSource:
    """A Python file as CPython's parser (`ast`) sees it: what `evidence` decides on.

    `shared` is one dict per file for every extractor's `evidence`, so extractors of one pack
    can compute what they look for in one pass over the tree and share it."""

    path: str
    text: str
    tree: ast.Module
    shared: dict[str, Any] = field(default_factory=dict)


class PythonExtractor(Extractor):
    """Base class for Python extractors: `visit_<Node>` / `leave_<Node>` methods over one libcst
    tree (the engine walks it once for every extractor of a file), filling `self.facts`.

    Locations: `self.position(node)`, libcst's `CodeRange` of a node (1-based lines, 0-based
    character columns), computed for the whole tree on the first call, so a file that yields
    nothing never pays for it. Extractors that declare libcst providers in
    `METADATA_DEPENDENCIES` read them with `self.get_metadata(Provider, node)` as with any
    libcst visitor (`PositionProvider` is served by the same positions).

    Triage: before any libcst parse, the engine parses the file with CPython's `ast` and asks
    each extractor whose pre-filter matched whether the file holds `evidence` of anything it
    extracts. Extractors that say no are not run on it and `skip()` instead, and are recorded
    as deferred in the file's result; a file no extractor wants is never parsed by libcst.
    `evidence` must over-approximate: a file it rejects must yield nothing a rule reads beyond
    what `skip()` records, unless the pack's `demand` (api/pack.py) asks for the file, which
    the engine then analyses in full. `--no-triage` runs every extractor on every file, and
    the tests compare the findings.
    """

    kinds: ClassVar[frozenset[str]] = frozenset({"python"})
    METADATA_DEPENDENCIES: ClassVar[tuple[Any, ...]] = ()
    _VISITOR_NAMES: ClassVar[dict[type, tuple[str, ...]]] = {}

    def __init__(self, path: str, text: str) -> None:
        super().__init__(path, text)
        # Set by the engine before the walk: provider -> {node: value}.
        self.metadata: Mapping[Any, Mapping[Any, Any]] = {}
        self.positions: Any = None

    # -- what the engine calls -----------------------------------------------------------------

    @classmethod
    def evidence(cls, source: PythonSource) -> bool:
        """Whether the file can hold anything this extractor extracts (default: yes)."""
        return True

    def skip(self, source: PythonSource) -> None:
        """Called instead of the visit when `evidence` said no: record what the extractor says
        about a file that holds nothing for it (by default nothing)."""

    def finish(self, module: cst.Module) -> None:
        """Called after the visit; override to post-process collected facts."""

    def get_visitors(self) -> dict[str, Callable[[Any], Any]]:
        """`visit_*` / `leave_*` methods by name (what libcst's batched visit calls)."""
        cls = type(self)
        names = PythonExtractor._VISITOR_NAMES.get(cls)
        if names is None:
            names = tuple(
                sorted(
                    name
                    for name in dir(cls)
                    if name.startswith(("visit_", "leave_")) and callable(getattr(cls, name))
                )
            )
            PythonExtractor._VISITOR_NAMES[cls] = names
        return {name: getattr(self, name) for name in names}

    @classmethod
    def get_inherited_dependencies(cls) -> frozenset[Any]:
        found: set[Any] = set()
        for klass in cls.__mro__:
            found.update(getattr(klass, "METADATA_DEPENDENCIES", ()))
        return frozenset(found)

    # -- what extractors call ------------------------------------------------------------------

    def position(self, node: cst.CSTNode) -> CodeRange:
        """The node's range: start and exclusive end, 1-based lines, 0-based columns."""
        return self.positions[node]  # type: ignore[no-any-return]

    def get_metadata(self, key: Any, node: cst.CSTNode, default: Any = _MISSING) -> Any:
        """libcst's `MetadataDependent.get_metadata`: the value a declared provider gives."""
        if key not in self.get_inherited_dependencies():
            raise KeyError(f"{key!r} is not declared in METADATA_DEPENDENCIES of {self.name}")
        if default is not _MISSING:
            return self.metadata[key].get(node, default)
        return self.metadata[key][node]
