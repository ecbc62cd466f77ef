"""`github`: GitHub Actions workflow commands, one annotation per finding.

    ::error file=app.py,line=3,col=5,endLine=3,endColumn=9,title=CX401 hard-coded-secret::msg

GitHub parses these from the job log and shows them on the pull request's diff. Values are
escaped as the runner expects (`%`, CR and LF everywhere; `:` and `,` too inside properties),
so a message can never end an annotation early or inject another workflow command; every other
control character (ESC ...) is written as a visible escape first (report/escape.py).
"""

from __future__ import annotations

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.report import ReportInput
from cxone_lint.report.escape import terminal

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    props = [
        ("file", d.path),
        ("line", str(d.start.line)),
        ("col", str(d.start.column)),
    ]
    if d.end is not None and d.end > d.start:
        props += [("endLine", str(d.end.line)), ("endColumn", str(d.end.column))]
    title = f"{d.code} {d.rule_name}" if d.rule_name else d.code
    props.append(("title", title))
    # Control characters (ESC, ...) are shown as escapes before the runner's own escaping:
    # GitHub decodes only %25, %0D and %0A, the rest would reach the log raw.
    message = d.message if not d.hint else f"{d.message}\nhelp: {d.hint}"
    message = terminal(message, keep_breaks=True)
    joined = ",".join(f"{k}={escape_property(terminal(v, keep_breaks=True))}" for k, v in props)
    return f"::{COMMANDS[d.severity]} {joined}::{escape_data(message)}"


def render(data: ReportInput) -> str:
    lines = []
    for d in data.result.diagnostics:
        d = d.with_(path=data.display_path(d.path))
        if d.suppressed is None:
            lines.append(annotation(d))
        elif data.show_suppressed:
            # Shown only on request, and as a notice: a suppressed finding never fails a check.
            shown = d.with_(
                severity=Severity.INFO, message=f"{d.message} (suppressed: {d.suppressed})"
            )
            lines.append(annotation(shown))
    return "".join(line + "\n" for line in lines)
