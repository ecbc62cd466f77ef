"""What JavaScript libraries do, as tables the evaluator and the semantic extractor read.

- `calls`: encoders and builders the evaluator sees through (btoa, Buffer, encodeURIComponent,
  JSON.stringify, URLSearchParams, querystring/qs, new URL, new Headers, require);
- `send_of`: where an HTTP call keeps its URL, method, headers, body and client credentials
  (fetch and node-fetch/undici/ky, axios incl. `axios.create` defaults, got, superagent
  chains, jQuery, XMLHttpRequest, request/needle, and unknown wrappers like
  `execute({route, headers, body})` or `HttpClient.post(url, init)`);
- sinks (console, loggers, HTTP responses), TLS settings, environment roots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cxone_rules.extract import ir
from cxone_rules.extract.evaluate import (
    UNKNOWN_SYM,
    Evaluator,
    Hole,
    Sym,
    encoded,
    lit,
    opaque,
    urljoin_sym,
)
from cxone_rules.extract.javascript.lower import module_path

ENV_ROOTS = ("process.env", "import.meta.env")

URI_ENCODERS = frozenset({"encodeURIComponent", "encodeURI", "escape", "querystring.escape"})
B64_ENCODERS = frozenset(
    {"btoa", "window.btoa", "base64.encode", "Base64.encode", "base64Encode", "b64encode"}
)
FORM_ENCODERS = frozenset(
    {"qs.stringify", "querystring.stringify", "stringify", "queryString.stringify"}
)
KEEP_TEXT = frozenset({"toString", "trim", "toLowerCase", "toUpperCase", "valueOf", "trimEnd"})


def calls(ev: Evaluator, call: ir.Call, d: int) -> Sym | None:
    """The evaluator's hook: the value of a library call, or None."""
    name = ir.callee(call)
    short = name.rsplit(".", 1)[-1]
    args = call.args
    first = args[0] if args else None
    if name in B64_ENCODERS:
        return opaque(ev.value(first, d), "b64", name)
    if short == "toString" and isinstance(call.func, ir.Member):
        recv = call.func.obj
        if (
            isinstance(recv, ir.Call)
            and ir.callee(recv) == "Buffer.from"
            and args
            and isinstance(first, ir.Str)
            and first.value == "base64"
        ):
            return opaque(ev.value(recv.args[0] if recv.args else None, d), "b64", "Buffer")
        return ev.value(recv, d)
    if name in URI_ENCODERS:
        return encoded(ev.value(first, d), "uri")
    if name == "JSON.stringify":
        inner = ev.value(first, d).best()
        return Sym(
            parts=(Hole("call", name, enc="json"),),
            obj=inner.obj,
            enc="json",
            source=inner,
        )
    if name in FORM_ENCODERS or (call.new and name == "URLSearchParams"):
        inner = ev.value(first, d).best() if first is not None else Sym(obj={})
        if inner.parts is not None and inner.obj is None:
            return Sym(parts=inner.parts, enc="form", source=inner)
        return Sym(parts=(Hole("call", name, enc="form"),), obj=inner.obj, enc="form", source=inner)
    if call.new and name in ("URL", "url.URL"):
        if len(args) >= 2:
            return urljoin_sym(ev.value(args[1], d), ev.value(first, d))
        return ev.value(first, d)
    if call.new and name == "Headers":
        return ev.value(first, d) if first is not None else Sym(obj={})
    if name in ("String", "decodeURIComponent", "decodeURI") and first is not None:
        return ev.value(first, d)
    if short in KEEP_TEXT and isinstance(call.func, ir.Member):
        return ev.value(call.func.obj, d)
    if short == "concat" and isinstance(call.func, ir.Member):
        from cxone_rules.extract.evaluate import concat

        out = ev.value(call.func.obj, d)
        if out.parts is None:
            return None
        for a in args:
            out = concat(out, ev.value(a, d))
        return out
    if name in ("require",) and isinstance(first, ir.Str):
        program = ev.program
        module = module_path(getattr(program, "rel", ""), first.value)
        h = Hole("import", module)
        return Sym(hole=h, parts=(h,))
    if name == "Object.assign":
        items: dict[str, Sym] = {}
        for a in args:
            v = ev.value(a, d).best()
            if v.obj:
                items.update(v.obj)
        return Sym(obj=items)
    if name.endswith("axios.create") or name == "axios.create":
        cfg = ev.value(first, d).best() if first is not None else Sym(obj={})
        return Sym(obj=cfg.obj or {}, hole=Hole("call", "axios.create"), call=call)
    return None


