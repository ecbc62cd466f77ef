"""`junit`: JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure, ...).

One `<testsuite>` per file with findings, one failing `<testcase>` per finding (with
`--show-suppressed`, suppressed findings too, as skipped test cases with the reason). A run
without findings has one passing test case, so "all checks passed" shows as a pass rather than
as an empty report. Built with ElementTree, which escapes markup; characters XML
1.0 cannot carry at all (most control characters) are replaced, so the file always parses.
No timestamps or durations: the same findings give the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cxone_lint.api.diagnostics import Diagnostic
from cxone_lint.report import ReportInput

SUITES_NAME = "cxone-lint"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _testcase(suite: ET.Element, d: Diagnostic) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        name=_clean(f"{d.code} {d.rule_name} at {d.path}:{d.start.line}:{d.start.column}"),
        classname=_clean(d.path),
        file=_clean(d.path),
        line=str(d.start.line),
    )
    if d.suppressed is not None:
        # Only with --show-suppressed: a skipped test that says why it was accepted.
        ET.SubElement(case, "skipped", message=_clean(f"{d.message} (suppressed: {d.suppressed})"))
        return
    failure = ET.SubElement(case, "failure", message=_clean(d.message), type=d.code)
    body = [f"{d.path}:{d.start.line}:{d.start.column}: {d.code} [{d.severity}] {d.message}"]
    if d.hint:
        body.append(f"help: {d.hint}")
    if d.fix is not None:
        body.append(f"fix ({d.fix.applicability.value}): {d.fix.message}")
    failure.text = _clean("\n".join(body))


def render(data: ReportInput) -> str:
    # Paths as the user sees them (relative to the working directory), like the text formats.
    shown = [
        d.with_(path=data.display_path(d.path))
        for d in data.result.diagnostics
        if d.suppressed is None or data.show_suppressed
    ]
    failures = sum(1 for d in shown if d.suppressed is None)
    root = ET.Element(
        "testsuites",
        name=SUITES_NAME,
        tests=str(len(shown) + (0 if failures else 1)),
        failures=str(failures),
    )
    by_path: dict[str, list[Diagnostic]] = {}
    for d in shown:
        by_path.setdefault(d.path, []).append(d)
    for path, found in sorted(by_path.items()):
        skipped = sum(1 for d in found if d.suppressed is not None)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_clean(path),
            tests=str(len(found)),
            failures=str(len(found) - skipped),
            errors="0",
            skipped=str(skipped),
        )
        for d in found:
            _testcase(suite, d)
    if not failures:
        suite = ET.SubElement(
            root, "testsuite", name=SUITES_NAME, tests="1", failures="0", errors="0", skipped="0"
        )
        ET.SubElement(suite, "testcase", name="no findings", classname=SUITES_NAME)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
