from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.facts.kinds import PlainHttpUrl
from cxone_rules.facts.store import facts_of


class InsecureHttpCxone(Rule):
    """A CXone URL uses plain `http://`.

    ## What it does
    Reports `http://` URLs whose host is a CXone or inContact host, in Python literals and
    f-strings and in config files. Other hosts (localhost redirect URIs, say) are left alone.

    ## Why
    Credentials, tokens and contact data would cross the network in clear text; at best
    CXone redirects and a POST turns into a GET that fails.

    ## Example
    ```python
    TOKEN_URL = "http://cxone.niceincontact.com/auth/token"
    ```

    ## Fix safety
    Safe for Python literals: `http://` becomes `https://`. CXone serves its APIs over
    HTTPS only, so the fixed URL reaches the same service.

    ## References
    - https://help.incontact.com/Content/PlatformRequirements/NetworkRequirements.htm
    """

    code = "CX408"
    name = "insecure-http-cxone"
    summary = "Plain http:// URL to a CXone host"
    passed = "CXone hosts are called over https"
    severity = Severity.ERROR
    fixable = "safe"
    tags = ("security",)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        store = facts_of(ctx)
        for rel, found in store.by_path(PlainHttpUrl):
            if store.traits(rel).checkmarx_code:
                continue
            for item in found:
                fix = None
                if item.scheme is not None:
                    fix = Fix(
                        "use https://",
                        (Edit(rel, item.scheme.start, item.scheme.end, "https://"),),
                        Applicability.SAFE,
                    )
                yield self.report(
                    rel,
                    item.start,
                    f"plain http:// URL to CXone host {item.host}",
                    end=item.end,
                    hint="use https://",
                    key=f"http:{item.host}",
                    fix=fix,
                )
