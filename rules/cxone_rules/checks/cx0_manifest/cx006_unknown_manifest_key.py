from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.manifest import checkable_manifests


class UnknownManifestKey(Rule):
    """The registration manifest has a key its schema does not define.

    ## What it does
    Reports each unknown key at its line, with a "did you mean" suggestion: a near miss
    (`auth_methd`), the other format's spelling (`authMethod` in `cxone-app.toml`, `auth_method`
    in a JSON export) or a different separator (`business-unit`). In a JSON export of the App
    Registration API the read-only fields (`createdBy`, `createdTime`, `lastModifiedBy`,
    `lastModifiedTime`, `scheduledDeletionTime`) are known keys.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    An unknown key is ignored. A typo would silently switch a check off: `orgins = [...]` looks
    registered to the author, yet no rule checks those origins and the app is treated as
    having none.

    ## Example
    ```toml
    [app]
    auth_methd = "client_secret_basic"   # CX006: did you mean `auth_method`?
    ```

    ## Fix safety
    Renaming the key is a safe fix when the suggestion is the same name spelled another way
    (`authMethod` or `business-unit` for `auth_method`, `business_unit`) and an unsafe fix for a
    near miss (`auth_methd`), which might have meant another key. No fix when the new name is
    already in the table.

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX006"
    name = "unknown-manifest-key"
    summary = "Registration manifest has an unknown key"
    passed = "The registration manifest has no unknown key"
    severity = Severity.WARNING
    fixable = "safe"

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest in checkable_manifests(ctx, self.code):
            for problem in manifest.problems:
                if problem.kind != "unknown":
                    continue
                yield self.report(
                    manifest.path,
                    problem.position,
                    problem.message,
                    hint=problem.hint,
                    key=f"unknown:{problem.key}",
                    fix=problem.fix,
                )
