"""Hostile repositories against the outputs: no secret value in any output, whatever rules run;
nothing the repository writes can forge a CI command, repaint a terminal, add a link to a
report or a key to a generated manifest (attack rows 7, 8, 10, 11, 12, 13, 14, 33)."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cxone_lint.api.redact import looks_secret, may_show, redact_url, scrub, url_password
from cxone_lint.report.escape import display_path, markdown_text, terminal
from tests.hostile import MANIFEST, assert_absent, cli, commit_all, git, tree_text, write

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# -- rows 11, 12, 13, 14: secrets in every output ----------------------------------------------

S01 = "S01kQ8fz3LkP0vWm7RtY2sXcN5bH9jD"
S02 = "S02pL4mN8qR2sT6vX0zB3dF7hJ1kM5n"
S03 = "S03aZ9yX8wV7uT6sR5qP4oN3mL2kJ1h"
S04 = "S04bC5dE6fG7hI8jK9lM0nO1pQ2rS3t"
S05 = "S05eT7yU8iO9pA0sD1fG2hJ3kL4zX5c"
S06 = "S06wQ2eR4tY6uI8oP0aS1dF3gH5jK7l"
S19 = "S19aQ1sW2dE3fR4gT5hY6jU7kI8lO9pZ0xC"
S20 = "S20mN3bV4cX5zL6kJ7hG8fD9sA0qW1eR"
SECRETS = (S01, S02, S03, S04, S05, S06, S19, S20)

LEAKY = {
    "broken.py": f'CLIENT_SECRET = "{S01}" +\n',
    "config/broken.yaml": f"cxone:\n  client_secret: {S02}: [\n",
    "config/broken.json": f'{{"client_secret": "{S03}" ,, }}\n',
    "config/broken.toml": f'[cxone]\nclient_secret = "{S04}" x\n',
    "config/broken.env": f"CXONE_CLIENT_SECRET='{S05}\n",
    "urls.py": (
        "import requests\n"
        f'API = "http://svc:{S06}@api-na1.niceincontact.com/x"\n'
        "def g():\n    return requests.get(API)\n"
    ),
    "legacy/client.py": (
        "import requests\ndef get():\n"
        '    return requests.get("https://api-na1.niceincontact.com/x", '
        f'headers={{"Authorization": "Bearer {S19}"}})\n'
    ),
    # A secret on the line of another finding (CX408), its own rule deselected below.
    "conf.py": f'TOKEN_URL = "http://cxone.niceincontact.com/auth/token"; KEY = "{S20}"\n',
    "cxone-app.toml": MANIFEST,
}

SELECTIONS = [
    [],
    ["--ignore", "CX4"],
    ["--select", "CX503,CX408,LINT001"],
    ["--select", "LINT001"],
]


@pytest.mark.parametrize("selection", SELECTIONS, ids=["default", "no-CX4", "CX503", "LINT001"])
def test_no_secret_in_any_output_whatever_is_selected(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    selection: list[str],
) -> None:
    project = tmp_path / "p"
    git(tmp_path, "init", "-q", str(project))
    write(
        project,
        {
            **LEAKY,
            "pyproject.toml": '[tool.cxone-lint]\nper-file-ignores = { "legacy/**" = ["CX403"] }\n',
        },
    )
    commit_all(project)
    (project / "out").mkdir()
    texts: dict[str, str] = {}
    outputs = ["-o", "concise", "-o", "full", "-o", "json", "-o", "github"]
    outputs += ["-o", "sarif:out/r.sarif", "-o", "junit:out/r.xml"]
    code, out, err = cli(capsys, monkeypatch, project, "check", *selection, *outputs)
    assert code == 1
    texts["check stdout"], texts["check stderr"] = out, err
    _, out, err = cli(
        capsys, monkeypatch, project, "baseline", *selection, "--output", "out/b.json"
    )
    texts["baseline stderr"] = out + err
    if not selection:  # the review and init choose their own rules
        for fmt in ("md", "html", "json"):
            _, out, err = cli(capsys, monkeypatch, project, "review", "-f", fmt)
            texts[f"review {fmt}"], texts[f"review {fmt} stderr"] = out, err
        _, out, err = cli(capsys, monkeypatch, project, "init", "--output", "-")
        texts["init"] = out + err
    texts.update(tree_text(project / "out"))
    texts.update(tree_text(project / ".cxone_lint_cache"))
    assert_absent(SECRETS, texts)
    # `full` said why it showed nothing, for every finding on a secret's line.
    assert "<line withheld: it may hold a secret>" in texts["check stdout"]


def test_url_password_is_a_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "cxone-lint.toml": "\n",
            "urls.py": LEAKY["urls.py"],
            "deploy.yaml": f"broker: amqp://app:{S20}@mq.acme.example/vhost\n",
            "safe.py": 'DB = "postgres://app:${DB_PASSWORD}@db/app"\nX = "https://u:<password>@h"\n',
        },
    )
    code, out, _err = cli(capsys, monkeypatch, tmp_path, "check", "--no-cache", "--select", "CX405")
    assert code == 1
    assert [line.split(" (fingerprint")[0] for line in out.splitlines()[:-1]] == [
        "deploy.yaml:1:9: CX405 hard-coded password in a URL in `broker`",
        "urls.py:2:7: CX405 hard-coded password in a URL in `API`",
    ]


def test_redaction_policy_pieces() -> None:
    assert url_password(f"x = 'https://svc:{S06}@h/p'") == S06
    assert url_password("postgres://u:${PASS}@db/x") is None
    assert url_password("https://host/path?q=a:b@c") is None
    assert redact_url(f"see https://svc:{S06}@h/p and ftp://a:b@c") == (
        "see https://***@h/p and ftp://***@c"
    )
    assert looks_secret(f'KEY = "{S20}"')
    assert looks_secret(f"Authorization: Bearer {S19}")
    for plain in (
        'TOKEN_URL = "https://cxone.niceincontact.com/auth/token"',
        'client_id = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"',
        "URL = '/incontactapi/services/v23.0/agents'",
        "BU_URL = 'https://cxone.niceincontact.com/inContactAPI/services/v27.0/business-unit'",
        "def test_auth_method_mismatch_is_reported_for_client_secret_basic():",
    ):
        assert not looks_secret(plain), plain
    # In a file that did not parse, a secret-like name is enough.
    assert may_show("password: hunter2", 3, set(), parsed=True)
    assert not may_show("password: hunter2", 3, set(), parsed=False)
    assert not may_show("x = 1", 3, {3}, parsed=True)
    assert scrub(f"unexpected token '{S20}'") == "unexpected token '***'"


# -- rows 7 and 8: CI commands and terminal escapes --------------------------------------------

FORGED = "::error file=README.md,line=1::forged"


def _injection_project(root: Path) -> None:
    git(root.parent, "init", "-q", str(root))
    write(
        root,
        {
            "cxone-app.toml": MANIFEST
            + '"x\\n::error file=src/app.py,line=1,title=FORGED::Forged\\n'
            '::stop-commands::deadbeef\\n\\u001b[2J\\u001b[31mRED" = 1\n',
            "src/app.py": 'import requests\nX = {"client_secret\\n::warning file=README.md::'
            'forged-from-dict-key\\n": "Q8fz3LkP0vWm7RtY2sXcN5bH9jDg4aEu"}\n',
            f"evil\n{FORGED}\n\x1b[31m.py": (
                'import requests\nr = requests.get("http://api-na1.niceincontact.com/x")\n'
            ),
            "::warning file=x::forged.py": (
                'import requests\nr = requests.get("http://api-na1.niceincontact.com/x")\n'
            ),
            "bidi\u202e.yaml": "a: [\n",
        },
    )
    commit_all(root)


def test_text_outputs_cannot_forge_commands_or_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "p"
    _injection_project(project)
    for fmt in ("concise", "full", "github"):
        code, out, err = cli(capsys, monkeypatch, project, "check", "--no-cache", "-o", fmt)
        assert code == 1
        for where, text in ((f"{fmt} stdout", out), (f"{fmt} stderr", err)):
            for line in text.splitlines():
                bad = [c for c in line if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F]
                assert bad == [], (where, line)
                assert "\u202e" not in line, (where, line)
                if fmt != "github":
                    assert not line.startswith(("::", "##")), (where, line)
                else:  # one annotation per line, each starting a real command
                    assert line.startswith(("::error ", "::warning ", "::notice ")), line
        if fmt == "github":
            assert "::stop-commands::" not in out.replace("%0A::stop-commands::", "")
    code, out, _ = cli(capsys, monkeypatch, project, "check", "--no-cache", "-o", "concise")
    assert "evil\\n::error file=README.md,line=1::forged\\n\\x1b[31m.py:2:18: CX408" in out
    assert "./::warning file=x::forged.py:2:18: CX408" in out
    assert "bidi\\u202e.yaml:2:1: LINT001" in out


def test_structured_outputs_stay_well_formed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "p"
    _injection_project(project)
    args = ["-o", "json:r.json", "-o", "sarif:r.sarif", "-o", "junit:r.xml"]
    assert cli(capsys, monkeypatch, project, "check", "--no-cache", *args)[0] == 1
    paths = {f["path"] for f in json.loads((project / "r.json").read_text())["findings"]}
    assert f"evil\n{FORGED}\n\x1b[31m.py" in paths  # data, exactly as it is, JSON-escaped
    assert "\x1b" not in (project / "r.json").read_text()
    json.loads((project / "r.sarif").read_text())
    ET.parse(project / "r.xml")


def test_escaping_policy_pieces() -> None:
    assert terminal("a\nb\rc\td\x1be\x7f\x85f\u2028g\u202eh") == (
        "a\\nb\\rc\\td\\x1be\\x7f\\x85f\\u2028g\\u202eh"
    )
    assert terminal("a\nb\x1b", keep_breaks=True) == "a\nb\\x1b"
    assert display_path("::error x") == "./::error x"
    assert display_path("##vso[task.setvariable]x") == "./##vso[task.setvariable]x"
    assert display_path("src/app.py") == "src/app.py"


# -- row 10: Markdown review -------------------------------------------------------------------


def test_markdown_review_has_no_link_or_image_from_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = (
        "![t](https://attacker.example/t.png) [Approve](https://attacker.example) "
        "<img src=https://attacker.example/x.png> [r]: https://attacker.example"
    )
    write(tmp_path, {"cxone-app.toml": MANIFEST.replace('"Billing"', json.dumps(name))})
    _, out, _ = cli(capsys, monkeypatch, tmp_path, "review", "--no-cache", "-o", "md")
    assert "attacker.example" in out
    # No unescaped link, image, reference definition or HTML tag from the repository (the one
    # link the report makes is the pack's source of its stages).
    source = (
        "[Your App's LifeCycle (NICE CXone developer portal)]"
        "(https://developer.niceincontact.com/Documentation/YourAppLifeCycle)"
    )
    assert out.count(source) == 1
    out = out.replace(source, "")
    for construct in (r"!\[", r"(?<!\\)\]\(", r"(?<!\\)\[Approve", r"<img", r"(?m)^\[r\]:"):
        assert re.search(construct, out) is None, construct
    assert markdown_text("[a](b) ![c](d) <e>") == "\\[a\\](b) !\\[c\\](d) &lt;e>"


# -- row 9: HTML review ------------------------------------------------------------------------


def test_html_review_escapes_every_value_from_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    manifest = MANIFEST.replace('"Billing"', json.dumps(payload))
    write(tmp_path, {"cxone-app.toml": manifest, f"{payload[:20]}.py": "import requests\n"})
    _, out, _ = cli(capsys, monkeypatch, tmp_path, "review", "--no-cache", "-o", "html")
    assert out.startswith("<!DOCTYPE html>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<script>alert" not in out and "<img src=x" not in out
    assert "onerror=alert(2)>" not in out


# -- row 33: init writes TOML with a TOML writer -----------------------------------------------

AUTH = """\
import os

