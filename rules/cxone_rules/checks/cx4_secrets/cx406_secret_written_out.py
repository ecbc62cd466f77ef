from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._related import origins
from cxone_rules.facts.kinds import UPSTREAM_ERROR, Sink
from cxone_rules.facts.store import facts_of


class SecretWrittenOut(Rule):
    """A token, secret or whole token response is printed, logged, raised or returned.

    ## What it does
    Follows values inside each function and across functions and modules: names assigned
    from a token response (`resp.json()` of a call to a token endpoint or with a
    `grant_type`), from its `access_token`/`refresh_token`/`id_token` fields, from secret
    environment variables, and (in auth code) names and parameters called `token`,
    `client_secret`, `password` ...; what another function returns (`tokens = get_token()`,
    here or in another module) and what callers pass to a parameter. Reports them when they
    reach `print`, a logging, structlog or loguru call (the message, its `%` arguments, an
    f-string, keyword fields, `extra=`, `logger.bind(...)`), an exception message, a
    `jsonify`/`JSONResponse` or the return value of a web route. `len(token)`, a hash or a
    few characters (`token[:6]`, `token[-4:]`) are not leaks; `token[:20]` is. An error
    body printed in a failure branch (`if resp.status_code != 200`) is not a token.

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
            if store.traits(rel).checkmarx_code:
                continue
            for sink in sinks:
                what = sink.leaked
                if what is None or what == UPSTREAM_ERROR:
                    continue  # cleared by the linker; an error body is the CX9xx rules' matter
                verb = self._SINKS.get(sink.sink, sink.sink)
                yield self.report(
                    rel,
                    sink.start,
                    f"{what} is {verb}",
                    end=sink.end,
                    hint="write out that a token was obtained and when it expires, not the token",
                    key=f"{sink.sink}:{what}",
                    related=origins(ctx, sink, "value"),
                )
