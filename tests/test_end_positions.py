"""Findings mark the exact region of what they are about: the whole call, literal or value.

Every fact carries its end (facts/kinds.py), and rules pass it on, so SARIF regions and
GitHub annotations cover the construct, not one character. Lines and columns are 1-based,
columns in characters, the end exclusive.
"""

from __future__ import annotations

from pathlib import Path

from cxone_lint.testing import run_project, write_project

SECRET = "Z61a7LXyT2nXW5uKcrHfkIw3oOyynsKfqIjsG8f4"  # invented for this test, valid nowhere

MANIFEST = """\
[app]
name = "Callback Scheduler"
type = "backend"
tenancy = "single"
environments = ["na1"]
government = false
auth_method = "client_secret_basic"
contacts = ["cx-integrations@acme.example"]

[api_user]
username = "svc-callback@acme.example"
"""


def regions(root: Path, files: dict[str, str], code: str) -> list[tuple[str, int, int, int, int]]:
    write_project(root, files)
    result = run_project(root, [code])
    out = []
    for d in result.active:
        if d.code == code:
            assert d.end is not None, d
            out.append((d.path, d.start.line, d.start.column, d.end.line, d.end.column))
    return sorted(out)


def test_client_authentication_is_marked_where_it_is_written(tmp_path: Path) -> None:
    auth = (
        "import os\n"
        "import requests\n\n"
        "def token(discovery):\n"
        "    return requests.post(\n"
        '        discovery["token_endpoint"],\n'
        '        data={"grant_type": "password", "client_secret": os.environ["S"]},\n'
        "    )\n"
    )
    files = {"cxone-app.toml": MANIFEST, "app/auth.py": auth}
    # The client_secret field's value, not the whole call.
    assert regions(tmp_path, files, "CX301") == [("app/auth.py", 7, 58, 7, 73)]


def test_a_grant_is_marked_on_its_literal(tmp_path: Path) -> None:
    auth = (
        'TOKEN_URL = "https://cxone.niceincontact.com/auth/token"\n'
        'body = {"grant_type": "client_credentials"}\n'
    )
    assert regions(tmp_path, {"app/auth.py": auth}, "CX303") == [("app/auth.py", 2, 23, 2, 43)]


def test_a_hard_coded_url_is_marked_on_the_whole_literal(tmp_path: Path) -> None:
    files = {"app/settings.py": 'TOKEN_URL = "https://cxone.niceincontact.com/auth/token"\n'}
    assert regions(tmp_path, files, "CX309") == [("app/settings.py", 1, 13, 1, 57)]


def test_a_secret_literal_is_marked_with_its_quotes(tmp_path: Path) -> None:
    files = {"app/settings.py": f'CLIENT_SECRET = "{SECRET}"\n'}
    end = 17 + len(SECRET) + 2
    assert regions(tmp_path, files, "CX401") == [("app/settings.py", 1, 17, 1, end)]


def test_config_values_are_marked_to_their_end(tmp_path: Path) -> None:
    files = {
        ".env": f"CXONE_CLIENT_SECRET={SECRET}  # from the registration mail\n",
        "config/cxone.yaml": (
            "cxone:\n  token_url: 'https://api.incontact.com/InContactAuthorizationServer/Token'\n"
        ),
        "config/cxone.json": '{"issuer": "http://cxone.niceincontact.com"}\n',
    }
    assert regions(tmp_path, files, "CX401") == [(".env", 1, 21, 1, 21 + len(SECRET))]
    assert regions(tmp_path, files, "CX310") == [("config/cxone.yaml", 2, 14, 2, 76)]
    assert regions(tmp_path, files, "CX408") == [("config/cxone.json", 1, 12, 1, 44)]


def test_a_sink_and_a_tls_setting_are_marked_on_the_value_and_the_argument(
    tmp_path: Path,
) -> None:
    auth = (
        "import requests\n\n"
        "def get_token(url, form):\n"
        "    tokens = requests.post(url, data=form, verify=False).json()\n"
        '    print("token", tokens["access_token"])\n'
    )
    files = {"app/auth.py": auth}
    # The value written out, not the whole print() call.
    assert regions(tmp_path, files, "CX406") == [("app/auth.py", 5, 20, 5, 42)]
    assert regions(tmp_path, files, "CX407") == [("app/auth.py", 4, 44, 4, 56)]
