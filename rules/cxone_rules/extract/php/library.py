"""What PHP's functions and libraries do, as tables the evaluator and the semantic extractor read.

- `calls`: encoders and builders the evaluator sees through (base64_encode, urlencode,
  rawurlencode, http_build_query, json_encode, sprintf, implode, getenv/env, include);
- `send_of`: where a request keeps its URL, method, headers, body and client credentials:
  curl (`curl_setopt`/`curl_setopt_array` on the handle `curl_exec` runs), Guzzle
  (`->post($url, ['form_params' | 'json' | 'body' | 'headers' | 'auth' => ...])`,
  `->request('POST', ...)`, `new Client([...])` defaults), Laravel `Http::` chains
  (`asForm`, `withBasicAuth`, `withToken`, `withHeaders`), `file_get_contents` with a stream
  context, and a project's own wrappers (`$this->remoteRequest($url, 'post', $payload)`);
- sinks (echo, print, var_dump, print_r, error_log, Monolog and Laravel's `Log::`), TLS
  settings (`CURLOPT_SSL_VERIFYPEER => 0`, `'verify' => false`, `withoutVerifying()`,
  `'verify_peer' => false`), environment roots (`$_ENV`, `$_SERVER`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cxone_rules.extract import ir
from cxone_rules.extract.evaluate import (
    UNKNOWN_SYM,
    Evaluator,
    Hole,
    Sym,
    alternatives,
    concat,
    encoded,
    lit,
    opaque,
)
from cxone_rules.extract.javascript.library import Send

ENV_ROOTS = ("_ENV", "_SERVER")
ENV_READ = "getenv('{name}')"

B64 = frozenset({"base64_encode"})
URI = frozenset({"urlencode", "rawurlencode"})
KEEP = frozenset({"trim", "rtrim", "ltrim", "strval", "strtolower", "strtoupper", "stripslashes"})


def _arg(call: ir.Call, i: int, name: str | None = None) -> ir.Node | None:
    if name is not None and name in call.named:
        return call.named[name]
    return call.args[i] if len(call.args) > i else None


# `config('cxone.oauth.domain')` reads the key `oauth.domain` of the array `config/cxone.php`
# returns: Laravel's helper and facade, and a project's own `<Name>Config::get()` over them.
_CONFIG_KEY = re.compile(r"^[A-Za-z][\w-]*(\.[\w-]+)*$")


def _config_read(ev: Evaluator, call: ir.Call, name: str, d: int) -> Sym | None:
    """A read of the project's PHP configuration, as the import of what that file returns
    (`config.cxone:return.oauth.domain`) for the linker; None when `call` is none."""
    owner, _, method = name.rpartition(".")
    reader = name == "config" or (
        method == "get" and (owner.rsplit("\\", 1)[-1].endswith("Config"))
    )
    first = _arg(call, 0)
    if not reader or first is None:
        return None
    key = ev.value(first, d).best().text
    if key is None or not _CONFIG_KEY.match(key):
        return None  # `config(['app.x' => 1])` sets values; a key not known is no reference
    file, _, rest = key.partition(".")
    h = Hole("import", f"config.{file}:return" + (f".{rest}" if rest else ""))
    return Sym(parts=(h,), hole=h)


def calls(ev: Evaluator, call: ir.Call, d: int) -> Sym | None:
    """The evaluator's hook: the value of a PHP library call, or None."""
    name = ir.callee(call)
    first = _arg(call, 0)
    read = _config_read(ev, call, name, d) if not call.new else None
    if read is not None:
        return read
    if name in B64:
        return opaque(ev.value(first, d), "b64", name)
    if name in URI:
        return encoded(ev.value(first, d), "uri")
    if name in KEEP:
        return ev.value(first, d)
    if name == "http_build_query":
        inner = ev.value(first, d).best() if first is not None else Sym(obj={})
        return Sym(parts=(Hole("call", name, enc="form"),), obj=inner.obj, enc="form", source=inner)
    if name == "json_encode":
        inner = ev.value(first, d).best()
        return Sym(parts=(Hole("call", name, enc="json"),), obj=inner.obj, enc="json", source=inner)
    if name in ("getenv", "env") and first is not None:
        key = ev.value(first, d).best().text
        if key:
            h = Hole("env", key)
            value = Sym(parts=(h,), hole=h)
            default = _arg(call, 1)
            if name == "env" and default is not None:
                return alternatives(value, [ev.value(default, d)])
            return value
    if name == "sprintf" and first is not None:
        return _sprintf(ev, call, d)
    if name in ("implode", "join") and len(call.args) == 2:
        glue = ev.value(call.args[0], d).best().text
        items = ev.value(call.args[1], d).best()
        values = items.arr if items.arr is not None else list((items.obj or {}).values())
        if glue is not None and values:
            out = lit("")
            for i, item in enumerate(values):
                out = concat(out, lit(glue)) if i else out
                out = concat(out, item)
            return out
    if name == "require" and first is not None:
        from cxone_rules.extract.php.lower import _static_path, include_module

        path = _static_path(ev.program, first)  # type: ignore[arg-type]
        module = include_module(getattr(ev.program, "rel", ""), path) if path else None
        if module:
            h = Hole("import", f"{module}:return")
            return Sym(parts=(h,), hole=h)
    if name == "array_merge":
        merged: dict[str, Sym] = {}
        for a in call.args:
            v = ev.value(a, d).best()
            if v.obj:
                merged.update(v.obj)
        return Sym(obj=merged)
    if call.new and _is_guzzle_client(ev, call):
        cfg = ev.value(first, d).best() if first is not None else Sym(obj={})
        return Sym(obj=cfg.obj or {}, hole=Hole("call", "guzzle.Client"), call=call)
    return None


