"""Shared by the CX5xx rules (cx5_environments/*.py)."""

from __future__ import annotations

from typing import Any

from cxone_lint.api.diagnostics import Position

MANIFEST = """\
[app]
name = "Callback Scheduler"
type = "backend"
tenancy = "{tenancy}"
environments = {environments}
government = {government}
auth_method = "client_secret_basic"
contacts = ["cx-integrations@acme.example"]

[api_user]
username = "svc-callback@acme.example"
"""


def manifest(environments: str = '["na1"]', government: str = "false", tenancy: str = "all") -> str:
    return (
        MANIFEST.replace("{environments}", environments)
        .replace("{government}", government)
        .replace("{tenancy}", tenancy)
    )


HOSTS = """\
import os

ISSUER = os.environ.get("CXONE_ISSUER", "https://cxone.niceincontact.com")
EU_API = "https://api-eu1.niceincontact.com"
"""

# Kinds of host an area or environment is read from (docs sites say nothing about where the
# integration runs).
SERVICE_KINDS = ("issuer", "area-api", "userhub", "auth", "cluster-api", "government-digital")


def _at(fact: dict[str, Any]) -> Position:
    return Position(int(fact["line"]), int(fact["col"]))
