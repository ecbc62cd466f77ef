from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx5_environments._common import SERVICE_KINDS
from cxone_rules.domain.hosts import shown
from cxone_rules.facts.profile import governing_app, urls
from cxone_rules.manifest import checkable_manifests


class EnvironmentNotRegistered(Rule):
    """Code calls a CXone area or environment the app is not registered in.

    ## What it does
    For each CXone URL written in code or in configuration files (TOML, JSON, YAML, .env; not
    example files, not the manifest) (area API hosts `api-eu1...`, UserHub hosts
    `eu1.nice-incontact.com`, dev/test issuers, sovereign issuers), reports the ones whose area
    (`na1`, `eu1`, `au1` ...) or non-production environment (`dev`, `test`,
    `sovereign-au` ...) is not in the registered `environments` of the governing app.

    ## Why
    NICE issues a set of credentials per registered environment: a token or an API call in an
    environment the app is not registered in fails, and a multi-tenant app only works for
    tenants "within the selected environments".

    ## Example
    ```python
    API = "https://api-eu1.niceincontact.com"   # registered: environments = ["na1"]
    ```

    ## Fix safety
    No automatic fix: register the environment or use the registered one.

    ## References
    - https://developer.niceincontact.com/Documentation/GettingStarted
    - https://developer.niceincontact.com/Documentation/UserHubGettingStarted
    """

    code = "CX501"
    name = "environment-not-registered"
    summary = "CXone area or environment in code is not registered"
    passed = "The code calls only registered CXone areas and environments"
    severity = Severity.ERROR
    tags = ("environments", "manifest")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if not checkable_manifests(ctx, self.code):
            return
        for url in urls(ctx):
            governed = governing_app(ctx, url.file)
            if governed is None or not governed[1].environments:
                continue
            manifest_, app = governed
            registered = {e.strip().lower() for e in app.environments}
            info = url.info
            if info is None or info.kind not in SERVICE_KINDS:
                continue
            area, env = info.area, info.environment or "production"
            problem = None
            if area and area not in registered:
                problem = f"area {area}"
            elif env != "production" and not any(env in e for e in registered):
                problem = f"the {env} environment"
            if problem is None:
                continue
            yield self.report(
                url.file,
                url.start,
                f"{shown(info.host)} is in {problem}, which {app.label} is not "
                f"registered for (environments: {', '.join(sorted(registered))})",
                end=url.end,
                hint=f"register the environment in {manifest_.path} (NICE issues "
                "credentials per environment) or use a registered one",
                key=f"{shown(info.host)}",
            )
