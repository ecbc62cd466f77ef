"""The base class of Python extractors (imports libcst: kept out of `cxone_lint.api`'s
package namespace so that packs and rules that need no Python tree start fast)."""

from __future__ import annotations

from typing import ClassVar

import libcst as cst

from cxone_lint.api.extractor import Extractor


class PythonExtractor(Extractor, cst.BatchableCSTVisitor):
    """Base class for Python extractors: a libcst batchable visitor that fills `self.facts`.

    Use `self.position(node)` (needs PositionProvider in METADATA_DEPENDENCIES) for locations.
    """

    kinds: ClassVar[frozenset[str]] = frozenset({"python"})

    def __init__(self, path: str, text: str) -> None:
        Extractor.__init__(self, path, text)
        cst.BatchableCSTVisitor.__init__(self)

    def finish(self, module: cst.Module) -> None:
        """Called after the visit; override to post-process collected facts."""
