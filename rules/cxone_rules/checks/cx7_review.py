"""CX7xx CXexchange review readiness: what a technical reviewer will ask for before listing.

NICE publishes no checklist for the CXexchange technical review, so these rules stay few and
precise: things that are certainly wrong for an app about to be reviewed and listed, decided
from the manifest, the project's files and its suppression comments. They are off by default
(they are noise in a pre-commit hook) and switched on by `cxone-lint review`, or by selecting
`CX7` explicitly. What only a person can confirm is listed by the review report instead
(`cxone_rules.commands.review.stages`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Position, Severity
from cxone_lint.api.rule import Case, Rule, expect
from cxone_lint.api.suppression import parse_comment
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.manifest import get_manifest

LIFECYCLE = "https://developer.niceincontact.com/Documentation/YourAppLifeCycle"

# Local parts that by definition receive no mail.
_NO_REPLY = re.compile(r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]daemon)([+._-].*)?$")
# Names reserved so that they never reach anyone (RFC 2606, RFC 6761).
_RESERVED_TLDS = ("example", "invalid", "test", "localhost")
_RESERVED_DOMAINS = ("example.com", "example.net", "example.org")

README_NAMES = ("README", "README.md", "README.rst", "README.txt", "README.adoc")

_OK = '[app]\nname = "A"\nclient_id = "3f6a9e2c"\ntenancy = "all"\nstatus = "enabled"\n'


def unreachable_reason(address: str) -> str | None:
    """Why mail to `address` can never reach a person, or None. Only exact, by-definition
    cases: a no-reply mailbox, or a domain reserved for documentation and tests."""
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain:
        return None
    domain = domain.lower().rstrip(".")
    if _NO_REPLY.match(local.lower()):
        return "a no-reply mailbox"
    if domain in _RESERVED_DOMAINS or domain.rsplit(".", 1)[-1] in _RESERVED_TLDS:
        return f"the domain {domain} is reserved for examples and tests (RFC 2606/6761)"
    return None


class UnreachableContact(ManifestRule):
    """A technical contact can never receive mail: a no-reply mailbox or a reserved domain.

    ## What it does
    Reports each address in `contacts` whose local part is a no-reply mailbox (`noreply`,
    `no-reply`, `donotreply`, `mailer-daemon`) or whose domain is reserved and never delivers
    mail (`example.com`, `example.net`, `example.org`, and the `.example`, `.invalid`, `.test`,
    `.localhost` top-level names). Addresses that are not e-mail addresses are CX102's business.

    ## Why
    NICE sends notifications about the app, including registration details, to the technical
    contacts, and may contact them periodically to check that they are still active. A reviewer
    needs a reachable contact; a placeholder left from a template is not one.

    ## Example
    ```toml
    contacts = ["noreply@acme-corp.com"]
    ```

    ## Fix safety
    No automatic fix: put a monitored team mailbox there.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Registration)
    - https://www.rfc-editor.org/rfc/rfc2606 ; https://www.rfc-editor.org/rfc/rfc6761
    """

    code = "CX701"
    name = "unreachable-technical-contact"
    summary = "Technical contact can never receive mail (no-reply or reserved domain)"
    passed = "Every technical contact can receive mail"
    severity = Severity.WARNING
    default_enabled = False
    tags = ("review",)
    VALID = (
        Case({"cxone-app.toml": '[app]\ncontacts = ["cx-integrations@acme-corp.com"]\n'}),
        Case({"cxone-app.toml": '[app]\ncontacts = ["Jane Doe", "replies@acme-corp.com"]\n'}),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": "[app]\ncontacts = [\n"
                '  "cx@acme-corp.com",\n  "no-reply@acme-corp.com",\n  "ops@acme.example",\n]\n'
            },
            [expect("CX701", "cxone-app.toml", 4), expect("CX701", "cxone-app.toml", 5)],
        ),
        Case(
            {"cxone-app.json": '{"id": "x",\n "contacts": ["team@example.com"]}\n'},
            [expect("CX701", "cxone-app.json", 2)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if "contacts" in app.invalid:
                continue
            for index, address in enumerate(app.contacts):
                reason = unreachable_reason(address)
                if reason is None:
                    continue
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "contacts", index),
                    f"technical contact {address!r} can never receive mail: {reason}",
                    f"contacts:{address.lower()}",
                    hint="list a monitored team mailbox that NICE and the reviewer can reach",
                )


class SuppressionWithoutReason(Rule):
    """A cxone-lint suppression comment gives no reason.

    ## What it does
    Reports each `# noqa: CX...` (and file-level `# cxone-lint: noqa: CX...`) comment, in any
    file being linted, that names cxone-lint codes but gives no reason after them.

    ## Why
    The review report lists every suppressed finding with the reason given; a reviewer will ask
    why a check was switched off. `# noqa: CX401 -- test fixture, not a real key` answers that
    question once, in the code.

    ## Example
    ```python
    CLIENT_SECRET = "..."  # noqa: CX401
    ```

    ## Fix safety
    No automatic fix: only the author knows the reason.

    ## References
    - https://docs.astral.sh/ruff/linter/#error-suppression
    """

    code = "CX702"
    name = "suppression-without-reason"
    summary = "Suppression comment gives no reason"
    passed = "Every suppression comment gives a reason"
    severity = Severity.WARNING
    default_enabled = False
    tags = ("review",)
    VALID = (
        Case({"app.py": "x = 1  # noqa: CX401 -- test dummy, not a real key\n"}),
        Case({"app.py": "x = 1  # noqa: E501\n"}),
    )
    INVALID = (
        Case({"app.py": "import os\nx = 1  # noqa: CX401\n"}, [expect("CX702", "app.py", 2)]),
        Case(
            {"cxone-app.toml": "# cxone-lint: noqa: CX102\n[app]\nname = 'A'\n"},
            [expect("CX702", "cxone-app.toml", 1)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for rel in sorted(ctx.files):
            for comment in ctx.files[rel].comments:
                sup = parse_comment(comment)
                if sup is None or sup.malformed or sup.reason:
                    continue
                codes = [c for c in sup.codes if c.startswith("CX")]
                if not codes:
                    continue
                yield self.report(
                    rel,
                    Position(comment.line, comment.column),
                    f"suppression of {', '.join(codes)} gives no reason",
                    hint=f"say why after the codes: `# noqa: {', '.join(codes)} -- <reason>`",
                    key=f"noqa:{','.join(codes)}:{comment.line}",
                )


class ListedAppSingleTenant(ManifestRule):
    """An app prepared for a CXexchange listing is registered for a single tenant.

    ## What it does
    Reports `tenancy = "single"` when the review report is prepared (this rule is off by
    default and switched on by `cxone-lint review`).

    ## Why
    A CXexchange listing sells the app to CXone customers, each on its own tenant. The seed:
    "If you're building an application that will be used by multiple tenants or customers, you
    must select Multiple Tenants." Tenancy can be changed with the update form, so change it
    before the review rather than after the first customer's 401.

    ## Example
    ```toml
    tenancy = "single"
    ```

    ## Fix safety
    No automatic fix: request `tenancy = "all"` (with `environments` and `government`) through
    the update form, then record it.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Tenancy, Update)
    """

    code = "CX703"
    name = "listed-app-single-tenant"
    summary = "App for a CXexchange listing is registered for a single tenant"
    passed = "An app for a CXexchange listing is registered for all tenants"
    severity = Severity.WARNING
    default_enabled = False
    tags = ("review",)
    VALID = (Case({"cxone-app.toml": _OK}),)
    INVALID = (
        Case(
            {"cxone-app.toml": '[app]\nname = "A"\ntenancy = "single"\n'},
            [expect("CX703", "cxone-app.toml", 3)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.tenancy != "single":
                continue
            yield self.at(
                manifest,
                app,
                manifest.position(app, "tenancy"),
                "registered for a single tenant, but a CXexchange listing serves many customers",
                "tenancy",
                hint='request tenancy = "all" (Multiple Tenants) with the update form',
            )


class AppNotRegistered(ManifestRule):
    """The app has no client_id yet: it has not been registered, or the id was not recorded.

    ## What it does
    Reports an app whose manifest has no `client_id` (or an empty one), on the app's table.

    ## Why
    The technical review is of a registered app: the reviewer and NICE support identify it by
    its client_id (and the registration's tracking number). Record what NICE issued.

    ## Example
    ```toml
    [app]
    name = "Acme Callback Scheduler"   # no client_id
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Registration)
    """

    code = "CX704"
    name = "app-not-registered"
    summary = "App has no client_id: not registered yet, or not recorded"
    passed = "The app's client_id is recorded"
    severity = Severity.INFO
    default_enabled = False
    tags = ("review",)
    VALID = (Case({"cxone-app.toml": _OK}),)
    INVALID = (
        Case(
            {"cxone-app.toml": '# the app\n[app]\nname = "A"\nclient_id = ""\n'},
            [expect("CX704", "cxone-app.toml", 4)],
        ),
        Case(
            {"cxone-app.toml": '# the app\n[app]\nname = "A"\n'},
            [expect("CX704", "cxone-app.toml", 2)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if "client_id" in app.invalid or (app.client_id or "").strip():
                continue
            where = (
                manifest.position(app, "client_id")
                if "client_id" in app.present
                else manifest.table_position(app)
            )
            yield self.at(
                manifest,
                app,
                where,
                "no client_id recorded: the app is not registered yet, or its id is missing here",
                "client_id",
                hint="record the client_id NICE issued (and keep the registration's tracking "
                "number with it)",
            )


class AppNotEnabled(ManifestRule):
    """The app prepared for review is disabled or deleted.

    ## What it does
    Reports `status = "disabled"` or `"deleted"` (`isEnabled: false` or a scheduled deletion in
    a JSON export) when the review report is prepared.

    ## Why
    A disabled app cannot authenticate or call APIs, so a reviewer cannot exercise it; a
    deleted one is on its way out and cannot be listed.

    ## Example
    ```toml
    status = "disabled"
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI (enable, disable)
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Delete Your App)
    """

    code = "CX705"
    name = "app-not-enabled"
    summary = "App prepared for review is disabled or deleted"
    passed = "The app prepared for review is enabled"
    severity = Severity.WARNING
    default_enabled = False
    tags = ("review",)
    VALID = (Case({"cxone-app.toml": _OK}),)
    INVALID = (
        Case(
            {"cxone-app.toml": '[app]\nname = "A"\nstatus = "disabled"\n'},
            [expect("CX705", "cxone-app.toml", 3)],
        ),
        Case(
            {"cxone-app.json": '{"id": "x",\n "isEnabled": false}\n'},
            [expect("CX705", "cxone-app.json", 2)],
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.status not in ("disabled", "deleted"):
                continue
            yield self.at(
                manifest,
                app,
                manifest.position(app, "status"),
                f"the app is {app.status}: a reviewer cannot exercise it",
                "status",
                hint='enable the app at NICE (and record status = "enabled") before the review',
            )


class NoReadme(Rule):
    """The project has no README at its root.

    ## What it does
    Reports a project without `README`, `README.md`, `README.rst`, `README.txt` or
    `README.adoc` at its root. The finding is placed on line 1 of the registration manifest
    (the file does not exist, so it cannot hold the finding); without a manifest the rule is
    skipped.

    ## Why
    A technical reviewer starts from the documentation: what the integration does, how it is
    installed and configured, which CXone APIs and permissions it needs.

    ## Example
    A repository holding only `app.py` and `cxone-app.toml`.

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (List Your App)
    """

    code = "CX706"
    name = "no-readme"
    summary = "Project has no README at its root"
    passed = "The project has a README at its root"
    severity = Severity.INFO
    default_enabled = False
    tags = ("review",)
    VALID = (Case({"cxone-app.toml": _OK, "README.md": "# Acme\n"}),)
    INVALID = (Case({"cxone-app.toml": _OK}, [expect("CX706", "cxone-app.toml", 1)]),)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        if any(ctx.exists(name) for name in README_NAMES):
            return
        manifest = get_manifest(ctx)
        if manifest is None:
            ctx.note_skipped(self.code, "no registration manifest to attach the finding to")
            return
        yield self.report(
            manifest.path,
            Position(1, 1),
            "no README at the project root: a reviewer starts from the documentation",
            hint="add a README.md: what the integration does, setup, CXone APIs and permissions",
            key="readme",
        )
