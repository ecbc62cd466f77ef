"""The PowerShell extractor "cxone.powershell": every CXone fact of a .ps1/.psm1/.psd1 file.

One tree-sitter parse, one triage query and one semantic pass per file (`extract/run.py`),
then what only PowerShell has: certificate checks switched off (`-SkipCertificateCheck`,
`ServerCertificateValidationCallback = { $true }`, a trust-all `CertificatePolicy`), a
plain-text secret made a SecureString (`ConvertTo-SecureString 'x' -AsPlainText`), and a whole
token response returned to the pipeline (`Write-Output $token`, `return $token`, `$token`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from cxone_lint.api.facts import Fact
from cxone_rules.domain import secrets as sx
from cxone_rules.extract import facts_out as out
from cxone_rules.extract import ir
from cxone_rules.extract import run as runner
from cxone_rules.extract.evaluate import Evaluator
from cxone_rules.extract.javascript import PREFILTER as JS_PREFILTER
from cxone_rules.extract.powershell import library
from cxone_rules.extract.powershell.lower import PsProgram
from cxone_rules.extract.semantics import WHOLE_RESPONSE, Library, Semantics
from cxone_rules.facts.profile import is_test_path

LIBRARY = Library(
    send_of=library.send_of,
    sink_of=library.sink_of,
    pass_through=library.PASS_THROUGH,
    env_read=library.ENV_READ,
    result_of=library.result_of,
    parses_body=library.parses_body,
    body_members=frozenset({"Content", "content"}),
)

PREFILTER: tuple[str, ...] = tuple(
    dict.fromkeys(
        [
            *JS_PREFILTER,
            "SkipCertificateCheck",
            "ServerCertificateValidationCallback",
            "AsPlainText",
        ]
    )
)
_PREFILTER_LOWER = tuple(dict.fromkeys(w.lower() for w in PREFILTER))


def ps_is_test(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1].lower()
    return sx.is_test_path(rel) or is_test_path(rel) or name.endswith(".tests.ps1")


def _extra(sem: Semantics, cands: Any) -> None:
    program = sem.program
    for name, name_node, value, context in cands.named:
        # `SkipCertificateCheck = $true` in a hashtable splatted into Invoke-RestMethod.
        on = isinstance(value, ir.Const) and value.value is True
        if name.lower() == "skipcertificatecheck" and context == "dict" and on:
            sem._tls(name_node.start, value.end, "SkipCertificateCheck = $true")
    for call in cands.calls:
        name = ir.callee(call).lower()
        if name in library.SENDERS and "skipcertificatecheck" in call.named:
            flag = call.named["skipcertificatecheck"]
            if not (isinstance(flag, ir.Const) and flag.value is False):
                sem._tls(flag.start, flag.end, "-SkipCertificateCheck")
        if name == "convertto-securestring" and "asplaintext" in call.named:
            literal = call.args[0] if call.args else call.named.get("string")
            if isinstance(literal, ir.Str) and not sem.is_test:
                # The variable names the secret when its name says so; else it is a password.
                target = _assigned_name(program, call) or ""
                if sx.secret_kind_for_name(target) is None:
                    target = "password"
                sem._classify(literal, literal.value, target, "assignment")
    for assign in cands.tls:
        target = ir.dotted(assign.target)
        value = assign.value
        if target.endswith("ServerCertificateValidationCallback") and isinstance(value, ir.Func):
            body = program.text[value.start : value.end].strip("{} \t\r\n").lower()
            if body in ("$true", "return $true") or body.endswith("$true"):
                sem._tls(
                    assign.start, assign.end, "ServerCertificateValidationCallback = { $true }"
                )
        elif target.endswith("CertificatePolicy"):
            sem._tls(assign.start, assign.end, "a CertificatePolicy that trusts every certificate")
    if sem.is_test:
        return
    seen: set[int] = set()
    for stmt, value in cands.outputs:
        if stmt.start in seen:
            continue
        if sem.sensitive(value, program.in_error_branch(stmt), 0) == WHOLE_RESPONSE:
            seen.add(stmt.start)
            sem.out.append(
                out.leak(sem.span(stmt.start, stmt.end), "returned to the pipeline", WHOLE_RESPONSE)
            )


def _assigned_name(program: Any, call: ir.Call) -> str | None:
    p = program.parent(call)
    if isinstance(p, ir.Assign) and isinstance(p.target, ir.Name):
        return p.target.name
    return None


def analyse(parsed: Any, rel: str) -> list[Fact]:
    return runner.analyse(
        parsed,
        rel,
        memo_key="cxone.powershell",
        program=PsProgram,
        evaluator=lambda prog: Evaluator(prog, calls=library.calls, env_roots=library.ENV_ROOTS),
        library=LIBRARY,
        is_test=ps_is_test(rel),
        extra=_extra,
        sends=lambda name: name.lower() in library.SENDERS,
    )


class PsExtractor(runner.TreeExtractor):
    """Every CXone fact of a PowerShell script, module or manifest, from one analysis."""

    name = "cxone.powershell"
    language = "powershell"
    kinds: ClassVar[frozenset[str]] = frozenset({"powershell"})
    prefilter: ClassVar[tuple[str, ...]] = PREFILTER
    prefilter_lower: ClassVar[tuple[str, ...]] = _PREFILTER_LOWER

    def run(self, parsed: Any) -> list[Fact]:
        return analyse(parsed, self.path)
