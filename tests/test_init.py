"""`cxone-lint init` end to end: the manifest inferred from code, where each value came from,
never overwriting, and the written manifest loading cleanly (no CX005/CX006)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cxone_lint.cli.main import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

BACKEND_AUTH = '''\
"""Token for the scheduler's API user (back-end app, password grant)."""

import os

import requests

ISSUER = "https://cxone.niceincontact.com"
API = "https://api-na1.niceincontact.com"


def token() -> str:
    discovery = requests.get(ISSUER + "/.well-known/openid-configuration", timeout=10).json()
    response = requests.post(
        discovery["token_endpoint"],
        auth=(os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"]),
        data={
            "grant_type": "password",
            "username": os.environ["CXONE_ACCESS_KEY_ID"],
            "password": os.environ["CXONE_ACCESS_KEY_SECRET"],
        },
        timeout=10,
    )
    return response.json()["access_token"]
'''

EXPECTED_BACKEND = """\
# Registration manifest of this CXone integration, written by `cxone-lint init`.
# Values marked `inferred` were read from the code (file:line says where); lines
# marked TO CONFIRM are unknown: fill them in from the registration NICE confirmed,
# then uncomment them. Never put a client secret or access key secret here.
[app]
# name = "scheduler"  # TO CONFIRM: the app name on the registration
# client_id = ""  # TO CONFIRM: issued by NICE when the registration is processed
type = "backend"  # inferred: password-grant token request at sched/auth.py:13
# tenancy = "single"  # TO CONFIRM: single | all ("Multiple Tenants" on the form)
# tenant_id = ""  # TO CONFIRM: fixed at registration
# business_unit = 0  # TO CONFIRM: your organisation's primary BU number
environments = ["na1"]  # inferred: CXone area hosts called (na1 at sched/auth.py:8)
government = false  # inferred: commercial host cxone.niceincontact.com at sched/auth.py:7
auth_method = "client_secret_basic"  # inferred: client authentication at sched/auth.py:13
# scope = []  # TO CONFIRM: the CXone API groups the app uses, e.g. PatronAPI
# contacts = []  # TO CONFIRM: technical contacts: monitored team mailboxes
# status = "enabled"  # TO CONFIRM: enabled | disabled | deleted

# The CXone user the back-end app authenticates as (its access key's owner).
# Uncomment the table header too when you fill it in.
# [api_user]
# username = ""  # TO CONFIRM: the dedicated API user
# login_authenticator = ""  # TO CONFIRM: none for a back-end app's API user
# primary_role = ""  # TO CONFIRM: a role unique to this app, holding only what it needs
# permissions = []  # TO CONFIRM: the permissions of that role
# attributes = []  # TO CONFIRM: billable attributes: none
"""


@pytest.fixture
def backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "scheduler"
    (root / "sched").mkdir(parents=True)
    (root / "sched" / "__init__.py").write_text("", encoding="utf-8")
    (root / "sched" / "auth.py").write_text(BACKEND_AUTH, encoding="utf-8")
    (root / "cxone-lint.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["init", "--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_backend_manifest_exact(backend: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys)
    assert (code, out) == (0, "")
    assert err == "cxone-lint: wrote cxone-app.toml (4 values inferred, 13 to confirm)\n"
    assert (backend / "cxone-app.toml").read_text(encoding="utf-8") == EXPECTED_BACKEND


def test_written_manifest_loads_without_manifest_errors(backend: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys)[0] == 0
    code = main(["check", "--no-cache", "--select", "CX001,CX005,CX006"])
    out, _ = capsys.readouterr()
    assert (code, out) == (0, "All checks passed (4 files checked).\n")
    # Filled in and uncommented, it is still a valid manifest.
    text = (backend / "cxone-app.toml").read_text(encoding="utf-8")
    filled = "\n".join(
        line.removeprefix("# ") if " TO CONFIRM: " in line or line == "# [api_user]" else line
        for line in text.splitlines()
    )
    (backend / "cxone-app.toml").write_text(filled + "\n", encoding="utf-8")
    code = main(["check", "--no-cache", "--select", "CX001,CX005,CX006"])
    out, _ = capsys.readouterr()
    assert (code, out) == (0, "All checks passed (4 files checked).\n")


def test_never_overwrites(backend: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (backend / "cxone-app.toml").write_text("# mine\n", encoding="utf-8")
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert err == (
        "cxone-lint: error: cxone-app.toml already exists; init never overwrites a manifest "
        "(use --output FILE to write elsewhere, or --output - to print it)\n"
    )
    assert (backend / "cxone-app.toml").read_text(encoding="utf-8") == "# mine\n"
    # --output elsewhere works, and also refuses to overwrite.
    code, _, err = run(capsys, "--output", "inferred.toml")
    assert code == 0
    assert err == "cxone-lint: wrote inferred.toml (4 values inferred, 13 to confirm)\n"
    assert (backend / "inferred.toml").read_text(encoding="utf-8") == EXPECTED_BACKEND
    code, _, err = run(capsys, "--output", "inferred.toml")
    assert code == 2
    assert err.startswith("cxone-lint: error: inferred.toml already exists;")


def test_existing_json_manifest_blocks_default_target(backend: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (backend / "cxone-app.json").write_text('{"id": "x", "type": "backend"}\n', encoding="utf-8")
    code, _, err = run(capsys)
    assert code == 2
    assert err == (
        "cxone-lint: error: the project already has a manifest (cxone-app.json); use --output "
        "FILE to write the inferred one elsewhere and compare\n"
    )
    assert not (backend / "cxone-app.toml").exists()


def test_print_to_stdout(backend: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "--output", "-")
    assert (code, out) == (0, EXPECTED_BACKEND)
    assert err == "cxone-lint: 4 values inferred, 13 to confirm\n"
    assert not (backend / "cxone-app.toml").exists()


def test_user_app_origins_from_redirects(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "webapp-origins", project)
    (project / "cxone-app.toml").unlink()
    monkeypatch.chdir(project)
    code, out, _ = run(capsys, "--output", "-")
    assert code == 0
    lines = out.splitlines()
    assert (
        'type = "confidential"  # inferred: authorize flow at portal/oidc.py:26 '
        "(client secret sent)" in lines
    )
    assert (
        'origins = ["https://portal.acme.example"]  # inferred: https://portal.acme.example from '
        "the redirect URI at portal/oidc.py:29; add every origin the browser calls from"
    ) in lines
    assert (
        'redirects = ["https://portal.acme.example/oauth/callback"]  # inferred: redirect URIs at '
        "portal/oidc.py:29"
    ) in lines
    assert (
        'auth_method = "client_secret_post"  # inferred: client authentication at portal/oidc.py:40'
    ) in lines


def test_no_cxone_code(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "main.py").write_text("print('hello')\n", encoding="utf-8")
    (tmp_path / "cxone-lint.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--output", "-")
    assert code == 0
    assert err == (
        "cxone-lint: note: no CXone authentication or CXone host was found in the code\n"
        "cxone-lint: 0 values inferred, 13 to confirm\n"
    )
    assert "inferred:" not in out
    assert '# type = "backend"  # TO CONFIRM: backend | confidential | public' in out


def test_no_secret_written(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    secret = "Zq8vR2mW7tY4pL9xK3cN6bH1jF5dS0aG"
    (tmp_path / "auth.py").write_text(
        BACKEND_AUTH.replace('os.environ["CXONE_CLIENT_SECRET"]', repr(secret)), encoding="utf-8"
    )
    (tmp_path / "cxone-lint.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "--output", "-")
    assert code == 0
    assert secret not in out
    assert 'type = "backend"' in out
