"""Every file's typed facts, decoded and linked once per run: what rules and the profile read.

`facts_of(ctx)` builds the store on first use and keeps it in `ctx.shared`, so the decoding of
cached facts and the linker run once per run, not once per rule. Facts come back in file order
(sorted paths) and, within a file, in the order the extractors emitted them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeVar

from cxone_lint.api.context import FileResult
from cxone_lint.api.facts import BATCH_KEY, Fact, decode_batch
from cxone_rules.facts.kinds import FileTraits
from cxone_rules.facts.linker import Linker
from cxone_rules.facts.symstr import SymStr

F = TypeVar("F", bound=Fact)

SHARED_KEY = "cxone.facts"
CONFIG_LANGUAGES = frozenset({"toml", "json", "yaml", "env", "ini"})


class FactStore:
    def __init__(self, files: Mapping[str, FileResult], linker: Linker | None = None) -> None:
        decoded: dict[str, list[Fact]] = {}
        for rel in sorted(files):
            for data in files[rel].facts.values():
                batch = data.get(BATCH_KEY) if isinstance(data, dict) else None
                if batch:
                    decoded.setdefault(rel, []).extend(decode_batch(batch, rel))
        self.linker = linker or Linker()
        self.unlinked: dict[str, list[Fact]] = decoded
        self.by_file: dict[str, list[Fact]] = self.linker.link(decoded)
        self._kinds: dict[tuple[str, type], list[Any]] = {}
        self._readers: dict[tuple[str, int, int], list[Fact]] | None = None

    @classmethod
    def of(cls, facts: Mapping[str, Sequence[Fact]]) -> FactStore:
        """A store over facts already decoded (tests, tools)."""
        store = cls({})
        store.unlinked = {rel: list(items) for rel, items in sorted(facts.items())}
        store.by_file = store.linker.link(store.unlinked)
        store._readers = None
        return store

    def resolve(self, value: SymStr, where: Fact) -> SymStr:
        """`value` as the linker completes it when read in `where`'s file."""
        return self.linker.resolve(value, where)

    def origins(self, fact: Fact, field: str | None = None) -> tuple[Fact, ...]:
        """Where the values the linker put into `fact` (one field, or all) are written."""
        return self.linker.origins_of(fact, field)

    def readers(self, fact: Fact) -> list[Fact]:
        """The facts whose values the linker took from `fact`'s position (the code that reads
        a configuration value, a constant, a .env variable), in file order."""
        if self._readers is None:
            self._readers = {}
            origins = getattr(self.linker, "origins", {})
            if origins:
                for items in self.by_file.values():
                    for item in items:
                        for source in self.linker.origins_of(item):
                            where = (source.file, source.line, source.column)
                            self._readers.setdefault(where, []).append(item)
        return list(self._readers.get((fact.file, fact.line, fact.column), ()))

    def files(self) -> list[str]:
        return list(self.by_file)

    def all(self, kind: type[F]) -> list[F]:
        return [f for rel in self.by_file for f in self.in_file(rel, kind)]

    def in_file(self, rel: str, kind: type[F]) -> list[F]:
        key = (rel, kind)
        found = self._kinds.get(key)
        if found is None:
            found = [f for f in self.by_file.get(rel, ()) if isinstance(f, kind)]
            self._kinds[key] = found
        return found

    def by_path(self, kind: type[F]) -> Iterator[tuple[str, list[F]]]:
        """(path, facts of that kind) for every file with at least one."""
        for rel in self.by_file:
            found = self.in_file(rel, kind)
            if found:
                yield rel, found

    def traits(self, rel: str) -> FileTraits:
        found = self.in_file(rel, FileTraits)
        return found[0] if found else FileTraits(line=1, column=1, end_line=1, end_column=1)

    def language(self, rel: str) -> str:
        items = self.by_file.get(rel)
        return items[0].language if items else ""

    def is_config(self, rel: str) -> bool:
        """A configuration document (values), not code."""
        return self.language(rel) in CONFIG_LANGUAGES


def facts_of(ctx: Any) -> FactStore:
    """The run's fact store (built on first use, shared by every rule)."""
    store = ctx.shared.get(SHARED_KEY)
    if store is None:
        store = FactStore(ctx.files)
        ctx.shared[SHARED_KEY] = store
    return store  # type: ignore[no-any-return]
