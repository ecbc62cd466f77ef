from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._related import once_per_file
from cxone_rules.checks.cx5_environments._common import SERVICE_KINDS
from cxone_rules.domain.hosts import UNKNOWN, shown
from cxone_rules.facts.kinds import UrlUse
from cxone_rules.facts.profile import governing_app, urls
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
    passed = "Government and commercial hosts match the registration"
    severity = Severity.ERROR
    tags = ("environments", "manifest")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if not checkable_manifests(ctx, self.code):
            return
        hosts: list[tuple[UrlUse, str]] = []
        messages: dict[int, str] = {}
        for url in urls(ctx):
            governed = governing_app(ctx, url.file)
            if governed is None or governed[1].government is None:
                continue
            _, app = governed
            info = url.info
            if info is None or info.kind not in SERVICE_KINDS:
                continue
            if info.environment.startswith("sovereign"):
                continue
            if info.government and not app.government:
                message = (
                    f"{shown(info.host)} is a government (FedRAMP) host, but {app.label} is "
                    "registered with government = false"
                )
            elif not info.government and app.government:
                if UNKNOWN in info.host or info.kind == "cluster-api":
                    continue
                message = (
                    f"{shown(info.host)} is a commercial host, but {app.label} is registered "
                    "for the government (FedRAMP) environment"
                )
            else:
                continue
            hosts.append((url, info.host))
            messages[id(url)] = message
        # A host written several times in a file is one finding, its other uses related.
        for url, again in once_per_file(hosts):
            host = url.info.host if url.info is not None else ""
            yield self.report(
                url.file, url.start, messages[id(url)], end=url.end, key=host, related=again
            )
