"""What the integration's code does, for the whole project (phase two, after the linker).

Rules and the commands read the linked facts through these functions, computed once per run:

- `code_facts(ctx, Kind)`: facts of a kind from code files that are not test code;
- `token_requests(ctx)`: every token request of such files, its URL completed by the linker
  (a constant imported from another module, a `.env` value) and classified again, its target
  `cxone-likely` when an unknown host sits in CXone code or code the manifest governs;
  `cxone_requests(ctx)` keeps those to CXone;
- `urls(ctx)`: CXone URLs in code (not tests) and configuration files (not the manifest, not
  tests or examples);
- `is_cxone_code(ctx, rel)`: the file is about CXone (not Checkmarx One, which is also "CxOne");
- `governing_app(ctx, rel)`: the registered app whose manifest governs a code file;
- `code_profile(ctx)`: the project summary `cxone-lint init` and the review report use, one
  JSON-able dict without secret values:

    {
      "cxone": bool,                 # the code talks to CXone (a CXone URL or token call)
      "files": [rel, ...],           # files with CXone auth or host facts (config files too)
      "token_requests": [{"path", "line", "column", "lib", "grant", "endpoint",
                          "auth_method"}, ...],      # cxone_requests(ctx), summarised
      "auth_methods": {method: [[path, line], ...]},   # client_secret_basic | client_secret_post
                                                       # | client_secret_jwt | none (public)
      "grants": [str, ...],          # grant types sent to CXone token endpoints
      "flows": [str, ...],           # backend-password | authorization-code | implicit |
                                     # refresh | legacy-central | userhub-access-key
      "browser_flow": bool,          # an authorize URL or authorize parameters are built
      "pkce": {"used": bool, "methods": [..]},
      "hosts": [str, ...], "areas": [str, ...], "environments": [str, ...],  # code + config
      "government": bool | None,     # True: only FedRAMP hosts; False: only commercial; None: none
      "redirects": [str, ...],       # redirect URIs found (known values only)
      "origins": [str, ...],         # scheme://host[:port] of those redirect URIs
      "token_endpoint_discovered": bool,   # a token request uses a discovered token_endpoint
      "api_base_discovered": bool,   # api_endpoint of cxone-configuration is read
      "legacy": [str, ...],          # legacy endpoints used: legacy-token, access-key, ...
      "suggested": {"type": ..., "auth_method": ..., "environments": [...], "government": ...},
    }
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar
from urllib.parse import urlsplit

from cxone_lint.api.facts import Fact
from cxone_rules.domain.hosts import UNKNOWN, classify_url
from cxone_rules.domain.oauth import LEGACY_ENDPOINTS, OIDC_ENDPOINTS, STYLE_METHODS, TOKEN_PATHS
from cxone_rules.facts.kinds import (
    AuthorizeRequest,
    ConfigRead,
    Import,
    RedirectUri,
    TokenRequest,
    UrlUse,
)
from cxone_rules.facts.store import facts_of
from cxone_rules.facts.symstr import SymStr, hole, word_of

__all__ = [
    "LEGACY_ENDPOINTS",
    "OIDC_ENDPOINTS",
    "STYLE_METHODS",
    "code_facts",
    "code_profile",
    "cxone_requests",
    "governing_app",
    "is_cxone_code",
    "is_cxone_request",
    "is_example_path",
    "is_test_path",
    "listed_by_app",
    "origin_of",
    "token_requests",
    "urls",
]

F = TypeVar("F", bound=Fact)

SHARED_KEY = "cxone.code_profile"

TEST_DIRS = frozenset({"test", "tests", "testing", "__tests__"})
EXAMPLE_MARKERS = (".example", ".sample", ".template", ".dist", "example.", "sample.")


def is_test_path(rel: str) -> bool:
    """Test code (`tests/`, `test_*.py`, `*_test.py`, `conftest.py`): it mocks token endpoints
    and pins URLs on purpose, so the auth and environment rules do not read it."""
    parts = rel.split("/")
    name = parts[-1]
    return (
        any(p in TEST_DIRS for p in parts[:-1])
        or name.startswith("test_")
        or name.endswith("_test.py")
        or name == "conftest.py"
    )


def is_example_path(rel: str) -> bool:
    """`.env.example`, `settings.sample.yaml`, `config.json.template`: documentation of
    settings, not settings."""
    name = rel.rsplit("/", 1)[-1].lower()
    return any(marker in name for marker in EXAMPLE_MARKERS)


def _cached(ctx: Any, key: str, build: Any) -> Any:
    full = f"{SHARED_KEY}.{key}"
    if full not in ctx.shared:
        ctx.shared[full] = build()
    return ctx.shared[full]


def code_files(ctx: Any) -> list[str]:
    """Code files (not configuration, not test code) with facts, sorted."""

    def build() -> list[str]:
        store = facts_of(ctx)
        return [rel for rel in store.files() if not store.is_config(rel) and not is_test_path(rel)]

    return list(_cached(ctx, "code_files", build))


def code_facts(ctx: Any, kind: type[F]) -> list[F]:
    store = facts_of(ctx)
    return [f for rel in code_files(ctx) for f in store.in_file(rel, kind)]


# -- which files are about CXone -------------------------------------------------------------


def _names_cxone(ctx: Any) -> bool:
    """Some non-test code file writes a CXone URL."""
    return bool(_cached(ctx, "names_cxone", lambda: bool(code_facts(ctx, UrlUse))))


def is_cxone_code(ctx: Any, rel: str) -> bool:
    """The file is about CXone: it names a CXone host; names NICE CXone/inContact and not
    Checkmarx; says "cxone" (also Checkmarx One's name) and sends a password grant or sits in a
    project that writes CXone URLs elsewhere; or imports a CXone URL constant from another
    module of the project (`from app.settings import ISSUER`); or an app of the registration
    manifest lists it in its `paths` (the team says the folder is that app's code)."""
    store = facts_of(ctx)
    if store.is_config(rel):
        return False
    if store.in_file(rel, UrlUse):
        return True
    if listed_by_app(ctx, rel):
        return True
    traits = store.traits(rel)
    if traits.cxone_named and not traits.mentions_checkmarx:
        return True
    if traits.cxone_word and not traits.mentions_checkmarx:
        # The weak word counts with corroboration: CXone URLs elsewhere in the project, or the
        # back-end password grant (an access key), which Checkmarx One clients do not use.
        unlinked = [f for f in store.unlinked.get(rel, ()) if isinstance(f, TokenRequest)]
        if any(r.grant_type == "password" for r in unlinked):
            return True
        if _names_cxone(ctx):
            return True
    for req in store.in_file(rel, TokenRequest):
        # A token request whose URL the linker completed with a CXone host (a caller's
        # argument, a constant of another module).
        if req.host is not None:
            return True
    for imp in store.in_file(rel, Import):
        if not imp.name:
            continue  # a module, not a constant
        value = store.resolve(hole("import", f"{imp.module}:{imp.name}"), imp)
        if value.known and classify_url(value.render()) is not None:
            return True
    return False


def listed_by_app(ctx: Any, rel: str) -> bool:
    """An `[[apps]]` entry's `paths` match the file: the manifest says it is that app's code.
    A single app without `paths` governs its whole folder, which says nothing about a file."""
    governed = governing_app(ctx, rel)
    return governed is not None and bool(governed[1].paths)


def governing_app(ctx: Any, rel: str) -> tuple[Any, Any] | None:
    """(manifest, app) that governs a code file, or None."""
    from cxone_rules.manifest import manifest_for

    manifest = manifest_for(ctx, rel)
    if manifest is None or manifest.document is None:
        return None
    app = manifest.app_for(rel)
    return (manifest, app) if app is not None else None


# -- token requests --------------------------------------------------------------------------


def token_requests(ctx: Any) -> list[TokenRequest]:
    """Every token request of non-test code, linked and classified (computed once per run)."""
    return list(_cached(ctx, "requests", lambda: _token_requests(ctx)))


def cxone_requests(ctx: Any) -> list[TokenRequest]:
    return [r for r in token_requests(ctx) if is_cxone_request(r)]


def is_cxone_request(req: TokenRequest) -> bool:
    return req.target in ("cxone", "cxone-likely")


def _token_requests(ctx: Any) -> list[TokenRequest]:
    store = facts_of(ctx)
    out: list[TokenRequest] = []
    for rel in code_files(ctx):
        unlinked = [f for f in store.unlinked.get(rel, ()) if isinstance(f, TokenRequest)]
        for before, req in zip(unlinked, store.in_file(rel, TokenRequest), strict=True):
            out.append(_classified(ctx, rel, before, req))
    return out


def _classified(ctx: Any, rel: str, before: TokenRequest, req: TokenRequest) -> TokenRequest:
    changes: dict[str, Any] = {}
    if req.url != before.url and (
        not _has_text(before.url) or classify_url(before.url.render()) is None
    ):
        # The linker completed the URL from another file (the whole of it, or the pieces its
        # own text leaves open: `'https://' . config('x.domain') . config('x.token_uri')`):
        # what it names now decides.
        info = classify_url(req.url.render())
        if info is not None:
            changes["target"] = "cxone"
            if info.path_kind in TOKEN_PATHS:
                changes["endpoint"] = info.path_kind
    elif req.url != before.url:
        # Classified on the text it had in its own file; a value from elsewhere that replaces
        # known text (an env default) is not judged yet: keep what was classified.
        changes["url"] = before.url
    target = changes.get("target", req.target)
    if target == "unknown" and (is_cxone_code(ctx, rel) or governing_app(ctx, rel) is not None):
        # A token request of unknown host in CXone code, or in code the registration manifest
        # governs, is taken to be a CXone token request.
        changes["target"] = "cxone-likely"
    return dataclasses.replace(req, **changes) if changes else req


def _has_text(value: SymStr) -> bool:
    return bool(value.render().replace(UNKNOWN, ""))


# -- URLs ------------------------------------------------------------------------------------


def urls(ctx: Any) -> list[UrlUse]:
    """CXone URLs in code (not tests) and configuration files (not the registration manifest
    itself, not test or example files)."""
    from cxone_rules.manifest import manifest_paths

    store = facts_of(ctx)
    out = code_facts(ctx, UrlUse)
    manifests = set(manifest_paths(ctx))
    for rel in store.files():
        if not store.is_config(rel) or rel in manifests:
            continue
        if is_test_path(rel) or is_example_path(rel):
            continue
        out.extend(store.in_file(rel, UrlUse))
    return out


def origin_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname or UNKNOWN in url:
        return None
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme.lower()}://{parts.hostname.lower()}{port}"


# -- the project summary ---------------------------------------------------------------------


def code_profile(ctx: Any) -> dict[str, Any]:
    """The project-level summary described in the module docstring (cached per run)."""
    return dict(_cached(ctx, "summary", lambda: _code_profile(ctx)))


def _code_profile(ctx: Any) -> dict[str, Any]:
    requests = cxone_requests(ctx)
    files: set[str] = set()
    auth_methods: dict[str, list[list[Any]]] = {}
    grants: set[str] = set()
    flows: set[str] = set()
    legacy: set[str] = set()
    hosts: set[str] = set()
    areas: set[str] = set()
    environments: set[str] = set()
    gov: set[bool] = set()
    redirects: list[str] = []
    pkce_methods: set[str] = set()
    pkce_used = False
    browser = False
    api_discovered = False
    for req in requests:
        files.add(req.file)
        method = req.auth_method
        if method:
            auth_methods.setdefault(method, []).append([req.file, req.line])
        grant = word_of(req.grant)
        if grant:
            grants.add(grant)
        if req.endpoint in LEGACY_ENDPOINTS:
            legacy.add(req.endpoint)
            flows.add("legacy-central" if req.endpoint == "legacy-token" else "userhub-access-key")
        elif grant == "password":
            flows.add("backend-password")
        elif grant == "authorization_code":
            flows.add("authorization-code")
        elif grant == "refresh_token":
            flows.add("refresh")
        if req.pkce_verifier:
            pkce_used = True
    for url in urls(ctx):  # code and configuration files
        info = url.info
        if info is None:
            continue
        files.add(url.file)
        if UNKNOWN not in info.host:
            hosts.add(info.host)
        if info.area:
            areas.add(info.area)
        environments.add(info.environment)
        if info.kind in ("issuer", "area-api", "userhub", "auth", "government-digital"):
            gov.add(bool(info.government))
        if info.path_kind in LEGACY_ENDPOINTS:
            legacy.add(info.path_kind)
    store = facts_of(ctx)
    for rel in code_files(ctx):
        if not is_cxone_code(ctx, rel):
            continue
        for auth in store.in_file(rel, AuthorizeRequest):
            browser = True
            files.add(rel)
            response_type = word_of(auth.response_type)
            if response_type == "token":
                flows.add("implicit")
            elif response_type == "code":
                flows.add("authorization-code")
            if auth.code_challenge:
                pkce_used = True
                challenge = word_of(auth.challenge_method)
                if challenge:
                    pkce_methods.add(challenge)
        for red in store.in_file(rel, RedirectUri):
            text = red.value.render()
            if _has_text(red.value) and text not in redirects and UNKNOWN not in text:
                redirects.append(text)
        if any(r.key == "api_endpoint" for r in store.in_file(rel, ConfigRead)):
            api_discovered = True
    origins = sorted({o for o in (origin_of(r) for r in redirects) if o})
    discovered = any(r.endpoint == "discovered" for r in requests)
    suggested_type = None
    if browser:
        suggested_type = (
            "public" if auth_methods and set(auth_methods) == {"none"} else "confidential"
        )
    elif "backend-password" in flows:
        suggested_type = "backend"
    methods = [m for m in auth_methods if m != "none"]
    government = True if gov == {True} else False if gov == {False} else None
    return {
        "cxone": bool(requests) or bool(hosts),
        "files": sorted(files),
        "token_requests": [_summary(r) for r in requests],
        "auth_methods": auth_methods,
        "grants": sorted(grants),
        "flows": sorted(flows),
        "browser_flow": browser,
        "pkce": {"used": pkce_used, "methods": sorted(pkce_methods)},
        "hosts": sorted(hosts),
        "areas": sorted(areas),
        "environments": sorted(environments),
        "government": government,
        "redirects": redirects,
        "origins": origins,
        "token_endpoint_discovered": discovered,
        "api_base_discovered": api_discovered,
        "legacy": sorted(legacy),
        "suggested": {
            "type": suggested_type,
            "auth_method": methods[0] if len(methods) == 1 else None,
            "environments": sorted(areas),
            "government": government,
        },
    }


def _summary(req: TokenRequest) -> dict[str, Any]:
    return {
        "path": req.file,
        "line": req.line,
        "column": req.column,
        "lib": req.lib,
        "grant": word_of(req.grant),
        "endpoint": req.endpoint,
        "auth_method": req.auth_method,
    }
