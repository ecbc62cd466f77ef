"""Generate an integration-like repository for the benchmark (deterministic for a given seed).

    python bench/generate.py OUT_DIR [--files 1000] [--seed 7] [--git]

About 10 % of the Python modules are CXone auth modules (token requests: OIDC discovery or a
hard-coded token endpoint, client credentials or access keys from the environment), about 10 %
are CXone API clients (area API hosts, bearer headers), the rest is ordinary application code
(data classes, parsing, retries, reports) of 80-300 lines. A registration manifest, a
pyproject.toml, a settings YAML and a .env.example complete the project. Every line is
invented here; nothing is copied from a real integration.
"""

from __future__ import annotations

import argparse
import random
import subprocess
from pathlib import Path

AREAS = ("na1", "au1", "eu1", "ca1", "uk1", "jp1")
WORDS = (
    *("queue", "agent", "skill", "contact", "callback", "report", "export", "schedule"),
    *("roster", "shift", "campaign", "disposition", "recording", "transcript", "survey"),
    *("ticket", "customer", "order", "invoice", "payment", "batch", "record", "metric"),
    *("window", "summary", "audit", "event", "message", "channel"),
)

MANIFEST = """\
# Registration of the benchmark integration with NICE CXone.
[app]
name = "Bench Integration"
description = "A generated integration used to measure cxone-lint."
client_id = "6f1c2a4e-8d3b-4c5a-9e7f-2b1d0c9a8e76"
type = "backend"
tenancy = "single"
tenant_id = "11eb2c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"
business_unit = 4600123
environments = ["na1"]
auth_method = "client_secret_basic"
scope = ["PatronAPI"]
contacts = ["cx-integrations@bench.example"]
status = "enabled"

[api_user]
username = "svc-bench@bench.example"
login_authenticator = ""
primary_role = "Bench Integration API"
permissions = ["ACD > Contacts > View"]
attributes = []
"""

AUTH_DISCOVERY = '''\
"""Access tokens for the {thing} service's API user (token endpoint from OIDC discovery)."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass

import requests
from requests.auth import HTTPBasicAuth

ISSUER = "https://cxone.niceincontact.com"
TIMEOUT_SECONDS = {timeout}
EXPIRY_MARGIN_SECONDS = 60

log = logging.getLogger(__name__)


@dataclass
class AccessToken:
    value: str
    expires_at: float

    def fresh(self) -> bool:
        return time.monotonic() < self.expires_at - EXPIRY_MARGIN_SECONDS


def discover(session: requests.Session) -> dict:
    response = session.get(f"{{ISSUER}}/.well-known/openid-configuration", timeout=TIMEOUT_SECONDS)
    response.raise_for_status()
    return response.json()


class {Thing}TokenProvider:
    def __init__(self, session: requests.Session) -> None:
        self.session = session
        self._token: AccessToken | None = None

    def token(self) -> str:
        if self._token is None or not self._token.fresh():
            self._token = self._request()
        return self._token.value

    def _request(self) -> AccessToken:
        token_endpoint = discover(self.session)["token_endpoint"]
        response = self.session.post(
            token_endpoint,
            data={{
                "grant_type": "password",
                "username": os.environ["CXONE_ACCESS_KEY_ID"],
                "password": os.environ["CXONE_ACCESS_KEY_SECRET"],
            }},
            auth=HTTPBasicAuth(os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"]),
            timeout=TIMEOUT_SECONDS,
        )
        response.raise_for_status()
        body = response.json()
        log.info("token valid for %s seconds", body["expires_in"])
        return AccessToken(body["access_token"], time.monotonic() + body["expires_in"])
'''

AUTH_HARDCODED = '''\
"""Token for the {thing} job (older style: the token endpoint is written out)."""

import os

import requests

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"


def get_{thing}_token() -> str:
    resp = requests.post(
        TOKEN_URL,
        data={{
            "grant_type": "client_credentials",
            "client_id": os.environ.get("CXONE_CLIENT_ID", ""),
            "client_secret": os.environ.get("CXONE_CLIENT_SECRET", ""),
        }},
        timeout={timeout},
    )
    resp.raise_for_status()
    return resp.json()["access_token"]
'''

API_CLIENT = '''\
"""Calls to the CXone {thing} API in area {area}."""

from __future__ import annotations

import requests

API_BASE = "https://api-{area}.niceincontact.com/incontactapi/services/v31.0"


class {Thing}Client:
    def __init__(self, token_source) -> None:
        self.token_source = token_source
        self.session = requests.Session()

    def _headers(self) -> dict[str, str]:
        token = self.token_source.token()
        return {{"Authorization": f"Bearer {{token}}", "Accept": "application/json"}}

    def list_{thing}s(self, skip: int = 0, top: int = 100) -> list[dict]:
        response = self.session.get(
            f"{{API_BASE}}/{thing}s",
            headers=self._headers(),
            params={{"skip": skip, "top": top}},
            timeout=10,
        )
        response.raise_for_status()
        return response.json().get("{thing}s", [])

    def get_{thing}(self, {thing}_id: int) -> dict:
        response = self.session.get(
            f"{{API_BASE}}/{thing}s/{{{thing}_id}}", headers=self._headers(), timeout=10
        )
        response.raise_for_status()
        return response.json()
'''

