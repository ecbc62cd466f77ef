"""Shared by the CX5xx rules (cx5_environments/*.py)."""

from __future__ import annotations

# Kinds of host an area or environment is read from (docs sites say nothing about where the
# integration runs).
SERVICE_KINDS = ("issuer", "area-api", "userhub", "auth", "cluster-api", "government-digital")
