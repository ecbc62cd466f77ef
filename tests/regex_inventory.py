"""Every regular expression of the engine and the built-in pack, and adversarial inputs for each
(used by tests/test_hostile_input.py: no pattern may backtrack catastrophically).

Patterns are collected two ways, so that none is missed: compiled patterns held by the modules
(module globals and class attributes, f-string patterns included), and every `re.<function>`
call with a literal pattern in the source. Inputs are built from the pattern itself: each
literal character and every character of its character classes, repeated after each prefix
of a string the pattern almost matches, which is how catastrophic backtracking is triggered
(`"eyJ" * n` for the JWT pattern, `"%" + "0" * n` for a printf template pattern).
"""

from __future__ import annotations

import ast
import importlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

if sys.version_info >= (3, 11):
    import re._constants as C  # noqa: N812
    import re._parser as sre_parse
else:  # pragma: no cover
    import sre_constants as C  # noqa: N812
    import sre_parse

ROOT = Path(__file__).resolve().parents[1]
TOPS = (("src", "cxone_lint"), ("rules", "cxone_rules"))
_FUNCS = {"compile", "match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer"}
_FLAGS = {"IGNORECASE": re.I, "I": re.I, "MULTILINE": re.M, "M": re.M, "DOTALL": re.S}
_CATEGORY = {
    C.CATEGORY_DIGIT: "7",
    C.CATEGORY_NOT_DIGIT: "a",
    C.CATEGORY_SPACE: " ",
    C.CATEGORY_NOT_SPACE: "a",
    C.CATEGORY_WORD: "a",
    C.CATEGORY_NOT_WORD: "-",
}
# Characters tried against negated classes (`[^...]`).
_COMMON = "aA0 -_./:@=+\"'{}%#\t\n~|<>()[]\\,;$*!?&^`"


def _modules() -> Iterator[tuple[str, Path]]:
    for folder, package in TOPS:
        base = ROOT / folder
        for path in sorted((base / package).rglob("*.py")):
            rel = path.relative_to(base).with_suffix("")
            if "cases" in rel.parts:
                continue  # rule cases: example projects, not the tool's code
            if rel.name == "__main__":
                continue  # running it would run the command line
            parts = [p for p in rel.parts if p != "__init__"]
            yield ".".join(parts), path


def all_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[tuple[str, int], tuple[str, re.Pattern[str]]] = {}
    for name, path in _modules():
        module = importlib.import_module(name)
        holders = [vars(module)] + [
            vars(v) for v in vars(module).values() if isinstance(v, type) and v.__module__ == name
        ]
        for holder in holders:
            for attr, value in holder.items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found[(value.pattern, value.flags)] = (f"{name}.{attr}", value)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _FUNCS
                and node.args
            ):
                continue
            try:
                source = ast.literal_eval(node.args[0])
            except ValueError:
                continue  # not a literal: a module-level pattern, collected above
            flags = 0
            for extra in [*node.args[1:], *(k.value for k in node.keywords)]:
                text = ast.unparse(extra)
                flags |= sum(f for n, f in _FLAGS.items() if f"re.{n}" in text.split("|"))
            if isinstance(source, str):
                pattern = re.compile(source, flags)
                found.setdefault(
                    (pattern.pattern, pattern.flags), (f"{name}:{node.lineno}", pattern)
                )
    return sorted(found.values(), key=lambda item: item[0])


def _class_chars(items: list[tuple[object, object]]) -> tuple[list[str], bool]:
    chars: list[str] = []
    negate = False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            chars.append(chr(av))  # type: ignore[arg-type]
        elif op is C.RANGE:
            lo, hi = av  # type: ignore[misc]
            chars.extend(chr(c) for c in {lo, hi, (lo + hi) // 2})
        elif op is C.CATEGORY:
            chars.append(_CATEGORY.get(av, "a"))  # type: ignore[call-overload]
    return chars, negate


def _walk(items: sre_parse.SubPattern | list, example: list[str], alphabet: set[str]) -> None:
    for op, av in items:
        if op is C.LITERAL:
            example.append(chr(av))
            alphabet.add(chr(av))
        elif op is C.NOT_LITERAL:
            example.append("a" if chr(av) != "a" else "b")
        elif op is C.IN:
            chars, negate = _class_chars(av)
            if negate:
                outside = [c for c in _COMMON if c not in chars]
                alphabet.update(outside)
                example.append(outside[0] if outside else "a")
            else:
                alphabet.update(chars)
                example.append(chars[0] if chars else "a")
        elif op is C.ANY:
            example.append("a")
            alphabet.add("a")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) or str(op) == "POSSESSIVE_REPEAT":
            low, _high, sub = av
            for _ in range(max(1, min(low, 3))):
                _walk(sub, example, alphabet)
        elif op is C.SUBPATTERN:
            _walk(av[-1], example, alphabet)
        elif op is C.BRANCH:
            for branch in av[1][1:]:
                _walk(branch, [], alphabet)
            _walk(av[1][0], example, alphabet)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _walk(av[1], [], alphabet)


def adversarial_inputs(pattern: re.Pattern[str], size: int, strongest: bool = False) -> list[str]:
    """Strings of about `size` characters meant to make `pattern` backtrack: every character
    the pattern knows repeated after each short prefix of a near-match, and the near-match
    itself pumped. `strongest`: only the few that pump the near-match."""
    example: list[str] = []
    alphabet: set[str] = set()
    _walk(sre_parse.parse(pattern.pattern, pattern.flags), example, alphabet)
    near = "".join(example) or "a"
    pumped = [near[:-1] * (size // max(1, len(near) - 1) + 1)] if len(near) > 1 else []
    pumped.append(near * (size // len(near) + 1) + "\0")
    if strongest:
        prefixes = [near[:cut] * (size // cut + 1) for cut in range(2, min(len(near), 3) + 1)]
        return [p[:size] for p in [*pumped, *prefixes]] + [near[:1] + max(alphabet or "a") * size]
    out = list(pumped)
    for cut in range(1, min(len(near), 4) + 1):
        out.append(near[:cut] * (size // cut + 1))  # "eyJ" * n
    for cut in range(0, min(len(near), 3) + 1):
        prefix = near[:cut]
        out.extend(prefix + ch * size for ch in sorted(alphabet))
    return [s[: size + 8] for s in out]
