from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.checks.cx1_registration._common import CORS_DELAY
from cxone_rules.manifest.urls import normal_origin, redirect_problems


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
