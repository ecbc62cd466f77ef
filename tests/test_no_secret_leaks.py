"""No output format, cache file or written report ever contains a planted secret.

Fresh random credentials are planted in Python and config files (literals, headers, .env,
YAML, JSON, TOML, a broken .env line, a Python file that does not parse), then the CLI runs
with every output format that exists, to stdout and to files, with the cache on, and with
fixes. Neither the values nor their base64, URL-encoded or JSON-escaped forms, nor a JWT's
payload or signature, nor a decoded Basic key, nor secret claim values may appear anywhere.
"""

from __future__ import annotations

import base64
import importlib
import json
import os
import secrets
import subprocess
import sys
import uuid
import warnings
from pathlib import Path
from urllib.parse import quote, quote_plus

import jwt
import pytest

from cxone_lint.report import FORMATS


def _formats() -> list[str]:
    available = []
    for name, target in FORMATS.items():
        try:
            importlib.import_module(target.split(":")[0])
        except ImportError:
            continue
        available.append(name)
    return available


class Planted:
    def __init__(self) -> None:
        self.client_secret = secrets.token_urlsafe(30)
        self.access_key_secret = base64.b64encode(secrets.token_bytes(47)).decode()
        self.tenant_id = str(uuid.uuid4())
        self.hmac_key = secrets.token_hex(32)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.jwt = jwt.encode(
                {
                    "iss": "https://auth.na1.nice-incontact.com",
                    "sub": f"user:{uuid.uuid4()}",
                    "tenantId": self.tenant_id,
                    "icBUId": 4600123,
                    "exp": 4102444800,
                },
                self.hmac_key,
                algorithm="HS256",
            )
        tag = secrets.token_hex(4)
        self.basic_plain = f"Scheduler{tag}@Acme{tag}:4600123"
        self.basic_key = base64.b64encode(self.basic_plain.encode()).decode()
        self.db_password = "Pg" + secrets.token_urlsafe(18)

    def values(self) -> list[str]:
        _header, payload, signature = self.jwt.split(".")
        return [
            self.client_secret,
            self.access_key_secret,
            self.jwt,
            payload,
            signature,
            self.tenant_id,
            self.hmac_key,
            self.basic_key,
            self.basic_plain,
            self.db_password,
        ]

    def forms(self) -> list[str]:
        out: set[str] = set()
        for value in self.values():
            raw = value.encode()
            out.update(
                {
                    value,
                    base64.b64encode(raw).decode(),
                    base64.b64encode(raw).decode().rstrip("="),
                    base64.urlsafe_b64encode(raw).decode().rstrip("="),
                    quote(value, safe=""),
                    quote_plus(value),
                    json.dumps(value)[1:-1],
                }
            )
        # Fragments too: a message that shows "the first 40 characters" of a line leaks half
        # a secret. 16 characters of a random value cannot match by chance.
        for value in self.values():
            if value not in (self.tenant_id, self.basic_plain, self.jwt):  # jwt: header is public
                out.update(value[i : i + 16] for i in range(0, max(1, len(value) - 15)))
        return sorted(f for f in out if len(f) >= 12)


