from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.analysis.profile import http_facts, is_cxone_file
from cxone_rules.checks.cx3_auth._common import _at, _requests_by_file


class UnsupportedGrant(Rule):
    """A grant CXone does not support: `client_credentials`, or the implicit flow.

    ## What it does
    Reports `grant_type` values `client_credentials` (in a dict, a keyword argument or a
    hand-built body) and authorize requests with `response_type=token` in files that talk to
    CXone; also token requests whose library picks `client_credentials` for you (authlib's
    `fetch_token()` without username or code, requests-oauthlib's `BackendApplicationClient`).

    ## Why
    CXone's token endpoint accepts `password` (back-end apps, with an access key),
    `authorization_code` (user apps), `refresh_token` and token exchange. The
    `client_credentials` grant and the implicit flow fail, whatever third-party guides say.

    ## Example
    ```python
    requests.post(token_endpoint, data={"grant_type": "client_credentials"}, auth=(cid, s))
    ```
    Use the password grant with the API user's access key id and secret.

    ## Fix safety
    No automatic fix: the password grant needs the API user's access key.

    ## References
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    - https://developer.niceincontact.com/FAQ
    """

    code = "CX303"
    name = "unsupported-grant"
    summary = "Grant type CXone does not support (client_credentials, implicit)"
    severity = Severity.ERROR
    tags = ("auth",)

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        requests_by_file = _requests_by_file(ctx)
        for rel, facts in http_facts(ctx):
            if not is_cxone_file(facts, ctx, rel):
                continue
            others = {
                r.get("grant") for r in facts.get("token_requests", []) if r["target"] == "other"
            }
            literal_lines = set()
            for grant in facts.get("grants", []):
                if grant["value"] != "client_credentials" or grant["value"] in others:
                    continue
                literal_lines.add(grant["line"])
                yield self.report(
                    rel,
                    _at(grant),
                    "grant_type client_credentials is not supported by CXone",
                    hint="back-end apps use the password grant with the API user's access key",
                    key="client_credentials",
                )
            if not literal_lines:
                for req in requests_by_file.get(rel, []):
                    if req.get("grant") == "client_credentials":
                        yield self.report(
                            rel,
                            _at(req),
                            f"{req['lib']} sends grant_type client_credentials here, which "
                            "CXone does not support",
                            hint="pass username and password (the access key) for the "
                            "password grant",
                            key="client_credentials",
                        )
            for auth in facts.get("authorize", []):
                if (auth.get("response_type") or "").strip() == "token":
                    yield self.report(
                        rel,
                        _at(auth),
                        "implicit flow (response_type=token) is not supported by CXone",
                        hint="use the authorization code flow with PKCE (response_type=code)",
                        key="implicit",
                    )
