from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.analysis.profile import http_facts
from cxone_rules.checks.cx5_environments._common import _at
from cxone_rules.domain.hosts import UNKNOWN, shown


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
    severity = Severity.WARNING
    tags = ("environments", "discovery")

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
