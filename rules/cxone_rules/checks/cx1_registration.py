"""CX1xx: the registration, as the manifest states it (NICE's registration form and App
Registration API): business unit, contacts, tenancy and environments, auth method, app type,
origins, redirects, logouts, JWKS endpoint and scope.

Every rule checks each app of each manifest found (see `manifest/load.py`) and reports on the
line of the offending value, or on the app's table when a required key is missing. Without a
manifest the rules report nothing and the run lists them as skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Fix, Position, Severity
from cxone_lint.api.rule import Case, expect
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.manifest import API_AUTH_METHODS, APP_TYPES, AUTH_METHODS, TENANCIES, Manifest
from cxone_rules.manifest.edits import delete_own_line, plain_string, raw_token, replace_token
from cxone_rules.manifest.urls import (
    bare_origin_text,
    https_instead,
    jwks_problems,
    normal_origin,
    origin_problems,
    redirect_problems,
)

LIFECYCLE = "https://developer.niceincontact.com/Documentation/YourAppLifeCycle"
APPREG = "https://developer.dev.niceincontact.com/API/AppRegistrationAPI"
AUTHDOC = "https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization"
CORS_DELAY = "CORS origin updates can take up to three weeks at NICE"

# An e-mail address, checked on one already-extracted string.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
EMAIL_RE = re.compile(rf"^[^@\s<>(),;:\"\[\]]+@(?:{_LABEL}\.)+[A-Za-z]{{2,}}$")

# CXone areas (environments). Official: named on NICE's UserHub getting-started page. FedRAMP:
# na2 in NICE's official agent SDK. Unverified: seen only in SDK or third-party code.
OFFICIAL_AREAS = ("na1", "au1", "eu1")
GOVERNMENT_AREAS = ("na2",)
UNVERIFIED_AREAS = ("uk1", "jp1", "ca1")
AREA_RE = re.compile(r"^[a-z]{2}[0-9]$")


def https_fix(manifest: Manifest, where: Position, url: str) -> Fix | None:
    """Unsafe fix: the same URL over https (the server must really serve it there)."""
    raw = raw_token(manifest.text, where)
    better = https_instead(url)
    if raw is None or better is None or plain_string(raw) != url:
        return None
    content = raw[0] + better + raw[-1]
    return replace_token(manifest.path, manifest.text, where, content, "use https", safe=False)


def _t(*lines: str) -> str:
    return "\n".join(lines) + "\n"


BACKEND = (
    "[app]",
    'name = "Acme Callback Scheduler"',
    'type = "backend"',
    'tenancy = "single"',
    "business_unit = 4600123",
    'auth_method = "client_secret_basic"',
    'scope = ["RealTimeDataAPI"]',
    'contacts = ["cx-integrations@acme.example"]',
)


class BusinessUnit(ManifestRule):
    """The business unit is missing or is not a CXone BU number.

    ## What it does
    Reports an app without `business_unit` (on its table) and a `business_unit` that is not a
    positive integer (on the value; a quoted number is CX005). A JSON export of the App
    Registration API carries no business unit, so its absence there is not reported.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The registration form asks for the organisation's primary business unit number (ACD >
    ACD Configuration > Business Units > Unit Number). DEVone partners give their own primary BU,
    not a customer's. A registration without it cannot be processed.

    ## Example
    ```toml
    [app]
    name = "Acme Callback Scheduler"   # CX101: no business_unit
    ```

    ## Fix safety
    No automatic fix: only the organisation knows its BU number.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    """

    code = "CX101"
    name = "business-unit-invalid"
    summary = "Business unit missing or not a BU number"
    passed = "The business unit is a BU number"
    severity = Severity.ERROR

    VALID = (
        Case({"cxone-app.toml": _t(*BACKEND)}),
        Case({"cxone-app.json": '{"name": "Acme", "type": "backend"}\n'}),
        Case({"cxone-app.toml": _t("[app]", 'business_unit = "4600123"')}, note="CX005's"),
    )
    INVALID = (
        Case(
            {"cxone-app.toml": _t("# Acme", "[app]", 'name = "Acme"')},
            [expect("CX101", "cxone-app.toml", 2)],
        ),
        Case(
            {"cxone-app.toml": _t("[app]", 'name = "Acme"', "business_unit = 0")},
            [expect("CX101", "cxone-app.toml", 3)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        hint = (
            "use your organisation's primary BU number: in CXone, ACD > ACD Configuration > "
            "Business Units > Unit Number"
        )
        for manifest, app in self.apps(ctx):
            if "business_unit" in app.invalid:
                continue
            if app.business_unit is None:
                if not self.form_only(manifest):
                    yield self.at(
                        manifest,
                        app,
                        manifest.table_position(app),
                        "no `business_unit`: the registration form requires the organisation's "
                        "primary CXone business unit number",
                        "business_unit",
                        hint,
                    )
            elif app.business_unit <= 0:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "business_unit"),
                    f"`business_unit` is {app.business_unit}; a BU number is a positive integer",
                    "business_unit",
                    hint,
                )


class TechnicalContacts(ManifestRule):
    """Technical contacts are missing or are not e-mail addresses.

    ## What it does
    Reports an app without `contacts` (or with an empty list) and each contact that is not a
    bare e-mail address (`Jane <jane@acme.example>` and `jane` are reported).

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE sends notifications about the app, including its registration details, to the
    technical contacts, and may check periodically that the addresses are active. The App
    Registration API requires notification addresses. A team mailbox outlives a person.

    ## Example
    ```toml
    [app]
    contacts = ["Jane Doe"]   # CX102: not an e-mail address
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX102"
    name = "technical-contacts-invalid"
    summary = "Technical contacts missing or not e-mail addresses"
    passed = "Technical contacts are e-mail addresses"
    severity = Severity.ERROR

    VALID = (
        Case({"cxone-app.toml": _t(*BACKEND)}),
        Case({"cxone-app.json": '{"contacts": ["ops@acme.example", "jane.doe@acme.co.uk"]}\n'}),
    )
    INVALID = (
        Case(
            {"cxone-app.toml": _t("[app]", 'name = "Acme"')},
            [expect("CX102", "cxone-app.toml", 1)],
        ),
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    "contacts = [",
                    '  "ops@acme.example",',
                    '  "Jane Doe",',
                    '  "Jane <jane@acme.example>",',
                    "]",
                )
            },
            [expect("CX102", "cxone-app.toml", 4), expect("CX102", "cxone-app.toml", 5)],
        ),
        Case(
            {"cxone-app.toml": _t("[app]", 'name = "Acme"', "contacts = []")},
            [expect("CX102", "cxone-app.toml", 3)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if "contacts" in app.invalid:
                continue
            key = manifest.key_name("contacts")
            if not app.contacts:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "contacts"),
                    f"no technical contacts (`{key}`): NICE sends registration details and "
                    "notifications about the app to these addresses",
                    "contacts",
                    'add contacts = ["cx-integrations@your-company.example"] (a team mailbox '
                    "outlives a person)",
                )
                continue
            for index, contact in enumerate(app.contacts):
                if not EMAIL_RE.match(contact.strip()):
                    yield self.at(
                        manifest,
                        app,
                        manifest.position(app, "contacts", index),
                        f"technical contact {contact!r} is not an e-mail address; NICE sends "
                        "notifications about the app to the contacts",
                        f"contacts:{contact}",
                        "list bare addresses such as ops@your-company.example",
                    )


class TenancyInvalid(ManifestRule):
    """The tenancy is missing or is not `single` or `all`.

    ## What it does
    Reports an app without `tenancy` and a tenancy other than `single` or `all` (the App
    Registration API's values; the form's "Multiple Tenants" is `all`).

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The form asks whether the integration authenticates users of one tenant or of many; an app
    used by several customers must be registered for Multiple Tenants, and a multi-tenant
    registration works only within the environments it names.

    ## Example
    ```toml
    [app]
    tenancy = "multiple"   # CX103: use "all"
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX103"
    name = "tenancy-invalid"
    summary = "Tenancy missing or not single/all"
    passed = "Tenancy is single or all"
    severity = Severity.ERROR

    VALID = (Case({"cxone-app.toml": _t(*BACKEND)}),)
    INVALID = (
        Case(
            {"cxone-app.toml": _t("[app]", 'name = "Acme"')},
            [expect("CX103", "cxone-app.toml", 1)],
        ),
        Case(
            {"cxone-app.toml": _t("[app]", 'name = "Acme"', 'tenancy = "multiple"')},
            [expect("CX103", "cxone-app.toml", 3)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if "tenancy" in app.invalid:
                continue
            if app.tenancy is None:
                yield self.at(
                    manifest,
                    app,
                    manifest.table_position(app),
                    'no `tenancy`: say "single" (one tenant) or "all" (the form\'s Multiple '
                    "Tenants, required when several customers use the app)",
                    "tenancy",
                )
            elif app.tenancy not in TENANCIES:
                lower = app.tenancy.strip().lower()
                hint = None
                if lower.startswith("multi") or lower in ("many", "multiple tenants"):
                    hint = 'the form\'s "Multiple Tenants" is tenancy = "all"'
                elif lower in TENANCIES:
                    hint = f'write tenancy = "{lower}"'
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "tenancy"),
                    f"tenancy {app.tenancy!r} is not one of: single, all",
                    "tenancy",
                    hint,
                )


class MultiTenantIncomplete(ManifestRule):
    """A multi-tenant app does not say which environments it supports or whether it is for
    government.

    ## What it does
    For `tenancy = "all"`, reports a missing or empty `environments` list and a missing
    `government` answer (both on the tenancy line). A JSON export of the App Registration API
    carries neither, so it is not reported there.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    For Multiple Tenants the form requires the CXone environments the app will be used in (NICE
    issues a set of credentials per environment) and whether it will be used in a government
    environment. A multi-tenant registration works only within the selected environments.

    ## Example
    ```toml
    [app]
    tenancy = "all"   # CX104: no environments, no government answer
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://developer.niceincontact.com/Documentation/GettingStarted
    """

    code = "CX104"
    name = "multi-tenant-incomplete"
    summary = "Multi-tenant app without environments or government answer"
    passed = "A multi-tenant app names its environments and answers the government question"
    severity = Severity.ERROR

    VALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    'tenancy = "all"',
                    'environments = ["na1", "eu1"]',
                    "government = false",
                )
            }
        ),
        Case({"cxone-app.toml": _t("[app]", 'tenancy = "single"')}),
        Case({"cxone-app.json": '{"tenancy": "all"}\n'}, note="the API export has neither"),
    )
    INVALID = (
        Case(
            {"cxone-app.toml": _t("[app]", 'name = "Acme"', 'tenancy = "all"')},
            [expect("CX104", "cxone-app.toml", 3), expect("CX104", "cxone-app.toml", 3)],
        ),
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]", 'tenancy = "all"', "environments = []", "government = true"
                )
            },
            [expect("CX104", "cxone-app.toml", 3)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.tenancy != "all" or self.form_only(manifest):
                continue
            if not app.environments and "environments" not in app.invalid:
                where = (
                    manifest.position(app, "environments")
                    if "environments" in app.present
                    else manifest.position(app, "tenancy")
                )
                yield self.at(
                    manifest,
                    app,
                    where,
                    "multi-tenant app (tenancy = all) lists no `environments`: the form requires "
                    "the CXone environments it will be used in, and NICE issues credentials per "
                    "environment",
                    "environments",
                    'add environments = ["na1"] (areas such as na1, eu1, au1)',
                )
            if app.government is None and "government" not in app.invalid:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "tenancy"),
                    "multi-tenant app (tenancy = all) does not answer whether it will be used in "
                    "a government environment",
                    "government",
                    "add government = false (or true for FedRAMP)",
                )


