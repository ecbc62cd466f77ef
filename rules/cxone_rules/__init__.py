"""cxone_rules: the built-in cxone-lint rule pack. It knows CXone; the engine does not.

Loaded through the `cxone_lint.rules` entry point like any third-party pack. Layout:

    checks/     rule modules, one per lifecycle family (cx1_registration.py, cx4_secrets.py, ...)
    analysis/   extractors that turn Python and config files into facts for the rules
    manifest/   the registration manifest: loading, positions, validation

Rule classes, extractors, pack options (`OPTIONS`) and setup hooks (`prepare(ctx)`) are
collected from those modules, so adding a rule is adding a class in the right module.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any

from cxone_lint.api.rule import Extractor, Option, Rule, RulePack

__version__ = "0.1.0"

_SUBPACKAGES = ("manifest", "analysis", "checks")


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
    hooks: list[Any] = []
    for mod in _modules():
        for obj in vars(mod).values():
            if not isinstance(obj, type) or obj.__module__ != mod.__name__:
                continue
            if issubclass(obj, Rule) and getattr(obj, "code", None):
                rules.append(obj)
            elif issubclass(obj, Extractor) and getattr(obj, "name", None):
                extractors.append(obj)
        options.extend(getattr(mod, "OPTIONS", ()))
        if callable(getattr(mod, "prepare", None)):
            hooks.append(mod.prepare)

    def prepare(ctx: Any) -> None:
        for hook in hooks:
            hook(ctx)

    return RulePack(
        name="cxone",
        version=__version__,
        rules=sorted(rules, key=lambda r: r.code),
        extractors=extractors,
        options=options,
        prepare=prepare,
        root_markers=("cxone-app.toml", "cxone-app.json"),
        # Imported only by `cxone-lint review` and `cxone-lint init`.
        extras={
            "review": "cxone_rules.review:review_spec",
            "init": "cxone_rules.init_manifest:init_manifest",
        },
    )


PACK = _build()
