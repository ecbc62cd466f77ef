"""Baselines end to end: `cxone-lint baseline` writes exactly what it should, `check --baseline`
reports only what is new (counting duplicates), lists stale entries, and refuses a bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxone_lint.api.pack import RulePack
from cxone_lint.cli.main import main
from cxone_lint.run.registry import Registry, load_registry, validated
from tests.packs.acme import PACK as ACME

BASELINE = ".cxone-lint-baseline.json"
PDB = "Debugger call left in code"


def acme_registry(*extra: RulePack) -> Registry:
    return validated([*load_registry().packs, ACME, *extra])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project linted with the engine's own rules plus the ACME test pack (two ACME101 findings
    with the same fingerprint in a.py, one ACME201 in x.toml)."""
    monkeypatch.setattr("cxone_lint.cli.check.load_registry", acme_registry)
    (tmp_path / "a.py").write_text("import pdb\npdb.set_trace()\npdb.set_trace()\n")
    (tmp_path / "x.toml").write_text('owner = "nobody"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


CHECK = ["check", "--isolated", "--no-cache", "--select", "ACME,CX001"]
MAKE = ["baseline", "--isolated", "--no-cache", "--select", "ACME,CX001"]


def fingerprints(root: Path) -> dict[str, str]:
    data = json.loads((root / BASELINE).read_text())
    return {e["code"]: e["fingerprint"] for e in data["findings"]}


def test_baseline_file_is_exact(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(MAKE, capsys) == (
        0,
        "",
        f"Wrote 3 findings (2 entries) to {BASELINE}.\n"
        f"Use it with `cxone-lint check --baseline {BASELINE}`.\n",
    )
    text = (project / BASELINE).read_text()
    fps = fingerprints(project)
    assert text == (
        "{\n"
        '  "version": 1,\n'
        '  "findings": [\n'
        "    {\n"
        '      "path": "a.py",\n'
        '      "code": "ACME101",\n'
        f'      "fingerprint": "{fps["ACME101"]}",\n'
        '      "count": 2\n'
        "    },\n"
        "    {\n"
        '      "path": "x.toml",\n'
        '      "code": "ACME201",\n'
        f'      "fingerprint": "{fps["ACME201"]}",\n'
        '      "count": 1\n'
        "    }\n"
        "  ]\n"
        "}\n"
    )
    # No message, so no value from the code (ACME201's message quotes the owner).
    assert "nobody" not in text
    # Same findings, same bytes (no timestamps), even after lines moved.
    (project / "a.py").write_text("import pdb\n\n\npdb.set_trace()\nX = 1\npdb.set_trace()\n")
    assert run(MAKE, capsys)[0] == 0
    assert (project / BASELINE).read_text() == text


def test_check_reports_only_new_findings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(MAKE, capsys)[0] == 0
    assert run([*CHECK, "--baseline", BASELINE], capsys) == (
        0,
        "All checks passed (2 files checked, 3 suppressed).\n",
        "",
    )
    # Lines inserted above: nothing is new.
    (project / "a.py").write_text("import pdb\n# moved\n\npdb.set_trace()\n\npdb.set_trace()\n")
    assert run([*CHECK, "--baseline", BASELINE], capsys)[0] == 0
    # A third identical call is beyond the count of 2: it is new, and so is a fourth.
    (project / "a.py").write_text("import pdb\n" + "pdb.set_trace()\n" * 4)
    assert run([*CHECK, "--baseline", BASELINE], capsys) == (
        1,
        f"a.py:4:1: ACME101 [*] {PDB}\n"
        f"a.py:5:1: ACME101 [*] {PDB}\n"
        "Found 2 findings (3 suppressed).\n"
        "[*] 2 fixable with `--fix`.\n",
        "",
    )
    # A new kind of finding in a baselined file is new too.
    (project / "x.toml").write_text('owner = "nobody"\nbroken =\n')
    code, out, _ = run([*CHECK, "--baseline", BASELINE], capsys)
    assert code == 1
    assert out.startswith(f"a.py:4:1: ACME101 [*] {PDB}\na.py:5:1: ACME101 [*] {PDB}\nx.toml:2:")
    assert " CX001 invalid TOML" in out


def test_stale_entries_on_stderr_and_in_json(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(MAKE, capsys)[0] == 0
    fps = fingerprints(project)
    (project / "a.py").write_text("import pdb\npdb.set_trace()\n")
    (project / "x.toml").write_text('owner = "someone@example.com"\n')
    code, out, err = run([*CHECK, "--baseline", BASELINE], capsys)
    assert (code, out) == (0, "All checks passed (2 files checked, 1 suppressed).\n")
    assert err == (
        f"cxone-lint: baseline {BASELINE}: 2 stale entries (no longer found; "
        "run `cxone-lint baseline` to refresh it):\n"
        f"  a.py: ACME101 {fps['ACME101']} (x1)\n"
        f"  x.toml: ACME201 {fps['ACME201']} (x1)\n"
    )
    code, out, _ = run([*CHECK, "--baseline", BASELINE, "-o", "json"], capsys)
    assert json.loads(out)["baseline"] == {
        "file": BASELINE,
        "matched": 1,
        "stale": [
            {"path": "a.py", "code": "ACME101", "fingerprint": fps["ACME101"], "count": 1},
            {"path": "x.toml", "code": "ACME201", "fingerprint": fps["ACME201"], "count": 1},
        ],
    }
    # Entries for files not linted in this run, or rules not run, are not called stale.
    code, out, err = run([*CHECK, "--baseline", BASELINE, "a.py"], capsys)
    assert err.splitlines()[1:] == [f"  a.py: ACME101 {fps['ACME101']} (x1)"]
    code, out, err = run([*CHECK, "--select", "ACME201", "--baseline", BASELINE], capsys)
    assert err.splitlines()[1:] == [f"  x.toml: ACME201 {fps['ACME201']} (x1)"]


def test_settings_key_and_output_option(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # (The settings file is excluded: the ACME201 test rule expects an `owner` in every TOML.)
    (project / "cxone-lint.toml").write_text(
        'baseline = "lint/accepted.json"\n'
        'select = ["ACME"]\n'
        'extend-exclude = ["/cxone-lint.toml"]\n'
    )
    (project / "lint").mkdir()
    assert run(["baseline", "--no-cache"], capsys) == (
        0,
        "",
        "Wrote 3 findings (2 entries) to lint/accepted.json.\n",
    )
    assert not (project / BASELINE).exists()
    # `check` picks the baseline up from the settings, without --baseline.
    assert run(["check", "--no-cache"], capsys) == (
        0,
        "All checks passed (2 files checked, 3 suppressed).\n",
        "",
    )
    (project / "x.toml").write_text('owner = "o@example.com"\n')
    code, out, err = run(["check", "--no-cache"], capsys)
    assert (code, out) == (0, "All checks passed (2 files checked, 2 suppressed).\n")
    assert err.startswith("cxone-lint: baseline lint/accepted.json: 1 stale entry (no longer")
    (project / "x.toml").write_text('owner = "nobody"\n')
    # --output writes elsewhere; --select narrows what is recorded.
    assert run(["baseline", "--no-cache", "--select", "ACME201", "--output", "b.json"], capsys) == (
        0,
        "",
        "Wrote 1 finding (1 entry) to b.json.\nUse it with `cxone-lint check --baseline b.json`.\n",
    )
    assert [e["code"] for e in json.loads((project / "b.json").read_text())["findings"]] == [
        "ACME201"
    ]
    code, out, _ = run(["check", "--no-cache", "--baseline", "b.json"], capsys)
    assert (code, out.splitlines()[-2:]) == (
        1,
        ["Found 2 findings (1 suppressed).", "[*] 2 fixable with `--fix`."],
    )


def test_baseline_files_are_not_linted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(MAKE, capsys)[0] == 0
    (project / "other.json").write_text("{}\n")
    (project / "mine.json").write_text(
        json.dumps({"version": 1, "findings": []}) + "\n",
    )
    _, out, _ = run([*CHECK, "--baseline", "mine.json", "-o", "json"], capsys)
    # a.py, x.toml and other.json; neither baseline file.
    assert json.loads(out)["files"]["seen"] == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "baseline is not valid JSON: Expecting property name enclosed in double"),
        ("[]", "not a cxone-lint baseline (no 'findings' list)"),
        ('{"findings": []}', "unsupported baseline version None (this cxone-lint reads version 1)"),
        (
            '{"version": 1, "findings": [{"path": "a.py", "code": "X", "fingerprint": "f"}]}',
            "malformed baseline entry 1: 'count' must be a positive integer",
        ),
        (
            '{"version": 1, "findings": [{"path": "a.py", "code": "X", "fingerprint": "f",'
            ' "count": true}]}',
            "malformed baseline entry 1: 'count' must be a positive integer",
        ),
        (
            '{"version": 1, "findings": [{"path": "a.py", "code": "X", "fingerprint": "f",'
            ' "count": 1}, {"path": 3, "code": "X", "fingerprint": "f", "count": 1}]}',
            "malformed baseline entry 2: 'path' must be a non-empty string",
        ),
        ('{"version": 1, "findings": ["x"]}', "malformed baseline entry 1: not an object"),
    ],
)
def test_malformed_baseline_is_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    (project / "b.json").write_text(content)
    code, out, err = run([*CHECK, "--baseline", "b.json"], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"cxone-lint: error: b.json: {message}")


def test_missing_baseline_is_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*CHECK, "--baseline", "nope.json"], capsys) == (
        2,
        "",
        "cxone-lint: error: nope.json: baseline file not found "
        "(create it with `cxone-lint baseline`)\n",
    )


