from __future__ import annotations

import re
from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule

# An e-mail address, checked on one already-extracted string.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"

EMAIL_RE = re.compile(rf"^[^@\s<>(),;:\"\[\]]+@(?:{_LABEL}\.)+[A-Za-z]{{2,}}$")


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
