from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.domain.hosts import classify_url

ISSUER_KINDS = ("issuer", "auth")


class RegistrationRecordInvalid(ManifestRule):
    """The registration's tracking number or issuers are not usable.

    ## What it does
    Checks the two fields the seed says the team must keep: `tracking_number` (NICE's
    registration tracking number) must not be blank, and each of `issuers` must be an https
    URL of a CXone issuer (`https://cxone.niceincontact.com`, `https://cxone-gov...`, the
    `auth.<area>` issuers of the tokens). Each entry once.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE asks for the tracking number in every e-mail about the registration, and for the
    list of issuers and the client_id when the app is to be deleted. A blank number or an
    issuer that is not NICE's (a typo, the app's own URL) is found out only when it is needed.

    ## Example
    ```toml
    tracking_number = ""                           # CX119
    issuers = ["cxone.niceincontact.com"]          # CX119: not an https URL
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Registration, Delete)
    """

    code = "CX119"
    name = "registration-record-invalid"
    summary = "Tracking number blank or issuer not a CXone issuer URL"
    passed = "The tracking number and the issuers are usable"
    severity = Severity.WARNING

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            key = manifest.key_name("tracking_number")
            if app.tracking_number is not None and not app.tracking_number.strip():
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "tracking_number"),
                    f"`{key}` is blank: NICE asks for the registration's tracking number in "
                    "every e-mail about it",
                    "tracking-number",
                    "copy the tracking number from NICE's registration reply",
                )
            seen: set[str] = set()
            for index, issuer in enumerate(app.issuers):
                text = issuer.strip().rstrip("/")
                where = manifest.position(app, "issuers", index)
                problem = None
                info = classify_url(text) if "://" in text else None
                if not text.lower().startswith("https://"):
                    problem = "is not an https URL"
                elif info is None or info.kind not in ISSUER_KINDS:
                    problem = "is not a CXone issuer"
                elif text.lower() in seen:
                    problem = "is listed twice"
                seen.add(text.lower())
                if problem is None:
                    continue
                yield self.at(
                    manifest,
                    app,
                    where,
                    f"issuer {issuer!r} {problem}: NICE needs the app's issuers (with its "
                    "client_id) to delete it",
                    f"issuer:{text}",
                    "list the issuer URLs of the app's tokens, e.g. "
                    '"https://cxone.niceincontact.com"',
                )
