"""`cxone-lint init` for CXone: a registration manifest (`cxone-app.toml`) inferred from the code.

What the code shows is written as a value with a comment naming where it came from (file:line):
the application type (a password-grant token request means a back-end app; an authorize flow a
user app, public when no client secret is sent), the client authentication method, the CXone
areas of the hosts called (environments), whether those hosts are government ones, the redirect
URIs passed to the authorize/token calls and the origins derived from them. What only the
registration knows (name, client_id, tenant, business unit, tenancy, scope, contacts, status,
the API user) is left as a commented placeholder for the user to fill in. No value that could be
a secret is ever written: the client_id and secrets come from the registration, not the code.

`cxone-lint init` (commands/init.py) calls `init_manifest(ctx)` after phase one and writes the
returned text; it never overwrites a file.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

import tomlkit

from cxone_lint.report.escape import terminal

FILENAME = "cxone-app.toml"


def _toml(value: Any) -> str:
    """A TOML value as tomlkit writes it."""
    return str(tomlkit.item(value).as_string())


def _comment(text: str) -> Any:
    # Paths and values in comments come from the repository: a line break in a file name must
    # not end the comment and start a key (report/escape.py shows it as `\n`).
    return tomlkit.comment(terminal(text))


def _profile(ctx: Any) -> dict[str, Any] | None:
    try:
        from cxone_rules.facts.profile import code_profile
    except ImportError:  # the code-analysis part of the pack is optional for init
        return None
    return code_profile(ctx)


def _where(path: str, line: int) -> str:
    return f"{path}:{line}"


def _locations(ctx: Any, profile: dict[str, Any]) -> dict[str, Any]:
    """file:line evidence for each inferred value (first occurrence, files in sorted order)."""
    from cxone_rules.facts.kinds import AuthorizeRequest, RedirectUri, UrlUse
    from cxone_rules.facts.profile import code_files, is_cxone_code
    from cxone_rules.facts.store import facts_of

    store = facts_of(ctx)
    out: dict[str, Any] = {"areas": {}, "government": None, "redirects": {}, "authorize": None}
    for rel in code_files(ctx):
        for url in store.in_file(rel, UrlUse):
            info = url.info
            if info is None:
                continue
            if info.area and info.area not in out["areas"]:
                out["areas"][info.area] = _where(rel, url.line)
            if out["government"] is None and info.kind in (
                "issuer",
                "area-api",
                "userhub",
                "auth",
                "government-digital",
            ):
                out["government"] = (_where(rel, url.line), info.host)
        if not is_cxone_code(ctx, rel):
            continue
        for auth in store.in_file(rel, AuthorizeRequest):
            if out["authorize"] is None:
                out["authorize"] = _where(rel, auth.line)
        for red in store.in_file(rel, RedirectUri):
            text = red.value.partial
            if text and text not in out["redirects"]:
                out["redirects"][text] = _where(rel, red.line)
    return out


class _Writer:
    """Builds the manifest with tomlkit: values are TOML-escaped by the writer, comments are
    escaped here, so nothing from the code can add a key or a table."""

    def __init__(self) -> None:
        self.doc = tomlkit.document()
        self.app: Any = None
        self.inferred = 0
        self.todo = 0

    def _target(self) -> Any:
        return self.app if self.app is not None else self.doc

    def table(self, name: str) -> None:
        self.app = tomlkit.table()
        self.doc.add(name, self.app)
        self.app.trivia.indent = ""  # the header comment leads straight into the table

    def end_table(self) -> None:
        self.app = None

    def value(self, key: str, value: Any, source: str) -> None:
        item = tomlkit.item(value)
        item.comment(terminal(f"inferred: {source}"))
        item.trivia.comment_ws = "  "
        self._target().add(key, item)
        self.inferred += 1

    def placeholder(self, key: str, example: Any, what: str) -> None:
        self._target().add(_comment(f"{key} = {_toml(example)}  # TO CONFIRM: {what}"))
        self.todo += 1

    def raw(self, text: str = "") -> None:
        self._target().add(_comment(text.removeprefix("# ")) if text else tomlkit.nl())

    def text(self) -> str:
        return str(tomlkit.dumps(self.doc))


def init_manifest(ctx: Any) -> dict[str, Any]:
    """The init hook: {"filename", "text", "inferred", "to_confirm", "existing", "notes"}."""
    from cxone_rules.manifest import get_manifests

    existing = [m.path for m in get_manifests(ctx)]
    profile = _profile(ctx)
    notes: list[str] = []
    w = _Writer()
    w.raw("# Registration manifest of this CXone integration, written by `cxone-lint init`.")
    w.raw("# Values marked `inferred` were read from the code (file:line says where); lines")
    w.raw("# marked TO CONFIRM are unknown: fill them in from the registration NICE confirmed,")
    w.raw("# then uncomment them. Never put a client secret or access key secret here.")
    w.table("app")
    w.placeholder("name", PurePosixPath(str(ctx.root)).name, "the app name on the registration")
    w.placeholder("client_id", "", "issued by NICE when the registration is processed")

    if profile is None:
        notes.append("code analysis is not available: nothing was inferred from the code")
        profile = {}
    elif not profile.get("cxone"):
        notes.append("no CXone authentication or CXone host was found in the code")
    where = _locations(ctx, profile) if profile.get("cxone") else {}
    suggested = profile.get("suggested", {}) if profile else {}

    app_type = suggested.get("type")
    if app_type == "backend":
        req = next(
            (r for r in profile.get("token_requests", []) if r.get("grant") == "password"), None
        )
        src = f"password-grant token request at {_where(req['path'], req['line'])}" if req else ""
        w.value("type", "backend", src or "password-grant token request")
    elif app_type in ("confidential", "public"):
        how = "no client secret sent" if app_type == "public" else "client secret sent"
        w.value("type", app_type, f"authorize flow at {where.get('authorize')} ({how})")
    else:
        w.placeholder("type", "backend", "backend | confidential | public")

    w.placeholder("tenancy", "single", 'single | all ("Multiple Tenants" on the form)')
    w.placeholder("tenant_id", "", "fixed at registration")
    w.placeholder("business_unit", 0, "your organisation's primary BU number")

    areas = where.get("areas", {})
    if areas:
        sources = ", ".join(f"{a} at {src}" for a, src in sorted(areas.items()))
        w.value("environments", sorted(areas), f"CXone area hosts called ({sources})")
    else:
        w.placeholder("environments", ["na1"], "CXone areas (required when tenancy = all)")
    government = suggested.get("government")
    gov_src = where.get("government")
    if government is not None and gov_src:
        kind = "government (FedRAMP)" if government else "commercial"
        w.value("government", government, f"{kind} host {gov_src[1]} at {gov_src[0]}")
    else:
        w.placeholder("government", False, "will the app be used in a government environment?")

    method = suggested.get("auth_method")
    if app_type == "public":
        w.raw("# auth_method: none; NICE issues no client secret to a public app (PKCE instead)")
    elif method:
        path, line = profile["auth_methods"][method][0]
        w.value("auth_method", method, f"client authentication at {_where(path, line)}")
    else:
        methods = sorted(m for m in profile.get("auth_methods", {}) if m != "none")
        if len(methods) > 1:
            notes.append(f"the code uses several client authentication methods: {methods}")
        w.placeholder(
            "auth_method",
            "client_secret_basic",
            "client_secret_basic | client_secret_post | client_secret_jwt",
        )
    w.placeholder("scope", [], "the CXone API groups the app uses, e.g. PatronAPI")

    redirects = where.get("redirects", {})
    if redirects and app_type != "backend":
        from cxone_rules.facts.profile import origin_of

        origins: dict[str, str] = {}
        for url in redirects:
            origin = origin_of(url)
            if origin and origin not in origins:
                origins[origin] = redirects[url]
        if origins:
            srcs = ", ".join(f"{o} from the redirect URI at {s}" for o, s in origins.items())
            w.value("origins", list(origins), srcs + "; add every origin the browser calls from")
        w.value(
            "redirects",
            list(redirects),
            "redirect URIs at " + ", ".join(redirects[u] for u in redirects),
        )
    elif app_type in ("confidential", "public"):
        w.placeholder("origins", [], "every origin the browser calls CXone from")
        w.placeholder("redirects", [], "every redirect URI of the authorize flow")
    if app_type != "backend":
        w.placeholder("logouts", [], "post-logout redirect URIs, if any")
    w.placeholder("contacts", [], "technical contacts: monitored team mailboxes")
    w.placeholder("status", "enabled", "enabled | disabled | deleted")
    w.end_table()
    if app_type == "backend":
        w.raw()
        w.raw("# The CXone user the back-end app authenticates as (its access key's owner).")
        w.raw("# Uncomment the table header too when you fill it in.")
        w.raw("# [api_user]")
        w.placeholder("username", "", "the dedicated API user")
        w.placeholder("login_authenticator", "", "none for a back-end app's API user")
        w.placeholder("primary_role", "", "a role unique to this app, holding only what it needs")
        w.placeholder("permissions", [], "the permissions of that role")
        w.placeholder("attributes", [], "billable attributes: none")
    return {
        "filename": FILENAME,
        "text": w.text(),
        "inferred": w.inferred,
        "to_confirm": w.todo,
        "existing": existing,
        "notes": notes,
    }
