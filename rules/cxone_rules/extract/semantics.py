"""One semantic extractor over the IR, for every tree-sitter language.

It anchors on meaning, not on one HTTP library: a body with `grant_type` (an object, a form
string, `params.append('grant_type', ...)`), `accessKeyId` + `accessKeySecret`, a token
endpoint URL, a read of a discovered `token_endpoint`; then it climbs from the anchor to
whatever call sends it (through variables, `new URLSearchParams(...)`, `JSON.stringify(...)`,
`{body}` options and wrappers like `execute({route, headers, body})`), and asks the language's
library tables where that call keeps its URL, headers, body and credentials.

The same pass finds authorize requests (objects or URLs with `response_type`), redirect URIs,
CXone URLs, secret literals (by name and by shape: JWTs, Basic keys, `access_token=` in URLs
and comments), sensitive values written to sinks, TLS verification turned off, environment
reads and CORS settings of the integration's own server. Facts are built by `facts_out`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from cxone_lint.api.facts import Fact, Header, Span
from cxone_rules.domain import secrets as sx
from cxone_rules.domain.hosts import (
    UNKNOWN,
    classify_url,
    is_cxone_host,
    split_url,
    url_path_kind,
)
from cxone_rules.extract import facts_out as out
from cxone_rules.extract import ir
from cxone_rules.extract.common import file_traits, header, is_host_piece, is_url_like
from cxone_rules.extract.evaluate import Evaluator, Hole, Sym, snake
from cxone_rules.extract.python.http import GRANT_RE
from cxone_rules.extract.python.vocabulary import AUTH_CONTEXT_MARKERS as _AUTH_CONTEXT_MARKERS
from cxone_rules.extract.python.vocabulary import SENSITIVE_KEYS as _SENSITIVE_KEYS
from cxone_rules.extract.python.vocabulary import SENSITIVE_NAME_KINDS
from cxone_rules.facts.kinds import FILE_START
from cxone_rules.facts.symstr import Hole as SymHole
from cxone_rules.facts.symstr import SymStr

TOKEN_PATHS = {"token", "legacy-token", "access-key", "userhub-refresh"}
WHOLE_RESPONSE = "the whole token response"
SENSITIVE_KEYS = frozenset(
    _SENSITIVE_KEYS | {"accesstoken", "refreshtoken", "idtoken", "clientsecret"}
)
REDACTING = frozenset(
    {
        "length",
        "mask",
        "redact",
        "fingerprint",
        "hash",
        "startsWith",
        "endsWith",
        "includes",
        "slice",
        "substring",
        "substr",
    }
)
REDIRECT_KEYS = frozenset(
    {"redirect_uri", "redirectUri", "redirectURI", "redirect_url", "redirectUrl"}
)
# Words that make a file's secret-named variables sensitive when written out: Python's, and
# the OAuth response and discovery fields a JS server passes around.
AUTH_CONTEXT_MARKERS = (
    *_AUTH_CONTEXT_MARKERS,
    "expires_in",
    "refresh_token",
    "authorization_endpoint",
)
# A relative URL path of lower-case segments (base64 secrets are mixed case).
URL_PATH = re.compile(
    r"^/?([a-z0-9][a-z0-9._~-]*|\{[A-Za-z_]+\}|:[A-Za-z_]+)(/([a-z0-9][a-z0-9._~-]*|\{[A-Za-z_]+\}|:[A-Za-z_]+))+/?$"
)
CLIMB_STEPS = 14
MIN_SECRET_LENGTH = 6
MAX_USES = 6


@dataclass
class Library:
    """A language's tables, as the extractor needs them."""

    send_of: Callable[..., Any]
    sink_of: Callable[[ir.Call], str | None]
    pass_through: frozenset[str]
    jwt_sign_of: Callable[..., Any] | None = None
    jwt_option_claims: dict[str, str] = field(default_factory=dict)
    duration_seconds: Callable[[Sym], int | None] | None = None
    env_read: str = "process.env.{name}"
    # "body" when a send's result is the response body itself (curl_exec, Invoke-RestMethod),
    # "call" (the default) when it is a response object whose body is read from it.
    result_of: Callable[[Any], str] | None = None
    # The response a call parses the body of (`json_decode($r)`, `$r->getBody()`,
    # `ConvertFrom-Json $r`), or None.
    parses_body: Callable[[ir.Call], ir.Node | None] | None = None
    # Member names that read the body of a response object (`res.data`, `$r.Content`).
    body_members: frozenset[str] = frozenset({"data"})
    # Whether `env_read` may replace this literal: not where the language wants a constant
    # expression (PHP's `const X = getenv('X')` does not compile). None: everywhere.
    runtime_value: Callable[[ir.Node], bool] | None = None


