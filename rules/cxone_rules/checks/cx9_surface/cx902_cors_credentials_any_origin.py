from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import cxone_files, facts_in
from cxone_rules.facts.kinds import CorsPolicy
from cxone_rules.facts.profile import code_files, cxone_requests


class CorsCredentialsAnyOrigin(Rule):
    """CORS allows credentials together with every origin.

    ## What it does
    Reports a CORS setting that allows credentials (cookies, Authorization headers) and any
    origin or the request's own Origin: Flask-CORS `supports_credentials=True` with its
    default origins, Starlette's `allow_credentials=True` with `allow_origins=["*"]`,
    `cors({origin: true, credentials: true})`, or the headers set by hand. Only in projects
    that talk to CXone.

    ## Why
    Browsers refuse `*` with credentials, so these libraries send back the caller's own
    Origin instead: every web site is then allowed to call the server with the visitor's
    session cookie and read the answers, the CXone data and tokens the session reaches
    included.

    ## Example
    ```python
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)  # CX902
    ```

    ## Fix safety
    No automatic fix: list the front end's origins.

    ## References
    - https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#requests_with_credentials
    - https://www.starlette.io/middleware/#corsmiddleware
    """

    code = "CX902"
    name = "cors-credentials-any-origin"
    summary = "CORS allows credentials with every origin"
    passed = "CORS never allows credentials for every origin"
    severity = Severity.ERROR
    tags = ("security", "surface", "cors")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if not cxone_requests(ctx) and not cxone_files(ctx):
            return
        for policy in facts_in(ctx, CorsPolicy, code_files(ctx)):
            if policy.allows not in ("any", "reflect") or not policy.credentials:
                continue
            yield self.report(
                policy.file,
                policy.start,
                "CORS allows credentials for every origin (the caller's Origin is sent back): "
                "any web site can call this server with the visitor's cookies and read the "
                "answers",
                end=policy.end,
                hint="list the origins of your own front end instead of every origin",
                key=policy.allows,
            )
