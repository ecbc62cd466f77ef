"""Symbolic strings: what a string-valued fact field is known to hold, in every language.

A `SymStr` is a sequence of pieces: literal text and holes. A hole says what is not known in
this file and why, so the linker can fill it from another file and a rule can still reason
about the rest (`"Basic " + b64(...)` starts with "Basic " whatever the credential is):

    param:x              a parameter of the enclosing function (`default`: its default)
    import:mod:NAME      a name imported from another module (the module as written, relative
                         forms included; the linker resolves it against the importing file)
    env:NAME             an environment variable; `default` is what runs when it is unset, and
                         the value the hole stands for until the linker knows better
    key:a.b              a key or attribute read from something this file cannot see (a
                         discovery response, a settings object)
    config:file#a.b      a key of a known configuration document
    call:f               what a call returns (`args`: its arguments, when they matter)
    enc:b64|uri|form|json|urlencode
                         an encoder applied to `args[0]` (`btoa`, `base64_encode`,
                         `encodeURIComponent`, `quote`, `urlencode`, `JSON.stringify`)
    alt                  one of `args` (`a or b`, `a || b`, `a ?? b`, ternaries): the first is
                         the preferred reading, the one the extractor would pick alone
    each                 every one of `args` in turn (a loop over a known list of areas): a
                         rule that checks one value checks them all (`readings()`)
    eq / ne              `args[0]` compared with the rest (`flag == "true"`, `x in ("1", "yes")`):
                         "true" or "false" once every one is known
    not                  the negation of a flag (`not x`)
    secret:what          a sensitive value (a token, a whole token response) known by what it
                         is, never by its text: what a function returns or a caller passes,
                         for sinks in other functions and files
    unknown:detail       nothing known
    redacted             a literal kept out of facts because it could be a secret

Rules ask the same questions in every language: `text` (the whole string when nothing is
missing), `render()` (the text with U+FFFC where something is unknown, what URL classifiers
read), `partial` (the same, None when nothing at all is known), `host`, `startswith()`,
`one_of()` (equality with vocabulary), `word_of()` (a vocabulary field as a word), `holes()`.
The linker uses `fill()`. Symbolic strings are immutable and JSON (a list of pieces: a string
for literal text, an object for a hole), so facts holding them cache by file content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

UNKNOWN = "\ufffc"
"""What `render()` puts where a piece is unknown (the marker URL classifiers understand)."""

# Texts a `not` reads as false (a flag's spellings in code, .env and configuration files).
FALSY = frozenset({"", "false", "no", "off", "0", "none", "null"})

# Encoders whose output reads like their input for URL purposes: quoting a URL keeps its host.
TRANSPARENT_ENCODERS = frozenset({"uri", "urlencode"})


@dataclass(frozen=True)
class Hole:
    kind: str
    name: str = ""
    default: SymStr | None = None
    args: tuple[SymStr, ...] = ()

    def __str__(self) -> str:
        if self.kind == "enc":
            return f"{self.name}({', '.join(str(a) for a in self.args)})"
        if self.kind in ("alt", "each"):
            return (" | " if self.kind == "alt" else " & ").join(str(a) for a in self.args)
        label = f"{self.kind}:{self.name}" if self.name else self.kind
        if self.default is not None:
            label += f"({self.default})"
        return label

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"h": self.kind}
        if self.name:
            out["n"] = self.name
        if self.default is not None:
            out["d"] = self.default.to_json()
        if self.args:
            out["a"] = [a.to_json() for a in self.args]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Hole:
        default = data.get("d")
        return cls(
            kind=str(data["h"]),
            name=str(data.get("n", "")),
            default=SymStr.from_json(default) if default is not None else None,
            args=tuple(SymStr.from_json(a) for a in data.get("a", ())),
        )

    # -- what the hole stands for before linking ----------------------------------------------

    def stand_in(self) -> SymStr | None:
        """The string this hole reads as when nothing fills it: an env var's (or a
        parameter's) default, the
        preferred alternative, a transparent encoder's input; None when nothing is known."""
        if self.kind in ("env", "config", "param") and self.default is not None:
            return self.default
        if self.kind in ("alt", "each") and self.args:
            return self.args[0]
        if self.kind == "enc" and self.name in TRANSPARENT_ENCODERS and self.args:
            return self.args[0]
        if self.kind in ("eq", "ne") and len(self.args) >= 2:
            texts = [a.text for a in self.args]
            if any(t is None for t in texts):
                return None
            hit = texts[0] in texts[1:]
            return SymStr(("true" if hit == (self.kind == "eq") else "false",))
        if self.kind == "not" and self.args:
            inner = self.args[0].text
            if inner is None:
                return None
            return SymStr(("true" if inner.strip().lower() in FALSY else "false",))
        if self.kind == "enc" and self.name in ("lower", "upper") and self.args:
            inner = self.args[0].text
            if inner is None:
                return None
            return SymStr((inner.lower() if self.name == "lower" else inner.upper(),))
        return None


