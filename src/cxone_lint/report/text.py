"""Human formats: `concise` (one line a finding, the pre-commit default) and `full` (with the
source line, a caret under the column, the hint and the fix)."""

from __future__ import annotations

import re
from collections import Counter

from cxone_lint.api.redact import WITHHELD, may_show
from cxone_lint.report import ReportInput
from cxone_lint.report.escape import display_path, terminal
from cxone_lint.run.analyse import decode
from cxone_lint.run.workspace import file_kind


def _path(data: ReportInput, rel: str) -> str:
    return display_path(data.display_path(rel))


def render_concise(data: ReportInput) -> str:
    # Everything from the repository (paths, names in messages) is escaped: one finding is one
    # line, and no line can be read as a terminal or CI command (report/escape.py).
    lines = [
        f"{_path(data, d.path)}:{d.start.line}:{d.start.column}: {d.code} {terminal(d.message)}"
        for d in _shown(data)
    ]
    lines.extend(_summary(data))
    return "\n".join(lines) + ("\n" if lines else "")


def render_full(data: ReportInput) -> str:
    out: list[str] = []
    cache: dict[str, list[str]] = {}
    # Which lines may be echoed is decided by the redaction policy (api/redact.py): from the
    # file's secret facts and the text itself, never from which findings this run reports.
    sensitive: dict[str, set[int]] = {}
    for d in data.result.diagnostics:
        if d.sensitive:
            sensitive.setdefault(d.path, set()).add(d.start.line)
    for d in _shown(data):
        out.append(
            f"{_path(data, d.path)}:{d.start.line}:{d.start.column}: "
            f"{d.code} [{d.severity}] {terminal(d.message)}"
        )
        source = _line(data, d.path, d.start.line, cache)
        shown = source if source is None or len(source) <= 200 else source[:200] + "..."
        # Judged on a little more than is shown: a token cut at the edge is judged whole.
        judged = source[:1000] if source is not None else None
        if judged is not None and not _may_show(data, d.path, d.start.line, judged, sensitive):
            out.append(f"{d.start.line:>4} | {WITHHELD}")
        elif source is not None and shown is not None:
            gutter = f"{d.start.line:>4} | "
            out.append(gutter + terminal(shown))
            caret = len(terminal(source[: max(0, d.start.column - 1)]))
            out.append(" " * (len(gutter) + caret) + "^")
        for r in d.related:
            note = f": {terminal(r.message)}" if r.message else ""
            out.append(f"  also {_path(data, r.path)}:{r.start.line}:{r.start.column}{note}")
        if d.hint:
            out.append(f"  help: {terminal(d.hint)}")
        if d.fix is not None:
            out.append(f"  fix ({d.fix.applicability.value}): {terminal(d.fix.message)}")
        if d.suppressed:
            out.append(f"  suppressed: {terminal(d.suppressed)}")
        out.append("")
    out.extend(_summary(data))
    return "\n".join(out) + ("\n" if out else "")


def _may_show(
    data: ReportInput, rel: str, line: int, source: str, sensitive: dict[str, set[int]]
) -> bool:
    result = data.result.files.get(rel)
    withheld = set(result.secret_lines) if result is not None else set()
    withheld |= sensitive.get(rel, set())
    parsed = result is not None and result.status != "skipped"
    return may_show(source, line, withheld, parsed)


def _shown(data: ReportInput):  # type: ignore[no-untyped-def]
    return [d for d in data.result.diagnostics if data.show_suppressed or d.suppressed is None]


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line(data: ReportInput, rel: str, line: int, cache: dict[str, list[str]]) -> str | None:
    """Line `line` of the file, decoded and split as the analysis did (so the number always
    names the line the finding and the redaction policy mean)."""
    if rel not in cache:
        try:
            raw = (data.root / rel).read_bytes()
            try:
                text = decode(raw, file_kind(rel.rsplit("/", 1)[-1]) or "text")
            except (UnicodeDecodeError, SyntaxError, LookupError):
                text = raw.decode("utf-8", "replace")
            cache[rel] = _LINE_BREAK.split(text)
        except OSError:
            cache[rel] = []
    lines = cache[rel]
    if 1 <= line <= len(lines):
        return lines[line - 1]
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
