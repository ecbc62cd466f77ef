"""Typed facts: the records extractors emit in phase one and rules read in phase two.

A fact kind is a frozen dataclass deriving from `Fact`. Every fact has the same header: where
it is (1-based line and column in characters, and the exclusive end of the whole construct it
describes: the literal, the key, the call), the file and the language it was read from. The
rest is the kind's own fields, of these types: `str`, `int`, `float`, `bool`, `None`, tuples and
dicts of those, other dataclasses, and classes with their own `to_json()` / `from_json()` (a
pack's symbolic strings, `Span`). That is what makes every fact JSON, so per-file facts live in
the parse cache and cross process boundaries unchanged.

Kinds register themselves by class name (`type_name`, overridable): a pack names its kinds, the
codec finds the class again when it reads a cache entry. Two classes with one name is an error,
so packs that may meet should prefix their names.

What an extractor stores for one file is a batch (`encode_batch`): the language once, then the
facts without `file` and `language` (they come from the file the batch belongs to, so a file's
facts depend on its content alone). `decode_batch` gives the facts back with their header whole.

Facts never hold secret values: that is the contract of every extractor, not something a codec
can check.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, TypedDict, TypeVar, Union

from cxone_lint.api.diagnostics import Position

BATCH_KEY = "records"
"""The key of the batch in an extractor's `facts` dict."""

_KINDS: dict[str, type[Fact]] = {}
_HEADER = ("line", "column", "end_line", "end_column", "file", "language")


@dataclass(frozen=True)
class Span:
    """A range of a file without the rest of a fact's header: a keyword to rewrite, a piece
    of text a fix removes. End exclusive, 1-based lines and columns in characters."""

    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def start(self) -> Position:
        return Position(self.line, self.column)

    @property
    def end(self) -> Position:
        return Position(self.end_line, self.end_column)

    def to_json(self) -> list[int]:
        return [self.line, self.column, self.end_line, self.end_column]

    @classmethod
    def from_json(cls, data: Any) -> Span:
        line, column, end_line, end_column = data
        return cls(int(line), int(column), int(end_line), int(end_column))


class Header(TypedDict):
    """A fact's position, as keyword arguments: `TokenRequest(**header, lib=...)`."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, kw_only=True)
class Fact:
    """The header every fact kind shares. Subclasses add their fields (keyword-only)."""

    type_name: ClassVar[str] = "Fact"

    line: int
    column: int
    end_line: int
    end_column: int
    file: str = ""
    language: str = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("type_name") or cls.__name__
        cls.type_name = name
        known = _KINDS.get(name)
        if known is not None and (known.__module__, known.__qualname__) != (
            cls.__module__,
            cls.__qualname__,
        ):
            raise TypeError(f"fact kind {name!r} is defined twice ({known.__module__})")
        _KINDS[name] = cls

    @property
    def start(self) -> Position:
        return Position(self.line, self.column)

    @property
    def end(self) -> Position:
        return Position(self.end_line, self.end_column)

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column)

    def to_json(self) -> dict[str, Any]:
        """The fact without `file` and `language`; fields at their default are left out."""
        out: dict[str, Any] = {
            "t": self.type_name,
            "at": [self.line, self.column, self.end_line, self.end_column],
        }
        for f in _fields(type(self)):
            value = getattr(self, f.name)
            if _is_default(f, value):
                continue
            out[f.name] = encode(value)
        return out

    @staticmethod
    def from_json(data: dict[str, Any], file: str = "", language: str = "") -> Fact:
        cls = _KINDS.get(data.get("t", ""))
        if cls is None:
            raise ValueError(f"unknown fact kind {data.get('t')!r}")
        line, column, end_line, end_column = data["at"]
        hints = _hints(cls)
        values: dict[str, Any] = {}
        for f in _fields(cls):
            if f.name in data:
                values[f.name] = decode(hints[f.name], data[f.name])
        return cls(
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            file=file,
            language=language,
            **values,
        )


def fact_kinds() -> dict[str, type[Fact]]:
    """Every registered kind by name (for documentation and tests)."""
    return dict(_KINDS)


def encode_batch(facts: Iterable[Fact], language: str) -> dict[str, Any]:
    return {"language": language, "facts": [f.to_json() for f in facts]}


def decode_batch(data: dict[str, Any], file: str) -> list[Fact]:
    language = str(data.get("language", ""))
    return [Fact.from_json(item, file, language) for item in data.get("facts", ())]


# -- the codec -----------------------------------------------------------------------------------

T = TypeVar("T")


def encode(value: Any) -> Any:
    """A field value as JSON data."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: encode(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not _is_default(f, getattr(value, f.name))
        }
    if isinstance(value, (tuple, list, frozenset, set)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    raise TypeError(f"cannot store a {type(value).__name__} in a fact")


def decode(tp: Any, data: Any) -> Any:
    """JSON data back into a value of the annotated type `tp`."""
    origin = typing.get_origin(tp)
    if origin is Union or (sys.version_info >= (3, 10) and origin is types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if data is None:
            return None
        if len(args) == 1:
            return decode(args[0], data)
        for a in args:  # unions of plain types: the first that fits
            if isinstance(a, type) and isinstance(data, a):
                return data
        return decode(args[0], data)
    if origin is tuple:
        items = typing.get_args(tp)
        if len(items) == 2 and items[1] is Ellipsis:
            return tuple(decode(items[0], v) for v in data)
        return tuple(decode(a, v) for a, v in zip(items, data, strict=True))
    if origin in (list, frozenset, set):
        (arg,) = typing.get_args(tp)
        return origin(decode(arg, v) for v in data)
    if origin is dict:
        _, arg = typing.get_args(tp)
        return {k: decode(arg, v) for k, v in data.items()}
    if tp is Any or tp in (str, int, bool) or tp is type(None):
        return data
    if tp is float:
        return float(data)
    if isinstance(tp, type):
        from_json = getattr(tp, "from_json", None)
        if callable(from_json) and not issubclass(tp, Fact):
            return from_json(data)
        if dataclasses.is_dataclass(tp):
            hints = _hints(tp)
            return tp(**{k: decode(hints[k], v) for k, v in data.items()})
    raise TypeError(f"cannot read a {tp!r} from a fact")


_FIELDS: dict[type, tuple[dataclasses.Field[Any], ...]] = {}
_HINTS: dict[type, dict[str, Any]] = {}


def _fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    found = _FIELDS.get(cls)
    if found is None:
        found = tuple(f for f in dataclasses.fields(cls) if f.name not in _HEADER)
        _FIELDS[cls] = found
    return found


def _hints(cls: type) -> dict[str, Any]:
    found = _HINTS.get(cls)
    if found is None:
        found = typing.get_type_hints(cls)
        _HINTS[cls] = found
    return found


def _is_default(f: dataclasses.Field[Any], value: Any) -> bool:
    if f.default is not dataclasses.MISSING:
        return bool(value == f.default)
    if f.default_factory is not dataclasses.MISSING:
        return bool(value == f.default_factory())
    return False