class AuthMethodInvalid(ManifestRule):
    """The client authentication method is missing or not one CXone's registration offers.

    ## What it does
    Reports a back-end or confidential app (or an app of unknown type) without `auth_method`,
    and an `auth_method` that is not `client_secret_post`, `client_secret_basic` or
    `client_secret_jwt` (`none` is accepted for a public app only, which has no secret).

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The auth method is chosen at registration and cannot be changed afterwards; the code must
    authenticate to the token endpoint exactly that way or every token request fails with 401
    `invalid_client`.

    ## Example
    ```toml
    [app]
    type = "backend"
    auth_method = "basic"   # CX105: use "client_secret_basic"
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication
    """

    code = "CX105"
    name = "auth-method-invalid"
    summary = "Auth method missing or not one CXone offers"
    passed = "The auth method is one CXone offers"
    severity = Severity.ERROR

    VALID = (
        Case({"cxone-app.toml": _t(*BACKEND)}),
        Case({"cxone-app.toml": _t("[app]", 'type = "public"')}),
        Case({"cxone-app.toml": _t("[app]", 'type = "public"', 'auth_method = "none"')}),
    )
    INVALID = (
        Case(
            {"cxone-app.toml": _t("[app]", 'type = "backend"')},
            [expect("CX105", "cxone-app.toml", 1)],
        ),
        Case(
            {"cxone-app.toml": _t("[app]", 'type = "confidential"', 'auth_method = "basic"')},
            [expect("CX105", "cxone-app.toml", 3)],
        ),
        Case(
            {"cxone-app.toml": _t("[app]", 'type = "backend"', 'auth_method = "none"')},
            [expect("CX105", "cxone-app.toml", 3)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        allowed = ", ".join(AUTH_METHODS)
        for manifest, app in self.apps(ctx):
            if "auth_method" in app.invalid:
                continue
            key = manifest.key_name("auth_method")
            method = app.auth_method
            if not method:
                if app.type != "public":
                    yield self.at(
                        manifest,
                        app,
                        manifest.position(app, "auth_method"),
                        f"no `{key}`: the registration fixes how the app authenticates to the "
                        f"token endpoint ({allowed}) and it cannot be changed later",
                        "auth_method",
                        "client_secret_basic sends the client id and secret in an "
                        "Authorization: Basic header; client_secret_post sends them in the form",
                    )
                continue
            if method == "none":
                if app.type != "public":
                    yield self.at(
                        manifest,
                        app,
                        manifest.position(app, "auth_method"),
                        f'`{key}` "none" is for public apps only; a {app.type or "non-public"} '
                        f"app authenticates with its client secret ({allowed})",
                        "auth_method",
                    )
                continue
            if method not in AUTH_METHODS:
                lower = method.strip().lower().replace("-", "_")
                guess = next((m for m in AUTH_METHODS if m.endswith(lower)), None)
                if lower in AUTH_METHODS:
                    guess = lower
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "auth_method"),
                    f"`{key}` {method!r} is not one of: {allowed}",
                    "auth_method",
                    f'did you mean "{guess}"?' if guess else None,
                )


class AuthMethodJwtNotInApi(ManifestRule):
    """The app registers client_secret_jwt, which NICE's App Registration API does not list.

    ## What it does
    Reports, as information, `auth_method = "client_secret_jwt"`.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE's registration form offers client_secret_jwt, but the App Registration API's
    `authMethod` enum has only `client_secret_post` and `client_secret_basic`, and no CXone
    discovery document we know of advertises it. Confirm with DEVone support that your
    registration accepts client assertions (HMAC-signed JWTs with iss = sub = client_id, aud =
    token endpoint, jti, short exp) before building on it: the method cannot be changed later.

    ## Example
    ```toml
    [app]
    auth_method = "client_secret_jwt"   # CX106 (info)
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    - https://datatracker.ietf.org/doc/html/rfc7523#section-3
    """

    code = "CX106"
    name = "auth-method-not-in-api"
    summary = "client_secret_jwt is offered by the form but not by the App Registration API"
    passed = "The auth method is one the App Registration API offers"
    severity = Severity.INFO

    VALID = (Case({"cxone-app.toml": _t(*BACKEND)}),)
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]", 'type = "backend"', 'auth_method = "client_secret_jwt"'
                )
            },
            [expect("CX106", "cxone-app.toml", 3)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.auth_method == "client_secret_jwt":
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "auth_method"),
                    "client_secret_jwt is on NICE's registration form, but the App Registration "
                    "API accepts only " + " and ".join(API_AUTH_METHODS) + "; confirm with DEVone "
                    "support that client assertions are accepted before relying on it",
                    "auth_method",
                    "the auth method cannot be changed after registration",
                )