# A width never starts with 0 (a 0 is a flag), so flags and width cannot trade digits: linear.
_SPEC = re.compile(r"%(?:(\d+)\$)?[-+ 0'#]*(?:[1-9]\d*)?(?:\.\d+)?([bcdeEfFgGosuxX%])")


def _sprintf(ev: Evaluator, call: ir.Call, d: int) -> Sym:
    fmt = ev.value(call.args[0], d).best().text
    if fmt is None:
        h = Hole("call", "sprintf")
        return Sym(parts=(h,), hole=h, call=call)
    out = lit("")
    pos = 0
    index = 1
    for m in _SPEC.finditer(fmt):
        out = concat(out, lit(fmt[pos : m.start()]))
        pos = m.end()
        if m.group(2) == "%":
            out = concat(out, lit("%"))
            continue
        i = int(m.group(1)) if m.group(1) else index
        if not m.group(1):
            index += 1
        arg = call.args[i] if i < len(call.args) else None
        out = concat(out, ev.value(arg, d) if arg is not None else UNKNOWN_SYM)
    return concat(out, lit(fmt[pos:]))


def _is_guzzle_client(ev: Evaluator, call: ir.Call) -> bool:
    name = ir.callee(call)
    qualified = getattr(ev.program, "qualified", lambda n: n)(name)
    return qualified.lstrip("\\") in ("GuzzleHttp\\Client", "Client") or qualified.endswith(
        "GuzzleHttp\\Client"
    )


# Where PHP wants a constant expression: a function call such as getenv() does not compile
# there (`const`, class constants, property and parameter defaults, `static $x = ...`).
_CONSTANT_EXPRESSIONS = frozenset(
    {
        "const_declaration",
        "property_declaration",
        "simple_parameter",
        "property_promotion_parameter",
        "static_variable_declaration",
        "enum_case",
    }
)


def runtime_value(node: ir.Node) -> bool:
    """Whether a literal may become a call (`getenv('X')`): not in a constant expression."""
    p = node.origin
    while p is not None and p.type not in ("expression_statement", "compound_statement"):
        if p.type in _CONSTANT_EXPRESSIONS:
            return False
        p = p.parent
    return True


# -- JWT signing ----------------------------------------------------------------------------------


def jwt_sign_of(
    ev: Evaluator, call: ir.Call
) -> tuple[ir.Node | None, ir.Node | None, ir.Node | None] | None:
    """(payload, key, options) of firebase/php-jwt's `JWT::encode($payload, $key, $alg)`; the
    algorithm, an argument in PHP, is given as the `algorithm` option the extractor reads
    (HS256 when left out, as php-jwt before 6.0 did)."""
    owner, _, method = ir.callee(call).rpartition(".")
    if method != "encode" or not owner:
        return None
    qualified = getattr(ev.program, "qualified", lambda n: n)(owner).lstrip("\\")
    if qualified not in ("Firebase\\JWT\\JWT", "JWT"):
        return None
    args = call.args
    options = None
    if len(args) > 2:
        alg = args[2]
        options = ir.Obj(alg.start, alg.end, None, entries=[ir.Entry("algorithm", alg)])
    return (args[0] if args else None, args[1] if len(args) > 1 else None, options)


