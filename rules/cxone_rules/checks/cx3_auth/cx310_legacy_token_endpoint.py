from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._related import readers
from cxone_rules.domain.hosts import shown
from cxone_rules.facts.profile import token_requests, urls


class LegacyTokenEndpoint(Rule):
    """A legacy CXone token endpoint: the Central token service or the UserHub access-key API.

    ## What it does
    Reports URLs of `InContactAuthorizationServer/Token` (and `/Authenticate`) on
    `api.incontact.com` or a cluster host, and of the UserHub access-key endpoint
    `{area}.nice-incontact.com/authentication/v1/token/access-key` (and its `/public/user/refresh`),
    in Python code and in configuration files (TOML, JSON, YAML, INI, .env; not example files).

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
    passed = "No legacy token endpoint is called"
    severity = Severity.WARNING
    tags = ("security", "auth", "legacy")

    KINDS = {
        "legacy-token": "the legacy Central token service",
        "legacy-authorize": "the legacy Central authorize endpoint",
        "access-key": "the UserHub access-key endpoint",
        "userhub-refresh": "the UserHub refresh endpoint",
    }

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        literals: set[str] = set()
        # (file, endpoint) already reported at a URL: the request that sends it is the same
        # finding, whether its own text still has the holes the URL's reading filled or not.
        reported: set[tuple[str, str]] = set()
        for url in urls(ctx):
            info = url.info
            what = self.KINDS.get(info.path_kind or "") if info is not None else None
            if info is not None and what:
                text = url.url.render()
                literals.add(text)
                reported.add((url.file, info.path_kind or ""))
                yield self.report(
                    url.file,
                    url.start,
                    f"{what} ({shown(info.host)}); use OIDC discovery and /auth/token",
                    end=url.end,
                    hint="password grant with the access key id and secret as username "
                    "and password, against the discovered token_endpoint",
                    key=text,
                    related=readers(ctx, url),
                )
        for req in token_requests(ctx):
            assembled = req.url.partial
            what = self.KINDS.get(req.endpoint)
            if what and assembled and assembled not in literals:
                if (req.file, req.endpoint) in reported:
                    continue
                yield self.report(
                    req.file,
                    req.start,
                    f"token request to {what}; use OIDC discovery and /auth/token",
                    end=req.end,
                    key=assembled,
                )
