from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.manifest import STATUSES, checkable_manifests


class InvalidManifest(Rule):
    """The registration manifest has a value of the wrong type or a table in the wrong place.

    ## What it does
    Reports, at the exact key or value, every manifest value whose type is wrong (a string
    where a list is expected, `business_unit = "abc"`, `government = "no"`), a `status` that is
    not enabled / disabled / deleted, a manifest without any app, one that mixes `[app]` and
    `[[apps]]`, a top-level `[api_user]` in a monorepo manifest, and monorepo apps without
    `paths`. The same holds for a JSON export of the App Registration API (`scope` is one
    space-separated string there, `isEnabled` a boolean).

    A manifest that does not parse at all is reported as CX001 on the parser's line, and the
    registration checks are listed as skipped.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    A value of the wrong type cannot be checked: the other registration rules skip it rather
    than guess, so it must be fixed first. `origins = "https://app.example"` (a string, not a
    list) would otherwise look like an app that registered no origins.

    ## Example
    ```toml
    [app]
    business_unit = "4600123"   # CX005: must be an integer
    origins = "https://app.acme.example"   # CX005: must be a list of strings
    ```

    ## Fix safety
    Safe fixes for the two unambiguous cases: a quoted number where an integer is expected
    (`business_unit = "4600123"` becomes `4600123`) and a single string where a list is
    expected (`origins = "https://a"` becomes `["https://a"]`). Otherwise the hint shows the
    corrected line.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX005"
    name = "invalid-manifest"
    summary = "Registration manifest has a wrong type or structure"
    passed = "The registration manifest has the right types and structure"
    severity = Severity.ERROR
    fixable = "safe"

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest in checkable_manifests(ctx, self.code):
            for problem in manifest.problems:
                if problem.kind == "unknown":
                    continue
                yield self.report(
                    manifest.path,
                    problem.position,
                    problem.message,
                    hint=problem.hint,
                    key=f"{problem.kind}:{problem.key}",
                    fix=problem.fix,
                )
            for app in manifest.apps:
                if app.status is not None and app.status not in STATUSES:
                    key = manifest.key_name("status")
                    yield self.report(
                        manifest.path,
                        manifest.position(app, "status"),
                        (f"{app.label}: " if len(manifest.apps) > 1 else "")
                        + f"`{key}` is {app.status!r}; it must be one of "
                        + ", ".join(STATUSES),
                        hint="disabled apps cannot authenticate; delete only after disabling",
                        key=f"status:{app.table_path}",
                    )
