"""Every case of every loaded pack's rules runs through the real engine (exact findings and
fixed texts): the case folders (rules/cxone_rules/cases/<CODE>/<case>/) and in-code cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxone_lint.api.rule import Case, Rule
from cxone_lint.run.registry import load_registry
from cxone_lint.testing import case_params, check_case, rule_cases

REGISTRY = load_registry()
PARAMS = [p for pack in REGISTRY.packs for p in case_params(pack)]
CASES = [c for pack in REGISTRY.packs for c in rule_cases(pack)]


@pytest.mark.parametrize(("rule", "case"), PARAMS)
def test_rule_case(rule: type[Rule], case: Case, tmp_path: Path) -> None:
    check_case(rule, case, tmp_path)


@pytest.mark.parametrize("rule", sorted(REGISTRY.rules.values(), key=lambda r: r.code))
def test_rule_has_cases(rule: type[Rule]) -> None:
    # Engine-internal LINT003 cannot be provoked by a project; every other rule must show both.
    if rule.code == "LINT003":
        return
    mine = [c for c in CASES if c.rule is rule]
    assert any(c.kind == "invalid" for c in mine), f"{rule.code} has no invalid case"
    assert any(c.kind == "valid" for c in mine), f"{rule.code} has no valid case"
    if rule.fixable != "none":
        assert any(c.case.fixed is not None for c in mine), f"{rule.code} has no fix case"


def test_the_cxone_rules_keep_their_cases_in_folders() -> None:
    (pack,) = [p for p in REGISTRY.packs if p.name == "cxone"]
    assert [r.code for r in pack.rules if r.VALID or r.INVALID] == []
    folders = [c for c in rule_cases(pack) if "/" in c.id]
    # 320 Python and configuration cases, 107 JavaScript/TypeScript ones (`*-js-*`), 108 PHP
    # and PowerShell ones (`*-php-*`, `*-powershell-*`, `CX409/*-web-root`).
    assert len(folders) == 537
    assert len([c for c in folders if "-js-" in c.id]) == 107
    assert {c.rule.code for c in folders} == {r.code for r in pack.rules}
