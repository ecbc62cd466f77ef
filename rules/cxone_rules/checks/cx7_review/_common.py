"""Shared by the CX7xx rules (cx7_review/*.py)."""

from __future__ import annotations

LIFECYCLE = "https://developer.niceincontact.com/Documentation/YourAppLifeCycle"

_OK = '[app]\nname = "A"\nclient_id = "3f6a9e2c"\ntenancy = "all"\nstatus = "enabled"\n'