def write(root: Path, p: Planted) -> None:
    files = {
        "app/settings.py": (
            "import os\n\n"
            f'CLIENT_SECRET = "{p.client_secret}"\n'
            f'ACCESS_KEY_SECRET = "{p.access_key_secret}"\n'
            f'AUTH_KEY = "{p.basic_key}"\n'
            f'HEADERS = {{"Authorization": "Bearer {p.jwt}"}}\n'
            'TOKEN_URL = "http://cxone.niceincontact.com/auth/token"\n'
        ),
        "app/auth.py": (
            "import logging\n\nimport requests\n\n"
            "log = logging.getLogger(__name__)\n\n\n"
            "def token(form):\n"
            "    resp = requests.post(TOKEN_URL, data=form, verify=False)\n"
            "    tokens = resp.json()\n"
            "    print(tokens)\n"
            '    log.info("token %s", tokens["access_token"])\n'
            "    return tokens\n"
        ),
        "app/broken.py": f'SECRET = "{p.client_secret}"\nx = (\n',
        ".env": (
            f"CXONE_CLIENT_SECRET={p.client_secret}\n"
            f'CXONE_ACCESS_KEY_SECRET="{p.access_key_secret}"\n'
            f"CXONE_TOKEN={p.jwt}\n"
        ),
        ".env.broken": f'CXONE_CLIENT_SECRET="{p.client_secret}\n',
        "config/settings.yaml": (
            f"cxone:\n  client_secret: {p.client_secret}\n"
            f'database:\n  password: "{p.db_password}"\n'
        ),
        "config/cxone.json": (
            f'{{"accessKeySecret": "{p.access_key_secret}", "key": "{p.basic_key}"}}\n'
        ),
        "config/deploy.toml": f'[cxone]\ntoken = "{p.jwt}"\n',
        "config/broken.json": f'{{"client_secret": "{p.client_secret}",\n',
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CXONE")}
    return subprocess.run(
        [sys.executable, "-m", "cxone_lint", "check", ".", "--isolated", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def assert_clean(where: str, text: str, forms: list[str]) -> None:
    leaked = [f for f in forms if f in text]
    if leaked:
        # Say where, never what: pytest.fail keeps the value out of the failure report.
        lines = sorted(
            {n for n, line in enumerate(text.splitlines(), 1) for f in leaked if f in line}
        )
        pytest.fail(f"{len(leaked)} secret form(s) found in {where}, line(s) {lines}")


def written_files(root: Path, before: set[Path]) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and p not in before]


@pytest.fixture
def planted(tmp_path: Path) -> tuple[Path, Planted]:
    p = Planted()
    root = tmp_path / "proj"
    write(root, p)
    return root, p


@pytest.mark.parametrize("fmt", _formats())
def test_format_never_shows_a_secret(planted: tuple[Path, Planted], fmt: str) -> None:
    root, p = planted
    forms = p.forms()
    before = {q for q in root.rglob("*") if q.is_file()}
    proc = cli(root, "-o", fmt, "-o", f"{fmt}:report.out", "--show-suppressed")
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "CX401" in proc.stdout or fmt == "junit" or "CX401" in (root / "report.out").read_text()
    assert_clean(f"{fmt} stdout", proc.stdout, forms)
    assert_clean(f"{fmt} stderr", proc.stderr, forms)
    new = written_files(root, before)
    assert root / "report.out" in new
    for path in new:
        assert_clean(str(path.relative_to(root)), path.read_bytes().decode("latin-1"), forms)


def test_cache_and_statistics_never_hold_a_secret(planted: tuple[Path, Planted]) -> None:
    root, p = planted
    forms = p.forms()
    before = {q for q in root.rglob("*") if q.is_file()}
    for _ in range(2):  # the second run reads the cache back
        proc = cli(root, "-o", "full", "--statistics")
        assert proc.returncode == 1
        assert_clean("stdout", proc.stdout, forms)
        assert_clean("stderr", proc.stderr, forms)
    new = written_files(root, before)
    assert any(".cxone_lint_cache" in path.parts and path.suffix == ".json" for path in new)
    for path in new:
        assert_clean(str(path.relative_to(root)), path.read_bytes().decode("latin-1"), forms)


def test_fix_run_never_shows_a_secret(planted: tuple[Path, Planted]) -> None:
    root, p = planted
    forms = p.forms()
    proc = cli(root, "--fix", "--unsafe-fixes", "-o", "json", "--no-cache")
    assert_clean("fix stdout", proc.stdout, forms)
    assert_clean("fix stderr", proc.stderr, forms)
    fixed = (root / "app/settings.py").read_text()
    assert p.client_secret not in fixed and 'os.environ["CLIENT_SECRET"]' in fixed


def _command_exists(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


@pytest.mark.skipif(
    not _command_exists("cxone_rules.commands.review"), reason="review command not built yet"
)
@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_review_report_never_shows_a_secret(planted: tuple[Path, Planted], fmt: str) -> None:
    root, p = planted
    forms = p.forms()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CXONE")}
    proc = subprocess.run(
        [sys.executable, "-m", "cxone_lint", "review", ".", "--isolated", "--output-format", fmt],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.stdout, proc.stderr[-2000:]
    assert_clean(f"review {fmt} stdout", proc.stdout, forms)
    assert_clean(f"review {fmt} stderr", proc.stderr, forms)


@pytest.mark.skipif(
    not _command_exists("cxone_rules.commands.init"), reason="init command not built yet"
)
def test_init_never_writes_a_secret(planted: tuple[Path, Planted]) -> None:
    root, p = planted
    forms = p.forms()
    before = {q for q in root.rglob("*") if q.is_file()}
    proc = subprocess.run(
        [sys.executable, "-m", "cxone_lint", "init", "--isolated"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert_clean("init output", proc.stdout + proc.stderr, forms)
    for path in written_files(root, before):
        assert_clean(str(path.relative_to(root)), path.read_bytes().decode("latin-1"), forms)
