"""JWTs the code signs (client assertions: claims, algorithm, lifetime, key) and decodes
(without verifying the signature)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cxone_lint.api.facts import Header
from cxone_lint.api.lazy import lazy_module
from cxone_rules.domain.hosts import UNKNOWN, classify_url
from cxone_rules.extract.common import word_sym
from cxone_rules.extract.python.values import Resolver, Scopes, arg, call_name, literal_text
from cxone_rules.facts.kinds import JwtEncode
from cxone_rules.facts.symstr import lit

if TYPE_CHECKING:
    import libcst as cst
else:  # imported when the first file is parsed (api/lazy.py)
    cst = lazy_module("libcst")


class JwtReader:
    def __init__(self, scopes: Scopes, resolver: Resolver, module: cst.Module | None) -> None:
        self.scopes = scopes
        self.resolver = resolver
        self.module = module

    def encode(self, node: cst.Call, at: Header) -> JwtEncode:
        payload_node = arg(node, 0, "payload")
        key_node = arg(node, 1, "key")
        alg = self.resolver.text_of(arg(node, 2, "algorithm"))
        payload = self.resolver.resolve(payload_node)
        claims: dict[str, cst.BaseExpression] = {}
        dict_node = payload_node
        while isinstance(dict_node, cst.Name):
            dict_node = self.scopes.lookup(dict_node.value)
        if isinstance(dict_node, cst.Dict):
            for el in dict_node.elements:
                if isinstance(el, cst.DictElement):
                    k = literal_text(el.key)
                    if k is not None:
                        claims[k] = el.value
        elif isinstance(dict_node, cst.Call) and call_name(dict_node) == "dict":
            claims = {a.keyword.value: a.value for a in dict_node.args if a.keyword}
        known_claims = bool(claims) or payload.items is not None
        iss_sub_same = None
        iss_client = None
        if "iss" in claims and "sub" in claims and self.module is not None:
            iss_sub_same = self.module.code_for_node(claims["iss"]) == self.module.code_for_node(
                claims["sub"]
            )
            iss_client = "client_id" in self.module.code_for_node(claims["iss"]).lower()
        aud = None
        if "aud" in claims:
            aud_val = self.resolver.resolve(claims["aud"])
            info = classify_url(aud_val.text) if aud_val.text else None
            aud_names = {n.rsplit(":", 1)[-1].lower().lstrip("_") for n in aud_val.refs}
            aud_names.update(k.lower() for k in aud_val.keys)
            if (
                (info and info.path_kind == "token")
                or aud_names & {"token_endpoint", "token_url"}
                or (aud_val.text and aud_val.text.rstrip("/").endswith("/token"))
            ):
                aud = "token-endpoint"
            elif aud_val.text is not None and UNKNOWN not in aud_val.text:
                aud = "other"
            else:
                aud = "unknown"
        names = sorted(c for c in claims if re.fullmatch(r"[A-Za-z_]\w{0,30}", c))
        return JwtEncode(
            **at,
            # PyJWT signs with HS256 when no algorithm is given.
            alg=word_sym(alg)
            if alg is not None
            else (lit("HS256") if arg(node, 2, "algorithm") is None else None),
            claims=tuple(names) if known_claims else None,
            iss_sub_same=iss_sub_same,
            iss_is_client_id=iss_client,
            audience=aud,
            lifetime_seconds=self._exp_seconds(claims.get("exp")),
            key=self._key_kind(key_node),
        )

    def _exp_seconds(self, node: cst.BaseExpression | None) -> int | None:
        """Lifetime for `now + N` / `now + timedelta(...)` expressions, else None."""
        while isinstance(node, cst.Name):
            node = self.scopes.lookup(node.value)
        if isinstance(node, cst.Call) and (call_name(node) or "") in ("int", "round"):
            node = node.args[0].value if node.args else None
        if not isinstance(node, cst.BinaryOperation) or not isinstance(node.operator, cst.Add):
            return None
        for side in (node.right, node.left):
            seconds = self._duration(side)
            if seconds is not None:
                return seconds
        return None

    def _duration(self, node: cst.BaseExpression) -> int | None:
        while isinstance(node, cst.Name):
            bound = self.scopes.lookup(node.value)
            if bound is None:
                return None
            node = bound
        if isinstance(node, cst.Integer):
            return int(node.evaluated_value)
        if isinstance(node, cst.Float):
            return int(node.evaluated_value)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
            a, b = self._duration(node.left), self._duration(node.right)
            return a * b if a is not None and b is not None else None
        if isinstance(node, cst.Call) and (call_name(node) or "").endswith("timedelta"):
            factors = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800}
            total = 0
            for given in node.args:
                value = self._duration(given.value)
                if value is None:
                    return None
                unit = given.keyword.value if given.keyword else "days"
                total += value * factors.get(unit, 0)
            return total
        return None

    def _key_kind(self, node: cst.BaseExpression | None) -> str:
        if node is None:
            return "other"
        text = literal_text(node)
        if text is not None and "-----BEGIN" in text:
            return "private-key"
        code = self.module.code_for_node(node).lower() if self.module is not None else ""
        if "private" in code or ".pem" in code:
            return "private-key"
        if "secret" in code:
            return "client-secret"
        return "other"

    def unverified(self, node: cst.Call) -> bool:
        """A `jwt.decode` that turns signature verification off."""
        options = self.resolver.resolve(arg(node, None, "options"))
        verify = options.items.get("verify_signature") if options.items else None
        off = False
        options_node = arg(node, None, "options")
        if isinstance(options_node, cst.Dict):
            for el in options_node.elements:
                if (
                    isinstance(el, cst.DictElement)
                    and literal_text(el.key) == "verify_signature"
                    and isinstance(el.value, cst.Name)
                    and el.value.value == "False"
                ):
                    off = True
        verify_kw = arg(node, None, "verify")
        if isinstance(verify_kw, cst.Name) and verify_kw.value == "False":
            off = True
        del verify
        return off
