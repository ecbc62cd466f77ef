from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import facts_in
from cxone_rules.facts.kinds import AuthorizeRequest
from cxone_rules.facts.symstr import Hole, SymStr


def constancy(value: SymStr) -> str | None:
    """constant | fallback (one reading is a constant) | None."""
    pieces = value.pieces
    if pieces and all(isinstance(p, str) for p in pieces):
        return "constant"
    if len(pieces) == 1 and isinstance(pieces[0], Hole):
        hole = pieces[0]
        if hole.kind == "redacted":
            return "constant"
        if hole.kind == "alt" and any(constancy(a) == "constant" for a in hole.args):
            return "fallback"
        if hole.default is not None and constancy(hole.default) == "constant":
            return "fallback"
    return None


class ConstantState(Rule):
    """An authorize request whose `state` is a constant, or falls back to one.

    ## What it does
    Reports CXone authorize requests whose `state` is written in the code (`state=myState`,
    `"state": "xyz"`) or falls back to a constant when nothing else is set
    (`config.state || "aaxx-11"`).

    ## Why
    A constant state is known to everyone, so it protects nothing: a forged callback carries
    the same value and is accepted (login CSRF). State must be unpredictable and new for each
    login.

    ## Example
    ```javascript
    const url = `${authorize}?response_type=code&client_id=${id}&state=myState`;  // CX812
    ```
    Use `crypto.randomUUID()` (or `secrets.token_urlsafe(32)`) per login, kept in the session.

    ## Fix safety
    No automatic fix.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc6749#section-10.12
    """

    code = "CX812"
    name = "constant-state"
    summary = "Authorize request with a constant state"
    passed = "Authorize requests send a new state for each login"
    severity = Severity.WARNING
    tags = ("security", "production", "oidc")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for auth in facts_in(ctx, AuthorizeRequest):
            if auth.state is None:
                continue
            how = constancy(auth.state)
            if how is None:
                continue
            what = "is a constant" if how == "constant" else "falls back to a constant"
            yield self.report(
                auth.file,
                auth.start,
                f"the state of this authorize request {what}: everyone knows it, so a forged "
                "callback carries it too and is accepted (login CSRF)",
                end=auth.end,
                hint="use a new random state for each login, kept in the session",
                key=how,
            )
