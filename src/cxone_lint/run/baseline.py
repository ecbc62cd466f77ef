"""Baselines: the findings a project has accepted for now, so a gate can fail only on new ones.

A baseline file records path + code + fingerprint + count for every active finding, sorted,
with no line numbers (the fingerprint is built from the rule's stable key, so moving code does
not make a finding "new"), no timestamps (the file only changes when findings do) and no
messages or values (nothing a secret could hide in).

`check --baseline FILE` marks findings covered by the file as suppressed ("baseline"): each
entry covers at most `count` findings, so a second copy of an accepted finding is reported.
Entries that no longer match anything are stale: the finding was fixed (or changed) and the
baseline should be regenerated so it cannot hide a later regression. An entry is only called
stale when its file was linted and its rule ran in this run; otherwise nobody knows.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cxone_lint.api.results import RunResult
from cxone_lint.api.settings import Settings
from cxone_lint.run.engine import INTERNAL_ERROR
from cxone_lint.run.settings import SettingsError

FORMAT_VERSION = 1
DEFAULT_NAME = ".cxone-lint-baseline.json"
SUPPRESSED_BY = "baseline"

Key = tuple[str, str, str]  # path, code, fingerprint


@dataclass(frozen=True, order=True)
class Entry:
    path: str
    code: str
    fingerprint: str
    count: int

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "code": self.code,
            "fingerprint": self.fingerprint,
            "count": self.count,
        }


@dataclass
class Outcome:
    """What applying a baseline did: the result with covered findings suppressed, and leftovers."""

    result: RunResult
    path: Path
    matched: int
    stale: list[Entry]

    def to_json(self) -> dict[str, Any]:
        return {
            "file": shown_path(self.path),
            "matched": self.matched,
            "stale": [e.to_json() for e in self.stale],
        }


def load_baseline(path: Path) -> Counter[Key]:
    """The counts a baseline file allows; SettingsError (exit 2) for anything malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SettingsError(
            f"{path}: baseline file not found (create it with `cxone-lint baseline`)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise SettingsError(f"{path}: cannot read baseline: {reason}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsError(
            f"{path}: baseline is not valid JSON: {exc.msg} (line {exc.lineno})"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise SettingsError(f"{path}: not a cxone-lint baseline (no 'findings' list)")
    if data.get("version") != FORMAT_VERSION:
        raise SettingsError(
            f"{path}: unsupported baseline version {data.get('version')!r} "
            f"(this cxone-lint reads version {FORMAT_VERSION})"
        )
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(data["findings"], start=1):
        problem = _entry_problem(entry)
        if problem:
            raise SettingsError(f"{path}: malformed baseline entry {number}: {problem}")
        counts[(entry["path"], entry["code"], entry["fingerprint"])] += entry["count"]
    return counts


def _entry_problem(entry: object) -> str | None:
    if not isinstance(entry, dict):
        return "not an object"
    for field in ("path", "code", "fingerprint"):
        if not isinstance(entry.get(field), str) or not entry[field]:
            return f"'{field}' must be a non-empty string"
    count = entry.get("count")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        return "'count' must be a positive integer"
    return None


def compare(
    result: RunResult, budget: Counter[Key], enabled: Collection[str] | None = None
) -> tuple[int, list[Entry]]:
    """Suppress findings the budget covers (in report order); return (matched, stale entries)."""
    left = Counter(budget)
    matched = 0
    out = []
    for d in result.diagnostics:
        key = (d.path, d.code, d.fingerprint())
        if d.suppressed is None and left[key] > 0:
            left[key] -= 1
            matched += 1
            d = d.with_(suppressed=SUPPRESSED_BY)
        out.append(d)
    result.diagnostics = out
    stale = sorted(
        Entry(path, code, fp, n)
        for (path, code, fp), n in left.items()
        if n > 0 and path in result.files and (enabled is None or code in enabled)
    )
    return matched, stale


def use_baseline(result: RunResult, path: Path, enabled: Collection[str] | None = None) -> Outcome:
    matched, stale = compare(result, load_baseline(path), enabled)
    return Outcome(result, path, matched, stale)


def stale_message(outcome: Outcome, shown: Callable[[str], str] = str) -> list[str]:
    """Lines for stderr, or none when every entry still matches. `shown` turns an entry's
    project-relative path into the one the user sees (relative to the working directory)."""
    if not outcome.stale:
        return []
    n = len(outcome.stale)
    what = f"{n} stale entr{'y' if n == 1 else 'ies'}"
    lines = [
        f"cxone-lint: baseline {shown_path(outcome.path)}: {what} "
        "(no longer found; run `cxone-lint baseline` to refresh it):"
    ]
    lines.extend(f"  {shown(e.path)}: {e.code} {e.fingerprint} (x{e.count})" for e in outcome.stale)
    return lines


def entries(result: RunResult) -> list[Entry]:
    """What a baseline of this run holds: every active finding except crashes (a crash must
    never become accepted)."""
    counts = Counter(
        (d.path, d.code, d.fingerprint()) for d in result.active if d.code != INTERNAL_ERROR
    )
    return sorted(Entry(p, c, f, n) for (p, c, f), n in counts.items())


def render_baseline(result: RunResult) -> str:
    findings = [e.to_json() for e in entries(result)]
    return json.dumps({"version": FORMAT_VERSION, "findings": findings}, indent=2) + "\n"


def default_path(settings: Settings) -> Path:
    """The `baseline` setting (relative to the project root), else the default file name."""
    return settings.root / (settings.baseline or DEFAULT_NAME)


def exclude_from_lint(settings: Settings, path: Path | None) -> None:
    """The baseline is the tool's own bookkeeping: never lint it as a JSON config file (its
    hex fingerprints are exactly what a secret scanner looks for)."""
    names = [f"/{DEFAULT_NAME}"]
    if path is not None:
        try:
            rel = path.resolve().relative_to(settings.root.resolve()).as_posix()
        except ValueError:
            rel = None
        if rel:
            names.append(f"/{rel}")
    settings.extend_exclude = [*settings.extend_exclude, *names]


def shown_path(path: Path) -> str:
    """A path as the user sees it: relative to the working directory when that is shorter."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return Path(rel).as_posix() if not rel.startswith("..") else str(path)
