"""Python extractor "cxone.literals": values written in the code that the registration must
agree with, or that put a credential at risk on the wire.

Facts (facts/kinds.py), never a secret value:

- `LogoutRedirect`: a `post_logout_redirect_uri` (dict entry, keyword, URL query parameter);
- `TenantLiteral`: a CXone tenant id written in the code (a `tenantId=` query value, a
  `TENANT_ID = "..."` constant, a `tenantId` field or keyword); the id itself is not kept;
- `TlsPinned`: a TLS version pinned (`ssl.PROTOCOL_TLSv1`, `minimum_version =
  ssl.TLSVersion.TLSv1_1`, `maximum_version = ...`);
- `QueryCredential`: a token or credential put in a URL query string (`?access_token={t}`,
  `params={"access_token": t}`), whose value is not a literal (a literal is a secret of its
  own, reported by the secrets rules).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import unquote

from cxone_lint.api.facts import BATCH_KEY, Fact, encode_batch
from cxone_lint.api.lazy import lazy_module
from cxone_lint.api.python import PythonExtractor
from cxone_rules.domain import secrets as sx
from cxone_rules.domain.hosts import redact_url
from cxone_rules.extract.python.context import ContextVisitor
from cxone_rules.extract.python.triage import Triage
from cxone_rules.extract.python.values import call_name, dotted, literal_text
from cxone_rules.extract.python.vocabulary import SSL_PROTOCOLS, TENANT_ID, TLS_VERSIONS
from cxone_rules.facts.kinds import LogoutRedirect, QueryCredential, TenantLiteral, TlsPinned
from cxone_rules.facts.symstr import SymStr, lit

if TYPE_CHECKING:
    import libcst as cst
else:  # imported when the first file is parsed (api/lazy.py)
    cst = lazy_module("libcst")


TENANT_NAME = re.compile(r"^(tenant_?id|tenantid)$", re.IGNORECASE)
TENANT_QUERY = re.compile(r"[?&]tenant_?id=([0-9a-fA-F-]{36})(?:&|$)", re.IGNORECASE)
QUERY_KEY = re.compile(r"[?&]([A-Za-z_]+)=$")


class CxoneLiteralsExtractor(Triage, ContextVisitor, PythonExtractor):
    name = "cxone.literals"
    prefilter: ClassVar[tuple[str, ...]] = (
        "post_logout_redirect_uri",
        "tenant",
        "Tenant",
        "TENANT",
        "PROTOCOL_",
        "TLSVersion",
        "_token",
        "secret",
        "password",
        "apikey",
        "api_key",
        "accessKeySecret",
        "token=",
    )

    def __init__(self, path: str, text: str) -> None:
        super().__init__(path, text)
        self.init_context()
        self.out: list[Fact] = []

    # -- names and fields ------------------------------------------------------------------------

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            name = dotted(target.target) or ""
            last = name.rsplit(".", 1)[-1]
            self._tenant(last, node.value, "assignment")
            if last in ("minimum_version", "maximum_version"):
                self._version(node, node.value, "min" if last == "minimum_version" else "max")

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None and isinstance(node.target, cst.Name):
            self._tenant(node.target.value, node.value, "assignment")

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = literal_text(node.key)
        if key is None:
            return
        if key == "post_logout_redirect_uri":
            self._logout(node.value)
        self._tenant(key, node.value, "dict")

    def visit_Call(self, node: cst.Call) -> None:
        for a in node.args:
            if a.keyword is None:
                continue
            kw = a.keyword.value
            if kw == "post_logout_redirect_uri":
                self._logout(a.value)
            self._tenant(kw, a.value, "keyword")
            if kw == "params" and isinstance(a.value, cst.Dict):
                for el in a.value.elements:
                    if isinstance(el, cst.DictElement):
                        key = literal_text(el.key)
                        if key is not None and self._credential(key, el.value):
                            self.out.append(QueryCredential(**self.at(el), key=key))
        short = (call_name(node) or "").rsplit(".", 1)[-1]
        if short == "urlencode" and node.args and isinstance(node.args[0].value, cst.Dict):
            for el in node.args[0].value.elements:
                if isinstance(el, cst.DictElement):
                    key = literal_text(el.key)
                    if key is not None and self._credential(key, el.value):
                        self.out.append(QueryCredential(**self.at(el), key=key))

    def _tenant(self, name: str, value: cst.BaseExpression, context: str) -> None:
        if not TENANT_NAME.match(name):
            return
        text = literal_text(value)
        if text is not None and TENANT_ID.match(text):
            self.out.append(TenantLiteral(**self.at(value), name=name, context=context))

    def _logout(self, value: cst.BaseExpression) -> None:
        self.out.append(
            LogoutRedirect(**self.at(value), value=self.resolver.resolve(value).to_sym())
        )

    # -- strings: URL query parameters ---------------------------------------------------------

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        text = literal_text(node)
        if text is None:
            return
        m = TENANT_QUERY.search(text)
        if m:
            self.out.append(TenantLiteral(**self.at(node), name="tenantId", context="query"))
        if "post_logout_redirect_uri=" in text:
            value = text.split("post_logout_redirect_uri=", 1)[1].split("&", 1)[0]
            if value.startswith(("http%3A", "https%3A", "http://", "https://")):
                self.out.append(LogoutRedirect(**self.at(node), value=_safe_url(unquote(value))))

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        before = ""
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                before += part.value
                m = TENANT_QUERY.search(part.value)
                if m:
                    self.out.append(
                        TenantLiteral(**self.at(node), name="tenantId", context="query")
                    )
                continue
            m = QUERY_KEY.search(before)
            expr = part.expression if isinstance(part, cst.FormattedStringExpression) else None
            # A URL's query: after a `?` (a form body, `a=1&password=...`, has none).
            if m and "?" in before and expr is not None and self._credential(m.group(1), expr):
                self.out.append(QueryCredential(**self.at(node), key=m.group(1)))
                return
            before += "\ufffc"

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if not isinstance(node.operator, cst.Add):
            return
        text = literal_text(node.left)
        if text is None and isinstance(node.left, cst.BinaryOperation):
            text = literal_text(node.left.right)
        if text is None:
            return
        m = QUERY_KEY.search(text)
        if m and "?" in text and self._credential(m.group(1), node.right):
            self.out.append(QueryCredential(**self.at(node), key=m.group(1)))

    def _credential(self, key: str, value: cst.BaseExpression) -> bool:
        low = key.lower()
        if low not in sx.QUERY_CREDENTIAL_KEYS or literal_text(value) is not None:
            return False
        if low == "token":
            # `?token=` is also a paging or CSRF token: only a value named as a bearer counts.
            name = (dotted(value) or "").lower()
            if isinstance(value, cst.Subscript):
                name = (literal_text(value.slice[0].slice.value) or "").lower()  # type: ignore[attr-defined]
            paging = any(w in name for w in ("page", "next", "csrf", "continuation", "cursor"))
            return "access" in name or (name.endswith("token") and not paging)
        return True

    # -- TLS versions ----------------------------------------------------------------------------

    def visit_Attribute(self, node: cst.Attribute) -> None:
        attr = node.attr.value
        if attr in SSL_PROTOCOLS and (dotted(node.value) or "").endswith("ssl"):
            version, bound = SSL_PROTOCOLS[attr]
            self.out.append(TlsPinned(**self.at(node), version=version, bound=bound))

    def _version(self, at: cst.CSTNode, value: cst.BaseExpression, bound: str) -> None:
        name = dotted(value) or ""
        version = TLS_VERSIONS.get(name.rsplit(".", 1)[-1])
        if version is not None and "TLSVersion" in name:
            self.out.append(TlsPinned(**self.at(at), version=version, bound=bound))

    def finish(self, module: cst.Module) -> None:
        self.facts = {BATCH_KEY: encode_batch(self.out, "python")}


def _safe_url(text: str) -> SymStr:
    return lit(redact_url(text))