# -- HTTP sends -----------------------------------------------------------------------------------

HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request"})
URL_KEYS = ("url", "uri", "route", "endpoint", "href", "path", "baseURL", "baseUrl", "tokenUrl")
BODY_KEYS = ("body", "data", "form", "json", "payload")


@dataclass
class Send:
    """One HTTP request as the code makes it."""

    call: ir.Call
    lib: str
    method: str | None
    url: Sym
    headers: dict[str, Sym] = field(default_factory=dict)  # lower-case names
    body: Sym | None = None
    body_node: ir.Node | None = None
    body_form: str | None = None  # json | form | string when the library decides it
    basic_auth: bool = False


def _obj(ev: Evaluator, node: ir.Node | None, d: int = 0) -> dict[str, Sym]:
    if node is None:
        return {}
    v = ev.value(node, d).best()
    return dict(v.obj or {})


def _headers(ev: Evaluator, value: Sym | None) -> dict[str, Sym]:
    if value is None:
        return {}
    out: dict[str, Sym] = {}
    best = value.best()
    for k, v in (best.obj or {}).items():
        out[k.lower()] = v
    for item in best.arr or []:  # [{name, value}] and [[name, value]]
        b = item.best()
        if b.obj and "name" in b.obj and "value" in b.obj:
            key = b.obj["name"].best().text
            if key:
                out[key.lower()] = b.obj["value"]
        elif b.arr and len(b.arr) == 2:
            key = b.arr[0].best().text
            if key:
                out[key.lower()] = b.arr[1]
    return out


def _method(v: Sym | None, default: str | None) -> str | None:
    if v is None:
        return default
    t = v.best().text
    return t.lower() if t and t.isalpha() else default


def _libname(ev: Evaluator, root: str, call: ir.Call) -> str:
    if root in ("axios", "got", "superagent", "ky", "needle", "request", "undici"):
        return root
    return root or "http"


