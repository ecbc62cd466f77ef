"""Triage never changes a finding: every fixture and every rule case, with and without it.

Triage (extract/python/triage.py) skips the libcst analysis of Python files without evidence,
and the pack's demand (facts/demand.py) brings back the ones the linker needs. Here every
rule is selected and both runs are compared finding by finding (code, file, line, column and
message); tests/test_corpus_runs.py does the same on the standard library and site-packages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxone_lint.api.rule import Case, Rule
from cxone_lint.api.settings import Settings
from cxone_lint.run.engine import Engine, RunOptions
from cxone_lint.run.registry import load_registry
from cxone_lint.run.settings import apply_table
from cxone_lint.testing import case_params, write_project

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted(p for p in (ROOT / "fixtures").iterdir() if p.is_dir())
REGISTRY = load_registry()
PARAMS = [p for pack in REGISTRY.packs for p in case_params(pack)]


def _run(root: Path, triage: bool, table: dict[str, object]) -> list[tuple[object, ...]]:
    registry = REGISTRY
    settings = Settings(root=root.resolve())
    apply_table(settings, dict(table), registry.options, "<triage test>")
    engine = Engine(settings, registry, registry.select(["ALL"], [], []))
    options = RunOptions(paths=[root], use_cache=False, use_triage=triage, jobs=1)
    result = engine.run(options)
    return [(d.code, d.path, d.start.line, d.start.column, d.message) for d in result.active]


@pytest.mark.parametrize("folder", FIXTURES, ids=lambda p: p.name)
def test_fixture_findings_do_not_depend_on_triage(folder: Path) -> None:
    assert _run(folder, True, {}) == _run(folder, False, {})


@pytest.mark.parametrize(("rule", "case"), PARAMS)
def test_case_findings_do_not_depend_on_triage(
    rule: type[Rule], case: Case, tmp_path: Path
) -> None:
    write_project(tmp_path, case.files)
    table = dict(case.settings)
    assert _run(tmp_path, True, table) == _run(tmp_path, False, table)
