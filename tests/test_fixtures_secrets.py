"""The secrets-leak fixture: exact CX4xx findings, outside git and inside git."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cxone_lint.testing import findings, run_project

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "secrets-leak"

# Everything CX4xx must report on the fixture copied outside git, and nothing else: the
# placeholders, env lookups, test dummies and public client ids in safe.py, .env.example and
# tests/ give no finding; the Checkmarx One scanner's own hard-coded secret is reported (a
# mention of Checkmarx never hides a secret).
EXPECTED = [
    ("CX401", ".env", 3),
    ("CX401", "callback_scheduler/settings.py", 8),
    ("CX401", "config/settings.yaml", 4),
    ("CX401", "scanners/checkmarx.py", 5),
    ("CX402", ".env", 5),
    ("CX402", "callback_scheduler/settings.py", 10),
    ("CX402", "config/cxone.json", 3),
    ("CX403", "callback_scheduler/reports.py", 7),
    ("CX403", "config/deploy.toml", 2),
    ("CX404", "callback_scheduler/legacy.py", 6),
    ("CX404", "config/deploy.toml", 3),
    ("CX405", "config/settings.yaml", 8),
    ("CX406", "callback_scheduler/auth.py", 31),
    ("CX406", "callback_scheduler/auth.py", 34),
    ("CX407", "callback_scheduler/auth.py", 25),
    ("CX408", "callback_scheduler/settings.py", 6),
    ("CX408", "config/cxone.json", 4),
    ("CX409", ".env", 3),
    ("CX409", "config/cxone.json", 3),
    ("CX409", "config/deploy.toml", 2),
    ("CX409", "config/settings.yaml", 4),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(FIXTURE, root)
    return root


def test_exact_findings_outside_git(project: Path) -> None:
    result = run_project(project, ["CX4"])
    assert findings(result) == sorted(EXPECTED)
    cx409 = {d.path: d.message for d in result.active if d.code == "CX409"}
    assert "not in a git work tree" in cx409[".env"]


def test_every_secret_finding_is_sensitive_and_keyed_by_fingerprint(project: Path) -> None:
    result = run_project(project, ["CX4"])
    for d in result.active:
        if d.code in ("CX401", "CX402", "CX403", "CX404", "CX405", "CX409"):
            assert d.sensitive, d
        if d.code in ("CX401", "CX402", "CX403", "CX404", "CX405"):
            fp = d.message.rsplit("fingerprint ", 1)[1].rstrip(")")
            assert d.key == f"{d.key.split(':')[0]}:{fp}"
    # The same client secret in three files has one fingerprint (the Checkmarx One scanner's
    # own secret is another one).
    keys = {d.key for d in result.active if d.code == "CX401" and "checkmarx" not in d.path}
    assert len(keys) == 1


def test_jwt_messages_say_what_the_token_is(project: Path) -> None:
    result = run_project(project, ["CX403"])
    messages = sorted(d.message for d in result.active)
    assert messages[0].startswith(
        "hard-coded CXone access token (issuer auth.na1.nice-incontact.com, HS256, "
        "expired 2025-01-01) in `Authorization` (fingerprint "
    )
    assert messages[1].startswith(
        "hard-coded CXone id token (issuer cxone.niceincontact.com, HS256, "
        "valid until 2100-01-01) in `id_token` (fingerprint "
    )
    # An expired token opens nothing any more: a warning; a live one is an error.
    severities = {d.path: str(d.severity) for d in result.active}
    assert severities == {
        "callback_scheduler/reports.py": "warning",
        "config/deploy.toml": "error",
    }


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_git_states(project: Path) -> None:
    # deploy.toml ignored (never linted), settings.yaml and cxone.json committed, .env left
    # untracked and not ignored.
    (project / ".gitignore").write_text("config/deploy.toml\n")
    _git(project, "init", "-q")
    _git(project, "add", ".gitignore", "config/settings.yaml", "config/cxone.json")
    _git(project, "commit", "-q", "--no-verify", "-m", "init")
    result = run_project(project, ["CX409"])
    got = {d.path: d.message for d in result.active}
    assert sorted(got) == [".env", "config/cxone.json", "config/settings.yaml"]
    assert got[".env"].endswith("is not ignored by git (one `git add .` from being committed)")
    assert got["config/cxone.json"] == (
        "config/cxone.json holds 1 real secret (access key secret) and is committed to git"
    )
    assert got["config/settings.yaml"] == (
        "config/settings.yaml holds 2 real secrets (client secret, password) and is committed "
        "to git"
    )


def test_unsafe_fix_moves_python_secrets_to_the_environment(project: Path) -> None:
    run_project(project, ["CX401", "CX402"], {"secret-env-prefix": "ACME_"}, fix=True, unsafe=True)
    text = (project / "callback_scheduler/settings.py").read_text()
    assert 'CLIENT_SECRET = os.environ["ACME_CLIENT_SECRET"]\n' in text
    assert 'ACCESS_KEY_SECRET = os.environ["ACME_ACCESS_KEY_SECRET"]\n' in text
    assert text.count("import os\n") == 1  # already imported: not added again
    compile(text, "settings.py", "exec")
    result = run_project(project, ["CX401", "CX402"])
    assert [f for f in findings(result) if f[1].endswith(".py")] == []


def test_safe_fix_upgrades_http(project: Path) -> None:
    run_project(project, ["CX408"], fix=True)
    text = (project / "callback_scheduler/settings.py").read_text()
    assert 'TOKEN_URL = "https://cxone.niceincontact.com/auth/token"\n' in text
    # Config files are reported but not rewritten.
    assert "http://cxone" in (project / "config/cxone.json").read_text()


def test_git_states_when_the_project_is_a_subdirectory(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    project = repo / "services" / "scheduler"
    shutil.copytree(FIXTURE, project)
    (repo / ".gitignore").write_text("services/scheduler/.env\n")
    _git(repo, "init", "-q")
    _git(repo, "add", ".gitignore", "services/scheduler/config/cxone.json")
    _git(repo, "commit", "-q", "--no-verify", "-m", "init")
    result = run_project(project, ["CX409"])
    got = {d.path: d.message.rsplit(" and ", 1)[1] for d in result.active}
    assert got == {
        "config/cxone.json": "is committed to git",
        "config/deploy.toml": "is not ignored by git (one `git add .` from being committed)",
        "config/settings.yaml": "is not ignored by git (one `git add .` from being committed)",
    }
