"""The one place where tree-sitter extraction builds fact records.

Today the rules read the dict shapes of the Python extractors ("cxone.http" in
analysis/python_http.py, "cxone.secrets" in analysis/python_secrets.py); the semantic
extractor fills exactly those through the functions here, so switching every tree-sitter
language to typed fact classes is a change to this module alone. Nothing here ever stores a
secret value: secrets are a kind and a fingerprint.
"""

from __future__ import annotations

import re
from typing import Any

from cxone_rules.analysis import secrets as sx
from cxone_rules.analysis.python_http import CXONE_WORDS, TOKEN_PATHS, _word
from cxone_rules.domain.hosts import UNKNOWN, classify_url, is_cxone_host, split_url, url_path_kind

Pos = dict[str, int]


def http_facts(text: str) -> dict[str, Any]:
    lowered = text.lower()
    return {
        "urls": [],
        "other_hosts": [],
        "token_requests": [],
        "grants": [],
        "authorize": [],
        "redirect_uris": [],
        "jwt_encodes": [],
        "jwt_unverified": [],
        "config_calls": [],
        "api_endpoint_reads": [],
        "imports": {},
        "constants": {},
        "libs": [],
        "cxone_context": any(w in lowered for w in CXONE_WORDS),
        "cxone_word": "cxone" in lowered,
        "checkmarx": "checkmarx" in lowered,
        "assertion_file": "client_assertion" in text,
        # Facts the Python extractor does not produce yet (rules for them come later).
        "env_refs": [],
        "cors": [],
    }


def secrets_facts(text: str, is_test: bool) -> dict[str, Any]:
    return {
        "secrets": [],
        "leaks": [],
        "tls": [],
        "http": [],
        "test": is_test,
        "checkmarx": sx.is_checkmarx(text),
        # How a fix reads a secret from the environment in this language (CX4xx fixes).
        "env_read": "process.env.{name}",
        "env_import": None,
        "os_imported": True,
        "import_line": 1,
    }


def url(pos: Pos, redacted: str, info: Any, extra: dict[str, str] | None = None) -> dict[str, Any]:
    entry = {**pos, "url": redacted, **info.to_json()}
    if extra:
        entry.update(extra)
    return entry


def grant(pos: Pos, value: str, source: str) -> dict[str, Any]:
    return {**pos, "value": _word(value), "source": source}


def endpoint_target(val: dict[str, Any], text: str | None) -> tuple[Any, str, str]:
    """(host info, endpoint, target) for a token request URL, as python_http decides them."""
    if text and text.startswith("/"):
        text = UNKNOWN + text  # a path sent to a base URL the code adds elsewhere
    info = classify_url(text) if text else None
    if info is not None:
        return info, (info.path_kind if info.path_kind in TOKEN_PATHS else "unknown"), "cxone"
    keys = [k.lower() for k in val.get("keys", [])]
    refs = [
        r.rsplit(":", 1)[-1].rsplit(".", 1)[-1].lower().lstrip("_") for r in val.get("refs", [])
    ]
    if "token_endpoint" in keys or "token_endpoint" in refs:
        endpoint = "discovered"
    elif text and url_path_kind(text) in TOKEN_PATHS:
        endpoint = url_path_kind(text) or "unknown"
    else:
        endpoint = "unknown"
    target = "unknown"
    split = split_url(text) if text and "://" in text else None
    if split:
        tail = split[0].rsplit(UNKNOWN, 1)[-1].strip(".-")
        if "." in tail and not is_cxone_host(tail):
            target = "other"
    return None, endpoint, target


def token_request(
    pos: Pos,
    *,
    lib: str,
    method: str | None,
    url_val: dict[str, Any],
    url_text: str | None,
    grant_value: str | None,
    styles: list[str],
    body: str,
    extra: dict[str, Any],
) -> dict[str, Any]:
    info, endpoint, target = endpoint_target(url_val, url_text)
    return {
        **pos,
        "lib": lib,
        "method": _word(method),
        "url": url_val,
        "host": info.to_json() if info else None,
        "endpoint": endpoint,
        "target": target,
        "grant": _word(grant_value) if grant_value and UNKNOWN not in grant_value else None,
        "client_auth": styles,
        "body": body,
        **extra,
    }


def authorize(
    pos: Pos,
    source: str,
    response_type: str | None,
    code_challenge: bool,
    method: str | None,
    redirect: dict[str, Any] | None,
    state: str | None,
) -> dict[str, Any]:
    return {
        **pos,
        "source": source,
        "response_type": _word(response_type),
        "code_challenge": code_challenge,
        "method": _word(method),
        "redirect_uri": redirect,
        "scope": None,
        "state": state,  # "static" | "dynamic" | None (no state sent)
    }


def jwt_encode(pos: Pos, *, alg: str | None, **fields: Any) -> dict[str, Any]:
    return {**pos, "alg": _word(alg), **fields}


def config_call(pos: Pos, auth_header: bool) -> dict[str, Any]:
    return {**pos, "auth_header": auth_header}


def secret(
    start: tuple[int, int],
    end: tuple[int, int],
    kind: str,
    value: str,
    name: str,
    context: str,
    detail: dict[str, Any] | None,
    env: str | None,
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "kind": kind,
        "name": name,
        "fp": sx.fingerprint(value),
        "context": context,
        "start": list(start),
        "end": list(end),
    }
    if detail:
        entry["detail"] = detail
    if env:
        entry["env"] = env
    return entry


def leak(start: tuple[int, int], end: tuple[int, int], sink: str, what: str) -> dict[str, Any]:
    return {"sink": sink, "what": what, "start": list(start), "end": list(end)}


def tls(start: tuple[int, int], end: tuple[int, int], what: str) -> dict[str, Any]:
    return {"what": what, "start": list(start), "end": list(end)}


def insecure_http(
    start: tuple[int, int], end: tuple[int, int], host: str, scheme: tuple[int, int] | None
) -> dict[str, Any]:
    entry: dict[str, Any] = {"host": host, "start": list(start), "end": list(end)}
    if scheme is not None:
        entry["scheme"] = list(scheme)
    return entry


def env_ref(pos: Pos, name: str, has_default: bool) -> dict[str, Any]:
    return {**pos, "name": name, "default": has_default}


def cors(pos: Pos, what: str, origin: str | None) -> dict[str, Any]:
    return {**pos, "what": what, "origin": origin}


_ENV_WORD = re.compile(r"[^A-Za-z0-9]+")


def env_name(name: str) -> str:
    words = sx.name_words(name)
    return "_".join(w.upper() for w in words) or "SECRET"
