from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.facts.kinds import Sink
from cxone_rules.facts.store import facts_of


class SecretWrittenOut(Rule):
    """A token, secret or whole token response is printed, logged, raised or returned.

    ## What it does
    Follows values inside each function: names assigned from a token response
    (`resp.json()` of a call to a token endpoint or with a `grant_type`), from its
    `access_token`/`refresh_token`/`id_token` fields, from secret environment variables, and
    (in auth code) names and parameters called `token`, `client_secret`, `password` ...
    Reports them when they reach `print`, `logging`/`logger` calls, an exception message, a
    `jsonify`/`JSONResponse` or the return value of a web route. A slice (`token[:6]`),
    `len(token)` or a hash are not leaks; an error body printed in a failure branch
    (`if resp.status_code != 200`) is not a token.

    ## Why
    Logs and consoles are kept, shipped and read by many more people than the code. A logged
    bearer token works for anyone who reads it until it expires; a logged token response
    also holds the refresh token, which lives longer.

    ## Example
    ```python
    tokens = requests.post(token_endpoint, data=form, auth=basic).json()
    print(tokens)
    ```

    ## Fix safety
    No automatic fix: log that a token was obtained, its expiry, or a fingerprint.

    ## References
    - https://cwe.mitre.org/data/definitions/532.html
    - https://owasp.org/Top10/A09_2021-Security_Logging_and_Monitoring_Failures/
    """

    code = "CX406"
    name = "secret-written-out"
    summary = "Token or secret printed, logged, raised or returned"
    passed = "No token or secret is printed, logged, raised or returned"
    severity = Severity.WARNING
    tags = ("security",)

    _SINKS: ClassVar[dict[str, str]] = {
        "print": "printed",
        "log": "logged",
        "exception": "put in an exception message",
        "HTTP response": "returned in an HTTP response",
    }

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        store = facts_of(ctx)
        for rel, sinks in store.by_path(Sink):
            for sink in sinks:
                verb = self._SINKS.get(sink.sink, sink.sink)
                yield self.report(
                    rel,
                    sink.start,
                    f"{sink.what} is {verb}",
                    end=sink.end,
                    hint="write out that a token was obtained and when it expires, not the token",
                    key=f"{sink.sink}:{sink.what}",
                )
