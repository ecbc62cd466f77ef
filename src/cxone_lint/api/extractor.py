"""The base of every extractor: one file in, JSON-able facts out (phase one of a run)."""

from __future__ import annotations

from typing import Any, ClassVar


class Extractor:
    """Turns one file into facts. Subclasses choose the file kinds they read.

    Python extractors are libcst batchable visitors: the engine parses each file once and runs
    every active extractor in one `visit_batched` pass. They declare `METADATA_DEPENDENCIES`
    like any libcst visitor; the engine computes only the providers some active extractor needs.

    `prefilter` lists literal strings; a file containing none of them cannot produce facts for
    this extractor, so it is not visited (and, if no extractor needs it, not parsed at all).
    An empty prefilter means "always run".

    Config extractors implement `extract_document(doc)` over a position-aware Document.
    Whatever an extractor stores in `self.facts` must be JSON-serialisable and free of secrets;
    the lines where it saw a secret go in `self.secret_lines`.
    """

    name: ClassVar[str]
    kinds: ClassVar[frozenset[str]] = frozenset()
    prefilter: ClassVar[tuple[str, ...]] = ()

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.facts: dict[str, Any] = {}
        # Lines that hold a secret value, whether or not any rule will report it: no output
        # ever echoes them (api/redact.py). Recorded with the file's result and cached.
        self.secret_lines: set[int] = set()

    def wants(self) -> bool:
        return not self.prefilter or any(s in self.text for s in self.prefilter)

    # For config kinds.
    def extract_document(self, doc: Any) -> None:  # pragma: no cover - default does nothing
        return None
