"""Corpus runs: the real command line, every rule enabled, over code it has never seen.

The CPython standard library of the running interpreter and the installed site-packages are
copied (only the kinds of files cxone-lint reads, so the copy is cheap and the interpreter's own
tree is never written to) and linted with and without a registration manifest. Neither is a
CXone integration, so nearly every finding there is a false positive; the run must still be
clean of crashes:

- exit code 0 or 1, no traceback on stderr, no internal error (LINT003);
- every file accounted for: files seen == analysed + skipped (not relevant, or a stated reason),
  and seen == the files of linted kinds in the copy outside the default excludes;
- every finding points at a file of the copy, inside it.

The figures (files, lines, time, findings by code, false LINT001 on code CPython accepts) are
printed (`pytest -s`). The run with a manifest uses the cache the first one wrote; between
them, a run without triage must give the first run's findings exactly.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pathspec
import pytest

from cxone_lint.run.workspace import DEFAULT_EXCLUDES, LISTED_EXCLUDES, file_kind

CLI = [sys.executable, "-m", "cxone_lint"]
# The start of LINT002's message on valid Python that libcst cannot parse (languages/python.py).
LIBCST_LIMIT = "valid Python that the analysis parser (libcst) cannot read"

MANIFEST = """\
[app]
name = "Corpus Run"
client_id = "corpus-run"
type = "backend"
tenancy = "single"
business_unit = 4600123
environments = ["na1"]
auth_method = "client_secret_basic"
scope = []
contacts = ["cx-integrations@acme.example"]
status = "enabled"

