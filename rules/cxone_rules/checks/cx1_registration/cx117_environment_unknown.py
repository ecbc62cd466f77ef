from __future__ import annotations

import re
from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule

# CXone areas (environments). Official: named on NICE's UserHub getting-started page. FedRAMP:
# na2 in NICE's official agent SDK. Unverified: seen only in SDK or third-party code.
OFFICIAL_AREAS = ("na1", "au1", "eu1")

GOVERNMENT_AREAS = ("na2",)

UNVERIFIED_AREAS = ("uk1", "jp1", "ca1")

AREA_RE = re.compile(r"^[a-z]{2}[0-9]$")


class EnvironmentUnknown(ManifestRule):
    """A listed environment is not a known CXone area, or contradicts the government answer.

    ## What it does
    Checks each entry of `environments`:
    - `na1`, `au1`, `eu1` (named by NICE) and `na2` (FedRAMP, in NICE's agent SDK) are known;
    - other area-shaped codes seen only in SDK or third-party code (`uk1`, `jp1`, `ca1`, or any
      two letters and a digit) are reported as warnings: unverified, confirm with NICE;
    - anything else (`prod`, `us-east`) is an error;
    - `na2` with `government = false`, or `government = true` without `na2`, is a warning.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE issues credentials per environment and a multi-tenant registration works only within
    the selected environments: a misspelled area leaves the real one unregistered.

    ## Example
    ```toml
    environments = ["na1", "production"]   # CX117: "production" is not a CXone area
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/UserHubGettingStarted
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    """

    code = "CX117"
    name = "environment-unknown"
    summary = "Environment is not a known CXone area"
    passed = "Every environment is a known CXone area"
    severity = Severity.ERROR

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        known = ", ".join((*OFFICIAL_AREAS, *GOVERNMENT_AREAS))
        for manifest, app in self.apps(ctx):
            areas = [e.strip().lower() for e in app.environments]
            for index, area in enumerate(areas):
                raw = app.environments[index]
                where = manifest.position(app, "environments", index)
                if area in OFFICIAL_AREAS:
                    continue
                if area in GOVERNMENT_AREAS:
                    if app.government is False:
                        yield self.at(
                            manifest,
                            app,
                            where,
                            f"environment {raw!r} is CXone's FedRAMP (government) area, but "
                            "government = false",
                            f"environments:{area}:government",
                            "answer government = true, or remove na2",
                            Severity.WARNING,
                        )
                    continue
                if area in UNVERIFIED_AREAS or AREA_RE.match(area):
                    yield self.at(
                        manifest,
                        app,
                        where,
                        f"environment {raw!r} is not an area NICE documents ({known}); it is "
                        "seen only in third-party code: confirm it with NICE before registering",
                        f"environments:{area}",
                        severity=Severity.WARNING,
                    )
                    continue
                yield self.at(
                    manifest,
                    app,
                    where,
                    f"environment {raw!r} is not a CXone area (known: {known})",
                    f"environments:{area}",
                    "environments are CXone areas such as na1, eu1, au1 (the api_endpoint of "
                    "/.well-known/cxone-configuration names yours)",
                )
            if app.government is True and areas and not set(areas) & set(GOVERNMENT_AREAS):
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "government"),
                    "government = true, but no government (FedRAMP) area such as na2 is listed "
                    "in environments",
                    "government",
                    severity=Severity.WARNING,
                )
