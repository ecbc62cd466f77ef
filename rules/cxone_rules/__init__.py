"""cxone_rules: the built-in cxone-lint rule pack. It knows CXone; the engine does not.

Loaded through the `cxone_lint.rules` entry point like any third-party pack. Layout:

    checks/     rule modules, one per lifecycle family (cx1_registration.py, cx4_secrets.py, ...)
    analysis/   extractors that turn Python and config files into facts for the rules
    manifest/   the registration manifest: loading, positions, validation

Rule classes, extractors and pack options (`OPTIONS`) are collected from those modules, so
adding a rule is adding a class in the right module. The pack's subcommands (commands/) are
entry points of their own, loaded only when they run.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from cxone_lint.api.extractor import Extractor
from cxone_lint.api.pack import Option, RulePack
from cxone_lint.api.rule import Rule

__version__ = "0.1.0"

_SUBPACKAGES = ("manifest", "analysis", "checks")  # commands/ is loaded by the command line


def _modules() -> list[ModuleType]:
    mods: list[ModuleType] = []
    for sub in _SUBPACKAGES:
        package = importlib.import_module(f"{__name__}.{sub}")
        mods.append(package)
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            mods.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    return mods


def _build() -> RulePack:
    rules: list[type[Rule]] = []
    extractors: list[type[Extractor]] = []
    options: list[Option] = []
    for mod in _modules():
        for obj in vars(mod).values():
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
        # Read by `cxone-lint review` (commands/review), which any pack's review spec can join.
        extras={"review": "cxone_rules.commands.review.stages:review_spec"},
        # docs/rules.md of this repository, generated from the rules' docstrings.
        docs_url="{repository}/blob/main/docs/rules.md#{anchor}",
    )


PACK = _build()
