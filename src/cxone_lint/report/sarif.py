"""`sarif`: SARIF 2.1.0, the format GitHub code scanning and most CI dashboards ingest.

One run, one tool (`tool.driver`) listing every loaded rule with its documentation as help text,
so a dashboard can explain a finding without cxone-lint installed. Every result has a location
relative to `%SRCROOT%`, the working directory (as in every other format, and what GitHub code
scanning expects when cxone-lint runs from the repository root), a `partialFingerprints` entry
built from `Diagnostic.fingerprint()` (code + project-relative path + key, so it survives lines
moving), its fix as `fixes`, and, when a noqa comment or the baseline hid it, `suppressions`
with the reason given. Crashed rules and checks that could not run are also
`toolExecutionNotifications` on the invocation.

Nothing here reads source text: no snippet, so a secret on a finding's line is never copied.
Columns are counted in characters, which SARIF calls `unicodeCodePoints`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cxone_lint import __version__
from cxone_lint.api.diagnostics import Diagnostic, Edit, Position, Severity
from cxone_lint.api.rule import Rule
from cxone_lint.report import ReportInput
from cxone_lint.run.engine import INTERNAL_ERROR
from cxone_lint.run.registry import listing_order

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/cxone-lint/"
ROOT_ID = "%SRCROOT%"
FINGERPRINT_NAME = "cxoneLint/v1"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub ranks security alerts by this score (0.0-10.0): >= 7 high, >= 4 medium, else low.
SECURITY_SEVERITY = {Severity.ERROR: "8.0", Severity.WARNING: "5.0", Severity.INFO: "2.0"}


def render(data: ReportInput) -> str:
    return json.dumps(build(data), indent=2, ensure_ascii=False) + "\n"


def build(data: ReportInput) -> dict[str, Any]:
    """The SARIF log as a dict (what `render` serialises)."""
    result = data.result
    rules = sorted(data.registry.rules.values(), key=listing_order)
    docs = {r.code: pack.docs_url for pack in data.registry.packs for r in pack.rules}
    descriptors = [_rule_descriptor(r, help_uri(r, docs.get(r.code, ""))) for r in rules]
    index = {r.code: i for i, r in enumerate(rules)}
    # A finding whose rule is not loaded (impossible today) still gets a descriptor.
    for d in result.diagnostics:
        if d.code not in index:
            index[d.code] = len(descriptors)
            descriptors.append(_bare_descriptor(d))
    where = data.display_path
    notifications = [
        _crash_notification(d, where) for d in result.active if d.code == INTERNAL_ERROR
    ]
    notifications.extend(
        {
            "level": "warning",
            "message": {"text": f"{s.code} did not run: {s.reason}"},
            "descriptor": {"id": s.code},
        }
        for s in result.skipped
    )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "cxone-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "invocations": [
            {
                "executionSuccessful": not result.had_internal_error,
                "toolExecutionNotifications": notifications,
            }
        ],
        "originalUriBaseIds": {ROOT_ID: {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, index[d.code], where, data.root) for d in result.diagnostics],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


# -- rules ---------------------------------------------------------------------------------------


def is_security_rule(rule: type[Rule]) -> bool:
    """A rule says it is about security with the `security` tag (the engine knows no family)."""
    return "security" in rule.tags


def repository_url(module: str) -> str:
    """The Repository URL (`[project.urls]`) of the installed distribution that provides
    `module`; empty when none says."""
    return _repository_url(module.split(".")[0])


@functools.cache
def _distributions() -> Mapping[str, list[str]]:
    from importlib.metadata import packages_distributions

    return packages_distributions()


@functools.cache
def _repository_url(top: str) -> str:
    # Once per top-level package: finding a module's distribution reads every installed one.
    from importlib.metadata import PackageNotFoundError, metadata

    for dist in _distributions().get(top, []):
        try:
            urls = metadata(dist).get_all("Project-URL") or []
        except PackageNotFoundError:
            continue
        for entry in urls:
            label, _, url = entry.partition(",")
            if label.strip().lower() in ("repository", "source", "source code"):
                return url.strip().rstrip("/")
    return ""


def rule_anchor(rule: type[Rule]) -> str:
    """The anchor GitHub gives the heading `## CODE name` (lower case, spaces to hyphens)."""
    return f"{rule.code} {rule.name}".lower().replace(" ", "-")


def help_uri(rule: type[Rule], template: str) -> str:
    """Where the rule's documentation is: its pack's `docs_url` filled in; empty without one
    (or when it needs a repository URL no distribution gives)."""
    if not template:
        return ""
    repository = repository_url(rule.__module__) if "{repository}" in template else ""
    if "{repository}" in template and not repository:
        return ""
    return template.format(
        code=rule.code, name=rule.name, anchor=rule_anchor(rule), repository=repository
    )


def _rule_descriptor(rule: type[Rule], uri: str = "") -> dict[str, Any]:
    sections = rule.doc_sections()
    what = sections.get("What it does") or sections.get("_intro") or rule.summary
    doc = rule.doc()
    tags = list(rule.tags)
    properties: dict[str, Any] = {"fixable": rule.fixable}
    if is_security_rule(rule):
        if "security" not in tags:
            tags.append("security")
        properties["security-severity"] = SECURITY_SEVERITY[rule.severity]
    properties["tags"] = tags
    out: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _sentence(rule.summary)},
        "fullDescription": {"text": " ".join(_plain(what).split())},
        "help": {
            "text": f"{rule.summary}.\n\n{_plain(doc)}",
            "markdown": f"# {rule.name} ({rule.code})\n\n{rule.summary}.\n\n{doc}",
        },
        "defaultConfiguration": {
            "level": LEVELS[rule.severity],
            "enabled": rule.default_enabled,
        },
        "properties": properties,
    }
    if uri:
        out["helpUri"] = uri
    return out


def _bare_descriptor(d: Diagnostic) -> dict[str, Any]:
    return {
        "id": d.code,
        "name": d.rule_name or d.code,
        "shortDescription": {"text": d.code},
        "defaultConfiguration": {"level": LEVELS[d.severity]},
    }


def _sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."


def _plain(markdown: str) -> str:
    """Help text for viewers that do not render Markdown: headings without their `##`."""
    lines = []
    for line in markdown.splitlines():
        lines.append(line[3:].upper() if line.startswith("## ") else line)
    return "\n".join(lines).strip()


# -- results -------------------------------------------------------------------------------------


def _location(path: str) -> dict[str, Any]:
    return {"uri": quote(path, safe="/"), "uriBaseId": ROOT_ID}


def _region(start: Position, end: Position | None) -> dict[str, int]:
    # SARIF's endColumn is one past the last character, like our exclusive ends; a finding
    # with no end is an insertion point at its start.
    stop = end if end is not None and end >= start else start
    return {
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": stop.line,
        "endColumn": stop.column,
    }


def _result(
    d: Diagnostic, rule_index: int, where: Callable[[str], str], root: Path
) -> dict[str, Any]:
    text = d.message if not d.hint else f"{d.message}\nHelp: {d.hint}"
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _location(where(d.path)),
                    "region": _region(d.start, d.end),
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_NAME: d.fingerprint()},
    }
    if d.related:
        out["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {
                    "artifactLocation": _location(where(r.path)),
                    "region": _region(r.start, r.end),
                },
                **({"message": {"text": r.message}} if r.message else {}),
            }
            for i, r in enumerate(d.related, 1)
        ]
    if d.fix is not None and _fix_exportable(d, root):
        out["fixes"] = [_fix(d, where)]
    if d.suppressed is not None:
        out["suppressions"] = [suppression(d.suppressed)]
    return out


def _fix_exportable(d: Diagnostic, root: Path) -> bool:
    """A fix of a finding about a secret is exported only when none of its inserted text holds
    the flagged value (a fix that moves the value to a .env file would copy it into the report;
    one that replaces it with an environment lookup is fine). The value is read from the
    finding's range, compared, and never kept; without a one-line range, nothing is exported."""
    if not d.sensitive:
        return True
    assert d.fix is not None
    if d.end is None or d.end.line != d.start.line or d.end.column <= d.start.column:
        return False
    try:
        text = (root / d.path).read_bytes().decode("utf-8", "replace")
    except OSError:
        return False
    lines = text.splitlines()
    if d.start.line > len(lines):
        return False
    value = lines[d.start.line - 1][d.start.column - 1 : d.end.column - 1].strip("\"' ")
    if len(value) < 4:
        return False
    return all(value not in edit.content for edit in d.fix.edits)


