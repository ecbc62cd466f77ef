"""CX3xx (auth) and CX5xx (environments) findings on the fixture projects, exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

import libcst as cst
import pytest

from cxone_lint.run.registry import load_registry
from cxone_lint.testing import findings, run_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CODES = sorted(c for c in load_registry().rules if c.startswith(("CX3", "CX5")))

EXPECTED = {
    "backend-auth-problems": [
        ("CX301", "dialer/auth.py", 36),  # the client_secret field, not the call
        ("CX303", "dialer/auth.py", 46),
        ("CX304", "dialer/web.py", 9),
        ("CX309", "dialer/settings.py", 6),
        ("CX311", "dialer/auth.py", 26),
        ("CX501", "dialer/settings.py", 9),
        ("CX502", "dialer/settings.py", 11),
        ("CX503", "dialer/settings.py", 7),
        ("CX503", "dialer/settings.py", 9),
        ("CX504", "dialer/calls.py", 12),
    ],
    "legacy-central": [
        ("CX310", "report_job.py", 10),
        ("CX310", "report_job.py", 29),
        ("CX503", "report_job.py", 11),
    ],
    "multi-env": [
        ("CX501", "config/deploy.yaml", 8),
        ("CX501", "wfm_sync/environments.py", 10),
        ("CX501", "wfm_sync/environments.py", 16),
        ("CX502", "wfm_sync/environments.py", 9),
    ],
    "oauthlib-backend": [
        ("CX301", "nice_sync/session.py", 22),
        ("CX504", "nice_sync/session.py", 47),
    ],
    "backend-clean": [],
}


def test_codes_are_loaded() -> None:
    assert "CX301" in CODES and "CX504" in CODES and len(CODES) == 19


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name: str) -> None:
    result = run_project(FIXTURES / name, CODES)
    assert findings(result) == sorted(EXPECTED[name])


def test_manifest_rules_skip_without_manifest() -> None:
    result = run_project(FIXTURES / "legacy-central", CODES)
    skipped = {s.code for s in result.skipped}
    assert {"CX301", "CX304", "CX305", "CX307", "CX312", "CX501", "CX502"} <= skipped
    assert "CX303" not in skipped and "CX309" not in skipped


def test_no_secret_in_any_message(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(FIXTURES / "backend-auth-problems", root)
    secret = "Qm9ndXNTZWNyZXRWYWx1ZUZvclRlc3Rz0123="
    auth = root / "dialer" / "auth.py"
    auth.write_text(
        auth.read_text()
        .replace("os.environ['CXONE_CLIENT_SECRET']", f"'{secret}'")
        .replace('os.environ["CXONE_CLIENT_SECRET"]', f'"{secret}"')
    )
    result = run_project(root, CODES)
    for d in result.diagnostics:
        text = f"{d.message} {d.hint or ''} {d.key or ''}"
        assert secret not in text and secret[:10] not in text


def test_safe_fix_removes_bearer_from_cxone_configuration(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(FIXTURES / "backend-auth-problems", root)
    result = run_project(root, ["CX504"], fix=True)
    assert findings(result) == []
    text = (root / "dialer" / "calls.py").read_text()
    before = (FIXTURES / "backend-auth-problems" / "dialer" / "calls.py").read_text()
    assert text == before.replace(
        'response = requests.get(url, headers={"Authorization": f"Bearer {token}"}, '
        "timeout=TIMEOUT)",
        "response = requests.get(url, timeout=TIMEOUT)",
    )
    assert text != before
    cst.parse_module(text)


def test_unsafe_fix_sends_token_body_as_form(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(FIXTURES / "oauthlib-backend", root)
    extra = root / "nice_sync" / "plain.py"
    extra.write_text(
        "import os\n\nimport requests\n\n\n"
        "def token(conf: dict) -> dict:\n"
        '    body = {"grant_type": "password", "username": os.environ["K"], '
        '"password": os.environ["S"]}\n'
        '    return requests.post(conf["token_endpoint"], json=body, timeout=10).json()\n'
    )
    result = run_project(root, ["CX311"])
    assert findings(result) == [("CX311", "nice_sync/plain.py", 8)]
    run_project(root, ["CX311"], fix=True)
    assert "json=body" in extra.read_text(), "an unsafe fix must not apply without asking"
    result = run_project(root, ["CX311"], unsafe=True)
    fixed = extra.read_text()
    assert fixed.endswith(
        '    return requests.post(conf["token_endpoint"], data=body, timeout=10).json()\n'
    )
    cst.parse_module(fixed)
    assert findings(result) == []


def _profile(name: str) -> dict:
    from cxone_rules.facts.profile import code_profile

    result = run_project(FIXTURES / name, ["CX309"])
    return code_profile(result.context)


def test_code_profile_backend() -> None:
    profile = _profile("oauthlib-backend")
    assert profile["auth_methods"] == {
        "client_secret_basic": [["nice_sync/session.py", 22]],
        "client_secret_post": [["nice_sync/session.py", 32]],
    }
    assert profile["grants"] == ["password"]
    assert profile["flows"] == ["backend-password"]
    assert profile["token_endpoint_discovered"] is True
    assert profile["api_base_discovered"] is True
    assert profile["browser_flow"] is False
    assert profile["suggested"] == {
        "type": "backend",
        "auth_method": None,
        "environments": [],
        "government": False,
    }


def test_code_profile_public_and_legacy() -> None:
    spa = _profile("public-spa")
    assert spa["suggested"]["type"] == "public"
    assert spa["pkce"] == {"used": True, "methods": ["S256"]}
    assert spa["redirects"] == ["http://127.0.0.1:8765/callback"]
    assert spa["origins"] == ["http://127.0.0.1:8765"]
    legacy = _profile("legacy-central")
    assert legacy["flows"] == ["legacy-central", "userhub-access-key"]
    assert legacy["legacy"] == ["access-key", "legacy-token"]
    assert legacy["auth_methods"] == {}
    env = _profile("multi-env")
    assert env["areas"] == ["au1", "eu1", "na1"]
    assert env["environments"] == ["dev", "production"]
    assert env["government"] is None


def test_session_level_auth_is_not_mixed_auth(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    (root / "app").mkdir(parents=True)
    (root / "app" / "auth.py").write_text(
        '"""NICE CXone tokens."""\n\nimport os\n\nimport requests\n\n'
        "session = requests.Session()\n"
        'session.auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])\n\n\n'
        "def login(conf: dict) -> dict:\n"
        '    body = {"grant_type": "password", "username": "u", "password": "p"}\n'
        '    return session.post(conf["token_endpoint"], data=body).json()\n\n\n'
        "def refresh(conf: dict, token: str) -> dict:\n"
        '    body = {"grant_type": "refresh_token", "refresh_token": token}\n'
        '    auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])\n'
        '    return requests.post(conf["token_endpoint"], data=body, auth=auth).json()\n'
    )
    assert findings(run_project(root, CODES)) == []


def test_library_chosen_client_credentials(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    (root / "sync").mkdir(parents=True)
    (root / "sync" / "backend.py").write_text(
        "from oauthlib.oauth2 import BackendApplicationClient\n"
        "from requests_oauthlib import OAuth2Session\n\n"
        'TOKEN_URL = "https://cxone.niceincontact.com/auth/token"\n\n\n'
        "def token(client_id: str, secret: str) -> dict:\n"
        "    session = OAuth2Session(client=BackendApplicationClient(client_id=client_id))\n"
        "    return session.fetch_token(token_url=TOKEN_URL, client_secret=secret)\n"
    )
    (root / "sync" / "authlib_client.py").write_text(
        '"""NICE CXone client built on authlib."""\n\n'
        "from authlib.integrations.httpx_client import OAuth2Client\n\n\n"
        "def token(client_id: str, secret: str, token_endpoint: str) -> dict:\n"
        "    client = OAuth2Client(client_id, secret)\n"
        "    return client.fetch_token(token_endpoint)\n"
    )
    result = run_project(root, ["CX303"])
    assert findings(result) == [
        ("CX303", "sync/authlib_client.py", 8),
        ("CX303", "sync/backend.py", 9),
    ]


def test_other_identity_providers_are_not_cxone(tmp_path: Path) -> None:
    """OAuth code for other services (no CXone host, no CXone words) gives no CX3xx/CX5xx."""
    root = tmp_path / "proj"
    (root / "crm").mkdir(parents=True)
    (root / "crm" / "tokens.py").write_text(
        "import os\n\nimport requests\n\n"
        'IDP = "https://login.example-crm.com/oauth2/token"\n\n\n'
        "def service_token() -> str:\n"
        '    data = {"grant_type": "client_credentials", "scope": "crm.read"}\n'
        '    auth = (os.environ["CRM_CLIENT_ID"], os.environ["CRM_CLIENT_SECRET"])\n'
        "    return requests.post(IDP, data=data, auth=auth, timeout=10).json()\n\n\n"
        "def user_token(tenant_url: str, user: str, password: str) -> dict:\n"
        '    body = f"grant_type=password&username={user}&password={password}"\n'
        '    return requests.post(f"{tenant_url}/token", data=body, timeout=10).json()\n\n\n'
        "def login(base: str, email: str, password: str) -> str:\n"
        '    payload = {"grant_type": "password", "email": email, "password": password}\n'
        '    return requests.post(base + "/api/auth/token", json=payload).json()["token"]\n'
    )
    assert findings(run_project(root, CODES)) == []
