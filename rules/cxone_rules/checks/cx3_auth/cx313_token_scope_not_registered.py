from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx3_auth._common import central_requests, skip_without_manifest
from cxone_rules.domain.hosts import UNKNOWN
from cxone_rules.facts.profile import governing_app

# OpenID Connect scopes: not API groups, never registered.
OIDC_SCOPES = {"openid", "offline_access", "profile", "email"}


def scope_key(name: str) -> str:
    """One spelling for a legacy API scope: the token request's `RealTimeApi` is the
    registration's `RealTimeDataAPI`, `AdminApi` its `AdminAPI`."""
    key = re.sub(r"api$", "", name.strip().lower())
    return "realtime" if key == "realtimedata" else key


class TokenScopeNotRegistered(Rule):
    """A Central token request asks for an API scope the app is not registered for.

    ## What it does
    For code governed by an app of the registration manifest, reads the `scope` of each token
    request to Central CXone (the legacy `InContactAuthorizationServer/Token` service), when
    the code writes it, and reports the API scopes (`AdminApi`, `RealTimeApi`, ...) that are
    not in the app's registered `scope`. Spellings are compared the way NICE names them
    (`RealTimeApi` is `RealTimeDataAPI`); OpenID Connect scopes (`openid`) are not API groups.

    ## Why
    Central grants a token only the API groups registered for the application; the seed's
    registration form asks for them ("only relevant if you're using Central CXone"). A scope
    the code asks for but the registration lacks is refused by the token service, or the
    token it returns is rejected by those APIs: the feature built on them fails in production
    until a registration update at NICE is done.

    ## Example
    ```python
    # registered: scope = ["RealTimeDataAPI"]
    body = {"grant_type": "password", "scope": "RealTimeApi AdminApi", ...}   # CX313: AdminApi
    ```

    ## Fix safety
    No automatic fix: drop the scope from the request, or add it to the registration (an update
    at NICE) and to `scope` in the manifest.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Scope)
    - https://datatracker.ietf.org/doc/html/rfc6749#section-3.3
    """

    code = "CX313"
    name = "token-scope-not-registered"
    summary = "Central token request asks for a scope the app is not registered for"
    passed = "Central token requests ask only for registered scopes"
    severity = Severity.WARNING
    tags = ("auth", "manifest", "legacy")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if skip_without_manifest(ctx, self.code):
            return
        for reqs in central_requests(ctx).values():
            governed = governing_app(ctx, reqs[0].file)
            if governed is None:
                continue
            manifest, app = governed
            if not app.scope:
                continue  # CX116 says the registration names no scope
            registered = {scope_key(s) for s in app.scope}
            for req in reqs:
                text = req.scope.partial if req.scope is not None else None
                if not text:
                    continue
                asked = [s for s in re.split(r"[\s,]+", text) if s and UNKNOWN not in s]
                missing = [
                    s
                    for s in asked
                    if s.lower() not in OIDC_SCOPES and scope_key(s) not in registered
                ]
                if not missing:
                    continue
                names = " ".join(missing)
                yield self.report(
                    req.file,
                    req.start,
                    f"this Central token request asks for {names}, but {app.label} is "
                    f"registered for {' '.join(app.scope)}: Central grants only registered "
                    "scopes, so the calls that need it fail",
                    end=req.end,
                    hint=f"drop it from the request, or add it to the registration (an update "
                    f"at NICE) and to scope in {manifest.path}",
                    key=names,
                )
