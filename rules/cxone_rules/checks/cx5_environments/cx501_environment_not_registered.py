from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._related import once_per_file
from cxone_rules.checks.cx5_environments._common import SERVICE_KINDS
from cxone_rules.domain.hosts import HostInfo, shown
from cxone_rules.facts.kinds import UrlUse
from cxone_rules.facts.profile import governing_app, urls
from cxone_rules.manifest import checkable_manifests


class EnvironmentNotRegistered(Rule):
    """Code calls a CXone area or environment the app is not registered in.

    ## What it does
    For each CXone URL written in code or in configuration files (TOML, JSON, YAML, INI, .env; not
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
        hosts: list[tuple[UrlUse, str]] = []
        why: dict[int, tuple[HostInfo, str, Any, Any, set[str]]] = {}
        for url in urls(ctx):
            governed = governing_app(ctx, url.file)
            if governed is None or not governed[1].environments:
                continue
            manifest_, app = governed
            registered = {e.strip().lower() for e in app.environments}
            found = next(
                (
                    (info, problem)
                    for info in url.infos
                    if info.kind in SERVICE_KINDS
                    for problem in [_problem(info, registered)]
                    if problem is not None
                ),
                None,
            )
            if found is None:
                continue
            info, problem = found
            hosts.append((url, info.host))
            why[id(url)] = (info, problem, manifest_, app, registered)
        # A host written several times in a file is one finding, its other uses related.
        for url, again in once_per_file(hosts):
            info, problem, manifest_, app, registered = why[id(url)]
            yield self.report(
                url.file,
                url.start,
                f"{shown(info.host)} is in {problem}, which {app.label} is not "
                f"registered for (environments: {', '.join(sorted(registered))})",
                end=url.end,
                hint=f"register the environment in {manifest_.path} (NICE issues "
                "credentials per environment) or use a registered one",
                key=f"{shown(info.host)}",
                related=again,
            )


def _problem(info: HostInfo, registered: set[str]) -> str | None:
    """The area or environment of `info` the registration lacks, if any."""
    area, env = info.area, info.environment or "production"
    if area and area not in registered:
        return f"area {area}"
    if env != "production" and not any(env in e for e in registered):
        return f"the {env} environment"
    return None
