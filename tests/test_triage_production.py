"""The production triage (extract/python/triage_production.py) never rejects a file its extractor
finds something in.

Every Python file of the fixtures, of the rule cases and (when present) of /tmp/corpus is
analysed by cxone.tokens, cxone.server and cxone.literals in full (no pre-filter, no triage);
where the file's evidence for an extractor is False, that extractor must have emitted no fact
of a direct kind (every kind but the flow-only ones other machinery handles).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from cxone_rules.extract.python.literals import CxoneLiteralsExtractor
from cxone_rules.extract.python.server import CxoneServerExtractor
from cxone_rules.extract.python.tokens import CxoneTokensExtractor
from cxone_rules.extract.python.triage_production import (
    literals_evidence,
    production_evidence,
    server_evidence,
    signals,
    tokens_evidence,
)

from cxone_lint.api.facts import BATCH_KEY, decode_batch
from cxone_lint.api.python import PythonExtractor
from cxone_lint.run.analyse import analyse_file
from cxone_lint.run.workspace import SourceFile

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("/tmp/corpus")
FLOW_ONLY = frozenset({"Export", "CallSite", "Function", "Import", "ModuleAlias", "FileTraits"})
EXTRACTORS: tuple[type[PythonExtractor], ...] = (
    CxoneTokensExtractor,
    CxoneServerExtractor,
    CxoneLiteralsExtractor,
)


def _files() -> list[Path]:
    found = sorted((ROOT / "fixtures").rglob("*.py"))
    found += sorted((ROOT / "rules" / "cxone_rules" / "cases").rglob("*.py"))
    if CORPUS.is_dir():
        found += sorted(CORPUS.rglob("*.py"))
    return found


def _id(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def _direct_kinds(path: Path, extractor: type[PythonExtractor]) -> set[str]:
    """The direct fact kinds `extractor` emits for the file, run in full."""
    return _all_direct_kinds(path).get(extractor.name, set())


def _all_direct_kinds(path: Path) -> dict[str, set[str]]:
    """The direct fact kinds each of the three extractors emits for the file, run in full."""
    source = SourceFile(path, _id(path), "python")
    result = analyse_file(source, list(EXTRACTORS), use_prefilter=False, use_triage=False)
    out: dict[str, set[str]] = {}
    for extractor in EXTRACTORS:
        stored = result.facts.get(extractor.name)
        facts = decode_batch(stored[BATCH_KEY], source.rel) if stored else []
        out[extractor.name] = {_kind(f) for f in facts} - FLOW_ONLY
    return out


def _kind(fact: object) -> str:
    """A fact's kind; a TokenUse that hands a token out has a condition of its own."""
    name = type(fact).__name__
    return f"{name}:hand" if name == "TokenUse" and getattr(fact, "action", "") == "hand" else name


# Each direct kind: the extractor that emits it and the `Signals` field that bounds it.
KIND_SIGNALS = {
    "TokenUse": ("cxone.tokens", "token_use"),
    "TokenUse:hand": ("cxone.tokens", "token_hand"),
    "CodeBlock": ("cxone.tokens", "code_block"),
    "LoopCall": ("cxone.tokens", "loop_call"),
    "CallbackCheck": ("cxone.tokens", "callback_check"),
    "ConfigRead": ("cxone.tokens", "config_read"),
    "HttpRoute": ("cxone.server", "http_route"),
    "ListenAddress": ("cxone.server", "listen_address"),
    "CorsPolicy": ("cxone.server", "cors_policy"),
    "SessionKey": ("cxone.server", "session_key"),
    "TenantLiteral": ("cxone.literals", "tenant_literal"),
    "TlsPinned": ("cxone.literals", "tls_pinned"),
    "QueryCredential": ("cxone.literals", "query_credential"),
    "LogoutRedirect": ("cxone.literals", "logout_redirect"),
}


def _violations(path: Path, text: str, tree: ast.Module) -> list[str]:
    """What the file's evidence misses: an extractor said no and emits a direct kind, or a
    kind's own condition is False and the kind is emitted (this checks the tokens conditions
    too, whose extractor answer is yes wherever a function is), or a kind no test knows."""
    evidence = dict(zip((e.name for e in EXTRACTORS), production_evidence(tree, text), strict=True))
    found = signals(tree, text)
    out = []
    for name, kinds in _all_direct_kinds(path).items():
        if kinds and not evidence[name]:
            out.append(f"{_id(path)}: {name} evidence is False but it emits {sorted(kinds)}")
        for kind in sorted(kinds):
            owner, signal = KIND_SIGNALS.get(kind, (None, ""))
            if owner != name:
                out.append(f"{_id(path)}: {name} emits {kind}, a kind without a triage test")
            elif not getattr(found, signal):
                out.append(f"{_id(path)}: {name} emits {kind} but its condition {signal} is False")
    return out


@pytest.mark.parametrize("path", _files(), ids=_id)
def test_rejected_files_yield_no_direct_fact(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        pytest.skip("CPython cannot parse it: the engine does not triage it")
    violations = _violations(path, text, tree)
    assert not violations, "\n".join(violations)


# -- the functions and the shared walk agree; small files either way ---------------------------

SNIPPETS = {
    "plain": ("x = 1\nprint(x)\n", (False, False, False)),
    "function": ("def f(a):\n    return a\n", (True, False, False)),
    "logout": ("X = dict(post_logout_redirect_uri=URL)\n", (False, False, True)),
    "tenant": ('tenantId = "0f8fad5b-d9cb-469f-a165-70867728950e"\n', (False, False, True)),
    "tls": ("import ssl\nP = ssl.PROTOCOL_TLSv1\n", (False, False, True)),
    "query": ('U = BASE + "?access_token=" + t\n', (True, False, True)),
    "route": ('@app.get("/x")\ndef handler():\n    return 1\n', (True, True, False)),
    "listen": ('import uvicorn\nuvicorn.run(app, host="0.0.0.0")\n', (False, True, False)),
    "cors": ('H = {"Access-Control-Allow-Origin": "*"}\n', (False, True, False)),
    "django": ("CORS_ALLOW_ALL_ORIGINS = True\n", (False, True, False)),
    "bearer": ('S.headers["Authorization"] = "Bearer " + tok\n', (True, False, False)),
    "config": ('E = resp["expires_in"]\n', (True, False, False)),
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippets(name: str, tmp_path: Path) -> None:
    text, expected = SNIPPETS[name]
    tree = ast.parse(text)
    found = production_evidence(tree, text)
    separate = (
        tokens_evidence(tree, text),
        server_evidence(tree, text),
        literals_evidence(tree, text),
    )
    assert found == separate
    assert found == expected
    # No extractor the evidence rejects finds anything; one it keeps does (the harness reads
    # the facts).
    path = tmp_path / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    kept = []
    for extractor, evidence in zip(EXTRACTORS, found, strict=True):
        kinds = _direct_kinds(path, extractor)
        if evidence:
            kept.append(kinds)
        else:
            assert not kinds, (extractor.name, kinds)
    assert not kept or any(kept), name
