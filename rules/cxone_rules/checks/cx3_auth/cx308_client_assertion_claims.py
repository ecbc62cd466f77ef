from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.facts.kinds import JwtEncode
from cxone_rules.facts.profile import code_files
from cxone_rules.facts.store import facts_of
from cxone_rules.facts.symstr import word_of


class ClientAssertionClaims(Rule):
    """A client_secret_jwt assertion that is not built as the standard requires.

    ## What it does
    For `jwt.encode` calls (PyJWT; `jwt.sign` of jsonwebtoken, `JWT::encode` of firebase/php-jwt)
    in files that send a `client_assertion`, reports: an algorithm that is not HMAC
    (HS256/384/512) or a private key (that is private_key_jwt, not client_secret_jwt);
    missing `iss`, `sub`, `aud`, `jti` or `exp`; `iss` and `sub` that are not the same client
    id; an `aud` that is not the token endpoint; a lifetime above 600 s.

    ## Why
    OpenID Connect Core §9 and RFC 7523 require these claims; a token endpoint rejects an
    assertion without them, and a long-lived assertion without `jti` can be replayed.
    CXone's registration enum lists only client_secret_basic and client_secret_post, so
    check first that the app can use assertions at all.

    ## Example
    ```python
    jwt.encode({"iss": client_id, "exp": now + 86400}, private_key, algorithm="RS256")
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication
    - https://datatracker.ietf.org/doc/html/rfc7523#section-3
    """

    code = "CX308"
    name = "client-assertion-claims"
    summary = "client_secret_jwt assertion lacks required claims or is not HMAC-signed"
    passed = "client_secret_jwt assertions have the required claims and an HMAC signature"
    severity = Severity.WARNING
    tags = (
        "security",
        "auth",
    )
    MAX_LIFETIME = 600

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        store = facts_of(ctx)
        for rel in code_files(ctx):
            if not store.traits(rel).client_assertion:
                continue
            for enc in store.in_file(rel, JwtEncode):
                problems = self._problems(enc)
                if problems:
                    yield self.report(
                        rel,
                        enc.start,
                        "client assertion: " + "; ".join(problems),
                        end=enc.end,
                        hint="client_secret_jwt: HS256 with the client secret, iss = sub = "
                        "client_id, aud = token endpoint, a unique jti, exp within minutes",
                        key=",".join(problems),
                    )

    def _problems(self, enc: JwtEncode) -> list[str]:
        problems: list[str] = []
        alg = word_of(enc.alg)
        if enc.key == "private-key" or (alg and not alg.upper().startswith("HS")):
            problems.append(
                f"signed with {alg or 'a private key'}, not HMAC with the client secret"
            )
        if enc.claims is not None:
            missing = [c for c in ("iss", "sub", "aud", "jti", "exp") if c not in enc.claims]
            if missing:
                problems.append("missing " + ", ".join(missing))
        if enc.iss_sub_same is False:
            problems.append("iss and sub differ (both must be the client_id)")
        if enc.audience == "other":
            problems.append("aud is not the token endpoint")
        lifetime = enc.lifetime_seconds
        if lifetime is not None and lifetime > self.MAX_LIFETIME:
            problems.append(f"lifetime {lifetime} s (keep it under {self.MAX_LIFETIME} s)")
        return problems
