from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import contains, facts_in, route_label
from cxone_rules.checks.cx9_surface._common import token_routes
from cxone_rules.facts.kinds import CorsPolicy
from cxone_rules.facts.profile import code_files


class CorsOpenOnTokenRoutes(Rule):
    """CORS lets every origin read routes that hand out or use CXone tokens.

    ## What it does
    Reports a CORS setting of the integration's own server that allows any origin (`*`,
    `CORS(app)` with its default, `cors()` without options) or reflects the request's
    Origin, when the server has routes that return a CXone token or call CXone with the
    server's token. A setting made in one handler counts for that route; middleware counts
    for every route of its file. Settings that also allow credentials are CX902's.

    ## Why
    CORS decides which web pages may read the server's answers from a visitor's browser.
    Open to every origin, any page the user visits can call the route and read what it
    returns: the token itself, or CXone data fetched with it.

    ## Example
    ```python
    CORS(app)                                  # CX901: every origin

    @app.get("/token")
    def token():
        return jsonify(access_token=get_token())
    ```
    Allow only the origins of your own front end: `CORS(app, origins=["https://app.acme.example"])`.

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (origins)
    """

    code = "CX901"
    name = "cors-open-on-token-routes"
    summary = "CORS open to every origin on routes that carry CXone tokens"
    passed = "CORS does not open token-carrying routes to every origin"
    severity = Severity.ERROR
    tags = ("security", "surface", "cors")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        routes = [r for r in token_routes(ctx) if (r.hands or r.spends) and not r.callback]
        if not routes:
            return
        for policy in facts_in(ctx, CorsPolicy, code_files(ctx)):
            if policy.allows not in ("any", "reflect") or policy.credentials:
                continue
            if policy.scope == "route":
                covered = [r for r in routes if contains(r.route, policy)]
            else:
                covered = [r for r in routes if r.route.file == policy.file]
            if not covered:
                continue
            first = covered[0]
            what = (
                f"hands out the CXone {first.hands.replace('_', ' ')}"
                if first.hands
                else "calls CXone with the server's token"
            )
            allows = "every origin" if policy.allows == "any" else "the caller's own origin"
            yield self.report(
                policy.file,
                policy.start,
                f"CORS allows {allows}, and {route_label(first.route)} {what}: any web page "
                "a user opens can call it from their browser and read the answer",
                end=policy.end,
                hint="allow only the origins of your own front end",
                key=policy.allows,
            )
