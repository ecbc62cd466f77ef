"""`gitlab`: GitLab Code Quality, the JSON array a CI job publishes as
`artifacts: reports: codequality:` so findings show in the merge request widget and diff.

Each unsuppressed finding is one object with the fields GitLab documents: `description`,
`check_name` (the rule code), `fingerprint` (unique per finding: GitLab shows only the first of
several with one fingerprint), `severity` (`info`, `minor`, `major`, `critical` or `blocker`)
and `location` (`path` relative to the working directory, which in a GitLab job is the
repository root, never with a `./` prefix; `positions.begin` and `positions.end`, 1-based).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.report import ReportInput

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _issue(data: ReportInput, d: Diagnostic, occurrence: int) -> dict[str, Any]:
    end = d.end if d.end is not None and d.end >= d.start else d.start
    # The finding's own fingerprint survives lines moving; the occurrence tells identical
    # findings in one file apart.
    basis = f"{d.fingerprint()}\0{occurrence}"
    return {
        "description": d.message if not d.hint else f"{d.message} (help: {d.hint})",
        "check_name": d.code,
        "fingerprint": hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32],
        "severity": SEVERITIES[d.severity],
        "location": {
            "path": data.display_path(d.path).removeprefix("./"),
            "positions": {
                "begin": {"line": d.start.line, "column": d.start.column},
                "end": {"line": end.line, "column": end.column},
            },
        },
    }


def render(data: ReportInput) -> str:
    seen: Counter[str] = Counter()
    issues = []
    for d in data.result.active:
        seen[d.fingerprint()] += 1
        issues.append(_issue(data, d, seen[d.fingerprint()]))
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
