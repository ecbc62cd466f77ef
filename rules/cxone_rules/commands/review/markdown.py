"""The review report as Markdown (GitHub-flavoured: tables and task lists)."""

from __future__ import annotations

from cxone_lint.report.escape import markdown_code, markdown_text
from cxone_rules.commands.review.model import LABELS, STATUSES, Evidence, Item, Review

MARK = {
    "fail": "FAIL",
    "warn": "WARNING",
    "not-checked": "NOT CHECKED",
    "suppressed": "SUPPRESSED",
    "confirm": "TO CONFIRM",
    "pass": "PASS",
}


def _md(text: str) -> str:
    """One line of text that cannot change the Markdown structure (report/escape.py)."""
    return markdown_text(text)


def _evidence(e: Evidence) -> str:
    line = f"  - `{markdown_code(e.where)}` ({e.severity}): {_md(e.message)}"
    if e.reason is not None:
        line += f" (reason: {_md(e.reason) if e.reason else 'none given'})"
    return line


def _rule_item(item: Item) -> list[str]:
    head = f"- **{MARK[item.status]}** `{item.code}` {item.name}: {_md(item.title)}"
    lines = [head]
    lines.extend(_evidence(e) for e in item.findings)
    lines.extend(_evidence(e) for e in item.suppressed)
    if item.status == "not-checked" and item.reason:
        lines.append(f"  - not checked: {_md(item.reason)}")
    return lines


def _confirm_item(item: Item) -> list[str]:
    text = f"- [ ] {_md(item.title)}"
    if item.reason:
        text += f" _Why: {_md(item.reason)}_"
    lines = [text]
    if item.evidence:
        lines.append(f"  - from the project: {_md(item.evidence)}")
    return lines


def render(review: Review) -> str:
    out = [f"# {_md(review.title)}", ""]
    intro = _md(review.intro) if review.intro else ""
    if review.source:
        text, url = review.source
        link = f"Source: [{_md(text)}]({url.replace(')', '%29').replace(' ', '%20')})."
        intro = f"{intro} {link}" if intro else link
    if intro:
        out += [intro, ""]
    out += [f"**{review.verdict}.**", ""]
    c = review.counts
    out += [
        "| " + " | ".join(LABELS[s] for s in STATUSES) + " | Findings |",
        "|" + "---:|" * (len(STATUSES) + 1),
        "| " + " | ".join(str(c[s]) for s in STATUSES) + f" | {review.findings} |",
        "",
    ]
    facts = list(review.facts)
    if review.base:
        facts.append(("Compared with git base", review.base))
    facts.append(("Files analysed", f"{review.files_analysed} ({review.files_skipped} skipped)"))
    out += [f"- {_md(k)}: {_md(v)}" for k, v in facts]
    out.append("")
    columns = ("pass", "fail", "warn", "suppressed", "not-checked", "confirm")
    out += ["| Stage | Status | " + " | ".join(LABELS[s] for s in columns) + " |"]
    out += ["|---|---|" + "---:|" * len(columns)]
    for stage in review.stages:
        counts = " | ".join(str(stage.count(s)) for s in columns)
        out.append(f"| {_md(stage.title)} | {MARK[stage.status]} | {counts} |")
    out.append("")
    for stage in review.stages:
        out += [f"## {_md(stage.title)}: {MARK[stage.status]}", ""]
        if stage.about:
            out += [_md(stage.about), ""]
        rules = [i for i in stage.items if i.code]
        confirm = [i for i in stage.items if not i.code]
        for status in ("fail", "warn", "suppressed", "not-checked", "pass"):
            chosen = [i for i in rules if i.status == status]
            if not chosen:
                continue
            if status == "pass":
                # Folded (GitHub renders <details>): what passed is there to look up.
                out += [f"<details><summary>{LABELS[status]} ({len(chosen)})</summary>", ""]
            else:
                out += [f"### {LABELS[status]} ({len(chosen)})", ""]
            for item in chosen:
                out += _rule_item(item)
            out.append("")
            if status == "pass":
                out += ["</details>", ""]
        if confirm:
            out += [f"### {LABELS['confirm']} by a person ({len(confirm)})", ""]
            for item in confirm:
                out += _confirm_item(item)
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
