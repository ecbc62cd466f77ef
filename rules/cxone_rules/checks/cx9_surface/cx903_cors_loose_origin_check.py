from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import cxone_files, facts_in
from cxone_rules.facts.kinds import CorsPolicy
from cxone_rules.facts.profile import code_files, cxone_requests

LOOSE = {
    "suffix": "accepts every origin that ends with the allowed name "
    "(https://evil-acme.example passes for acme.example)",
    "substring": "accepts every origin that contains the allowed name "
    "(https://acme.example.evil.net passes)",
    "unanchored": "uses a pattern that is not anchored at both ends "
    "(https://acme.example.evil.net passes)",
    "scheme": "drops the scheme before comparing, so http:// pages pass "
    "(anyone on the network path can serve one)",
    "no-origin": "lets requests without an Origin through (scripts and servers send none), "
    "so the allow-list protects nothing",
}


class CorsLooseOriginCheck(Rule):
    """An origin allow-list that lets in more than it names.

    ## What it does
    Reports origin checks of the integration's own server that decide CORS by a suffix
    (`origin.endswith("acme.example")`), a substring (`"acme.example" in origin`), a pattern
    without anchors (`re.match(r"https://.*acme.example", origin)`, Flask-CORS origins as
    regular expressions without `$`), after dropping the scheme, or that let a request with
    no Origin pass. Only in projects that talk to CXone.

    ## Why
    The allow-list is meant to name the front ends that may read the server's answers. Each
    of these lets a page the attacker controls pass it, and then read the answers (tokens
    and CXone data included) from a visitor's browser.

    ## Example
    ```python
    if origin and origin.endswith("acme.example"):           # CX903
        resp.headers["Access-Control-Allow-Origin"] = origin
    ```
    Compare the whole origin with a set: `if origin in {"https://app.acme.example"}:`.

    ## Fix safety
    No automatic fix.

    ## References
    - https://portswigger.net/web-security/cors
    """

    code = "CX903"
    name = "cors-loose-origin-check"
    summary = "Origin allow-list that lets in more than it names"
    passed = "Origin allow-lists compare whole origins"
    severity = Severity.WARNING
    tags = ("security", "surface", "cors")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if not cxone_requests(ctx) and not cxone_files(ctx):
            return
        for policy in facts_in(ctx, CorsPolicy, code_files(ctx)):
            if policy.loose not in LOOSE:
                continue
            yield self.report(
                policy.file,
                policy.start,
                f"the CORS origin check {LOOSE[policy.loose]}",
                end=policy.end,
                hint="compare the whole origin (scheme, host and port) with a fixed set",
                key=policy.loose,
            )
