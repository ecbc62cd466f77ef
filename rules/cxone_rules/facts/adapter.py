"""Transitional: typed facts presented in the dict shapes the rule modules still read.

The extractors emit typed facts (facts/kinds.py); until every rule reads those, each extractor
also stores the view of its facts that `legacy_*` computes from them, and the profile hands
rules dicts made here. Nothing here is a source of truth: every value is derived from a typed
fact. This module goes away with the last rule that reads a dict.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.facts import Fact, Span
from cxone_rules.extract.common import word_of
from cxone_rules.facts.kinds import (
    AuthorizeRequest,
    ConfigRead,
    DiscoveryCall,
    Export,
    FileTraits,
    GrantValue,
    Import,
    JwtDecode,
    JwtEncode,
    PlainHttpUrl,
    RedirectUri,
    SecretLiteral,
    Sink,
    TlsSetting,
    TokenRequest,
    UrlUse,
)
from cxone_rules.facts.symstr import UNKNOWN, SymStr


def pos(f: Fact) -> dict[str, int]:
    return {"line": f.line, "col": f.column}


def where(f: Fact) -> dict[str, list[int]]:
    return {"start": [f.line, f.column], "end": [f.end_line, f.end_column]}


def val(sym: SymStr | None) -> dict[str, Any] | None:
    """The old `Val.to_json()` form: text when something is known, and the holes' names."""
    if sym is None:
        return None
    rendered = sym.render()
    out: dict[str, Any] = {"text": rendered if rendered.replace(UNKNOWN, "") else None}
    env = sym.names("env")
    refs = [h.name for h in sym.holes() if h.kind in ("import", "param", "unknown") and h.name]
    keys = sym.names("key")
    if env:
        out["env"] = env
    if refs:
        out["refs"] = list(dict.fromkeys(refs))
    if keys:
        out["keys"] = keys
    return out


def url(u: UrlUse) -> dict[str, Any]:
    entry: dict[str, Any] = {**pos(u)}
    if u.key is not None:
        entry["key"] = u.key
    entry["url"] = u.url.render()
    entry.update(u.info.to_json() if u.info is not None else {})
    if u.fallback_for is not None:
        entry["fallback_for"] = u.fallback_for
    if u.env_default_for is not None:
        entry["env"] = u.env_default_for
    return entry


def token_request(r: TokenRequest) -> dict[str, Any]:
    return {
        **pos(r),
        "lib": r.lib,
        "method": r.method,
        "url": val(r.url),
        "host": r.host.to_json() if r.host is not None else None,
        "endpoint": r.endpoint,
        "target": r.target,
        "grant": word_of(r.grant),
        "client_auth": list(r.client_auth),
        "body": r.body,
        "access_key_encoding": r.access_key_encoding,
        "access_key_json": r.access_key_json,
        "pkce_verifier": r.pkce_verifier,
        "client_id_in_body": r.client_id_in_body,
        "redirect_uri": val(r.redirect_uri),
        "json_keyword": [r.body_keyword.line, r.body_keyword.column] if r.body_keyword else None,
    }


def authorize(a: AuthorizeRequest) -> dict[str, Any]:
    return {
        **pos(a),
        "source": a.source,
        "response_type": word_of(a.response_type),
        "code_challenge": a.code_challenge,
        "method": word_of(a.challenge_method),
        "redirect_uri": val(a.redirect_uri),
        "scope": None,
    }


def jwt_encode(j: JwtEncode, assertion_file: bool) -> dict[str, Any]:
    return {
        **pos(j),
        "alg": word_of(j.alg),
        "claims": sorted(j.claims) if j.claims is not None else None,
        "iss_sub_same": j.iss_sub_same,
        "iss_client_id": j.iss_is_client_id,
        "aud": j.audience,
        "exp_seconds": j.lifetime_seconds,
        "key": j.key,
        "in_assertion_file": assertion_file,
    }


def _span_pairs(s: Span) -> list[list[int]]:
    return [[s.line, s.column], [s.end_line, s.end_column]]