def send_of(ev: Evaluator, call: ir.Call, via: ir.Node | None = None) -> Send | None:
    """The request `call` makes, when it is an HTTP call this module knows."""
    name = ir.callee(call)
    parts = name.split(".")
    root, short = parts[0], parts[-1]
    args = call.args
    a0 = args[0] if args else None
    a1 = args[1] if len(args) > 1 else None
    a2 = args[2] if len(args) > 2 else None
    # fetch and friends: fetch(url, {method, headers, body})
    if short in ("fetch", "nodeFetch", "crossFetch") or name in ("undici.request", "ky"):
        init = _obj(ev, a1)
        return Send(
            call,
            "node-fetch" if _imported_from(ev, root, call, ("node-fetch",)) else "fetch",
            _method(init.get("method"), "get"),
            ev.value(a0),
            _headers(ev, init.get("headers")),
            init.get("body"),
            _obj_value(a1, "body"),
        )
    instance = _axios_instance(ev, call, root)
    if root == "axios" or instance is not None:
        defaults = instance or {}
        if short in ("axios", "request") or (name == root and root == "axios"):
            cfg = {**defaults, **_obj(ev, a0)}
            data_node = _obj_value(a0, "data")
            url = cfg.get("url", UNKNOWN_SYM)
        elif short in ("post", "put", "patch"):
            cfg = {**defaults, **_obj(ev, a2)}
            data_node = a1
            cfg["data"] = ev.value(a1) if a1 is not None else None  # type: ignore[assignment]
            url = ev.value(a0)
        elif short in ("get", "delete", "head", "options"):
            cfg = {**defaults, **_obj(ev, a1)}
            data_node = None
            url = ev.value(a0)
        else:
            return None
        if (
            "baseURL" in cfg
            and url.best().text is not None
            and "://" not in (url.best().text or "")
        ):
            url = urljoin_sym(cfg["baseURL"], url)
        data = cfg.get("data")
        form = None
        if data is not None and data.best().enc is None and data.best().obj is not None:
            form = "json"  # axios serialises plain objects as JSON
        return Send(
            call,
            "axios",
            short if short in HTTP_VERBS else _method(cfg.get("method"), "get"),
            url,
            _headers(ev, cfg.get("headers")),
            data,
            data_node,
            form,
            basic_auth="auth" in cfg,
        )
    if root == "got":
        body: Sym | None
        opts = _obj(ev, a1)
        if "json" in opts:
            body, form, node = opts["json"], "json", _obj_value(a1, "json")
        elif "form" in opts:
            body, form, node = opts["form"], "form", _obj_value(a1, "form")
        else:
            body, form, node = opts.get("body"), None, _obj_value(a1, "body")
        method = short if short in HTTP_VERBS else _method(opts.get("method"), "get")
        return Send(
            call,
            "got",
            method,
            ev.value(a0),
            _headers(ev, opts.get("headers")),
            body,
            node,
            form,
            basic_auth="username" in opts and "password" in opts,
        )
    if root in ("$", "jQuery") and short in ("ajax", "post", "get", "getJSON"):
        if short == "ajax":
            cfg = _obj(ev, a0)
            method = _method(cfg.get("type") or cfg.get("method"), "get")
            ctype = (cfg.get("contentType") or lit("")).best().text or ""
            data = cfg.get("data")
            form = (
                "json"
                if "json" in ctype
                else ("form" if data is not None and data.best().obj is not None else None)
            )
            return Send(
                call,
                "jquery",
                method,
                cfg.get("url", UNKNOWN_SYM),
                _headers(ev, cfg.get("headers")),
                data,
                _obj_value(a0, "data"),
                form,
                basic_auth="password" in cfg,
            )
        data = ev.value(a1) if a1 is not None else None
        return Send(
            call,
            "jquery",
            short if short != "getJSON" else "get",
            ev.value(a0),
            {},
            data,
            a1,
            "form" if data is not None and data.best().obj else None,
        )
    chain = _superagent(ev, call)
    if chain is not None:
        return chain
    if short == "send" and isinstance(call.func, ir.Member):
        xhr = _xhr(ev, call)
        if xhr is not None:
            return xhr
    if root in ("request", "needle") and short in HTTP_VERBS:
        cfg = _obj(ev, a0) if isinstance(a0, ir.Obj) else {}
        url = cfg.get("url") or cfg.get("uri") or ev.value(a0)
        if "form" in cfg:
            body, form = cfg["form"], "form"
        elif "json" in cfg:
            body, form = cfg["json"], "json"
        else:
            body, form = cfg.get("body") or (ev.value(a1) if a1 is not None else None), None
        return Send(
            call,
            root,
            short,
            url,
            _headers(ev, cfg.get("headers")),
            body,
            None,
            form,
            basic_auth="auth" in cfg,
        )
    # Unknown clients and wrappers.
    return _wrapper(ev, call, via)


def _obj_value(node: ir.Node | None, key: str) -> ir.Node | None:
    return node.get(key) if isinstance(node, ir.Obj) else None


def _imported_from(ev: Evaluator, local: str, at: ir.Node, modules: tuple[str, ...]) -> bool:
    imp = ev.program.imported(local, at)
    return imp is not None and imp.module in modules


def _axios_instance(ev: Evaluator, call: ir.Call, root: str) -> dict[str, Sym] | None:
    """`const api = axios.create({...}); api.post(...)`: the instance's defaults."""
    if not isinstance(call.func, ir.Member) or root in ("axios", "this", ""):
        return None
    recv = ev.value(call.func.obj)
    for o in recv.options():
        if o.hole is not None and o.hole.name == "axios.create":
            return dict(o.obj or {})
    return None


def _chain(call: ir.Call) -> list[ir.Call]:
    """`a.post(u).set(h).send(b)` from the last call down to the first."""
    out = [call]
    node: ir.Node | None = call
    while isinstance(node, ir.Call) and isinstance(node.func, ir.Member):
        node = node.func.obj
        if isinstance(node, ir.Call):
            out.append(node)
    return out