# -- HTTP sends -----------------------------------------------------------------------------------

CLIENT_ROOTS = frozenset({"curl_exec", "file_get_contents", "Http", "wp_remote_post"})
HTTP_VERBS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "postAsync"}
)
GUZZLE_BODY = {"form_params": "form", "json": "json", "body": None, "multipart": "multipart"}
# Wrapper arguments whose name says they hold the URL.
_URL_WORDS = ("url", "uri", "endpoint", "route", "path", "host")


def _verb(method: str | None) -> str | None:
    if not method:
        return None
    low = method.lower().removesuffix("async")
    return low if low in HTTP_VERBS else None


def _headers_of(ev: Evaluator, value: Sym | None) -> dict[str, Sym]:
    """Headers as a map (`['Authorization' => ...]`) or as curl's list of `Name: value`."""
    out: dict[str, Sym] = {}
    if value is None:
        return out
    best = value.best()
    for k, v in (best.obj or {}).items():
        if k.isdigit():
            _header_line(v, out)
        else:
            out[k.lower()] = v
    for item in best.arr or []:
        _header_line(item, out)
    if best.parts is not None and best.obj is None and best.arr is None:
        _header_line(best, out)  # one string of CRLF-separated lines
    return out


def _header_line(item: Sym, out: dict[str, Sym]) -> None:
    """`Name: value` lines (one, or several joined by CRLF as a stream context takes them)."""
    line: list[str | Hole] = []
    for part in [*(item.best().parts or ()), "\n"]:
        if isinstance(part, str) and "\n" in part:
            pieces = part.split("\n")
            line.append(pieces[0])
            for piece in pieces[1:]:
                _one_header(line, out)
                line = [piece]
        else:
            line.append(part)


def _one_header(line: list[str | Hole], out: dict[str, Sym]) -> None:
    parts = [p.rstrip("\r") if isinstance(p, str) else p for p in line if p != ""]
    if not parts or not isinstance(parts[0], str) or ":" not in parts[0]:
        return
    name, rest = parts[0].split(":", 1)
    value = tuple(p for p in (rest.lstrip(), *parts[1:]) if p != "")
    out[name.strip().lower()] = Sym(parts=value or ("",))


# OAuth2 grant types of the Guzzle OAuth2 plugins (frankkessler/guzzle-oauth2-middleware,
# commerceguys/guzzle-oauth2-plugin and its forks): `new PasswordCredentials([...])` is the
# token request the plugin sends with that configuration.
GRANT_CLASSES = {
    "PasswordCredentials": "password",
    "ClientCredentials": "client_credentials",
    "AuthorizationCode": "authorization_code",
    "RefreshToken": "refresh_token",
    "JwtBearer": "urn:ietf:params:oauth:grant-type:jwt-bearer",
}
# Configuration keys the plugins read themselves and do not send.
_PLUGIN_KEYS = frozenset(
    {"token_url", "auth_location", "body_type", "base_uri", "jwt_private_key"}
    | {"jwt_private_key_passphrase", "jwt_payload", "jwt_algorithm"}
)


def is_grant_class(name: str) -> bool:
    return name.rsplit("\\", 1)[-1] in GRANT_CLASSES


def _oauth2_grant(ev: Evaluator, call: ir.Call) -> Send | None:
    """`new PasswordCredentials($config)` (or `($client, $config)`): the plugin posts the
    configuration with the class's grant_type to `token_url`, client_id and client_secret as
    HTTP Basic unless `auth_location` is "body", as a form unless `body_type` is "json"."""
    qualified = getattr(ev.program, "qualified", lambda n: n)(ir.callee(call)).lstrip("\\")
    namespace, _, short = qualified.rpartition("\\")
    grant = GRANT_CLASSES.get(short)
    if grant is None or not namespace.lower().endswith("oauth2\\granttype"):
        return None
    cfg: dict[str, Sym] = {}
    for arg in reversed(call.args):
        found = ev.value(arg).best().obj
        if found is not None:
            cfg = dict(found)
            break
    url = cfg.get("token_url")
    if url is None:  # the plugin's default (`oauth2/token`), relative to a base_uri not seen
        url = UNKNOWN_SYM
    body = {k: v for k, v in cfg.items() if k not in _PLUGIN_KEYS}
    body["grant_type"] = lit(grant)
    location = cfg["auth_location"].best().text if "auth_location" in cfg else "headers"
    basic = location != "body"
    if basic:
        body.pop("client_id", None)
        body.pop("client_secret", None)
    body_type = cfg["body_type"].best().text if "body_type" in cfg else None
    form = "json" if body_type == "json" else "form"
    return Send(call, "guzzle-oauth2", "post", url, {}, Sym(obj=body), None, form, basic)


