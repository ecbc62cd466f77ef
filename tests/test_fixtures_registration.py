"""The registration fixtures, run through the real command line: exact findings and exit codes.

Each fixture is linted from inside its own directory (`cxone-lint check .`), so paths in the
output are relative to the fixture. The registration and API-user families (CX0xx, CX1xx,
CX2xx) must report exactly the listed (code, path, line) findings; the clean fixture must
report nothing at all, from any rule of any family.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxone_lint.cli.main import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINE = ("LINT", "CX0", "CX1", "CX2")

EXPECTED: dict[str, tuple[list[tuple[str, str, int]], int]] = {
    "backend-clean": ([], 0),
    "backend-bad-registration": (
        [
            ("CX104", "cxone-app.toml", 5),
            ("CX117", "cxone-app.toml", 6),
            ("CX101", "cxone-app.toml", 7),
            ("CX109", "cxone-app.toml", 9),
            ("CX006", "cxone-app.toml", 10),
            ("CX102", "cxone-app.toml", 11),
            ("CX005", "cxone-app.toml", 13),
            ("CX207", "cxone-app.toml", 16),
            ("CX202", "cxone-app.toml", 17),
            ("CX203", "cxone-app.toml", 18),
            ("CX205", "cxone-app.toml", 19),
            ("CX206", "cxone-app.toml", 20),
        ],
        1,
    ),
    "webapp-origins": (
        [
            ("CX111", "cxone-app.toml", 11),
            ("CX112", "cxone-app.toml", 12),
            ("CX111", "cxone-app.toml", 13),
            ("CX114", "cxone-app.toml", 18),
            ("CX113", "cxone-app.toml", 19),
            ("CX113", "cxone-app.toml", 22),
            ("CX115", "cxone-app.toml", 23),
        ],
        1,
    ),
    "public-spa": (
        [
            ("CX117", "cxone-app.toml", 7),
            ("CX108", "cxone-app.toml", 8),
            ("CX114", "cxone-app.toml", 12),
        ],
        1,
    ),
    "registration-export": ([("CX111", "registration.json", 12)], 1),
}


def run_json(
    directory: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *extra: str,
) -> tuple[int, dict, str]:
    monkeypatch.chdir(directory)
    code = main(["check", "--no-cache", "--output-format", "json", *extra, "."])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def ours(report: dict) -> list[tuple[str, str, int]]:
    return sorted(
        (f["code"], f["path"], f["location"]["line"])
        for f in report["findings"]
        if f["code"].startswith(MINE) and f["suppressed"] is None
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expected, exit_code = EXPECTED[name]
    code, report, _ = run_json(FIXTURES / name, monkeypatch, capsys)
    assert ours(report) == sorted(expected)
    assert code == exit_code


def test_clean_fixture_has_no_finding_of_any_rule(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # CX7xx (CXexchange review readiness, off by default) judges a listing, which this
    # single-customer app is not: it is single-tenant and its contacts use acme.example.
    code, report, err = run_json(
        FIXTURES / "backend-clean",
        monkeypatch,
        capsys,
        *("--select", "ALL", "--ignore", "CX7", "--fail-on", "info"),
    )
    assert [(f["code"], f["path"], f["location"]["line"]) for f in report["findings"]] == []
    assert code == 0
    assert "skipped" not in err


def test_clean_fixture_from_the_repository_root(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The README's first command: the fixture's manifest marks its root from anywhere.
    monkeypatch.chdir(FIXTURES.parent)
    code = main(["check", "--no-cache", "fixtures/backend-clean"])
    out, err = capsys.readouterr()
    assert (code, out, err) == (0, "All checks passed (6 files checked).\n", "")


def test_bad_registration_concise_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(FIXTURES / "backend-bad-registration")
    code = main(["check", "--no-cache", "--select", "CX005,CX101,CX114,CX203", "."])
    out, _ = capsys.readouterr()
    assert code == 1
    assert out == (
        "cxone-app.toml:7:17: CX101 `business_unit` is 0; a BU number is a positive integer\n"
        "cxone-app.toml:13:10: CX005 `status` is 'active'; it must be one of enabled, disabled, "
        "deleted\n"
        "cxone-app.toml:18:16: CX203 the API user's primary role 'Administrator' is a built-in "
        "CXone role, shared with people; the app needs a unique role of its own\n"
        "Found 3 findings.\n"
    )


def test_unknown_key_suggestion_and_unsafe_fix(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, report, _ = run_json(FIXTURES / "backend-bad-registration", monkeypatch, capsys)
    [finding] = [f for f in report["findings"] if f["code"] == "CX006"]
    assert finding["message"] == (
        "unknown manifest key `logout` in app: it is ignored, so nothing checks it "
        "(did you mean `logouts`?)"
    )
    assert finding["fix"]["applicability"] == "unsafe"
    assert finding["fix"]["edits"] == [
        {
            "path": "cxone-app.toml",
            "start": {"line": 10, "column": 1},
            "end": {"line": 10, "column": 7},
            "content": "logouts",
        }
    ]


def test_origins_hint_cites_the_cors_delay(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, report, _ = run_json(FIXTURES / "webapp-origins", monkeypatch, capsys)
    missing = [f for f in report["findings"] if f["code"] == "CX114"]
    assert len(missing) == 1
    assert missing[0]["hint"] == (
        'add "https://login.acme.example" to origins now: CORS origin updates can take up to '
        "three weeks at NICE"
    )


def test_manifest_option_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The export under another name, named with --manifest instead of cxone-lint.toml.
    source = FIXTURES / "registration-export" / "registration.json"
    (tmp_path / "app-registration.json").write_text(source.read_text(encoding="utf-8"))
    (tmp_path / "cxone-lint.toml").write_text("")
    code, report, _ = run_json(tmp_path, monkeypatch, capsys, "--manifest", "app-registration.json")
    assert ours(report) == [("CX111", "app-registration.json", 12)]
    assert code == 1


def test_without_a_manifest_the_registration_checks_are_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cxone-lint.toml").write_text("")
    (tmp_path / "app.py").write_text("import os\nCLIENT_ID = os.environ['CXONE_CLIENT_ID']\n")
    code, report, err = run_json(tmp_path, monkeypatch, capsys, "--select", "CX0,CX1,CX2")
    assert (code, report["findings"]) == (0, [])
    skipped = {s["code"]: s["reason"] for s in report["skipped_checks"]}
    assert skipped["CX101"] == "no registration manifest (cxone-app.toml) found"
    assert skipped["CX207"] == "no registration manifest (cxone-app.toml) found"
    assert "(CX005-CX006, CX101-CX119, CX201-CX207" in err


def test_manifest_that_does_not_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cxone-app.toml").write_text('[app]\nname = "Acme"\ntype = backend\n')
    code, report, _ = run_json(tmp_path, monkeypatch, capsys, "--select", "CX0,CX1,CX2")
    assert ours(report) == [("LINT001", "cxone-app.toml", 3)]
    assert code == 1
    skipped = {s["code"]: s["reason"] for s in report["skipped_checks"]}
    assert skipped["CX110"] == "registration manifest cxone-app.toml does not parse"


def test_manifest_setting_naming_a_missing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cxone-lint.toml").write_text('manifest = "cxone-ap.toml"\n')
    (tmp_path / "cxone-app.toml").write_text('[app]\nname = "Acme"\n')
    code, report, err = run_json(tmp_path, monkeypatch, capsys, "--select", "CX0,CX1,CX2")
    assert ours(report) == [("CX004", "cxone-lint.toml", 1)]
    assert report["findings"][0]["message"] == (
        "the registration manifest named in settings (cxone-ap.toml) does not exist: every "
        "registration and API-user check is skipped"
    )
    assert code == 1
    assert (
        "(CX005-CX006, CX101-CX119, CX201-CX207" in err
        and "the registration manifest named in settings (cxone-ap.toml) does not exist" in err
    )
