"""The real `pre-commit` runs this repository's `.pre-commit-hooks.yaml` on a temporary git
repository: the hooks fail on a bad registration manifest and pass on a good one.

pre-commit installs the hook from a git repository at a revision, so the test first snapshots
this working tree (tracked and untracked, unignored files) into a temporary git repository and
commits it: what is tested is the code and hook file as they are now, not the last commit.
pre-commit then builds the hook's virtualenv with pip (dependencies come from the package
index); one environment serves every test in this module.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

needs_pre_commit = pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None,
    reason="pre-commit is not installed (pip install -e '.[test]')",
)

REPO = Path(__file__).resolve().parents[1]
GIT_ID = ["-c", "user.name=cxone-lint tests", "-c", "user.email=tests@example.com"]
# Only what building and installing the package needs, plus the hook definitions.
PACKAGE_PARTS = (
    "pyproject.toml",
    "README.md",
    "LICENSE",
    ".pre-commit-hooks.yaml",
    "src/",
    "rules/",
)

GOOD_MANIFEST = """\
[app]
name = "Northwind Callback Bridge"
client_id = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
type = "backend"
tenancy = "single"
tenant_id = "22fc1b8f-5b4d-4e3c-9f20-1353bd231113"
business_unit = 4711001
auth_method = "client_secret_basic"
scope = ["RealTimeDataAPI"]
contacts = ["integrations@northwind.example"]
status = "enabled"

[api_user]
username = "svc-bridge@northwind.example"
primary_role = "Northwind Callback Bridge API"
permissions = ["Contacts: View"]
"""
BAD_MANIFEST = GOOD_MANIFEST.replace("business_unit = 4711001", 'business_unit = "abc"')
APP = 'import os\n\nCLIENT_ID = os.environ["CXONE_CLIENT_ID"]\n'


def git(cwd: Path, *args: str) -> str:
    out = subprocess.run(
        ["git", *GIT_ID, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This working tree's package and hook file, committed in a fresh repository."""
    dest = tmp_path_factory.mktemp("hook-repo")
    listed = git(REPO, "ls-files", "--cached", "--others", "--exclude-standard").splitlines()
    for rel in listed:
        if not rel.startswith(PACKAGE_PARTS) or not (REPO / rel).is_file():
            continue
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, dest / rel)
    assert (dest / ".pre-commit-hooks.yaml").is_file()
    git(dest, "init", "-q")
    git(dest, "add", ".")
    git(dest, "commit", "-q", "-m", "snapshot")
    return dest, git(dest, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path: Path, hook_repo: tuple[Path, str]) -> Path:
    repo, rev = hook_repo
    git(tmp_path, "init", "-q")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {repo.as_posix()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: cxone-lint\n"
        "      - id: cxone-lint-project\n"
    )
    (tmp_path / "app.py").write_text(APP)
    return tmp_path


def pre_commit(project: Path, home: Path, *args: str) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    env["PRE_COMMIT_HOME"] = str(home)
    out = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return out.returncode, out.stdout + out.stderr


def hook_status(output: str) -> dict[str, str]:
    """`cxone-lint....Failed` lines -> {hook name: Passed/Failed/...}."""
    status = {}
    for line in output.splitlines():
        for word in ("Passed", "Failed", "(no files to check)Skipped"):
            if line.endswith(word) and "." in line:
                status[line.split(".")[0].strip()] = word.replace("(no files to check)", "")
    return status


@pytest.mark.slow  # builds the hook's environment: a real install
@needs_pre_commit
def test_hooks_fail_on_bad_manifest_and_pass_on_good(project: Path, pre_commit_home: Path) -> None:
    (project / "cxone-app.toml").write_text(BAD_MANIFEST)
    git(project, "add", ".")
    code, output = pre_commit(project, pre_commit_home, "--all-files")
    assert code == 1, output
    # The file hook reports the manifest it was given; the project hook has nothing to add.
    assert hook_status(output) == {"cxone-lint": "Failed", "cxone-lint (whole project)": "Passed"}
    # Once: the invalid business unit (CX005), on the line and column of the value.
    assert output.count("cxone-app.toml:7:17: CX005 ") == 1, output
    assert "Found 1 finding." in output, output

    (project / "cxone-app.toml").write_text(GOOD_MANIFEST)
    git(project, "add", ".")
    code, output = pre_commit(project, pre_commit_home, "--all-files")
    assert code == 0, output
    assert hook_status(output) == {"cxone-lint": "Passed", "cxone-lint (whole project)": "Passed"}
    assert "CX0" not in output


