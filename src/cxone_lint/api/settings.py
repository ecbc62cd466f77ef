"""The settings of a run as rules see them (`ctx.settings`).

Loading and validating them is cxone_lint.run.settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cxone_lint.api.diagnostics import Severity


@dataclass
class Settings:
    root: Path
    source: Path | None = None
    select: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    fail_on: Severity = Severity.WARNING
    output_format: str = "concise"
    cache_dir: str = ".cxone_lint_cache"
    baseline: str | None = None
    # Pack options (e.g. `manifest`), validated against the options the packs declare.
    options: dict[str, Any] = field(default_factory=dict)

    def fingerprint(self) -> str:
        """Stable text of everything that can change findings (part of the cache key)."""
        import json

        return json.dumps(
            {
                "select": self.select,
                "extend_select": self.extend_select,
                "ignore": self.ignore,
                "per_file_ignores": self.per_file_ignores,
                "options": self.options,
            },
            sort_keys=True,
            default=str,
        )
