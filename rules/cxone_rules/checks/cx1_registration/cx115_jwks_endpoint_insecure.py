from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.checks.cx1_registration._common import https_fix
from cxone_rules.manifest.urls import jwks_problems


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