def _superagent(ev: Evaluator, call: ir.Call) -> Send | None:
    calls = _chain(call)
    start = calls[-1]
    name = ir.callee(start)
    root, short = name.split(".")[0], name.rsplit(".", 1)[-1]
    if root not in ("superagent", "request", "agent", "supertest") or short not in HTTP_VERBS:
        return None
    if len(calls) < 2 and short != "post":
        return None
    headers: dict[str, Sym] = {}
    body = None
    body_node = None
    form = None
    basic = False
    for c in calls:
        m = c.func.prop if isinstance(c.func, ir.Member) else ""
        if m == "set" and len(c.args) == 2:
            key = ev.value(c.args[0]).best().text
            if key:
                headers[key.lower()] = ev.value(c.args[1])
        elif m == "set" and c.args:
            headers.update(_headers(ev, ev.value(c.args[0])))
        elif m == "send" and c.args:
            body, body_node = ev.value(c.args[0]), c.args[0]
            if body.best().obj is not None and body.best().enc is None and form is None:
                form = "json"
        elif m == "type" and c.args:
            t = ev.value(c.args[0]).best().text or ""
            form = "form" if "form" in t else ("json" if "json" in t else form)
        elif m == "auth":
            basic = True
    return Send(
        call,
        "superagent",
        short,
        ev.value(start.args[0] if start.args else None),
        headers,
        body,
        body_node,
        form,
        basic_auth=basic,
    )


def _xhr(ev: Evaluator, call: ir.Call) -> Send | None:
    """`xhr.open(method, url); xhr.setRequestHeader(k, v); xhr.send(body)`."""
    recv = call.func.obj if isinstance(call.func, ir.Member) else None
    if not isinstance(recv, ir.Name):
        return None
    value = ev.value(recv)
    if (
        not any(
            o.call is not None and ir.callee(o.call) == "XMLHttpRequest" for o in value.options()
        )
        and "xhr" not in recv.name.lower()
    ):
        return None
    method, url = None, UNKNOWN_SYM
    headers: dict[str, Sym] = {}
    program = ev.program
    for use in program.uses(recv.name, _scope_start(program, recv)):
        p = program.parent(use)
        if not isinstance(p, ir.Member):
            continue
        c = program.parent(p)
        if not isinstance(c, ir.Call) or c.start > call.start:
            continue
        if p.prop == "open" and len(c.args) >= 2:
            method = _method(ev.value(c.args[0]), None)
            url = ev.value(c.args[1])
        elif p.prop == "setRequestHeader" and len(c.args) == 2:
            key = ev.value(c.args[0]).best().text
            if key:
                headers[key.lower()] = ev.value(c.args[1])
    body_node = call.args[0] if call.args else None
    return Send(
        call, "xhr", method, url, headers, ev.value(body_node) if body_node else None, body_node
    )


def _scope_start(program: ir.Program, node: ir.Node) -> ir.Node:
    return ir.Unknown(0, 0, None)


def _wrapper(ev: Evaluator, call: ir.Call, via: ir.Node | None) -> Send | None:
    name = ir.callee(call)
    short = name.rsplit(".", 1)[-1]
    args = call.args
    # execute({route, headers, body}): one object naming a URL and a body or headers
    for a in args:
        if isinstance(a, ir.Obj):
            keys = {e.key for e in a.entries if e.key}
            url_key = next((k for k in URL_KEYS if k in keys), None)
            body_key = next((k for k in BODY_KEYS if k in keys), None)
            if url_key and (body_key or "headers" in keys or "method" in keys):
                cfg = _obj(ev, a)
                body = cfg.get(body_key) if body_key else None
                form = "json" if body_key == "json" else ("form" if body_key == "form" else None)
                return Send(
                    call,
                    "http",
                    _method(cfg.get("method"), None),
                    cfg[url_key],
                    _headers(ev, cfg.get("headers")),
                    body,
                    a.get(body_key) if body_key else None,
                    form,
                    basic_auth="auth" in keys,
                )
    # client.post(url, init) / http.request(url, body)
    if short in HTTP_VERBS and isinstance(call.func, ir.Member) and args:
        second = args[1] if len(args) > 1 else None
        init = _obj(ev, second)  # an object literal, or a variable holding one
        if init and ("body" in init or "headers" in init):
            return Send(
                call,
                "http",
                short if short != "request" else _method(init.get("method"), None),
                ev.value(args[0]),
                _headers(ev, init.get("headers")),
                init.get("body"),
                _obj_value(second, "body"),
            )
        body = ev.value(second) if second is not None else None
        third = _obj(ev, args[2]) if len(args) > 2 else {}
        return Send(
            call,
            "http",
            short if short != "request" else None,
            ev.value(args[0]),
            _headers(ev, third.get("headers")),
            body,
            second,
        )
    return None


