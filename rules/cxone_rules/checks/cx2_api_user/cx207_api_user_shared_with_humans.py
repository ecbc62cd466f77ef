from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.pack import Option
from cxone_rules.checks.cx2_api_user._common import ApiUserRule

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

    ## Options
    - `service-account-patterns` (list of strings, default above): shell-style patterns,
      matched case-insensitively against the username before any `@`; a username that matches
      one is a service account and never reported as a person's.

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
    options = ("service-account-patterns",)

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
