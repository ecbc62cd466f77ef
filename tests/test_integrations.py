"""Install and integrations as written: the README's virtualenv, pre-commit `rev:` values that
exist, the composite GitHub Action, the GitLab CI job and its Code Quality format, SARIF rules
that link their documentation and tag every security rule."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from cxone_lint import __version__
from cxone_lint.cli.docs import DOCS_END, DOCS_START, render_documents
from cxone_lint.cli.main import build_parser, main
from cxone_lint.run.registry import load_registry
from tests.conftest import FIXTURES, REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
INTEGRATIONS = (REPO / "docs" / "integrations.md").read_text(encoding="utf-8")
RULE_DOCS = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")


def yaml_blocks(markdown: str) -> list[object]:
    return [yaml.safe_load(b) for b in re.findall(r"^```yaml\n(.*?)^```", markdown, re.S | re.M)]


def check_args(command: str) -> object:
    """A documented `cxone-lint check ...` line, parsed by cxone-lint's own parser."""
    argv = shlex.split(command)
    assert argv[0].endswith("cxone-lint"), command
    return build_parser().parse_args(argv[1:])


# --- README ----------------------------------------------------------------------------------


def test_readme_creates_and_activates_a_virtualenv_first() -> None:
    first = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert first[0].startswith("python3 -m venv .venv && . .venv/bin/activate")
    assert first[1] == "python -m pip install -e '.[test]'"
    assert first[2] == "cxone-lint check fixtures/backend-bad-registration"
    assert first[3] == "python -m pytest -q tests"


# --- pre-commit rev: a revision that exists ----------------------------------------------------


def _documented_revs() -> list[str]:
    revs = []
    for doc in (README, INTEGRATIONS):
        for block in yaml_blocks(doc):
            if isinstance(block, dict) and "repos" in block:
                revs += [r["rev"] for r in block["repos"] if r.get("repo") != "local"]
    return revs


@pytest.mark.skipif(
    shutil.which("git") is None or not (REPO / ".git").exists(), reason="not a git checkout"
)
def test_documented_revs_exist_in_this_repository() -> None:
    revs = _documented_revs()
    assert len(revs) == 2
    uses = re.findall(
        r"(?:cxone-lint@|uses: YOUR-ORG/cxone-lint@)([0-9a-f]{40}|v[\d.]+)", INTEGRATIONS
    )
    assert uses, "the workflow and the GitLab job pin a revision too"
    for rev in {*revs, *uses}:
        if re.fullmatch(r"[0-9a-f]{40}", rev):
            found = subprocess.run(
                ["git", "cat-file", "-e", f"{rev}^{{commit}}"], cwd=REPO, check=False
            )
            assert found.returncode == 0, f"commit {rev} is not in this repository"
        else:
            # A release tag: `v` + the version, and it must exist.
            assert rev == f"v{__version__}", rev
            tags = subprocess.run(
                ["git", "tag", "--list", rev], cwd=REPO, capture_output=True, text=True
            ).stdout.split()
            assert tags == [rev], f"tag {rev} does not exist"


# --- SARIF: documentation links and security tags -------------------------------------------

SECURITY_RULES = {
    *(f"CX3{n:02d}" for n in range(1, 13)),
    *(f"CX4{n:02d}" for n in range(1, 11)),
    "CX108",
    "CX113",
    "CX115",
    "CX202",
    "CX205",
    "CX504",
    # OpenID Connect hygiene (id_token trust, state, nonce) and the integration's own surface.
    *(f"CX8{n:02d}" for n in range(10, 15)),
    *(f"CX9{n:02d}" for n in range(1, 9)),
}


@pytest.fixture(scope="module")
def driver_rules(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """The rule descriptors of a real SARIF run (every loaded rule)."""
    import contextlib
    import io

    project = tmp_path_factory.mktemp("sarif")
    (project / "a.py").write_text("x = 1\n")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["check", "--isolated", "--no-cache", "-o", "sarif", str(project)]) == 0
    return json.loads(out.getvalue())["runs"][0]["tool"]["driver"]["rules"]


