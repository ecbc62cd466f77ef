"""Shared by the CX1xx rules (cx1_registration/*.py)."""

from __future__ import annotations

from cxone_lint.api.diagnostics import Fix, Position
from cxone_rules.manifest import Manifest
from cxone_rules.manifest.edits import plain_string, raw_token, replace_token
from cxone_rules.manifest.urls import https_instead

CORS_DELAY = "CORS origin updates can take up to three weeks at NICE"


def https_fix(manifest: Manifest, where: Position, url: str) -> Fix | None:
    """Unsafe fix: the same URL over https (the server must really serve it there)."""
    raw = raw_token(manifest.text, where)
    better = https_instead(url)
    if raw is None or better is None or plain_string(raw) != url:
        return None
    content = raw[0] + better + raw[-1]
    return replace_token(manifest.path, manifest.text, where, content, "use https", safe=False)
