"""The review report as data: stages, checklist items, statuses and counts.

The engine knows nothing about the lifecycle a pack describes. A pack publishes, in
`RulePack.extras["review"]`, a function (or a "module:function" string) `spec(ctx)` returning a
plain dict:

    {
      "title": "...", "intro": "...",
      "extend_select": ["CX7"],             # rules switched on for the review (off by default)
      "stages": [{"id", "title", "about",
                  "codes": ["CX1", "CX005"],   # rule code prefixes; the longest match wins
                  "confirm": [{"text", "why", "evidence"?}]}],
      "not_checked": {"CX601": "reason"},   # checks the pack knows could not run
      "cannot_judge": "reason",             # set when what the review needs is missing
      "source": {"text": "...", "url": "..."},  # where the stages come from (a link)
      "facts": [["App", "Acme"], ...],       # shown in the header
    }

`spec(None)` is called before the run (for `extend_select`), `spec(ctx)` after it. Rules no
stage claims go to a final "Other checks" stage. Every enabled rule becomes one item: failed
(an active error), warnings (active warnings or notes only), suppressed (only suppressed
findings), not checked (skipped, with the reason), or passed, worded as the check that passed
(the rule's `passed`). Items only a person can confirm have the status "confirm".

The verdict: "cannot judge" when no file was analysed or a pack says what the review needs is
missing (the CXone pack: no registration manifest); "not ready" when a finding at or above the
`fail-on` setting is active; otherwise ready, with what is left to confirm.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cxone_lint import __version__
from cxone_lint.api.command import Project
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.results import RunResult

STATUSES = ("fail", "warn", "not-checked", "suppressed", "confirm", "pass")
LABELS = {
    "fail": "Failed",
    "warn": "Warnings",
    "not-checked": "Not checked",
    "suppressed": "Suppressed",
    "confirm": "To confirm",
    "pass": "Passed",
}
OTHER_STAGE = "other"


@dataclass
class Evidence:
    path: str
    line: int
    column: int
    message: str
    severity: str
    reason: str | None = None  # why it was suppressed

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "severity": self.severity,
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass
class Item:
    status: str
    title: str
    code: str = ""  # empty for items only a person can confirm
    name: str = ""
    severity: str = ""
    findings: list[Evidence] = field(default_factory=list)
    suppressed: list[Evidence] = field(default_factory=list)
    reason: str = ""  # not checked: why; confirm: why it matters
    evidence: str = ""  # confirm: what the project says that helps the person decide

    @property
    def worst(self) -> Severity | None:
        """The highest severity among the item's active findings."""
        levels = [Severity.parse(e.severity) for e in self.findings]
        return max(levels) if levels else None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, "title": self.title}
        if self.code:
            out.update(code=self.code, name=self.name, severity=self.severity)
            out["findings"] = [e.to_json() for e in self.findings]
            out["suppressed"] = [e.to_json() for e in self.suppressed]
        if self.reason:
            out["reason"] = self.reason
        if self.evidence:
            out["evidence"] = self.evidence
        return out


@dataclass
class Stage:
    id: str
    title: str
    about: str = ""
    items: list[Item] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def status(self) -> str:
        """The worst item status; a stage with nothing checked is 'not-checked'."""
        present = {i.status for i in self.items}
        for status in STATUSES:
            if status in present:
                return status
        return "pass"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "about": self.about,
            "status": self.status,
            "counts": {s: self.count(s) for s in STATUSES},
            "items": [i.to_json() for i in self.items],
        }


