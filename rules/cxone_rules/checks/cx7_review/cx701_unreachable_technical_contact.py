from __future__ import annotations

import re
from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule

# Local parts that by definition receive no mail.
_NO_REPLY = re.compile(r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]daemon)([+._-].*)?$")

# Names reserved so that they never reach anyone (RFC 2606, RFC 6761).
_RESERVED_TLDS = ("example", "invalid", "test", "localhost")

_RESERVED_DOMAINS = ("example.com", "example.net", "example.org")


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
