"""A module imported on first use, for packs whose extractors need a heavy parser (libcst) only
when a file is parsed: a warm run, or a run whose files all fail the pre-filter or triage, never
pays for the import.

    if TYPE_CHECKING:
        import libcst as cst
    else:
        cst = lazy_module("libcst")

The standard library's `importlib.util.LazyLoader` does the work: the module object is put in
`sys.modules` at once and executed on the first attribute read, after which it is the ordinary
module (attribute reads cost what they always do).
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """`name` as a module that is imported on first use (at once if it already is)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
