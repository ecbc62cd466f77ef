from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._related import once_per_file
from cxone_rules.domain.hosts import UNKNOWN, shown
from cxone_rules.facts.kinds import UrlUse
from cxone_rules.facts.profile import code_facts


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

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        hosts = [
            (url, info.host)
            for url in code_facts(ctx, UrlUse)
            if (info := url.info) is not None and self._is_api_base(url)
        ]
        for url, again in once_per_file(hosts):
            info = url.info
            assert info is not None
            what = (
                f"ACD API called on the issuer host {shown(info.host)}"
                if info.kind == "issuer"
                else f"API host {shown(info.host)} hard-coded"
            )
            yield self.report(
                url.file,
                url.start,
                f"{what}; take api_endpoint from /.well-known/cxone-configuration",
                end=url.end,
                hint="GET {issuer}/.well-known/cxone-configuration?tenantId=... and use "
                "its api_endpoint",
                key=info.host,
                related=again,
            )

    @staticmethod
    def _is_api_base(url: UrlUse) -> bool:
        info = url.info
        if info is None or UNKNOWN in info.host or url.fallback_for == "api_endpoint":
            return False
        kind, path_kind = info.kind, info.path_kind
        if kind in ("area-api", "cluster-api") and path_kind in ("api", None):
            return True
        if kind == "legacy-central" and path_kind == "api":
            return True
        if kind == "userhub" and path_kind == "api":
            return True
        return kind == "issuer" and "/incontactapi/" in url.url.render().lower()
