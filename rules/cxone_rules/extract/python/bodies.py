"""Bodies built by hand (`f"grant_type=password&username={kid}&password={secret}"`): are the
access key values URL-encoded before they go into the form?"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cxone_lint.api.lazy import lazy_module
from cxone_rules.extract.python.values import ENCODE_FUNCS, Scopes, call_name, literal_text
from cxone_rules.facts.symstr import UNKNOWN

if TYPE_CHECKING:
    import libcst as cst
else:  # imported when the first file is parsed (api/lazy.py)
    cst = lazy_module("libcst")


class BodyEncoding:
    """Reads the pieces of a string expression through the bindings in `scopes`."""

    def __init__(self, scopes: Scopes) -> None:
        self.scopes = scopes

    def encoding(self, node: cst.BaseExpression | None) -> str | None:
        """For a body string built by hand: are the username/password values URL-encoded?"""
        seen = 0
        while isinstance(node, cst.Name) and seen < 5:
            node = self.scopes.lookup(node.value)
            seen += 1
        if node is None:
            return None
        if isinstance(node, cst.Call):
            short = (call_name(node) or "").rsplit(".", 1)[-1]
            if short in ENCODE_FUNCS:
                return "encoded"
            if short == "encode" and isinstance(node.func, cst.Attribute):
                return self.encoding(node.func.value)
        pieces = self._pieces(node)
        if not pieces:
            return None
        verdict: str | None = None
        for before, expr in pieces:
            if before.endswith(("username=", "password=", "accessKeyId=", "accessKeySecret=")):
                if expr is not None and self._is_encoded(expr):
                    verdict = verdict or "encoded"
                else:
                    return "raw"
        return verdict

    def _is_encoded(self, expr: cst.BaseExpression) -> bool:
        if isinstance(expr, cst.Name):
            bound = self.scopes.lookup(expr.value)
            if bound is not None:
                return self._is_encoded(bound)
        if isinstance(expr, cst.Call):
            return (call_name(expr) or "").rsplit(".", 1)[-1] in ENCODE_FUNCS
        return False

    def _pieces(self, node: cst.BaseExpression) -> list[tuple[str, cst.BaseExpression | None]]:
        """(text before, expression) for each interpolated part of a string expression."""
        out: list[tuple[str, cst.BaseExpression | None]] = []
        if isinstance(node, cst.FormattedString):
            text = ""
            for part in node.parts:
                if isinstance(part, cst.FormattedStringText):
                    text += part.value
                elif isinstance(part, cst.FormattedStringExpression):
                    out.append((text, part.expression))
                    text += UNKNOWN
            return out
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            flat: list[cst.BaseExpression] = []

            def walk(n: cst.BaseExpression) -> None:
                if isinstance(n, cst.BinaryOperation) and isinstance(n.operator, cst.Add):
                    walk(n.left)
                    walk(n.right)
                else:
                    flat.append(n)

            walk(node)
            text = ""
            for n in flat:
                lit = literal_text(n)
                if lit is not None:
                    text += lit
                else:
                    out.append((text, n))
                    text += UNKNOWN
            return out
        if (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == "format"
        ):
            template = literal_text(node.func.value) or ""
            args = [a.value for a in node.args if a.keyword is None]
            kw = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
            index = 0
            for m in re.finditer(r"\{([^{}]*)\}", template):
                field = m.group(1).split(":")[0]
                expr = kw.get(field) if field and not field.isdigit() else None
                if not field:
                    expr = args[index] if index < len(args) else None
                    index += 1
                elif field.isdigit():
                    expr = args[int(field)] if int(field) < len(args) else None
                out.append((template[: m.start()], expr))
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
            template = literal_text(node.left) or ""
            right = node.right
            args = [e.value for e in right.elements] if isinstance(right, cst.Tuple) else [right]
            for i, m in enumerate(re.finditer(r"%[sdr]", template)):
                out.append((template[: m.start()], args[i] if i < len(args) else None))
        return out
