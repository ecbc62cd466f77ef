from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx3_auth._common import requests_by_file
from cxone_rules.facts.kinds import TokenRequest
from cxone_rules.facts.profile import governing_app


class MixedClientAuth(Rule):
    """One app authenticates its client in more than one way.

    ## What it does
    Collects the client authentication method of every CXone token request governed by the
    same registered app (the whole project when there is no manifest) and reports the
    requests that use a different method than the most common one. Only secret-bearing
    methods are compared (Basic, form body, assertion); when the app's `auth_method` is
    registered, CX301 reports each request against it instead.

    ## Why
    An app is registered with exactly one `auth_method`; every other method fails with
    `invalid_client`. Two methods in one code base usually mean one path was never tested
    against the real registration (a refresh helper written differently from the login).

    ## Example
    ```python
    requests.post(token_url, data=body, auth=(cid, secret))          # client_secret_basic
    requests.post(token_url, data={**refresh, "client_secret": s})   # client_secret_post
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    """

    code = "CX302"
    name = "mixed-client-auth"
    summary = "More than one client authentication method in one app"
    passed = "Each app authenticates its client one way"
    severity = Severity.WARNING
    tags = (
        "security",
        "auth",
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        groups: dict[str, list[tuple[TokenRequest, str]]] = {}
        for rel, reqs in requests_by_file(ctx).items():
            governed = governing_app(ctx, rel)
            if governed is not None and governed[1].auth_method:
                continue  # CX301 compares each request with the registered method
            key = f"{governed[0].path}#{governed[0].apps.index(governed[1])}" if governed else ""
            # "none" is left out: a client secret set on a session object (`session.auth`) is
            # not visible at the call, and public clients are CX305's business.
            groups.setdefault(key, []).extend(
                (r, r.auth_method) for r in reqs if r.auth_method not in (None, "none")
            )
        for found in groups.values():
            counts = Counter(method for _, method in found)
            if len(counts) < 2:
                continue
            first: dict[str, int] = {}
            for i, (_, method) in enumerate(found):
                first.setdefault(method, i)
            main = max(counts, key=lambda m: (counts[m], -first[m]))
            for req, method in found:
                if method != main:
                    yield self.report(
                        req.file,
                        req.start,
                        f"this token request uses {method} while the app's other "
                        f"token requests use {main}",
                        end=req.end,
                        hint="an app is registered with one auth_method; use it everywhere",
                        key=f"{method}!={main}",
                    )
