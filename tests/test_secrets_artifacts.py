"""Planted secrets never leave the files they are in: not through any output format, the cache,
the baseline, the review report or `init`, in any encoding a reader could undo.

A temporary git project holds, in Python, .env, JSON, YAML and TOML files: client secrets,
access-key secrets (base64, ending in `=`), JWTs made with pyjwt, Basic keys
base64("App@Vendor:BU") and a password, some on lines that also carry non-secret findings (so a
reporter echoing the source line of *those* would leak). Every subcommand that exists is run
with every format; then stdout, stderr and every file the runs created are searched for each
secret in raw, base64, URL-encoded, JSON-escaped and decoded form, and for any 16-character
piece of it.
"""

from __future__ import annotations

import base64
import json
import random
import string
import subprocess
import sys
import urllib.parse
from pathlib import Path

import jwt
import pytest

from cxone_lint.cli.main import EXTERNAL_COMMANDS
from cxone_lint.report import FORMATS

CLI = [sys.executable, "-m", "cxone_lint"]
RNG = random.Random(20261125)  # fixed: a failure is reproducible
WINDOW = 16
BASELINE = ".cxone-lint-baseline.json"


def _token(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(RNG.choice(alphabet) for _ in range(n))


def _make_secrets() -> dict[str, str]:
    client_secret = _token(40)
    access_key_secret = base64.b64encode(RNG.randbytes(47)).decode()  # 64 chars, ends in '='
    assert access_key_secret.endswith("=")
    basic_plain = f"{_token(8, string.ascii_letters)}App@{_token(6, string.ascii_letters)}:4600123"
    basic_key = base64.b64encode(basic_plain.encode()).decode()
    token = jwt.encode(
        {
            "iss": "https://auth.na1.nice-incontact.com",
            "sub": f"user:{_token(12)}",
            "tenantId": f"11eb0358-{_token(4)}-{_token(4)}-cccc-0242ac110003",
            "icBUId": 4600123,
            "exp": 1900000000,
            "iat": 1700000000,
        },
        _token(32),
        algorithm="HS256",
    )
    _, payload, signature = token.split(".")
    return {
        "client_secret": client_secret,
        "access_key_secret": access_key_secret,
        "basic_key": basic_key,
        "basic_plain": basic_plain,
        "jwt": token,
        "jwt_payload": payload,
        "jwt_signature": signature,
        "password": "pR7#" + _token(18),
    }


SECRETS = _make_secrets()


def _project(root: Path) -> None:
    s = SECRETS
    files = {
        "app/auth.py": (
            "import requests\n"
            "\n"
            'TOKEN_URL = "https://cxone.niceincontact.com/auth/token"\n'
            f'CLIENT_SECRET = "{s["client_secret"]}"\n'
            f'ACCESS_KEY_SECRET = "{s["access_key_secret"]}"\n'
            f'LEGACY_AUTH = "basic {s["basic_key"]}"\n'
            f'ACCESS_TOKEN = "{s["jwt"]}"\n'
            f'DB_PASSWORD = "{s["password"]}"\n'
            "\n"
            "def token():\n"
            "    # Several findings on one line: the secret ones and TLS off / plain HTTP.\n"
            f'    return requests.post("http://cxone.niceincontact.com/auth/token", '
            f'data={{"grant_type": "password", "username": "AKID", '
            f'"password": "{s["access_key_secret"]}"}}, '
            f'auth=("client", "{s["client_secret"]}"), verify=False)\n'
            "\n"
            "def headers():\n"
            f'    print("Bearer {s["jwt"]}")\n'
            f'    return {{"Authorization": "Bearer {s["jwt"]}"}}\n'
        ),
        ".env": (
            f"CXONE_CLIENT_SECRET={s['client_secret']}\n"
            f"CXONE_ACCESS_KEY_SECRET={s['access_key_secret']}\n"
            f"CXONE_TOKEN={s['jwt']}\n"
            f"LEGACY_BASIC_KEY={s['basic_key']}\n"
        ),
        "config/settings.json": json.dumps(
            {
                "cxone": {
                    "client_id": "acme-callback",
                    "client_secret": s["client_secret"],
                    "accessKeySecret": s["access_key_secret"],
                    "token": s["jwt"],
                    "url": "http://na1.nice-incontact.com/inContactAPI",
                }
            },
            indent=2,
        ),
        "deploy/values.yaml": (
            "cxone:\n"
            f"  client_secret: {s['client_secret']}\n"
            f'  access_key_secret: "{s["access_key_secret"]}"\n'
            f"  bearer: {s['jwt']}\n"
            f"  basic: {s['basic_key']}\n"
            "  verify_ssl: false\n"
        ),
        "deploy/secrets.toml": (
            "[cxone]\n"
            f'client_secret = "{s["client_secret"]}"\n'
            f'access_key_secret = "{s["access_key_secret"]}"\n'
            f'password = "{s["password"]}"\n'
        ),
        "cxone-app.toml": (
            "[app]\n"
            'name = "Acme Callback Scheduler"\n'
            'client_id = "acme-callback"\n'
            'type = "backend"\n'
            'tenancy = "single"\n'
            'auth_method = "client_secret_post"\n'
            'environments = ["na1"]\n'
            'contacts = ["cx@acme.example"]\n'
            f'secret = "{s["client_secret"]}"\n'
            "[api_user]\n"
            'username = "svc@acme.example"\n'
        ),
        "cxone-app.json": json.dumps(
            {"name": "Acme", "type": "backend", "secret": s["client_secret"]}, indent=2
        ),
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _forms(value: str) -> set[str]:
    raw = value.encode()
    forms = {
        value,
        urllib.parse.quote(value, safe=""),
        urllib.parse.quote_plus(value),
        json.dumps(value)[1:-1],
        base64.b64encode(raw).decode(),
        base64.b64encode(raw).decode().rstrip("="),
        base64.urlsafe_b64encode(raw).decode().rstrip("="),
        value[::-1],
    }
    # base64 of a value not aligned on 3 bytes only shares whole 4-char groups: check the
    # encodings of the value shifted by one and two bytes too (as if embedded in other text).
    for pad in (b"x", b"xy"):
        enc = base64.b64encode(pad + raw).decode()
        forms.add(enc[4:-4])
    return {f for f in forms if len(f) >= 8}


def _windows(value: str) -> set[str]:
    return {value[i : i + WINDOW] for i in range(0, len(value) - WINDOW + 1)}


def _leaks(text: str) -> list[str]:
    found = []
    for name, value in SECRETS.items():
        for form in _forms(value):
            if form in text:
                found.append(f"{name} ({form[:4]}...)")
        if any(w in text for w in _windows(value)):
            found.append(f"{name}: a {WINDOW}-character piece")
    return sorted(set(found))


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Run everything once; return every artefact's text by a name saying where it came from."""
    root = tmp_path_factory.mktemp("secrets") / "proj"
    root.mkdir()
    _project(root)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "secrets everywhere")
    planted = {p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}
    out_dir = root.parent / "out"
    out_dir.mkdir()
    texts: dict[str, str] = {}
    runs: list[tuple[str, list[str]]] = []
    sel = ["--select", "ALL"]
    runs.append(("check -o json", ["check", *sel, "-o", "json"]))
    for name in FORMATS:
        runs.append(
            (
                f"check -o {name} --show-suppressed --statistics --base HEAD",
                ["check", *sel, "-o", name, "--show-suppressed", "--statistics", "--base", "HEAD"],
            )
        )
    runs.append(
        (
            "check (every format to files)",
            ["check", *sel, *(a for n in FORMATS for a in ("-o", f"{n}:{out_dir}/report.{n}"))],
        )
    )
    runs.append(("check --no-cache", ["check", *sel, "--no-cache", "-o", "json"]))
    if "baseline" in EXTERNAL_COMMANDS:
        runs.append(("baseline", ["baseline", "--select", "ALL"]))
        runs.append(
            (
                "check --baseline",
                ["check", *sel, "-o", "full", "--show-suppressed", "--baseline", BASELINE],
            )
        )
    if "review" in EXTERNAL_COMMANDS:
        for fmt in ("md", "html", "json"):
            runs.append((f"review -o {fmt}", ["review", "-o", fmt]))
            runs.append(
                (
                    f"review -o {fmt} --output",
                    ["review", "-o", fmt, "--output", f"{out_dir}/review.{fmt}"],
                )
            )
    if "init" in EXTERNAL_COMMANDS:
        runs.append(("init --output -", ["init", "--output", "-"]))
        runs.append(
            ("init --output file", ["init", "--output", f"{out_dir}/inferred-cxone-app.toml"])
        )
    for label, args in runs:
        proc = subprocess.run([*CLI, *args], cwd=root, capture_output=True, text=True, timeout=300)
        assert "Traceback" not in proc.stderr, (label, proc.stderr)
        texts[f"{label}: stdout"] = proc.stdout
        texts[f"{label}: stderr"] = proc.stderr
    # Every file the runs wrote: reports, cache, baseline, review pages.
    for path in sorted([*root.rglob("*"), *out_dir.rglob("*")]):
        if (
            path.is_file()
            and path not in planted
            and ".git" not in path.relative_to(root.parent).parts
        ):
            texts[f"file {path.relative_to(root.parent)}"] = path.read_bytes().decode(
                "utf-8", "replace"
            )
    return texts


def test_the_planted_secrets_are_found(artefacts: dict[str, str]) -> None:
    """The runs saw the secrets (otherwise the absence of leaks would prove nothing)."""
    report = json.loads(artefacts["check -o json: stdout"])
    codes = {(f["code"], f["path"]) for f in report["findings"]}
    for code, path in [
        ("CX401", "app/auth.py"),
        ("CX402", "app/auth.py"),
        ("CX403", "app/auth.py"),
        ("CX404", "app/auth.py"),
        ("CX401", ".env"),
        ("CX401", "config/settings.json"),
        ("CX401", "deploy/values.yaml"),
        ("CX401", "deploy/secrets.toml"),
    ]:
        assert (code, path) in codes, (code, path, sorted(codes))
    assert any(code == "CX407" for code, _ in codes)  # a non-secret finding on a secret line


def test_no_artefact_holds_a_secret(artefacts: dict[str, str]) -> None:
    leaks = {name: _leaks(text) for name, text in artefacts.items()}
    assert {name: found for name, found in leaks.items() if found} == {}


def test_the_cache_was_searched_when_there_is_one(artefacts: dict[str, str]) -> None:
    cache = [name for name in artefacts if name.startswith("file proj/.cxone_lint_cache/")]
    baseline = [name for name in artefacts if "baseline" in name and name.startswith("file ")]
    print(f"searched {len(artefacts)} artefacts: {len(cache)} cache files, baseline {baseline}")
    if (Path(__file__).parents[1] / "src/cxone_lint/run/cache.py").exists():
        assert cache, "cache.py exists but the runs wrote no cache"
    if "baseline" in EXTERNAL_COMMANDS:
        assert baseline


def test_the_leak_check_itself_catches_leaks() -> None:
    for value in SECRETS.values():
        assert _leaks(f"x {value} y")
        assert _leaks(base64.b64encode(f"prefix {value}".encode()).decode())
        assert _leaks(urllib.parse.quote_plus(value))
        assert _leaks(value[3 : 3 + WINDOW + 1])
    assert _leaks("nothing here") == []