def send_of(ev: Evaluator, call: ir.Call, via: ir.Node | None = None) -> Send | None:
    """The request `call` makes, when it is one this module knows."""
    name = ir.callee(call)
    short = name.rsplit(".", 1)[-1]
    if call.new and is_grant_class(name):
        return _oauth2_grant(ev, call)
    if name == "curl_exec":
        return _curl(ev, call)
    if name in ("curl_setopt", "curl_setopt_array"):
        exec_call = _curl_exec_after(ev, call)
        return _curl(ev, exec_call) if exec_call is not None else None
    if name == "file_get_contents" and len(call.args) >= 3:
        return _stream(ev, call)
    chain = _laravel(ev, call)
    if chain is not None:
        return chain
    if short in ("request", "requestAsync") and len(call.args) >= 2:
        opts = ev.value(_arg(call, 2), 0).best().obj if _arg(call, 2) is not None else None
        method = ev.value(call.args[0]).best().text
        return _guzzle(ev, call, _verb(method), ev.value(call.args[1]), opts or {}, _arg(call, 2))
    if _verb(short) is not None or short.startswith("$"):
        opts_node = _arg(call, 1)
        opts = ev.value(opts_node).best().obj if opts_node is not None else None
        known = opts is not None and bool(set(opts) & {*GUZZLE_BODY, "headers", "auth"})
        if known or _guzzle_receiver(ev, call):
            method = _verb(short) if not short.startswith("$") else None
            if short.startswith("$") and isinstance(call.func, ir.Member):
                origin = call.func.origin
                if origin is not None:
                    method = _verb(ev.value(ev.program.lower(origin)).best().text)
            return _guzzle(ev, call, method, ev.value(_arg(call, 0)), opts or {}, opts_node)
    return _wrapper(ev, call, via)


def _guzzle_receiver(ev: Evaluator, call: ir.Call) -> bool:
    recv = call.func.obj if isinstance(call.func, ir.Member) else None
    if recv is None:
        return False
    value = ev.value(recv)
    return any(o.hole is not None and o.hole.name == "guzzle.Client" for o in value.options())


def _guzzle(
    ev: Evaluator,
    call: ir.Call,
    method: str | None,
    url: Sym,
    opts: dict[str, Sym],
    opts_node: ir.Node | None,
) -> Send:
    recv = call.func.obj if isinstance(call.func, ir.Member) else None
    defaults: dict[str, Sym] = {}
    if recv is not None:
        for o in ev.value(recv).options():
            if o.hole is not None and o.hole.name == "guzzle.Client":
                defaults = dict(o.obj or {})
    cfg = {**defaults, **opts}
    body, form, node = None, None, None
    for key, kind in GUZZLE_BODY.items():
        if key in cfg:
            body, form = cfg[key], kind
            node = opts_node.get(key) if isinstance(opts_node, ir.Obj) else None
            break
    if form is None and body is not None:
        form = body.best().enc if body.best().enc in ("json", "form") else None
    base = cfg.get("base_uri")
    text = url.best().text
    if base is not None and (text is None or "://" not in text):
        url = concat(base, url)
    auth = cfg.get("auth")
    basic = auth is not None and bool(auth.best().arr) and len(auth.best().arr or []) == 2
    return Send(
        call,
        "guzzle",
        method,
        url,
        _headers_of(ev, cfg.get("headers")),
        body,
        node,
        form,
        basic_auth=basic,
    )


def _chain(call: ir.Call) -> list[ir.Call]:
    """`Http::a()->b()->post()` from the last call down to the first."""
    out = [call]
    node: ir.Node | None = call
    while isinstance(node, ir.Call) and isinstance(node.func, ir.Member):
        node = node.func.obj
        if isinstance(node, ir.Call):
            out.append(node)
    return out