def test_sarif_rules_without_a_repository_url_carry_no_link(driver_rules: list[dict]) -> None:
    assert len(driver_rules) == len(load_registry().rules)
    assert all("helpUri" not in rule and rule["help"]["text"] for rule in driver_rules)


def test_sarif_rules_link_their_section_of_docs_rules_md(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cxone_lint.report import sarif

    monkeypatch.setattr(sarif, "repository_url", lambda module: "https://git.example/cxone-lint")
    registry = load_registry()
    docs = {r.code: pack.docs_url for pack in registry.packs for r in pack.rules}
    rules = [
        sarif._rule_descriptor(r, sarif.help_uri(r, docs[r.code]))
        for r in sorted(registry.rules.values(), key=lambda r: r.code)
    ]
    base = "https://git.example/cxone-lint/blob/main/docs/rules.md#"
    for rule in rules:
        anchor = f"{rule['id']}-{rule['name']}".lower()
        assert rule["helpUri"] == base + anchor
        # The anchor is the one GitHub gives this heading of docs/rules.md.
        assert f"\n## {rule['id']} {rule['name']}\n" in RULE_DOCS


def test_every_security_rule_is_tagged(driver_rules: list[dict]) -> None:
    rules = driver_rules
    tagged = {r["id"] for r in rules if "security" in r["properties"]["tags"]}
    scored = {r["id"] for r in rules if "security-severity" in r["properties"]}
    assert tagged == scored == SECURITY_RULES
    cx504 = next(r for r in rules if r["id"] == "CX504")
    assert cx504["properties"]["security-severity"] == "5.0"


def test_rule_documentation_is_current() -> None:
    start = RULE_DOCS.index(DOCS_START)
    end = RULE_DOCS.index(DOCS_END) + len(DOCS_END)
    assert RULE_DOCS[start:end] == render_documents(), (
        "run: python -m cxone_lint.cli.docs docs/rules.md"
    )


# --- GitLab Code Quality -----------------------------------------------------------------------

# The fields GitLab documents for a Code Quality report entry (docs.gitlab.com, "Code Quality",
# "Code Quality report format"), and the values it allows.
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _gitlab(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    main(["check", "--isolated", "--no-cache", "-o", "gitlab", *args])
    return json.loads(capsys.readouterr().out)


def test_gitlab_report_has_the_documented_shape(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(FIXTURES / "backend-bad-registration")
    issues = _gitlab(capsys)
    assert isinstance(issues, list) and len(issues) == 12
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["description"], str) and issue["description"]
        assert re.fullmatch(r"CX\d{3}", issue["check_name"])
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["severity"] in GITLAB_SEVERITIES
        location = issue["location"]
        assert not location["path"].startswith(("./", "/"))
        begin, end = location["positions"]["begin"], location["positions"]["end"]
        assert begin["line"] >= 1 and begin["column"] >= 1
        assert (end["line"], end["column"]) >= (begin["line"], begin["column"])
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    cx101 = next(i for i in issues if i["check_name"] == "CX101")
    assert cx101 == {
        "description": "`business_unit` is 0; a BU number is a positive integer (help: use your "
        "organisation's primary BU number: in CXone, ACD > ACD Configuration > Business Units > "
        "Unit Number)",
        "check_name": "CX101",
        "fingerprint": cx101["fingerprint"],
        "severity": "major",
        "location": {
            "path": "cxone-app.toml",
            "positions": {"begin": {"line": 7, "column": 17}, "end": {"line": 7, "column": 18}},
        },
    }
    # The example in docs/integrations.md is this very entry.
    assert json.dumps(cx101["fingerprint"]) in INTEGRATIONS


def test_gitlab_fingerprints_tell_identical_findings_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.py").write_text("x = 1  # noqa: CX999\ny = 2  # noqa: CX999\n")
    monkeypatch.chdir(tmp_path)
    issues = _gitlab(capsys, "--select", "LINT011")
    assert [i["location"]["positions"]["begin"]["line"] for i in issues] == [1, 2]
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]
    # Suppressed findings are not issues.
    (tmp_path / "a.py").write_text(
        'URL = "http://cxone.niceincontact.com/x"  # noqa: CX408 -- a local mock\n'
    )
    assert _gitlab(capsys, "--select", "CX408") == []


def test_documented_gitlab_job_publishes_what_cxone_lint_writes() -> None:
    jobs = [b for b in yaml_blocks(INTEGRATIONS) if isinstance(b, dict) and "cxone-lint" in b]
    quality = next(j["cxone-lint"] for j in jobs if "codequality" in str(j))
    script = quality["script"]
    assert script[0] == "python -m venv .cxone-lint-venv"
    assert script[1].startswith(".cxone-lint-venv/bin/python -m pip install")
    args = check_args(script[2])
    report = quality["artifacts"]["reports"]["codequality"]
    assert args.output_format == [f"gitlab:{report}", "concise"]
    assert quality["artifacts"]["when"] == "always"


# --- the composite GitHub Action ---------------------------------------------------------------


def test_action_installs_lints_and_uploads_sarif() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = {s["name"]: s for s in action["runs"]["steps"]}
    assert list(steps) == [
        "Set up Python",
        "Install cxone-lint",
        "Lint",
        "Upload SARIF to code scanning",
        "Fail on findings",
    ]
    # Every `run` step of a composite action must name its shell.
    assert all(s.get("shell") == "bash" for s in steps.values() if "run" in s)
    assert steps["Install cxone-lint"]["run"].endswith('"$ACTION_PATH"')
    assert steps["Install cxone-lint"]["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    # Inputs reach scripts through the environment, never pasted into them.
    for step in steps.values():
        assert "${{" not in step.get("run", ""), step["name"]
    lint = steps["Lint"]["run"].splitlines()[2].strip()
    command = lint.split(" || ")[0].replace('${BASE:+--base "$BASE"} $ARGS', "--base abc123 src")
    args = check_args(command)
    assert args.output_format == ["sarif:$SARIF", "github"]
    assert (args.base, args.paths) == ("abc123", [Path("src")])
    upload = steps["Upload SARIF to code scanning"]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert steps["Lint"]["env"]["SARIF"] == "${{ inputs.sarif-file }}"
    assert set(action["inputs"]) == {"args", "base", "sarif-file", "upload-sarif", "python-version"}
    assert action["outputs"]["exit-code"]["value"] == "${{ steps.lint.outputs.exit-code }}"


def test_documented_workflow_uses_the_action() -> None:
    (workflow,) = [b for b in yaml_blocks(INTEGRATIONS) if isinstance(b, dict) and "jobs" in b]
    job = workflow["jobs"]["cxone-lint"]
    assert job["permissions"]["security-events"] == "write"
    checkout, action = job["steps"]
    assert checkout["with"]["fetch-depth"] == 0
    assert re.fullmatch(r"YOUR-ORG/cxone-lint@[0-9a-f]{40}", action["uses"])
    assert action["with"] == {"base": "${{ github.event.pull_request.base.sha }}"}


# --- pre-commit: each finding once -------------------------------------------------------------


def test_rest_of_project_reports_what_the_named_files_do_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The two hooks' commands on the same files: together, every finding once."""
    (tmp_path / "a.toml").write_text("a = 1\na = 2\n")
    (tmp_path / "b.toml").write_text("b = [\n")
    monkeypatch.chdir(tmp_path)
    base = ["check", "--isolated", "--no-cache", "--select", "LINT001"]
    assert main([*base, "--force-exclude", "a.toml"]) == 1
    named = capsys.readouterr().out
    assert main([*base, "--rest-of-project", "--force-exclude", "a.toml"]) == 1
    rest = capsys.readouterr().out
    assert named == "a.toml:2:6: LINT001 invalid TOML: Cannot overwrite a value\nFound 1 finding.\n"
    assert (
        rest == "b.toml:1:6: LINT001 invalid TOML: Invalid value (at end of document)\n"
        "Found 1 finding.\n"
    )
    # With no file named (nothing staged), the project hook reports the whole project.
    assert main([*base, "--rest-of-project"]) == 1
    assert capsys.readouterr().out.count("LINT001") == 2
