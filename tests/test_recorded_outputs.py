"""Every fixture gives exactly the findings 0.1.0 gave (tests/data/recorded-0.1.0.json).

The version 2 architecture changes how findings are computed, not which findings there are: the
code, file, start position, message and severity of every finding of every fixture, with the
default selection and with every rule on, are compared with what 0.1.0 printed. A change that
moves a finding on purpose updates the recording in the same commit and says why.

Regenerate (only for such a change): python tests/test_recorded_outputs.py --write
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
RECORDING = REPO / "tests" / "data" / "recorded-0.1.0.json"
SELECTIONS = {"default": [], "all": ["--select", "ALL"]}


def _run(fixture: str, extra: list[str]) -> dict[str, Any]:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cxone_lint",
            "check",
            "--no-cache",
            "-o",
            "json",
            *extra,
            f"fixtures/{fixture}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(proc.stdout)
    return {
        "exit": proc.returncode,
        "findings": [
            [
                f["code"],
                f["path"],
                f["location"]["line"],
                f["location"]["column"],
                f["severity"],
                f["message"],
            ]
            for f in report["findings"]
        ],
    }


def _fixtures() -> list[str]:
    return sorted(json.loads(RECORDING.read_text())) if RECORDING.exists() else []


@pytest.mark.parametrize("fixture", _fixtures())
@pytest.mark.parametrize("selection", sorted(SELECTIONS))
def test_fixture_gives_the_recorded_findings(fixture: str, selection: str) -> None:
    recorded = json.loads(RECORDING.read_text())[fixture][selection]
    assert _run(fixture, SELECTIONS[selection]) == recorded


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    # The fixtures 0.1.0 had (the recording's); a fixture added since has its own tests.
    names = _fixtures() or sorted(p.name for p in (REPO / "fixtures").iterdir() if p.is_dir())
    data = {n: {s: _run(n, extra) for s, extra in SELECTIONS.items()} for n in names}
    RECORDING.write_text(json.dumps(data, indent=1) + "\n")
