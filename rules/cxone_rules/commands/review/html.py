"""The review report as one self-contained HTML page.

No external assets and no script: inline CSS only, so the page can be attached to an e-mail or
a ticket and opened offline. Status is visible at a glance (a coloured verdict banner, count
tiles, a coloured label on every stage and item, each label also spelled out in words so a
black-and-white print keeps it). Long paths and messages wrap instead of widening the page.
Summary counts carry `data-count` attributes so tests can compare them with the JSON report.
"""

from __future__ import annotations

from html import escape

from cxone_lint import __version__
from cxone_rules.commands.review.model import LABELS, STATUSES, Evidence, Item, Review

MARK = {
    "fail": "FAIL",
    "warn": "WARNING",
    "not-checked": "NOT CHECKED",
    "suppressed": "SUPPRESSED",
    "confirm": "TO CONFIRM",
    "pass": "PASS",
}

CSS = """
:root { --fail:#b42318; --fail-bg:#fef3f2; --warn:#a15c07; --warn-bg:#fef7e6; --nc:#93370d;
  --nc-bg:#fffaeb; --sup:#5925dc; --sup-bg:#f4f3ff; --confirm:#175cd3; --confirm-bg:#eff8ff;
  --pass:#067647; --pass-bg:#ecfdf3; --unknown:#475467; --unknown-bg:#f2f4f7;
  --ink:#101828; --muted:#475467; --line:#d0d5dd; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: var(--ink); background: #fff; }
main { max-width: 1080px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 0; display: flex; gap: 10px; align-items: center;
  flex-wrap: wrap; }
h3 { font-size: 1em; margin: 16px 0 6px; color: var(--muted); text-transform: uppercase;
  letter-spacing: .04em; }
/* Words wrap between words; only a word longer than the line (a path, a URL) breaks. */
p, li, td, th, dd, dt { overflow-wrap: break-word; }
code, a { overflow-wrap: anywhere; }
code { font: 0.9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #f2f4f7; padding: 1px 4px; border-radius: 4px; }
a { color: #175cd3; }
.verdict { border-radius: 10px; padding: 16px 20px; margin-bottom: 16px; border: 2px solid; }
.verdict p { margin: 0; font-size: 1.15em; font-weight: 600; }
.verdict-fail { background: var(--fail-bg); border-color: var(--fail); }
.verdict-fail p { color: var(--fail); }
.verdict-ok { background: var(--pass-bg); border-color: var(--pass); }
.verdict-ok p { color: var(--pass); }
.verdict-unknown { background: var(--unknown-bg); border-color: var(--unknown); }
.verdict-unknown p { color: var(--ink); }
.intro { color: var(--muted); margin: 4px 0 14px; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr));
  gap: 10px; margin: 0 0 16px; }
.count { border: 1px solid var(--line); border-left-width: 6px; border-radius: 8px;
  padding: 8px 12px; }
.count .n { display: block; font-size: 1.8em; font-weight: 700; line-height: 1.2; }
.count .l { color: var(--muted); }
.count-fail { border-left-color: var(--fail); } .count-fail .n { color: var(--fail); }
.count-warn { border-left-color: var(--warn); } .count-warn .n { color: var(--warn); }
.count-not-checked { border-left-color: var(--nc); } .count-not-checked .n { color: var(--nc); }
.count-suppressed { border-left-color: var(--sup); } .count-suppressed .n { color: var(--sup); }
.count-confirm { border-left-color: var(--confirm); } .count-confirm .n { color: var(--confirm); }
.count-pass { border-left-color: var(--pass); } .count-pass .n { color: var(--pass); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 16px; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: 0 0 20px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left;
  vertical-align: middle; }
th { color: var(--muted); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.status { white-space: nowrap; }
.pill { display: inline-block; font-size: .78em; font-weight: 700; letter-spacing: .03em;
  padding: 1px 8px; border-radius: 999px; border: 1px solid; white-space: nowrap; }
.pill-fail { color: var(--fail); background: var(--fail-bg); }
.pill-warn { color: var(--warn); background: var(--warn-bg); }
.pill-not-checked { color: var(--nc); background: var(--nc-bg); }
.pill-suppressed { color: var(--sup); background: var(--sup-bg); }
.pill-confirm { color: var(--confirm); background: var(--confirm-bg); }
.pill-pass { color: var(--pass); background: var(--pass-bg); }
.stage { border: 1px solid var(--line); border-top-width: 6px; border-radius: 10px;
  padding: 14px 18px; margin: 0 0 18px; }
.stage-fail { border-top-color: var(--fail); }
.stage-warn { border-top-color: var(--warn); }
.stage-not-checked { border-top-color: var(--nc); }
.stage-suppressed { border-top-color: var(--sup); }
.stage-confirm { border-top-color: var(--confirm); }
.stage-pass { border-top-color: var(--pass); }
.about { color: var(--muted); margin: 6px 0 0; }
ul.items { list-style: none; padding: 0; margin: 0; }
ul.items > li { padding: 6px 0; border-bottom: 1px dashed var(--line); }
ul.items > li:last-child { border-bottom: 0; }
ul.items-pass { column-width: 440px; column-gap: 28px; }
ul.items-pass > li { break-inside: avoid; border-bottom: 0; padding: 3px 0; }
details.passed > summary { cursor: pointer; margin: 16px 0 6px; color: var(--muted);
  font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
ul.evidence { margin: 4px 0 0 0; padding-left: 22px; }
ul.evidence li { color: var(--ink); }
.why, .from { color: var(--muted); display: block; }
.rname { color: var(--muted); }
.box { display: inline-block; width: 0.9em; height: 0.9em; border: 2px solid var(--confirm);
  border-radius: 3px; vertical-align: -1px; margin-right: 4px; }
footer { color: var(--muted); font-size: .85em; margin-top: 24px; }
/* Narrow screens: each stage of the table becomes a block, its counts labelled in words. */
@media (max-width: 860px) {
  table.stages, table.stages tbody, table.stages tr { display: block; width: 100%; }
  table.stages thead { display: none; }
  table.stages tr { border-bottom: 1px solid var(--line); padding: 8px 0; }
  table.stages td { display: inline-block; border: 0; padding: 2px 12px 2px 0;
    text-align: left; }
  table.stages td.stage-name { display: block; font-weight: 600; }
  table.stages td.num::before { content: attr(data-label) " "; color: var(--muted); }
  table.stages td.num[data-count="0"] { display: none; }
}
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .stage { break-inside: auto; }
  ul.items > li, .count, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _pill(status: str) -> str:
    return f'<span class="pill pill-{status}">{MARK[status]}</span>'


def _evidence(e: Evidence) -> str:
    out = f"<li><code>{_e(e.where)}</code> ({_e(e.severity)}) {_e(e.message)}"
    if e.reason is not None:
        out += f' <span class="why">Reason: {_e(e.reason or "none given")}</span>'
    return out + "</li>"


def _item(item: Item) -> str:
    parts = [f'<li class="item item-{item.status}" data-status="{item.status}">']
    if item.code:
        parts.append(
            f"{_pill(item.status)} <code>{_e(item.code)}</code> "
            f'<span class="rname">{_e(item.name)}</span>: {_e(item.title)}'
        )
        rows = [_evidence(e) for e in [*item.findings, *item.suppressed]]
        if item.status == "not-checked" and item.reason:
            rows.append(f"<li>Not checked: {_e(item.reason)}</li>")
        if rows:
            parts.append('<ul class="evidence">' + "".join(rows) + "</ul>")
    else:
        parts.append(f'{_pill("confirm")} <span class="box"></span>{_e(item.title)}')
        if item.reason:
            parts.append(f'<span class="why">Why: {_e(item.reason)}</span>')
        if item.evidence:
            parts.append(f'<span class="from">From the project: {_e(item.evidence)}</span>')
    parts.append("</li>")
    return "".join(parts)


VERDICT_CLASS = {
    "ready": "verdict-ok",
    "not-ready": "verdict-fail",
    "cannot-judge": "verdict-unknown",
}
TABLE_COLUMNS = ("pass", "fail", "warn", "suppressed", "not-checked", "confirm")


def render(review: Review) -> str:
    c = review.counts
    ok = review.ready
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(review.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f'<header class="verdict {VERDICT_CLASS[review.status]}" id="verdict" '
        f'data-ready="{str(ok).lower()}" data-status="{review.status}">',
        f"<h1>{_e(review.title)}</h1>",
        f"<p>{_e(review.verdict)}.</p>",
        "</header>",
    ]
    if review.intro or review.source:
        intro = _e(review.intro)
        if review.source:
            text, url = review.source
            link = f'Source: <a href="{_e(url)}">{_e(text)}</a>.'
            intro = f"{intro} {link}" if intro else link
        out.append(f'<p class="intro">{intro}</p>')
    out.append('<section class="summary" aria-label="Summary">')
    for status in STATUSES:
        out.append(
            f'<div class="count count-{status}" id="count-{status}" data-count="{c[status]}">'
            f'<span class="n">{c[status]}</span><span class="l">{LABELS[status]}</span></div>'
        )
    out.append(
        f'<div class="count" id="count-findings" data-count="{review.findings}">'
        f'<span class="n">{review.findings}</span><span class="l">Findings</span></div>'
    )
    out.append("</section>")
    facts = list(review.facts)
    if review.base:
        facts.append(("Compared with git base", review.base))
    facts.append(("Files analysed", f"{review.files_analysed} ({review.files_skipped} skipped)"))
    out.append('<dl class="facts">')
    out += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts]
    out.append("</dl>")
    out.append('<table class="stages"><thead><tr><th>Stage</th><th>Status</th>')
    out += [f'<th class="num">{LABELS[s]}</th>' for s in TABLE_COLUMNS]
    out.append("</tr></thead><tbody>")
    for stage in review.stages:
        cells = "".join(
            f'<td class="num" data-label="{LABELS[s]}" data-count="{stage.count(s)}">'
            f"{stage.count(s)}</td>"
            for s in TABLE_COLUMNS
        )
        out.append(
            f'<tr><td class="stage-name"><a href="#stage-{_e(stage.id)}">{_e(stage.title)}</a>'
            f'</td><td class="status">{_pill(stage.status)}</td>{cells}</tr>'
        )
    out.append("</tbody></table>")
    for stage in review.stages:
        out.append(
            f'<section class="stage stage-{stage.status}" id="stage-{_e(stage.id)}" '
            f'data-status="{stage.status}">'
        )
        out.append(f"<h2>{_pill(stage.status)} {_e(stage.title)}</h2>")
        if stage.about:
            out.append(f'<p class="about">{_e(stage.about)}</p>')
        rules = [i for i in stage.items if i.code]
        confirm = [i for i in stage.items if not i.code]
        for status in ("fail", "warn", "suppressed", "not-checked", "pass"):
            chosen = [i for i in rules if i.status == status]
            if not chosen:
                continue
            items = (
                f'<ul class="items items-{status}">' + "".join(_item(i) for i in chosen) + "</ul>"
            )
            if status == "pass":
                # What passed is there to look up, not to read: folded until opened.
                out.append(
                    f'<details class="passed"><summary>{LABELS[status]} ({len(chosen)})'
                    f"</summary>{items}</details>"
                )
            else:
                out += [f"<h3>{LABELS[status]} ({len(chosen)})</h3>", items]
        if confirm:
            out.append(f"<h3>{LABELS['confirm']} by a person ({len(confirm)})</h3>")
            out.append('<ul class="items">' + "".join(_item(i) for i in confirm) + "</ul>")
        out.append("</section>")
    out.append(
        f"<footer>Generated by cxone-lint {_e(__version__)}. Findings show where, never a "
        "secret value.</footer>"
    )
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
