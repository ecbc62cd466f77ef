"""CX2xx: the API user, from the lifecycle's "Deploy your app to production: create an API user".

A back-end app authenticates as a CXone user (the owner of its access key); that user's role,
permissions and attributes are the app's. The manifest's `[api_user]` table (or
`[apps.api_user]` in a monorepo) states them so they can be checked before deploying.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Iterator

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.pack import Option
from cxone_lint.api.rule import Case, expect
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.manifest import ApiUser, App, Manifest

DEFAULT_SERVICE_ACCOUNT_PATTERNS = [
    "svc*",
    "*-svc",
    "*_svc",
    "*service*",
    "*api*",
    "*integration*",
    "*bot",
    "*bot-*",
    "*system*",
    "*automation*",
    "*no-reply*",
    "*noreply*",
]

OPTIONS = [
    Option(
        "service-account-patterns",
        list,
        DEFAULT_SERVICE_ACCOUNT_PATTERNS,
        "shell-style patterns (case-insensitive) matched against the API user's username, "
        "before any '@': a match marks a service account that CX207 never calls a person's",
    )
]

# CXone's out-of-the-box roles (Admin > Security > Roles & Permissions: Agent, Manager,
# Administrator, Evaluator) and the legacy system security profiles (Agent, Supervisor,
# Manager). Role names are case-insensitive in CXone.
BUILT_IN_ROLES = ("administrator", "agent", "manager", "evaluator", "supervisor")

# Admin features whose create/edit/delete rights let the holder give itself or others more
# power (manage other employees' access keys, roles, employees, login authenticators, account
# settings). "My Access Key" (its own keys) is not among them.
ADMIN_FEATURES = (
    "access key",
    "access keys",
    "role management",
    "roles",
    "roles & permissions",
    "employees",
    "login authenticator",
    "login authenticators",
    "admin account settings",
    "password policy",
)
READ_ONLY_ACTIONS = ("view", "search", "off")
WILDCARDS = ("all", "all permissions", "full access", "everything", "administrator", "admin")

MANAGE_KEYS = "https://help.nice-incontact.com/content/admin/security/manageaccesskeys.htm"


def _t(*lines: str) -> str:
    return "\n".join(lines) + "\n"


BACKEND_APP = (
    "[app]",
    'name = "Acme Callback Scheduler"',
    'type = "backend"',
)
GOOD_USER = (
    "[api_user]",
    'username = "svc-callback@acme.example"',
    'login_authenticator = ""',
    'primary_role = "Acme Callback Scheduler API"',
    'permissions = ["ACD > Contacts > View", "Admin > My Access Key > View"]',
    "attributes = []",
)


class ApiUserRule(ManifestRule):
    def users(self, ctx: ProjectContext) -> Iterator[tuple[Manifest, App, ApiUser]]:
        for manifest, app in self.apps(ctx):
            if app.api_user is not None:
                yield manifest, app, app.api_user


class BackendWithoutApiUser(ManifestRule):
    """A back-end app does not declare the CXone API user it runs as.

    ## What it does
    Reports a `type = "backend"` app of `cxone-app.toml` without an `[api_user]` table (in a
    monorepo, `[apps.api_user]`). A JSON export of the App Registration API cannot carry one,
    so it is not reported there.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    A back-end app authenticates with the access key of a CXone user; that user's role,
    permissions and attributes are the app's. NICE's deploy guidance: a dedicated user, no login
    authenticator, a unique role with only the permissions the app needs as its primary role.
    Declaring it lets CX202-CX208 check all that before it reaches production.

    ## Example
    ```toml
    [app]
    type = "backend"   # CX201: no [api_user]
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://help.nice-incontact.com/content/admin/security/manageaccesskeys.htm
    """

    code = "CX201"
    name = "backend-without-api-user"
    summary = "Back-end app without an [api_user]"
    passed = "A back-end app has an [api_user]"
    severity = Severity.WARNING

    VALID = (
        Case({"cxone-app.toml": _t(*BACKEND_APP, "", *GOOD_USER)}),
        Case({"cxone-app.toml": _t("[app]", 'type = "public"')}),
        Case({"cxone-app.json": '{"type": "backend"}\n'}),
    )
    INVALID = (
        Case(
            {"cxone-app.toml": _t("# Acme", *BACKEND_APP)},
            [expect("CX201", "cxone-app.toml", 2)],
        ),
        Case(
            {
                "cxone-app.toml": _t(
                    "[[apps]]",
                    'name = "a"',
                    'type = "backend"',
                    'paths = ["a/**"]',
                    "",
                    "[apps.api_user]",
                    'username = "svc-a"',
                    "",
                    "[[apps]]",
                    'name = "b"',
                    'type = "backend"',
                    'paths = ["b/**"]',
                )
            },
            [expect("CX201", "cxone-app.toml", 9)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.type != "backend" or app.api_user is not None or "api_user" in app.present:
                continue
            if self.form_only(manifest):
                continue
            table = "[apps.api_user]" if manifest.multi else "[api_user]"
            yield self.at(
                manifest,
                app,
                manifest.table_position(app),
                f"back-end app without {table}: it runs as a CXone user whose role and "
                "permissions are the app's; declare that user so they can be checked",
                "api_user",
                f"add {table} with username, primary_role (a unique role), permissions and "
                "attributes = []",
            )


class ApiUserLoginAuthenticator(ApiUserRule):
    """A back-end app's API user has a login authenticator.

    ## What it does
    Reports a non-empty `login_authenticator` (other than "none") on the API user of a back-end
    app.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE: for a back-end app using standard OAuth, do not assign a login authenticator; the
    account must not be able to go through a login flow. Users without one cannot log in to the
    CXone UI but can still authenticate with access keys, which is all the app needs. A login
    makes the account a target for phishing and password reuse.

    ## Example
    ```toml
    [api_user]
    login_authenticator = "Default"   # CX202
    ```

    ## Fix safety
    No automatic fix: remove the authenticator in CXone, then here.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://help.incontact.com/Content/Admin/Security/LoginAuthenticators/LoginAuthenticators.htm
    """

    code = "CX202"
    name = "api-user-login-authenticator"
    summary = "Back-end API user has a login authenticator"
    passed = "The back-end API user has no login authenticator"
    severity = Severity.ERROR
    tags = ("security",)

    VALID = (
        Case({"cxone-app.toml": _t(*BACKEND_APP, "", *GOOD_USER)}),
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]", 'type = "confidential"', "[api_user]", 'login_authenticator = "SSO"'
                )
            }
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    *BACKEND_APP, "", "[api_user]", 'username = "svc"', 'login_authenticator = "x"'
                )
            },
            [expect("CX202", "cxone-app.toml", 7)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app, user in self.users(ctx):
            value = (user.login_authenticator or "").strip()
            if app.type != "backend" or not value or value.lower() == "none":
                continue
            yield self.at(
                manifest,
                app,
                manifest.position(user, "login_authenticator"),
                f"the back-end app's API user has login authenticator {value!r}: it must not be "
                "able to log in; access keys work without one",
                "api_user.login_authenticator",
                "remove the authenticator from the user in CXone, then clear "
                f"`{manifest.key_name('login_authenticator', api_user=True)}` here",
            )


class ApiUserPrimaryRole(ApiUserRule):
    """The API user's primary role is missing or is a built-in CXone role.

    ## What it does
    Reports an API user without `primary_role`, and a primary role named like one of CXone's
    built-in roles (case-insensitive, as CXone compares role names): the out-of-the-box roles
    Administrator, Agent, Manager and Evaluator, and the legacy system security profiles
    Agent, Supervisor and Manager.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE: create a unique role for the API user, with only the permissions the app needs, and
    make it the account's primary role. A built-in role is shared with people and changes with
    them: editing it for the app widens everyone's access, and editing it for people silently
    changes what the app may do.

    ## Example
    ```toml
    [api_user]
    primary_role = "Administrator"   # CX203
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://help.nice-incontact.com/Content/admin/security/roles.htm
    - https://help.incontact.com/Content/Admin/SecurityProfiles/SecurityProfiles.htm
    """

    code = "CX203"
    name = "api-user-built-in-role"
    summary = "API user's primary role missing or built-in"
    passed = "The API user's primary role is its own, not a built-in role"
    severity = Severity.ERROR

    VALID = (Case({"cxone-app.toml": _t(*BACKEND_APP, "", *GOOD_USER)}),)
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    *BACKEND_APP, "", "[api_user]", 'primary_role = " administrator"'
                )
            },
            [expect("CX203", "cxone-app.toml", 6)],
        ),
        Case(
            {"cxone-app.toml": _t(*BACKEND_APP, "", "[api_user]", 'username = "svc-acme"')},
            [expect("CX203", "cxone-app.toml", 5)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        hint = (
            "create a role for this app only (e.g. '<App name> API') with only the permissions "
            "it needs, and make it the user's primary role"
        )
        for manifest, app, user in self.users(ctx):
            if "primary_role" in user.invalid:
                continue
            role = (user.primary_role or "").strip()
            if not role:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(user, "primary_role"),
                    f"the API user has no `{manifest.key_name('primary_role', api_user=True)}`: "
                    "NICE asks for a unique role with only the permissions the app needs as the "
                    "account's primary role",
                    "api_user.primary_role",
                    hint,
                )
            elif " ".join(role.lower().split()) in BUILT_IN_ROLES:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(user, "primary_role"),
                    f"the API user's primary role {role!r} is a built-in CXone role, shared with "
                    "people; the app needs a unique role of its own",
                    "api_user.primary_role",
                    hint,
                )


class SharedPrimaryRole(ApiUserRule):
    """Two apps' API users have the same primary role, or two apps use the same API user.

    ## What it does
    Across every manifest found in the project, reports an API user whose `primary_role`
    (case-insensitive) is already the primary role of another app's API user, and an API user
    whose `username` (case-insensitive) is already another app's API user. Built-in roles are
    CX203's. Roles and users exist per tenant, so apps whose `tenant_id` (or `business_unit`)
    both are set and differ are never compared.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    Each app needs its own role (NICE: "create a unique role for this user") and its own user:
    a shared role grows to the union of both apps' needs, and a shared user means one leaked
    access key exposes both apps and neither can be rotated or disabled alone.

    ## Example
    ```toml
    [[apps]]
    name = "billing"
    [apps.api_user]
    primary_role = "Integrations API"
    [[apps]]
    name = "reporting"
    [apps.api_user]
    primary_role = "Integrations API"   # CX204
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    """

    code = "CX204"
    name = "api-user-shared"
    summary = "Primary role or API user shared between apps"
    passed = "No primary role or API user is shared between apps"
    severity = Severity.ERROR

    MONO = (
        "[[apps]]",
        'name = "billing"',
        'paths = ["billing/**"]',
        "[apps.api_user]",
        'username = "svc-billing@acme.example"',
        'primary_role = "Acme Billing API"',
        "",
        "[[apps]]",
        'name = "reporting"',
        'paths = ["reporting/**"]',
        "[apps.api_user]",
    )
    VALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    *MONO,
                    'username = "svc-reporting@acme.example"',
                    'primary_role = "Acme Reporting API"',
                )
            }
        ),
        Case(
            {
                "customer-a/cxone-app.toml": _t(
                    "[app]", 'tenant_id = "t-a"', "[api_user]", 'primary_role = "Sync API"'
                ),
                "customer-b/cxone-app.toml": _t(
                    "[app]", 'tenant_id = "t-b"', "[api_user]", 'primary_role = "Sync API"'
                ),
            },
            note="different tenants: the same role name is two roles",
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    *MONO,
                    'username = "SVC-billing@acme.example"',
                    'primary_role = "acme billing api"',
                )
            },
            [expect("CX204", "cxone-app.toml", 12), expect("CX204", "cxone-app.toml", 13)],
        ),
        Case(
            {
                "svc/a/cxone-app.toml": _t(
                    "[app]", "[api_user]", 'username = "svc-a"', 'primary_role = "Acme API"'
                ),
                "svc/b/cxone-app.toml": _t(
                    "[app]", "[api_user]", 'username = "svc-b"', 'primary_role = "Acme API"'
                ),
            },
            [expect("CX204", "svc/b/cxone-app.toml", 4)],
            note="two manifests in one repository",
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        roles: dict[str, list[tuple[Manifest, App]]] = {}
        users: dict[str, list[tuple[Manifest, App]]] = {}
        for manifest, app, user in self.users(ctx):
            role = " ".join((user.primary_role or "").lower().split())
            name = (user.username or "").strip().lower()
            for fname, value, seen in (("primary_role", role, roles), ("username", name, users)):
                if not value or (fname == "primary_role" and value in BUILT_IN_ROLES):
                    continue
                first = next((f for f in seen.get(value, ()) if _same_tenant(f[1], app)), None)
                if first is not None:
                    yield self._shared(manifest, app, user, fname, first, value)
                seen.setdefault(value, []).append((manifest, app))

    def _shared(
        self,
        manifest: Manifest,
        app: App,
        user: ApiUser,
        fname: str,
        first: tuple[Manifest, App],
        value: str,
    ) -> Diagnostic:
        other_manifest, other_app = first
        pos = other_manifest.position(other_app.api_user or other_app, fname)
        where = f"{other_manifest.path}:{pos.line}"
        if fname == "primary_role":
            message = (
                f"the API user's primary role {user.primary_role!r} is also the primary role of "
                f"{other_app.label}'s API user ({where}): each app needs a unique role"
            )
            hint = "create a role per app with only the permissions that app needs"
        else:
            message = (
                f"API user {user.username!r} is also {other_app.label}'s API user ({where}): "
                "each app needs a dedicated user, so one leaked key exposes one app"
            )
            hint = "create one CXone user (and access key) per app"
        return self.at(
            manifest,
            app,
            manifest.position(user, fname),
            message,
            f"api_user.{fname}:{value}",
            hint,
        )


def _same_tenant(a: App, b: App) -> bool:
    """Whether two apps' users may live in one tenant: roles and users are per tenant, so apps
    of different tenants (or different organisations' primary BUs) never share them."""
    if a.tenant_id and b.tenant_id and a.tenant_id.strip() != b.tenant_id.strip():
        return False
    return not (a.business_unit and b.business_unit and a.business_unit != b.business_unit)


def _segments(permission: str) -> list[str]:
    parts = re.split(r"\s*(?:>|/|:|\|)\s*", permission.strip().lower())
    return [" ".join(p.split()) for p in parts if p.strip()]


def broad_permission(permission: str) -> str | None:
    """Why a permission is too broad for an app's user, or None."""
    text = " ".join(permission.strip().lower().split())
    if "*" in text:
        return "is a wildcard"
    if text in WILDCARDS:
        return "grants everything"
    segments = _segments(permission)
    if not segments:
        return None
    last = segments[-1]
    for index, segment in enumerate(segments):
        for feature in ADMIN_FEATURES:
            action = None
            if segment == feature:
                action = segments[index + 1] if index + 1 < len(segments) else None
            elif segment.startswith(feature + " "):
                action = segment[len(feature) + 1 :]
            else:
                continue
            if action is None and segment != last:
                continue
            if action is not None and action in READ_ONLY_ACTIONS:
                return None
            what = (
                "manage other employees' access keys"
                if feature.startswith("access key")
                else (f"change {feature}")
            )
            return f"is an administrator permission (lets the user {what})"
    return None


class ApiUserBroadPermissions(ApiUserRule):
    """The API user has wildcard or administrator permissions.

    ## What it does
    Reports each entry of `permissions` that is a wildcard (`*`, `All`, `Full access`,
    `Administrator`) or an administrator permission: create, edit or delete rights (or the
    feature with no action named) on Access Key (other employees' keys; `My Access Key` is
    fine), Role Management / Roles, Employees, Login Authenticator, Password Policy or Admin
    Account Settings. View and Search rights are not reported. Permissions are written as in
    CXone's Roles & Permissions page, e.g. `"Admin > Employees > View"`; segments may be
    separated by `>`, `/`, `:` or `|`.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE: "only assign permissions for the specific access your app needs". An app whose key can
    manage access keys, roles or employees can mint itself or anyone more power; a leaked key
    becomes a tenant takeover.

    ## Example
    ```toml
    [api_user]
    permissions = ["Admin > Access Key > Create"]   # CX205
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://help.nice-incontact.com/content/admin/security/adminpermissions.htm
    """

    code = "CX205"
    name = "api-user-broad-permissions"
    summary = "API user has wildcard or administrator permissions"
    passed = "The API user has no wildcard or administrator permission"
    severity = Severity.ERROR
    tags = ("security",)

    VALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    *BACKEND_APP,
                    "",
                    "[api_user]",
                    "permissions = [",
                    '  "ACD > Contacts > View",',
                    '  "Admin > My Access Key > Create",',
                    '  "Admin > Employees > View",',
                    '  "Access Key: Search",',
                    "]",
                )
            }
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    *BACKEND_APP,
                    "",
                    "[api_user]",
                    "permissions = [",
                    '  "*",',
                    '  "Admin > Access Key > Create",',
                    '  "Role Management > Edit",',
                    '  "Admin > Employees",',
                    '  "ACD > Skills > *",',
                    '  "ACD > Contacts > View",',
                    "]",
                )
            },
            [
                expect("CX205", "cxone-app.toml", 7),
                expect("CX205", "cxone-app.toml", 8),
                expect("CX205", "cxone-app.toml", 9),
                expect("CX205", "cxone-app.toml", 10),
                expect("CX205", "cxone-app.toml", 11),
            ],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app, user in self.users(ctx):
            for index, permission in enumerate(user.permissions):
                why = broad_permission(permission)
                if why is None:
                    continue
                yield self.at(
                    manifest,
                    app,
                    manifest.position(user, "permissions", index),
                    f"API user permission {permission!r} {why}: give the app's role only the "
                    "permissions it needs",
                    f"api_user.permissions:{permission}",
                    "a leaked access key has exactly these powers",
                )


class ApiUserBillableAttributes(ApiUserRule):
    """The API user has attributes, which make the account billable.

    ## What it does
    Reports each entry of the API user's `attributes`.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE's access-key guidance for service accounts: clear all attributes on the employee
    profile (General tab) so you aren't charged for the account. An API user needs none.

    ## Example
    ```toml
    [api_user]
    attributes = ["Agent"]   # CX206
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://help.nice-incontact.com/content/admin/security/manageaccesskeys.htm
    """

    code = "CX206"
    name = "api-user-billable-attributes"
    summary = "API user has billable attributes"
    passed = "The API user has no billable attribute"
    severity = Severity.WARNING

    VALID = (Case({"cxone-app.toml": _t(*BACKEND_APP, "", *GOOD_USER)}),)
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    *BACKEND_APP, "", "[api_user]", 'attributes = ["Agent", "Supervisor"]'
                )
            },
            [expect("CX206", "cxone-app.toml", 6), expect("CX206", "cxone-app.toml", 6)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app, user in self.users(ctx):
            for index, attribute in enumerate(user.attributes):
                yield self.at(
                    manifest,
                    app,
                    manifest.position(user, "attributes", index),
                    f"API user attribute {attribute!r} makes the account billable; an API user "
                    "needs no attributes",
                    f"api_user.attributes:{attribute}",
                    "clear every attribute on the employee profile's General tab, then set "
                    "attributes = []",
                )


_PERSON_RE = re.compile(r"^[a-z]{2,}(?:\.[a-z]\.?)?\.[a-z]{2,}[0-9]{0,2}$")
# Parts of a first.last-shaped name that say "system", not "person" (reports.exporter).
TECHNICAL_WORDS = (
    "report",
    "export",
    "import",
    "sync",
    "callback",
    "schedul",
    "job",
    "worker",
    "batch",
    "etl",
    "cron",
    "data",
    "feed",
    "connector",
    "gateway",
    "webhook",
    "monitor",
    "admin",
    "ops",
    "team",
    "crm",
    "portal",
    "app",
    "prod",
    "test",
    "dev",
    "stag",
    "queue",
    "ivr",
    "chat",
    "mail",
    "notif",
    "wfm",
    "cxone",
    "nice",
)


def looks_like_person(local: str) -> bool:
    """`jane.doe`, `jane.q.doe`, `jane.doe2`: first.last without any technical word."""
    return bool(_PERSON_RE.match(local)) and not any(w in local for w in TECHNICAL_WORDS)


def _patterns(ctx: ProjectContext) -> list[str]:
    raw = ctx.options.get("service-account-patterns", DEFAULT_SERVICE_ACCOUNT_PATTERNS)
    return [p.lower() for p in raw if isinstance(p, str)]


def is_service_account(username: str, patterns: list[str]) -> bool:
    local = username.strip().lower().split("@", 1)[0]
    return any(fnmatch.fnmatchcase(local, p) for p in patterns)


class ApiUserSharedWithHumans(ApiUserRule):
    """The API user is a person's account, or shared with people.

    ## What it does
    Reports an API user when:
    - `shared_with_humans = true` (error); or
    - its username does not match a service-account pattern (the `service-account-patterns`
      setting, default `svc*`, `*-svc`, `*_svc`, `*service*`, `*api*`, `*integration*`, `*bot`,
      `*bot-*`, `*system*`, `*automation*`, `*noreply*`, `*no-reply*`, matched case-insensitively
      against the part before any `@`) and either is one of the app's technical contacts or
      looks like a person's name: `first.last`, `first.m.last` (letters, one optional trailing
      digit pair) without a technical word such as report, export, sync, callback, job,
      worker, data, ops, team, portal, app, queue, e.g. `jane.doe@acme.example` (warning).

    An explicit `shared_with_humans = false` is taken at its word.

    Usernames like `callback-scheduler@acme.example` match neither and are not reported.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE asks for a dedicated API user. A person's account changes with the person (roles,
    deactivation when they leave, which also invalidates the app's access keys) and mixes
    their actions with the app's in the audit trail; people who know its password can act as
    the app.

    ## Example
    ```toml
    [api_user]
    username = "jane.doe@acme.example"   # CX207
    ```

    ## Fix safety
    No automatic fix. If the account really is a service account, follow a naming convention
    or add yours to `service-account-patterns`.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://help.nice-incontact.com/content/admin/security/manageaccesskeys.htm
    """

    code = "CX207"
    name = "api-user-shared-with-humans"
    summary = "API user is a person's account or shared with people"
    passed = "The API user is a dedicated service account"
    severity = Severity.WARNING

    VALID = (
        Case({"cxone-app.toml": _t(*BACKEND_APP, "", *GOOD_USER)}),
        Case({"cxone-app.toml": _t(*BACKEND_APP, "[api_user]", 'username = "callback-scheduler"')}),
        Case(
            {
                "cxone-app.toml": _t(
                    *BACKEND_APP, "[api_user]", 'username = "reports.exporter@acme.example"'
                )
            }
        ),
        Case(
            {"cxone-app.toml": _t(*BACKEND_APP, "[api_user]", 'username = "ops.robot@acme.co"')},
            settings={"service-account-patterns": ["*robot*"]},
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    *BACKEND_APP, "[api_user]", 'username = "jane.doe@acme.example"'
                )
            },
            [expect("CX207", "cxone-app.toml", 5)],
        ),
        Case(
            {
                "cxone-app.toml": _t(
                    *BACKEND_APP,
                    'contacts = ["cx-team@acme.example"]',
                    "[api_user]",
                    'username = "cx-team@acme.example"',
                    "shared_with_humans = true",
                )
            },
            [expect("CX207", "cxone-app.toml", 7)],
            note="explicit statement wins; one finding per user",
        ),
        Case(
            {
                "cxone-app.toml": _t(
                    *BACKEND_APP,
                    'contacts = ["cx-team@acme.example"]',
                    "[api_user]",
                    'username = "CX-Team@acme.example"',
                )
            },
            [expect("CX207", "cxone-app.toml", 6)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        patterns = _patterns(ctx)
        for manifest, app, user in self.users(ctx):
            if user.shared_with_humans is True:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(user, "shared_with_humans"),
                    "the API user is shared with people: the app needs a dedicated CXone user "
                    "that nobody logs in with",
                    "api_user.shared_with_humans",
                    "create a user for the app only and generate its access key there",
                    Severity.ERROR,
                )
                continue
            username = (user.username or "").strip()
            if not username or user.shared_with_humans is False:
                continue
            if is_service_account(username, patterns):
                continue
            lowered = username.lower()
            contacts = {c.strip().lower() for c in app.contacts}
            if lowered in contacts:
                why = "is also a technical contact, so people read and use it"
            elif looks_like_person(lowered.split("@", 1)[0]):
                why = "looks like a person's account (first.last)"
            else:
                continue
            yield self.at(
                manifest,
                app,
                manifest.position(user, "username"),
                f"API user {username!r} {why}: the app needs a dedicated service account",
                "api_user.username",
                "use a dedicated user such as svc-<app>@your-company.example, or add your "
                "naming convention to the service-account-patterns setting",
            )
