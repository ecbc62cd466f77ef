"""cxone_rules: the built-in cxone-lint rule pack. It knows CXone; the engine does not.

Loaded through the `cxone_lint.rules` entry point like any third-party pack. Layout:

    checks/     one folder per lifecycle family, one rule per file
                (checks/cx3_auth/cx301_auth_method_mismatch.py); a family's shared helpers are
                in its _common.py
    extract/    extractors, one folder per language, that turn files into typed facts
    facts/      fact kinds, symbolic strings, the linker and the project profile
    manifest/   the registration manifest: loading, positions, validation
    domain/     CXone knowledge with no syntax: hosts and areas, secret shapes, OAuth vocabulary
    cases/      each rule's cases as small projects of real files, cases/<CODE>/<case>/, with
                the expected findings marked in the files (see cxone_lint.testing)

Rule classes, extractors and pack options (`OPTIONS`) are collected from those modules (walked
recursively), so adding a rule is adding a file in its family's folder. The pack's subcommands
(commands/) are entry points of their own, loaded only when they run.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

from cxone_lint.api.extractor import Extractor
from cxone_lint.api.pack import Option, RulePack
from cxone_lint.api.rule import Rule
from cxone_rules.facts.demand import demand

__version__ = "0.1.0"

_SUBPACKAGES = ("manifest", "extract", "facts", "checks")  # commands/: by the command line


def _modules() -> list[ModuleType]:
    """Every module of the subpackages, walked recursively (checks/<family>/<rule>.py)."""
    mods: list[ModuleType] = []
    for sub in _SUBPACKAGES:
        package = importlib.import_module(f"{__name__}.{sub}")
        mods.append(package)
        prefix = f"{package.__name__}."
        infos = pkgutil.walk_packages(package.__path__, prefix)
        for info in sorted(infos, key=lambda i: i.name):
            mods.append(importlib.import_module(info.name))
    return mods


def _build() -> RulePack:
    rules: list[type[Rule]] = []
    extractors: list[type[Extractor]] = []
    options: list[Option] = []
    for mod in _modules():
        for obj in vars(mod).values():
            if isinstance(obj, ModuleType):
                continue  # first: reading a lazily imported module's class would import it
            if not isinstance(obj, type) or obj.__module__ != mod.__name__:
                continue
            if issubclass(obj, Rule) and getattr(obj, "code", None):
                rules.append(obj)
            elif issubclass(obj, Extractor) and getattr(obj, "name", None):
                extractors.append(obj)
        options.extend(getattr(mod, "OPTIONS", ()))

    return RulePack(
        name="cxone",
        version=__version__,
        rules=sorted(rules, key=lambda r: r.code),
        extractors=extractors,
        options=options,
        root_markers=("cxone-app.toml", "cxone-app.json"),
        # Every rule's cases as real files, run by tests/test_rule_cases.py.
        cases=str(Path(__file__).parent / "cases"),
        # Read by `cxone-lint review` (commands/review), which any pack's review spec can join.
        extras={"review": "cxone_rules.commands.review.stages:review_spec"},
        # docs/rules.md of this repository, generated from the rules' docstrings.
        docs_url="{repository}/blob/main/docs/rules.md#{anchor}",
        # Files triage deferred that the linker needs after all (facts/demand.py).
        demand=demand,
    )


PACK = _build()
