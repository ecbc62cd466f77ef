"""What a run produced: every finding (suppressed ones marked), skipped checks, file outcomes.

Reports and subcommands (the engine's and the packs') read this.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxone_lint.api.context import FileResult, ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, RunStats, SkippedCheck

# The engine's own code for a rule or extractor that crashed (see cxone_lint.run.core_rules).
INTERNAL_ERROR = "LINT003"


@dataclass
class RunResult:
    diagnostics: list[Diagnostic]  # every finding, suppressed ones marked
    skipped: list[SkippedCheck]
    stats: RunStats
    files: dict[str, FileResult]
    context: ProjectContext | None = None

    @property
    def active(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.suppressed is None]

    @property
    def had_internal_error(self) -> bool:
        return any(d.code == INTERNAL_ERROR for d in self.active)