@dataclass
class Review:
    title: str
    intro: str
    root: str
    stages: list[Stage]
    facts: list[tuple[str, str]] = field(default_factory=list)
    files_analysed: int = 0
    files_skipped: int = 0
    base: str | None = None
    # Why the readiness cannot be judged (no manifest, nothing analysed); empty when it can.
    cannot_judge: str = ""
    # The lowest severity that makes an item block readiness (the `fail-on` setting).
    fail_on: Severity = Severity.WARNING
    # (text, url) of where the stages come from.
    source: tuple[str, str] | None = None

    def count(self, status: str) -> int:
        return sum(s.count(status) for s in self.stages)

    @property
    def counts(self) -> dict[str, int]:
        return {s: self.count(s) for s in STATUSES}

    @property
    def findings(self) -> int:
        return sum(len(i.findings) for s in self.stages for i in s.items)

    def _blocking(self) -> tuple[int, int]:
        """(failed items, items with warnings) whose findings reach `fail-on`."""
        worst = [(i.status, i.worst) for s in self.stages for i in s.items if i.worst is not None]
        failed = sum(1 for status, _ in worst if status == "fail")
        warned = sum(
            1 for status, level in worst if status == "warn" and level and level >= self.fail_on
        )
        return failed, warned

    @property
    def judged(self) -> bool:
        return not self.cannot_judge

    @property
    def ready(self) -> bool:
        """Judged, and no finding at or above `fail-on`. Checks that could not run and items
        to confirm are listed, and the verdict says so, but they are for the person preparing
        the review to close."""
        return self.judged and self._blocking() == (0, 0)

    @property
    def status(self) -> str:
        return "cannot-judge" if not self.judged else "ready" if self.ready else "not-ready"

    @property
    def verdict(self) -> str:
        if not self.judged:
            return f"Cannot judge the readiness: {self.cannot_judge}"
        c = self.counts
        failed, warned = self._blocking()
        if failed or warned:
            # The counts are the report's (its tiles and sections); what blocks is at or above
            # fail-on, and something does.
            parts = []
            if c["fail"]:
                parts.append(f"{_n(c['fail'], 'check')} failed")
            if c["warn"]:
                n = c["warn"]
                parts.append(f"{_n(n, 'check')} {'has' if n == 1 else 'have'} warnings")
            return "Not ready: " + ", ".join(parts)
        text = "No check failed"
        if c["warn"]:
            n = c["warn"]
            text += f"; {_n(n, 'check')} {'has' if n == 1 else 'have'} notes below fail-on"
        if c["not-checked"]:
            text += f"; {_n(c['not-checked'], 'check')} could not run"
        return text + f"; {_n(c['confirm'], 'item')} to confirm by a person"

    def to_json(self) -> dict[str, Any]:
        return {
            "version": __version__,
            "title": self.title,
            "root": self.root,
            "base": self.base,
            "verdict": self.verdict,
            "status": self.status,
            "ready": self.ready,
            "cannot_judge": self.cannot_judge or None,
            "summary": {**self.counts, "findings": self.findings},
            "files": {"analysed": self.files_analysed, "skipped": self.files_skipped},
            "facts": [{"name": k, "value": v} for k, v in self.facts],
            "source": {"text": self.source[0], "url": self.source[1]} if self.source else None,
            "stages": [s.to_json() for s in self.stages],
        }


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# --- the pack hook --------------------------------------------------------------------------


def spec_functions(project: Project) -> list[Callable[[Any], dict[str, Any]]]:
    """Every pack's review hook, resolved (a callable or a "module:function" string)."""
    out: list[Callable[[Any], dict[str, Any]]] = []
    for pack in project.packs:
        hook = pack.extras.get("review")
        if hook is None:
            continue
        if isinstance(hook, str):
            module, _, func = hook.partition(":")
            hook = getattr(importlib.import_module(module), func)
        out.append(hook)
    return out


def extend_select(project: Project) -> list[str]:
    return [code for fn in spec_functions(project) for code in fn(None).get("extend_select", [])]


# --- building -------------------------------------------------------------------------------


def _evidence(d: Diagnostic) -> Evidence:
    reason = None
    if d.suppressed is not None:
        reason = d.suppressed.split(":", 1)[1].strip() if ":" in d.suppressed else d.suppressed
    return Evidence(d.path, d.start.line, d.start.column, d.message, str(d.severity), reason)