def _laravel(ev: Evaluator, call: ir.Call) -> Send | None:
    """`Http::asForm()->withBasicAuth($id, $secret)->post($url, [...])` (Laravel's client)."""
    calls = _chain(call)
    first = calls[-1]
    if not (isinstance(first.func, ir.Member) and ir.dotted(first.func.obj) == "Http"):
        return None
    short = ir.callee(call).rsplit(".", 1)[-1]
    verb = _verb(short)
    if verb is None and short != "send":
        return None
    headers: dict[str, Sym] = {}
    form: str | None = "json"  # Laravel sends arrays as JSON unless asForm()
    basic = False
    for c in calls[1:]:
        m = c.func.prop if isinstance(c.func, ir.Member) else ""
        if m == "asForm":
            form = "form"
        elif m == "asJson":
            form = "json"
        elif m == "asMultipart":
            form = "multipart"
        elif m == "withBasicAuth":
            basic = True
        elif m == "withToken" and c.args:
            headers["authorization"] = concat(lit("Bearer "), ev.value(c.args[0]))
        elif m == "withHeaders" and c.args:
            headers.update(_headers_of(ev, ev.value(c.args[0])))
        elif m == "baseUrl" and c.args:
            headers.setdefault("\0base", ev.value(c.args[0]))
    base = headers.pop("\0base", None)
    if short == "send":
        method = _verb(ev.value(_arg(call, 0)).best().text)
        url = ev.value(_arg(call, 1))
        opts = ev.value(_arg(call, 2)).best().obj or {}
        body_node = None
        body = next((opts[k] for k in ("form_params", "json", "body") if k in opts), None)
        if "form_params" in opts:
            form = "form"
    else:
        method = verb
        url = ev.value(_arg(call, 0))
        body_node = _arg(call, 1)
        body = ev.value(body_node) if body_node is not None else None
    if base is not None and (url.best().text is None or "://" not in (url.best().text or "")):
        url = concat(base, url)
    if body is None or (body.best().obj is None and body.best().enc is None):
        form = None
    return Send(call, "laravel-http", method, url, headers, body, body_node, form, basic_auth=basic)


def _handle_calls(ev: Evaluator, handle: ir.Name, before: ir.Call) -> Iterator[ir.Call]:
    """The `curl_*($ch, ...)` calls on one handle before `before`, in order."""
    program = ev.program
    for use in program.uses(handle.name, ir.Unknown(0, 0, None), handle):
        if use.start >= before.start:
            break
        call = program.parent(use)
        if isinstance(call, ir.Call) and call.args and call.args[0] is use:
            yield call


def _curl_exec_after(ev: Evaluator, setopt: ir.Call) -> ir.Call | None:
    handle = setopt.args[0] if setopt.args else None
    if not isinstance(handle, ir.Name):
        return None
    program = ev.program
    for use in program.uses(handle.name, setopt):
        call = program.parent(use)
        if isinstance(call, ir.Call) and ir.callee(call) == "curl_exec" and call.args[:1] == [use]:
            return call
    return None


def _curl(ev: Evaluator, call: ir.Call) -> Send | None:
    """`curl_exec($ch)`: the options set on `$ch` before it (and the URL of `curl_init`)."""
    handle = call.args[0] if call.args else None
    if not isinstance(handle, ir.Name):
        return None
    opts: dict[str, tuple[Sym, ir.Node | None]] = {}
    for b in ev.program.bindings(handle.name, handle) or []:
        init = b.synthetic if b.synthetic is not None else ev.program.lower(b.value)
        if isinstance(init, ir.Call) and ir.callee(init) == "curl_init" and init.args:
            opts["CURLOPT_URL"] = (ev.value(init.args[0]), init.args[0])
    for c in _handle_calls(ev, handle, call):
        cname = ir.callee(c)
        if cname == "curl_setopt" and len(c.args) == 3:
            opt = ir.dotted(c.args[1])
            if opt:
                opts[opt] = (ev.value(c.args[2]), c.args[2])
        elif cname == "curl_setopt_array" and len(c.args) == 2:
            table = c.args[1]
            value = ev.value(table).best()
            for key, v in (value.obj or {}).items():
                node = table.get(key) if isinstance(table, ir.Obj) else None
                opts[key] = (v, node)
    if not opts:
        return None
    url = opts.get("CURLOPT_URL", (UNKNOWN_SYM, None))[0]
    body, body_node = opts.get("CURLOPT_POSTFIELDS", (None, None))
    method = None
    if "CURLOPT_CUSTOMREQUEST" in opts:
        method = _verb(opts["CURLOPT_CUSTOMREQUEST"][0].best().text)
    elif "CURLOPT_POST" in opts or body is not None:
        method = "post"
    form = None
    if body is not None:
        sent = body.best()
        if sent.enc in ("json", "form"):
            form = sent.enc
        elif sent.obj is not None:
            form = "multipart"  # curl sends an array as multipart/form-data
    return Send(
        call,
        "curl",
        method or "get",
        url,
        _headers_of(ev, opts.get("CURLOPT_HTTPHEADER", (None, None))[0]),
        body,
        body_node,
        form,
        basic_auth="CURLOPT_USERPWD" in opts,
    )