# Calls the evaluator sees through when climbing from a body to the call that sends it.
PASS_THROUGH = frozenset(
    {
        "URLSearchParams",
        "JSON.stringify",
        "qs.stringify",
        "querystring.stringify",
        "stringify",
        "Headers",
        "URL",
        "Object.assign",
        "String",
        "encodeURIComponent",
        "btoa",
        "Buffer.from",
        "Promise.resolve",
    }
)


# -- sinks ---------------------------------------------------------------------------------------

CONSOLE = frozenset({"log", "info", "warn", "error", "debug", "trace", "dir", "table"})
LOG_METHODS = frozenset(
    {"debug", "info", "warn", "warning", "error", "fatal", "trace", "log", "verbose", "silly"}
)
RESPONSE_METHODS = frozenset({"send", "json", "end", "write", "jsonp"})


def sink_of(call: ir.Call) -> str | None:
    """ "print", "log", "HTTP response" or "exception" for calls that write their arguments out."""
    name = ir.callee(call)
    parts = name.split(".")
    short = parts[-1]
    if len(parts) == 2 and parts[0] == "console" and short in CONSOLE:
        return "print"
    if len(parts) >= 2 and short in LOG_METHODS and "log" in parts[-2].lower():
        return "log"
    if (
        len(parts) >= 2
        and short in RESPONSE_METHODS
        and parts[-2] in ("res", "response", "reply", "ctx", "h")
    ):
        return "HTTP response"
    if len(parts) >= 3 and short in ("send", "json") and parts[-2] == "status()":
        return "HTTP response"
    if name in ("Promise.reject", "reject"):
        return "exception"
    return None


# -- JWT signing (client assertions) --------------------------------------------------------------

# jsonwebtoken option names -> the claim they set.
JWT_OPTION_CLAIMS = {
    "expiresIn": "exp",
    "audience": "aud",
    "issuer": "iss",
    "subject": "sub",
    "jwtid": "jti",
    "notBefore": "nbf",
}


def jwt_sign_of(
    ev: Evaluator, call: ir.Call
) -> tuple[ir.Node | None, ir.Node | None, ir.Node | None] | None:
    """(payload, key, options) of `jwt.sign(payload, key, options)` (jsonwebtoken)."""
    name = ir.callee(call)
    if name not in ("jwt.sign", "jsonwebtoken.sign", "sign"):
        return None
    if name == "sign":
        imp = ev.program.imported("sign", call)
        if imp is None or imp.module != "jsonwebtoken":
            return None
    args = call.args
    return (
        args[0] if args else None,
        args[1] if len(args) > 1 else None,
        args[2] if len(args) > 2 else None,
    )


_DURATION = re.compile(r"^(\d+)\s*(s|sec|secs|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)?$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def duration_seconds(sym: Sym) -> int | None:
    """jsonwebtoken's `expiresIn`: a number of seconds or a string like "2m", "1h"."""
    best = sym.best()
    if best.value is not None and isinstance(best.value[1], (int, float)):
        return int(best.value[1])
    text = best.text
    m = _DURATION.match(text.strip()) if text else None
    if not m:
        return None
    unit = (m.group(2) or "s")[0]
    return int(m.group(1)) * _UNIT.get(unit, 1)
