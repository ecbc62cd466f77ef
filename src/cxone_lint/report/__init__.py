"""Output formats. Each module renders a finished run to text; none knows any rule.

Formats are looked up by name and imported only when used, so a run that prints `concise`
never imports the SARIF or JUnit writers.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from cxone_lint.api.diagnostics import Applicability, Diagnostic

if TYPE_CHECKING:
    from cxone_lint.api.results import RunResult
    from cxone_lint.run.registry import Registry

# name -> "module:function"
FORMATS: dict[str, str] = {
    "concise": "cxone_lint.report.text:render_concise",
    "full": "cxone_lint.report.text:render_full",
    "json": "cxone_lint.report.json_report:render",
    "sarif": "cxone_lint.report.sarif:render",
    "github": "cxone_lint.report.github:render",
    "gitlab": "cxone_lint.report.gitlab:render",
    "junit": "cxone_lint.report.junit:render",
}


@dataclass
class ReportInput:
    result: RunResult
    registry: Registry
    root: Path
    show_suppressed: bool = False
    statistics: bool = False

    def display_path(self, rel: str) -> str:
        """Paths are shown relative to the working directory (clickable where the user is);
        findings keep project-relative paths internally (baselines, fingerprints)."""
        import os

        full = self.root / rel
        try:
            shown = os.path.relpath(full, Path.cwd())
        except ValueError:  # another drive on Windows
            return full.as_posix()
        return Path(shown).as_posix()

    # Set when a baseline was applied: {"file", "matched", "stale": [entries]}.
    baseline: dict[str, Any] | None = None
    # Findings `--fix` fixed in this run (the rest is in `result`).
    fixed: int = 0
    # "hint" (fixes are offered: fixable findings are marked `[*]`) or "apply" (`--fix` ran).
    fix_mode: str = "hint"
    # `--unsafe-fixes`: unsafe fixes count as applicable.
    unsafe_fixes: bool = False

    def fixable(self, d: Diagnostic) -> bool:
        """Whether `--fix` (with this run's `--unsafe-fixes`) would apply the finding's fix."""
        if d.fix is None or d.suppressed is not None:
            return False
        if d.fix.applicability is Applicability.SAFE:
            return True
        return self.unsafe_fixes and d.fix.applicability is Applicability.UNSAFE


class Renderer(Protocol):
    def __call__(self, data: ReportInput) -> str: ...


def renderer(name: str) -> Renderer:
    module_name, func = FORMATS[name].split(":")
    return getattr(importlib.import_module(module_name), func)  # type: ignore[no-any-return]
