from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import facts_in, route_label
from cxone_rules.checks.cx9_surface._common import exposed
from cxone_rules.facts.kinds import ListenAddress
from cxone_rules.facts.profile import code_files


class ListenAllInterfaces(Rule):
    """The server listens on every interface while routes carry its token unauthenticated.

    ## What it does
    Reports a server told to listen on all interfaces (`host="0.0.0.0"`, `"::"`, `""`,
    gunicorn's `bind = "0.0.0.0:8000"`) in a project with at least one route that hands out or
    spends the server's CXone token without authenticating its caller (CX904, CX905).

    ## Why
    Bound to localhost, such a route is reachable from the same machine only. On every
    interface it is reachable from every network the host sits on (the office LAN, the
    cloud's VPC, the internet behind a port mapping), and so is the CXone token behind it.

    ## Example
    ```python
    app.run(host="0.0.0.0", port=8080)        # CX906, with an unauthenticated /agents route
    ```
    Listen on `127.0.0.1` behind a reverse proxy that authenticates, or authenticate the
    routes.

    ## Fix safety
    No automatic fix.

    ## References
    - https://flask.palletsprojects.com/en/stable/api/#flask.Flask.run
    """

    code = "CX906"
    name = "listen-all-interfaces"
    summary = "Server on all interfaces with unauthenticated token routes"
    passed = "No server with unauthenticated token routes listens on every interface"
    severity = Severity.WARNING
    tags = (
        "security",
        "surface",
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        routes = exposed(ctx)
        if not routes:
            return
        for listen in facts_in(ctx, ListenAddress, code_files(ctx)):
            if not listen.all_interfaces:
                continue
            host = listen.host.render() if listen.host is not None else "0.0.0.0"
            yield self.report(
                listen.file,
                listen.start,
                f"the server listens on every interface ({host or 'all'}) and "
                f"{route_label(routes[0].route)} uses its CXone token without authenticating "
                "the caller: every network this host is on can reach that token",
                end=listen.end,
                hint="listen on 127.0.0.1 behind an authenticating proxy, or authenticate the "
                "routes",
                key=host,
            )