ORDINARY_HEAD = '''\
"""{Thing} {other} helpers for the {third} pipeline."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

log = logging.getLogger(__name__)
'''

ORDINARY_BLOCKS = (
    '''

@dataclass
class {Thing}{n}:
    """One {thing} as read from the {other} export."""

    ident: int
    name: str
    tags: list[str] = field(default_factory=list)
    weight: float = 1.0

    def key(self) -> tuple[int, str]:
        return (self.ident, self.name.lower())

    def describe(self) -> str:
        tags = ", ".join(sorted(self.tags)) or "untagged"
        return f"{{self.name}} ({{self.ident}}): {{tags}}, weight {{self.weight:.2f}}"
''',
    """

def group_{thing}s_{n}(items: Iterable[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        label = str(item.get("{other}", "unknown")).strip().lower()
        if not label:
            label = "unknown"
        groups[label].append(item)
    for label, members in groups.items():
        members.sort(key=lambda m: (m.get("priority", 0), m.get("id", 0)))
        log.debug("group %s has %d members", label, len(members))
    return dict(groups)
""",
    """

def parse_{thing}_line_{n}(line: str) -> dict | None:
    line = line.strip()
    if not line or line.startswith("#"):
        return None
    parts = [p.strip() for p in line.split(";")]
    if len(parts) < 3:
        log.warning("short {thing} line: %r", line[:40])
        return None
    ident, name, *rest = parts
    try:
        number = int(ident)
    except ValueError:
        return None
    extra = dict(p.split("=", 1) for p in rest if "=" in p)
    return {{"id": number, "name": name, "extra": extra}}
""",
    '''

class {Thing}Window{n}:
    """A sliding window of {other} counts."""

    def __init__(self, size: int = {size}) -> None:
        self.size = size
        self.values: list[float] = []

    def push(self, value: float) -> None:
        self.values.append(value)
        if len(self.values) > self.size:
            del self.values[0]

    def mean(self) -> float:
        return sum(self.values) / len(self.values) if self.values else 0.0

    def peak(self) -> float:
        return max(self.values, default=0.0)

    def summary(self) -> dict[str, float]:
        return {{"mean": self.mean(), "peak": self.peak(), "n": float(len(self.values))}}
''',
    """

def write_{thing}_report_{n}(rows: list[dict], path: str) -> int:
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        for row in rows:
            if row.get("skip"):
                continue
            out.write(json.dumps(row, sort_keys=True) + "\\n")
            written += 1
    log.info("wrote %d {thing} rows to %s", written, path)
    return written
""",
    """

def retry_{thing}_{n}(action, attempts: int = {size}, delay: float = 0.5):
    import time

    last: Exception | None = None
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except (OSError, ValueError) as exc:
            last = exc
            log.warning("attempt %d of %d failed: %s", attempt, attempts, exc)
            time.sleep(delay * attempt)
    raise RuntimeError("{thing} action failed") from last
""",
)


def _names(rng: random.Random) -> dict[str, str]:
    thing, other, third = rng.sample(WORDS, 3)
    return {
        "thing": thing,
        "Thing": thing.capitalize(),
        "other": other,
        "third": third,
        "timeout": str(rng.choice((5, 10, 15, 30))),
        "area": rng.choice(AREAS),
    }


def ordinary(rng: random.Random) -> str:
    names = _names(rng)
    parts = [ORDINARY_HEAD.format(**names)]
    for n in range(rng.randint(4, 14)):
        block = rng.choice(ORDINARY_BLOCKS)
        parts.append(block.format(n=n, size=rng.randint(3, 20), **names))
    return "".join(parts)


def module(rng: random.Random, index: int) -> str:
    roll = rng.random()
    names = _names(rng)
    if roll < 0.07:
        return AUTH_DISCOVERY.format(**names)
    if roll < 0.10:
        return AUTH_HARDCODED.format(**names)
    if roll < 0.20:
        return API_CLIENT.format(**names)
    return ordinary(rng)


def generate(out: Path, files: int, seed: int = 7, git: bool = False) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "cxone-app.toml").write_text(MANIFEST)
    (out / "pyproject.toml").write_text('[project]\nname = "bench-integration"\nversion = "1"\n')
    (out / ".env.example").write_text("CXONE_CLIENT_ID=\nCXONE_CLIENT_SECRET=\n")
    (out / "config").mkdir(exist_ok=True)
    (out / "config" / "settings.yaml").write_text(
        "cxone:\n  issuer: https://cxone.niceincontact.com\n  client_id: ${CXONE_CLIENT_ID}\n"
    )
    python_files = files - 4
    per_package = 40
    for i in range(python_files):
        package = out / "app" / f"pkg{i // per_package:03}"
        package.mkdir(parents=True, exist_ok=True)
        (package / f"mod{i:05}.py").write_text(module(rng, i))
    if git:
        run = {"cwd": out, "check": True, "capture_output": True}
        subprocess.run(["git", "init", "-q"], **run)
        subprocess.run(["git", "add", "-A"], **run)
        subprocess.run(
            [
                *("git", "-c", "user.name=bench", "-c", "user.email=bench@bench.example"),
                *("commit", "-q", "-m", "generated"),
            ],
            **run,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--git", action="store_true", help="make it a git repository")
    args = parser.parse_args()
    generate(args.out, args.files, args.seed, args.git)


if __name__ == "__main__":
    main()