[api_user]
username = "svc-corpus@acme.example"
primary_role = "Corpus Run API"
permissions = ["Contacts View"]
attributes = []
"""


def _copy(source: Path, target: Path) -> None:
    def ignore(directory: str, names: list[str]) -> list[str]:
        skipped = []
        for name in names:
            full = os.path.join(directory, name)
            if os.path.isdir(full) and not os.path.islink(full):
                if name in ("site-packages", "__pycache__"):
                    skipped.append(name)
            elif file_kind(name) is None:
                skipped.append(name)
        return skipped

    shutil.copytree(source, target, ignore=ignore, symlinks=True)


CORPORA = {
    "stdlib": Path(sysconfig.get_paths()["stdlib"]),
    "site-packages": Path(sysconfig.get_paths()["purelib"]),
}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("corpus")
    out = {}
    for name, source in CORPORA.items():
        if source.is_dir():
            _copy(source, base / name)
            out[name] = base / name
    return out


def _expected_files(root: Path) -> set[str]:
    """Files the linter should see, found independently of its own discovery code."""
    spec = pathspec.GitIgnoreSpec.from_lines(DEFAULT_EXCLUDES)
    found = set()
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        prefix = "" if rel_dir == "." else rel_dir + "/"
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not spec.match_file(prefix + d + "/")
            and not os.path.islink(os.path.join(dirpath, d))
        )
        for name in filenames:
            rel = prefix + name
            full = Path(dirpath) / name
            if file_kind(name) is None or spec.match_file(rel):
                continue
            if full.is_symlink():
                continue  # followed only inside the root; none here in practice
            found.add(rel)
    return found


def _lines(path: Path) -> int:
    try:
        return len(path.read_bytes().splitlines())
    except OSError:
        return 0


def _run(root: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    proc = subprocess.run(
        [*CLI, "check", "--isolated", "--select", "ALL", "-o", "json", "--statistics", *extra],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    return proc, time.perf_counter() - start


def _check_run(root: Path, proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    report = json.loads(proc.stdout)
    findings = report["findings"]
    crashes = [f for f in findings if f["code"] == "LINT003"]
    assert crashes == [], crashes

    files = report["files"]
    # Folders excluded by default (vendor/, node_modules/) are listed with the skipped files,
    # as `folder/`: they hide files of linted kinds, but are not themselves files seen.
    skipped = {p: r for p, r in files["skipped"].items() if not p.endswith("/")}
    folders = {p: r for p, r in files["skipped"].items() if p.endswith("/")}
    assert set(folders.values()) <= set(LISTED_EXCLUDES.values()), folders
    assert files["seen"] == files["analysed"] + len(skipped)
    assert all(reason for reason in skipped.values())
    assert files["seen"] == len(_expected_files(root))

    for f in findings:
        path = root / f["path"]
        assert path.is_file(), f
        lines = re.split(r"\r\n|\r|\n", path.read_bytes().decode("utf-8", "replace"))
        assert 1 <= f["location"]["line"] <= len(lines), f
    return report


def _findings(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (f["code"], f["path"], f["location"]["line"], f["location"]["column"], f["message"])
        for f in report["findings"]
    ]


def _false_syntax_errors(root: Path, findings: list[dict[str, Any]]) -> list[str]:
    """Python files reported LINT001 that CPython compiles: a parser limitation, not the code's."""
    out = []
    for f in findings:
        if f["code"] != "LINT001" or file_kind(f["path"]) != "python":
            continue
        try:
            compile((root / f["path"]).read_bytes(), f["path"], "exec", dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        out.append(f"{f['path']}:{f['location']['line']}: {f['message'][:90]}")
    return out


def _summary(name: str, root: Path, report: dict[str, Any], seconds: float) -> str:
    python = [p for p in root.rglob("*.py*") if p.is_file()]
    codes = Counter(f["code"] for f in report["findings"])
    skipped = Counter(report["files"]["skipped"].values())
    false_cx001 = _false_syntax_errors(root, report["findings"])
    return (
        f"\n[{name}] {report['files']['seen']} files ({len(python)} Python, "
        f"{sum(_lines(p) for p in python)} Python lines), {seconds:.1f} s; "
        f"analysed {report['files']['analysed']}; skipped {dict(skipped.most_common())}\n"
        f"  findings by code: {dict(sorted(codes.items()))}\n"
        f"  LINT001 on code CPython accepts: {false_cx001}"
    )


@pytest.mark.slow
@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_corpus_run(corpora: dict[str, Path], corpus: str) -> None:
    if corpus not in corpora:
        pytest.skip(f"{CORPORA[corpus]} does not exist")
    root = corpora[corpus]
    (root / "cxone-app.toml").unlink(missing_ok=True)

    proc, seconds = _run(root)
    report = _check_run(root, proc)
    print(_summary(f"{corpus}, no manifest", root, report, seconds))
    # Without a manifest, the checks that need one say so instead of passing silently.
    assert "no registration manifest" in proc.stderr

    # Triage (extract/python/triage.py) changes no finding: the same run analysing every file
    # in full gives the same findings, to the column and the message. Except one kind: a file
    # triage finds nothing in is never parsed by libcst, so libcst's limits on it (LINT002,
    # valid Python libcst cannot read) are not met; each of those is a file the triage run
    # analysed.
    full, seconds = _run(root, "--no-triage", "--no-cache")
    without = _check_run(root, full)
    print(_summary(f"{corpus}, no manifest, no triage", root, without, seconds))
    limits = [f for f in _findings(without) if f not in _findings(report)]
    assert [f for f in limits if not str(f[4]).startswith(LIBCST_LIMIT)] == []
    assert _findings(report) == [f for f in _findings(without) if f not in limits]
    assert all(f[1] not in report["files"]["skipped"] for f in limits)

    (root / "cxone-app.toml").write_text(MANIFEST)
    proc, seconds = _run(root)
    report = _check_run(root, proc)
    print(_summary(f"{corpus}, with manifest", root, report, seconds))
    assert "no registration manifest" not in proc.stderr
    on_manifest = [f for f in report["findings"] if f["path"] == "cxone-app.toml"]
    assert [f for f in on_manifest if f["code"] in ("LINT001", "CX005")] == []