import requests

ISSUER = "https://cxone.niceincontact.com"


def token():
    discovery = requests.get(ISSUER + "/.well-known/openid-configuration", timeout=10).json()
    return requests.post(
        discovery["token_endpoint"],
        auth=(os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"]),
        data={"grant_type": "password", "username": os.environ["U"], "password": os.environ["P"]},
        timeout=10,
    ).json()["access_token"]
"""


def test_init_file_names_cannot_inject_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = 'auth\nclient_id = "attacker-chosen-client-id"\ntenancy = "all"\n[api_user]\n#.py'
    write(tmp_path, {"cxone-lint.toml": "\n", name: AUTH})
    code, _out, err = cli(capsys, monkeypatch, tmp_path, "init", "--no-cache")
    assert code == 0, err
    text = (tmp_path / "cxone-app.toml").read_text()
    data = tomllib.loads(text)
    assert set(data) == {"app"}
    assert "client_id" not in data["app"] and "tenancy" not in data["app"]
    assert data["app"]["type"] == "backend"
    assert '# inferred: password-grant token request at auth\\nclient_id = \\"attacker' not in text
    assert "auth\\nclient_id = " in text  # the name, escaped, inside the comment


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["fixtures/backend-auth-problems"], 1),
        (["--diff", "fixtures/backend-auth-problems"], 1),
        (["-o", "json", "fixtures/backend-auth-problems"], 1),
        (["fixtures/backend-clean"], 0),
    ],
)
def test_a_reader_that_goes_away_keeps_the_exit_code(args: list[str], expected: int) -> None:
    """`check | head -1` under `set -o pipefail`: a closed pipe must never turn findings into
    a pass (nor a pass into a crash)."""
    import subprocess

    repo = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "cxone_lint", "check", "--no-cache", *args],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before a byte is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == expected
    assert "Traceback" not in err
