"""Human formats: `concise` (one line a finding, the pre-commit default) and `full` (with the
source line, a caret under the column, the hint and the fix)."""

from __future__ import annotations

from collections import Counter

from cxone_lint.report import ReportInput


def render_concise(data: ReportInput) -> str:
    lines = [
        f"{data.display_path(d.path)}:{d.start.line}:{d.start.column}: {d.code} {d.message}"
        for d in _shown(data)
    ]
    lines.extend(_summary(data))
    return "\n".join(lines) + ("\n" if lines else "")


def render_full(data: ReportInput) -> str:
    out: list[str] = []
    cache: dict[str, list[str]] = {}
    # Lines that hold a secret are never echoed, whichever finding points at them.
    withheld = {(d.path, d.start.line) for d in data.result.diagnostics if d.sensitive}
    for d in _shown(data):
        out.append(
            f"{data.display_path(d.path)}:{d.start.line}:{d.start.column}: "
            f"{d.code} [{d.severity}] {d.message}"
        )
        source = _line(data, d.path, d.start.line, cache)
        if (d.path, d.start.line) in withheld:
            out.append(f"{d.start.line:>4} | <line withheld: it holds a secret>")
        elif source is not None:
            gutter = f"{d.start.line:>4} | "
            out.append(gutter + source)
            out.append(" " * (len(gutter) + max(0, d.start.column - 1)) + "^")
        for r in d.related:
            note = f": {r.message}" if r.message else ""
            out.append(f"  also {data.display_path(r.path)}:{r.start.line}:{r.start.column}{note}")
        if d.hint:
            out.append(f"  help: {d.hint}")
        if d.fix is not None:
            out.append(f"  fix ({d.fix.applicability.value}): {d.fix.message}")
        if d.suppressed:
            out.append(f"  suppressed: {d.suppressed}")
        out.append("")
    out.extend(_summary(data))
    return "\n".join(out) + ("\n" if out else "")


def _shown(data: ReportInput):  # type: ignore[no-untyped-def]
    return [d for d in data.result.diagnostics if data.show_suppressed or d.suppressed is None]


def _line(data: ReportInput, rel: str, line: int, cache: dict[str, list[str]]) -> str | None:
    if rel not in cache:
        try:
            raw = (data.root / rel).read_bytes()
            cache[rel] = raw.decode("utf-8", "replace").splitlines()
        except OSError:
            cache[rel] = []
    lines = cache[rel]
    if 1 <= line <= len(lines):
        text = lines[line - 1]
        return text if len(text) <= 200 else text[:200] + "..."
    return None


def _summary(data: ReportInput) -> list[str]:
    result = data.result
    active = result.active
    out: list[str] = []
    if data.statistics and active:
        counts = Counter((d.code, d.rule_name) for d in active)
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"{n:>5}  {code}  {name}")
    suppressed = len(result.diagnostics) - len(active)
    from cxone_lint.api.diagnostics import Applicability

    fixable = sum(1 for d in active if d.fix and d.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for d in active if d.fix and d.fix.applicability is Applicability.UNSAFE)
    noun = "finding" if len(active) == 1 else "findings"
    tail = f"Found {len(active)} {noun}" if active else "All checks passed"
    extras = []
    if suppressed:
        extras.append(f"{suppressed} suppressed")
    if fixable:
        extras.append(f"{fixable} fixable with --fix")
    if unsafe:
        extras.append(f"{unsafe} more with --unsafe-fixes")
    out.append(tail + (f" ({', '.join(extras)})" if extras else "") + ".")
    return out
