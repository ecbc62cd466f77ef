"""Shared by the CX9xx rules: the project's routes and which of them carry CXone tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cxone_rules.checks._runtime import (
    facts_in,
    route_hands,
    route_obtains_user_token,
    route_spends,
)
from cxone_rules.facts.kinds import HttpRoute
from cxone_rules.facts.profile import code_files, cxone_requests

SHARED_KEY = "cxone.surface.routes"


@dataclass(frozen=True)
class RouteUse:
    route: HttpRoute
    hands: str  # the token its response carries, "" for none
    spends: bool  # it calls CXone with the server's token
    callback: bool  # it is an OAuth callback (redeems the user's code)


def token_routes(ctx: Any) -> list[RouteUse]:
    """Every route of the project's code, with what it does with CXone tokens (cached)."""
    found = ctx.shared.get(SHARED_KEY)
    if found is None:
        found = []
        if cxone_requests(ctx) or _holds_tokens(ctx):
            for route in facts_in(ctx, HttpRoute, code_files(ctx)):
                found.append(
                    RouteUse(
                        route,
                        route_hands(ctx, route),
                        route_spends(ctx, route),
                        route_obtains_user_token(ctx, route),
                    )
                )
        ctx.shared[SHARED_KEY] = found
    return list(found)


def _holds_tokens(ctx: Any) -> bool:
    from cxone_rules.checks._runtime import cxone_files

    return bool(cxone_files(ctx))


def exposed(ctx: Any) -> list[RouteUse]:
    """Routes that hand out or spend the server's CXone token and authenticate no caller."""
    return [
        r
        for r in token_routes(ctx)
        if r.route.auth == "none" and (r.hands or r.spends) and not r.callback
    ]
