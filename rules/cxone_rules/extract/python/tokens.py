"""Python extractor "cxone.tokens": what the code does with a token once it has one.

Facts (facts/kinds.py), each at its exact range, never a token value:

- `TokenUse`: a bearer set into a holder that outlives the call (a session's or client's
  headers, a header dict at module level or on `self`), with whether it is ever set again and
  whether calls go through the holder later or in loops (`store`); expiries computed for a
  cached token (`expiry`: from `expires_in` or a constant, with or without a safety margin, the
  refresh token's); comparisons of the clock with an expiry (`check`: inverted, compared with
  the `expires_in` duration itself); token-fetching functions cached by a decorator
  (`cache`); JWTs decoded (`decode`: verified or not, which token, where it came from, the
  claims read, whether a claim chooses a host); functions that send a bearer (`spend`) or
  return a token (`hand`);
- `CodeBlock`: each function (whether it keeps what it obtains) and each per-item loop, so a
  rule can tell where a token request sits; `LoopCall`: calls by name inside such loops;
- `CallbackCheck`: `state` or `nonce` compared in the code, or checked by the OAuth library;
- `ConfigRead`: reads of token-response fields the lifecycle rules need (`expires_in`,
  `refresh_token_server_uri`, `resource_server_base_uri`, `refresh_expires_in`).

Everything is decided on the one batched libcst pass (context.py keeps the frames and loops);
small sub-trees (an `if` body, a call's arguments) are looked into where a decision needs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from cxone_lint.api.cst_children import children
from cxone_lint.api.facts import BATCH_KEY, Fact, Header, encode_batch
from cxone_lint.api.lazy import lazy_module
from cxone_lint.api.python import PythonExtractor
from cxone_rules.extract.python.context import (
    ContextVisitor,
    calls_in,
    key_of,
    keys_read,
    names_in,
)
from cxone_rules.extract.python.triage import Triage
from cxone_rules.extract.python.values import call_name, dotted, literal_text, statements
from cxone_rules.extract.python.vocabulary import (
    EXPIRY_NAME,
    HTTP_SENDS,
    NONCE_NAME,
    STATE_NAME,
    TOKENISH,
    WATCHED_KEYS,
)
from cxone_rules.facts.kinds import CallbackCheck, CodeBlock, ConfigRead, LoopCall, TokenUse

if TYPE_CHECKING:
    import libcst as cst
else:  # imported when the first file is parsed (api/lazy.py)
    cst = lazy_module("libcst")


CLIENT_CLASSES = frozenset({"Session", "Client", "AsyncClient", "ClientSession", "OAuth2Session"})
TOKEN_FIELDS = ("access_token", "refresh_token", "id_token")
DURATION_KEYS = frozenset({"expires_in"})
MARGIN_NAME = re.compile(r"skew|margin|leeway|buffer|early|safety|grace|slack", re.IGNORECASE)
# Calls that get a new token (a method or function of the integration, or a library's).
RENEW_CALL = re.compile(
    r"refresh|login|log_in|authenticate|fetch_token|new_token|request_token|obtain|acquire|"
    r"renew|reauth|get_token|get_access_token|_token$|^token$",
    re.IGNORECASE,
)
CACHE_DECORATORS = {
    "lru_cache": "lru_cache",
    "cache": "cache",
    "cached_property": "cached_property",
    "cached": "ttl-cache",
    "ttl_cache": "ttl-cache",
}
REQUEST_ROOTS = ("request.", "req.", "flask.request.", "self.request.")


def _short(call: cst.Call) -> str:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return (call_name(call) or "").rsplit(".", 1)[-1]


def _bearer_text(node: cst.BaseExpression) -> cst.BaseExpression | bool | None:
    """The token part of a `Bearer ...` value; True when it is a literal bearer; None when the
    expression is not a bearer value."""
    if isinstance(node, cst.FormattedString) and node.parts:
        first = node.parts[0]
        if isinstance(first, cst.FormattedStringText) and first.value.lower().startswith("bearer "):
            for part in node.parts[1:]:
                if isinstance(part, cst.FormattedStringExpression):
                    return part.expression
            return True
        return None
    if isinstance(node, cst.BinaryOperation):
        left = literal_text(node.left)
        if left is not None and left.lower().startswith("bearer"):
            return node.right
        return None
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        base = literal_text(node.func.value)
        if base is not None and base.lower().startswith("bearer") and node.args:
            return node.args[0].value
        return None
    text = literal_text(node)
    if text is not None and text.lower().startswith("bearer "):
        return True
    return None


@dataclass
class _Holder:
    key: str
    display: str
    scope: str  # module | constructor | function
    func: str
    node: cst.CSTNode
    source: str
    line: int
    in_loop: bool = False


@dataclass
class _Decode:
    node: cst.Call
    verified: bool
    token: str | None
    source: str
    func: str
    claims: list[str] = field(default_factory=list)
    routing: bool = False


class CxoneTokensExtractor(Triage, ContextVisitor, PythonExtractor):
    name = "cxone.tokens"
    prefilter: ClassVar[tuple[str, ...]] = (
        "token",
        "Token",
        "TOKEN",
        "Bearer",
        "bearer",
        "expir",
        "EXPIR",
        "state",
        "nonce",
    )

    def __init__(self, path: str, text: str) -> None:
        super().__init__(path, text)
        self.init_context()
        self.out: list[Fact] = []
        self._stores: list[_Holder] = []
        self._rebuilds: list[tuple[str, str, str, int]] = []  # key, frame kind, func, line
        # key, func, frame kind, in a polling loop, line
        self._uses: list[tuple[str, str, str, bool, int]] = []
        self._spends: set[str] = set()
        self._hands: dict[str, str] = {}
        self._decodes: dict[int, _Decode] = {}
        self._decode_vars: dict[tuple[str, str], _Decode] = {}
        self._claim_aliases: dict[tuple[str, str], _Decode] = {}
        self._durations: dict[str, set[str]] = {}
        self._globals: list[set[str]] = [set()]
        self._classes_here: set[str] = set()
        self._made_at_module: set[str] = set()
        self._made_in_function: set[str] = set()
        self._session_state = False
        self._response_fetch: list[cst.Call] = []
        self._seen_reads: set[tuple[str, int, int]] = set()

    # -- frames ------------------------------------------------------------------------------------

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        for stmt in node.body:
            if isinstance(stmt, cst.ClassDef):
                self._classes_here.add(stmt.name.value)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        super().visit_FunctionDef(node)
        self._globals.append(set())

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        frame = self.frame
        decorator = None
        for dec in original_node.decorators:
            d = dec.decorator
            name = dotted(d.func if isinstance(d, cst.Call) else d) or ""
            found = CACHE_DECORATORS.get(name.rsplit(".", 1)[-1])
            if found:
                decorator = found
        self.out.append(
            CodeBlock(
                **self.at_def(original_node),
                kind="function",
                name=frame.name,
                caches=self._caches(original_node, self._globals[-1]),
                decorator=decorator,
            )
        )
        self._globals.pop()
        super().leave_FunctionDef(original_node)

    def visit_Global(self, node: cst.Global) -> None:
        self._globals[-1].update(n.name.value for n in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self._globals[-1].update(n.name.value for n in node.names)

    def visit_While(self, node: cst.While) -> None:
        super().visit_While(node)
        self._check_test(node.test, None, None)

    def loop_entered(self, node: cst.CSTNode, kind: str | None) -> None:
        if kind:
            self.out.append(
                CodeBlock(**self.at(node), kind="loop", name=self.qualname, per_item=True)
            )

    @staticmethod
    def _caches(node: cst.FunctionDef, globals_: set[str]) -> bool:
        """The function keeps something past the call: an attribute of self/cls, a global, an
        entry of a container it does not create; or it returns a kept token."""
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else []
        local: set[str] = set()
        for stmt in statements(list(body)):
            targets: list[cst.BaseExpression] = []
            if isinstance(stmt, cst.Assign):
                targets = [t.target for t in stmt.targets]
            elif isinstance(stmt, (cst.AnnAssign, cst.AugAssign)):
                targets = [stmt.target]
            for t in targets:
                if isinstance(t, cst.Name):
                    if t.value in globals_:
                        return True
                    local.add(t.value)
                    continue
                name = dotted(t) or ""
                if name.startswith(("self.", "cls.")):
                    return True
                if isinstance(t, cst.Subscript):
                    root = (dotted(t.value) or "").split(".")[0]
                    if root and root not in local:
                        return True
            if isinstance(stmt, cst.Return) and stmt.value is not None:
                name = dotted(stmt.value) or ""
                if name.startswith(("self.", "cls.")) and "token" in name.lower():
                    return True
        return False

    # -- assignments: holders, expiries, aliases ---------------------------------------------------

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._assigned(target.target, node.value, node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._assigned(node.target, node.value, node)

    def _assigned(
        self, target: cst.BaseExpression, value: cst.BaseExpression, at: cst.CSTNode
    ) -> None:
        self.note_clock(target, value)
        name = dotted(target)
        # A holder rebuilt (`self.session = requests.Session()`, `HEADERS = {...}` in a
        # function that declares it global) renews whatever was set into it.
        if name and self.frame.kind != "module":
            rebuilt = self._holder_key(name)
            self._rebuilds.append((rebuilt, self.frame.kind, self.qualname, self.at(at)["line"]))
        if isinstance(target, cst.Subscript) and len(target.slice) == 1:
            index = target.slice[0].slice
            entry = literal_text(index.value) if isinstance(index, cst.Index) else None
            container = dotted(target.value)
            if entry is not None and entry.lower() == "authorization" and container:
                bearer = _bearer_text(value)
                if bearer is not None:
                    holder = container.removesuffix(".headers")
                    self._store(holder, bearer, at)
            if entry is not None and EXPIRY_NAME.search(entry):
                self._expiry(entry, value, at)
        if name:
            in_dict = self._bearer_dict(value)
            if in_dict is not None:
                self._store(name, in_dict, at)
            elif isinstance(value, cst.Call) and _short(value) in CLIENT_CLASSES:
                headers = self._headers_arg(value)
                if headers is not None:
                    self._store(name, headers, at)
            if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
                cls = value.func.value
                if cls in self._classes_here:
                    target_set = (
                        self._made_at_module
                        if self.frame.kind == "module"
                        else self._made_in_function
                    )
                    target_set.add(cls)
            last = name.rsplit(".", 1)[-1]
            if EXPIRY_NAME.search(last) and last not in DURATION_KEYS:
                self._expiry(name, value, at)
            if any(k in DURATION_KEYS for k, _ in keys_read(value, 60)) and isinstance(
                target, cst.Name
            ):
                self._durations.setdefault(self.qualname, set()).add(target.value)
        if isinstance(target, cst.Name):
            decode = self._decode_of(value)
            if decode is not None:
                self._decode_vars[(self.qualname, target.value)] = decode
            else:
                for _key, read in keys_read(value, 40):
                    source = self._decode_base(read)
                    if source is not None:
                        self._claim_aliases[(self.qualname, target.value)] = source
                        break
        if isinstance(value, cst.Dict):
            for el in value.elements:
                if isinstance(el, cst.DictElement):
                    k = literal_text(el.key)
                    if k is not None and EXPIRY_NAME.search(k) and k not in DURATION_KEYS:
                        self._expiry(k, el.value, el)

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            k = node.keyword.value
            if EXPIRY_NAME.search(k) and k not in DURATION_KEYS:
                self._expiry(k, node.value, node)

    def _holder_key(self, name: str) -> str:
        if name.startswith(("self.", "cls.")):
            owner = self.classes[-1] if self.classes else ""
            return f"{owner}.{name}"
        root = name.split(".")[0]
        frame = self.frame
        if frame.kind == "module" or root in self._globals[-1] or root not in frame.bindings:
            return name
        return f"{frame.name}::{name}"

    def _bearer_dict(self, value: cst.BaseExpression) -> cst.BaseExpression | bool | None:
        """The token part of `{"Authorization": "Bearer ..."}` / `dict(Authorization=...)`."""
        if isinstance(value, cst.Dict):
            for el in value.elements:
                if isinstance(el, cst.DictElement) and (literal_text(el.key) or "").lower() == (
                    "authorization"
                ):
                    found = _bearer_text(self._follow(el.value))
                    if found is not None:
                        return found
        if isinstance(value, cst.Call) and call_name(value) == "dict":
            for a in value.args:
                if a.keyword is not None and a.keyword.value == "Authorization":
                    found = _bearer_text(self._follow(a.value))
                    if found is not None:
                        return found
        return None

    def _follow(self, node: cst.BaseExpression) -> cst.BaseExpression:
        """A local name's bound value (one step), else the node."""
        if isinstance(node, cst.Name):
            bound = self.lookup(node.value)
            if bound is not None:
                return bound
        return node

    def _headers_arg(self, call: cst.Call) -> cst.BaseExpression | bool | None:
        for a in call.args:
            if a.keyword is not None and a.keyword.value == "headers":
                return self._bearer_dict(self._follow(a.value))
        return None

    def _store(self, holder: str, bearer: cst.BaseExpression | bool, at: cst.CSTNode) -> None:
        frame = self.frame
        scope = "module" if frame.kind == "module" else frame.kind
        if holder.startswith(("self.", "cls.")) and frame.kind == "function":
            scope = "function"
        source = "literal" if bearer is True else self._source(bearer, 0)  # type: ignore[arg-type]
        self._stores.append(
            _Holder(
                key=self._holder_key(holder),
                display=holder,
                scope=scope,
                func=frame.name,
                node=at,
                source=source,
                line=self.at(at)["line"],
                in_loop=self.in_loop,
            )
        )

    def _source(self, node: cst.BaseExpression | None, depth: int) -> str:
        """Where a token value comes from: token-response | env | request | unknown."""
        if node is None or depth > 4:
            return "unknown"
        names = list(names_in(node, 80))
        if any(n.startswith(REQUEST_ROOTS) or n == "request" for n in names):
            return "request"
        for key, _ in keys_read(node, 80):
            if key in TOKEN_FIELDS or key == "token":
                return "token-response"
        for call in calls_in(node, 40):
            cname = call_name(call) or ""
            if cname in ("os.getenv", "getenv", "os.environ.get", "environ.get"):
                return "env"
            if RENEW_CALL.search(_short(call)):
                return "token-response"
        if isinstance(node, cst.Subscript) and dotted(node.value) in ("os.environ", "environ"):
            return "env"
        if isinstance(node, cst.Name):
            bound = self.lookup(node.value)
            if bound is not None:
                return self._source(bound, depth + 1)
            if node.value in self.frame.params and self._is_route_frame():
                return "request"
        for n in names:
            if "token" in n.rsplit(".", 1)[-1].lower():
                return "token-response"
        return "unknown"

    def _is_route_frame(self) -> bool:
        node = self.frame.node
        if not isinstance(node, cst.FunctionDef):
            return False
        for dec in node.decorators:
            d = dec.decorator
            name = dotted(d.func if isinstance(d, cst.Call) else d) or ""
            if "." in name and name.rsplit(".", 1)[-1] in (
                "route",
                "get",
                "post",
                "put",
                "patch",
                "delete",
                "api_route",
            ):
                return True
        return False

    # -- expiries ----------------------------------------------------------------------------------

    def _expiry(self, name: str, value: cst.BaseExpression, at: cst.CSTNode) -> None:
        if not any(self.is_clock_expr(n) for n in self._exprs(value)):
            return
        durations = self._durations.get(self.qualname, set())
        keys = {k for k, _ in keys_read(value, 80)}
        names = set(names_in(value, 80))
        lifetime = "unknown"
        refresh_lifetime = bool(keys & {"refresh_expires_in", "refresh_token_expires_in"})
        if keys & DURATION_KEYS or names & durations:
            lifetime = "expires_in"
        elif refresh_lifetime:
            lifetime = "refresh_expires_in"
        elif self._constant_offset(value):
            lifetime = "constant"
        margin = self._has_margin(value)
        thousands = [
            n
            for n in self._exprs(value)
            if isinstance(n, cst.BinaryOperation)
            and isinstance(n.operator, cst.Multiply)
            and any(
                isinstance(side, (cst.Integer, cst.Float)) and float(side.value) == 1000
                for side in (n.left, n.right)
            )
        ]
        ms_clock = any(self.is_clock_expr(n.left) or self.is_clock_expr(n.right) for n in thousands)
        units = None
        if lifetime == "expires_in" and ms_clock and len(thousands) == 1:
            units = "ms-from-seconds"  # `time.time() * 1000 + expires_in`
        self.out.append(
            TokenUse(
                **self.at(at),
                action="expiry",
                func=self.qualname,
                holder=name,
                lifetime=lifetime,
                margin=margin,
                refresh="refresh" in name.lower(),
                units=units,
            )
        )

    @staticmethod
    def _exprs(node: cst.CSTNode, limit: int = 120) -> list[cst.BaseExpression]:
        out: list[cst.BaseExpression] = []
        stack: list[cst.CSTNode] = [node]
        while stack and len(out) < limit:
            n = stack.pop()
            if isinstance(n, cst.BaseExpression):
                out.append(n)
            if isinstance(n, (cst.Lambda, cst.FunctionDef)):
                continue
            stack.extend(children(n))
        return out

    def _constant_offset(self, value: cst.BaseExpression) -> bool:
        """`time.time() + 3600`, `now + timedelta(minutes=55)`, `now + TTL` (TTL a number)."""
        for n in self._exprs(value):
            if isinstance(n, (cst.Integer, cst.Float)):
                return True
            if isinstance(n, cst.Name) and n.value not in ("True", "False", "None"):
                bound = self.lookup(n.value)
                if isinstance(bound, (cst.Integer, cst.Float, cst.BinaryOperation)):
                    return True
        return False

    def _has_margin(self, value: cst.BaseExpression) -> bool:
        for n in self._exprs(value):
            if isinstance(n, cst.BinaryOperation) and isinstance(n.operator, cst.Subtract):
                return True
            if isinstance(n, cst.BinaryOperation) and isinstance(n.operator, cst.Multiply):
                for side in (n.left, n.right):
                    if isinstance(side, cst.Float) and float(side.value) < 1:
                        return True
            if isinstance(n, (cst.Name, cst.Attribute)) and MARGIN_NAME.search(dotted(n) or ""):
                return True
        return False

    # -- checks of the clock against an expiry -----------------------------------------------------

    def visit_If(self, node: cst.If) -> None:
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else []
        orelse: list[cst.CSTNode] = []
        if isinstance(node.orelse, cst.Else) and isinstance(node.orelse.body, cst.IndentedBlock):
            orelse = list(node.orelse.body.body)
        elif isinstance(node.orelse, cst.If):
            orelse = [node.orelse]
        self._check_test(node.test, list(body), orelse)

    def visit_Return(self, node: cst.Return) -> None:
        self._hand(node)
        if node.value is None:
            return
        name = self.qualname.rsplit(".", 1)[-1].lower()
        if "expired" in name or "valid" in name:
            for cmp, orient, margin, duration in self._comparisons(node.value, False):
                named_valid = "valid" in name and "invalid" not in name
                inverted = (orient == "valid") != named_valid if orient else False
                self._check(cmp, inverted, margin, duration)

    def _check_test(
        self,
        test: cst.BaseExpression,
        body: list[cst.CSTNode] | None,
        orelse: list[cst.CSTNode] | None,
    ) -> None:
        for cmp, orient, margin, duration in self._comparisons(test, False):
            inverted = False
            if body is not None and orient is not None:
                then = self._action(body)
                other = self._action(orelse or [])
                inverted = (orient == "valid" and (then == "renew" or other == "reuse")) or (
                    orient == "expired" and (then == "reuse" or other == "renew")
                )
            self._check(cmp, inverted, margin, duration)

    def _check(self, cmp: cst.CSTNode, inverted: bool, margin: bool, duration: bool) -> None:
        self.out.append(
            TokenUse(
                **self.at(cmp),
                action="check",
                func=self.qualname,
                inverted=inverted,
                margin=margin,
                duration=duration,
            )
        )

    def _comparisons(
        self, test: cst.BaseExpression, negated: bool
    ) -> list[tuple[cst.Comparison, str | None, bool, bool]]:
        """(comparison, valid|expired when the test holds, margin, against a duration) for the
        clock-versus-expiry comparisons of a test."""
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            return self._comparisons(test.expression, not negated)
        if isinstance(test, cst.BooleanOperation):
            return self._comparisons(test.left, negated) + self._comparisons(test.right, negated)
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            return []
        op = test.comparisons[0].operator
        left, right = test.left, test.comparisons[0].comparator
        lc, rc = self._clock_side(left), self._clock_side(right)
        if lc is None and rc is None:
            return []
        clock_margin, other = (lc, right) if lc is not None else (rc, left)
        kind = self._expiry_side(other)
        if kind is None:
            return []
        less = isinstance(op, (cst.LessThan, cst.LessThanEqual))
        greater = isinstance(op, (cst.GreaterThan, cst.GreaterThanEqual))
        orient: str | None = None
        if less or greater:
            clock_first = lc is not None
            valid = less if clock_first else greater
            orient = "valid" if valid != negated else "expired"
        margin = bool(clock_margin) or self._has_margin(other)
        return [(test, orient, margin, kind == "duration")]

    def _clock_side(self, node: cst.BaseExpression) -> bool | None:
        """None when `node` is not the clock; else whether it carries a margin."""
        if self.is_clock_expr(node):
            return False
        if (
            isinstance(node, cst.BinaryOperation)
            and isinstance(node.operator, (cst.Add, cst.Subtract))
            and (self.is_clock_expr(node.left) or self.is_clock_expr(node.right))
        ):
            return True
        return None

    def _expiry_side(self, node: cst.BaseExpression) -> str | None:
        keys = {k for k, _ in keys_read(node, 40)}
        durations = self._durations.get(self.qualname, set())
        if keys & DURATION_KEYS or set(names_in(node, 40)) & durations:
            return "duration"
        for n in names_in(node, 40):
            if EXPIRY_NAME.search(n.rsplit(".", 1)[-1]):
                return "expiry"
        if any(EXPIRY_NAME.search(k) for k in keys):
            return "expiry"
        return None

    def _action(self, body: list[cst.CSTNode]) -> str | None:
        """What a branch does first: renew (gets a new token) or reuse (returns the kept one)."""
        for stmt in statements(body):
            if isinstance(stmt, cst.Return) and stmt.value is not None:
                value = stmt.value.expression if isinstance(stmt.value, cst.Await) else stmt.value
                if isinstance(value, cst.Call) and RENEW_CALL.search(_short(value)):
                    return "renew"
                if any("token" in n.lower() for n in names_in(value, 30)) or any(
                    k in TOKEN_FIELDS for k, _ in keys_read(value, 30)
                ):
                    return "reuse"
            if isinstance(stmt, (cst.Expr, cst.Assign, cst.AnnAssign, cst.AugAssign)):
                for call in calls_in(stmt, 30):
                    if RENEW_CALL.search(_short(call)) or self._token_call(call):
                        return "renew"
        return None

    @staticmethod
    def _token_call(call: cst.Call) -> bool:
        """An HTTP call that requests a token (a token URL or a grant_type body)."""
        if _short(call) not in ("post", "request", "fetch_token"):
            return False
        if _short(call) == "fetch_token":
            return True
        for a in call.args:
            text = literal_text(a.value) or dotted(a.value) or ""
            if (a.keyword is None or a.keyword.value == "url") and "token" in text.lower():
                return True
            if isinstance(a.value, cst.Dict) and any(
                isinstance(e, cst.DictElement) and literal_text(e.key) == "grant_type"
                for e in a.value.elements
            ):
                return True
        return False

    # -- calls: uses of holders, spending, decodes, loops, library checks --------------------------

    def visit_Call(self, node: cst.Call) -> None:
        short = _short(node)
        name = call_name(node) or ""
        func = node.func
        if isinstance(func, cst.Attribute) and short == "update":
            base = dotted(func.value) or ""
            found: Any = None
            if node.args and node.args[0].keyword is None:
                found = self._bearer_dict(self._follow(node.args[0].value))
            for a in node.args:
                if a.keyword is not None and a.keyword.value == "Authorization":
                    found = _bearer_text(self._follow(a.value))
            if found is not None and base:
                holder = base[: -len(".headers")] if base.endswith(".headers") else base
                self._store(holder, found, node)
        if short in HTTP_SENDS:
            if isinstance(func, cst.Attribute):
                recv = dotted(func.value)
                if recv:
                    self._use(recv, node)
            for a in node.args:
                if a.keyword is not None and a.keyword.value == "headers":
                    value = a.value
                    if isinstance(value, cst.Dict):
                        for el in value.elements:
                            if isinstance(el, cst.StarredDictElement):
                                inner = dotted(el.value)
                                if inner:
                                    self._use(inner, node)
                    elif dotted(value):
                        self._use(dotted(value) or "", node)
                    if self._bearer_dict(self._follow(value)) is not None:
                        self._spends.add(self.qualname)
                if a.keyword is not None and a.keyword.value == "auth":
                    auth = call_name(a.value) if isinstance(a.value, cst.Call) else None
                    if auth and "bearer" in auth.lower():
                        self._spends.add(self.qualname)
        if self.in_loop and (
            TOKENISH.search(short) or short in HTTP_SENDS or short in ("fetch_token", "urlopen")
        ):
            self.out.append(
                LoopCall(
                    **self.at(node),
                    callee=name if not (short in HTTP_SENDS and "." in name) else "",
                    func=self.qualname,
                    item=any(self.uses_item(a.value) for a in node.args),
                )
            )
        decode = self._decode_of(node)
        if decode is not None:
            self._decodes.setdefault(id(node), decode)
        if short in ("compare_digest",):
            for what, pattern in (("state", STATE_NAME), ("nonce", NONCE_NAME)):
                if any(self._mentions(a.value, pattern) for a in node.args):
                    self.out.append(CallbackCheck(**self.at(node), what=what, how="compare"))
        if short == "authorize_access_token":
            self.out.append(CallbackCheck(**self.at(node), what="state", how="library"))
            self.out.append(CallbackCheck(**self.at(node), what="nonce", how="library"))
        if short in ("OAuth2Session", "OAuth2Client", "AsyncOAuth2Client") and any(
            a.keyword is not None and a.keyword.value == "state" for a in node.args
        ):
            self._session_state = True
        if short == "fetch_token" and any(
            a.keyword is not None and a.keyword.value == "authorization_response" for a in node.args
        ):
            self._response_fetch.append(node)
        if short == "get" and isinstance(func, cst.Attribute):
            self._read(node, "get")
        if isinstance(func, cst.Name) and func.value in self._classes_here:
            where = self._made_at_module if self.frame.kind == "module" else self._made_in_function
            where.add(func.value)
        first = node.args[0] if node.args else None
        if short in HTTP_SENDS and first is not None and first.keyword is None:
            self._routing(first.value)

    def _use(self, holder: str, at: cst.CSTNode) -> None:
        self._uses.append(
            (
                self._holder_key(holder),
                self.qualname,
                self.frame.kind,
                self.in_poll,
                self.at(at)["line"],
            )
        )

    def _mentions(self, node: cst.BaseExpression, pattern: re.Pattern[str]) -> bool:
        if any(pattern.search(n) for n in names_in(node, 40)):
            return True
        return any(pattern.search(k) for k, _ in keys_read(node, 40))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) != 1:
            return
        op = node.comparisons[0].operator
        if not isinstance(op, (cst.Equal, cst.NotEqual, cst.In, cst.NotIn)):
            return
        left, right = node.left, node.comparisons[0].comparator
        for side in (left, right):
            if isinstance(side, cst.Name) and side.value == "None":
                return
            if literal_text(side) is not None:
                return
        for what, pattern in (("state", STATE_NAME), ("nonce", NONCE_NAME)):
            if self._mentions(left, pattern) or self._mentions(right, pattern):
                self.out.append(CallbackCheck(**self.at(node), what=what, how="compare"))

    # -- JWT decodes and the claims read from them -------------------------------------------------

    def _decode_of(self, node: cst.BaseExpression) -> _Decode | None:
        if isinstance(node, cst.Await):
            node = node.expression
        if not isinstance(node, cst.Call):
            return None
        known = self._decodes.get(id(node))
        if known is not None:
            return known
        name = call_name(node) or ""
        short = name.rsplit(".", 1)[-1]
        token_expr: cst.BaseExpression | None = None
        verified = True
        module = self.imported_from(name) if "." not in name else name.split(".")[0]
        jwt_lib = "jwt" in name.lower() or "jose" in module or module == "jwt"
        if short in ("decode", "decode_complete") and jwt_lib and node.args:
            token_expr = node.args[0].value
            verified = not self._unverified(node)
        elif short in ("get_unverified_claims",) and node.args:
            token_expr, verified = node.args[0].value, False
        elif short in ("urlsafe_b64decode", "b64decode") and node.args:
            inner = node.args[0].value
            for sub in self._exprs(inner, 60):
                if (
                    isinstance(sub, cst.Subscript)
                    and isinstance(sub.value, cst.Call)
                    and _short(sub.value) == "split"
                    and isinstance(sub.value.func, cst.Attribute)
                ):
                    token_expr, verified = sub.value.func.value, False
                    break
        if token_expr is None:
            return None
        kind = None
        texts = [*names_in(token_expr, 40), *(k for k, _ in keys_read(token_expr, 40))]
        for t in texts:
            low = t.lower()
            if "id_token" in low or "idtoken" in low:
                kind = "id_token"
                break
            if "access_token" in low:
                kind = "access_token"
        decode = _Decode(
            node=node,
            verified=verified,
            token=kind or "other",
            source=self._source(token_expr, 0),
            func=self.qualname,
        )
        self._decodes[id(node)] = decode
        return decode

    @staticmethod
    def _unverified(node: cst.Call) -> bool:
        for a in node.args:
            if a.keyword is None:
                continue
            if a.keyword.value == "verify" and isinstance(a.value, cst.Name):
                return a.value.value == "False"
            if a.keyword.value == "options" and isinstance(a.value, cst.Dict):
                for el in a.value.elements:
                    if (
                        isinstance(el, cst.DictElement)
                        and literal_text(el.key) == "verify_signature"
                        and isinstance(el.value, cst.Name)
                        and el.value.value == "False"
                    ):
                        return True
        return False

    def _decode_base(self, read: cst.CSTNode) -> _Decode | None:
        """The decode a claim read reads from (`claims["iss"]`, `jwt.decode(...)["iss"]`)."""
        base: cst.BaseExpression | None = None
        if isinstance(read, cst.Subscript):
            base = read.value
        elif isinstance(read, cst.Call) and isinstance(read.func, cst.Attribute):
            base = read.func.value
        if base is None:
            return None
        if isinstance(base, cst.Name):
            for scope in (self.qualname, ""):
                found = self._decode_vars.get((scope, base.value))
                if found is not None:
                    return found
            return None
        return self._decode_of(base)

    def _claim_read(self, node: cst.BaseExpression) -> _Decode | None:
        for _key, read in keys_read(node, 60):
            base = self._decode_base(read)
            if base is not None:
                return base
        for n in names_in(node, 60):
            found = self._claim_aliases.get((self.qualname, n))
            if found is not None:
                return found
        return None

    def _routing(self, node: cst.CSTNode) -> None:
        found = self._claim_read(node)  # type: ignore[arg-type]
        if found is not None:
            found.routing = True

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self._read(node, "subscript")

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in WATCHED_KEYS:
            self._config_read(node.attr.value, node, "attribute")

    def _read(self, node: cst.BaseExpression, via: str) -> None:
        key = key_of(node)
        if key is None:
            return
        base = self._decode_base(node)
        if base is not None and key not in base.claims:
            base.claims.append(key)
        if key in WATCHED_KEYS:
            self._config_read(key, node, via)

    def _config_read(self, key: str, node: cst.CSTNode, via: str) -> None:
        at = self.at(node)
        mark = (key, at["line"], at["column"])
        if mark in self._seen_reads:
            return
        self._seen_reads.add(mark)
        self.out.append(ConfigRead(**at, key=key, via=via))

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        text = "".join(p.value for p in node.parts if isinstance(p, cst.FormattedStringText))
        if "://" in text or "/.well-known" in text or text.startswith("/"):
            for part in node.parts:
                if isinstance(part, cst.FormattedStringExpression):
                    self._routing(part.expression)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if not isinstance(node.operator, cst.Add):
            return
        for side, other in ((node.left, node.right), (node.right, node.left)):
            text = literal_text(other) or ""
            if "://" in text or "/.well-known" in text or text.startswith("/"):
                self._routing(side)

    # -- what functions hand out -------------------------------------------------------------------

    def _hand(self, node: cst.Return) -> None:
        value = node.value
        if value is None or self.frame.kind == "module":
            return
        what = self._token_value(value, 0)
        if what:
            self._hands.setdefault(self.qualname, what)

    def _token_value(self, node: cst.BaseExpression, depth: int) -> str | None:
        """access_token | refresh_token | id_token | token response when `node` is one."""
        if depth > 3:
            return None
        if isinstance(node, cst.Await):
            node = node.expression
        for key, _ in keys_read(node, 40):
            if key in TOKEN_FIELDS:
                return key
        if isinstance(node, cst.Call) and _short(node) == "json":
            inner = node.func.value if isinstance(node.func, cst.Attribute) else None
            if isinstance(inner, cst.Call) and self._token_call(inner):
                return "token response"
            if isinstance(inner, cst.Name):
                bound = self.lookup(inner.value)
                if isinstance(bound, cst.Call) and self._token_call(bound):
                    return "token response"
        if isinstance(node, (cst.Name, cst.Attribute)):
            name = dotted(node) or ""
            if isinstance(node, cst.Name):
                bound = self.lookup(node.value)
                if bound is not None and bound is not node:
                    return self._token_value(bound, depth + 1)
            last = name.rsplit(".", 1)[-1].lower().lstrip("_")
            if last in ("token", "access_token", "bearer_token"):
                return "access_token"
        if isinstance(node, cst.Dict):
            for el in node.elements:
                if isinstance(el, cst.DictElement):
                    found = self._token_value(el.value, depth + 1)
                    if found:
                        return found
        return None

    # -- the end -----------------------------------------------------------------------------------

    def leave_Module(self, original_node: cst.Module) -> None:
        self._holders()
        for decode in self._decodes.values():
            self.out.append(
                TokenUse(
                    **self.at(decode.node),
                    action="decode",
                    func=decode.func,
                    verified=decode.verified,
                    token=decode.token,
                    source=decode.source,
                    claims=tuple(decode.claims[:12]),
                    routing=decode.routing,
                )
            )
        if self._session_state:
            for call in self._response_fetch:
                self.out.append(CallbackCheck(**self.at(call), what="state", how="library"))
        for func in sorted(self._spends):
            self.out.append(TokenUse(**_FILE, action="spend", func=func))
        for func, what in sorted(self._hands.items()):
            self.out.append(TokenUse(**_FILE, action="hand", func=func, source=what))

    def _holders(self) -> None:
        by_key: dict[str, list[_Holder]] = {}
        for store in self._stores:
            by_key.setdefault(store.key, []).append(store)
        for key, stores in by_key.items():
            first = stores[0]
            if first.scope == "function":
                # A holder filled inside a function lives as long as that call (or is filled
                # again by calling it): not what "set once" means.
                renewed = True
                used = "none"
            else:
                renewed = any(s.scope == "function" for s in stores) or any(
                    r[0] == key and r[1] == "function" for r in self._rebuilds
                )
                uses = [u for u in self._uses if u[0] == key]
                if any(u[3] for u in uses):
                    used = "loop"
                elif any(u[2] == "function" for u in uses):
                    used = "later"
                else:
                    used = "none"
                owner = key.split(".", 1)[0]
                if (
                    first.scope == "constructor"
                    and owner in self._made_in_function
                    and owner not in self._made_at_module
                ):
                    used = "none"  # instances live for one call of a function here
            for s in stores:
                if s.key == key and s.scope != "function":
                    self._spend_uses(key)
            self.out.append(
                TokenUse(
                    **self.at(first.node),
                    action="store",
                    func=first.func,
                    holder=first.display,
                    scope=first.scope,
                    renewed=renewed,
                    used=used,
                    source=first.source,
                )
            )
            self._spend_uses(key)

    def _spend_uses(self, key: str) -> None:
        for u in self._uses:
            if u[0] == key:
                self._spends.add(u[1])

    def finish(self, module: cst.Module) -> None:
        self.facts = {BATCH_KEY: encode_batch(self.out, "python")}


_FILE: Header = Header(line=1, column=1, end_line=1, end_column=1)
