from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.checks.cx1_registration._common import https_fix
from cxone_rules.manifest.urls import redirect_problems


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
