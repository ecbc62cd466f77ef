"""CX5xx: CXone hosts, areas and environments in code against the registration.

Reads the "urls" and "config_calls" facts of the cxone.http extractor: every CXone URL written
in the code, classified by hosts.py (area, environment, government, kind).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Applicability, Diagnostic, Edit, Fix, Position, Severity
from cxone_lint.api.rule import Case, Rule, expect
from cxone_rules.analysis.profile import all_urls, governing_app, http_facts
from cxone_rules.hosts import UNKNOWN, shown
from cxone_rules.manifest import checkable_manifests

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


class EnvironmentNotRegistered(Rule):
    """Code calls a CXone area or environment the app is not registered in.

    ## What it does
    For each CXone URL written in code or in configuration files (TOML, JSON, YAML, .env; not
    example files, not the manifest) (area API hosts `api-eu1...`, UserHub hosts
    `eu1.nice-incontact.com`, dev/test issuers, sovereign issuers), reports the ones whose area
    (`na1`, `eu1`, `au1` ...) or non-production environment (`dev`, `test`,
    `sovereign-au` ...) is not in the registered `environments` of the governing app.

    ## Why
    NICE issues a set of credentials per registered environment: a token or an API call in an
    environment the app is not registered in fails, and a multi-tenant app only works for
    tenants "within the selected environments".

    ## Example
    ```python
    API = "https://api-eu1.niceincontact.com"   # registered: environments = ["na1"]
    ```

    ## Fix safety
    No automatic fix: register the environment or use the registered one.

    ## References
    - https://developer.niceincontact.com/Documentation/GettingStarted
    - https://developer.niceincontact.com/Documentation/UserHubGettingStarted
    """

    code = "CX501"
    name = "environment-not-registered"
    summary = "CXone area or environment in code is not registered"
    passed = "The code calls only registered CXone areas and environments"
    severity = Severity.ERROR
    tags = ("environments", "manifest")
    VALID = (
        Case({"cxone-app.toml": manifest('["na1", "eu1"]'), "app/hosts.py": HOSTS}),
        Case({"app/hosts.py": HOSTS}, note="no manifest: skipped"),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": manifest(),
                "app/hosts.py": HOSTS
                + 'DEV_ISSUER = "https://cxone.dev.niceincontact.com"\n'
                + 'USERHUB = "https://eu1.nice-incontact.com/user-management/v1/users"\n',
            },
            [
                expect("CX501", "app/hosts.py", 4),
                expect("CX501", "app/hosts.py", 5),
                expect("CX501", "app/hosts.py", 6),
            ],
        ),
        Case(
            {
                "cxone-app.toml": manifest(),
                ".env": "CXONE_ISSUER=https://cxone.niceincontact.com\n"
                "CXONE_USERHUB=https://au1.nice-incontact.com\n",
            },
            [expect("CX501", ".env", 2)],
            note="configuration files count",
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if not checkable_manifests(ctx, self.code):
            return
        for rel, url in all_urls(ctx):
            governed = governing_app(ctx, rel)
            if governed is None or not governed[1].environments:
                continue
            manifest_, app = governed
            registered = {e.strip().lower() for e in app.environments}
            if url["kind"] not in SERVICE_KINDS:
                continue
            area, env = url.get("area"), url.get("environment") or "production"
            problem = None
            if area and area not in registered:
                problem = f"area {area}"
            elif env != "production" and not any(env in e for e in registered):
                problem = f"the {env} environment"
            if problem is None:
                continue
            yield self.report(
                rel,
                _at(url),
                f"{shown(url['host'])} is in {problem}, which {app.label} is not "
                f"registered for (environments: {', '.join(sorted(registered))})",
                hint=f"register the environment in {manifest_.path} (NICE issues "
                "credentials per environment) or use a registered one",
                key=f"{shown(url['host'])}",
            )


class GovernmentMismatch(Rule):
    """A FedRAMP (government) host in a commercial registration, or the reverse.

    ## What it does
    Reports government hosts (`cxone-gov.niceincontact.com`, area `na2`, `nicecxone-gov.com`)
    in code or configuration files governed by an app registered with `government = false`,
    and commercial issuer, area and UserHub hosts under an app registered with
    `government = true`.

    ## Why
    The FedRAMP environment is separate: it has its own issuer and credentials. An app
    registered for one cannot authenticate against the other.

    ## Example
    ```python
    ISSUER = "https://cxone-gov.niceincontact.com"   # registered: government = false
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/GettingStarted
    """

    code = "CX502"
    name = "government-mismatch"
    summary = "Government host in a non-government registration, or the reverse"
    passed = "Government and commercial hosts match the registration"
    severity = Severity.ERROR
    tags = ("environments", "manifest")
    VALID = (
        Case({"cxone-app.toml": manifest(), "app/hosts.py": HOSTS}),
        Case(
            {
                "cxone-app.toml": manifest('["na2"]', "true"),
                "app/hosts.py": 'ISSUER = "https://cxone-gov.niceincontact.com"\n',
            }
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": manifest(),
                "app/hosts.py": HOSTS + 'GOV_ISSUER = "https://cxone-gov.niceincontact.com"\n',
            },
            [expect("CX502", "app/hosts.py", 5)],
        ),
        Case(
            {"cxone-app.toml": manifest('["na2"]', "true"), "app/hosts.py": HOSTS},
            [expect("CX502", "app/hosts.py", 3), expect("CX502", "app/hosts.py", 4)],
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if not checkable_manifests(ctx, self.code):
            return
        for rel, url in all_urls(ctx):
            governed = governing_app(ctx, rel)
            if governed is None or governed[1].government is None:
                continue
            _, app = governed
            if url["kind"] not in SERVICE_KINDS or url.get("environment", "").startswith(
                "sovereign"
            ):
                continue
            if url["government"] and not app.government:
                message = (
                    f"{shown(url['host'])} is a government (FedRAMP) host, but {app.label} is "
                    "registered with government = false"
                )
            elif not url["government"] and app.government:
                if UNKNOWN in url["host"] or url["kind"] == "cluster-api":
                    continue
                message = (
                    f"{shown(url['host'])} is a commercial host, but {app.label} is registered "
                    "for the government (FedRAMP) environment"
                )
            else:
                continue
            yield self.report(rel, _at(url), message, key=url["host"])


class HardcodedApiBase(Rule):
    """An API base URL hard-coded instead of taken from cxone-configuration's `api_endpoint`.

    ## What it does
    Reports CXone API hosts written in code: area API hosts (`https://api-na1.niceincontact.com`),
    cluster hosts (`api-b32.nice-incontact.com`, `api-c14.incontact.com`), UserHub API paths,
    and ACD API paths on the issuer host. A URL built from variables (`api-{area}...`) and the
    fallback of `.get("api_endpoint", ...)` are not reported.

    ## Why
    A tenant's API host depends on its area and cluster; NICE publishes it in
    `GET {issuer}/.well-known/cxone-configuration?tenantId=...` as `api_endpoint`. A
    hard-coded host works for one tenant only and breaks when a tenant is moved, so it also
    blocks a multi-tenant (CXexchange) listing.

    ## Example
    ```python
    BASE = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0"
    ```
    Instead:
    ```python
    conf = requests.get(f"{issuer}/.well-known/cxone-configuration",
                        params={"tenantId": tenant_id}, timeout=10).json()
    base = conf["api_endpoint"] + "/inContactAPI/services/v31.0"
    ```

    ## Fix safety
    No automatic fix: discovery needs the tenant id (from the access token).

    ## References
    - https://support.ringcentral.com/article-v2/Using-the-API-global-authentication-service.html
    """

    code = "CX503"
    name = "hardcoded-api-base"
    summary = "API base URL hard-coded instead of discovered (cxone-configuration api_endpoint)"
    passed = "The API base is discovered, not hard-coded"
    severity = Severity.WARNING
    tags = ("environments", "discovery")
    VALID = (
        Case(
            {
                "app/api.py": """\
