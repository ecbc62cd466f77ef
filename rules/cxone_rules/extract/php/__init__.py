"""The PHP extractor "cxone.php": every CXone fact of a PHP file (facts/kinds.py).

One tree-sitter parse, one triage query and one semantic pass per file (`extract/run.py`),
then what only PHP has: TLS verification switched off in curl options, Guzzle and stream
contexts, and `Access-Control-Allow-Origin` sent with `header()`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from cxone_lint.api.facts import Fact
from cxone_rules.domain import secrets as sx
from cxone_rules.domain.hosts import UNKNOWN
from cxone_rules.extract import facts_out as out
from cxone_rules.extract import ir
from cxone_rules.extract import run as runner
from cxone_rules.extract.evaluate import Evaluator
from cxone_rules.extract.javascript import PREFILTER as JS_PREFILTER
from cxone_rules.extract.php import library
from cxone_rules.extract.php.lower import PhpProgram
from cxone_rules.extract.semantics import Library, Semantics
from cxone_rules.facts.profile import is_test_path

LIBRARY = Library(
    send_of=library.send_of,
    sink_of=library.sink_of,
    pass_through=library.PASS_THROUGH,
    env_read=library.ENV_READ,
    result_of=library.result_of,
    parses_body=library.parses_body,
    body_members=frozenset(),
    runtime_value=library.runtime_value,
    jwt_sign_of=library.jwt_sign_of,
)

# The words of the JS pre-filter (the Python extractors' words without their library names),
# plus PHP's spellings.
PREFILTER: tuple[str, ...] = tuple(
    dict.fromkeys([*JS_PREFILTER, "CURLOPT_SSL", "verify", "withoutVerifying", "header("])
)
_PREFILTER_LOWER = tuple(dict.fromkeys(w.lower() for w in PREFILTER))

# curl options that switch certificate checks off when set to 0/false.
_CURL_TLS = ("CURLOPT_SSL_VERIFYPEER", "CURLOPT_SSL_VERIFYHOST", "CURLOPT_PROXY_SSL_VERIFYPEER")
# Array keys that switch them off in Guzzle and stream contexts when false.
_KEY_TLS = ("verify", "verify_peer", "verify_peer_name")


def php_is_test(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return (
        sx.is_test_path(rel)
        or is_test_path(rel)
        or name.endswith(("Test.php", "_test.php"))
        or name.startswith("test_")
    )


def _off(value: ir.Node | None) -> bool:
    return isinstance(value, ir.Const) and value.value in (False, 0, 0.0)


def _extra(sem: Semantics, cands: Any) -> None:
    """TLS off and CORS headers, the PHP ways."""
    origins: list[Any] = []
    for name, name_node, value, context in cands.named:
        if context == "dict" and (name in _CURL_TLS or name in _KEY_TLS) and _off(value):
            sem._tls(
                name_node.start, value.end, f"{name} => {sem.program.text[value.start : value.end]}"
            )
    for call in cands.calls:
        callee = ir.callee(call)
        if callee == "curl_setopt" and len(call.args) == 3:
            opt = ir.dotted(call.args[1])
            if opt in _CURL_TLS and _off(call.args[2]):
                sem._tls(
                    call.start,
                    call.end,
                    f"{opt} set to {sem.program.text[call.args[2].start : call.args[2].end]}",
                )
        elif callee.rsplit(".", 1)[-1] == "withoutVerifying":
            sem._tls(call.start, call.end, "withoutVerifying()")
        elif callee == "header" and call.args:
            origins.append(call)
    _cors_headers(sem, origins)


def _cors_headers(sem: Semantics, calls: list[Any]) -> None:
    """CORS set by hand with header(): what Access-Control-Allow-Origin allows (`*`, the
    request's own HTTP_ORIGIN sent back, one origin) and whether the file also allows
    credentials (Access-Control-Allow-Credentials: true)."""
    lines = []
    for call in calls:
        source = sem.program.text[call.args[0].start : call.args[0].end]
        text = sem.ev.value(call.args[0]).best().text or ""
        key, _, rest = text.partition(":")
        lines.append((call, key.strip().lower(), rest.strip(), source))
    credentials = any(
        key == "access-control-allow-credentials" and rest.lower() == "true"
        for _, key, rest, _ in lines
    )
    for call, key, rest, source in lines:
        if key != "access-control-allow-origin":
            continue
        origin = rest if rest and UNKNOWN not in rest else None
        if origin == "*":
            allows = "any"
        elif "HTTP_ORIGIN" in source:
            allows = "reflect"
        elif origin is not None:
            allows = "list"
        else:
            allows = "unknown"
        fields = {
            "allows": allows,
            "credentials": credentials or None,
            "origins": (origin,) if allows == "list" else (),
        }
        sem.out.append(
            out.cors(sem.pos(call), "Access-Control-Allow-Origin set by header()", origin, fields)
        )


def analyse(parsed: Any, rel: str) -> list[Fact]:
    return runner.analyse(
        parsed,
        rel,
        memo_key="cxone.php",
        program=PhpProgram,
        evaluator=lambda prog: Evaluator(prog, calls=library.calls, env_roots=library.ENV_ROOTS),
        library=LIBRARY,
        is_test=php_is_test(rel),
        extra=_extra,
        sends=lambda name: (
            name in ("curl_exec", "file_get_contents")
            or name.startswith("Http.")
            or library.is_grant_class(name)
        ),
    )


class PhpExtractor(runner.TreeExtractor):
    """Every CXone fact of a PHP file (token and authorize requests, URLs, secrets, sinks,
    TLS, environment reads, CORS, includes and constants), from one analysis."""

    name = "cxone.php"
    language = "php"
    kinds: ClassVar[frozenset[str]] = frozenset({"php"})
    prefilter: ClassVar[tuple[str, ...]] = PREFILTER
    prefilter_lower: ClassVar[tuple[str, ...]] = _PREFILTER_LOWER

    def run(self, parsed: Any) -> list[Fact]:
        return analyse(parsed, self.path)