def _stage_for(code: str, prefixes: list[tuple[str, str]]) -> str:
    best, best_len = OTHER_STAGE, -1
    for prefix, stage in prefixes:
        if code.startswith(prefix) and len(prefix) > best_len:
            best, best_len = stage, len(prefix)
    return best


def build(
    result: RunResult, project: Project, enabled: set[str], base: str | None = None
) -> Review:
    ctx = result.context
    specs = [fn(ctx) for fn in spec_functions(project)]
    spec = specs[0] if specs else {}
    stages: list[Stage] = []
    prefixes: list[tuple[str, str]] = []
    for s in spec.get("stages", []):
        stages.append(Stage(s["id"], s["title"], s.get("about", "")))
        prefixes.extend((p, s["id"]) for p in s.get("codes", []))
    other = Stage(OTHER_STAGE, "Other checks", "Checks no lifecycle stage claims (tool checks).")
    by_id = {s.id: s for s in stages}
    by_id[OTHER_STAGE] = other

    not_checked: dict[str, list[str]] = {}
    for sk in result.skipped:
        not_checked.setdefault(sk.code, []).append(sk.reason)
    for sp in specs:
        for code, reason in sp.get("not_checked", {}).items():
            not_checked.setdefault(code, []).append(reason)
    by_code: dict[str, list[Diagnostic]] = {}
    for d in result.diagnostics:
        by_code.setdefault(d.code, []).append(d)

    rules = project.rules
    for code in sorted(enabled):
        rule = rules[code]
        found = by_code.get(code, [])
        active = [_evidence(d) for d in found if d.suppressed is None]
        hidden = [_evidence(d) for d in found if d.suppressed is not None]
        reasons = not_checked.get(code, [])
        if active:
            worst = max(Severity.parse(e.severity) for e in active)
            status = "fail" if worst >= Severity.ERROR else "warn"
        elif hidden:
            status = "suppressed"
        elif reasons:
            status = "not-checked"
        else:
            status = "pass"
        # What passed (or would be checked) is worded as the check; a failure by its summary.
        checked = getattr(rule, "passed", "") or f"No finding: {rule.summary}"
        item = Item(
            status,
            checked if status in ("pass", "not-checked") else rule.summary,
            code=code,
            name=rule.name,
            severity=str(rule.severity),
            findings=active,
            suppressed=hidden,
            reason="; ".join(dict.fromkeys(reasons)) if status == "not-checked" else "",
        )
        by_id[_stage_for(code, prefixes)].items.append(item)

    for s in spec.get("stages", []):
        for c in s.get("confirm", []):
            by_id[s["id"]].items.append(
                Item("confirm", c["text"], reason=c.get("why", ""), evidence=c.get("evidence", ""))
            )
    if other.items:
        stages.append(other)
    order = {s: i for i, s in enumerate(STATUSES)}
    for stage in stages:
        stage.items.sort(key=lambda i: (order[i.status], i.code == "", i.code))
    cannot_judge = ""
    if not result.stats.files_analysed:
        cannot_judge = "no file was analysed, so nothing was checked"
    else:
        cannot_judge = next((str(sp["cannot_judge"]) for sp in specs if sp.get("cannot_judge")), "")
    source = spec.get("source")
    return Review(
        title=spec.get("title", "Review readiness"),
        intro=spec.get("intro", ""),
        root=str(ctx.root) if ctx is not None else "",
        stages=stages,
        facts=[(str(k), str(v)) for k, v in spec.get("facts", [])],
        files_analysed=result.stats.files_analysed,
        files_skipped=len(result.stats.files_skipped),
        base=base,
        cannot_judge=cannot_judge,
        fail_on=project.settings.fail_on,
        source=(str(source["text"]), str(source["url"])) if source else None,
    )
