from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx3_auth._common import cxone_code_files, skip_without_manifest
from cxone_rules.domain.hosts import UNKNOWN, shown
from cxone_rules.facts.kinds import LogoutRedirect
from cxone_rules.facts.profile import governing_app
from cxone_rules.facts.store import facts_of


class LogoutRedirectNotRegistered(Rule):
    """The `post_logout_redirect_uri` used in code is not a registered logout redirect.

    ## What it does
    For code governed by a user app (confidential or public), reports `post_logout_redirect_uri`
    values known statically (literals, constants, environment defaults, a logout URL's query)
    that are not in the app's registered `logouts`.

    ## Why
    CXone sends the browser back after logout only to a registered logout redirect
    (`/auth/authorize/logout` checks it like `redirect_uri`); any other value leaves the user on
    NICE's logout page, or the logout request is refused. Registering one is a registration
    update at NICE.

    ## Example
    ```python
    params = {"id_token_hint": id_token,
              "post_logout_redirect_uri": "https://portal.acme.example/bye"}   # CX314
    ```

    ## Fix safety
    No automatic fix: either the code or the registration must change.

    ## References
    - https://openid.net/specs/openid-connect-rpinitiated-1_0.html
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Logout Redirect)
    """

    code = "CX314"
    name = "logout-redirect-not-registered"
    summary = "post_logout_redirect_uri in code is not registered"
    passed = "Logout redirects in code are registered"
    severity = Severity.ERROR
    tags = ("auth", "manifest")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if skip_without_manifest(ctx, self.code):
            return
        store = facts_of(ctx)
        for rel in cxone_code_files(ctx):
            governed = governing_app(ctx, rel)
            if governed is None or not governed[1].is_user_app:
                continue
            manifest, app = governed
            registered = {r.rstrip("/") for r in app.logouts}
            for red in store.in_file(rel, LogoutRedirect):
                text = red.value.partial
                if not text or UNKNOWN in text or "://" not in text:
                    continue
                if text.rstrip("/") in registered:
                    continue
                yield self.report(
                    rel,
                    red.start,
                    f"post_logout_redirect_uri {shown(text)} is not a registered logout "
                    f"redirect of {app.label}: CXone will not send the browser back there",
                    end=red.end,
                    hint=f"add it to logouts in {manifest.path} (a registration update at NICE) "
                    "or use a registered one",
                    key=text,
                )
