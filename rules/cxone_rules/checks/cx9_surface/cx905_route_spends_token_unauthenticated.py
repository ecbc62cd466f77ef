from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import route_label
from cxone_rules.checks.cx9_surface._common import exposed


class RouteSpendsTokenUnauthenticated(Rule):
    """A route calls CXone with the server's token and authenticates no caller.

    ## What it does
    Reports routes (Flask, FastAPI, Django REST framework, aiohttp, express, fastify, Next API
    routes) whose handler calls CXone with the integration's own token, itself or through a
    helper in any module it imports, when nothing authenticates the caller: no auth
    dependency or decorator, no app-wide hook or middleware before it, no check of a
    credential or of the logged-in user in the handler.

    ## Why
    The route is a proxy to CXone with the integration's identity: anyone who can reach it
    reads (or changes) what the API user may, without a CXone login of their own. Rate limits
    and audit logs then show the integration, not them.

    ## Example
    ```python
    @app.get("/agents")                       # CX905: no caller check
    def agents():
        return jsonify(cxone.list_agents())
    ```
    Require a login or an API key: `@login_required`, `Depends(current_user)`, or a
    `before_request` hook that checks one.

    ## Fix safety
    No automatic fix.

    ## References
    - https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/
    """

    code = "CX905"
    name = "route-spends-token-unauthenticated"
    summary = "Route calls CXone with the server's token without authenticating the caller"
    passed = "Routes that spend the server's token authenticate their callers"
    severity = Severity.WARNING
    tags = ("security", "surface", "tokens")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for use in exposed(ctx):
            if not use.spends or use.hands:
                continue
            route = use.route
            yield self.report(
                route.file,
                route.start,
                f"{route_label(route)} calls CXone with the integration's own token and "
                "authenticates no caller: anyone who can reach it acts as the API user",
                hint="require a login or an API key for this route (a dependency, a "
                "decorator or a middleware)",
                key=route_label(route),
            )
