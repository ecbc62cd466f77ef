from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.analysis.profile import all_urls, resolved_requests
from cxone_rules.checks.cx3_auth._common import _at
from cxone_rules.domain.hosts import shown


class LegacyTokenEndpoint(Rule):
    """A legacy CXone token endpoint: the Central token service or the UserHub access-key API.

    ## What it does
    Reports URLs of `InContactAuthorizationServer/Token` (and `/Authenticate`) on
    `api.incontact.com` or a cluster host, and of the UserHub access-key endpoint
    `{area}.nice-incontact.com/authentication/v1/token/access-key` (and its `/public/user/refresh`),
    in Python code and in configuration files (TOML, JSON, YAML, .env; not example files).

    ## Why
    NICE intends to deprecate the older API access methods and says developers "should not
    tether integrations" to the UserHub bootstrap endpoint. The current flow is OIDC discovery
    and `/auth/token` with the password grant (access key as username/password).

    ## Example
    ```python
    requests.post("https://api.incontact.com/InContactAuthorizationServer/Token", ...)
    ```

    ## Fix safety
    No automatic fix: the migration needs a new app registration.

    ## References
    - https://developer.niceincontact.com/Documentation/UserHubGettingStarted
    - https://developer.niceincontact.com/Documentation/Createaccesskey
    """

    code = "CX310"
    name = "legacy-token-endpoint"
    summary = "Legacy token endpoint (Central token service or UserHub access-key)"
    severity = Severity.WARNING
    tags = ("auth", "legacy")

    KINDS = {
        "legacy-token": "the legacy Central token service",
        "legacy-authorize": "the legacy Central authorize endpoint",
        "access-key": "the UserHub access-key endpoint",
        "userhub-refresh": "the UserHub refresh endpoint",
    }

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        literals: set[str] = set()
        for rel, url in all_urls(ctx):
            what = self.KINDS.get(url.get("path_kind") or "")
            if what:
                literals.add(url["url"])
                yield self.report(
                    rel,
                    _at(url),
                    f"{what} ({shown(url['host'])}); use OIDC discovery and /auth/token",
                    hint="password grant with the access key id and secret as username "
                    "and password, against the discovered token_endpoint",
                    key=url["url"],
                )
        for req in resolved_requests(ctx):
            text = (req.get("url") or {}).get("text")
            what = self.KINDS.get(req.get("endpoint") or "")
            if what and text and text not in literals:
                yield self.report(
                    req["path"],
                    _at(req),
                    f"token request to {what}; use OIDC discovery and /auth/token",
                    key=text,
                )
