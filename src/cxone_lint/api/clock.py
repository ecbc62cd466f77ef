"""The clock as rules may read it: `has_passed(instant)`.

A rule whose answer depends on the time (a token that has expired by now) asks this instead of
reading `time.time()` itself, so the run knows until when its answer holds: a later instant a
rule compared with is a deadline, and a reused result of phase two (run/result_cache.py) is
only reused before the earliest one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Deadlines:
    """The earliest future instant the rules compared the clock with (None: none)."""

    def __init__(self) -> None:
        self.earliest: float | None = None

    def note(self, instant: float) -> None:
        if self.earliest is None or instant < self.earliest:
            self.earliest = instant


_watching: list[Deadlines] = []


def has_passed(instant: float) -> bool:
    """Whether `instant` (seconds since the epoch) is in the past."""
    if instant < time.time():
        return True
    for deadlines in _watching:
        deadlines.note(instant)
    return False


@contextmanager
def watch() -> Iterator[Deadlines]:
    """Collect the deadlines of what runs inside (the engine wraps phase two in it)."""
    deadlines = Deadlines()
    _watching.append(deadlines)
    try:
        yield deadlines
    finally:
        _watching.remove(deadlines)