def legacy_http(facts: Iterable[Fact]) -> dict[str, Any]:
    """The old "cxone.http" dict."""
    items = list(facts)
    traits = next((f for f in items if isinstance(f, FileTraits)), None)
    assertion = bool(traits and traits.client_assertion)
    out: dict[str, Any] = {
        "urls": [url(f) for f in items if isinstance(f, UrlUse)],
        "token_requests": [token_request(f) for f in items if isinstance(f, TokenRequest)],
        "grants": [
            {**pos(f), "value": word_of(f.value), "source": f.source}
            for f in items
            if isinstance(f, GrantValue)
        ],
        "authorize": [authorize(f) for f in items if isinstance(f, AuthorizeRequest)],
        "redirect_uris": [
            {**pos(f), **(val(f.value) or {})} for f in items if isinstance(f, RedirectUri)
        ],
        "jwt_encodes": [jwt_encode(f, assertion) for f in items if isinstance(f, JwtEncode)],
        "jwt_unverified": [pos(f) for f in items if isinstance(f, JwtDecode)],
        "config_calls": [],
        "api_endpoint_reads": [
            pos(f) for f in items if isinstance(f, ConfigRead) and f.key == "api_endpoint"
        ],
        "imports": {f.local: f"{f.module}:{f.name}" for f in items if isinstance(f, Import)},
        "constants": {f.name: f.value.render() for f in items if isinstance(f, Export)},
        "cxone_context": bool(traits and traits.cxone_named),
        "cxone_word": bool(traits and traits.cxone_word),
        "checkmarx": bool(traits and traits.mentions_checkmarx),
        "assertion_file": assertion,
    }
    for f in items:
        if isinstance(f, DiscoveryCall):
            entry: dict[str, Any] = {**pos(f), "auth_header": f.sends_authorization}
            if f.authorization_removal is not None:
                entry["remove_headers"] = _span_pairs(f.authorization_removal)
            out["config_calls"].append(entry)
    return out


def secret(s: SecretLiteral) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "kind": s.kind,
        "name": s.name,
        "fp": s.fingerprint,
        "context": s.context,
        **where(s),
    }
    detail: dict[str, Any] = {}
    if s.jwt is not None:
        detail["jwt"] = s.jwt.to_json()
    if s.shape is not None:
        detail["shape"] = s.shape
    if detail:
        entry["detail"] = detail
    if s.env_fix is not None:
        entry["env"] = s.env_fix.env
    return entry


def plain_http(h: PlainHttpUrl, config: bool) -> dict[str, Any]:
    if config:
        return {"host": h.host, "start": [h.line, h.column], "key": h.key}
    entry: dict[str, Any] = {"host": h.host, **where(h)}
    if h.scheme is not None:
        entry["scheme"] = [h.scheme.line, h.scheme.column]
    return entry


def legacy_secrets(facts: Iterable[Fact], test: bool) -> dict[str, Any]:
    """The old "cxone.secrets" dict."""
    items = list(facts)
    traits = next((f for f in items if isinstance(f, FileTraits)), None)
    secrets = [f for f in items if isinstance(f, SecretLiteral)]
    fix = next((s.env_fix for s in secrets if s.env_fix is not None), None)
    return {
        "secrets": [secret(s) for s in secrets],
        "leaks": [
            {"sink": f.sink, "what": f.what, **where(f)} for f in items if isinstance(f, Sink)
        ],
        "tls": [{"what": f.what, **where(f)} for f in items if isinstance(f, TlsSetting)],
        "http": [plain_http(f, False) for f in items if isinstance(f, PlainHttpUrl)],
        "test": test,
        "checkmarx": bool(traits and traits.checkmarx_code),
        "os_imported": fix is not None and fix.import_line is None,
        "import_line": fix.import_line if fix is not None and fix.import_line else 1,
    }


def legacy_config_urls(facts: Iterable[Fact]) -> dict[str, Any]:
    return {"urls": [url(f) for f in facts if isinstance(f, UrlUse)]}


def legacy_config_secrets(
    facts: Iterable[Fact], kind: str, test: bool, example: bool
) -> dict[str, Any]:
    items = list(facts)
    traits = next((f for f in items if isinstance(f, FileTraits)), None)
    secrets = []
    for f in items:
        if isinstance(f, SecretLiteral):
            entry = secret(f)
            del entry["end"]
            secrets.append(entry)
    return {
        "secrets": secrets,
        "http": [plain_http(f, True) for f in items if isinstance(f, PlainHttpUrl)],
        "kind": kind,
        "test": test,
        "example": example,
        "checkmarx": bool(traits and traits.checkmarx_code),
    }