def _stream(ev: Evaluator, call: ir.Call) -> Send | None:
    """`file_get_contents($url, false, stream_context_create(['http' => [...]]))`."""
    ctx = ev.value(call.args[2]).best()
    if ctx.call is not None and ir.callee(ctx.call) == "stream_context_create" and ctx.call.args:
        ctx = ev.value(ctx.call.args[0]).best()
    http = (ctx.obj or {}).get("http")
    if http is None:
        return None
    opts = http.best().obj or {}
    body = opts.get("content")
    form = body.best().enc if body is not None and body.best().enc in ("json", "form") else None
    return Send(
        call,
        "stream",
        _verb((opts.get("method") or lit("get")).best().text),
        ev.value(call.args[0]),
        _headers_of(ev, opts.get("header")),
        body,
        None,
        form,
    )


def _wrapper(ev: Evaluator, call: ir.Call, via: ir.Node | None) -> Send | None:
    """A project's own request function, reached from a body passed to it:
    `$this->remoteRequest($this->authUrl, 'post', $payload, $headers)`."""
    if via is None or via not in call.args or call.new:
        return None
    url_node = None
    for a in call.args:
        if a is via:
            continue
        label = ir.dotted(a).rsplit(".", 1)[-1].lower()
        text = ev.value(a).best().text or ""
        if "://" in text or any(w in label for w in _URL_WORDS):
            url_node = a
            break
    if url_node is None:
        return None
    method = None
    for a in call.args:
        if isinstance(a, ir.Str) and _verb(a.value):
            method = _verb(a.value)
    headers: dict[str, Sym] = {}
    for a in call.args:
        if a is not via and a is not url_node and "header" in ir.dotted(a).lower():
            headers = _headers_of(ev, ev.value(a))
    return Send(call, "http", method, ev.value(url_node), headers, ev.value(via), via, None)


PASS_THROUGH = frozenset(
    {"http_build_query", "json_encode", "base64_encode", "urlencode", "rawurlencode", "array_merge"}
)


# -- sinks ---------------------------------------------------------------------------------------

PRINTS = frozenset(
    {"print_r", "var_dump", "var_export", "printf", "vprintf", "dump", "dd", "print"}
)
LOGS = frozenset({"error_log", "syslog", "trigger_error", "info", "logger"})
LOG_METHODS = frozenset(
    {"emergency", "alert", "critical", "error", "warning", "notice", "info", "debug", "log"}
)


def sink_of(call: ir.Call) -> str | None:
    """Where a call writes its arguments: "echoed", "printed", "logged", "HTTP response"."""
    name = ir.callee(call)
    parts = name.split(".")
    short = parts[-1]
    if name in ("echo", "exit", "die"):
        return "echoed"
    if name in PRINTS:
        return "print"
    if name in LOGS:
        return "log"
    if len(parts) >= 2 and short in LOG_METHODS:
        owner = parts[-2].lower()
        if "log" in owner or owner in ("log", "monolog", "()"):
            return "log"
    if name in ("response", "().json") or (name.endswith(".json") and "response" in name):
        return "HTTP response"
    if (
        name in ("fwrite", "fputs")
        and call.args
        and ir.dotted(call.args[0])
        in (
            "STDOUT",
            "STDERR",
        )
    ):
        return "print"
    return None


# -- responses ------------------------------------------------------------------------------------


def result_of(send: Send) -> str:
    """curl_exec and file_get_contents give the body itself; Guzzle and Laravel a response."""
    return "body" if send.lib in ("curl", "stream") else "call"


BODY_METHODS = frozenset({"getBody", "getContents", "json", "object", "collect", "body"})


def parses_body(call: ir.Call) -> ir.Node | None:
    """`json_decode($r)`, `$r->getBody()`, `$r->json()`: the response whose body it reads."""
    name = ir.callee(call)
    if name in ("json_decode", "strval") and call.args:
        return call.args[0]
    if isinstance(call.func, ir.Member) and call.func.prop in BODY_METHODS:
        # `$response->json('expires_in')` reads one field, not the body.
        return None if call.args else call.func.obj
    return None
