"""Human formats: `concise` (one line a finding, the pre-commit default) and `full` (with the
source line, carets under the span, the hint and the fix).

ruff's conventions: a finding `--fix` would fix is marked `[*]` after its code, and the summary
says how many are fixable (and how many more `--unsafe-fixes` would add) in ruff's words;
`--statistics` prints the table of counts and the summary instead of the findings (wording as
ruff 0.17 prints it); findings
shown with `--show-suppressed` are marked as suppressed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cxone_lint.api.diagnostics import Applicability, Diagnostic
from cxone_lint.api.redact import WITHHELD, may_show
from cxone_lint.report import ReportInput
from cxone_lint.report.escape import display_path, terminal
from cxone_lint.run.analyse import decode
from cxone_lint.run.workspace import file_kind

if TYPE_CHECKING:
    from cxone_lint.run.engine import RunResult


def _path(data: ReportInput, rel: str) -> str:
    return display_path(data.display_path(rel))


def _head(data: ReportInput, d: Diagnostic, severity: bool = False) -> str:
    # Everything from the repository (paths, names in messages) is escaped: one finding is one
    # line, and no line can be read as a terminal or CI command (report/escape.py).
    mark = " [*]" if _show_fix_status(data) and data.fixable(d) else ""
    level = f" [{d.severity}]" if severity else ""
    tail = f" (suppressed: {terminal(d.suppressed)})" if d.suppressed is not None else ""
    return (
        f"{_path(data, d.path)}:{d.start.line}:{d.start.column}: "
        f"{d.code}{mark}{level} {terminal(d.message)}{tail}"
    )


def render_concise(data: ReportInput) -> str:
    if data.statistics:
        return _lines(statistics(data))
    lines = [_head(data, d) for d in _shown(data)]
    lines.extend(summary(data))
    return _lines(lines)


def render_full(data: ReportInput) -> str:
    if data.statistics:
        return _lines(statistics(data))
    out: list[str] = []
    cache: dict[str, list[str]] = {}
    # Which lines may be echoed is decided by the redaction policy (api/redact.py): from the
    # file's secret facts and the text itself, never from which findings this run reports.
    sensitive: dict[str, set[int]] = {}
    for d in data.result.diagnostics:
        if d.sensitive:
            sensitive.setdefault(d.path, set()).add(d.start.line)
    for d in _shown(data):
        out.append(_head(data, d, severity=True))
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
            out.append(" " * (len(gutter) + caret) + _carets(d, source))
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
    out.extend(summary(data))
    return _lines(out)


def _may_show(
    data: ReportInput, rel: str, line: int, source: str, sensitive: dict[str, set[int]]
) -> bool:
    result = data.result.files.get(rel)
    withheld = set(result.secret_lines) if result is not None else set()
    withheld |= sensitive.get(rel, set())
    parsed = result is not None and result.status != "skipped"
    return may_show(source, line, withheld, parsed)


def _lines(lines: list[str]) -> str:
    return "\n".join(lines) + ("\n" if lines else "")


def _carets(d: Diagnostic, source: str) -> str:
    """One caret per character of the span on its first line (to the line's end when the
    span goes on; counted as shown, escapes included), at least one."""
    start = d.start.column
    if d.end is None or d.end <= d.start:
        return "^"
    stop = d.end.column if d.end.line == d.start.line else len(source) + 1
    return "^" * max(1, len(terminal(source[start - 1 : max(start, stop) - 1])))


def _shown(data: ReportInput) -> list[Diagnostic]:
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


def _plural(n: int, word: str, suffix: str = "s") -> str:
    return f"{n} {word}{'' if n == 1 else suffix}"


def _counts(active: Iterable[Diagnostic]) -> tuple[int, int]:
    """(safe, unsafe) fixes among the findings."""
    safe = unsafe = 0
    for d in active:
        if d.fix is None:
            continue
        if d.fix.applicability is Applicability.SAFE:
            safe += 1
        elif d.fix.applicability is Applicability.UNSAFE:
            unsafe += 1
    return safe, unsafe


def _show_fix_status(data: ReportInput) -> bool:
    """ruff marks fixable findings only when it did not just apply the fixes, and only when
    some finding is fixable."""
    return data.fix_mode != "apply" and any(data.fixable(d) for d in data.result.active)


def summary(data: ReportInput) -> list[str]:
    """The closing lines, worded as ruff's: the count, then what `--fix` can do."""
    result = data.result
    active = result.active
    suppressed = len(result.diagnostics) - len(active)
    noun = "finding"
    remaining = len(active)
    total = data.fixed + remaining
    notes = [f"{suppressed} suppressed"] if suppressed else []
    if data.fixed:
        notes = [f"{data.fixed} fixed", f"{remaining} remaining", *notes]
        first = f"Found {_plural(total, noun)}"
    elif remaining:
        first = f"Found {_plural(remaining, noun)}"
    elif result.stats.unmatched:
        # Something named was never analysed (said on stderr, exit 2): nothing "passed".
        first = "No findings in the files analysed"
    else:
        # A pass says what it covered: "passed" over no file at all would be no pass.
        first = "All checks passed"
        notes.insert(0, f"{_plural(result.stats.files_checked, 'file')} checked")
    out = [first + (f" ({', '.join(notes)})" if notes else "") + "."]
    safe, unsafe = _counts(active)
    applicable, hidden = (safe + unsafe, 0) if data.unsafe_fixes else (safe, unsafe)
    hidden_text = f"{_plural(hidden, 'unsafe fix', 'es')} available with `--fix --unsafe-fixes`"
    if applicable and hidden:
        out.append(f"[*] {applicable} fixable with `--fix` ({hidden_text}).")
    elif applicable:
        out.append(f"[*] {applicable} fixable with `--fix`.")
    elif hidden:
        out.append(hidden_text + ".")
    return out


def diff_summary(fixed: int, remaining: RunResult, unsafe_fixes: bool) -> str:
    """`--diff`'s closing line, worded as ruff's (`Would fix 2 findings.`); empty when there
    is nothing to say. `remaining` is the run as it would be after the fixes."""
    _, unsafe = _counts(remaining.active)
    hidden = 0 if unsafe_fixes else unsafe
    es = "" if hidden == 1 else "es"
    if hidden and fixed:
        return (
            f"Would fix {_plural(fixed, 'finding')} ({hidden} additional fix{es} available "
            "with `--unsafe-fixes`)."
        )
    if hidden:
        return f"No findings would be fixed ({hidden} fix{es} available with `--unsafe-fixes`)."
    return f"Would fix {_plural(fixed, 'finding')}." if fixed else ""


def statistics(data: ReportInput) -> list[str]:
    """ruff's `--statistics` table (count, code, `[*]` when fixable, name; tab-separated, as
    flake8's), then the summary."""
    active = data.result.active
    if not active:
        return summary(data)
    counts = Counter(d.code for d in active)
    names = {d.code: d.rule_name for d in active}
    fixable = {code for code in counts if any(data.fixable(d) for d in active if d.code == code)}
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    count_width = max(len(str(n)) for _, n in rows)
    code_width = max(len(code) for code, _ in rows)
    out = []
    for code, n in rows:
        mark = ("[*] " if code in fixable else "[ ] ") if fixable else ""
        out.append(f"{n:>{count_width}}\t{code:<{code_width}}\t{mark}{names[code]}")
    return [*out, *summary(data)]
