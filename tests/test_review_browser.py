"""The HTML review report in a real headless browser (Debian's chromium).

It renders, its summary counts match the JSON report, nothing is wider than the viewport (at a
desktop and a phone width), it prints to PDF, and one test keeps a screenshot in pytest's tmp
dir. Skipped, with the reason, when chromium is not installed
(`apt-get install -y chromium`).
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cxone_lint.cli.main import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)"
)

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]

# (Headless chromium windows are at least 500 px wide.)
# Appended to a copy of the page only (the report itself has no script): measures the layout
# and writes the result into the DOM, where --dump-dom shows it.
PROBE = """
<script>
(function () {
  var vw = document.documentElement.clientWidth, widest = 0, culprit = "";
  document.querySelectorAll("body *").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > widest) { widest = r.right; culprit = el.tagName; }
  });
  // Words that the layout breaks across lines (a header split inside a word, "Sup|pres|sed").
  var broken = [];
  function words(el) {
    var walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), node;
    while ((node = walk.nextNode())) {
      var re = /\\S+/g, m;
      while ((m = re.exec(node.data))) {
        var range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        var tops = {};
        Array.prototype.forEach.call(range.getClientRects(), function (r) {
          if (r.width > 0) { tops[Math.round(r.top)] = 1; }
        });
        if (Object.keys(tops).length > 1) { broken.push(m[0]); }
      }
    }
  }
  document.querySelectorAll(
    "table.stages th, table.stages td, .pill, .count .l, h1, h2, h3, summary"
  ).forEach(words);
  // Cells whose content does not fit them (a badge running over the next column).
  var spill = [];
  document.querySelectorAll("table.stages th, table.stages td").forEach(function (c) {
    if (c.getClientRects().length && c.scrollWidth > c.clientWidth + 1) {
      spill.push(c.textContent.trim());
    }
  });
  document.querySelectorAll("table.stages .pill").forEach(function (p) {
    var r = p.getBoundingClientRect(), cell = p.closest("td").getBoundingClientRect();
    if (r.left < cell.left - 0.5 || r.right > cell.right + 0.5) { spill.push(p.textContent); }
  });
  var table = document.querySelector("table.stages");
  document.body.setAttribute("data-probe", JSON.stringify({
    viewport: vw, scrollWidth: document.documentElement.scrollWidth,
    widest: Math.ceil(widest), culprit: culprit, broken: broken, spill: spill,
    tableOverflow: table ? table.scrollWidth > table.parentElement.clientWidth : false}));
})();
</script>
</body>"""


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def reports(
    fixture: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_json: bool = True
) -> tuple[Path, dict]:
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.chdir(FIXTURES / fixture)
    html = tmp_path / f"{fixture}.html"
    js = tmp_path / f"{fixture}.json"
    main(["review", "--no-cache", "-o", "html", "--output", str(html)])
    if not with_json:
        return html, {}
    main(["review", "--no-cache", "-o", "json", "--output", str(js)])
    return html, json.loads(js.read_text(encoding="utf-8"))


class _Counts(HTMLParser):
    """Reads the summary tiles and stage sections from the DOM chromium dumped."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.stages: dict[str, str] = {}
        self.items: dict[str, int] = {}
        self.probe: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        ident = a.get("id") or ""
        if ident.startswith("count-") and a.get("data-count") is not None:
            self.counts[ident[len("count-") :]] = int(a["data-count"] or 0)
        if tag == "section" and ident.startswith("stage-"):
            self.stages[ident[len("stage-") :]] = a.get("data-status") or ""
        if tag == "li" and a.get("data-status"):
            status = a["data-status"] or ""
            self.items[status] = self.items.get(status, 0) + 1
        if tag == "body" and a.get("data-probe"):
            self.probe = json.loads(a["data-probe"] or "{}")


def dom(tmp_path: Path, page: Path, width: int = 1280, height: int = 900) -> _Counts:
    out = chromium(tmp_path, f"--window-size={width},{height}", "--dump-dom", page.as_uri())
    assert out.returncode == 0, out.stderr[-2000:]
    parsed = _Counts()
    parsed.feed(out.stdout)
    return parsed


