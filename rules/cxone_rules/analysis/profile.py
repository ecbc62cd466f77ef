"""What the integration's code does, summarised for the whole project (phase two).

`code_profile(ctx)` merges the per-file facts of the "cxone.http" extractor, resolves names
imported across modules of the project (a token URL defined in `config.py` and used in
`auth.py`), and returns one plain dict (JSON-serialisable, no secret values):

    {
      "cxone": bool,                 # the code talks to CXone (a CXone URL or a CXone token call)
      "files": [rel, ...],           # files with CXone auth or host facts (config files too)
      "token_requests": [            # every token request, with "path" added and URLs resolved
          {"path", "line", "col", "lib", "endpoint", "target", "grant", "client_auth",
           "auth_method", "body", "url", "host", ...}, ...],
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

`cxone-lint init` and the review report use `suggested` and the lists; the CX3xx/CX5xx rules
use `token_requests` (resolved) and the per-file facts.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from cxone_rules.analysis.values import find_module, module_name, resolve_refs
from cxone_rules.domain.hosts import UNKNOWN, classify_url

EXTRACTOR = "cxone.http"
SHARED_KEY = "cxone.code_profile"

STYLE_METHODS = {
    "basic-header": "client_secret_basic",
    "basic-auth": "client_secret_basic",
    "basic-library-default": "client_secret_basic",
    "post": "client_secret_post",
    "jwt": "client_secret_jwt",
    "none": "none",
}
# Endpoints of the current OIDC token service (legacy ones authenticate differently).
OIDC_ENDPOINTS = ("token", "discovered", "unknown")
LEGACY_ENDPOINTS = ("legacy-token", "access-key", "userhub-refresh")


def constants_by_module(ctx: Any) -> dict[str, dict[str, str]]:
    """URL-like module-level constants of every module (cached per run)."""
    cached = ctx.shared.get(SHARED_KEY + ".constants")
    if cached is None:
        facts_by_module = {module_name(rel): facts for rel, facts in ctx.facts(EXTRACTOR)}
        cached = {m: dict(f.get("constants", {})) for m, f in facts_by_module.items()}
        _follow_reexports(cached, facts_by_module)
        _add_path_aliases(cached, ctx)
        ctx.shared[SHARED_KEY + ".constants"] = cached
    return cached


def _add_path_aliases(consts: dict[str, dict[str, str]], ctx: Any) -> None:
    """tsconfig/jsconfig `paths` (`"@/*": ["src/*"]`): `@/config/urls` names the module
    `src.config.urls`, so the constants are found under the alias too."""
    import posixpath

    for rel, facts in ctx.facts("cxone.tsconfig"):
        base = posixpath.normpath(
            posixpath.join(posixpath.dirname(rel), facts.get("baseUrl") or ".")
        )
        for alias, targets in (facts.get("paths") or {}).items():
            if not targets:
                continue
            target = posixpath.normpath(posixpath.join(base, targets[0]))
            if alias.endswith("*") and target.endswith("*"):
                prefix, dotted = alias[:-1], target[:-1].strip("/").replace("/", ".")
                dotted = "" if dotted == "." else dotted
                for module in list(consts):
                    if dotted and not module.startswith(dotted + "."):
                        continue
                    rest = module[len(dotted) :].lstrip(".") if dotted else module
                    consts.setdefault(prefix + rest.replace(".", "/"), consts[module])
            else:
                found = find_module(consts, module_name(target.lstrip("./")))
                if found is not None:
                    consts.setdefault(alias, found)


def _follow_reexports(
    consts: dict[str, dict[str, str]], facts_by_module: dict[str, dict[str, Any]]
) -> None:
    """`export { TOKEN_URL } from "./config"`, `export * from "./config"` (JS/TS): a module
    also holds the constants it re-exports (chains of up to three modules)."""
    reexporting = {m: f["reexports"] for m, f in facts_by_module.items() if f.get("reexports")}
    for _ in range(3):
        for module, rex in reexporting.items():
            own = consts.setdefault(module, {})
            for local, target in rex.get("names", {}).items():
                target_module, _, name = target.partition(":")
                found = find_module(consts, target_module)
                if found is not None and name in found:
                    own.setdefault(local, found[name])
            for target_module in rex.get("all", []):
                found = find_module(consts, target_module)
                for name, value in (found or {}).items():
                    own.setdefault(name, value)


def resolved_requests(ctx: Any) -> list[dict[str, Any]]:
    """Token requests of every file, URLs completed from constants imported across modules
    (computed once per run)."""
    key = SHARED_KEY + ".requests"
    if key not in ctx.shared:
        ctx.shared[key] = _resolve_requests(ctx)
    return [dict(r) for r in ctx.shared[key]]


def _resolve_requests(ctx: Any) -> list[dict[str, Any]]:
    consts = constants_by_module(ctx)
    out: list[dict[str, Any]] = []
    for rel, facts in http_facts(ctx):
        for req in facts.get("token_requests", []):
            req = {**req, "path": rel}
            url = req.get("url") or {}
            if url.get("text") is None and url.get("refs"):
                found = resolve_refs(url["refs"], rel, consts)
                if found:
                    info = classify_url(found[0])
                    req["url"] = {**url, "text": found[0]}
                    if info is not None:
                        req["host"] = info.to_json()
                        req["target"] = "cxone"
                        if info.path_kind in ("token", *LEGACY_ENDPOINTS):
                            req["endpoint"] = info.path_kind
            if req["target"] == "unknown" and (
                is_cxone_file(facts, ctx, rel) or governing_app(ctx, rel) is not None
            ):
                # A token request of unknown host in CXone code, or in code the registration
                # manifest governs, is taken to be a CXone token request.
                req["target"] = "cxone-likely"
            req["auth_method"] = auth_method_of(req)
            out.append(req)
    return out


def auth_method_of(req: dict[str, Any]) -> str | None:
    """The registered-client auth method a token request uses; None when it cannot be told
    or when the endpoint is a legacy one (their Basic key is not client_secret_basic)."""
    if req.get("endpoint") not in OIDC_ENDPOINTS:
        return None
    methods = {STYLE_METHODS[s] for s in req.get("client_auth", []) if s in STYLE_METHODS}
    if len(methods) > 1 and "none" in methods:
        methods.discard("none")
    if len(methods) != 1:
        return None
    return methods.pop()


def is_cxone_request(req: dict[str, Any]) -> bool:
    return req.get("target") in ("cxone", "cxone-likely")


def origin_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname or UNKNOWN in url:
        return None
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme.lower()}://{parts.hostname.lower()}{port}"


def code_profile(ctx: Any) -> dict[str, Any]:
    """The project-level summary described in the module docstring (cached per run)."""
    cached = ctx.shared.get(SHARED_KEY)
    if cached is not None:
        return cached
    requests = [r for r in resolved_requests(ctx) if is_cxone_request(r)]
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
        files.add(req["path"])
        method = req.get("auth_method")
        if method:
            auth_methods.setdefault(method, []).append([req["path"], req["line"]])
        grant = req.get("grant")
        if grant:
            grants.add(grant)
        if req["endpoint"] in LEGACY_ENDPOINTS:
            legacy.add(req["endpoint"])
            flows.add(
                "legacy-central" if req["endpoint"] == "legacy-token" else "userhub-access-key"
            )
        elif grant == "password":
            flows.add("backend-password")
        elif grant == "authorization_code":
            flows.add("authorization-code")
        elif grant == "refresh_token":
            flows.add("refresh")
        if req.get("pkce_verifier"):
            pkce_used = True
    for rel, url in all_urls(ctx):  # Python code and configuration files
        files.add(rel)
        if UNKNOWN not in url["host"]:
            hosts.add(url["host"])
        if url.get("area"):
            areas.add(url["area"])
        environments.add(url["environment"])
        if url["kind"] in ("issuer", "area-api", "userhub", "auth", "government-digital"):
            gov.add(bool(url["government"]))
        if url.get("path_kind") in LEGACY_ENDPOINTS:
            legacy.add(url["path_kind"])
    for rel, facts in http_facts(ctx):
        if not is_cxone_file(facts, ctx, rel):
            continue
        for auth in facts.get("authorize", []):
            browser = True
            files.add(rel)
            if auth.get("response_type") == "token":
                flows.add("implicit")
            elif auth.get("response_type") == "code":
                flows.add("authorization-code")
            if auth.get("code_challenge"):
                pkce_used = True
                if auth.get("method"):
                    pkce_methods.add(auth["method"])
        for red in facts.get("redirect_uris", []):
            text = resolve_text(ctx, rel, red)
            if text and text not in redirects and UNKNOWN not in text:
                redirects.append(text)
        if facts.get("api_endpoint_reads"):
            api_discovered = True
    origins = sorted({o for o in (origin_of(r) for r in redirects) if o})
    discovered = any(r["endpoint"] == "discovered" for r in requests)
    suggested_type = None
    if browser:
        suggested_type = (
            "public" if auth_methods and set(auth_methods) == {"none"} else "confidential"
        )
    elif "backend-password" in flows:
        suggested_type = "backend"
    methods = [m for m in auth_methods if m != "none"]
    profile = {
        "cxone": bool(requests) or bool(hosts),
        "files": sorted(files),
        "token_requests": requests,
        "auth_methods": auth_methods,
        "grants": sorted(grants),
        "flows": sorted(flows),
        "browser_flow": browser,
        "pkce": {"used": pkce_used, "methods": sorted(pkce_methods)},
        "hosts": sorted(hosts),
        "areas": sorted(areas),
        "environments": sorted(environments),
        "government": (True if gov == {True} else False if gov == {False} else None),
        "redirects": redirects,
        "origins": origins,
        "token_endpoint_discovered": discovered,
        "api_base_discovered": api_discovered,
        "legacy": sorted(legacy),
        "suggested": {
            "type": suggested_type,
            "auth_method": methods[0] if len(methods) == 1 else None,
            "environments": sorted(areas),
            "government": (True if gov == {True} else False if gov == {False} else None),
        },
    }
    ctx.shared[SHARED_KEY] = profile
    return profile


TEST_DIRS = frozenset({"test", "tests", "testing", "__tests__"})


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


def http_facts(ctx: Any) -> list[tuple[str, dict[str, Any]]]:
    """(path, facts) of the cxone.http extractor for every file that is not test code."""
    return [(rel, facts) for rel, facts in ctx.facts(EXTRACTOR) if not is_test_path(rel)]


def resolve_text(ctx: Any, rel: str, val: dict[str, Any]) -> str | None:
    """The text of a stored value, following `module:NAME` refs to other project modules."""
    if val.get("text") is not None:
        return val["text"]
    refs = list(val.get("refs", []))
    if not refs:
        return None
    found = resolve_refs(refs, rel, constants_by_module(ctx))
    return found[0] if found else None


def project_names_cxone(ctx: Any) -> bool:
    """Some non-test file of the project writes a CXone URL (cached per run)."""
    key = SHARED_KEY + ".names_cxone"
    if key not in ctx.shared:
        ctx.shared[key] = any(facts.get("urls") for _, facts in http_facts(ctx))
    return bool(ctx.shared[key])


def is_cxone_file(facts: dict[str, Any], ctx: Any = None, rel: str = "") -> bool:
    """The file is about CXone: it names a CXone host; names NICE CXone/inContact and not
    Checkmarx; says "cxone" (also Checkmarx One's name) and sends a password grant or sits in a
    project that writes CXone URLs elsewhere; or imports a CXone URL constant from another
    module of the project (`from app.settings import ISSUER`)."""
    if facts.get("urls"):
        return True
    if facts.get("cxone_context") and not facts.get("checkmarx"):
        return True
    if ctx is None:
        return False
    if facts.get("cxone_word") and not facts.get("checkmarx"):
        # The weak word counts with corroboration: CXone URLs elsewhere in the project, or the
        # back-end password grant (an access key), which Checkmarx One clients do not use.
        if any(r.get("grant") == "password" for r in facts.get("token_requests", [])):
            return True
        if project_names_cxone(ctx):
            return True
    if not facts.get("imports"):
        return False
    consts = constants_by_module(ctx)
    for found in resolve_refs(facts["imports"].values(), rel, consts):
        if classify_url(found) is not None:
            return True
    return False


def governing_app(ctx: Any, rel: str) -> tuple[Any, Any] | None:
    """(manifest, app) that governs a code file, or None."""
    from cxone_rules.manifest import manifest_for

    manifest = manifest_for(ctx, rel)
    if manifest is None or manifest.document is None:
        return None
    app = manifest.app_for(rel)
    return (manifest, app) if app is not None else None


CONFIG_EXTRACTOR = "cxone.config-urls"
EXAMPLE_MARKERS = (".example", ".sample", ".template", ".dist", "example.", "sample.")


def is_example_path(rel: str) -> bool:
    """`.env.example`, `settings.sample.yaml`, `config.json.template`: documentation of
    settings, not settings."""
    name = rel.rsplit("/", 1)[-1].lower()
    return any(marker in name for marker in EXAMPLE_MARKERS)


def all_urls(ctx: Any) -> list[tuple[str, dict[str, Any]]]:
    """(path, url fact) for CXone URLs in Python code (not tests) and in configuration files
    (not the registration manifest itself, not example files)."""
    from cxone_rules.manifest import manifest_paths

    out = [(rel, url) for rel, facts in http_facts(ctx) for url in facts.get("urls", [])]
    manifests = set(manifest_paths(ctx))
    for rel, facts in ctx.facts(CONFIG_EXTRACTOR):
        if rel in manifests or is_test_path(rel) or is_example_path(rel):
            continue
        out.extend((rel, url) for url in facts.get("urls", []))
    return out