import requests


def api_base(issuer: str, tenant_id: str) -> str:
    url = f"{issuer}/.well-known/cxone-configuration"
    conf = requests.get(url, params={"tenantId": tenant_id}, timeout=10).json()
    return conf.get("api_endpoint", "https://api-na1.niceincontact.com")


def area_base(conf: dict) -> str:
    return f"https://api-{conf['area']}.niceincontact.com"
"""
            }
        ),
    )
    INVALID = (
        Case(
            {
                "app/api.py": """\
BASE = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0"
START = "https://api-b32.nice-incontact.com/incontactapi/services/v31.0/scripts/start"
AGENTS = "https://api-c14.incontact.com/inContactAPI/services/v16.0/agents"
ISSUER = "https://cxone.niceincontact.com"
BU = "https://cxone.niceincontact.com/inContactAPI/services/v27.0/business-unit"
"""
            },
            [
                expect("CX503", "app/api.py", 1),
                expect("CX503", "app/api.py", 2),
                expect("CX503", "app/api.py", 3),
                expect("CX503", "app/api.py", 5),
            ],
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for rel, facts in http_facts(ctx):
            for url in facts.get("urls", []):
                if not self._is_api_base(url):
                    continue
                what = (
                    f"ACD API called on the issuer host {shown(url['host'])}"
                    if url["kind"] == "issuer"
                    else f"API host {shown(url['host'])} hard-coded"
                )
                yield self.report(
                    rel,
                    _at(url),
                    f"{what}; take api_endpoint from /.well-known/cxone-configuration",
                    hint="GET {issuer}/.well-known/cxone-configuration?tenantId=... and use "
                    "its api_endpoint",
                    key=url["host"],
                )

    @staticmethod
    def _is_api_base(url: dict[str, Any]) -> bool:
        if UNKNOWN in url["host"] or url.get("fallback_for") == "api_endpoint":
            return False
        kind, path_kind = url["kind"], url.get("path_kind")
        if kind in ("area-api", "cluster-api") and path_kind in ("api", None):
            return True
        if kind == "legacy-central" and path_kind == "api":
            return True
        if kind == "userhub" and path_kind == "api":
            return True
        return kind == "issuer" and "/incontactapi/" in url["url"].lower()


class BearerToPublicConfiguration(Rule):
    """A bearer token sent to the public cxone-configuration endpoint.

    ## What it does
    Reports calls to `/.well-known/cxone-configuration` that pass an `Authorization` header.

    ## Why
    The endpoint is public: it needs no authentication. Sending the access token to it hands
    a live credential to one more endpoint (and its logs) for nothing, and ties API-host
    discovery to having a token.

    ## Example
    ```python
    requests.get(f"{issuer}/.well-known/cxone-configuration?tenantId={tid}",
                 headers={"Authorization": f"Bearer {token}"})
    ```

    ## Fix safety
    Safe when the headers are a literal dict holding only `Authorization`: the fix removes the
    `headers=` argument; the response does not depend on it.

    ## References
    - https://support.ringcentral.com/article-v2/Using-the-API-global-authentication-service.html
    """

    code = "CX504"
    name = "bearer-to-public-configuration"
    summary = "Bearer token sent to the public cxone-configuration endpoint"
    passed = "No bearer token goes to the public cxone-configuration endpoint"
    severity = Severity.WARNING
    fixable = "safe"
    tags = ("security", "environments", "discovery")
    SOURCE = """\
