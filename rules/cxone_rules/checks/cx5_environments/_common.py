"""Shared by the CX5xx rules (cx5_environments/*.py)."""

from __future__ import annotations

from typing import Any

from cxone_lint.api.diagnostics import Position

# Kinds of host an area or environment is read from (docs sites say nothing about where the
# integration runs).
SERVICE_KINDS = ("issuer", "area-api", "userhub", "auth", "cluster-api", "government-digital")


def _at(fact: dict[str, Any]) -> Position:
    return Position(int(fact["line"]), int(fact["col"]))