def suppression(reason: str) -> dict[str, Any]:
    """`noqa: <reason>` (set by the engine) is in source; `baseline` is external."""
    if reason.startswith("noqa"):
        entry: dict[str, Any] = {"kind": "inSource", "status": "accepted"}
        given = reason.partition(":")[2].strip()
        if given and given != "no reason given":
            entry["justification"] = given
        return entry
    why = "accepted in the baseline file" if reason == "baseline" else reason
    return {"kind": "external", "status": "accepted", "justification": why}


def _fix(d: Diagnostic, where: Callable[[str], str]) -> dict[str, Any]:
    assert d.fix is not None
    by_path: dict[str, list[Edit]] = {}
    for edit in d.fix.edits:
        by_path.setdefault(edit.path, []).append(edit)
    return {
        "description": {"text": f"{d.fix.message} ({d.fix.applicability.value} fix)"},
        "artifactChanges": [
            {
                "artifactLocation": _location(where(path)),
                "replacements": [
                    {
                        "deletedRegion": _region(e.start, e.end),
                        "insertedContent": {"text": e.content},
                    }
                    for e in sorted(edits, key=lambda e: (e.start, e.end))
                ],
            }
            for path, edits in sorted(by_path.items())
        ],
    }


def _crash_notification(d: Diagnostic, where: Callable[[str], str]) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": d.message},
        "descriptor": {"id": d.code},
        "locations": [
            {"physicalLocation": {"artifactLocation": _location(where(d.path))}},
        ],
    }