class AppTypeInvalid(ManifestRule):
    """The app type is missing or not backend, confidential or public.

    ## What it does
    Reports an app without `type` and a type other than `backend`, `confidential` or `public`
    (the form's Back-End, User: Confidential and User: Public).

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The type decides the OAuth flow the app must use (back-end: password grant with an API
    user's access key at the token endpoint only; user apps: authorization code, public ones
    with PKCE and no secret) and it can never be changed after registration.

    ## Example
    ```toml
    [app]
    type = "Back-End"   # CX107: use "backend"
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX107"
    name = "app-type-invalid"
    summary = "App type missing or not backend/confidential/public"
    passed = "The app type is backend, confidential or public"
    severity = Severity.ERROR

    VALID = (Case({"cxone-app.toml": _t(*BACKEND)}),)
    INVALID = (
        Case(
            {"cxone-app.toml": _t("[app]", 'name = "Acme"')},
            [expect("CX107", "cxone-app.toml", 1)],
        ),
        Case(
            {"cxone-app.toml": _t("[app]", 'name = "Acme"', 'type = "Back-End"')},
            [expect("CX107", "cxone-app.toml", 3)],
        ),
    )

    FORM_NAMES = {
        "backend": "backend",
        "back-end": "backend",
        "back_end": "backend",
        "server": "backend",
        "user: confidential": "confidential",
        "user-confidential": "confidential",
        "user: public": "public",
        "user-public": "public",
        "spa": "public",
        "mobile": "public",
    }

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if "type" in app.invalid:
                continue
            if app.type is None:
                yield self.at(
                    manifest,
                    app,
                    manifest.table_position(app),
                    "no `type`: say backend, confidential or public; the type decides the "
                    "OAuth flow and cannot be changed after registration",
                    "type",
                )
            elif app.type not in APP_TYPES:
                guess = self.FORM_NAMES.get(app.type.strip().lower())
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "type"),
                    f"app type {app.type!r} is not one of: " + ", ".join(APP_TYPES),
                    "type",
                    f'write type = "{guess}"' if guess else None,
                )


class PublicAppWithSecret(ManifestRule):
    """A public app is registered with a secret-based client authentication method.

    ## What it does
    Reports `auth_method` = client_secret_post, client_secret_basic or client_secret_jwt on an
    app of type `public`.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    A public app (a single-page or mobile app) cannot keep a secret, and NICE issues it none: it
    must use the authorization code flow with PKCE (S256) and send no client secret. A secret
    shipped in a browser bundle or an app package is public.

    ## Example
    ```toml
    [app]
    type = "public"
    auth_method = "client_secret_post"   # CX108
    ```

    ## Fix safety
    No automatic fix: remove `auth_method`, or register a confidential app whose secret stays
    on a server (the type cannot be changed later).

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    - https://datatracker.ietf.org/doc/html/rfc8252#section-8.5
    """

    code = "CX108"
    name = "public-app-secret-auth"
    summary = "Public app registered with a secret-based auth method"
    passed = "A public app is registered without a secret-based auth method"
    severity = Severity.ERROR
    tags = ("security",)

    VALID = (Case({"cxone-app.toml": _t("[app]", 'type = "public"')}),)
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]", 'type = "public"', 'auth_method = "client_secret_post"'
                )
            },
            [expect("CX108", "cxone-app.toml", 3)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.type == "public" and app.auth_method in AUTH_METHODS:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "auth_method"),
                    f"public app registered with {app.auth_method}: a public app cannot keep a "
                    "secret and NICE issues it none; it must use authorization code with PKCE "
                    "(S256) and no client secret",
                    "auth_method",
                    "remove the auth method, or register a confidential app whose secret stays "
                    "on a server (the app type cannot be changed later)",
                )


class BackendBrowserFields(ManifestRule):
    """A back-end app declares origins, redirects or logout URIs.

    ## What it does
    Reports each non-empty `origins`, `redirects` or `logouts` list of an app of type `backend`.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    A back-end app has no browser: it may use only the /token endpoint (password grant with its
    API user's access key). Browser fields on it mean either the wrong app type (which cannot be
    changed after registration) or a second, user-facing app that needs its own registration.

    ## Example
    ```toml
    [app]
    type = "backend"
    redirects = ["https://app.acme.example/callback"]   # CX109
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    """

    code = "CX109"
    name = "backend-browser-fields"
    summary = "Back-end app declares origins, redirects or logouts"
    passed = "A back-end app declares no origins, redirects or logouts"
    severity = Severity.WARNING

    VALID = (
        Case({"cxone-app.toml": _t(*BACKEND, "origins = []")}),
        Case({"cxone-app.toml": _t("[app]", 'type = "confidential"', 'origins = ["https://a.b"]')}),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    'type = "backend"',
                    'origins = ["https://app.acme.example"]',
                    'redirects = ["https://app.acme.example/cb"]',
                    'logouts = ["https://app.acme.example/bye"]',
                )
            },
            [
                expect("CX109", "cxone-app.toml", 3),
                expect("CX109", "cxone-app.toml", 4),
                expect("CX109", "cxone-app.toml", 5),
            ],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.type != "backend":
                continue
            for fname in ("origins", "redirects", "logouts"):
                if getattr(app, fname):
                    key = manifest.key_name(fname)
                    yield self.at(
                        manifest,
                        app,
                        manifest.position(app, fname),
                        f"back-end app declares `{key}`: a back-end app has no browser and may "
                        "use only the token endpoint",
                        fname,
                        "remove them, or register the browser part as a separate user app "
                        "(the type of this one cannot be changed)",
                    )


class UserAppWithoutBrowserFields(ManifestRule):
    """A user app (confidential or public) registers no origins or no redirects.

    ## What it does
    Reports a confidential or public app whose `origins` or `redirects` is missing or empty
    (one finding per missing list).

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    User apps log users in with the authorization code flow, which needs a registered
    redirect URI; and CXone's API servers block browser calls from origins that are not
    registered (CORS), even for valid requests. Origin changes take up to three weeks at NICE,
    so the list must be complete at registration.

    ## Example
    ```toml
    [app]
    type = "confidential"   # CX110 twice: no origins, no redirects
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX110"
    name = "user-app-without-origins"
    summary = "User app without origins or redirects"
    passed = "A user app registers its origins and redirects"
    severity = Severity.ERROR

    VALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    'type = "public"',
                    'origins = ["https://app.acme.example"]',
                    'redirects = ["https://app.acme.example/callback"]',
                )
            }
        ),
        Case({"cxone-app.toml": _t(*BACKEND)}),
    )
    INVALID = (
        Case(
            {"cxone-app.toml": _t("[app]", 'type = "confidential"')},
            [expect("CX110", "cxone-app.toml", 1), expect("CX110", "cxone-app.toml", 1)],
        ),
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    'type = "public"',
                    'redirects = ["https://a.example/cb"]',
                    "origins = []",
                )
            },
            [expect("CX110", "cxone-app.toml", 4)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if not app.is_user_app:
                continue
            if not app.redirects and "redirects" not in app.invalid:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "redirects"),
                    f"{app.type} app registers no `{manifest.key_name('redirects')}`: the "
                    "authorization code flow sends the user back to a registered redirect URI",
                    "redirects",
                )
            if not app.origins and "origins" not in app.invalid:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "origins"),
                    f"{app.type} app registers no `{manifest.key_name('origins')}`: CXone blocks "
                    "browser calls from unregistered origins (CORS)",
                    "origins",
                    f"list every origin the app runs on; {CORS_DELAY}",
                )


