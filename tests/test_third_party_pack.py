"""A third-party pack tests its rules with cxone_lint.testing exactly like the built-ins."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxone_lint.testing import case_params, check_case, findings, run_project, write_project
from tests.packs.acme import PACK


@pytest.mark.parametrize(("rule", "case"), list(case_params(PACK)))
def test_acme_cases(rule, case, tmp_path: Path) -> None:
    check_case(rule, case, tmp_path, extra_packs=[PACK])


def test_pack_option_is_validated(tmp_path: Path) -> None:
    from cxone_lint.run.settings import SettingsError

    write_project(tmp_path, {"a.py": "import pdb\npdb.set_trace()\n"})
    with pytest.raises(SettingsError, match="'acme-level' has the wrong type"):
        run_project(tmp_path, ["ACME101"], {"acme-level": "high"}, extra_packs=[PACK])


def test_noqa_suppresses_exactly_the_named_code(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "a.py": "import pdb\npdb.set_trace()  # noqa: ACME101 -- debugging CX401\n"
            "pdb.set_trace()  # noqa: ACME999\n"
        },
    )
    result = run_project(tmp_path, ["ACME", "CX01"], extra_packs=[PACK])
    assert findings(result) == [
        ("ACME101", "a.py", 3),
        ("LINT011", "a.py", 3),
    ]
    suppressed = [d for d in result.diagnostics if d.suppressed]
    assert [(d.code, d.line, d.suppressed) for d in suppressed] == [
        ("ACME101", 2, "noqa: debugging CX401")
    ]


def test_noqa_on_any_line_of_a_multiline_statement(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {"a.py": "import pdb\nx = [\n    pdb.set_trace(),\n    1,  # noqa: ACME101\n]\n"},
    )
    result = run_project(tmp_path, ["ACME", "CX01"], extra_packs=[PACK])
    assert findings(result) == []


def test_file_level_suppression_in_toml(tmp_path: Path) -> None:
    write_project(tmp_path, {"x.toml": '# cxone-lint: noqa: ACME201\nowner = "nobody"\n'})
    assert findings(run_project(tmp_path, ["ACME", "CX01"], extra_packs=[PACK])) == []
    write_project(tmp_path, {"x.toml": 'owner = "nobody"  # noqa: ACME201 reason\n'})
    assert findings(run_project(tmp_path, ["ACME", "CX01"], extra_packs=[PACK])) == []
    write_project(tmp_path, {"x.toml": 'owner = "nobody"  # noqa: ACME101\n'})
    assert findings(run_project(tmp_path, ["ACME", "CX01"], extra_packs=[PACK])) == [
        ("ACME201", "x.toml", 1),
        ("LINT010", "x.toml", 1),
    ]


def test_fix_keeps_mode_and_crlf(tmp_path: Path) -> None:
    write_project(tmp_path, {"a.py": "import pdb\r\npdb.set_trace()\r\n"})
    (tmp_path / "a.py").chmod(0o750)
    result = run_project(tmp_path, ["ACME101"], extra_packs=[PACK], fix=True)
    assert findings(result) == []
    assert (tmp_path / "a.py").read_bytes() == b"import pdb\r\nNone\r\n"
    assert (tmp_path / "a.py").stat().st_mode & 0o777 == 0o750


def test_crashing_rule_is_isolated(tmp_path: Path) -> None:
    from cxone_lint.api.pack import RulePack

    class Boom(PACK.rules[1]):  # type: ignore[misc,valid-type]
        __doc__ = PACK.rules[1].__doc__
        code = "ACME999"
        name = "boom"
        INVALID = ()
        VALID = ()

        def check(self, ctx):  # type: ignore[no-untyped-def]
            raise KeyError("x")

    boom = RulePack("boom", "1", [Boom])
    write_project(tmp_path, {"a.py": "import pdb\npdb.set_trace()\n", "x.toml": 'owner = "n"\n'})
    result = run_project(tmp_path, ["ACME", "LINT003"], extra_packs=[PACK, boom])
    assert findings(result) == [
        ("ACME101", "a.py", 2),
        ("ACME201", "x.toml", 1),
        ("LINT003", "a.py", 1),
    ]
    assert result.had_internal_error
    (crash,) = [d for d in result.active if d.code == "LINT003"]
    assert "ACME999 (boom) crashed: KeyError" in crash.message


def test_pack_options_in_the_packs_own_table(tmp_path: Path) -> None:
    """[tool.cxone-lint.<pack>] holds that pack's options, typed like the top-level form."""
    from cxone_lint.run.registry import load_registry, validated
    from cxone_lint.run.settings import SettingsError, load_settings

    registry = validated([*load_registry().packs, PACK])
    (tmp_path / "cxone-lint.toml").write_text("[acme]\nacme-level = 3\n")
    assert load_settings(tmp_path, registry.options).options["acme-level"] == 3
    (tmp_path / "cxone-lint.toml").write_text('[acme]\nmanifest = "x.toml"\n')
    with pytest.raises(SettingsError, match=r"\[acme\]: unknown key 'manifest'"):
        load_settings(tmp_path, registry.options)


def test_two_packs_declaring_one_option_is_a_load_error() -> None:
    import dataclasses

    from cxone_lint.api.pack import Option
    from cxone_lint.run.registry import load_registry, validated
    from cxone_lint.run.settings import SettingsError

    clash = dataclasses.replace(PACK, options=[Option("manifest", str, "", "clashes")])
    with pytest.raises(SettingsError, match="acme: option 'manifest' is also declared by cxone"):
        validated([*load_registry().packs, clash])
