from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Fix, Position, Severity
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.checks.cx1_registration._common import CORS_DELAY
from cxone_rules.manifest import Manifest
from cxone_rules.manifest.edits import plain_string, raw_token, replace_token
from cxone_rules.manifest.urls import bare_origin_text, origin_problems


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