class OriginNotBare(ManifestRule):
    """A registered origin is not a bare https origin.

    ## What it does
    Reports each origin with a path, a trailing slash, a query, a fragment, user information,
    a wildcard, or a scheme other than https (http is accepted for loopback hosts: localhost,
    127.0.0.1, ::1).

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The browser sends `Origin: https://host[:port]` and CXone compares it with the registered
    origins exactly; `https://app.acme.example/` or `https://*.acme.example` never match, so
    calls are blocked by CORS. Fixing the list later takes up to three weeks at NICE.

    ## Example
    ```toml
    origins = ["https://app.acme.example/"]   # CX111: trailing slash
    ```

    ## Fix safety
    A trailing slash is removed by a safe fix (the same origin). A path, query or fragment is
    removed by an unsafe fix: the origin is what the browser sends, but check that the page
    really runs there. No fix for wildcards, http or other schemes.

    ## References
    - https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Origin
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    """

    code = "CX111"
    name = "origin-not-bare"
    summary = "Origin is not a bare https origin"
    passed = "Every origin is a bare https origin"
    severity = Severity.ERROR
    fixable = "safe"

    VALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    'type = "confidential"',
                    'origins = ["https://app.acme.example", "https://app.acme.example:8443",',
                    '  "http://localhost:3000", "http://127.0.0.1:5173"]',
                )
            }
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    "origins = [",
                    '  "https://app.acme.example/",',
                    '  "https://app.acme.example/portal",',
                    '  "https://*.acme.example",',
                    '  "http://app.acme.example",',
                    '  "https://app.acme.example?x=1",',
                    '  "app.acme.example",',
                    "]",
                )
            },
            [
                expect("CX111", "cxone-app.toml", 3),
                expect("CX111", "cxone-app.toml", 4),
                expect("CX111", "cxone-app.toml", 5),
                expect("CX111", "cxone-app.toml", 6),
                expect("CX111", "cxone-app.toml", 7),
                expect("CX111", "cxone-app.toml", 8),
            ],
        ),
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    'origins = ["https://App.acme.example/", "https://app.acme.example/portal"]',
                )
            },
            [expect("CX111", "cxone-app.toml", 2), expect("CX111", "cxone-app.toml", 2)],
            fixed={
                "cxone-app.toml": _t(
                    "[app]",
                    'origins = ["https://App.acme.example", "https://app.acme.example/portal"]',
                )
            },
            note="the trailing slash is a safe fix; the path is an unsafe one",
        ),
        Case(
            {"cxone-app.toml": _t("[app]", "origins = ['https://app.acme.example/portal?x=1']")},
            [expect("CX111", "cxone-app.toml", 2)],
            fixed={"cxone-app.toml": _t("[app]", "origins = ['https://app.acme.example']")},
            unsafe=True,
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            for index, origin in enumerate(app.origins):
                problems = origin_problems(origin)
                if not problems:
                    continue
                hint = next((p.hint for p in problems if p.hint), None)
                message = "; ".join(p.message for p in problems)
                where = manifest.position(app, "origins", index)
                yield self.at(
                    manifest,
                    app,
                    where,
                    f"origin {origin!r} {message}",
                    f"origins:{origin}",
                    f"{hint}; {CORS_DELAY}" if hint else CORS_DELAY,
                ).with_(fix=self._fix(manifest, where, origin, {p.kind for p in problems}))

    @staticmethod
    def _fix(manifest: Manifest, where: Position, origin: str, kinds: set[str]) -> Fix | None:
        """Trailing slash only: safe (the same origin). Path, query or fragment: unsafe (the
        origin stays, the rest is dropped, which may not be what was meant)."""
        raw = raw_token(manifest.text, where)
        bare = bare_origin_text(origin)
        if raw is None or bare is None or plain_string(raw) != origin:
            return None
        if kinds == {"trailing-slash"}:
            safe = True
        elif kinds <= {"trailing-slash", "path", "query", "fragment"}:
            safe = False
        else:
            return None
        content = raw[0] + bare + raw[-1]
        return replace_token(manifest.path, manifest.text, where, content, f"write {bare}", safe)


class DuplicateOrigin(ManifestRule):
    """The same origin is registered twice.

    ## What it does
    Reports each origin equal to an earlier one after normalisation: scheme and host in lower
    case, the default port (443 for https, 80 for http) dropped, a trailing slash ignored.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    Duplicates are harmless to CORS but show the list was not reviewed; one of them is often a
    mistyped variant of an origin that is actually missing.

    ## Example
    ```toml
    origins = ["https://App.acme.example", "https://app.acme.example:443"]   # CX112
    ```

    ## Fix safety
    Safe fix: a duplicate alone on its own line (with its comma) is deleted; the first entry
    stays. No fix for a duplicate sharing its line with other entries or a comment.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc6454#section-4
    """

    code = "CX112"
    name = "duplicate-origin"
    summary = "Origin registered twice"
    passed = "No origin is registered twice"
    severity = Severity.WARNING
    fixable = "safe"

    VALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    'origins = ["https://app.acme.example", "https://app.acme.example:8443"]',
                )
            }
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    "origins = [",
                    '  "https://App.acme.example",',
                    '  "https://app.acme.example:443",',
                    '  "https://other.acme.example",',
                    "]",
                )
            },
            [expect("CX112", "cxone-app.toml", 4)],
        ),
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    "origins = [",
                    '  "https://app.acme.example",',
                    '  "https://APP.acme.example",',
                    '  "https://app.acme.example:443"  # the old one',
                    "]",
                )
            },
            [expect("CX112", "cxone-app.toml", 4), expect("CX112", "cxone-app.toml", 5)],
            fixed={
                "cxone-app.toml": _t(
                    "[app]",
                    "origins = [",
                    '  "https://app.acme.example",',
                    '  "https://app.acme.example:443"  # the old one',
                    "]",
                )
            },
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            seen: dict[str, int] = {}
            for index, origin in enumerate(app.origins):
                normal = normal_origin(origin.strip().rstrip("/"))
                if normal is None:
                    continue
                if normal in seen:
                    first = manifest.position(app, "origins", seen[normal])
                    where = manifest.position(app, "origins", index)
                    fix = None
                    if where.line != first.line:
                        fix = delete_own_line(
                            manifest.path, manifest.text, where, "remove the duplicate origin"
                        )
                    yield self.at(
                        manifest,
                        app,
                        where,
                        f"origin {origin!r} duplicates {app.origins[seen[normal]]!r} "
                        f"(line {first.line}) once normalised to {normal}",
                        f"duplicate-origin:{normal}",
                        "remove the duplicate",
                    ).with_(fix=fix)
                else:
                    seen[normal] = index


