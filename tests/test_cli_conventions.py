"""The command line as a newcomer meets it: nothing asked for is silently skipped, ruff's
conventions (the working directory by default, `[*]` and ruff's fix summary, `--diff`,
`--unsafe-fixes` only widening a fix, `--statistics`, `--show-suppressed`, one path base), and
one vocabulary across subcommands. Exit codes and output are asserted exactly."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cxone_lint.cli.main import main
from cxone_lint.cli.output import Progress

SETTINGS = 'TOKEN_URL = "http://cxone.niceincontact.com/auth/token"\n'
AUTH = """\
import os

import requests

from app.settings import TOKEN_URL


def token() -> dict:
    body = {
        "grant_type": "password",
        "username": os.environ["CXONE_ACCESS_KEY_ID"],
        "password": os.environ["CXONE_ACCESS_KEY_SECRET"],
    }
    auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])
    return requests.post(TOKEN_URL, json=body, auth=auth, timeout=10).json()
"""
# CX408 (plain http:// to CXone) has a safe fix, CX311 (JSON token body) an unsafe one.
SELECT = ["--isolated", "--no-cache", "--select", "CX408,CX311"]
CX408 = "CX408 plain http:// URL to CXone host cxone.niceincontact.com"
CX311 = (
    "CX311 token request body sent as JSON; CXone's token endpoint takes "
    "application/x-www-form-urlencoded"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "settings.py").write_text(SETTINGS)
    (tmp_path / "app" / "auth.py").write_text(AUTH)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- 1. nothing asked for is silently skipped -----------------------------------------------


def test_a_path_that_does_not_exist(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The rest is linted; the run still fails, and nothing claims "All checks passed".
    assert run(capsys, "check", *SELECT, "nosuchdir") == (
        2,
        "No findings in the files analysed.\n",
        "cxone-lint: nosuchdir: no such file or directory\n"
        "cxone-lint: error: nothing was analysed for nosuchdir (named on the command line)\n",
    )


def test_a_mistyped_path_says_what_is_there(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", *SELECT, "app/setings.py", "app/auth.py")
    assert (code, out.splitlines()[-2]) == (2, "Found 1 finding.")
    assert err == (
        "cxone-lint: app/setings.py: no such file or directory (did you mean "
        "'app/settings.py'?)\n"
        "cxone-lint: error: nothing was analysed for app/setings.py (named on the command "
        "line)\n"
    )


def test_a_mistyped_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "rulez") == (
        2,
        "",
        "cxone-lint: error: unknown command 'rulez' (did you mean 'rules'?)\n",
    )
    assert run(capsys, "revew", "-o", "html") == (
        2,
        "",
        "cxone-lint: error: unknown command 'revew' (did you mean 'review'?)\n",
    )
    assert run(capsys, "lint") == (
        2,
        "",
        "cxone-lint: error: 'lint' is neither a command nor a file or directory "
        "(commands: check, rule, rules, baseline, cache, init, review)\n",
    )
    # A word that is a path is linted, as `cxone-lint PATHS` always was.
    assert run(capsys, "app", *SELECT)[0] == 1


def test_a_manifest_that_does_not_exist(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "--isolated", "--manifest", "nope.toml") == (
        2,
        "",
        "cxone-lint: error: --manifest: nope.toml does not exist\n",
    )
    assert run(capsys, "review", "--isolated", "--manifest", "app") == (
        2,
        "",
        "cxone-lint: error: --manifest: app does not exist\n",
    )


def test_a_config_that_moves_the_root_away(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "ci").mkdir()
    (project / "ci" / "cxone-lint.toml").write_text('select = ["CX4"]\n')
    assert run(capsys, "check", "--config", "ci/cxone-lint.toml", "app/settings.py") == (
        2,
        "No findings in the files analysed.\n",
        "cxone-lint: app/settings.py: outside the project root; not linted (the project root "
        "is ci, set by --config ci/cxone-lint.toml)\n"
        "cxone-lint: error: nothing was analysed for app/settings.py (named on the command "
        "line)\n",
    )
    assert run(capsys, "check", "--config", "ci/cxone-lint.toml") == (
        2,
        "",
        "cxone-lint: error: the working directory is outside the project root ci: name what "
        "to lint\n",
    )


def test_a_file_cxone_lint_does_not_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "README.md").write_text("# app\n")
    code, _, err = run(capsys, "check", *SELECT, "README.md", "app")
    assert code == 2
    assert err == (
        "cxone-lint: README.md: not a kind of file cxone-lint reads; not linted\n"
        "cxone-lint: error: nothing was analysed for README.md (named on the command line)\n"
    )


def test_did_you_mean_for_options_selectors_rules_and_formats(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "check", "--fixx") == (
        2,
        "",
        "cxone-lint: error: unrecognized arguments: --fixx (did you mean '--fix'?)\n"
        "Run `cxone-lint check --help` for the options.\n",
    )
    assert run(capsys, "check", "--unsafe")[2].startswith(
        "cxone-lint: error: unrecognized arguments: --unsafe (did you mean '--unsafe-fixes'?)\n"
    )
    assert run(capsys, "check", "--isolated", "--select", "CX1O1,nope") == (
        2,
        "",
        "cxone-lint: error: unknown rule selector(s): CX1O1 (did you mean 'CX101'?), nope; "
        "`cxone-lint rules` lists every rule\n",
    )
    assert run(capsys, "check", "--isolated", "--ignore", "hardcoded-client-secre") == (
        2,
        "",
        "cxone-lint: error: unknown rule selector(s): hardcoded-client-secre (did you mean "
        "'hardcoded-client-secret'?); `cxone-lint rules` lists every rule\n",
    )
    assert run(capsys, "rule", "CX1O1") == (
        2,
        "",
        "cxone-lint: error: no rule 'CX1O1' (did you mean 'CX101'?)\n",
    )
    assert run(capsys, "check", "--isolated", "-o", "jsno") == (
        2,
        "",
        "cxone-lint: error: --output-format: unknown format 'jsno' (did you mean 'json'?) "
        "(allowed: concise, full, json, sarif, github, gitlab, junit)\n",
    )
    assert run(capsys, "review", "-o", "htm") == (
        2,
        "",
        "cxone-lint: error: argument --output-format/-o: unknown format 'htm' (did you mean "
        "'html'?); allowed: markdown, html, json\n"
        "Run `cxone-lint review --help` for the options.\n",
    )


# --- 2. ruff's conventions -------------------------------------------------------------------


def test_no_path_lints_the_working_directory_with_settings_found_upward(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "cxone-lint.toml").write_text('select = ["CX408", "CX311"]\n')
    (project / "other.py").write_text(SETTINGS)
    monkeypatch.chdir(project / "app")
    code, out, err = run(capsys, "check", "--no-cache", "--verbose")
    assert code == 1
    # Only the working directory (other.py above it is not linted), paths as seen from it.
    assert out == (
        f"auth.py:15:12: {CX311}\n"
        f"settings.py:1:13: {CX408.replace('CX408', 'CX408 [*]')}\n"
        "Found 2 findings.\n"
        "[*] 1 fixable with `--fix` (1 unsafe fix available with `--fix --unsafe-fixes`).\n"
    )
    assert err.splitlines()[:3] == [
        f"cxone-lint: project root: {project.resolve()}",
        f"cxone-lint: settings: {(project / 'cxone-lint.toml').resolve()}",
        "cxone-lint: linting: . (the working directory)",
    ]
    # At the project root, no path is the whole project.
    monkeypatch.chdir(project)
    assert "other.py:1:13: CX408 [*] " in run(capsys, "check", "--no-cache")[1]


def test_unsafe_fixes_alone_only_widens_what_counts_as_fixable(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", *SELECT, "--unsafe-fixes")
    assert code == 1
    assert out == (
        f"app/auth.py:15:12: {CX311.replace('CX311', 'CX311 [*]')}\n"
        f"app/settings.py:1:13: {CX408.replace('CX408', 'CX408 [*]')}\n"
        "Found 2 findings.\n"
        "[*] 2 fixable with `--fix`.\n"
    )
    assert (project / "app" / "settings.py").read_text() == SETTINGS
    assert (project / "app" / "auth.py").read_text() == AUTH


def test_only_unsafe_fixes_left(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--isolated", "--no-cache", "--select", "CX311")
    assert (code, out) == (
        1,
        f"app/auth.py:15:12: {CX311}\n"
        "Found 1 finding.\n"
        "1 unsafe fix available with `--fix --unsafe-fixes`.\n",
    )


def test_fix_says_what_it_fixed_and_what_remains(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", *SELECT, "--fix")
    assert (code, out) == (
        1,
        f"app/auth.py:15:12: {CX311}\n"
        "Found 2 findings (1 fixed, 1 remaining).\n"
        "1 unsafe fix available with `--fix --unsafe-fixes`.\n",
    )
    assert (project / "app" / "settings.py").read_text() == SETTINGS.replace("http:", "https:")
    code, out, _ = run(capsys, "check", *SELECT, "--fix", "--unsafe-fixes")
    assert (code, out) == (0, "Found 1 finding (1 fixed, 0 remaining).\n")
    assert (project / "app" / "auth.py").read_text() == AUTH.replace("json=body", "data=body")


DIFF_SAFE = """\
--- a/app/settings.py
+++ b/app/settings.py
@@ -1 +1 @@
-TOKEN_URL = "http://cxone.niceincontact.com/auth/token"
+TOKEN_URL = "https://cxone.niceincontact.com/auth/token"
"""
DIFF_UNSAFE = """\
--- a/app/auth.py
+++ b/app/auth.py
@@ -12,4 +12,4 @@
         "password": os.environ["CXONE_ACCESS_KEY_SECRET"],
     }
     auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])
