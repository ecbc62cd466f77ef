"""Shared by the CX3xx rules (cx3_auth/*.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cxone_lint.api.diagnostics import Position
from cxone_rules.analysis.profile import (
    http_facts,
    is_cxone_file,
    is_cxone_request,
    resolved_requests,
)
from cxone_rules.manifest import checkable_manifests


def _at(fact: dict[str, Any]) -> Position:
    return Position(int(fact["line"]), int(fact["col"]))


def _skip_without_manifest(ctx: Any, code: str) -> bool:
    return not checkable_manifests(ctx, code)


def _requests_by_file(ctx: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for req in resolved_requests(ctx):
        if is_cxone_request(req):
            out.setdefault(req["path"], []).append(req)
    return out


def _authorize_facts(ctx: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    for rel, facts in http_facts(ctx):
        if not is_cxone_file(facts, ctx, rel):
            continue
        for auth in facts.get("authorize", []):
            yield rel, auth
