"""`json`: every finding with code, name, severity, message, 1-based range, fix and fingerprint;
plus the checks that were skipped and the file accounting. Sorted, so output is deterministic."""

from __future__ import annotations

import json

from cxone_lint import __version__
from cxone_lint.report import ReportInput


def render(data: ReportInput) -> str:
    result = data.result
    payload = {
        "version": __version__,
        "findings": [
            {
                **d.to_json(),
                "path": data.display_path(d.path),
                "related": [{**r.to_json(), "path": data.display_path(r.path)} for r in d.related],
            }
            for d in result.diagnostics
        ],
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