@dataclass
class Semantics:
    program: Any  # ir.Program plus candidates() and in_error_branch()
    ev: Evaluator
    lib: Library
    rel: str
    is_test: bool
    http: dict[str, Any] = field(default_factory=dict)
    secrets: dict[str, Any] = field(default_factory=dict)
    _sends: dict[int, tuple[ir.Call, Any]] = field(default_factory=dict)
    _token_calls: set[int] = field(default_factory=set)
    _body_calls: set[int] = field(default_factory=set)
    _handled: set[int] = field(default_factory=set)
    _requests: set[int] = field(default_factory=set)
    _authorize_at: set[tuple[int, int]] = field(default_factory=set)

    def __post_init__(self) -> None:
        text = self.program.text
        self.out: list[Fact] = [file_traits(text)]
        self.assertion_file = "client_assertion" in text
        self.other_hosts: list[str] = []
        self.redirect_texts: set[str] = set()
        self.is_example = sx.is_example_path(self.rel)
        self.auth_context = any(m in text for m in AUTH_CONTEXT_MARKERS)
        self.source = self.program.source

    # -- positions ------------------------------------------------------------------------------

    def pos(self, node: ir.Node) -> Header:
        """The header of a fact about `node`: its start and exclusive end."""
        return self.span(node.start, node.end)

    def span(self, start: int, end: int) -> Header:
        line, col = self.source.position(start)
        end_line, end_col = self.source.position(end)
        return header(line, col, end_line, end_col)

    # -- the pass -------------------------------------------------------------------------------

    def run(self, cands: Any, comments: list[tuple[int, int, int, str]]) -> None:
        for call in cands.calls:
            self._call(call)
        for name, name_node, value, context in cands.named:
            self._named(name, name_node, value, context)
        for node in cands.strings:
            self._string(node)
        for prop, node in cands.members:
            self._member(prop, node)
        for name, node in cands.env_reads:
            self._env(name, node)
        for stmt, value in cands.throws:
            self._throw(stmt, value)
        for call in cands.calls:
            sink = self._sink_kind(call)
            if sink is not None:
                self._sink(call, sink)
        for start, _line, _col, text in comments:
            self._comment(start, text)
        # Tokens at run time and the integration's own server (extract/runtime.py).
        from cxone_rules.extract.runtime import Runtime

        Runtime(self).run(cands)
        self._module()

    # -- HTTP sends and token requests ----------------------------------------------------------

    def send(self, call: ir.Call, via: ir.Node | None = None) -> Any:
        key = id(call)
        if key not in self._sends:
            try:
                found = self.lib.send_of(self.ev, call, via)
            except RecursionError:
                found = None
            self._sends[key] = (call, found)  # the call is kept: its id stays its own
        return self._sends[key][1]

    def _call(self, call: ir.Call) -> None:
        name = ir.callee(call)
        short = name.rsplit(".", 1)[-1]
        if short in ("append", "set") and len(call.args) == 2 and isinstance(call.args[0], ir.Str):
            key = call.args[0].value
            if key == "grant_type":
                value = self.ev.value(call.args[1]).best().text
                if value and UNKNOWN not in value:
                    self.out.append(out.grant(self.pos(call.args[1]), value, "dict"))
                recv = call.func.obj if isinstance(call.func, ir.Member) else None
                if isinstance(recv, ir.Name):
                    for send in self._through_uses(recv.name, call, 0, set()):
                        self._request(send, None)
            elif key.lower() == "access-control-allow-origin":
                self._cors_header(call, call.args[1])
            return
        if name in ("cors",) or name.endswith(".cors"):
            self._cors_call(call)
            return
        if short in ("setHeader", "header", "writeHead") and len(call.args) == 2:
            key = self.ev.value(call.args[0]).best().text or ""
            if key.lower() == "access-control-allow-origin":
                self._cors_header(call, call.args[1])
            return
        if self.lib.jwt_sign_of is not None:
            signed = self.lib.jwt_sign_of(self.ev, call)
            if signed is not None:
                self._jwt_sign(call, *signed)
                return
        # HTTP calls are not read one by one: token requests and configuration calls are
        # reached by climbing from what makes them one (bodies, token URLs, token_endpoint).

    def _jwt_sign(self, call: ir.Call, payload: Any, key: Any, options: Any) -> None:
        """A signed JWT (a client assertion when the file names client_assertion)."""
        claims: dict[str, ir.Node] = {}
        node = payload
        if isinstance(node, ir.Name):
            bindings = self.program.bindings(node.name, node)
            if bindings and bindings[-1].value is not None:
                node = self.program.lower(bindings[-1].value)
        if isinstance(node, ir.Obj):
            claims.update({e.key: e.value for e in node.entries if e.key})
        opts = options if isinstance(options, ir.Obj) else None
        alg = "HS256"
        if opts is not None:
            for e in opts.entries:
                if e.key in self.lib.jwt_option_claims:
                    claims.setdefault(self.lib.jwt_option_claims[e.key], e.value)
                elif e.key == "algorithm":
                    alg = self.ev.value(e.value).best().text or "other"
        known = isinstance(node, ir.Obj)
        text = self.program.text

        def src(n: ir.Node) -> str:
            return str(text[n.start : n.end])

        iss_sub_same = iss_client = None
        if "iss" in claims and "sub" in claims:
            iss_sub_same = src(claims["iss"]) == src(claims["sub"])
            iss_client = "clientid" in src(claims["iss"]).lower().replace("_", "")
        aud = None
        if "aud" in claims:
            aud_sym = self.ev.value(claims["aud"])
            names = {snake(h.name) for h in aud_sym.holes()}
            atext = aud_sym.best().text
            info = classify_url(atext) if atext else None
            if (
                (info and info.path_kind == "token")
                or names & {"token_endpoint", "token_url"}
                or (atext and atext.rstrip("/").endswith("/token"))
            ):
                aud = "token-endpoint"
            elif aud_sym.known:
                aud = "other"
            else:
                aud = "unknown"
        exp = None
        if "exp" in claims:
            exp_node = claims["exp"]
            if (
                opts is not None
                and opts.get("expiresIn") is exp_node
                and (self.lib.duration_seconds is not None)
            ):
                exp = self.lib.duration_seconds(self.ev.value(exp_node))
            elif isinstance(exp_node, ir.Binary) and exp_node.op == "+":
                for side in (exp_node.right, exp_node.left):
                    v = self.ev.value(side).best()
                    if v.value is not None and isinstance(v.value[1], (int, float)):
                        exp = int(v.value[1])
                        break
        key_text = src(key).lower() if key is not None else ""
        key_kind = "other"
        if "private" in key_text or ".pem" in key_text or "begin" in key_text:
            key_kind = "private-key"
        elif "secret" in key_text:
            key_kind = "client-secret"
        self.out.append(
            out.jwt_encode(
                self.pos(call),
                alg=alg,
                claims=sorted(c for c in claims if re.fullmatch(r"[A-Za-z_]\w{0,30}", c))
                if known
                else None,
                iss_sub_same=iss_sub_same,
                iss_client_id=iss_client,
                aud=aud,
                exp_seconds=exp,
                key=key_kind,
            )
        )

    def _anchor(self, node: ir.Node) -> None:
        """Climb from a token-request body (or URL) to the calls that send it."""
        for send in self._climb(node, 0, set()):
            self._request(send, node)

    def _climb(self, node: ir.Node, depth: int, seen: set[int]) -> list[Any]:
        prog = self.program
        cur = node
        for _ in range(CLIMB_STEPS):
            p = prog.parent(cur)
            if p is None:
                return []
            if isinstance(p, ir.Call):
                if cur is p.func:
                    cur = p
                    continue
                send = self.send(p, cur)
                if send is not None:
                    return [send]
                name = ir.callee(p)
                if name in self.lib.pass_through or name.rsplit(".", 1)[-1] in (
                    "stringify",
                    "toString",
                ):
                    cur = p
                    continue
                return self._into_callee(p, cur, depth, seen)
            if isinstance(
                p, (ir.Obj, ir.Arr, ir.Binary, ir.Cond, ir.Template, ir.Member, ir.Unary)
            ):
                cur = p
                continue
            if isinstance(p, ir.Assign):
                target = ir.dotted(p.target)
                root = target.split(".")[0] if target else ""
                if not root or root == "this":
                    return []
                return self._through_uses(root, p, depth, seen)
            if isinstance(p, ir.Unknown) and p.kind == "variable_declarator":
                name_node = p.origin.child_by_field_name("name")
                if name_node is None or name_node.type != "identifier":
                    return []
                name = prog.node_text(name_node)
                return self._through_uses(name, p, depth, seen)
            if isinstance(p, ir.Unknown) and p.kind == "return_statement":
                return self._through_callers(p, depth, seen)
            return []
        return []

    def _through_uses(self, name: str, after: ir.Node, depth: int, seen: set[int]) -> list[Any]:
        if depth > 3 or (id(after), name) in seen:  # type: ignore[comparison-overlap]
            return []
        seen.add(id(after))
        found: list[Any] = []
        for use in self.program.uses(name, after)[:MAX_USES]:
            found.extend(self._climb(use, depth + 1, seen))
        return found

    def _into_callee(self, call: ir.Call, arg: ir.Node, depth: int, seen: set[int]) -> list[Any]:
        """`send(body)` where `send` is a function of this file: climb on from its parameter
        (one level of argument-to-parameter linking)."""
        if depth > 2 or not isinstance(call.func, ir.Name) or arg not in call.args:
            return []
        found = self.program.function_params(call.func.name, call)
        if found is None:
            return []
        body_at, params = found
        index = call.args.index(arg)
        if index >= len(params) or not params[index]:
            return []
        out: list[Any] = []
        param = params[index]
        for use in self.program.uses(param, body_at, body_at)[:MAX_USES]:
            for send in self._climb(use, depth + 1, seen):
                hole = send.body.best().hole if send.body is not None else None
                if hole is not None and hole.kind == "param" and hole.name == param:
                    # The request sends the parameter: what this call passes is its body.
                    send = replace(send, body=self.ev.value(arg), body_node=arg)
                out.append(send)
        return out

    def _through_callers(self, ret: ir.Node, depth: int, seen: set[int]) -> list[Any]:
        """`function body() { return new URLSearchParams({...}) }`: climb from its calls."""
        fname = self.program.function_name(ret)
        if not fname or depth > 2:
            return []
        found: list[Any] = []
        for use in self.program.uses(fname, ir.Unknown(0, 0, None), ret)[:MAX_USES]:
            call = self.program.parent(use)
            if isinstance(call, ir.Call) and call.func is use:
                found.extend(self._climb(call, depth + 1, seen))
            elif isinstance(call, ir.Member) and isinstance(use, ir.Name):
                continue
        return found

    def _request(self, send: Any, anchor: ir.Node | None) -> None:
        call = send.call
        if id(call) in self._requests:
            return
        url = send.url
        url_best = url.best()
        text = url_best.text
        body = send.body
        if body is None and anchor is not None and not isinstance(anchor, ir.Call):
            body = self.ev.value(anchor)
        bbest = body.best() if body is not None else None
        items = self._items(body)
        if isinstance(send.body_node, ir.Name):
            items.update(self._appended(send.body_node, call))
        btext = bbest.text if bbest is not None and bbest.parts is not None else ""
        kind_text = UNKNOWN + text if text and text.startswith("/") else text
        info = classify_url(kind_text) if kind_text else None
        path_kind = info.path_kind if info else (url_path_kind(kind_text) if kind_text else None)
        if path_kind == "cxone-configuration":
            self._requests.add(id(call))
            has_auth = "authorization" in send.headers
            self.out.append(out.discovery_call(self.pos(call), "cxone-configuration", has_auth))
            return
        keys = {snake(h.name.rsplit(":", 1)[-1]) for h in url.holes()}
        is_token = (
            path_kind in TOKEN_PATHS
            or bool(keys & {"token_endpoint", "token_url", "token_uri"})
            or "grant_type" in items
            or "grant_type=" in btext
            or ("accessKeyId" in items and "accessKeySecret" in items)
        )
        if not is_token:
            return
        self._requests.add(id(call))
        self._token_calls.add(id(call))
        if self.lib.result_of is not None and self.lib.result_of(send) == "body":
            self._body_calls.add(id(call))
        grant = None
        if "grant_type" in items:
            grant = items["grant_type"].best().text
        elif "grant_type=" in btext:
            m = GRANT_RE.search(btext)
            grant = m.group(1) if m else None
        styles: list[str] = []
        if send.basic_auth:
            styles.append("basic-auth")
        header = send.headers.get("authorization")
        if header is not None:
            htext = (header.best().text or "").lower()
            if htext.startswith("basic"):
                styles.append("basic-header")
            elif htext.startswith("bearer"):
                styles.append("bearer")
        if "client_secret" in items or "client_secret=" in btext:
            styles.append("post")
        if "client_assertion" in items or "client_assertion=" in btext:
            styles.append("jwt")
        if not styles:
            styles.append("none")
        form = send.body_form
        if form is None:
            if body is None:
                form = "none"
            elif bbest is not None and bbest.enc in ("json", "form"):
                form = bbest.enc
            elif bbest is not None and bbest.parts is not None and bbest.obj is None:
                form = "string"
            else:
                form = "unknown"
        encoding = None
        if form == "string" and bbest is not None:
            encoding = self._encoding(bbest)
        redirect = items.get("redirect_uri")
        self.out.append(
            out.token_request(
                self.pos(call),
                lib=send.lib,
                method=send.method,
                url=url,
                grant_value=grant,
                styles=styles,
                body=form,
                extra={
                    "access_key_encoding": encoding,
                    "access_key_json": "accessKeyId" in items and form == "json",
                    "pkce_verifier": "code_verifier" in items or "code_verifier=" in btext,
                    "client_id_in_body": "client_id" in items or "client_id=" in btext,
                    "redirect_uri": redirect,
                    "scope": items.get("scope"),
                },
            )
        )

    def _items(self, body: Sym | None) -> dict[str, Sym]:
        if body is None:
            return {}
        merged: dict[str, Sym] = {}
        for o in body.options():
            for src in (o, o.source):
                if src is not None and src.obj:
                    for k, v in src.obj.items():
                        merged.setdefault(k, v)
        return merged

    def _appended(self, name: ir.Name, before: ir.Node) -> dict[str, Sym]:
        """`form.append("grant_type", "password")` / `.set(...)` before the send: the body's
        fields, for bodies built by mutation (URLSearchParams, FormData, Headers)."""
        items: dict[str, Sym] = {}
        for use in self.program.uses(name.name, ir.Unknown(0, 0, None), name):
            if use.start >= before.start:
                break
            member = self.program.parent(use)
            if not isinstance(member, ir.Member) or member.prop not in ("append", "set"):
                continue
            call = self.program.parent(member)
            if isinstance(call, ir.Call) and len(call.args) == 2:
                key = self.ev.value(call.args[0]).best().text
                if key:
                    items.setdefault(key, self.ev.value(call.args[1]))
        return items

    @staticmethod
    def _encoding(body: Sym) -> str | None:
        verdict = None
        before = ""
        for part in body.parts or ():
            if isinstance(part, str):
                before += part
                continue
            if before.endswith(("username=", "password=", "accessKeyId=", "accessKeySecret=")):
                if part.enc == "uri":
                    verdict = verdict or "encoded"
                else:
                    return "raw"
            before += UNKNOWN
        return verdict

    # -- named values: secrets, grants, authorize parameters, TLS ---------------------------------

    def _named(self, name: str, name_node: ir.Node, value: ir.Node, context: str) -> None:
        if name == "grant_type" and context == "dict":
            v = self.ev.value(value).best().text
            if v and UNKNOWN not in v:
                self.out.append(out.grant(self.pos(value), v, "dict"))
            obj = self.program.parent(value)
            if isinstance(obj, ir.Obj):
                self._anchor(obj)
        elif name == "accessKeySecret" and context == "dict":
            obj = self.program.parent(value)
            if isinstance(obj, ir.Obj) and obj.get("accessKeyId") is not None:
                self._anchor(obj)
        elif name == "response_type" and context == "dict":
            obj = self.program.parent(value)
            if isinstance(obj, ir.Obj):
                self._authorize_obj(obj)
        if snake(name) in ("token_endpoint", "token_url", "token_uri") and context == "assignment":
            self._anchor(value)  # `const tokenEndpoint = ...`: climb from its uses
        if name in REDIRECT_KEYS or name == "redirect_uri":
            self._redirect(value)
        if (
            name in ("rejectUnauthorized", "strictSSL")
            and isinstance(value, ir.Const)
            and (value.value is False)
        ):
            self._tls(name_node.start, value.end, f"{name}: false")
        if name == "NODE_TLS_REJECT_UNAUTHORIZED" or name.endswith("NODE_TLS_REJECT_UNAUTHORIZED"):
            flag = self.ev.value(value).best()
            if flag.text == "0" or (flag.value is not None and flag.value[1] in (0, False)):
                self._tls(name_node.start, value.end, "NODE_TLS_REJECT_UNAUTHORIZED=0")
        self._secret_binding(name, value, context)

    def _tls(self, start: int, end: int, what: str) -> None:
        if not self.is_test:
            self.out.append(out.tls(self.span(start, end), what))

    def _literals(self, value: ir.Node) -> list[ir.Str | ir.Template]:
        """The literal(s) a name is bound to: the value, or the sides of `||`/`??`/ternaries."""
        if isinstance(value, ir.Str):
            return [value]
        if isinstance(value, ir.Template) and all(isinstance(p, str) for p in value.parts):
            return [value]
        if isinstance(value, ir.Binary) and value.op in ("||", "??"):
            return [
                x
                for side in (value.left, value.right)
                if side is not None
                for x in self._literals(side)
            ]
        if isinstance(value, ir.Cond):
            return [
                x
                for side in (value.then, value.other)
                if side is not None
                for x in self._literals(side)
            ]
        if isinstance(value, ir.Call) and ir.callee(value) in ("String",) and value.args:
            return self._literals(value.args[0])
        return []

    def _secret_binding(self, name: str, value: ir.Node, context: str) -> None:
        for literal in self._literals(value):
            text = (
                literal.value
                if isinstance(literal, ir.Str)
                else "".join(p for p in literal.parts if isinstance(p, str))
            )
            self._handled.add(id(literal))
            sub_context = context
            if literal is not value:
                sub_context = "env-default" if self._env_side(value) else context
            self._classify(literal, text, name, sub_context)

    def _env_side(self, value: ir.Node) -> bool:
        return isinstance(value, ir.Binary) and any(
            h.kind == "env" for h in self.ev.value(value.left).holes()
        )

    def _env_read(self, node: ir.Node | None) -> str | None:
        """The variable `node` reads from the environment, in the language's own spelling
        (`process.env.X`, `getenv('X')`, `$_ENV['X']`, `$env:X`), or None."""
        if not isinstance(node, (ir.Member, ir.Call, ir.Name, ir.Index)):
            return None
        value = self.ev.value(node)
        parts = value.parts
        if parts and len(parts) == 1 and isinstance(parts[0], Hole) and parts[0].kind == "env":
            return parts[0].name
        return None

    def _classify(self, node: ir.Node, value: str, name: str, context: str) -> None:
        """python_secrets' verdict on a literal bound to a name (same kinds, same rules)."""
        if name and sx.dummy_name(name):
            return
        if len(value) < MIN_SECRET_LENGTH:
            return  # "code", "S256", "openid": no credential is this short
        if URL_PATH.match(value):
            return  # `tokenRefresh: 'public/authentication/v1/refresh'`: a route, not a token
        if self._generic(node, value, name, context) or sx.find_jwts(value):
            return
        kind = sx.secret_kind_for_name(name) if name else None
        if kind is None:
            return
        header = sx.header_credential(value) if kind == sx.AUTHORIZATION else None
        if header is not None and header.detail == "opaque" and (self.is_test or self.is_example):
            return
        if header is not None:
            self._record(node, header.kind, value, name, context, {"shape": header.detail})
            return
        if (
            kind == sx.AUTHORIZATION
            and value.split(None, 1)[:1]
            and value.split(None, 1)[0].lower() in ("basic", "bearer")
        ):
            return
        fixable = context in ("assignment", "dict", "default")
        if kind == sx.ACCESS_KEY_SECRET or (
            kind in (sx.PASSWORD, sx.SECRET) and sx.looks_like_access_key_secret(value)
        ):
            if sx.classify_value(value, sx.ACCESS_KEY_SECRET, strict=self.is_test).real:
                self._record(node, sx.ACCESS_KEY_SECRET, value, name, context, None, fixable)
            return
        generic = kind in (sx.PASSWORD, sx.SECRET, sx.API_KEY, sx.TOKEN, sx.AUTHORIZATION)
        if generic and kind != sx.TOKEN and (self.is_test or self.is_example):
            return
        strict = self.is_test or (generic and not self.auth_context)
        if sx.classify_value(value, kind, strict=strict).real:
            self._record(node, kind, value, name, context, None, fixable)

    def _generic(self, node: ir.Node, value: str, name: str, context: str) -> bool:
        for token in sx.find_jwts(value):
            info = sx.inspect_jwt(token)
            if info is None or (self.is_test and not info.cxone) or sx.is_sample_jwt(token):
                continue
            self._record(
                node,
                sx.TOKEN,
                token,
                name,
                context,
                {"jwt": info},
                fixable=token == value,
            )
            return True
        header = sx.header_credential(value)
        if header is not None and header.kind == sx.BASIC_KEY:
            self._record(node, sx.BASIC_KEY, value, name, context, {"shape": header.detail})
            return True
        shape = sx.decode_basic(value)
        if shape == "app@vendor:bu" or (
            shape is not None and sx.secret_kind_for_name(name or "") is not None
        ):
            self._record(node, sx.BASIC_KEY, value, name, context, {"shape": shape}, fixable=True)
            return True
        if sx.is_app_vendor_bu(value):
            self._record(
                node, sx.BASIC_KEY, value, name, context, {"shape": "app@vendor:bu (clear text)"}
            )
            return True
        return False

    def _record(
        self,
        node: ir.Node,
        kind: str,
        value: str,
        name: str,
        context: str,
        detail: dict[str, Any] | None = None,
        fixable: bool = False,
    ) -> None:
        env = None
        if (
            fixable
            and name
            and context in ("assignment", "dict", "default")
            and isinstance(node, ir.Str)
            and (self.lib.runtime_value is None or self.lib.runtime_value(node))
        ):
            env = out.env_name(name)
        replacement = self.lib.env_read.replace("{name}", "{env}")
        self.out.append(
            out.secret(self.pos(node), kind, value, name, context, detail, env, replacement)
        )

    # -- strings --------------------------------------------------------------------------------

    @staticmethod
    def _shallow(node: ir.Node) -> str | None:
        if isinstance(node, ir.Str):
            return node.value
        if isinstance(node, ir.Template):
            return "".join(p if isinstance(p, str) else UNKNOWN for p in node.parts)
        return None

    def _template_url(self, node: ir.Node) -> SymStr | None:
        """A template literal whose interpolated values may go into a URL a fact keeps
        (`https://api-${area}.${domain}`: areas, domains, URLs, paths, each option of a
        loop or a choice; an imported constant or environment variable the linker fills),
        None when no part is one. Anything else stays an unknown: no credential enters."""
        if not isinstance(node, ir.Template):
            return None
        pieces: list[str | SymStr | SymHole] = []
        kept = False
        for part in node.parts:
            if isinstance(part, str):
                pieces.append(part)
                continue
            piece = self._url_piece(part)
            kept = kept or piece is not None
            pieces.append(piece if piece is not None else SymHole("unknown"))
        return SymStr.of(*pieces) if kept else None

    def _url_piece(self, part: ir.Node) -> SymStr | None:
        value = out.raw_sym(self.ev.value(part))
        readings = value.readings()
        if readings and all(is_host_piece(r.text) for r in readings):
            return value
        if (
            value.text is None
            and value.pieces
            and all(isinstance(p, SymHole) and p.kind in ("import", "env") for p in value.pieces)
        ):
            # The linker fills these; a default is kept only when it could be a host.
            return SymStr.of(
                *(
                    SymHole(p.kind, p.name, p.default if _host_default(p) else None)
                    for p in value.pieces
                    if isinstance(p, SymHole)
                )
            )
        return None

    def _string(self, node: ir.Node) -> None:
        text = self._shallow(node)
        if not text or len(text) > 4000:
            return
        built = self._template_url(node)
        if built is not None and classify_url(built.render().strip()) is not None:
            text = built.render()
        else:
            built = None
        stripped = text.strip()
        if "grant_type=" in stripped and not any(c.isspace() for c in stripped):
            for m in GRANT_RE.finditer(stripped):
                self.out.append(out.grant(self.pos(node), m.group(1), "string"))
            self._anchor(node)
        host = sx.insecure_cxone_host(stripped)
        if host and not self.is_test:
            scheme = None
            if text.startswith("http://"):
                h = self.span(node.start + 1, node.start + 1 + len("http://"))
                scheme = Span(h["line"], h["column"], h["end_line"], h["end_column"])
            self.out.append(out.insecure_http(self.pos(node), host, scheme))
        info = classify_url(stripped)
        if info is None:
            if "://" in stripped and not any(c.isspace() for c in stripped):
                split = split_url(stripped)
                if split and UNKNOWN not in split[0] and split[0] not in self.other_hosts:
                    self.other_hosts.append(split[0])
        elif info.kind != "docs":
            self.out.append(out.url_use(self.pos(node), stripped, self._default_of(node), built))
            if info.path_kind in TOKEN_PATHS or info.path_kind == "cxone-configuration":
                self._anchor(node)
        elif url_path_kind(stripped) in TOKEN_PATHS:
            pass
        if "cxone-configuration" in stripped and info is None:
            self._anchor(node)
        if info is None and url_path_kind(stripped) in TOKEN_PATHS and stripped.startswith("/"):
            self._anchor(node)
        if "response_type=" in stripped:
            self._authorize_string(node)
        if id(node) not in self._handled and isinstance(node, ir.Str):
            self._generic(node, node.value, "", "literal")
        if "access_token=" in stripped:
            self._query_token(node, stripped)

    def _default_of(self, node: ir.Node) -> dict[str, str] | None:
        p = self.program.parent(node)
        if isinstance(p, ir.Binary) and p.op in ("||", "??") and p.right is node:
            left = p.left
            env = self._env_read(left)
            if env is not None:
                return {"env": env}
            if isinstance(left, ir.Member) and left.prop in ("api_endpoint", "apiEndpoint"):
                return {"fallback_for": "api_endpoint"}
        return None

    def _query_token(self, node: ir.Node, text: str) -> None:
        for match in re.finditer(r"access_token=([^&#\s'\"]+)", text):
            value = match.group(1)
            if UNKNOWN in value:
                continue
            if sx.classify_value(value, sx.TOKEN, strict=self.is_test).real:
                self._record(node, sx.TOKEN, value, "access_token", "literal", {"shape": "opaque"})
                return

    def _comment(self, start: int, text: str) -> None:
        if "eyJ" in text:
            for token in sx.find_jwts(text):
                info = sx.inspect_jwt(token)
                if info is None or sx.is_sample_jwt(token) or (self.is_test and not info.cxone):
                    continue
                node = ir.Unknown(start, start + len(text), None)
                self._record(node, sx.TOKEN, token, "", "comment", {"jwt": info})
                return
        if "access_token=" in text:
            node = ir.Unknown(start, start + len(text), None)
            self._query_token(node, text)

    # -- authorize requests and redirect URIs ---------------------------------------------------

    def _authorize_obj(self, obj: ir.Obj) -> None:
        key = (obj.start, obj.end)
        if key in self._authorize_at:
            return
        self._authorize_at.add(key)
        items = self.ev.value(obj).best().obj or {}
        self._authorize(obj, "params", {k: v for k, v in items.items()})

    def _authorize(self, node: ir.Node, source: str, params: dict[str, Sym]) -> None:
        rt = params.get("response_type")
        method = params.get("code_challenge_method")
        redirect = params.get("redirect_uri")
        state = params.get("state")
        if state is not None:
            # `state || 'aaxx-11'`: a fixed fallback is what the state is when none is set.
            state = next((o for o in state.options() if o.known), state)
        self.out.append(
            out.authorize(
                self.pos(node),
                source,
                rt.best().text if rt is not None else None,
                "code_challenge" in params,
                method.best().text if method is not None and method.best().known else None,
                redirect,
                state,
                params.get("nonce"),
            )
        )

    def _authorize_string(self, node: ir.Node) -> None:
        """An authorize URL built as a string: evaluate it where it is used whole."""
        use = self._whole(node)
        value = self.ev.value(use)
        for option in value.options():
            if option.parts is None:
                continue
            params = self._query(option)
            text = option.text or ""
            split = split_url(text) if "://" in text else None
            if split and UNKNOWN not in split[0] and not is_cxone_host(split[0]):
                return  # another provider's authorize URL (Salesforce, Google, ...)
            if "response_type" in params:
                key = (use.start, use.end)
                if key in self._authorize_at:
                    return
                self._authorize_at.add(key)
                # `state=${config.state || 'aaxx-11'}`: any option with a fixed state counts.
                for other in value.options():
                    state = self._query(other).get("state") if other.parts else None
                    if state is not None and state.known:
                        params["state"] = state
                        break
                self._authorize(use, "url", params)
                if "redirect_uri" in params:
                    self._redirect_value(use, params["redirect_uri"])
                return

    def _whole(self, node: ir.Node) -> ir.Node:
        """The expression a string piece ends up in: through `+`, templates and `url = url +
        ...` reassignments to the last read of the variable."""
        prog = self.program
        cur = node
        for _ in range(CLIMB_STEPS):
            p = prog.parent(cur)
            if isinstance(p, (ir.Binary, ir.Template)) or (
                isinstance(p, ir.Call) and ir.callee(p) in ("encodeURI",)
            ):
                cur = p
                continue
            name = None
            if isinstance(p, ir.Assign) and isinstance(p.target, ir.Name):
                name = p.target.name
            elif isinstance(p, ir.Unknown) and p.kind == "variable_declarator":
                name_node = p.origin.child_by_field_name("name")
                if name_node is not None and name_node.type == "identifier":
                    name = prog.node_text(name_node)
            if name is None:
                return cur
            last = None
            for use in prog.uses(name, p):
                up = prog.parent(use)
                while isinstance(up, (ir.Binary, ir.Template)):
                    up = prog.parent(up)
                if isinstance(up, ir.Assign) and ir.dotted(up.target) == name:
                    continue  # url = url + "...": still building
                last = use
                break
            return last if last is not None else cur
        return cur

    @staticmethod
    def _query(option: Sym) -> dict[str, Sym]:
        """Query parameters of a built URL: literal values known, holes kept as holes."""
        parts = option.parts or ()
        text = "".join(p if isinstance(p, str) else "\ue000" for p in parts)
        holes = [p for p in parts if isinstance(p, Hole)]
        base, _, query = text.partition("?") if "?" in text else ("", "", text)
        out_params: dict[str, Sym] = {}
        index = base.count("\ue000")  # holes of the base URL come first
        for piece in query.split("&"):
            if "=" not in piece:
                index += piece.count("\ue000")
                continue
            key, val = piece.split("=", 1)
            key_holes = key.count("\ue000")
            index += key_holes
            if "\ue000" not in val:
                from urllib.parse import unquote

                out_params[key] = Sym(parts=(unquote(val),))
                continue
            chunks: list[str | Hole] = []
            for i, chunk in enumerate(val.split("\ue000")):
                if i:
                    chunks.append(holes[index] if index < len(holes) else Hole("unknown"))
                    index += 1
                if chunk:
                    chunks.append(chunk)
            out_params[key] = Sym(parts=tuple(chunks))
        return out_params

    def _redirect(self, value: ir.Node) -> None:
        self._redirect_value(value, self.ev.value(value))

    def _redirect_value(self, node: ir.Node, value: Sym) -> None:
        if self.is_example:
            return  # `settings.example.js` documents a value, it registers nothing
        best = value.best()
        if best.text is not None and any(best.text == t for t in self.redirect_texts):
            return  # the same URI, already recorded where it is written
        origin = best.origin
        if best.source is not None and best.source.best().origin is not None:
            origin = best.source.best().origin
        at = node if origin is None else ir.Unknown(origin[0], origin[1], None)
        source = best.source.best() if best.enc == "uri" and best.source is not None else value
        if best.text is not None:
            self.redirect_texts.add(best.text)
        self.out.append(out.redirect_uri(self.pos(at), source))

    # -- members, env, module -------------------------------------------------------------------

    def _member(self, prop: str, node: ir.Node) -> None:
        if prop == "api_endpoint":
            self.out.append(out.config_read(self.pos(node), "api_endpoint", "attribute"))
        elif snake(prop) in ("token_endpoint", "token_url", "token_uri"):
            self._anchor(node)

    def _env(self, name: str, node: ir.Node) -> None:
        p = self.program.parent(node)
        has_default = isinstance(p, ir.Binary) and p.op in ("||", "??") and p.left is node
        default = self.ev.value(p.right) if has_default and isinstance(p, ir.Binary) else None
        self.out.append(out.env_ref(self.pos(node), name, default))

    def _module(self) -> None:
        """Imports and the module-level URL constants other modules may import (`Export`)."""
        prog = self.program
        scope = prog.module_bindings()
        if scope is None:
            return
        for local, imp in scope.imports.items():
            self.out.append(out.import_(FILE_START, local, imp.module, imp.name))
        for exported, target in (scope.reexports.get("names") or {}).items():
            # `export { TOKEN_URL as URL } from "./config"`: the linker follows the import.
            self.out.append(out.reexport(FILE_START, exported, target))
        for i, module in enumerate(scope.reexports.get("all") or []):
            # `export * from "./urls"`: every name of that module (`*0`, `*1`, ...).
            self.out.append(out.reexport(FILE_START, f"*{i}", module))
        for name, raws in scope.bindings.items():
            if len(raws) != 1 or (
                "." in name and not name.startswith(("module.exports", "exports."))
            ):
                continue
            _start, _op, value, _b0, _b1, synthetic = raws[0]
            if synthetic is None and not prog.may_hold_url(value):
                continue  # functions, classes, numbers: never a URL constant
            node = synthetic if synthetic is not None else prog.lower(value)
            key = name.removeprefix("module.exports.").removeprefix("exports.")
            if name == "module.exports":
                key = "default"
            value_sym = self.ev.value(node)
            text = value_sym.best().text
            if text and UNKNOWN not in text and (is_url_like(text) or is_host_piece(text)):
                self.out.append(out.export(self.pos(node), key, text))
            for path, t in _url_leaves(value_sym.best().obj):
                self.out.append(out.export(self.pos(node), f"{key}.{path}", t))
                if key == "default":
                    self.out.append(out.export(self.pos(node), path, t))

    # -- CORS -----------------------------------------------------------------------------------

    def _cors_call(self, call: ir.Call) -> None:
        from cxone_rules.extract.runtime import cors_options

        cfg = self.ev.value(call.args[0]).best().obj if call.args else None
        origin = cfg.get("origin") if cfg else None
        fields = cors_options(self, call)
        if origin is None:
            self.out.append(out.cors(self.pos(call), "cors() allows every origin", "*", fields))
            return
        text = origin.best().text
        if origin.best().value == ("const", True):
            what = "cors() reflects the request's origin"
        else:
            what = f"cors() allows {text}" if text else "cors() with a computed origin"
        self.out.append(out.cors(self.pos(call), what, text, fields))

    def _cors_header(self, call: ir.Call, value: ir.Node) -> None:
        from cxone_rules.extract.runtime import cors_header

        text = self.ev.value(value).best().text
        what = "Access-Control-Allow-Origin set by hand"
        self.out.append(out.cors(self.pos(call), what, text, cors_header(self, call, value)))

    # -- sinks ----------------------------------------------------------------------------------

    def _sink_kind(self, call: ir.Call) -> str | None:
        kind = self.lib.sink_of(call)
        if kind is not None:
            return kind
        name = ir.callee(call)
        if name.startswith("().") and name.rsplit(".", 1)[-1] in ("json", "send", "end"):
            inner: ir.Node | None = call.func.obj if isinstance(call.func, ir.Member) else None
            while isinstance(inner, ir.Call) and isinstance(inner.func, ir.Member):
                inner = inner.func.obj
            if isinstance(inner, ir.Name) and inner.name in ("res", "response", "reply"):
                return "HTTP response"
        return None

    def _sink(self, call: ir.Call, sink: str) -> None:
        if self.is_test:
            return
        error = self.program.in_error_branch(call)
        for arg in call.args:
            reason = self.sensitive(arg, error, 0)
            if reason:
                self.out.append(out.leak(self.pos(call), sink, reason))
                return

    def _throw(self, stmt: ir.Node, value: ir.Node | None) -> None:
        if self.is_test or not isinstance(value, ir.Call):
            return
        error = self.program.in_error_branch(stmt)
        for arg in value.args:
            reason = self.sensitive(arg, error, 0)
            if reason:
                self.out.append(out.leak(self.pos(stmt), "exception", reason))
                return

    def _token_response(self, node: ir.Node | None, depth: int) -> str | None:
        """'call' when `node` is a token request's response object, 'body' for its parsed body."""
        if node is None or depth > 6:
            return None
        if isinstance(node, ir.Unary) and node.op in ("await", "paren"):
            return self._token_response(node.arg, depth + 1)
        if isinstance(node, ir.Call):
            if id(node) in self._token_calls:
                return "body" if id(node) in self._body_calls else "call"
            parsed = self.lib.parses_body(node) if self.lib.parses_body is not None else None
            if parsed is not None and self._token_response(parsed, depth + 1) is not None:
                return "body"
            if (
                isinstance(node.func, ir.Member)
                and node.func.prop == "json"
                and not node.args  # Laravel's `$response->json('expires_in')` reads one field
                and (self._token_response(node.func.obj, depth + 1) == "call")
            ):
                return "body"
            if isinstance(node.func, ir.Name):
                # A function of this file that returns a token response (one level).
                returned = self.program.returns(node.func.name, node)
                if returned is not None:
                    return self._token_response(returned, depth + 1)
            return None
        if isinstance(node, ir.Member) and isinstance(node.obj, ir.This):
            # `this.token = await res.json()` in the class, read in another method.
            fields = self.program.this_field(node.prop, node)
            if fields:
                last = fields[-1]
                value = (
                    last.synthetic if last.synthetic is not None else self.program.lower(last.value)
                )
                return self._token_response(value, depth + 1)
            return None
        if (
            isinstance(node, ir.Member)
            and node.prop in self.lib.body_members
            and (self._token_response(node.obj, depth + 1) == "call")
        ):
            return "body"
        if isinstance(node, ir.Name):
            bindings = self.program.bindings(node.name, node)
            if bindings:
                last = bindings[-1]
                value = (
                    last.synthetic if last.synthetic is not None else self.program.lower(last.value)
                )
                return self._token_response(value, depth + 1)
        return None

    def _secret_name(self, name: str) -> bool:
        """A variable whose name says it holds a credential, in code about authentication;
        not event or state names (`TOKEN_REFRESHED`, `tokenExpired`)."""
        if not self.auth_context or sx.secret_kind_for_name(name) not in SENSITIVE_NAME_KINDS:
            return False
        words = sx.name_words(name)
        return not (words and words[-1].lower().endswith("ed"))

    def sensitive(self, node: ir.Node | None, error: bool, depth: int) -> str | None:
        if node is None or depth > 8:
            return None
        d = depth + 1
        if isinstance(node, ir.Unary):
            return self.sensitive(node.arg, error, d) if node.op in ("await", "paren") else None
        if isinstance(node, ir.Name):
            kind = self._token_response(node, 0)
            if kind == "call":
                return None
            if kind == "body":
                return None if error else WHOLE_RESPONSE
            bindings = self.program.bindings(node.name, node)
            if bindings:
                last = bindings[-1]
                value = (
                    last.synthetic if last.synthetic is not None else self.program.lower(last.value)
                )
                if not isinstance(value, ir.Name) or value.name != node.name:
                    reason = self.sensitive(value, error, d)
                    if reason:
                        return reason
            if self._secret_name(node.name):
                return f"`{node.name}`"
            return None
        env = self._env_read(node) if isinstance(node, (ir.Member, ir.Call)) else None
        if env is not None:
            if sx.secret_kind_for_name(env) in SENSITIVE_NAME_KINDS:
                return f"the {env} environment variable"
            return None
        if isinstance(node, ir.Member):
            dotted = ir.dotted(node)
            if isinstance(node.obj, ir.This) and self._token_response(node, 0) == "body":
                return None if error else WHOLE_RESPONSE
            base = self._token_response(node.obj, 0)
            if node.prop in self.lib.body_members and base == "call":
                return None if error else WHOLE_RESPONSE
            low = node.prop.lower()
            keyed = low in SENSITIVE_KEYS or low.replace("_", "") in SENSITIVE_KEYS
            if keyed and (base == "body" or not isinstance(node.obj, ir.This)):
                return f"the {node.prop!r} field"
            if node.prop in REDACTING:
                return None
            if self._secret_name(node.prop):
                return f"`{dotted or node.prop}`"
            return None
        if isinstance(node, ir.Template):
            for part in node.parts:
                if isinstance(part, ir.Node):
                    reason = self.sensitive(part, error, d)
                    if reason:
                        return reason
            return None
        if isinstance(node, ir.Binary):
            if node.op not in ("+", ".", "||", "??"):
                return None
            return self.sensitive(node.left, error, d) or self.sensitive(node.right, error, d)
        if isinstance(node, ir.Call):
            kind = self._token_response(node, 0)
            if kind == "body":
                return None if error else WHOLE_RESPONSE
            name = ir.callee(node)
            short = name.rsplit(".", 1)[-1]
            if short in REDACTING:
                return None
            see_through = ("JSON.stringify", "String", "util.inspect", "inspect")
            if (name in see_through or name in self.lib.pass_through) and node.args:
                return self.sensitive(node.args[0], error, d)
            if short in ("toString", "trim") and isinstance(node.func, ir.Member):
                return self.sensitive(node.func.obj, error, d)
            return None
        if isinstance(node, ir.Obj):
            for e in node.entries:
                reason = self.sensitive(e.value, error, d)
                if reason:
                    return reason
            return None
        if isinstance(node, ir.Arr):
            for item in node.items:
                reason = self.sensitive(item, error, d)
                if reason:
                    return reason
        return None

    # -- JWT -------------------------------------------------------------------------------------

    def host_of(self, text: str) -> str | None:
        try:
            return urlsplit(text).hostname
        except ValueError:
            return None


def parse_query(text: str) -> dict[str, str]:
    return dict(parse_qsl(text.split("?", 1)[-1]))


# How deep the URLs of a module-level map are offered (`return ['oauth' => ['domain' => ...]]`
# of a configuration file: `return.oauth.domain`).
EXPORT_DEPTH = 4


def _url_leaves(obj: dict[str, Sym] | None, depth: int = 0) -> Iterator[tuple[str, str]]:
    """(dotted key, URL) for the URL-like strings of a map and of the maps it holds."""
    if not obj or depth >= EXPORT_DEPTH:
        return
    for k, v in obj.items():
        best = v.best()
        t = best.text
        if t and UNKNOWN not in t and is_url_like(t):
            yield k, t
        for path, inner in _url_leaves(best.obj, depth + 1):
            yield f"{k}.{path}", inner


def _host_default(h: SymHole) -> bool:
    return h.default is not None and is_host_piece(h.default.text)
