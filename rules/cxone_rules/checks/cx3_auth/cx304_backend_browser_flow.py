from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.facts import Fact
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx3_auth._common import (
    cxone_code_files,
    requests_by_file,
    skip_without_manifest,
)
from cxone_rules.facts.kinds import AuthorizeRequest, RedirectUri, UrlUse
from cxone_rules.facts.profile import governing_app
from cxone_rules.facts.store import facts_of


class BackendBrowserFlow(Rule):
    """A back-end app runs a browser flow (authorize endpoint, redirect handling).

    ## What it does
    For code governed by an app registered as `type = "backend"`, reports authorize URLs,
    authorize parameters (`response_type`), `authorization_url()` calls and token requests
    with the `authorization_code` grant (one finding per line); in a file with none of these,
    `redirect_uri` values.

    ## Why
    A back-end app is a restricted confidential client that never uses a browser: it may call
    only the token endpoint. A browser flow under a back-end registration fails; the app needs
    a user-app (confidential or public) registration instead.

    ## Example
    ```python
    AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"
    ```
    in an app registered with `type = "backend"`.

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX304"
    name = "backend-browser-flow"
    summary = "Back-end app runs a browser (authorize/redirect) flow"
    passed = "A back-end app runs no browser flow"
    severity = Severity.ERROR
    tags = ("security", "auth", "manifest")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if skip_without_manifest(ctx, self.code):
            return
        store = facts_of(ctx)
        requests = requests_by_file(ctx)
        for rel in cxone_code_files(ctx):
            governed = governing_app(ctx, rel)
            if governed is None or governed[1].type != "backend":
                continue
            app = governed[1]
            found: list[tuple[Fact, str]] = []
            for url in store.in_file(rel, UrlUse):
                if url.info is not None and url.info.path_kind in ("authorize", "legacy-authorize"):
                    found.append((url, "builds a CXone authorize URL"))
            for auth in store.in_file(rel, AuthorizeRequest):
                found.append((auth, "starts a browser authorization flow"))
            for req in requests.get(rel, []):
                if req.grant_type == "authorization_code":
                    found.append((req, "redeems an authorization code"))
            if not found:  # a redirect_uri alone (e.g. a callback) still means a browser flow
                for red in store.in_file(rel, RedirectUri):
                    found.append((red, "handles a login redirect (redirect_uri)"))
            seen: set[int] = set()
            for fact, what in sorted(found, key=lambda f: (f[0].line, f[0].column)):
                if fact.line in seen:
                    continue
                seen.add(fact.line)
                yield self.report(
                    rel,
                    fact.start,
                    f"{app.label} is registered as a back-end app, but this code {what}",
                    end=fact.end,
                    hint="back-end apps use only the token endpoint (password grant); a "
                    "browser login needs a confidential or public app registration",
                    key=what,
                )