import requests

ISSUER = "https://cxone.niceincontact.com"


def api_endpoint(token: str, tenant_id: str) -> str:
    url = f"{ISSUER}/.well-known/cxone-configuration?tenantId={tenant_id}"
    response = requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    return response.json()["api_endpoint"]
"""
    VALID = (
        Case({"app/conf.py": SOURCE.replace(', headers={"Authorization": f"Bearer {token}"}', "")}),
    )
    INVALID = (
        Case({"app/conf.py": SOURCE}, [expect("CX504", "app/conf.py", 8)]),
        Case(
            {"app/conf.py": SOURCE},
            fixed={
                "app/conf.py": SOURCE.replace(', headers={"Authorization": f"Bearer {token}"}', "")
            },
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for rel, facts in http_facts(ctx):
            for call in facts.get("config_calls", []):
                if not call.get("auth_header"):
                    continue
                fix = None
                span = call.get("remove_headers")
                if span:
                    fix = Fix(
                        "remove the Authorization header",
                        (
                            Edit(
                                rel,
                                Position(span[0][0], span[0][1]),
                                Position(span[1][0], span[1][1]),
                                "",
                            ),
                        ),
                        Applicability.SAFE,
                    )
                yield self.report(
                    rel,
                    _at(call),
                    "Authorization header sent to the public cxone-configuration endpoint",
                    hint="call /.well-known/cxone-configuration without a token",
                    key="cxone-configuration",
                    fix=fix,
                )
