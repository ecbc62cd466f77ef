from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Applicability, Diagnostic, Edit, Fix, Position, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx4_secrets._common import CONFIG, PY


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
    severity = Severity.ERROR
    fixable = "safe"

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for extractor in (PY, CONFIG):
            for rel, facts in ctx.facts(extractor):
                if facts.get("checkmarx"):
                    continue
                for item in facts.get("http", ()):
                    line, col = item["start"]
                    fix = None
                    if "scheme" in item:
                        at = Position(*item["scheme"])
                        end = Position(at.line, at.column + len("http://"))
                        fix = Fix(
                            "use https://",
                            (Edit(rel, at, end, "https://"),),
                            Applicability.SAFE,
                        )
                    yield self.report(
                        rel,
                        Position(line, col),
                        f"plain http:// URL to CXone host {item['host']}",
                        hint="use https://",
                        key=f"http:{item['host']}",
                        fix=fix,
                    )
