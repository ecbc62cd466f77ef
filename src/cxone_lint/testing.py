"""Test harness for rule packs: run a rule's own VALID/INVALID cases through the real engine.

A third-party pack tests its rules exactly the way the built-in ones are tested:

    # tests/test_rules.py of a pack
    import pytest
    from cxone_lint.testing import case_params, check_case
    from acme_rules import PACK

    @pytest.mark.parametrize(("rule", "case"), case_params(PACK))
    def test_rule_case(rule, case, tmp_path):
        check_case(rule, case, tmp_path, extra_packs=[PACK])

Each case is a small project written to a temporary directory; only the rule under test (plus
any codes the case's settings select) runs, and the findings of that rule must be exactly the
expected (code, path, line) list. Cases with `fixed` also apply fixes and compare the text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic
from cxone_lint.api.pack import RulePack
from cxone_lint.api.results import RunResult
from cxone_lint.api.rule import Case, Rule
from cxone_lint.api.settings import Settings
from cxone_lint.run.engine import Engine, RunOptions
from cxone_lint.run.registry import Registry, load_registry, validated
from cxone_lint.run.settings import apply_table


def write_project(root: Path, files: dict[str, str] | Any) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        # surrogateescape lets a case hold bytes that are not valid UTF-8.
        path.write_bytes(text.encode("utf-8", "surrogateescape"))


def _registry(extra_packs: Sequence[RulePack]) -> Registry:
    registry = load_registry()
    names = {p.name for p in registry.packs}
    missing = [p for p in extra_packs if p.name not in names]
    return validated([*registry.packs, *missing]) if missing else registry


def run_project(
    root: Path,
    select: Sequence[str],
    settings_table: dict[str, Any] | None = None,
    extra_packs: Sequence[RulePack] = (),
    fix: bool = False,
    unsafe: bool = False,
    inputs: dict[str, Any] | None = None,
) -> RunResult:
    registry = _registry(extra_packs)
    settings = Settings(root=root.resolve())
    apply_table(settings, dict(settings_table or {}), registry.options, "<test case>")
    table_select = list((settings_table or {}).get("extend-select", []))
    enabled = registry.select(list(select), table_select, settings.ignore)
    engine = Engine(settings, registry, enabled)
    options = RunOptions(paths=[root], use_cache=False, jobs=1, inputs=dict(inputs or {}))
    result = engine.run(options)
    if fix or unsafe:
        from cxone_lint.run.fix import apply_fixes

        result, _, _ = apply_fixes(engine, options, result, unsafe=unsafe)
    return result


def findings(result: RunResult, code: str | None = None) -> list[tuple[str, str, int]]:
    return sorted(
        (d.code, d.path, d.start.line) for d in result.active if code is None or d.code == code
    )


def commit_base(root: Path, files: dict[str, str] | Any) -> None:
    """Make `root` a git repository whose HEAD holds `files`."""
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=cxone-lint", "-c", "user.email=lint@example.invalid", *args],
            cwd=root,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    write_project(root, files)
    git("add", "-A")
    git("commit", "-q", "--no-verify", "-m", "base")


def check_case(
    rule: type[Rule], case: Case, tmp_path: Path, extra_packs: Sequence[RulePack] = ()
) -> list[Diagnostic]:
    inputs: dict[str, Any] = {}
    if case.base is not None:
        commit_base(tmp_path, case.base)
        for rel in set(case.base) - set(case.files):
            (tmp_path / rel).unlink()
        inputs["base"] = "HEAD"
    write_project(tmp_path, case.files)
    result = run_project(
        tmp_path,
        [rule.code],
        dict(case.settings),
        extra_packs,
        fix=case.fixed is not None,
        unsafe=case.unsafe,
        inputs=inputs,
    )
    if case.fixed is not None:
        for rel, expected in case.fixed.items():
            got = (tmp_path / rel).read_bytes().decode("utf-8", "surrogateescape")
            assert got == expected, f"{rule.code}: fixed text of {rel} differs:\n{got}"
        return [d for d in result.active if d.code == rule.code]
    found = findings(result, rule.code)
    want = sorted((e.code, e.path, e.line) for e in case.expect)
    assert found == want, f"{rule.code} {case.note or ''}: expected {want}, got {found}"
    return [d for d in result.active if d.code == rule.code]


def case_params(pack: RulePack) -> Iterator[Any]:
    """pytest parameters (rule, case) with readable ids, for every case of every rule."""
    import pytest

    for rule in pack.rules:
        for kind, cases in (("valid", rule.VALID), ("invalid", rule.INVALID)):
            for index, case in enumerate(cases):
                yield pytest.param(rule, case, id=f"{rule.code}-{kind}-{index}")
