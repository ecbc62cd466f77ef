"""Worker processes never change findings or their order, and a dying worker costs one file."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import libcst as cst
import pytest

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Position
from cxone_lint.api.pack import RulePack
from cxone_lint.api.python import PythonExtractor
from cxone_lint.api.results import RunResult
from cxone_lint.api.rule import Rule
from cxone_lint.run.engine import Engine, RunOptions
from cxone_lint.run.parallel import chunked, should_parallelise
from cxone_lint.run.registry import Registry, load_registry, validated
from cxone_lint.run.settings import load_settings
from cxone_lint.run.workspace import SourceFile
from cxone_lint.testing import findings, write_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FIXTURE_DIRS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
REGISTRY = load_registry()
TOKEN_URL = '"https://cxone.niceincontact.com/auth/token"'


@pytest.fixture(autouse=True)
def always_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    # The fixtures are small; without this, jobs=2 would (rightly) stay in-process.
    monkeypatch.setattr("cxone_lint.run.parallel.PARALLEL_MIN_FILES", 2)


def lint(
    root: Path, jobs: int, registry: Registry = REGISTRY, select: tuple[str, ...] = ("ALL",)
) -> RunResult:
    settings = load_settings(root, registry.options, isolated=True)
    engine = Engine(settings, registry, registry.select(list(select), [], []))
    return engine.run(RunOptions(use_cache=False, jobs=jobs))


def output(result: RunResult) -> str:
    return json.dumps(
        {
            "diagnostics": [d.to_json() for d in result.diagnostics],
            "files": [[rel, r.to_json()] for rel, r in result.files.items()],
        },
        indent=1,
    )


@pytest.mark.parametrize("name", FIXTURE_DIRS)
def test_one_and_two_workers_agree_on_each_fixture(name: str, tmp_path: Path) -> None:
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root)
    assert output(lint(root, jobs=1)) == output(lint(root, jobs=2))


def test_one_and_two_workers_agree_on_all_fixtures_as_one_tree(tmp_path: Path) -> None:
    root = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, root)
    serial = lint(root, jobs=1)
    assert serial.diagnostics
    assert output(serial) == output(lint(root, jobs=2))


def test_many_files_many_chunks_same_findings_same_order(tmp_path: Path) -> None:
    files = {}
    for i in range(150):
        if i % 3 == 0:
            files[f"pkg{i % 7}/auth_{i:03}.py"] = f"import requests\nURL = {TOKEN_URL}\n"
        elif i % 3 == 1:
            files[f"pkg{i % 7}/broken_{i:03}.py"] = f"URL = {TOKEN_URL}\nx = (\n"
        else:
            files[f"pkg{i % 7}/plain_{i:03}.py"] = "def f():\n    return 1\n"
    write_project(tmp_path, files)
    serial, parallel = lint(tmp_path, jobs=1), lint(tmp_path, jobs=2)
    assert list(parallel.files) == sorted(parallel.files)
    assert output(serial) == output(parallel)
    assert len(findings(parallel, "LINT001")) == 50


def test_chunks_cover_every_file_once() -> None:
    files = [SourceFile(Path(f"/p/{i}.py"), f"{i}.py", "python") for i in range(1001)]
    chunks = chunked(files, 2)
    assert [f for c in chunks for f in c] == files
    assert len(chunks) > 2


def test_small_runs_stay_in_process() -> None:
    one = [SourceFile(Path("/p/a.py"), "a.py", "python")]
    assert not should_parallelise(one, 2, 100)
    assert not should_parallelise(one * 100, 1, None)


# A pack whose extractor kills its process on one file, as a native parser crash would.
class Killer(PythonExtractor):
    name = "test.killer"
    prefilter = ("MARK",)

    def visit_Module(self, node: cst.Module) -> None:
        if "KILL_THE_PROCESS" in self.text:
            os.abort()
        self.facts["seen"] = True


class Seen(Rule):
    """Reports every file the killer extractor saw.

    ## What it does
    Test rule.

    ## Why
    Test rule.

    ## Example
    None.

    ## Fix safety
    None.

    ## References
    - https://example.invalid
    """

    code = "TST001"
    name = "seen"
    summary = "seen"

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for rel, facts in ctx.facts("test.killer"):
            if facts.get("seen"):
                yield self.report(rel, Position(1, 1), "seen")


PACK = RulePack(name="test-killer", version="1", rules=[Seen], extractors=[Killer])


def test_a_dying_worker_costs_only_its_file(tmp_path: Path) -> None:
    files = {f"m{i:02}.py": "MARK = 1\n" for i in range(40)}
    files["m17.py"] = "MARK = 1  # KILL_THE_PROCESS\n"
    write_project(tmp_path, files)
    registry = validated([*REGISTRY.packs, PACK])
    result = lint(tmp_path, jobs=2, registry=registry, select=("TST001", "LINT001"))
    expected = [("LINT001", "m17.py", 1)] + [
        ("TST001", rel, 1) for rel in sorted(files) if rel != "m17.py"
    ]
    assert findings(result) == sorted(expected)
    assert "crashed" in next(d.message for d in result.active if d.code == "LINT001")
