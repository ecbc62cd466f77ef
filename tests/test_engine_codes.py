"""The engine's own codes have their own prefix (LINT), and the codes they had before
(CX001-CX003, CX010-CX012) keep working everywhere a user writes one, with a note."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from cxone_lint.api.diagnostics import Diagnostic
from cxone_lint.cli.main import main
from cxone_lint.run.registry import load_registry, validated
from cxone_lint.run.settings import SettingsError
from tests.packs.acme import PACK as ACME

BROKEN = "import requests\nx = (\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_engine_codes_are_apart_from_every_pack_code() -> None:
    registry = load_registry()
    engine = {r.code for r in registry.packs[0].rules}
    assert engine == {"LINT001", "LINT002", "LINT003", "LINT010", "LINT011", "LINT012"}
    assert [c for c in registry.rules if c.startswith("LINT") and c not in engine] == []


def test_old_code_in_a_suppression_comment_still_suppresses(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "app.py").write_text("import requests\nx = (  # noqa: CX001 -- generated\n")
    code, out, err = run(["check", "--isolated", "--no-cache", "--select", "LINT", "."], capsys)
    assert (code, out) == (0, "All checks passed (0 files checked, 1 suppressed).\n")
    assert (
        "cxone-lint: note: suppression comments name renamed codes (CX001 -> LINT001); "
        "they keep working\n" in err
    )
    # An unused old code is reported under its new name, not as an unknown code.
    (project / "app.py").write_text("import requests  # noqa: CX001\n")
    code, out, _ = run(["check", "--isolated", "--no-cache", "--select", "LINT", "."], capsys)
    assert code == 1
    assert out.splitlines()[0] == (
        "app.py:1:18: LINT010 unused suppression: LINT001 reported nothing here"
    )


def test_old_codes_and_prefixes_as_selectors(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "app.py").write_text(BROKEN)
    code, out, err = run(["check", "--isolated", "--no-cache", "--select", "CX001", "."], capsys)
    assert code == 1
    assert out.splitlines()[0].startswith("app.py:2:")
    assert " LINT001 " in out.splitlines()[0]
    assert "cxone-lint: note: CX001 is now LINT001 (the old code keeps working)\n" in err
    # `CX0` selected the engine's codes with the manifest rules before; it still does.
    _, out, _ = run(["check", "--isolated", "--no-cache", "--select", "CX0", "."], capsys)
    assert " LINT001 " in out
    code, out, _ = run(
        ["check", "--isolated", "--no-cache", "--select", "CX0", "--ignore", "CX001", "."], capsys
    )
    assert (code, " LINT001 " in out) == (0, False)


def test_old_code_in_per_file_ignores(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "app.py").write_text(BROKEN)
    (project / "pyproject.toml").write_text(
        '[tool.cxone-lint]\nselect = ["LINT"]\nper-file-ignores = { "app.py" = ["CX001"] }\n'
    )
    code, out, err = run(["check", "--no-cache", "."], capsys)
    assert (code, out) == (0, "All checks passed (1 file checked).\n")
    assert "cxone-lint: note: CX001 is now LINT001 (the old code keeps working)\n" in err


def test_baseline_written_under_the_old_code_still_covers_the_finding(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "app.py").write_text(BROKEN)
    code, out, _ = run(["check", "--isolated", "--no-cache", "-o", "json", "."], capsys)
    assert code == 1
    [finding] = [f for f in json.loads(out)["findings"] if f["code"] == "LINT001"]
    # What a baseline written before the rename held: the old code and its fingerprint.
    old = Diagnostic(
        code="CX001",
        message=finding["message"],
        path="app.py",
        start=finding_position(finding),
    )
    entry = {"path": "app.py", "code": "CX001", "fingerprint": old.fingerprint(), "count": 1}
    (project / "old-baseline.json").write_text(json.dumps({"version": 1, "findings": [entry]}))
    code, out, err = run(
        ["check", "--isolated", "--no-cache", "--baseline", "old-baseline.json", "."], capsys
    )
    assert code == 0, (out, err)
    assert "stale" not in err and "no longer found" not in err


def finding_position(finding: dict[str, object]) -> object:
    from cxone_lint.api.diagnostics import Position

    loc = finding["location"]
    assert isinstance(loc, dict)
    return Position(loc["line"], loc["column"])


def test_a_pack_may_not_take_the_engine_prefix_or_an_alias() -> None:
    rule = ACME.rules[0]
    squatter = type(rule.__name__, (rule,), {"code": "LINT042"})
    with pytest.raises(SettingsError, match="acme: code LINT042: the LINT prefix is the engine's"):
        validated([*load_registry().packs, dataclasses.replace(ACME, rules=[squatter])])
    taker = type(rule.__name__, (rule,), {"code": "CX010"})
    with pytest.raises(SettingsError, match="core: alias CX010 is the code of a rule of acme"):
        validated([*load_registry().packs, dataclasses.replace(ACME, rules=[taker])])
    wrong = dataclasses.replace(ACME, aliases={"ACME001": "ACME999"})
    with pytest.raises(SettingsError, match="acme: alias ACME001 names ACME999, not a rule"):
        validated([*load_registry().packs, wrong])
