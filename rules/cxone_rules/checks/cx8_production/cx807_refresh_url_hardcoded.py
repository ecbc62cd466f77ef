from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import facts_in
from cxone_rules.domain.hosts import UNKNOWN, shown
from cxone_rules.facts.kinds import ConfigRead
from cxone_rules.facts.profile import code_files, cxone_requests


class RefreshUrlHardcoded(Rule):
    """A Central refresh sent to a hard-coded URL instead of `refresh_token_server_uri`.

    ## What it does
    In code that gets its token from the legacy Central token service
    (`/InContactAuthorizationServer/Token`), reports a refresh (`grant_type=refresh_token`)
    sent to a URL written in the code, when the code never reads the `refresh_token_server_uri`
    the Central token response names.

    ## Why
    The Central token response says where to refresh: `refresh_token_server_uri`, the token
    server of the cluster that serves the business unit. A hard-coded URL is right for one
    cluster only; when the business unit is served elsewhere the refresh fails and the
    integration falls back to a password login (or stops) every time its token expires.

    ## Example
    ```python
    requests.post("https://api.incontact.com/InContactAuthorizationServer/Token",
                  json={"grant_type": "refresh_token", "refresh_token": rt})    # CX807
    ```
    Instead, post to `tokens["refresh_token_server_uri"]`.

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.incontact.com/Documentation/APIAuthenticationToken
    """

    code = "CX807"
    name = "refresh-url-hardcoded"
    summary = "Central refresh sent to a hard-coded URL, not refresh_token_server_uri"
    passed = "Central refreshes go to refresh_token_server_uri"
    severity = Severity.WARNING
    tags = ("production", "tokens", "legacy")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        requests = cxone_requests(ctx)
        if not any(r.endpoint == "legacy-token" for r in requests):
            return
        files = code_files(ctx)
        if any(r.key == "refresh_token_server_uri" for r in facts_in(ctx, ConfigRead, files)):
            return
        for req in requests:
            text = req.url.render()
            if req.grant_type != "refresh_token" or not text or UNKNOWN in text:
                continue
            yield self.report(
                req.file,
                req.start,
                f"the refresh goes to {shown(text)}, written in the code, while the Central "
                "token response names the server to refresh at (refresh_token_server_uri): "
                "for a business unit served by another cluster the refresh fails at every "
                "expiry",
                end=req.end,
                hint='post the refresh to tokens["refresh_token_server_uri"]',
                key="refresh-url",
            )
