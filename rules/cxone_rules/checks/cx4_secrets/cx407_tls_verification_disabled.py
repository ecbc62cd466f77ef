from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._related import merged, placed
from cxone_rules.facts.kinds import TlsSetting
from cxone_rules.facts.store import facts_of


class TlsVerificationDisabled(Rule):
    """TLS certificate verification is turned off.

    ## What it does
    Reports `verify=False` (requests, httpx), `ssl=False` / `verify_ssl=False` (aiohttp),
    `session.verify = False`, `ssl._create_unverified_context`, and in HTTP client code
    `check_hostname = False` or `verify_mode = CERT_NONE`; also a flag whose value is false
    where it is written: a constant of this or another module, a settings default, an
    environment toggle (`os.getenv("VERIFY_SSL") != "false"` with `VERIFY_SSL=false` in
    `.env`), a key of a configuration file the code loads, a caller's argument. A value from
    `.env` or a configuration file is reported at that value, with the code line as a related
    location. Test files are not checked.

    ## Why
    Without certificate verification anyone on the network path can pose as CXone and
    collect the client secret, the access key secret and every token. CXone requires TLS 1.2
    for back-end integrations; TLS without verification gives none of its protection.

    ## Example
    ```python
    requests.post(token_endpoint, data=form, auth=basic, verify=False)
    ```

    ## Fix safety
    No automatic fix: remove the option; if a proxy re-signs traffic, point `verify=` (or
    `REQUESTS_CA_BUNDLE`) at its CA bundle.

    ## References
    - https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification
    - https://help.incontact.com/Content/PlatformRequirements/NetworkRequirements.htm
    """

    code = "CX407"
    name = "tls-verification-disabled"
    summary = "TLS certificate verification turned off"
    passed = "TLS certificates are verified"
    severity = Severity.ERROR
    tags = ("security",)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        settings = [s for s in facts_of(ctx).all(TlsSetting) if s.off]
        for place, item in merged([(placed(ctx, s, "flag"), s) for s in settings]):
            yield self.report(
                place.path,
                place.start,
                f"TLS certificate verification turned off ({item.what})",
                end=place.end,
                hint="keep verification on; trust a proxy's CA with verify=<bundle path>",
                key=item.what,
                related=place.related,
            )