class RedirectUriInvalid(ManifestRule):
    """A redirect or logout URI is not https, or has a wildcard or a fragment.

    ## What it does
    Reports each entry of `redirects` and `logouts` that is not an absolute https URI (http is
    accepted for loopback hosts), contains a `*`, or contains a fragment (`#...`). A public
    app's private-use scheme with a reverse domain name (`com.acme.app:/callback`, RFC 8252)
    is accepted.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The authorization code travels in the redirect: over plain http anyone on the path can take
    it. Redirect URIs are compared exactly, so a wildcard never matches, and OAuth forbids
    fragments in them (RFC 6749 3.1.2).

    ## Example
    ```toml
    redirects = ["http://app.acme.example/callback"]   # CX113
    ```

    ## Fix safety
    Unsafe fix for a URI whose only problem is plain http: the same URI over https. Unsafe
    because the server must really answer there; nothing else is fixed.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc6749#section-3.1.2
    - https://datatracker.ietf.org/doc/html/rfc8252#section-7
    """

    code = "CX113"
    name = "redirect-uri-invalid"
    summary = "Redirect or logout URI not https, or with wildcard or fragment"
    passed = "Redirect and logout URIs are https, without wildcard or fragment"
    severity = Severity.ERROR
    fixable = "unsafe"
    tags = ("security",)

    VALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    'type = "public"',
                    'redirects = ["https://app.acme.example/callback", "http://localhost:3000/cb",',
                    '  "com.acme.app:/oauth2redirect"]',
                    'logouts = ["https://app.acme.example/signed-out"]',
                )
            }
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    'type = "confidential"',
                    "redirects = [",
                    '  "http://app.acme.example/callback",',
                    '  "https://*.acme.example/callback",',
                    '  "https://app.acme.example/callback#done",',
                    "]",
                    'logouts = ["http://app.acme.example/bye"]',
                )
            },
            [
                expect("CX113", "cxone-app.toml", 4),
                expect("CX113", "cxone-app.toml", 5),
                expect("CX113", "cxone-app.toml", 6),
                expect("CX113", "cxone-app.toml", 8),
            ],
        ),
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]", 'type = "confidential"', 'redirects = ["http://app.acme.example/cb"]'
                )
            },
            [expect("CX113", "cxone-app.toml", 3)],
            fixed={
                "cxone-app.toml": _t(
                    "[app]", 'type = "confidential"', 'redirects = ["https://app.acme.example/cb"]'
                )
            },
            unsafe=True,
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            for fname, what in (("redirects", "redirect URI"), ("logouts", "logout URI")):
                for index, uri in enumerate(getattr(app, fname)):
                    problems = redirect_problems(uri, allow_private_scheme=app.type == "public")
                    if not problems:
                        continue
                    hint = next((p.hint for p in problems if p.hint), None)
                    where = manifest.position(app, fname, index)
                    fix = None
                    if {p.kind for p in problems} == {"http"}:
                        fix = https_fix(manifest, where, uri)
                    yield self.at(
                        manifest,
                        app,
                        where,
                        f"{what} {uri!r} " + "; ".join(p.message for p in problems),
                        f"{fname}:{uri}",
                        hint,
                    ).with_(fix=fix)


