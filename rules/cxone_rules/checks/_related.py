"""Related locations of a finding: where the values the linker filled in are written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from cxone_lint.api.diagnostics import Position, Related
from cxone_lint.api.facts import Fact
from cxone_rules.facts.store import facts_of

WRITTEN_HERE = "the value is written here"
PASSED_HERE = "a caller passes the value here"


def _why(origin: Fact) -> str:
    return PASSED_HERE if origin.type_name == "CallSite" else WRITTEN_HERE


def origins(ctx: Any, fact: Fact, field: str | None = None) -> tuple[Related, ...]:
    """Where the values of `fact`'s field (or of all its fields) come from, when another file
    or another line gives them (an imported constant, a .env value, a configuration key)."""
    out: list[Related] = []
    for origin in facts_of(ctx).origins(fact, field):
        if origin.file == fact.file and origin.line == fact.line:
            continue
        here = Related(origin.file, origin.start, origin.end, _why(origin))
        if here not in out:
            out.append(here)
    return tuple(out)


READ_HERE = "the code reads it here"
CONFIG_LANGUAGES = frozenset({"toml", "json", "yaml", "env", "ini"})


@dataclass(frozen=True)
class Place:
    """Where a finding about a linked value points, and the other places it is about."""

    path: str
    start: Position
    end: Position
    related: tuple[Related, ...]


def placed(ctx: Any, fact: Fact, field: str | None = None) -> Place:
    """A finding about `fact`'s value points at the configuration line (a .env, YAML, JSON or
    TOML value) when the value comes from one, with the code line as a related location;
    otherwise at the fact, with where its value is written as related locations."""
    found = facts_of(ctx).origins(fact, field)
    config = [o for o in found if o.language in CONFIG_LANGUAGES]
    if not config:
        return Place(fact.file, fact.start, fact.end, origins(ctx, fact, field))
    value = config[-1]
    also = [Related(fact.file, fact.start, fact.end, READ_HERE)]
    also.extend(Related(o.file, o.start, o.end, WRITTEN_HERE) for o in found if o is not value)
    return Place(value.file, value.start, value.end, tuple(also))


def merged(places: list[tuple[Place, Any]]) -> list[tuple[Place, Any]]:
    """One entry per primary location (a configuration value read by several code lines, or
    written in the file and read by code, is one finding): the related locations joined."""
    out: dict[tuple[str, Position], tuple[Place, Any]] = {}
    for place, item in places:
        key = (place.path, place.start)
        if key not in out:
            out[key] = (place, item)
            continue
        known, first = out[key]
        extra = tuple(r for r in place.related if r not in known.related)
        out[key] = (Place(known.path, known.start, known.end, known.related + extra), first)
    return list(out.values())


def readers(ctx: Any, fact: Fact) -> tuple[Related, ...]:
    """The code lines that read the value `fact` is about (a configuration value a token
    request takes its URL from, a .env variable), for a finding at the value."""
    out: list[Related] = []
    lines: set[tuple[str, int]] = set()
    for reader in facts_of(ctx).readers(fact):
        if reader.file == fact.file or (reader.file, reader.line) in lines:
            continue  # one related location per line that reads it
        lines.add((reader.file, reader.line))
        out.append(Related(reader.file, reader.start, reader.end, READ_HERE))
    return tuple(out)


USED_AGAIN = "the same host is used here again"


F = TypeVar("F", bound=Fact)


def once_per_file(found: list[tuple[F, str]]) -> list[tuple[F, tuple[Related, ...]]]:
    """One finding per file and key (a host written in one file is one hard-coded host):
    the first fact of each, with the later ones as related locations."""
    groups: dict[tuple[str, str], list[F]] = {}
    for fact, key in found:
        groups.setdefault((fact.file, key), []).append(fact)
    out: list[tuple[F, tuple[Related, ...]]] = []
    for facts in groups.values():
        facts.sort(key=lambda f: (f.start.line, f.start.column))
        first, *rest = facts
        also = tuple(dict.fromkeys(Related(f.file, f.start, f.end, USED_AGAIN) for f in rest))
        out.append((first, also))
    return out
