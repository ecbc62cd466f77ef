from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import cxone_files, facts_in
from cxone_rules.facts.kinds import SessionKey


class SessionIdFromHeader(Rule):
    """The server stores a session under an id the client chooses.

    ## What it does
    Reports a server-side store (a dict, a cache, Redis) written under a value read from a
    request header named for a session (`X-Session-Id`), in CXone code.

    ## Why
    The client picks the id, so the client picks the session: one that sends another user's
    id (guessed, seen in a log, shared by a link) reads or overwrites that user's session and
    the CXone tokens kept in it (session fixation). Session ids must be issued by the server,
    random, and sent back in a cookie the server sets.

    ## Example
    ```python
    sid = request.headers["X-Session-Id"]
    SESSIONS[sid] = {"access_token": tokens["access_token"]}            # CX907
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://owasp.org/www-community/attacks/Session_fixation
    """

    code = "CX907"
    name = "session-id-from-header"
    summary = "Session stored under an id taken from a client's header"
    passed = "Sessions are not keyed by ids the client chooses"
    severity = Severity.WARNING
    tags = (
        "security",
        "surface",
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for key in facts_in(ctx, SessionKey, cxone_files(ctx)):
            if not key.writes:
                continue
            yield self.report(
                key.file,
                key.start,
                f"the session is stored under the id the client sends in {key.header}: a "
                "client that sends another user's id takes over that session and its CXone "
                "tokens",
                end=key.end,
                hint="issue a random session id on the server and send it in a cookie",
                key=key.header,
            )
