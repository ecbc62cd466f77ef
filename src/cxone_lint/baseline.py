"""Baselines: accepted findings recorded by path + code + fingerprint + count (no lines, no
timestamps, no secret values). Findings covered by the baseline are marked suppressed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from cxone_lint.engine import RunResult
from cxone_lint.settings import SettingsError

FORMAT_VERSION = 1


def load_baseline(path: Path) -> Counter[tuple[str, str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read baseline: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise SettingsError(f"{path}: baseline is not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise SettingsError(f"{path}: not a cxone-lint baseline (no 'findings' list)")
    counts: Counter[tuple[str, str, str]] = Counter()
    for entry in data["findings"]:
        try:
            counts[(entry["path"], entry["code"], entry["fingerprint"])] += int(entry["count"])
        except (KeyError, TypeError, ValueError):
            raise SettingsError(f"{path}: malformed baseline entry {entry!r}") from None
    return counts


def apply_baseline(result: RunResult, path: Path) -> RunResult:
    budget = load_baseline(path)
    out = []
    for d in result.diagnostics:
        key = (d.path, d.code, d.fingerprint())
        if d.suppressed is None and budget[key] > 0:
            budget[key] -= 1
            d = d.with_(suppressed="baseline")
        out.append(d)
    result.diagnostics = out
    return result


def render_baseline(result: RunResult) -> str:
    counts = Counter((d.path, d.code, d.fingerprint()) for d in result.active)
    findings = [
        {"path": p, "code": c, "fingerprint": f, "count": n}
        for (p, c, f), n in sorted(counts.items())
    ]
    return json.dumps({"version": FORMAT_VERSION, "findings": findings}, indent=2) + "\n"
