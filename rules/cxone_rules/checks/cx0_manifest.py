"""CX005-CX006: the registration manifest itself: wrong types, misplaced tables, unknown keys.

A manifest that does not parse at all is reported by the engine as CX001 (on the parser's
line); every rule that reads the manifest is then listed as skipped.
"""

from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.document import DocumentError
from cxone_lint.api.rule import Case, Rule, expect
from cxone_rules.manifest import STATUSES, checkable_manifests, get_manifests
from cxone_rules.manifest.load import SHARED_NOTE_KEY


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

    VALID = (
        Case(
            {
                "cxone-app.toml": '[app]\nname = "Acme"\nbusiness_unit = 4600123\n'
                'origins = ["https://app.acme.example"]\nstatus = "enabled"\n'
            }
        ),
        Case({"cxone-app.json": '{"name": "Acme", "scope": "openid", "isEnabled": true}\n'}),
        Case({"app.py": "print('no manifest: nothing to check')\n"}),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": '[app]\nname = "Acme"\nbusiness_unit = "abc"\n'
                'origins = "https://app.acme.example"\ngovernment = "no"\n'
            },
            [
                expect("CX005", "cxone-app.toml", 3),
                expect("CX005", "cxone-app.toml", 4),
                expect("CX005", "cxone-app.toml", 5),
            ],
        ),
        Case(
            {"cxone-app.toml": '[app]\nname = "Acme"\nstatus = "paused"\n'},
            [expect("CX005", "cxone-app.toml", 3)],
        ),
        Case(
            {"cxone-app.toml": "# nothing registered yet\n"},
            [expect("CX005", "cxone-app.toml", 1)],
            note="a manifest without any app",
        ),
        Case(
            {
                "cxone-app.toml": '[[apps]]\nname = "a"\npaths = ["a/**"]\n\n'
                '[[apps]]\nname = "b"\n\n[api_user]\nusername = "svc-a"\n'
            },
            [expect("CX005", "cxone-app.toml", 5), expect("CX005", "cxone-app.toml", 8)],
            note="monorepo app without paths; top-level api_user in a monorepo",
        ),
        Case(
            {
                "cxone-app.json": '{\n  "name": "Acme",\n  "scope": ["openid"],\n'
                '  "isEnabled": 1\n}\n'
            },
            [expect("CX005", "cxone-app.json", 3), expect("CX005", "cxone-app.json", 4)],
        ),
        Case(
            {"cxone-app.toml": '[app]\nname = "Acme"\ncontacts = ["ops@acme.example", 42]\n'},
            [expect("CX005", "cxone-app.toml", 3)],
        ),
        Case(
            {
                "cxone-app.toml": '[app]\nbusiness_unit = "4600123"\n'
                "origins = 'https://app.acme.example'  # the portal\n"
            },
            [expect("CX005", "cxone-app.toml", 2), expect("CX005", "cxone-app.toml", 3)],
            fixed={
                "cxone-app.toml": "[app]\nbusiness_unit = 4600123\n"
                "origins = ['https://app.acme.example']  # the portal\n"
            },
        ),
    )

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


class ManifestNotFound(Rule):
    """The `manifest` setting names a file that does not exist.

    ## What it does
    Reports the `manifest` key of the settings file (`cxone-lint.toml`, or `[tool.cxone-lint]`
    in `pyproject.toml`) when the file it names exists neither relative to the project root nor
    to the working directory. Given with `--manifest` on the command line, the same problem is
    stated in the list of skipped checks.

    ## Why
    Without the manifest every registration, API-user and code-versus-registration check is
    skipped. A typo in the path must not look like a clean run.

    ## Example
    ```toml
    # cxone-lint.toml
    manifest = "cxone-ap.toml"   # CX004
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    """

    code = "CX004"
    name = "manifest-not-found"
    summary = "The manifest named in settings does not exist"
    passed = "The manifest named in settings exists"
    severity = Severity.ERROR

    VALID = (
        Case(
            {
                "cxone-lint.toml": 'manifest = "registration/app.json"\n',
                "registration/app.json": '{"name": "Acme"}\n',
            },
            settings={"manifest": "registration/app.json"},
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-lint.toml": '# settings\nmanifest = "cxone-ap.toml"\n',
                "cxone-app.toml": '[app]\nname = "Acme"\n',
            },
            [expect("CX004", "cxone-lint.toml", 2)],
            settings={"manifest": "cxone-ap.toml"},
        ),
        Case(
            {
                "pyproject.toml": '[project]\nname = "acme"\n\n[tool.cxone-lint]\n'
                'manifest = "cxone-ap.toml"\n',
            },
            [expect("CX004", "pyproject.toml", 5)],
            settings={"manifest": "cxone-ap.toml"},
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        named = str(ctx.options.get("manifest") or "").strip()
        if not named or get_manifests(ctx):
            return
        reason = ctx.shared.get(SHARED_NOTE_KEY) or f"manifest {named} not found"
        for rel, path in (
            ("cxone-lint.toml", ("manifest",)),
            ("pyproject.toml", ("tool", "cxone-lint", "manifest")),
        ):
            if ctx.settings.source is not None and ctx.rel(ctx.settings.source) != rel:
                continue
            doc = ctx.document(rel)
            if doc is None or isinstance(doc, DocumentError) or doc.get(path) != named:
                continue
            yield self.report(
                rel,
                doc.position(path),
                f"{reason}: every registration and API-user check is skipped",
                hint='give the path relative to the project root, e.g. manifest = "cxone-app.toml"',
                key="manifest",
            )
            return
