"""Every rule of every loaded pack runs its own VALID and INVALID cases (exact findings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxone_lint.api.rule import Rule
from cxone_lint.run.registry import load_registry
from cxone_lint.testing import case_params, check_case

REGISTRY = load_registry()
PARAMS = [p for pack in REGISTRY.packs for p in case_params(pack)]


@pytest.mark.parametrize(("rule", "case"), PARAMS)
def test_rule_case(rule: type[Rule], case, tmp_path: Path) -> None:
    check_case(rule, case, tmp_path)


@pytest.mark.parametrize("rule", sorted(REGISTRY.rules.values(), key=lambda r: r.code))
def test_rule_has_cases(rule: type[Rule]) -> None:
    # Engine-internal CX003 cannot be provoked by a project; every other rule must show both.
    if rule.code == "CX003":
        return
    assert rule.INVALID, f"{rule.code} has no invalid case"
    if rule.fixable != "none":
        assert any(c.fixed is not None for c in rule.INVALID), f"{rule.code} has no fix case"
