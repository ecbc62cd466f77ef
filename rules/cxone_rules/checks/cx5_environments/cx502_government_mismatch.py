from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.analysis.profile import all_urls, governing_app
from cxone_rules.checks.cx5_environments._common import SERVICE_KINDS, _at
from cxone_rules.domain.hosts import UNKNOWN, shown
from cxone_rules.manifest import checkable_manifests


class GovernmentMismatch(Rule):
    """A FedRAMP (government) host in a commercial registration, or the reverse.

    ## What it does
    Reports government hosts (`cxone-gov.niceincontact.com`, area `na2`, `nicecxone-gov.com`)
    in code or configuration files governed by an app registered with `government = false`,
    and commercial issuer, area and UserHub hosts under an app registered with
    `government = true`.

    ## Why
    The FedRAMP environment is separate: it has its own issuer and credentials. An app
    registered for one cannot authenticate against the other.

    ## Example
    ```python
    ISSUER = "https://cxone-gov.niceincontact.com"   # registered: government = false
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/GettingStarted
    """

    code = "CX502"
    name = "government-mismatch"
    summary = "Government host in a non-government registration, or the reverse"
    severity = Severity.ERROR
    tags = ("environments", "manifest")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if not checkable_manifests(ctx, self.code):
            return
        for rel, url in all_urls(ctx):
            governed = governing_app(ctx, rel)
            if governed is None or governed[1].government is None:
                continue
            _, app = governed
            if url["kind"] not in SERVICE_KINDS or url.get("environment", "").startswith(
                "sovereign"
            ):
                continue
            if url["government"] and not app.government:
                message = (
                    f"{shown(url['host'])} is a government (FedRAMP) host, but {app.label} is "
                    "registered with government = false"
                )
            elif not url["government"] and app.government:
                if UNKNOWN in url["host"] or url["kind"] == "cluster-api":
                    continue
                message = (
                    f"{shown(url['host'])} is a commercial host, but {app.label} is registered "
                    "for the government (FedRAMP) environment"
                )
            else:
                continue
            yield self.report(rel, _at(url), message, key=url["host"])
