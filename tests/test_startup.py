"""Start-up: what `cxone-lint --version` and small runs import (`python -X importtime`).

Every command pays for its imports on every run, and a pre-commit hook runs on every commit:
the heavy libraries (libcst, the YAML/TOML/JSON/.env document parsers, multiprocessing) are
imported by the code that needs them, when it needs them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY_PARSERS = ("yaml", "tomlkit", "json_source_map", "dotenv")


def imported(args: list[str], cwd: Path) -> set[str]:
    """Modules a fresh interpreter imports to run `args` (from -X importtime's trace)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "imported package" not in line
    }


def loaded(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "util.py").write_text("def add(a, b):\n    return a + b\n")
    (tmp_path / "deploy.yaml").write_text("replicas: 2\n")
    return tmp_path


def test_version_imports_nothing_heavy(project: Path) -> None:
    modules = imported(["-m", "cxone_lint", "--version"], project)
    assert loaded(modules, "cxone_lint.cli.main")
    for heavy in ("libcst", "cxone_rules", "pathspec", "multiprocessing", *HEAVY_PARSERS):
        assert not loaded(modules, heavy), heavy


def test_engine_modules_do_not_import_libcst(project: Path) -> None:
    # The engine's own modules parse Python only on demand (analysis/files.py imports
    # analysis/python.py, and with it libcst, for the first file that needs parsing).
    code = (
        "import cxone_lint.run.engine, cxone_lint.run.cache, cxone_lint.run.parallel, "
        "cxone_lint.run.analyse, cxone_lint.cli.check"
    )
    modules = imported(["-c", code], project)
    assert loaded(modules, "cxone_lint.run.cache")
    for heavy in ("libcst", "multiprocessing", "concurrent.futures", *HEAVY_PARSERS):
        assert not loaded(modules, heavy), heavy


def test_one_python_file_loads_no_document_parser_and_no_workers(project: Path) -> None:
    modules = imported(["-m", "cxone_lint", "check", "--isolated", "util.py"], project)
    assert loaded(modules, "cxone_lint.run.engine")
    for heavy in ("multiprocessing", "concurrent.futures", *HEAVY_PARSERS):
        assert not loaded(modules, heavy), heavy


def test_a_yaml_file_loads_the_yaml_parser(project: Path) -> None:
    # The control for the test above: the trace does see a parser that is needed.
    modules = imported(["-m", "cxone_lint", "check", "--isolated", "deploy.yaml"], project)
    assert loaded(modules, "yaml")
    assert not loaded(modules, "tomlkit")


def test_one_plain_python_file_does_not_load_libcst(project: Path) -> None:
    modules = imported(["-m", "cxone_lint", "check", "--isolated", "util.py"], project)
    assert not loaded(modules, "libcst")