Piece = str | Hole


class SymStr:
    """Literal pieces and holes. Build with `SymStr.of(...)`, `lit()`, `hole()`, `+`."""

    __slots__ = ("_hash", "pieces")

    def __init__(self, pieces: Iterable[Piece] = ()) -> None:
        merged: list[Piece] = []
        for piece in pieces:
            if isinstance(piece, str):
                if not piece:
                    continue
                if merged and isinstance(merged[-1], str):
                    merged[-1] = merged[-1] + piece
                    continue
            merged.append(piece)
        self.pieces: tuple[Piece, ...] = tuple(merged)
        self._hash: int | None = None

    # -- building -----------------------------------------------------------------------------

    @classmethod
    def of(cls, *pieces: Piece | SymStr) -> SymStr:
        flat: list[Piece] = []
        for p in pieces:
            flat.extend(p.pieces if isinstance(p, SymStr) else (p,))
        return cls(flat)

    @classmethod
    def parse(cls, text: str, hole: Hole | None = None) -> SymStr:
        """Text with UNKNOWN markers (what older resolvers produce) as pieces; every marker
        becomes `hole` (an unknown hole by default)."""
        stand = hole or Hole("unknown")
        parts: list[Piece] = []
        for i, chunk in enumerate(text.split(UNKNOWN)):
            if i:
                parts.append(stand)
            parts.append(chunk)
        return cls(parts)

    def __add__(self, other: SymStr | str) -> SymStr:
        return SymStr.of(self, other)

    def __radd__(self, other: str) -> SymStr:
        return SymStr.of(other, self)

    # -- reading ------------------------------------------------------------------------------

    @property
    def text(self) -> str | None:
        """The whole string when every piece is known (holes with a stand-in count as known)."""
        out: list[str] = []
        for piece in self.pieces:
            if isinstance(piece, str):
                out.append(piece)
                continue
            stand = piece.stand_in()
            inner = stand.text if stand is not None else None
            if inner is None:
                return None
            out.append(inner)
        return "".join(out)

    @property
    def known(self) -> bool:
        return self.text is not None

    @property
    def literal(self) -> bool:
        """Only literal text: no hole at all, not even one with a stand-in."""
        return all(isinstance(p, str) for p in self.pieces)

    def render(self, marker: str = UNKNOWN) -> str:
        """The text with `marker` for every unknown piece."""
        out: list[str] = []
        for piece in self.pieces:
            if isinstance(piece, str):
                out.append(piece)
                continue
            stand = piece.stand_in()
            out.append(stand.render(marker) if stand is not None else marker)
        return "".join(out)

    @property
    def partial(self) -> str | None:
        """`render()` when some part is known, None when nothing is (a lone hole)."""
        rendered = self.render()
        return rendered if rendered.replace(UNKNOWN, "") else None

    def __str__(self) -> str:
        """For people: holes shown by what they are (`{env:ISSUER}/auth/token`)."""
        return "".join(p if isinstance(p, str) else "{" + str(p) + "}" for p in self.pieces)

    def __repr__(self) -> str:
        return f"SymStr({str(self)!r})"

    def startswith(self, prefix: str, *, case: bool = True) -> bool | None:
        """True or False when the known beginning decides it; None when a hole comes first."""
        head = self.render()
        known, _, _ = head.partition(UNKNOWN)
        a, b = (known, prefix) if case else (known.lower(), prefix.lower())
        if a.startswith(b):
            return True
        if len(known) >= len(prefix) or not b.startswith(a):
            return False
        return None

    def one_of(self, *words: str, case: bool = True) -> bool:
        """The whole string is known and equals one of `words`."""
        text = self.text
        if text is None:
            return False
        if case:
            return text in words
        return text.lower() in {w.lower() for w in words}

    @property
    def host(self) -> str | None:
        """The host of an absolute URL when its scheme and host are literal text."""
        head = self.render()
        if "://" not in head.split(UNKNOWN, 1)[0]:
            return None
        try:
            host = urlsplit(head).hostname
        except ValueError:
            return None
        if not host or UNKNOWN in host:
            return None
        # A hole right after the host text may continue it (`api-${area}`): only a delimiter
        # after the host makes it whole.
        rest = head.split("://", 1)[1]
        authority = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        if UNKNOWN in authority:
            return None
        return host

    def holes(self) -> Iterator[Hole]:
        """Every hole, nested ones included (defaults, alternatives, encoder inputs), in order,
        each hole object once: linked values share holes (a module constant filled into every
        use of it), so walking every occurrence grows exponentially with the depth of linking."""
        return self._holes(set())

    def _holes(self, seen: set[int]) -> Iterator[Hole]:
        for piece in self.pieces:
            if isinstance(piece, Hole) and id(piece) not in seen:
                seen.add(id(piece))
                yield piece
                if piece.default is not None:
                    yield from piece.default._holes(seen)
                for a in piece.args:
                    yield from a._holes(seen)

    def readings(self, limit: int = 16) -> list[SymStr]:
        """Every string this may be: each alternative of `alt` and `each` holes (nested ones
        too) spelled out, the preferred first, at most `limit`; itself when it has none."""
        out: list[list[Piece]] = [[]]
        for piece in self.pieces:
            if isinstance(piece, Hole) and piece.kind in ("alt", "each") and piece.args:
                options = [r for a in piece.args for r in a.readings(limit)][:limit]
                out = [[*done, *o.pieces] for done in out for o in options][:limit]
            else:
                for done in out:
                    done.append(piece)
        return [SymStr(pieces) for pieces in out]

    def secrets(self) -> list[str]:
        """What the sensitive values in it are (`secret:` holes), in order."""
        return self.names("secret")

    def names(self, kind: str) -> list[str]:
        """Names of the holes of one kind, in order, without repeats."""
        out: list[str] = []
        for h in self.holes():
            if h.kind == kind and h.name not in out:
                out.append(h.name)
        return out

    # -- linking ------------------------------------------------------------------------------

    def fill(self, value_of: Callable[[Hole], SymStr | None]) -> SymStr:
        """A copy with every hole that `value_of` knows replaced by its value (nested holes
        first, so `alt` and encoders see their filled inputs). The same object when nothing
        changed."""
        changed = False
        out: list[Piece] = []
        for piece in self.pieces:
            if isinstance(piece, str):
                out.append(piece)
                continue
            inner = piece
            if piece.default is not None or piece.args:
                default = piece.default.fill(value_of) if piece.default is not None else None
                args = tuple(a.fill(value_of) for a in piece.args)
                if default is not piece.default or any(
                    x is not y for x, y in zip(args, piece.args, strict=True)
                ):
                    inner = Hole(piece.kind, piece.name, default, args)
            value = value_of(inner)
            if value is not None:
                out.extend(value.pieces)
                changed = True
            else:
                out.append(inner)
                changed = changed or inner is not piece
        return SymStr(out) if changed else self

    # -- value semantics, JSON ----------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SymStr) and self.pieces == other.pieces

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(self.pieces)
        return self._hash

    def __bool__(self) -> bool:
        return bool(self.pieces)

    def to_json(self) -> list[Any]:
        return [p if isinstance(p, str) else p.to_json() for p in self.pieces]

    @classmethod
    def from_json(cls, data: Any) -> SymStr:
        if isinstance(data, str):
            return cls((data,))
        return cls(p if isinstance(p, str) else Hole.from_json(p) for p in data)


EMPTY = SymStr()


def lit(text: str) -> SymStr:
    return SymStr((text,))


def hole(kind: str, name: str = "", default: SymStr | None = None, *args: SymStr) -> SymStr:
    return SymStr((Hole(kind, name, default, tuple(args)),))


def each(*options: SymStr) -> SymStr:
    """Every one of `options` in turn (the values a loop variable takes)."""
    kept = [o for o in options if o]
    if not kept:
        return hole("unknown")
    if len(kept) == 1:
        return kept[0]
    return SymStr((Hole("each", args=tuple(kept)),))


def alt(*options: SymStr) -> SymStr:
    """One of `options`, the first preferred; a single option is itself."""
    kept = [o for o in options if o]
    if not kept:
        return hole("unknown")
    if len(kept) == 1:
        return kept[0]
    return SymStr((Hole("alt", args=tuple(kept)),))


def text_of(value: SymStr | None) -> str | None:
    """`value.text`, None for a missing value too."""
    return value.text if value is not None else None


def word_of(value: SymStr | None) -> str | None:
    """A vocabulary value as a word: its text, "other" when the extractor withheld it (it was
    no vocabulary word) or parts are unknown, None when there is no value at all."""
    if value is None:
        return None
    return value.text if value.text is not None else "other"