@pytest.mark.parametrize("fixture", ["backend-bad-registration", "backend-clean", "review-ready"])
def test_renders_and_counts_match_json(fixture: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page, data = reports(fixture, tmp_path, monkeypatch)
    seen = dom(tmp_path, page)
    summary = data["summary"]
    assert seen.counts == {k: summary[k] for k in seen.counts}
    assert set(seen.counts) == set(summary)
    # Every checklist item the JSON has is an element in the rendered page.
    for status in ("fail", "not-checked", "suppressed", "confirm", "pass"):
        assert seen.items.get(status, 0) == summary[status]
    assert seen.stages == {s["id"]: s["status"] for s in data["stages"]}


def probe(tmp_path: Path, page: Path, width: int, extra_css: str = "") -> dict:
    probed = tmp_path / f"probed-{width}.html"
    text = page.read_text(encoding="utf-8").replace("</body>", PROBE)
    if extra_css:
        text = text.replace("</style>", extra_css + "</style>")
    probed.write_text(text, "utf-8")
    seen = dom(tmp_path, probed, width=width)
    assert seen.probe is not None, "the layout probe did not run"
    assert seen.probe["viewport"] == width
    return seen.probe


@pytest.mark.parametrize(
    ("fixture", "width"),
    [
        ("backend-bad-registration", 1280),
        # Just above and below where the stage table turns into blocks (860 px).
        ("backend-bad-registration", 880),
        ("backend-bad-registration", 500),
        ("review-ready", 500),
    ],
)
def test_nothing_is_cut_off_broken_or_overlapping(
    fixture: str, width: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _ = reports(fixture, tmp_path, monkeypatch, with_json=False)
    seen = probe(tmp_path, page, width)
    assert seen["scrollWidth"] <= seen["viewport"], seen
    assert seen["widest"] <= seen["viewport"], seen
    assert not seen["tableOverflow"], seen
    assert seen["broken"] == [], seen
    assert seen["spill"] == [], seen


def test_probe_catches_a_header_broken_inside_a_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check can fail: the old stage table (fixed layout, words allowed to break anywhere)
    split "Suppressed" and "Not checked" across lines at 500 px, and the status badges ran over
    the next column."""
    page, _ = reports("backend-bad-registration", tmp_path, monkeypatch, with_json=False)
    old_table = (
        "@media (max-width: 860px) { table.stages { display: table !important; }"
        " table.stages thead { display: table-header-group !important; }"
        " table.stages tbody { display: table-row-group !important; }"
        " table.stages tr { display: table-row !important; }"
        " table.stages td { display: table-cell !important; } }"
        " table.stages { table-layout: fixed; }"
        " table.stages th { white-space: normal; overflow-wrap: anywhere; width: 11%; }"
    )
    seen = probe(tmp_path, page, 500, old_table)
    assert {"Suppressed", "Passed"} & set(seen["broken"]), seen
    assert seen["spill"], seen


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshot(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page, _ = reports("backend-bad-registration", tmp_path, monkeypatch, with_json=False)
    shot = tmp_path / "review.png"
    out = chromium(tmp_path, "--window-size=1280,1800", f"--screenshot={shot}", page.as_uri())
    assert out.returncode == 0, out.stderr[-2000:]
    assert _png_size(shot) == (1280, 1800)
    # A blank page compresses to a few kilobytes; the report has text, tiles and colours.
    assert shot.stat().st_size > 50_000


def test_prints_to_pdf(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page, _ = reports("backend-bad-registration", tmp_path, monkeypatch)
    pdf = tmp_path / "review.pdf"
    out = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert out.returncode == 0, out.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert pages >= 2


def test_probe_detects_overflow(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The cut-off check can fail: a too-wide element is caught."""
    page, _ = reports("backend-clean", tmp_path, monkeypatch)
    wide = page.read_text(encoding="utf-8").replace(
        "<main>", '<main><div style="width:2000px">wide</div>', 1
    )
    probed = tmp_path / "wide.html"
    probed.write_text(wide.replace("</body>", PROBE), "utf-8")
    seen = dom(tmp_path, probed, width=1280)
    assert seen.probe is not None
    assert seen.probe["widest"] > seen.probe["viewport"]
