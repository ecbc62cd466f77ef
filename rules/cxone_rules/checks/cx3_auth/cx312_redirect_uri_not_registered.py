from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx3_auth._common import cxone_code_files, skip_without_manifest
from cxone_rules.domain.hosts import UNKNOWN, shown
from cxone_rules.facts.kinds import RedirectUri
from cxone_rules.facts.profile import governing_app, origin_of
from cxone_rules.facts.store import facts_of


class RedirectUriNotRegistered(Rule):
    """The redirect URI used in code is not registered for the app.

    ## What it does
    For code governed by a user app (confidential or public), reports `redirect_uri` values
    known statically (literals, environment defaults) that are not in the app's registered
    `redirects`, and says when their origin is missing from `origins` too.

    ## Why
    CXone compares `redirect_uri` exactly with the registration and refuses the login
    otherwise; a missing origin also makes browser calls fail CORS. Registration updates go
    through NICE and origin changes can take up to three weeks.

    ## Example
    ```python
    REDIRECT = "https://portal.acme.example/callback"   # registered: /oauth/callback
    ```

    ## Fix safety
    No automatic fix: either the code or the registration must change.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://datatracker.ietf.org/doc/html/rfc6749#section-3.1.2
    """

    code = "CX312"
    name = "redirect-uri-not-registered"
    summary = "Redirect URI in code is not registered"
    passed = "Redirect URIs in code are registered"
    severity = Severity.ERROR
    tags = ("security", "auth", "manifest")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if skip_without_manifest(ctx, self.code):
            return
        store = facts_of(ctx)
        # A URI written out as a redirect is reported where it is written; where another file
        # reads it through an import (`redirect_uri: config.redirectUri`) it is not again.
        written = {
            f.value.text
            for items in store.unlinked.values()
            for f in items
            if isinstance(f, RedirectUri) and f.value.text
        }
        for rel in cxone_code_files(ctx):
            governed = governing_app(ctx, rel)
            if governed is None or not governed[1].is_user_app:
                continue
            manifest, app = governed
            registered = {r.rstrip("/") for r in app.redirects}
            origins = {o.rstrip("/").lower() for o in app.origins}
            own = [f for f in store.unlinked.get(rel, ()) if isinstance(f, RedirectUri)]
            for red, before in zip(store.in_file(rel, RedirectUri), own, strict=False):
                text = red.value.partial  # completed by the linker from other files
                if not text or UNKNOWN in text or "://" not in text:
                    continue
                if before.value.text is None and text in written:
                    continue
                if text.rstrip("/") in registered:
                    continue
                origin = origin_of(text)
                extra = ""
                if origin and origin not in origins:
                    extra = f", and its origin {origin} is not in origins"
                yield self.report(
                    rel,
                    red.start,
                    f"redirect URI {shown(text)} is not registered for {app.label}{extra}",
                    end=red.end,
                    hint=f"add it to redirects in {manifest.path} (a registration update at "
                    "NICE) or use a registered one",
                    key=text,
                )
