from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.domain.hosts import UNKNOWN, shown
from cxone_rules.facts.kinds import UrlUse
from cxone_rules.facts.profile import code_facts, cxone_requests


class HardcodedTokenEndpoint(Rule):
    """The token endpoint is hard-coded instead of read from OIDC discovery.

    ## What it does
    Reports CXone token URLs written in code (`https://cxone.niceincontact.com/auth/token`,
    also when assembled from an issuer and `/auth/token`) used instead of the `token_endpoint`
    of `{issuer}/.well-known/openid-configuration`.

    ## Why
    NICE tells integrations to read `token_endpoint` from discovery. A hard-coded URL ties the
    code to one environment (commercial, FedRAMP, sovereign, dev) and breaks when NICE moves
    the endpoint.

    ## Example
    ```python
    TOKEN_URL = "https://cxone.niceincontact.com/auth/token"
    ```
    Instead:
    ```python
    config = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10).json()
    token_url = config["token_endpoint"]
    ```

    ## Fix safety
    No automatic fix: discovery adds a request and caching.

    ## References
    - https://support.ringcentral.com/article-v2/Using-the-API-global-authentication-service.html
    - https://openid.net/specs/openid-connect-discovery-1_0.html
    """

    code = "CX309"
    name = "hardcoded-token-endpoint"
    summary = "Token endpoint hard-coded instead of discovered"
    passed = "The token endpoint is discovered, not hard-coded"
    severity = Severity.WARNING
    tags = ("security", "auth", "discovery")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        literals: set[str] = set()
        for url in code_facts(ctx, UrlUse):
            info = url.info
            if info is not None and info.path_kind == "token" and UNKNOWN not in info.host:
                text = url.url.render()
                literals.add(text)
                yield self.report(
                    url.file,
                    url.start,
                    f"token endpoint hard-coded ({shown(info.host)}); read token_endpoint "
                    "from OIDC discovery",
                    end=url.end,
                    hint="GET {issuer}/.well-known/openid-configuration and use its token_endpoint",
                    key=text,
                )
        for req in cxone_requests(ctx):
            assembled = req.url.partial
            if req.endpoint == "token" and assembled and assembled not in literals:
                yield self.report(
                    req.file,
                    req.start,
                    "token request to an assembled /auth/token URL; read token_endpoint from "
                    "OIDC discovery",
                    end=req.end,
                    hint="GET {issuer}/.well-known/openid-configuration and use its token_endpoint",
                    key=assembled,
                )
