"""What PowerShell's cmdlets and .NET calls do, as tables the evaluator and extractor read.

- `calls`: encoders the evaluator sees through (`[Convert]::ToBase64String`,
  `[Text.Encoding]::UTF8.GetBytes`, `[uri]::EscapeDataString`, `[Web.HttpUtility]::UrlEncode`,
  `ConvertTo-Json`, `[Environment]::GetEnvironmentVariable`);
- `send_of`: `Invoke-RestMethod` / `Invoke-WebRequest` (and `irm`/`iwr`) with `-Uri`,
  `-Method`, `-Headers`, `-Body`, `-ContentType`, `-Credential`, splatted `@params` merged; a
  hashtable body of a POST is sent form-encoded, a string as written;
- sinks: `Write-Host` (printed), `Write-Verbose`/`Write-Debug`/`Write-Information`/
  `Write-Warning` (their streams, kept in transcripts and logs), files.
"""

from __future__ import annotations

from cxone_rules.extract import ir
from cxone_rules.extract.evaluate import UNKNOWN_SYM, Evaluator, Hole, Sym, encoded, opaque
from cxone_rules.extract.javascript.library import Send

ENV_ROOTS = ("$env",)
ENV_READ = "$env:{name}"

URI = frozenset(
    {
        "uri.EscapeDataString",
        "Uri.EscapeDataString",
        "uri.EscapeUriString",
        "Web.HttpUtility.UrlEncode",
        "Net.WebUtility.UrlEncode",
        "Web.HttpUtility.UrlPathEncode",
    }
)
SENDERS = frozenset({"invoke-restmethod", "invoke-webrequest", "irm", "iwr"})


def _lower_name(call: ir.Call) -> str:
    return ir.callee(call).lower()


def calls(ev: Evaluator, call: ir.Call, d: int) -> Sym | None:
    name = ir.callee(call)
    low = name.lower()
    first = call.args[0] if call.args else None
    if low in ("convert.tobase64string",):
        return opaque(ev.value(first, d), "b64", name)
    if low.endswith(".getbytes") and "encoding" in low:
        return ev.value(first, d)
    if name in URI or low in {u.lower() for u in URI}:
        return encoded(ev.value(first, d), "uri")
    if low == "convertto-json":
        target = call.named.get("inputobject") or first
        inner = ev.value(target, d).best()
        return Sym(parts=(Hole("call", name, enc="json"),), obj=inner.obj, enc="json", source=inner)
    if low == "environment.getenvironmentvariable" and first is not None:
        key = ev.value(first, d).best().text
        if key:
            h = Hole("env", key)
            return Sym(parts=(h,), hole=h)
    if low.rsplit(".", 1)[-1] in ("trim", "tostring", "tolower", "toupper") and isinstance(
        call.func, ir.Member
    ):
        return ev.value(call.func.obj, d)
    if low == "convertto-securestring":
        return opaque(ev.value(first, d), "secure", name)
    return None


CLIENT_ROOTS = frozenset({"Invoke-RestMethod", "Invoke-WebRequest", "irm", "iwr"})
HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})


def arguments(ev: Evaluator, call: ir.Call) -> dict[str, tuple[Sym, ir.Node | None]]:
    """A command's named arguments with a splatted hashtable merged in (lower-case names)."""
    out: dict[str, tuple[Sym, ir.Node | None]] = {}
    splat = call.named.get("@")
    if splat is not None:
        table = ev.value(splat).best()
        for k, v in (table.obj or {}).items():
            out[k.lower()] = (v, None)
    for k, node in call.named.items():
        if k != "@":
            out[k] = (ev.value(node), node)
    return out


def send_of(ev: Evaluator, call: ir.Call, via: ir.Node | None = None) -> Send | None:
    if _lower_name(call) not in SENDERS:
        return None
    args = arguments(ev, call)
    url = args.get("uri", (None, None))[0]
    if url is None:
        url = ev.value(call.args[0]) if call.args else UNKNOWN_SYM
    method_sym = args.get("method", (None, None))[0]
    method = (method_sym.best().text or "").lower() if method_sym is not None else "get"
    body, body_node = args.get("body", (None, None))
    headers: dict[str, Sym] = {}
    hsym = args.get("headers", (None, None))[0]
    for k, v in ((hsym.best().obj or {}) if hsym is not None else {}).items():
        headers[k.lower()] = v
    ctype = args.get("contenttype", (None, None))[0]
    if ctype is not None:
        headers.setdefault("content-type", ctype)
    form = None
    if body is not None:
        b = body.best()
        if b.enc in ("json", "form"):
            form = b.enc
        elif b.obj is not None:
            form = "form" if method != "get" else None  # a hashtable body is form-encoded
    basic = "credential" in args and (
        "authentication" not in args
        or (args["authentication"][0].best().text or "").lower() == "basic"
    )
    return Send(
        call,
        "invoke-restmethod"
        if "rest" in _lower_name(call) or _lower_name(call) == "irm"
        else "invoke-webrequest",
        method if method in HTTP_VERBS else None,
        url,
        headers,
        body,
        body_node,
        form,
        basic_auth=basic,
    )


PASS_THROUGH = frozenset({"ConvertTo-Json", "Convert.ToBase64String"})

STREAMS = {
    "write-host": "print",
    "out-host": "print",
    "write-verbose": "written to the verbose stream",
    "write-debug": "written to the debug stream",
    "write-information": "written to the information stream",
    "write-warning": "written to the warning stream",
    "write-error": "written to the error stream",
    "write-log": "log",
    "out-file": "written to a file",
    "set-content": "written to a file",
    "add-content": "written to a file",
}


def sink_of(call: ir.Call) -> str | None:
    return STREAMS.get(_lower_name(call))


def result_of(send: Send) -> str:
    """Invoke-RestMethod gives the parsed body; Invoke-WebRequest a response (`.Content`)."""
    return "body" if send.lib == "invoke-restmethod" else "call"


def parses_body(call: ir.Call) -> ir.Node | None:
    if _lower_name(call) == "convertfrom-json":
        return call.named.get("inputobject") or (call.args[0] if call.args else None)
    return None
