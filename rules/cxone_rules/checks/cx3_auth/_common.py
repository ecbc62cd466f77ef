"""Shared by the CX3xx rules (cx3_auth/*.py): CXone token and authorize requests, by file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cxone_rules.facts.kinds import AuthorizeRequest, TokenRequest
from cxone_rules.facts.profile import code_files, cxone_requests, is_cxone_code
from cxone_rules.facts.store import facts_of
from cxone_rules.manifest import checkable_manifests


def skip_without_manifest(ctx: Any, code: str) -> bool:
    return not checkable_manifests(ctx, code)


def requests_by_file(ctx: Any) -> dict[str, list[TokenRequest]]:
    """CXone token requests (linked and classified by the profile), by file."""
    out: dict[str, list[TokenRequest]] = {}
    for req in cxone_requests(ctx):
        out.setdefault(req.file, []).append(req)
    return out


def cxone_code_files(ctx: Any) -> Iterator[str]:
    """Code files (not tests) that are about CXone, in path order."""
    for rel in code_files(ctx):
        if is_cxone_code(ctx, rel):
            yield rel


def authorize_requests(ctx: Any) -> Iterator[AuthorizeRequest]:
    store = facts_of(ctx)
    for rel in cxone_code_files(ctx):
        yield from store.in_file(rel, AuthorizeRequest)


# The token endpoints of Central (inContact) CXone, where the registered scope is what a token
# may carry (the current token service reads the API groups from the registration alone).
CENTRAL_ENDPOINTS = ("legacy-token", "access-key")


def central_requests(ctx: Any) -> dict[tuple[str, tuple[Any, ...]], list[TokenRequest]]:
    """Token requests to Central CXone, by the (manifest path, app table) that governs them."""
    from cxone_rules.facts.profile import governing_app

    out: dict[tuple[str, tuple[Any, ...]], list[TokenRequest]] = {}
    for rel, reqs in requests_by_file(ctx).items():
        governed = governing_app(ctx, rel)
        if governed is None:
            continue
        manifest, app = governed
        for req in reqs:
            if req.endpoint in CENTRAL_ENDPOINTS:
                out.setdefault((manifest.path, tuple(app.table_path)), []).append(req)
    return out