@pytest.mark.slow  # builds the hook's environment: a real install
@needs_pre_commit
def test_staged_files_only(project: Path, pre_commit_home: Path) -> None:
    """Without --all-files pre-commit passes only the staged files."""
    (project / "cxone-app.toml").write_text(GOOD_MANIFEST)
    git(project, "add", ".")
    git(project, "commit", "-q", "--no-verify", "-m", "good")
    (project / "conf").mkdir()
    (project / "conf" / "settings.toml").write_text('[cxone]\nregion = "na1\n')
    (project / "notes.md").write_text("# notes\n")
    git(project, "add", ".")
    code, output = pre_commit(project, pre_commit_home)
    assert code == 1, output
    assert hook_status(output) == {"cxone-lint": "Failed", "cxone-lint (whole project)": "Passed"}
    assert output.count("conf/settings.toml:2:14: LINT001 invalid TOML") == 1, output

    # Only the file-level hook, on the staged files that are fine.
    (project / "conf" / "settings.toml").write_text('[cxone]\nregion = "na1"\n')
    git(project, "add", ".")
    code, output = pre_commit(project, pre_commit_home, "cxone-lint")
    assert code == 0, output
    assert hook_status(output) == {"cxone-lint": "Passed"}

    # A staged file cxone-lint does not read: the file-level hook has nothing to check.
    git(project, "commit", "-q", "--no-verify", "-m", "more")
    (project / "notes.md").write_text("# more notes\n")
    git(project, "add", ".")
    code, output = pre_commit(project, pre_commit_home, "cxone-lint")
    assert (code, hook_status(output)) == (0, {"cxone-lint": "Skipped"}), output


CODE_POST = """\
import os

import requests


def token(discovery: dict) -> dict:
    form = {
        "grant_type": "password",
        "username": os.environ["CXONE_ACCESS_KEY_ID"],
        "password": os.environ["CXONE_ACCESS_KEY_SECRET"],
        "client_id": os.environ["CXONE_CLIENT_ID"],
        "client_secret": os.environ["CXONE_CLIENT_SECRET"],
    }
    return requests.post(discovery["token_endpoint"], data=form, timeout=10).json()
"""


@pytest.mark.slow  # builds the hook's environment: a real install
@needs_pre_commit
def test_project_hook_reports_what_a_staged_change_breaks_elsewhere(
    project: Path, pre_commit_home: Path
) -> None:
    """The manifest is staged, the code is not: the file hook reports the manifest (its auth
    method changed against the last commit, CX604), the project hook the code the change now
    contradicts (CX301). Each finding once."""
    (project / "cxone-app.toml").write_text(
        GOOD_MANIFEST.replace("client_secret_basic", "client_secret_post")
    )
    (project / "auth.py").write_text(CODE_POST)
    git(project, "add", ".")
    git(project, "commit", "-q", "--no-verify", "-m", "post")
    (project / "cxone-app.toml").write_text(GOOD_MANIFEST)
    git(project, "add", "cxone-app.toml")
    code, output = pre_commit(project, pre_commit_home)
    assert code == 1, output
    assert hook_status(output) == {"cxone-lint": "Failed", "cxone-lint (whole project)": "Failed"}
    assert output.count(" CX604 ") == 1, output
    assert output.count("auth.py:12:26: CX301 ") == 1, output  # the client_secret field