class OriginsIncomplete(ManifestRule):
    """The origin of a registered redirect or logout URI is not a registered origin.

    ## What it does
    For a user app that registers origins, reports each redirect or logout URI whose origin
    (scheme://host[:port], normalised) is not in `origins`. Apps without any origins are
    CX110's; URIs that are not valid are CX113's.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The pages at the redirect and logout URIs are where the app runs in the browser, and CXone
    blocks browser calls from unregistered origins (CORS). CORS origin updates can take up to
    three weeks at NICE: a missing origin found after go-live means weeks of broken calls.

    ## Example
    ```toml
    origins = ["https://app.acme.example"]
    redirects = ["https://login.acme.example/callback"]   # CX114: https://login.acme.example
    ```

    ## Fix safety
    No automatic fix: adding an origin is a registration change that NICE processes.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX114"
    name = "origins-incomplete"
    summary = "Origin of a redirect or logout URI is not registered"
    passed = "The origin of every redirect and logout URI is registered"
    severity = Severity.ERROR

    VALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    'type = "confidential"',
                    'origins = ["https://App.acme.example:443"]',
                    'redirects = ["https://app.acme.example/callback"]',
                    'logouts = ["https://app.acme.example/"]',
                )
            }
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    'type = "confidential"',
                    'origins = ["https://app.acme.example"]',
                    "redirects = [",
                    '  "https://app.acme.example/callback",',
                    '  "https://login.acme.example/callback",',
                    "]",
                    'logouts = ["http://localhost:3000/bye"]',
                )
            },
            [expect("CX114", "cxone-app.toml", 6), expect("CX114", "cxone-app.toml", 8)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if not app.is_user_app or not app.origins:
                continue
            registered = {
                n for n in (normal_origin(o.strip().rstrip("/")) for o in app.origins) if n
            }
            origins_key = manifest.key_name("origins")
            for fname, what in (("redirects", "redirect URI"), ("logouts", "logout URI")):
                for index, uri in enumerate(getattr(app, fname)):
                    if redirect_problems(uri, allow_private_scheme=app.type == "public"):
                        continue
                    origin = normal_origin(uri)
                    if origin is None or not origin.startswith(("https://", "http://")):
                        continue
                    if origin in registered:
                        continue
                    yield self.at(
                        manifest,
                        app,
                        manifest.position(app, fname, index),
                        f"the origin {origin} of {what} {uri!r} is not in `{origins_key}`: "
                        "browser calls from that page will be blocked by CORS",
                        f"origins-incomplete:{origin}",
                        f'add "{origin}" to {origins_key} now: {CORS_DELAY}',
                    )


class JwksEndpointInsecure(ManifestRule):
    """The JWKS endpoint is not an https URL NICE can reach.

    ## What it does
    Reports a non-empty `jwks_endpoint` that is not an absolute https URL, points at a loopback
    host, or contains a wildcard or fragment.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    A key set fetched over plain http can be replaced in transit, and whoever controls the keys
    controls what the token service trusts. NICE fetches the URL from its own servers, so a
    localhost URL cannot work.

    ## Example
    ```toml
    jwks_endpoint = "http://keys.acme.example/jwks.json"   # CX115
    ```

    ## Fix safety
    Unsafe fix for plain http: the same URL over https, which the key server must really serve.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc7517#section-5
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX115"
    name = "jwks-endpoint-insecure"
    summary = "JWKS endpoint is not https"
    passed = "The JWKS endpoint is https"
    severity = Severity.ERROR
    fixable = "unsafe"
    tags = ("security",)

    VALID = (
        Case({"cxone-app.toml": _t("[app]", 'jwks_endpoint = "https://keys.acme.example/jwks"')}),
        Case({"cxone-app.toml": _t("[app]", 'jwks_endpoint = ""')}),
    )
    INVALID = (
        Case(
            {"cxone-app.toml": _t("[app]", 'jwks_endpoint = "http://keys.acme.example/jwks"')},
            [expect("CX115", "cxone-app.toml", 2)],
        ),
        Case(
            {
                "cxone-app.json": '{\n  "name": "Acme",\n  "jwksEndpoint": "https://localhost/k"\n}\n'
            },
            [expect("CX115", "cxone-app.json", 3)],
        ),
        Case(
            {"cxone-app.toml": _t("[app]", "jwks_endpoint = 'http://keys.acme.example/jwks'")},
            [expect("CX115", "cxone-app.toml", 2)],
            fixed={
                "cxone-app.toml": _t("[app]", "jwks_endpoint = 'https://keys.acme.example/jwks'")
            },
            unsafe=True,
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if not app.jwks_endpoint or not app.jwks_endpoint.strip():
                continue
            for problem in jwks_problems(app.jwks_endpoint):
                key = manifest.key_name("jwks_endpoint")
                where = manifest.position(app, "jwks_endpoint")
                fix = (
                    https_fix(manifest, where, app.jwks_endpoint)
                    if problem.kind == "http"
                    else None
                )
                yield self.at(
                    manifest,
                    app,
                    where,
                    f"`{key}` {app.jwks_endpoint!r} {problem.message}",
                    "jwks_endpoint",
                    problem.hint,
                ).with_(fix=fix)


class ScopeMissing(ManifestRule):
    """An app that calls CXone APIs registers no scope.

    ## What it does
    Reports a missing or empty `scope` on an app that calls CXone APIs, which the manifest
    tells in two ways: the app is a back-end app (its only purpose is to get a token at the
    token endpoint and call APIs with it), or it declares an `[api_user]` (it acts as a CXone
    user to call APIs). A user app that only logs users in (`openid`) is not reported.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The registration form asks which groups of CXone APIs the app will use (for example the ACD
    API scopes such as `RealTimeDataAPI` or `PatronAPI`); NICE grants API access by scope on
    the registration, not in the token request. A scope added later is a registration update.

    ## Example
    ```toml
    [app]
    type = "backend"   # CX116: no scope
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://help.incontact.com/Content/ACD/APIApplications/APIApplications.htm
    """

    code = "CX116"
    name = "scope-missing"
    summary = "App that calls CXone APIs registers no scope"
    passed = "An app that calls CXone APIs registers its scope"
    severity = Severity.WARNING

    VALID = (
        Case({"cxone-app.toml": _t(*BACKEND)}),
        Case({"cxone-app.toml": _t("[app]", 'type = "public"')}, note="login only"),
        Case({"cxone-app.json": '{"type": "backend", "scope": "RealTimeDataAPI AdminAPI"}\n'}),
    )
    INVALID = (
        Case(
            {"cxone-app.toml": _t("[app]", 'type = "backend"')},
            [expect("CX116", "cxone-app.toml", 1)],
        ),
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]",
                    'type = "confidential"',
                    "scope = []",
                    "",
                    "[api_user]",
                    'username = "x"',
                )
            },
            [expect("CX116", "cxone-app.toml", 3)],
        ),
        Case(
            {"cxone-app.json": '{\n  "type": "backend",\n  "scope": ""\n}\n'},
            [expect("CX116", "cxone-app.json", 3)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.scope or "scope" in app.invalid:
                continue
            if app.type == "backend":
                why = "a back-end app exists to call CXone APIs"
            elif app.api_user is not None:
                why = "it declares an API user, so it calls CXone APIs"
            else:
                continue
            yield self.at(
                manifest,
                app,
                manifest.position(app, "scope"),
                f"no `{manifest.key_name('scope')}`: {why}, and the registration states which "
                "API groups it may use",
                "scope",
                'add the API scopes you need, e.g. scope = ["RealTimeDataAPI"]; a scope added '
                "later is a registration update",
            )


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

    VALID = (
        Case({"cxone-app.toml": _t("[app]", 'environments = ["na1", "eu1", "au1"]')}),
        Case({"cxone-app.toml": _t("[app]", 'environments = ["na2"]', "government = true")}),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": _t(
                    "[app]", "environments = [", '  "na1",', '  "uk1",', '  "production",', "]"
                )
            },
            [expect("CX117", "cxone-app.toml", 4), expect("CX117", "cxone-app.toml", 5)],
        ),
        Case(
            {"cxone-app.toml": _t("[app]", 'environments = ["na2"]', "government = false")},
            [expect("CX117", "cxone-app.toml", 2)],
        ),
        Case(
            {"cxone-app.toml": _t("[app]", 'environments = ["na1"]', "government = true")},
            [expect("CX117", "cxone-app.toml", 3)],
        ),
    )

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
