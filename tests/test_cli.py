"""The command line: outputs byte for byte, exit codes, rule docs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cxone_lint import __version__
from cxone_lint.cli.main import main


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "broken.toml").write_text('[app]\nname = "x"\nname = "y"\n')
    (tmp_path / "ok.py").write_text("x = 1  # noqa: CX999\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_concise_output_and_exit_1(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--isolated", "--select", "CX0", "."], capsys)
    assert code == 1
    assert out == (
        "broken.toml:3:11: CX001 invalid TOML: Cannot overwrite a value\n"
        "ok.py:1:8: CX011 suppression names unknown rule code CX999\n"
        "Found 2 findings.\n"
    )


def test_bare_invocation_means_check(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--isolated", "--select", "CX001", "broken.toml"], capsys)[0] == 1


def test_exit_zero_and_fail_on(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--isolated", "--select", "CX0", "--exit-zero", "."], capsys)[0] == 0
    # CX011 is a warning: with fail-on=error only CX001 (error) fails the run.
    assert (
        run(["check", "--isolated", "--select", "CX011", "--fail-on", "error", "."], capsys)[0] == 0
    )
    assert (
        run(["check", "--isolated", "--select", "CX001", "--fail-on", "error", "."], capsys)[0] == 1
    )


def test_clean_exit_0(tmp_path: Path, monkeypatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["check", "--isolated", "."], capsys)
    assert (code, out) == (0, "All checks passed (1 file checked).\n")
    assert "Traceback" not in err


def test_usage_errors_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", "--isolated", "--fail-on", "fatal", "."], capsys)
    assert code == 2 and "--fail-on: unknown severity 'fatal'" in err
    code, _, err = run(["check", "--isolated", "-o", "xml", "."], capsys)
    assert code == 2 and "unknown format 'xml'" in err
    assert main(["check", "--bogus"]) == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_missing_path_is_reported_and_run_goes_on(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        ["check", "--isolated", "--select", "CX001", "-o", "json", "nope.py", "broken.toml"], capsys
    )
    data = json.loads(out)
    assert code == 2  # a named path that analyses nothing is an error, after every finding
    assert [f["code"] for f in data["findings"]] == ["CX001"]
    assert data["files"]["skipped"]["nope.py"] == "no such file or directory"


def test_full_output_shows_source_and_caret(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["check", "--isolated", "--select", "CX001", "-o", "full", "."], capsys)
    assert code == 1
    assert out == (
        "broken.toml:3:11: CX001 [error] invalid TOML: Cannot overwrite a value\n"
        '   3 | name = "y"\n'
        "                 ^\n"
        "\n"
        "Found 1 finding.\n"
    )


def test_json_output_fields(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["check", "--isolated", "--select", "CX011", "-o", "json", "."], capsys)
    (finding,) = json.loads(out)["findings"]
    assert finding["code"] == "CX011"
    assert finding["name"] == "unknown-suppression-code"
    assert finding["severity"] == "warning"
    assert finding["path"] == "ok.py"
    assert finding["location"] == {"line": 1, "column": 8}
    assert len(finding["fingerprint"]) == 16


def test_output_to_file_and_stdout_in_one_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        ["check", "--isolated", "--select", "CX001", "-o", "json:report.json", "-o", "concise"],
        capsys,
    )
    assert code == 1
    assert out.startswith("broken.toml:3:11: CX001")
    assert json.loads((project / "report.json").read_text())["findings"][0]["code"] == "CX001"


def test_rule_and_rules_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rule", "CX011"], capsys)
    assert code == 0
    assert out.startswith("# unknown-suppression-code (CX011)\n")
    assert "## What it does" in out and "## Fix safety" in out
    assert run(["rule", "unknown-suppression-code"], capsys)[1] == out
    assert run(["rule", "CX9999"], capsys)[0] == 2
    code, out, _ = run(["rules", "--output-format", "json"], capsys)
    rules = json.loads(out)
    codes = [r["code"] for r in rules]
    assert codes == sorted(codes)
    assert {"CX001", "CX002", "CX003", "CX010", "CX011", "CX012"} <= set(codes)
    assert all(r["doc"] and r["summary"] and r["name"] for r in rules)


def test_version_does_not_import_the_engine() -> None:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cxone_lint", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout == f"cxone-lint {__version__}\n"
    imported = out.stderr
    for heavy in ("libcst", "yaml", "tomlkit", "jwt", "cxone_rules"):
        assert f" {heavy}\n" not in imported and f" {heavy}." not in imported, heavy


def test_skipped_codes_are_listed_as_ranges() -> None:
    from cxone_lint.cli.check import code_ranges

    assert code_ranges(["CX103", "CX101", "CX102", "CX201", "ACME101", "CX203"]) == (
        "ACME101, CX101-CX103, CX201, CX203"
    )
