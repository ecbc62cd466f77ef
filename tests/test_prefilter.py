"""The pre-filter never changes findings; syntax errors only count in CXone-relevant files;
libcst is never trusted with code nested deeper than CPython itself accepts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cxone_lint.api.results import RunResult
from cxone_lint.run.analyse import analyse_file
from cxone_lint.run.engine import Engine, RunOptions
from cxone_lint.run.registry import load_registry
from cxone_lint.run.settings import load_settings
from cxone_lint.run.workspace import SourceFile
from cxone_lint.testing import findings, run_project, write_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FIXTURE_DIRS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
REGISTRY = load_registry()
TOKEN_URL = '"https://cxone.niceincontact.com/auth/token"'


def lint(
    root: Path,
    *,
    prefilter: bool = True,
    jobs: int = 1,
    isolated: bool = False,
    select: tuple[str, ...] = ("ALL",),
) -> RunResult:
    settings = load_settings(root, REGISTRY.options, isolated=isolated)
    options = RunOptions(use_cache=False, use_prefilter=prefilter, jobs=jobs)
    return Engine(settings, REGISTRY, REGISTRY.select(list(select), [], [])).run(options)


def output(result: RunResult) -> str:
    """Everything a run reports: findings (suppressed too), skipped checks, file statuses."""
    return json.dumps(
        {
            "diagnostics": [d.to_json() for d in result.diagnostics],
            "skipped": sorted((s.code, s.reason) for s in result.skipped),
            "analysed": result.stats.files_analysed,
            "files_skipped": result.stats.files_skipped,
        },
        sort_keys=True,
        indent=1,
    )


@pytest.mark.parametrize("name", FIXTURE_DIRS)
def test_prefilter_does_not_change_fixture_output(name: str, tmp_path: Path) -> None:
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root)
    with_filter = lint(root, prefilter=True)
    without = lint(root, prefilter=False)
    assert output(with_filter) == output(without)


def test_prefilter_does_not_change_output_on_all_fixtures_as_one_tree(tmp_path: Path) -> None:
    root = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, root)
    with_filter = lint(root, prefilter=True, isolated=True)
    assert with_filter.diagnostics, "the fixtures must produce findings for this test to mean much"
    assert output(with_filter) == output(lint(root, prefilter=False, isolated=True))


def test_prefilter_skips_irrelevant_python_files(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "plain.py": "def add(a, b):\n    return a + b\n",
            "auth.py": f"import requests\nURL = {TOKEN_URL}\n",
        },
    )
    extractors = [e for p in REGISTRY.packs for e in p.extractors]
    plain = analyse_file(SourceFile(tmp_path / "plain.py", "plain.py", "python"), extractors)
    auth = analyse_file(SourceFile(tmp_path / "auth.py", "auth.py", "python"), extractors)
    assert plain.status == "not-relevant" and plain.facts == {}
    assert auth.status == "analysed" and auth.facts


# Syntax errors: LINT001 only where some extractor's pre-filter matches, in both modes.
SYNTAX_CASES = {
    "irrelevant_broken.py": "def f(:\n    pass\n",
    "relevant_broken.py": f"URL = {TOKEN_URL}\ndef f(:\n    pass\n",
    "relevant_ok.py": f"URL = {TOKEN_URL}\n",
}


@pytest.mark.parametrize("prefilter", [True, False])
def test_syntax_error_reported_only_in_relevant_files(prefilter: bool, tmp_path: Path) -> None:
    write_project(tmp_path, SYNTAX_CASES)
    result = lint(tmp_path, prefilter=prefilter, isolated=True)
    assert findings(result, "LINT001") == [("LINT001", "relevant_broken.py", 2)]
    assert result.files["irrelevant_broken.py"].status == "not-relevant"


# Deeply nested code: libcst's native parser overflows its stack (a crash no `except` can
# catch) on a few thousand levels; CPython rejects it first, and LINT001 names the file.
DEEP = {
    "parens": "x = " + "(" * 10_000 + "1" + ")" * 10_000 + "\n",
    "unary": "x = " + "-" * 10_000 + "1\n",
    "lists": "x = " + "[" * 10_000 + "]" * 10_000 + "\n",
    "not": "x = " + "not " * 10_000 + "y\n",
    "attributes": "x = a" + ".b" * 10_000 + "\n",
}


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("shape", sorted(DEEP))
def test_deep_nesting_is_cx001_and_the_run_goes_on(
    shape: str, jobs: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cxone_lint.run.parallel.PARALLEL_MIN_FILES", 2)
    write_project(
        tmp_path,
        {
            "deep.py": f"URL = {TOKEN_URL}\n" + DEEP[shape],
            "other.py": "x = (\n",
            "auth.py": f"import requests\nURL = {TOKEN_URL}\n",
        },
    )
    result = lint(tmp_path, jobs=jobs, isolated=True, select=("LINT001",))
    assert findings(result) == [("LINT001", "deep.py", 2 if shape in ("parens", "lists") else 1)]
    assert result.files["auth.py"].status == "analysed"
    assert result.files["auth.py"].facts


def test_deep_nesting_within_cpython_limits_is_analysed_or_cx001(tmp_path: Path) -> None:
    # 2,900 unary minus signs: CPython accepts it, libcst parses it, and the visit runs out of
    # Python recursion, which is caught: LINT001, never a crash.
    write_project(tmp_path, {"deep.py": f"URL = {TOKEN_URL}\nx = " + "-" * 2_900 + "1\n"})
    result = run_project(tmp_path, ["LINT001"])
    assert findings(result) == [("LINT001", "deep.py", 1)]
    assert "nested too deeply" in result.active[0].message


def test_python_2_syntax_parsed_in_isolation_reports_cx001(tmp_path: Path) -> None:
    # CPython rejects it with an ordinary syntax error: libcst decides, in a child process.
    write_project(tmp_path, {"old.py": f'URL = {TOKEN_URL}\nprint "token"\n'})
    result = run_project(tmp_path, ["LINT001"])
    assert findings(result) == [("LINT001", "old.py", 2)]


def test_isolated_parse_survives_a_crashing_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from cxone_lint.languages import python as files

    def crash(result, text, wanted):  # type: ignore[no-untyped-def]
        os.abort()

    write_project(tmp_path, {"new.py": f'URL = {TOKEN_URL}\nprint "token"\n'})
    extractors = [e for p in REGISTRY.packs for e in p.extractors]
    monkeypatch.setattr(files, "_parse_and_extract", crash)
    result = analyse_file(SourceFile(tmp_path / "new.py", "new.py", "python"), extractors)
    assert [(d.code, d.start.line) for d in result.diagnostics] == [("LINT001", 1)]
    assert "crashed" in result.diagnostics[0].message
    assert result.reason == "parser crashed"


def test_isolated_parse_gives_up_on_a_hanging_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from cxone_lint.languages import python as files

    def hang(result, text, wanted):  # type: ignore[no-untyped-def]
        time.sleep(60)

    write_project(tmp_path, {"new.py": f'URL = {TOKEN_URL}\nprint "token"\n'})
    extractors = [e for p in REGISTRY.packs for e in p.extractors]
    monkeypatch.setattr(files, "_parse_and_extract", hang)
    monkeypatch.setattr(files, "ISOLATED_PARSE_SECONDS", 0.5)
    result = analyse_file(SourceFile(tmp_path / "new.py", "new.py", "python"), extractors)
    assert [d.code for d in result.diagnostics] == ["LINT001"]
    assert result.reason == "parser timed out"
