"""`json`: every finding with code, name, severity, message, 1-based range, fix and fingerprint;
plus the checks that were skipped and the file accounting. Sorted, so output is deterministic."""

from __future__ import annotations

import json
from typing import Any

from cxone_lint import __version__
from cxone_lint.api.diagnostics import Diagnostic
from cxone_lint.report import ReportInput


def _finding(data: ReportInput, d: Diagnostic) -> dict[str, Any]:
    """A finding with every path as the other formats show it (relative to the working
    directory), its fix's edits included."""
    out = {**d.to_json(), "path": data.display_path(d.path)}
    if out["fix"] is not None:
        for edit in out["fix"]["edits"]:
            edit["path"] = data.display_path(edit["path"])
    for related in out["related"]:
        related["path"] = data.display_path(related["path"])
    return out


def render(data: ReportInput) -> str:
    result = data.result
    payload = {
        "version": __version__,
        "findings": [_finding(data, d) for d in result.diagnostics],
        "skipped_checks": [{"code": s.code, "reason": s.reason} for s in result.skipped],
        "files": {
            "seen": result.stats.files_seen,
            "analysed": result.stats.files_analysed,
            "skipped": dict(sorted(result.stats.files_skipped.items())),
        },
    }
    if data.baseline is not None:
        payload["baseline"] = data.baseline
    return json.dumps(payload, indent=2, sort_keys=False) + "\n"