def test_file_pattern_selects_what_cxone_lint_reads() -> None:
    """The file-level hook's `files` pattern (pre-commit matches it with re.search)."""
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"cxone-lint", "cxone-lint-project"}
    project_hook = hooks["cxone-lint-project"]
    # Both hooks get the same files; the project hook reports only what the other does not.
    assert project_hook.get("pass_filenames", True) and project_hook["always_run"]
    assert project_hook["files"] == hooks["cxone-lint"]["files"]
    assert project_hook["types"] == hooks["cxone-lint"]["types"]
    assert project_hook["entry"] == "cxone-lint check --rest-of-project --force-exclude"
    assert hooks["cxone-lint"]["entry"] == "cxone-lint check --force-exclude"
    # `--` ends the options: a staged file named `--config=evil.toml` is a file, not an option.
    assert hooks["cxone-lint"]["args"] == ["--"]
    assert all(h["require_serial"] for h in hooks.values())
    pattern = re.compile(hooks["cxone-lint"]["files"])
    taken = [
        "app.py",
        "stubs/api.pyi",
        "cxone-app.toml",
        "conf/settings.JSON",
        "deploy/values.yaml",
        "ci.yml",
        ".env",
        "svc/.env",
        ".env.production",
        "prod.env",
        "setup.cfg",
        "web/Login.tsx",
        "src/Client.php",
        "Module.psm1",
    ]
    left = ["README.md", "notes.txt", ".envrc", "docs/environment", "data.jsonl", "x.toml.bak"]
    assert [n for n in taken if not pattern.search(n)] == []
    assert [n for n in left if pattern.search(n)] == []


def yaml_blocks(markdown: str) -> list[object]:
    blocks = re.findall(r"^```yaml\n(.*?)^```", markdown, flags=re.S | re.M)
    return [yaml.safe_load(b) for b in blocks]


def test_documented_pre_commit_configs_use_real_hook_ids() -> None:
    ours = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    docs = yaml_blocks((REPO / "docs" / "integrations.md").read_text())
    configs = [d for d in docs if isinstance(d, dict) and "repos" in d]
    assert len(configs) == 2
    remote, local = (c["repos"][0] for c in configs)
    assert {h["id"] for h in remote["hooks"]} == ours
    assert local["repo"] == "local"
    assert local["hooks"][0]["entry"] == "cxone-lint check"


@needs_pre_commit
def test_pre_commit_accepts_the_manifest_and_documented_configs(tmp_path: Path) -> None:
    def validate(kind: str, path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", kind, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )

    manifest = validate("validate-manifest", REPO / ".pre-commit-hooks.yaml")
    assert manifest.returncode == 0, manifest.stdout + manifest.stderr
    docs = (REPO / "docs" / "integrations.md").read_text()
    blocks = re.findall(r"^```yaml\n(.*?)^```", docs, flags=re.S | re.M)
    configs = [b for b in blocks if b.lstrip("# .\n").startswith("repos:") or "\nrepos:" in b]
    assert len(configs) == 2
    for number, block in enumerate(configs):
        path = tmp_path / f"config-{number}.yaml"
        path.write_text(block)
        checked = validate("validate-config", path)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    # The check is real: a hook without an entry is rejected.
    broken = tmp_path / "broken.yaml"
    broken.write_text("- id: x\n  name: x\n  language: python\n")
    assert validate("validate-manifest", broken).returncode == 1


def test_hook_files_pattern_covers_every_language_read() -> None:
    """The hooks' `files` pattern names exactly the files cxone-lint reads: a language added to
    the registry and forgotten here would be silently skipped by pre-commit."""
    from cxone_lint.languages import LANGUAGES
    from cxone_lint.run.workspace import file_kind

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    patterns = {h["id"]: re.compile(h["files"]) for h in hooks}
    assert set(patterns) == {"cxone-lint", "cxone-lint-project"}
    names = [f"src/x{suffix}" for lang in LANGUAGES for suffix in lang.suffixes]
    names += [f"deep/{name}" for lang in LANGUAGES for name in lang.names]
    names += [f"deploy/{prefix}production" for lang in LANGUAGES for prefix in lang.prefixes]
    names += ["APP.PY", "web/Login.TSX"]
    assert len(names) > 30
    for name in names:
        assert file_kind(name.rsplit("/", 1)[-1]) is not None, name
        for hook, pattern in patterns.items():
            assert pattern.search(name), (hook, name)
    for name in ("README.md", "src/app.pyc", "logo.png", "notes.txt", "src/app.rb"):
        assert file_kind(name.rsplit("/", 1)[-1]) is None, name
        for hook, pattern in patterns.items():
            assert not pattern.search(name), (hook, name)
