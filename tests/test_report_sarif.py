"""SARIF 2.1.0 output: schema-valid, locations, rule help, stable fingerprints, suppressions,
fixes, crash notifications, and several formats from one run through the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cxone_lint import __version__
from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import (
    Diagnostic,
    Edit,
    Fix,
    Position,
    Related,
    RunStats,
    Severity,
)
from cxone_lint.api.pack import RulePack
from cxone_lint.api.results import RunResult
from cxone_lint.api.rule import Rule
from cxone_lint.cli.main import main
from cxone_lint.report import ReportInput
from cxone_lint.report.sarif import build
from cxone_lint.run.registry import Registry, load_registry, validated
from cxone_lint.testing import run_project, write_project
from tests.packs.acme import PACK as ACME

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())


def validate(log: dict[str, Any]) -> None:
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    cls(SCHEMA, format_checker=cls.FORMAT_CHECKER).validate(log)


class LeakedKey(Rule):
    """A key in a settings file that looks like a credential (a test double of a security rule).

    ## What it does
    Reports `api_key = "..."` in TOML.

    ## Why
    Credentials do not belong in files.

    ## Example
    ```toml
    api_key = "k"
    ```

    ## Fix safety
    No fix.

    ## References
    - https://example.com/secrets
    """

    code = "SEC401"
    name = "leaked-key"
    summary = "Credential in a settings file"
    severity = Severity.ERROR
    tags = ("security", "secrets")

    def check(self, ctx: ProjectContext) -> Iterator[Diagnostic]:
        for rel in sorted(ctx.files):
            if rel.endswith(".toml"):
                # The value's range on line 1 (`api_key = "<value>"`).
                width = len((ctx.root / rel).read_text().splitlines()[0])
                end = Position(1, width + 1)
                found = self.report(rel, Position(1, 11), end=end, key="api_key")
                yield found.with_(sensitive=True)


class NeedsManifest(LeakedKey):
    __doc__ = LeakedKey.__doc__
    code = "SEC402"
    name = "needs-manifest"
    tags = ()

    def check(self, ctx: ProjectContext) -> Iterator[Diagnostic]:
        ctx.note_skipped(self.code, "no manifest found")
        return iter(())


SEC = RulePack("sec", "1", [LeakedKey, NeedsManifest])
ENGINE = "LINT001,LINT002,LINT003,LINT010,LINT011,LINT012"


@pytest.fixture(autouse=True)
def _in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Locations are relative to the working directory, as in every format.
    monkeypatch.chdir(tmp_path)


def registry(*extra: RulePack) -> Registry:
    return validated([*load_registry().packs, *extra])


def sarif_of(root: Path, select: Sequence[str], *packs: RulePack, **kw: Any) -> dict[str, Any]:
    result = run_project(root, select, extra_packs=packs, **kw)
    log = build(ReportInput(result=result, registry=registry(*packs), root=root))
    validate(log)
    return log


def results(log: dict[str, Any]) -> list[dict[str, Any]]:
    return log["runs"][0]["results"]


def rule_of(log: dict[str, Any], code: str) -> dict[str, Any]:
    (rule,) = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == code]
    return rule


def test_result_location_level_and_fingerprint(tmp_path: Path) -> None:
    write_project(tmp_path, {"src/a b.py": "import pdb\npdb.set_trace()\n"})
    log = sarif_of(tmp_path, ["ACME101"], ACME)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.resolve().as_uri() + "/"}}
    (res,) = results(log)
    rules = run["tool"]["driver"]["rules"]
    assert rules[res["ruleIndex"]]["id"] == "ACME101"
    assert res["ruleId"] == "ACME101"
    assert res["level"] == "error"
    assert res["message"] == {"text": "Debugger call left in code"}
    assert res["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "src/a%20b.py", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 16},
            }
        }
    ]
    assert set(res["partialFingerprints"]) == {"cxoneLint/v1"}
    assert "suppressions" not in res


def test_fingerprint_survives_lines_inserted_above(tmp_path: Path) -> None:
    write_project(tmp_path, {"a.py": "import pdb\npdb.set_trace()\n", "x.toml": 'owner = "n"\n'})
    before = {r["ruleId"]: r for r in results(sarif_of(tmp_path, ["ACME"], ACME))}
    write_project(
        tmp_path,
        {
            "a.py": "import pdb\n\n# a comment\nX = 1\npdb.set_trace()\n",
            "x.toml": '# owners\n\nowner = "n"\n',
        },
    )
    after = {r["ruleId"]: r for r in results(sarif_of(tmp_path, ["ACME"], ACME))}
    for code, old_line, new_line in (("ACME101", 2, 5), ("ACME201", 1, 3)):
        old_region = before[code]["locations"][0]["physicalLocation"]["region"]
        new_region = after[code]["locations"][0]["physicalLocation"]["region"]
        assert (old_region["startLine"], new_region["startLine"]) == (old_line, new_line)
        assert before[code]["partialFingerprints"] == after[code]["partialFingerprints"]
    # A different finding has a different fingerprint.
    assert before["ACME101"]["partialFingerprints"] != before["ACME201"]["partialFingerprints"]


def test_rule_metadata_and_help(tmp_path: Path) -> None:
    write_project(tmp_path, {"a.py": "x = 1\n"})
    log = sarif_of(tmp_path, ["ACME"], ACME)
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("cxone-lint", __version__)
    assert driver["informationUri"] == "https://pypi.org/project/cxone-lint/"
    rule = rule_of(log, "ACME101")
    assert rule["name"] == "no-debugger"
    assert rule["shortDescription"] == {"text": "Debugger call left in code."}
    assert rule["fullDescription"] == {"text": "Reports `pdb.set_trace()`."}
    assert rule["defaultConfiguration"] == {"level": "error", "enabled": True}
    assert rule["help"]["markdown"].startswith(
        "# no-debugger (ACME101)\n\nDebugger call left in code.\n\nDebugger calls left in code."
        "\n\n## What it does\nReports `pdb.set_trace()`.\n\n## Why\n"
    )
    assert "WHY\nA debugger call blocks a server." in rule["help"]["text"]
    assert "##" not in rule["help"]["text"]
    assert rule["properties"] == {"fixable": "safe", "tags": []}
    assert rule_of(log, "ACME201")["defaultConfiguration"]["level"] == "warning"


def test_engine_codes_are_rules_with_help(tmp_path: Path) -> None:
    write_project(tmp_path, {"a.py": "x = 1\n"})
    log = sarif_of(tmp_path, ENGINE.split(","))
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == sorted(ids, key=lambda c: (not c.startswith("LINT"), c))
    for code, name, level in (
        ("LINT001", "syntax-error", "error"),
        ("LINT002", "unreadable-file", "warning"),
        ("LINT003", "internal-error", "error"),
        ("LINT010", "unused-suppression", "warning"),
        ("LINT011", "unknown-suppression-code", "warning"),
        ("LINT012", "malformed-suppression", "warning"),
    ):
        rule = rule_of(log, code)
        assert rule["name"] == name
        assert rule["defaultConfiguration"]["level"] == level
        assert "\n## What it does\n" in rule["help"]["markdown"]
        assert "\n## References\n" in rule["help"]["markdown"]
        assert rule["fullDescription"]["text"]
        assert "security-severity" not in rule["properties"]
    assert rule_of(log, "LINT001")["fullDescription"]["text"] == (
        "Reports a Python, TOML, JSON, YAML or .env file that its parser rejects, on the line "
        "where the parser stopped."
    )


def test_security_rule_has_security_severity_and_no_secret(tmp_path: Path) -> None:
    secret = "sk_live_9f8e7d6c5b4a39281706"
    write_project(tmp_path, {"app.toml": f'api_key = "{secret}"\n'})
    log = sarif_of(tmp_path, ["SEC401"], SEC)
    rule = rule_of(log, "SEC401")
    assert rule["properties"] == {
        "fixable": "none",
        "security-severity": "8.0",
        "tags": ["security", "secrets"],
    }
    (res,) = results(log)
    assert res["ruleId"] == "SEC401"
    assert secret not in json.dumps(log)
    assert "sk_live" not in json.dumps(log)
    # A fix that would carry the value (moving it to a .env file) is not exported; one that
    # replaces it with an environment lookup is.
    result = run_project(tmp_path, ["SEC401"], extra_packs=[SEC])
    (found,) = result.active
    assert (found.start, found.end) == (Position(1, 11), Position(1, 41))
    move = Edit(".env", Position(1, 1), Position(1, 1), f"API_KEY={secret}\n")
    lookup = Edit("app.toml", found.start, found.end, '"${API_KEY}"')
    for edit, exported in ((move, False), (lookup, True)):
        result.diagnostics = [found.with_(fix=Fix("take the key from the environment", (edit,)))]
        log = build(ReportInput(result=result, registry=registry(SEC), root=tmp_path))
        validate(log)
        assert ("fixes" in results(log)[0]) is exported
        assert secret not in json.dumps(log)
    # Without a range to compare with, a secret finding's fix is never exported.
    result.diagnostics = [found.with_(end=None, fix=Fix("lookup", (lookup,)))]
    log = build(ReportInput(result=result, registry=registry(SEC), root=tmp_path))
    assert "fixes" not in results(log)[0]


def test_noqa_and_baseline_suppressions(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "a.py": "import pdb\npdb.set_trace()  # noqa: ACME101 -- kept for the demo\n"
            "pdb.set_trace()  # noqa: ACME101\npdb.set_trace()\n",
            ".cxone-lint-baseline.json": "",
        },
    )
    result = run_project(tmp_path, ["ACME101"], extra_packs=[ACME])
    (last,) = result.active
    result.diagnostics = [
        d if d is not last else d.with_(suppressed="baseline") for d in result.diagnostics
    ]
    log = build(ReportInput(result=result, registry=registry(ACME), root=tmp_path))
    validate(log)
    got = [
        (r["locations"][0]["physicalLocation"]["region"]["startLine"], r.get("suppressions"))
        for r in results(log)
    ]
    assert got == [
        (2, [{"kind": "inSource", "status": "accepted", "justification": "kept for the demo"}]),
        (3, [{"kind": "inSource", "status": "accepted"}]),
        (
            4,
            [
                {
                    "kind": "external",
                    "status": "accepted",
                    "justification": "accepted in the baseline file",
                }
            ],
        ),
    ]


def test_fix_is_a_replacement_that_reproduces_the_fixed_text(tmp_path: Path) -> None:
    source = "import pdb\nx = 1; pdb.set_trace()\n"
    write_project(tmp_path, {"a.py": source})
    (res,) = results(sarif_of(tmp_path, ["ACME101"], ACME))
    assert res["fixes"] == [
        {
            "description": {"text": "replace with None (safe fix)"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "a.py", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": 2,
                                "startColumn": 8,
                                "endLine": 2,
                                "endColumn": 23,
                            },
                            "insertedContent": {"text": "None"},
                        }
                    ],
                }
            ],
        }
    ]
    # Applying the SARIF replacement gives exactly what `--fix` writes.
    region = res["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
    lines = source.splitlines(keepends=True)
    line = lines[region["startLine"] - 1]
    lines[region["startLine"] - 1] = (
        line[: region["startColumn"] - 1] + "None" + line[region["endColumn"] - 1 :]
    )
    run_project(tmp_path, ["ACME101"], extra_packs=[ACME], fix=True)
    assert "".join(lines) == (tmp_path / "a.py").read_text() == "import pdb\nx = 1; None\n"


def test_crash_is_a_tool_execution_notification(tmp_path: Path) -> None:
    class Boom(ACME.rules[1]):  # type: ignore[misc,valid-type]
        __doc__ = ACME.rules[1].__doc__
        code = "ACME999"
        name = "boom"

        def check(self, ctx):  # type: ignore[no-untyped-def]
            raise KeyError("x")

    boom = RulePack("boom", "1", [Boom])
    write_project(tmp_path, {"a.py": "x = 1\n"})
    log = sarif_of(tmp_path, ["ACME999", "LINT003"], boom)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["descriptor"] == {"id": "LINT003"}
    assert note["message"]["text"].startswith("ACME999 (boom) crashed: KeyError at ")
    assert [r["ruleId"] for r in results(log)] == ["LINT003"]


def test_clean_run_is_valid_and_empty(tmp_path: Path) -> None:
    write_project(tmp_path, {"a.py": "x = 1\n"})
    log = sarif_of(tmp_path, ENGINE.split(","))
    assert results(log) == []
    assert log["runs"][0]["invocations"] == [
        {"executionSuccessful": True, "toolExecutionNotifications": []}
    ]
    # The schema check is real: a driver without a name is rejected.
    del log["runs"][0]["tool"]["driver"]["name"]
    with pytest.raises(jsonschema.ValidationError, match="'name' is a required property"):
        validate(log)


def test_skipped_check_is_a_notification(tmp_path: Path) -> None:
    write_project(tmp_path, {"a.py": "x = 1\n"})
    log = sarif_of(tmp_path, ["SEC402"], SEC)
    assert log["runs"][0]["invocations"] == [
        {
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {
                    "level": "warning",
                    "message": {"text": "SEC402 did not run: no manifest found"},
                    "descriptor": {"id": "SEC402"},
                }
            ],
        }
    ]
    assert results(log) == []


def test_unknown_code_still_gets_a_descriptor(tmp_path: Path) -> None:
    d = Diagnostic("ZZZ100", "odd", "a.py", Position(1, 1), rule_name="odd-rule")
    result = RunResult([d], [], RunStats(), {})
    log = build(ReportInput(result=result, registry=registry(), root=tmp_path))
    validate(log)
    (res,) = results(log)
    assert log["runs"][0]["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "ZZZ100"


def test_related_locations(tmp_path: Path) -> None:
    also = (
        Related("config/app.yaml", Position(3, 15), Position(3, 20), "read here"),
        Related("app/a b.py", Position(9, 5), Position(9, 5)),
    )
    d = Diagnostic(
        "ZZZ100", "odd", "a.py", Position(1, 1), Position(1, 2), rule_name="odd", related=also
    )
    result = RunResult([d], [], RunStats(), {})
    log = build(ReportInput(result=result, registry=registry(), root=tmp_path))
    validate(log)
    (res,) = results(log)
    assert res["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {"uri": "config/app.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 3, "startColumn": 15, "endLine": 3, "endColumn": 20},
            },
            "message": {"text": "read here"},
        },
        {
            "id": 2,
            "physicalLocation": {
                "artifactLocation": {"uri": "app/a%20b.py", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 9, "startColumn": 5, "endLine": 9, "endColumn": 5},
            },
        },
    ]
    assert Diagnostic.from_json(d.to_json()) == d


# -- through the command line ---------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "broken.toml").write_text('[app]\nname = "x"\nname = "y"\n')
    (tmp_path / "ok.py").write_text("x = 1  # noqa: CX999\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_sarif_file_and_concise_stdout_in_one_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "check",
            "--isolated",
            "--no-cache",
            "--select",
            ENGINE,
            "-o",
            "sarif:out.sarif",
            "-o",
            "concise",
            "-o",
            "junit:report.xml",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 1
    assert out == (
        "broken.toml:3:11: LINT001 invalid TOML: Cannot overwrite a value\n"
        "ok.py:1:8: LINT011 suppression names unknown rule code CX999\n"
        "Found 2 findings.\n"
    )
    assert err == ""
    log = json.loads((project / "out.sarif").read_text())
    validate(log)
    got = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["message"]["text"],
        )
        for r in results(log)
    ]
    assert got == [
        ("LINT001", "error", "broken.toml", 3, 11, "invalid TOML: Cannot overwrite a value"),
        ("LINT011", "warning", "ok.py", 1, 8, "suppression names unknown rule code CX999"),
    ]
    assert (project / "report.xml").read_text().count("<failure ") == 2
    # The report files are not linted on the next run (neither is TOML, JSON, YAML, Python).
    assert main(["check", "--isolated", "--no-cache", "--select", ENGINE, "-o", "sarif"]) == 1
    again = json.loads(capsys.readouterr().out)
    assert len(results(again)) == 2


def test_sarif_to_unwritable_file_is_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "--isolated", "--no-cache", "-o", "sarif:missing/dir/out.sarif"])
    assert code == 2
    assert "cannot write missing/dir/out.sarif" in capsys.readouterr().err


def test_uris_are_relative_to_where_it_runs_fingerprints_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run from the repository root on an integration in a subdirectory (its settings file marks
    the project root): GitHub needs repository-relative URIs; the fingerprint stays the same."""
    sub = tmp_path / "integration"
    sub.mkdir()
    (sub / "cxone-lint.toml").write_text('select = ["LINT001"]\n')
    (sub / "broken.toml").write_text("a = \n")
    runs = {}
    for cwd, args in ((tmp_path, ["integration"]), (sub, [])):
        monkeypatch.chdir(cwd)
        assert main(["check", "--no-cache", "-o", "sarif", *args]) == 1
        (res,) = results(json.loads(capsys.readouterr().out))
        runs[cwd.name] = res
    outer, inner = runs[tmp_path.name], runs["integration"]
    uri = outer["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "integration/broken.toml"
    assert inner["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.toml"
    assert outer["partialFingerprints"] == inner["partialFingerprints"]


def test_engine_findings_keep_fingerprints_when_lines_move(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "t.toml": "a = 1\na = 2\n",
        "j.json": '{"a": }\n',
        "n.py": "x = 1  # noqa: CX999\n",
        "u.py": "x = 1  # noqa: LINT001\n",
    }
    prints = []
    for prefix in ("", "\n\n# moved down\n"):
        write_project(tmp_path, {rel: prefix + text for rel, text in files.items()})
        assert main(["check", "--isolated", "--no-cache", "--select", ENGINE, "-o", "sarif"]) == 1
        log = json.loads(capsys.readouterr().out)
        prints.append(
            {
                (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]): (
                    r["partialFingerprints"]["cxoneLint/v1"]
                )
                for r in results(log)
            }
        )
    assert sorted(prints[0]) == [
        ("LINT001", "j.json"),
        ("LINT001", "t.toml"),
        ("LINT010", "u.py"),
        ("LINT011", "n.py"),
    ]
    assert prints[0] == prints[1]