def test_crash_writes_no_baseline(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Boom(ACME.rules[1]):  # type: ignore[misc,valid-type]
        __doc__ = ACME.rules[1].__doc__
        code = "ACME999"
        name = "boom"

        def check(self, ctx):  # type: ignore[no-untyped-def]
            raise KeyError("x")

    boom = RulePack("boom", "1", [Boom])
    monkeypatch.setattr("cxone_lint.cli.check.load_registry", lambda: acme_registry(boom))
    code, out, err = run([*MAKE, "--extend-select", "ACME999,CX003"], capsys)
    assert (code, out) == (2, "")
    assert err.endswith("cxone-lint: error: a rule crashed; no baseline written\n")
    assert "CX003 ACME999 (boom) crashed: KeyError" in err
    assert not (project / BASELINE).exists()


def test_baseline_usage_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["baseline", "--isolated", "--select", "NOPE"], capsys) == (
        2,
        "",
        "cxone-lint: error: unknown rule selector(s): NOPE; `cxone-lint rules` lists every rule\n",
    )
    code, out, err = run(["baseline", "--bogus"], capsys)
    assert (code, out) == (2, "")
    assert "unrecognized arguments: --bogus" in err
    assert run(["baseline", "--isolated", "--output", "no/dir/b.json"], capsys)[0] == 2
