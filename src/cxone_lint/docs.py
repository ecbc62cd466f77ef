"""Rule documentation rendered from the rules themselves (README table, `rules --format
markdown`), so the docs cannot drift from the code."""

from __future__ import annotations

from collections.abc import Sequence

from cxone_lint.rule import Rule


def rules_table(rules: Sequence[type[Rule]]) -> str:
    lines = ["| Code | Name | Severity | Fix | Summary |", "|---|---|---|---|---|"]
    for r in sorted(rules, key=lambda r: r.code):
        off = " (off by default)" if not r.default_enabled else ""
        lines.append(f"| {r.code} | `{r.name}` | {r.severity} | {r.fixable} | {r.summary}{off} |")
    return "\n".join(lines) + "\n"
