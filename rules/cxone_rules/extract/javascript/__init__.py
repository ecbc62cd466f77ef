"""JavaScript and TypeScript extractors: "cxone.http" and "cxone.secrets" facts for JS/TS files.

Both extractors share one analysis of the file (one tree-sitter parse, one triage query, one
semantic pass), memoised on the parsed file: the engine hands the same parse to each.
"""

from __future__ import annotations

from typing import Any, ClassVar

from cxone_lint.api.extractor import Extractor
from cxone_lint.api.facts import BATCH_KEY, encode_batch
from cxone_rules.domain import secrets as sx
from cxone_rules.extract.evaluate import Evaluator
from cxone_rules.extract.javascript import library
from cxone_rules.extract.javascript.lower import JsProgram
from cxone_rules.extract.python.http import CxoneHttpExtractor
from cxone_rules.extract.python.secrets import PythonSecretsExtractor
from cxone_rules.extract.semantics import Library, Semantics
from cxone_rules.facts.kinds import FILE_START, ModuleAlias
from cxone_rules.facts.linker import JavaScriptModules
from cxone_rules.facts.profile import is_test_path

LIBRARY = Library(
    send_of=library.send_of,
    sink_of=library.sink_of,
    pass_through=library.PASS_THROUGH,
    jwt_sign_of=library.jwt_sign_of,
    jwt_option_claims=library.JWT_OPTION_CLAIMS,
    duration_seconds=library.duration_seconds,
)

# A file with none of these words can hold none of the facts: the words of both Python
# extractors' pre-filters (without Python's library names), plus the JS spellings.
_PYTHON_ONLY = frozenset({"requests", "httpx", "aiohttp", "urllib", "authlib", "ssl=False"})
PREFILTER: tuple[str, ...] = tuple(
    dict.fromkeys(
        [
            *(w for w in CxoneHttpExtractor.prefilter if w not in _PYTHON_ONLY),
            *(w for w in PythonSecretsExtractor.prefilter if w not in _PYTHON_ONLY),
            "redirect",
            "rejectUnauthorized",
            "REJECT_UNAUTHORIZED",
            "strictSSL",
            "cors",
            "Access-Control",
        ]
    )
)


def js_is_test(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1].lower()
    return (
        sx.is_test_path(rel)
        or is_test_path(rel)
        or ".test." in name
        or ".spec." in name
        or name.startswith("test.")
    )


def analyse(parsed: Any, rel: str) -> list[Any]:
    """The typed facts of one parsed file (computed once per parse)."""
    memo = parsed.memo.get("cxone")
    if memo is not None:
        return memo  # type: ignore[no-any-return]
    program = JsProgram(parsed, rel)
    ev = Evaluator(program, calls=library.calls, env_roots=library.ENV_ROOTS)
    sem = Semantics(program, ev, LIBRARY, rel, js_is_test(rel))
    text = parsed.source.text
    wanted_comments = (
        [c for c in parsed.comments() if "eyJ" in c[3] or "access_token=" in c[3]]
        if "eyJ" in text or "access_token=" in text
        else []
    )
    sem.run(program.candidates(), wanted_comments)
    parsed.memo["cxone"] = sem.out
    return sem.out


# The pre-filter in lower case, with duplicates gone: one lower() of the text, fewer scans.
_PREFILTER_LOWER = tuple(dict.fromkeys(w.lower() for w in PREFILTER))


class JsExtractor(Extractor):
    """Every CXone fact of a JS/TS file (token and authorize requests, URLs, secrets, sinks,
    TLS, environment reads, CORS, imports and exports), from one analysis."""

    name = "cxone.javascript"
    kinds: ClassVar[frozenset[str]] = frozenset({"javascript"})
    prefilter: ClassVar[tuple[str, ...]] = PREFILTER

    def wants(self) -> bool:
        # Same verdict as Extractor.wants on the case variants PREFILTER lists, and on the
        # other case variants too (a superset: a pre-filter may only ever let more in).
        lowered = self.text.lower()
        return any(w in lowered for w in _PREFILTER_LOWER)

    def extract_tree(self, parsed: Any) -> None:
        self.facts = {BATCH_KEY: encode_batch(analyse(parsed, self.path), "javascript")}


class TsconfigExtractor(Extractor):
    """`compilerOptions.baseUrl` and `paths` of tsconfig.json/jsconfig.json: the import
    aliases (`@/config`) the linker maps to project modules (`ModuleAlias` facts)."""

    name = "cxone.tsconfig"
    kinds: ClassVar[frozenset[str]] = frozenset({"jsconfig"})
    prefilter: ClassVar[tuple[str, ...]] = ("paths",)

    def extract_tree(self, parsed: Any) -> None:
        import posixpath

        program = JsProgram(parsed, self.path)
        ev = Evaluator(program, calls=library.calls, env_roots=library.ENV_ROOTS)
        root = parsed.trees[0].tree.root_node
        stmt = root.named_children[0] if root.named_children else None
        expr = stmt.named_children[0] if stmt is not None and stmt.named_children else None
        value = ev.value(program.lower(expr)).best() if expr is not None else None
        options = (value.obj or {}).get("compilerOptions") if value is not None else None
        opts = options.best().obj or {} if options is not None else {}
        base_sym = opts.get("baseUrl")
        base = posixpath.normpath(
            posixpath.join(posixpath.dirname(self.path), (base_sym and base_sym.best().text) or ".")
        )
        facts: list[Any] = []
        paths = opts.get("paths")
        for alias, targets in ((paths.best().obj if paths is not None else None) or {}).items():
            texts = [t.best().text for t in (targets.best().arr or [])]
            first = next((t for t in texts if t and "\ufffc" not in t), None)
            if first is None:
                continue
            target = posixpath.normpath(posixpath.join(base, first))
            wildcard = alias.endswith("*") and target.endswith("*")
            if wildcard:
                dotted = target[:-1].strip("/").replace("/", ".")
                dotted = "" if dotted == "." else dotted
                facts.append(
                    ModuleAlias(**FILE_START, prefix=alias[:-1], target=dotted, wildcard=True)
                )
            else:
                module = JavaScriptModules().module_of(target.lstrip("./")) or target
                facts.append(ModuleAlias(**FILE_START, prefix=alias, target=module, wildcard=False))
        self.facts = {BATCH_KEY: encode_batch(facts, "javascript")}
