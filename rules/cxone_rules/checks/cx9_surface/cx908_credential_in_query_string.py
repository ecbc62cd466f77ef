from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import cxone_files, facts_in
from cxone_rules.facts.kinds import QueryCredential


class CredentialInQueryString(Rule):
    """A token or credential put in a URL's query string.

    ## What it does
    Reports a token, secret or password the code puts in a URL query string
    (`?access_token={token}`, `params={"access_token": token}`, `+ "&client_secret=" +
    secret`), in CXone code. A literal value is a hard-coded secret of its own (CX4xx).

    ## Why
    URLs are logged: by web servers and proxies on the way, by the integration's own request
    logs, in browser history and in `Referer` headers sent to other sites. A token in a URL
    can be read there until it expires; a secret or password until it is rotated.

    ## Example
    ```python
    requests.get(f"{base}/agents?access_token={token}", timeout=10)        # CX908
    ```
    Send it in the `Authorization` header (or the request body) instead.

    ## Fix safety
    No automatic fix.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc6750#section-5.3
    """

    code = "CX908"
    name = "credential-in-query-string"
    summary = "Token or credential put in a URL query string"
    passed = "No token or credential goes in a URL query string"
    severity = Severity.WARNING
    tags = ("security", "surface", "secrets")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for found in facts_in(ctx, QueryCredential, cxone_files(ctx)):
            yield self.report(
                found.file,
                found.start,
                f"the {found.key} goes in the URL's query string: servers, proxies and "
                "browser history log URLs, so it can be read there",
                end=found.end,
                hint="send it in the Authorization header or the request body",
                key=found.key,
            )
