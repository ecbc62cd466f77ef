from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._related import Place, merged, origins, placed, readers
from cxone_rules.checks.cx3_auth._common import cxone_code_files, requests_by_file
from cxone_rules.facts.kinds import AuthorizeRequest, GrantValue, TokenRequest, UrlUse
from cxone_rules.facts.profile import is_example_path, is_test_path
from cxone_rules.facts.store import facts_of
from cxone_rules.facts.symstr import text_of


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
    passed = "Only grant types CXone supports are used"
    severity = Severity.ERROR
    tags = (
        "security",
        "auth",
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        store = facts_of(ctx)
        requests = requests_by_file(ctx)
        code = list(cxone_code_files(ctx))
        places: list[tuple[Place, GrantValue]] = []
        written_in: set[str] = set()
        for rel in code:
            # The grant a request to another provider sends (Checkmarx One, Zendesk) is theirs.
            others = {r.grant_type for r in store.in_file(rel, TokenRequest) if r.target == "other"}
            for grant in store.in_file(rel, GrantValue):
                sent = any(r.one_of("client_credentials") for r in grant.value.readings())
                if not sent or "client_credentials" in others:
                    continue
                written_in.add(rel)
                places.append((placed(ctx, grant, "value"), grant))
        for grant in self._configured(ctx, set(code)):
            also = readers(ctx, grant)
            places.append((Place(grant.file, grant.start, grant.end, also), grant))
        for place, _ in merged(places):
            yield self.report(
                place.path,
                place.start,
                "grant_type client_credentials is not supported by CXone",
                end=place.end,
                hint="back-end apps use the password grant with the API user's access key",
                key="client_credentials",
                related=place.related,
            )
        for rel in code:
            written = rel in written_in
            if not written:
                for req in requests.get(rel, []):
                    if req.grant_type == "client_credentials":
                        yield self.report(
                            rel,
                            req.start,
                            f"{req.lib} sends grant_type client_credentials here, which "
                            "CXone does not support",
                            end=req.end,
                            hint="pass username and password (the access key) for the "
                            "password grant",
                            key="client_credentials",
                            related=origins(ctx, req, "grant"),
                        )
            for auth in store.in_file(rel, AuthorizeRequest):
                if (text_of(auth.response_type) or "").strip() == "token":
                    at = auth.response_type_at or auth.span
                    yield self.report(
                        rel,
                        at.start,
                        "implicit flow (response_type=token) is not supported by CXone",
                        end=at.end,
                        related=origins(ctx, auth, "response_type"),
                        hint="use the authorization code flow with PKCE (response_type=code)",
                        key="implicit",
                    )

    @staticmethod
    def _configured(ctx: Any, code: set[str]) -> list[GrantValue]:
        """client_credentials in a configuration file about CXone: it names a CXone host, or
        CXone code reads it (read or not, the value is what a deployment will send)."""
        store = facts_of(ctx)
        out: list[GrantValue] = []
        for rel, grants in store.by_path(GrantValue):
            if not store.is_config(rel) or is_test_path(rel) or is_example_path(rel):
                continue
            if store.traits(rel).checkmarx_code:
                continue
            about_cxone = bool(store.in_file(rel, UrlUse))
            for grant in grants:
                if grant.source != "config" or not grant.value.one_of("client_credentials"):
                    continue
                if about_cxone or any(r.file in code for r in store.readers(grant)):
                    out.append(grant)
        return out
