from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Case, Rule, expect
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
    severity = Severity.WARNING
    fixable = "safe"

    VALID = (
        Case({"cxone-app.toml": '[app]\nname = "Acme"\nauth_method = "client_secret_basic"\n'}),
        Case(
            {
                "cxone-app.json": '{"id": "abc", "authMethod": "client_secret_post", '
                '"createdBy": "x", "scheduledDeletionTime": null}\n'
            }
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": '[app]\nname = "Acme"\nauth_methd = "client_secret_basic"\n'
                'orgins = ["https://a.example"]\n\n[api_user]\nprimaryRole = "Acme API"\n'
            },
            [
                expect("CX006", "cxone-app.toml", 3),
                expect("CX006", "cxone-app.toml", 4),
                expect("CX006", "cxone-app.toml", 7),
            ],
        ),
        Case(
            {"cxone-app.json": '{\n  "name": "Acme",\n  "auth_method": "client_secret_post"\n}\n'},
            [expect("CX006", "cxone-app.json", 3)],
        ),
        Case(
            {"cxone-app.toml": '[application]\nname = "Acme"\n'},
            [expect("CX006", "cxone-app.toml", 1)],
        ),
        Case(
            {
                "cxone-app.toml": '[app]\nauthMethod = "client_secret_basic"\n'
                'contacs = ["ops@acme.example"]\n'
            },
            [expect("CX006", "cxone-app.toml", 2), expect("CX006", "cxone-app.toml", 3)],
            fixed={
                "cxone-app.toml": '[app]\nauth_method = "client_secret_basic"\n'
                'contacs = ["ops@acme.example"]\n'
            },
            note="the same name spelled another way is safe; a near miss is unsafe",
        ),
        Case(
            {"cxone-app.json": '{"name": "Acme", "auth_method": "client_secret_post"}\n'},
            [expect("CX006", "cxone-app.json", 1)],
            fixed={"cxone-app.json": '{"name": "Acme", "authMethod": "client_secret_post"}\n'},
        ),
        Case(
            {"cxone-app.toml": '[app]\ncontacs = ["ops@acme.example"]\n'},
            [expect("CX006", "cxone-app.toml", 2)],
            fixed={"cxone-app.toml": '[app]\ncontacts = ["ops@acme.example"]\n'},
            unsafe=True,
        ),
    )

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