-    return requests.post(TOKEN_URL, json=body, auth=auth, timeout=10).json()
+    return requests.post(TOKEN_URL, data=body, auth=auth, timeout=10).json()
"""


def test_diff_prints_the_fixes_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "check", *SELECT, "--diff") == (
        1,
        DIFF_SAFE,
        "Would fix 1 finding (1 additional fix available with `--unsafe-fixes`).\n",
    )
    assert run(capsys, "check", *SELECT, "--diff", "--unsafe-fixes") == (
        1,
        DIFF_UNSAFE + DIFF_SAFE,
        "Would fix 2 findings.\n",
    )
    assert (project / "app" / "settings.py").read_text() == SETTINGS
    assert (project / "app" / "auth.py").read_text() == AUTH
    assert run(capsys, "check", "--isolated", "--no-cache", "--select", "CX311", "--diff") == (
        0,
        "",
        "No findings would be fixed (1 fix available with `--unsafe-fixes`).\n",
    )
    assert run(capsys, "check", *SELECT, "--diff", "--exit-zero")[0] == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_is_a_patch_git_applies(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, patch, _ = run(capsys, "check", *SELECT, "--diff", "--unsafe-fixes")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "apply", "-"], cwd=project, input=patch, text=True, check=True)
    assert (project / "app" / "auth.py").read_text() == AUTH.replace("json=body", "data=body")
    assert run(capsys, "check", *SELECT)[:2] == (0, "All checks passed (2 files checked).\n")


def test_statistics_prints_the_table_and_the_summary(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "app" / "more.py").write_text(SETTINGS)
    assert run(capsys, "check", *SELECT, "--statistics") == (
        1,
        "2\tCX408\t[*] insecure-http-cxone\n"
        "1\tCX311\t[ ] access-key-encoding\n"
        "Found 3 findings.\n"
        "[*] 2 fixable with `--fix` (1 unsafe fix available with `--fix --unsafe-fixes`).\n",
        "",
    )


def test_show_suppressed_marks_suppressed_findings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "app" / "settings.py").write_text(
        SETTINGS.rstrip("\n") + "  # noqa: CX408 -- a local mock server\n"
    )
    code, out, _ = run(capsys, "check", *SELECT, "--show-suppressed")
    assert (code, out) == (
        1,
        f"app/auth.py:15:12: {CX311}\n"
        f"app/settings.py:1:13: {CX408} (suppressed: noqa: a local mock server)\n"
        "Found 1 finding (1 suppressed).\n"
        "1 unsafe fix available with `--fix --unsafe-fixes`.\n",
    )
    assert run(capsys, "check", *SELECT)[1] == (
        f"app/auth.py:15:12: {CX311}\n"
        "Found 1 finding (1 suppressed).\n"
        "1 unsafe fix available with `--fix --unsafe-fixes`.\n"
    )


def test_one_path_base_in_every_output(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run from a folder below the root: findings, JSON fix edits, SARIF and GitHub paths are
    all relative to the working directory."""
    (project / "cxone-lint.toml").write_text('select = ["CX408"]\n')
    monkeypatch.chdir(project / "app")
    _, out, _ = run(capsys, "check", "--no-cache", "-o", "json", "settings.py")
    (finding,) = json.loads(out)["findings"]
    assert finding["path"] == "settings.py"
    assert [e["path"] for e in finding["fix"]["edits"]] == ["settings.py"]
    run(capsys, "check", "--no-cache", "-o", "sarif", "--output", "../out.sarif")
    sarif = json.loads((project / "out.sarif").read_text())
    (result,) = sarif["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "settings.py"
    change = result["fixes"][0]["artifactChanges"][0]["artifactLocation"]
    assert change["uri"] == "settings.py"
    out = run(capsys, "check", "--no-cache", "-o", "github")[1]
    assert out.startswith("::error file=settings.py,line=1,col=13,")


# --- 3. one vocabulary -----------------------------------------------------------------------


def test_output_format_and_output_mean_the_same_everywhere(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "review", "--isolated", "-o", "html", "--output", "r.html")
    assert code == 1 and out == ""
    assert (project / "r.html").read_text().startswith("<!DOCTYPE html>")
    markdown = run(capsys, "review", "--isolated", "--no-cache", "-o", "markdown")[1]
    assert markdown.startswith("# ")
    assert run(capsys, "review", "--isolated", "--no-cache", "-o", "md")[1] == markdown
    assert run(capsys, "rules", "-o", "md")[1] == run(capsys, "rules", "-o", "markdown")[1]
    assert run(capsys, "rules", "--output-format", "json")[1].startswith("[")
    assert run(capsys, "rules", "-o", "json", "--output", "rules.json") == (0, "", "")
    assert json.loads((project / "rules.json").read_text())[0]["code"] == "CX001"
    code, out, _ = run(capsys, "check", *SELECT, "-o", "json", "--output", "report.json")
    assert (code, out) == (1, "")
    assert len(json.loads((project / "report.json").read_text())["findings"]) == 2
    code, out, err = run(capsys, "baseline", *SELECT, "-o", "concise")
    assert code == 0
    assert out.startswith(f"app/auth.py:15:12: {CX311}\n")
    assert err.startswith("Wrote 2 findings (2 entries) to .cxone-lint-baseline.json.\n")
    # `-o` never names a file.
    assert run(capsys, "init", "-o", "x.toml")[0] == 2
    assert not (project / "x.toml").exists()
    assert run(capsys, "check", *SELECT, "-o", "json", "-o", "concise", "--output", "x") == (
        2,
        "",
        "cxone-lint: error: --output FILE names the file of one format; give the others as "
        "FORMAT:FILE\n",
    )


@pytest.mark.parametrize(
    "command", ["", "check", "rule", "rules", "review", "init", "baseline", "cache", "cache clean"]
)
def test_every_command_has_a_help_with_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    words = command.split()
    with pytest.raises(SystemExit) as exit_info:
        code = main([*words, "--help"])
        raise SystemExit(code)
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert out.startswith("usage: cxone-lint")
    assert "\nexamples:\n" in out
    prefix = "  cxone-lint " + (words[0] if words else "")
    assert any(line.startswith(prefix) for line in out.split("\nexamples:\n", 1)[1].splitlines())


# --- the progress line ---------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_only_on_a_terminal_and_after_a_while() -> None:
    tty = _Terminal()
    progress = Progress(tty, after=0.0)
    progress(3, 10)
    progress(10, 10)
    progress.done()
    assert tty.getvalue() == (
        "\rcxone-lint: analysing 3/10 files\rcxone-lint: analysing 10/10 files\r\033[K"
    )
    slow = _Terminal()
    Progress(slow, after=3600.0)(5, 10)
    assert slow.getvalue() == ""
    piped = io.StringIO()
    Progress(piped, after=0.0)(5, 10)
    assert piped.getvalue() == ""


def test_a_folder_with_nothing_to_lint_fails_and_says_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "notes.md").write_text("# notes\n")
    assert run(capsys, "check", *SELECT, "docs") == (
        2,
        "No findings in the files analysed.\n",
        "cxone-lint: docs: no file cxone-lint reads under it; nothing linted\n"
        "cxone-lint: error: nothing was analysed for docs (named on the command line)\n",
    )
