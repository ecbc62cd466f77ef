from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.facts.kinds import TlsPinned
from cxone_rules.facts.profile import code_facts

OLD = ("SSLv2", "SSLv3", "TLSv1", "TLSv1.1")


class TlsVersionBelow12(Rule):
    """A TLS version below 1.2 pinned or allowed by the code.

    ## What it does
    Reports TLS settings that pin a protocol below TLS 1.2 (`ssl.PROTOCOL_TLSv1`,
    `secureProtocol: "TLSv1_method"`), cap the maximum below it (`maximum_version =
    TLSVersion.TLSv1_1`, `maxVersion: "TLSv1.1"`), or lower the minimum below it
    (`minimum_version = TLSVersion.TLSv1`, `minVersion: "TLSv1"`).

    ## Why
    CXone requires TLS 1.2 at least. Pinned or capped below it, every connection to CXone fails
    its handshake; with a lowered minimum, a network attacker can push the connection down to a
    protocol with known weaknesses, where tokens and secrets travel.

    ## Example
    ```python
    context.minimum_version = ssl.TLSVersion.TLSv1      # CX410
    ```
    Leave the defaults, or set `ssl.TLSVersion.TLSv1_2`.

    ## Fix safety
    No automatic fix.

    ## References
    - https://help.incontact.com/de/Content/PlatformRequirements/NetworkRequirements.htm
    - https://datatracker.ietf.org/doc/html/rfc8996
    """

    code = "CX410"
    name = "tls-version-below-1-2"
    summary = "TLS version below 1.2 pinned or allowed"
    passed = "No TLS version below 1.2 is pinned or allowed"
    severity = Severity.ERROR
    tags = ("transport", "security")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for setting in code_facts(ctx, TlsPinned):
            if setting.version not in OLD:
                continue
            if setting.bound == "min":
                message = (
                    f"the minimum TLS version is lowered to {setting.version}: a network "
                    "attacker can push connections down to it (CXone requires TLS 1.2)"
                )
            else:
                limit = "pinned to" if setting.bound == "only" else "capped at"
                message = (
                    f"TLS is {limit} {setting.version}: CXone requires TLS 1.2, so every "
                    "connection to it fails its handshake"
                )
            yield self.report(
                setting.file,
                setting.start,
                message,
                end=setting.end,
                hint="leave the TLS defaults, or require TLS 1.2 or later",
                key=f"{setting.bound}:{setting.version}",
            )
