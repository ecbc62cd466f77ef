"""JavaScript/TypeScript trees -> the IR of `extract/ir.py`, lowered only where it matters.

Walking every tree-sitter node in Python is the cost to avoid (tree-sitter parses in C at
~100k lines/s; a Python visit of every node halves that). So:
- one C-side query per grammar (`CANDIDATES`) finds the few nodes the extractor starts from
  (strings that look like URLs, bodies or credentials; values bound to names that look like
  secrets or OAuth parameters; calls to HTTP clients, loggers, responses; `process.env`);
- expressions are lowered on demand, each node once (cached by node id);
- scopes are built on demand per function, from its statements only (declarations,
  assignments, returns, imports), without descending into expressions.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from cxone_rules.extract import ir, string_evidence
from cxone_rules.extract.common import is_host_piece
from cxone_rules.extract.javascript.flow import FlowMixin

# Node types that open a scope for names.
FUNCTIONS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
    }
)
CLASSES = frozenset({"class_declaration", "class", "abstract_class_declaration"})
# Statement types whose bodies are scanned for bindings (without opening a scope).
_NESTING = frozenset(
    {
        "statement_block",
        "if_statement",
        "else_clause",
        "for_statement",
        "for_in_statement",
        "while_statement",
        "do_statement",
        "try_statement",
        "catch_clause",
        "finally_clause",
        "switch_statement",
        "switch_body",
        "switch_case",
        "switch_default",
        "labeled_statement",
        "export_statement",
        "with_statement",
    }
)
# Blocks that make an assignment conditional (not `definite`) for uses outside them.
_BRANCHES = frozenset(
    {
        "statement_block",
        "switch_case",
        "switch_default",
        "else_clause",
        "catch_clause",
        "finally_clause",
    }
)
_WRAPPERS = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
        "type_assertion",
    }
)

# -- triage: the C-side query -----------------------------------------------------------------

STRING_RE = string_evidence.STRING_RE
NAME_RE = (
    r"(?i)secret|passw|pwd|token|key|auth|credential|bearer|private|signature|grant|"
    r"response_type|redirect|reject_?unauthorized|strictssl|assertion|challenge|cookie|"
    r"^pass$|insecure|origin|expir|tenant|min_?version|max_?version|secureProtocol|session|sid$"
)
# (Query strings unescape `\x` to `x`: classes like `[.]` and `[)]` keep regexes literal.)
# Calls worth lowering on their own: loggers, HTTP responses, known HTTP clients, JWT signing,
# CORS. Any other call is reached by climbing from a body, a URL or a header (anchors).
CALL_RE = (
    r"^console[.][A-Za-z]+$|(^|\.)[A-Za-z_$]*[Ll]og[A-Za-z_$]*\."
    r"(debug|info|warn|warning|error|fatal|trace|log|verbose|silly)$"
    r"|(^|\.)(res|response|reply|ctx)\.(send|json|end|write|jsonp|header|setHeader|set|writeHead)$"
    r"|[)]\.(json|send|end)$"
    r"|(^|\.)(fetch|post|put|patch|request|ajax|getJSON|sign|cors|reject)$"
    r"|^(fetch|axios|got|cors|superagent|ky|needle|request|\$|jQuery)$"
    r"|(^|\.)(axios|got|http|https|api|client|instance|superagent|needle|ky|undici|"
    r"[A-Za-z_$]*[Cc]lient|[A-Za-z_$]*[Aa]pi|[A-Za-z_$]*[Hh]ttp)\.(get|delete|head|options)$"
    # The integration's own server: routes, middleware, listening; token decodes and checks.
    r"|(^|\.)([a-z]*[Aa]pp|router|[A-Za-z]*[Rr]outer|server|fastify|routes|srv)\."
    r"(get|delete|all|use|listen|route|register|addHook)$"
    r"|(^|\.)(listen|jwtDecode|jwt_decode|decodeJwt|decode|verify|jwtVerify|timingSafeEqual|"
    r"callback|authorizationCodeGrant)$|^(Buffer\.from|atob)$|\.interceptors\.request\.use$"
)
# `params.append("grant_type", ...)`, `res.setHeader("Access-Control-Allow-Origin", ...)`.
KEYED_CALL_RE = r"^(append|set|setHeader|header|writeHead)$"
KEYED_ARG_RE = r"grant_type|[Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin"


SUBSCRIPT_KEYS = (
    "api_endpoint|token_endpoint|resource_server_base_uri|refresh_token_server_uri|expires_in"
)


def _query_text(grammar: str) -> str:
    field_def = (
        "public_field_definition name:"
        if grammar != "javascript"
        else ("field_definition property:")
    )
    params = (
        "(required_parameter pattern: (identifier) @name value: (_) @value "
        f'(#match? @name "{NAME_RE}"))'
        if grammar != "javascript"
        else ""
    )
    return f"""
((string) @str (#match? @str "{STRING_RE}"))
((template_string) @str (#match? @str "{STRING_RE}"))
(variable_declarator name: (identifier) @name value: (_) @value (#match? @name "{NAME_RE}"))
(pair key: (_) @name value: (_) @value (#match? @name "{NAME_RE}"))
(assignment_expression left: (_) @name right: (_) @value (#match? @name "{NAME_RE}"))
({field_def} (_) @name value: (_) @value (#match? @name "{NAME_RE}"))
(assignment_pattern left: (identifier) @name right: (_) @value (#match? @name "{NAME_RE}"))
(object_assignment_pattern left: (_) @name right: (_) @value (#match? @name "{NAME_RE}"))
{params}
(call_expression function: (_) @callee (#match? @callee "{CALL_RE}")) @call
(call_expression function: (member_expression property: (property_identifier) @method)
  arguments: (arguments . (string) @key)
  (#match? @method "{KEYED_CALL_RE}") (#match? @key "{KEYED_ARG_RE}")) @call
(new_expression constructor: (_) @callee (#match? @callee "Agent|XMLHttpRequest|Headers")) @call
(throw_statement) @throw
(member_expression object: (member_expression object: (identifier) @root
  property: (property_identifier) @env) property: (property_identifier) @envname
  (#eq? @root "process") (#eq? @env "env")) @envread
(subscript_expression object: (member_expression object: (identifier) @root
  property: (property_identifier) @env) index: (string) @envname
  (#eq? @root "process") (#eq? @env "env")) @envread
(member_expression object: (member_expression object: (meta_property)
  property: (property_identifier) @env) property: (property_identifier) @envname
  (#eq? @env "env")) @envread
(member_expression property: (property_identifier) @prop
  (#match? @prop "^(api_endpoint|token_endpoint|tokenEndpoint|token_url|tokenUrl|tokenURL)$"))
  @member
(subscript_expression index: (string) @prop
  (#match? @prop "{SUBSCRIPT_KEYS}")) @member
(member_expression property: (property_identifier) @prop
  (#match? @prop "^(resource_server_base_uri|refresh_token_server_uri|expires_in|expiresIn)$"))
  @member
((binary_expression) @cmp (#match? @cmp "Date[.]now|getTime|expir|[Ss]tate|nonce"))
[(for_statement) (for_in_statement) (while_statement) (do_statement)] @loop
(assignment_expression left: (subscript_expression index: (_) @sessidx)
  (#match? @sessidx "[Hh]eaders.*([Ss]ession|sid)")) @sesswrite
(call_expression function: (member_expression property: (property_identifier) @sessm)
  arguments: (arguments . (_) @sessarg)
  (#match? @sessm "^(set|setex|hset)$") (#match? @sessarg "[Hh]eaders.*([Ss]ession|sid)"))
  @sesswrite
"""


_QUERIES: dict[tuple[str, str], Any] = {}


def _query(kind: str, grammar: str, language: Any, text: str) -> Any:
    """Queries compiled once per grammar (a query naming a node type the grammar lacks fails
    to compile, so each grammar gets its own)."""
    key = (kind, grammar)
    q = _QUERIES.get(key)
    if q is None:
        import tree_sitter as ts

        q = _QUERIES[key] = ts.Query(language, text)
    return q


def candidate_query(grammar: str, language: Any) -> Any:
    return _query("candidates", grammar, language, _query_text(grammar))


def identifier_query(grammar: str, language: Any) -> Any:
    return _query("ids", grammar, language, "[(identifier) (shorthand_property_identifier)] @id")


@dataclass
class Candidates:
    strings: list[ir.Node] = field(default_factory=list)
    named: list[tuple[str, ir.Node, ir.Node, str]] = field(default_factory=list)
    calls: list[ir.Call] = field(default_factory=list)
    throws: list[tuple[ir.Node, ir.Node | None]] = field(default_factory=list)
    env_reads: list[tuple[str, ir.Node]] = field(default_factory=list)
    members: list[tuple[str, ir.Node]] = field(default_factory=list)
    # Comparisons that may test a token's expiry or a callback's state (runtime.py).
    comparisons: list[ir.Node] = field(default_factory=list)
    # Loop statements (the language's nodes, as `ir.Unknown` statements).
    loops: list[ir.Node] = field(default_factory=list)
    # Stores written under a key read from a request header (a session id).
    session_writes: list[ir.Node] = field(default_factory=list)


# -- scopes -----------------------------------------------------------------------------------


@dataclass
class _Scope:
    node: Any  # the ts node (program, function, class body)
    start: int
    end: int
    declared: dict[str, str] = field(default_factory=dict)  # name -> let|param|func|import
    bindings: dict[str, list[tuple[int, str, Any, int, int, ir.Node | None]]] = field(
        default_factory=dict
    )  # name -> (start, op, value ts node, branch start, branch end, synthetic)
    params: dict[str, Any] = field(default_factory=dict)  # name -> default ts node | None
    imports: dict[str, ir.Import] = field(default_factory=dict)
    funcs: dict[str, Any] = field(default_factory=dict)  # name -> ts function node
    returns: list[Any] = field(default_factory=list)  # return value ts nodes
    reexports: dict[str, Any] = field(default_factory=dict)  # {"names": {...}, "all": [...]}
    name: str = ""


@dataclass
class _Class:
    fields: dict[
        str, list[tuple[int, Any, bool, ir.Node | None]]
    ]  # prop -> (start, value, definite)


def _unquote(text: str) -> str:
    """The value of a JS string literal's source text (escapes decoded like JS does)."""
    body = text[1:-1]
    if "\\" not in body:
        return body
    try:
        return str(ast.literal_eval('"' + body.replace('"', '\\"').replace("\\'", "'") + '"'))
    except (ValueError, SyntaxError):
        return re.sub(r"\\(.)", r"\1", body)


def module_path(rel: str, spec: str) -> str:
    """`../nice` imported from `src/methods/getToken.ts` -> `src.nice` (a dotted project path
    without extension, the key the linker finds constants under); packages stay as named."""
    if not spec.startswith("."):
        return spec
    parts = rel.split("/")[:-1]
    for piece in spec.split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
            continue
        parts.append(piece)
    name = ".".join(parts)
    for ext in (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"):
        if name.endswith(ext):
            name = name[: -len(ext)]
            break
    return name.removesuffix(".index")


class JsProgram(FlowMixin):
    """One JS/TS file (or the scripts of one markup file) as an `ir.Program`."""

    def __init__(self, parsed: Any, rel: str) -> None:
        self.parsed = parsed
        self.rel = rel
        self.source = parsed.source
        self.text: str = parsed.source.text
        self._data: bytes = parsed.source.data
        self._lowered: dict[int, ir.Node] = {}
        self._scopes: dict[int, _Scope] = {}
        self._classes: dict[int, _Class] = {}
        self._chains: dict[tuple[int, int], list[_Scope]] = {}
        self._tables: dict[int, tuple[list[int], list[int], list[int], list[Any]]] = {}
        self.grammar_of: dict[int, str] = {}

    # -- positions ----------------------------------------------------------------------------

    def span(self, node: Any) -> tuple[int, int]:
        src = self.source
        if src.ascii:
            return node.start_byte, node.end_byte
        return src.char_offset(node.start_byte), src.char_offset(node.end_byte)

    def node_text(self, node: Any) -> str:
        return self._data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    # -- triage -------------------------------------------------------------------------------

    def candidates(self) -> Candidates:
        import tree_sitter as ts

        out = Candidates()
        for unit in self.parsed.trees:
            query = candidate_query(unit.grammar, unit.language)
            matches = ts.QueryCursor(query).matches(unit.tree.root_node)
            # Matches do not always come in document order: sort them, findings depend on it.
            matches.sort(key=lambda m: min(n[0].start_byte for n in m[1].values()))
            for _, caps in matches:
                if "str" in caps:
                    out.strings.append(self.lower(caps["str"][0]))
                elif "call" in caps:
                    call = self.lower(caps["call"][0])
                    if isinstance(call, ir.Call):
                        out.calls.append(call)
                elif "throw" in caps:
                    node = caps["throw"][0]
                    value = node.named_children[0] if node.named_children else None
                    out.throws.append(
                        (self._stmt(node), self.lower(value) if value is not None else None)
                    )
                elif "envread" in caps:
                    name_node = caps["envname"][0]
                    name = self.node_text(name_node)
                    if name_node.type == "string":
                        name = _unquote(name)
                    out.env_reads.append((name, self.lower(caps["envread"][0])))
                elif "member" in caps:
                    prop = self.node_text(caps["prop"][0]).strip("'\"`")
                    out.members.append((prop, self.lower(caps["member"][0])))
                elif "cmp" in caps:
                    out.comparisons.append(self.lower(caps["cmp"][0]))
                elif "loop" in caps:
                    out.loops.append(self._stmt(caps["loop"][0]))
                elif "sesswrite" in caps:
                    out.session_writes.append(self.lower(caps["sesswrite"][0]))
                elif "name" in caps and "value" in caps:
                    name_node, value_node = caps["name"][0], caps["value"][0]
                    parent = name_node.parent
                    context = _CONTEXTS.get(parent.type if parent is not None else "", "")
                    key_name = self._key_text(name_node)
                    if key_name is None:
                        continue
                    out.named.append(
                        (key_name, self.lower(name_node), self.lower(value_node), context)
                    )
        return out

    def _key_text(self, node: Any) -> str | None:
        t = node.type
        if t in ("identifier", "property_identifier", "shorthand_property_identifier_pattern"):
            return self.node_text(node)
        if t == "private_property_identifier":
            return self.node_text(node).lstrip("#")
        if t == "string":
            return _unquote(self.node_text(node))
        if t == "member_expression":
            prop = node.child_by_field_name("property")
            return self.node_text(prop) if prop is not None else None
        if t == "subscript_expression":
            index = node.child_by_field_name("index")
            if index is not None and index.type == "string":
                return _unquote(self.node_text(index))
        if t == "number":
            return None
        return None

    def _stmt(self, node: Any) -> ir.Node:
        start, end = self.span(node)
        return ir.Unknown(start, end, node, kind=node.type)

    # -- lowering -----------------------------------------------------------------------------

    def lower(self, node: Any) -> ir.Node:
        if node is None:
            return ir.Unknown(0, 0, None, kind="none")
        key = node.id
        done = self._lowered.get(key)
        if done is not None:
            return done
        out = self._lower(node)
        self._lowered[key] = out
        return out

    def _lower(self, n: Any) -> ir.Node:
        t = n.type
        start, end = self.span(n)
        if t in _WRAPPERS:
            inner = n.named_children[0] if n.named_children else None
            if t == "type_assertion" and len(n.named_children) > 1:
                inner = n.named_children[-1]
            return self.lower(inner) if inner is not None else ir.Unknown(start, end, n, kind=t)
        if t == "string":
            return ir.Str(start, end, n, value=_unquote(self.node_text(n)))
        if t == "template_string":
            parts: list[str | ir.Node] = []
            for c in n.named_children:
                if c.type == "template_substitution":
                    inner = c.named_children[0] if c.named_children else None
                    if inner is not None:
                        parts.append(self.lower(inner))
                elif c.type == "escape_sequence":
                    parts.append(_unquote('"' + self.node_text(c) + '"'))
                else:
                    parts.append(self.node_text(c))
            # string_fragment children leave out nothing but the backticks and substitutions.
            return ir.Template(start, end, n, parts=parts)
        if t == "number":
            text = self.node_text(n).replace("_", "")
            try:
                value: Any = (
                    float(int(text, 0))
                    if text[:2].lower() in ("0x", "0o", "0b")
                    else (float(text.rstrip("n")))
                )
            except ValueError:
                value = None
            return ir.Const(start, end, n, value=value)
        if t in ("true", "false"):
            return ir.Const(start, end, n, value=t == "true")
        if t in ("null", "undefined"):
            return ir.Const(start, end, n, value=None)
        if t in ("identifier", "shorthand_property_identifier", "property_identifier"):
            return ir.Name(start, end, n, name=self.node_text(n))
        if t == "this":
            return ir.This(start, end, n)
        if t == "meta_property":
            return ir.Name(start, end, n, name="import.meta")
        if t == "member_expression":
            obj = n.child_by_field_name("object")
            prop = n.child_by_field_name("property")
            return ir.Member(
                start,
                end,
                n,
                obj=self.lower(obj),
                prop=self.node_text(prop).lstrip("#") if prop is not None else "",
            )
        if t == "subscript_expression":
            obj = n.child_by_field_name("object")
            index = n.child_by_field_name("index")
            if index is not None and index.type == "string":
                return ir.Member(
                    start, end, n, obj=self.lower(obj), prop=_unquote(self.node_text(index))
                )
            return ir.Index(start, end, n, obj=self.lower(obj), index=self.lower(index))
        if t in ("call_expression", "new_expression"):
            func = n.child_by_field_name("function" if t == "call_expression" else "constructor")
            args_node = n.child_by_field_name("arguments")
            args: list[ir.Node] = []
            if args_node is not None:
                if args_node.type == "template_string":  # tagged template
                    args.append(self.lower(args_node))
                else:
                    args.extend(
                        self.lower(a) for a in args_node.named_children if a.type != "comment"
                    )
            return ir.Call(
                start, end, n, func=self.lower(func), args=args, new=t == "new_expression"
            )
        if t == "await_expression":
            inner = n.named_children[0] if n.named_children else None
            return ir.Unary(start, end, n, op="await", arg=self.lower(inner))
        if t == "unary_expression":
            op = n.child_by_field_name("operator")
            arg = n.child_by_field_name("argument")
            return ir.Unary(start, end, n, op=self.node_text(op) if op else "", arg=self.lower(arg))
        if t == "binary_expression":
            op = n.child_by_field_name("operator")
            return ir.Binary(
                start,
                end,
                n,
                op=self.node_text(op) if op is not None else "",
                left=self.lower(n.child_by_field_name("left")),
                right=self.lower(n.child_by_field_name("right")),
            )
        if t == "ternary_expression":
            return ir.Cond(
                start,
                end,
                n,
                test=self.lower(n.child_by_field_name("condition")),
                then=self.lower(n.child_by_field_name("consequence")),
                other=self.lower(n.child_by_field_name("alternative")),
            )
        if t == "object":
            return self._object(n, start, end)
        if t == "array":
            return ir.Arr(
                start,
                end,
                n,
                items=[self.lower(c) for c in n.named_children if c.type != "comment"],
            )
        if t in FUNCTIONS:
            name = n.child_by_field_name("name")
            return ir.Func(start, end, n, name=self.node_text(name) if name is not None else None)
        if t in ("assignment_expression", "augmented_assignment_expression"):
            op = n.child_by_field_name("operator")
            return ir.Assign(
                start,
                end,
                n,
                target=self.lower(n.child_by_field_name("left")),
                op=self.node_text(op) if op is not None else "=",
                value=self.lower(n.child_by_field_name("right")),
            )
        if t == "sequence_expression":
            last = n.named_children[-1] if n.named_children else None
            return self.lower(last) if last is not None else ir.Unknown(start, end, n, kind=t)
        if t == "spread_element":
            inner = n.named_children[0] if n.named_children else None
            return self.lower(inner) if inner is not None else ir.Unknown(start, end, n, kind=t)
        return ir.Unknown(start, end, n, kind=t)

    def _object(self, n: Any, start: int, end: int) -> ir.Obj:
        entries: list[ir.Entry] = []
        for c in n.named_children:
            t = c.type
            if t == "pair":
                k = c.child_by_field_name("key")
                v = c.child_by_field_name("value")
                if k is None or v is None:
                    continue
                key = self._key_text(k)
                if k.type == "number":
                    key = self.node_text(k)
                if key is None:
                    continue  # computed keys
                ks, ke = self.span(k)
                entries.append(ir.Entry(key, self.lower(v), ks, ke))
            elif t == "shorthand_property_identifier":
                ks, ke = self.span(c)
                entries.append(ir.Entry(self.node_text(c), self.lower(c), ks, ke))
            elif t == "spread_element":
                inner = c.named_children[0] if c.named_children else None
                if inner is not None:
                    entries.append(ir.Entry(None, self.lower(inner)))
            elif t == "method_definition":
                name = c.child_by_field_name("name")
                if name is not None:
                    ks, ke = self.span(name)
                    entries.append(ir.Entry(self.node_text(name), self.lower(c), ks, ke))
        return ir.Obj(start, end, n, entries=entries)

    # -- navigation ---------------------------------------------------------------------------

    def parent(self, node: ir.Node) -> ir.Node | None:
        """The expression (or statement) that holds `node`, skipping parentheses, type
        wrappers, argument lists and object pairs; declarations come back as `ir.Unknown`
        with kind `variable_declarator` (origin: the declarator)."""
        ts_node = node.origin
        if ts_node is None:
            return None
        p = ts_node.parent
        while p is not None and p.type in (
            *_WRAPPERS,
            "arguments",
            "pair",
            "spread_element",
            "template_substitution",
        ):
            p = p.parent
        if p is None:
            return None
        if p.type in (
            "expression_statement",
            "variable_declarator",
            "return_statement",
            "throw_statement",
            "program",
            "statement_block",
            "lexical_declaration",
            "variable_declaration",
            "public_field_definition",
            "field_definition",
            "jsx_expression",
            "if_statement",
            "parenthesized_expression",
        ):
            return self._stmt(p)
        return self.lower(p)

    def scope_chain(self, node: ir.Node) -> list[_Scope]:
        """Scopes enclosing `node`, innermost first. Found from byte offsets in a table of the
        file's functions (tree-sitter's `parent` walks down from the root: too slow here)."""
        origin = node.origin
        if origin is None:
            return []
        unit = self._unit_of(origin)
        table = self._function_table(unit)
        starts, ends, parents, nodes = table
        b = origin.start_byte
        i = bisect_right(starts, b) - 1
        while i >= 0 and not (b < ends[i] or (b == starts[i])):
            i = parents[i]
        key = (id(unit), i)
        done = self._chains.get(key)
        if done is not None:
            return done
        out: list[_Scope] = []
        j = i
        while j >= 0:
            out.append(self._scope(nodes[j]))
            j = parents[j]
        out.append(self._scope(unit.tree.root_node))
        self._chains[key] = out
        return out

    def _function_table(self, unit: Any) -> tuple[list[int], list[int], list[int], list[Any]]:
        """(starts, ends, enclosing index, node) of every function, sorted by start."""
        done = self._tables.get(id(unit))
        if done is not None:
            return done
        import tree_sitter as ts

        kinds = [t for t in sorted(FUNCTIONS) if unit.language.id_for_node_kind(t, True)]
        text = "[" + " ".join(f"({t})" for t in kinds) + "] @f"
        query = _query("functions", unit.grammar, unit.language, text)
        found = sorted(
            ts.QueryCursor(query).captures(unit.tree.root_node).get("f", ()),
            key=lambda n: (n.start_byte, -n.end_byte),
        )
        starts = [n.start_byte for n in found]
        ends = [n.end_byte for n in found]
        parents: list[int] = []
        stack: list[int] = []
        for k in range(len(found)):
            while stack and ends[stack[-1]] <= starts[k]:
                stack.pop()
            parents.append(stack[-1] if stack else -1)
            stack.append(k)
        table = (starts, ends, parents, list(found))
        self._tables[id(unit)] = table
        return table

    def _unit_of(self, node: Any) -> Any:
        trees = self.parsed.trees
        if len(trees) == 1:
            return trees[0]
        return self._unit(node)

    def _scope(self, node: Any) -> _Scope:
        key = node.id
        done = self._scopes.get(key)
        if done is not None:
            return done
        start, end = self.span(node)
        scope = _Scope(node, start, end)
        self._scopes[key] = scope
        if node.type == "program":
            self._scan(node.named_children, scope, (start, end))
        else:
            name = node.child_by_field_name("name")
            scope.name = self.node_text(name) if name is not None else ""
            params = node.child_by_field_name("parameters")
            if params is None:
                single = node.child_by_field_name("parameter")
                if single is not None:
                    self._param(single, scope)
            else:
                for p in params.named_children:
                    self._param(p, scope)
            body = node.child_by_field_name("body")
            if body is not None:
                if body.type == "statement_block":
                    self._scan(body.named_children, scope, (start, end))
                else:
                    scope.returns.append(body)
        return scope

    def _param(self, p: Any, scope: _Scope) -> None:
        t = p.type
        if t in ("required_parameter", "optional_parameter"):
            pattern = p.child_by_field_name("pattern")
            default = p.child_by_field_name("value")
            if pattern is not None:
                self._param_pattern(pattern, default, scope)
        elif t == "assignment_pattern":
            self._param_pattern(
                p.child_by_field_name("left"), p.child_by_field_name("right"), scope
            )
        else:
            self._param_pattern(p, None, scope)

    def _param_pattern(self, pattern: Any, default: Any, scope: _Scope) -> None:
        if pattern is None:
            return
        t = pattern.type
        if t == "identifier":
            name = self.node_text(pattern)
            scope.declared[name] = "param"
            scope.params[name] = default
        elif t == "object_pattern":
            for c in pattern.named_children:
                if c.type == "shorthand_property_identifier_pattern":
                    self._param_pattern_name(c, None, scope)
                elif c.type == "object_assignment_pattern":
                    self._param_pattern_name(
                        c.child_by_field_name("left"), c.child_by_field_name("right"), scope
                    )
                elif c.type == "pair_pattern":
                    value = c.child_by_field_name("value")
                    if value is not None and value.type == "assignment_pattern":
                        self._param_pattern(
                            value.child_by_field_name("left"),
                            value.child_by_field_name("right"),
                            scope,
                        )
                    else:
                        self._param_pattern(value, None, scope)
                elif c.type == "rest_pattern":
                    self._param_pattern(
                        c.named_children[0] if c.named_children else None, None, scope
                    )
        elif t == "array_pattern":
            for c in pattern.named_children:
                self._param_pattern(c, None, scope)
        elif t == "assignment_pattern":
            self._param_pattern(
                pattern.child_by_field_name("left"), pattern.child_by_field_name("right"), scope
            )
        elif t == "rest_pattern":
            self._param_pattern(
                pattern.named_children[0] if pattern.named_children else None, None, scope
            )

    def _param_pattern_name(self, node: Any, default: Any, scope: _Scope) -> None:
        if node is None:
            return
        name = self.node_text(node)
        scope.declared[name] = "param"
        scope.params[name] = default

    def _scan(self, stmts: list[Any], scope: _Scope, branch: tuple[int, int]) -> None:
        for s in stmts:
            self._statement(s, scope, branch)

    def _statement(self, s: Any, scope: _Scope, branch: tuple[int, int]) -> None:
        t = s.type
        if t in ("lexical_declaration", "variable_declaration"):
            for d in s.named_children:
                if d.type == "variable_declarator":
                    self._declarator(d, scope, branch)
        elif t == "expression_statement":
            e = s.named_children[0] if s.named_children else None
            while e is not None and e.type == "sequence_expression":
                for part in e.named_children[:-1]:
                    self._expression_binding(part, scope, branch)
                e = e.named_children[-1] if e.named_children else None
            if e is not None:
                self._expression_binding(e, scope, branch)
        elif t in ("function_declaration", "generator_function_declaration"):
            name = s.child_by_field_name("name")
            if name is not None:
                text = self.node_text(name)
                scope.declared[text] = "func"
                scope.funcs[text] = s
                self._bind(scope, text, s.end_byte, "=", s, branch)
        elif t in CLASSES:
            name = s.child_by_field_name("name")
            if name is not None:
                scope.declared[self.node_text(name)] = "class"
        elif t == "import_statement":
            self._import(s, scope)
        elif t == "return_statement":
            if s.named_children:
                scope.returns.append(s.named_children[0])
        elif t in _NESTING:
            inner = branch
            if t in _BRANCHES or t in ("if_statement",):
                inner = self.span(s)
            if t == "for_in_statement":
                self._loop_variable(s, scope, self.span(s))
            for c in s.named_children:
                if (
                    c.type in FUNCTIONS
                    or c.type in CLASSES
                    or c.type in _NESTING
                    or c.type.endswith(("statement", "declaration"))
                ):
                    self._statement(c, scope, inner)
            decl = s.child_by_field_name("declaration")
            source = s.child_by_field_name("source") if t == "export_statement" else None
            if source is not None:
                self._reexport(s, source, scope)
            elif t == "export_statement" and decl is None:
                value = s.child_by_field_name("value")
                if value is not None:
                    self._bind(scope, "default", s.end_byte, "=", value, branch)

    def _loop_variable(self, s: Any, scope: _Scope, branch: tuple[int, int]) -> None:
        """`for (const area of AREAS)`: inside the loop, `area` is each element of AREAS (an
        index that names no element); `for ... in` keys stay unknown."""
        left, right = s.child_by_field_name("left"), s.child_by_field_name("right")
        operator = s.child_by_field_name("operator")
        if left is None or right is None or left.type != "identifier":
            return
        if operator is None or self.node_text(operator) != "of":
            return
        name = self.node_text(left)
        scope.declared[name] = "let"
        cs, ce = self.span(right)
        each = ir.Index(cs, ce, right, obj=self.lower(right), index=None)
        self._bind(scope, name, left.end_byte, "=", None, branch, each)

    def _bind(
        self,
        scope: _Scope,
        name: str,
        start_byte: int,
        op: str,
        value: Any,
        branch: tuple[int, int],
        synthetic: ir.Node | None = None,
    ) -> None:
        start = self.source.char_offset(start_byte) if not self.source.ascii else start_byte
        scope.bindings.setdefault(name, []).append(
            (start, op, value, branch[0], branch[1], synthetic)
        )

    def _declarator(self, d: Any, scope: _Scope, branch: tuple[int, int]) -> None:
        name = d.child_by_field_name("name")
        value = d.child_by_field_name("value")
        if name is None:
            return
        if name.type == "identifier":
            text = self.node_text(name)
            scope.declared[text] = "let"
            if value is not None:
                self._bind(scope, text, d.end_byte, "=", value, branch)
            return
        if value is None:
            return
        self._destructure(name, self.lower(value), scope, branch, d.end_byte)

    def _destructure(
        self, pattern: Any, source: ir.Node, scope: _Scope, branch: tuple[int, int], start_byte: int
    ) -> None:
        """`const {a, b: c = 'x', ...rest} = src` -> a = src.a, c = src.b ?? 'x'."""
        t = pattern.type
        s, e = self.span(pattern)
        if t == "identifier":
            name = self.node_text(pattern)
            scope.declared[name] = "let"
            self._bind(scope, name, start_byte, "=", None, branch, source)
        elif t == "object_pattern":
            for c in pattern.named_children:
                ct = c.type
                if ct == "shorthand_property_identifier_pattern":
                    name = self.node_text(c)
                    cs, ce = self.span(c)
                    self._destructure_leaf(
                        name, ir.Member(cs, ce, c, obj=source, prop=name), scope, branch, start_byte
                    )
                elif ct == "object_assignment_pattern":
                    left = c.child_by_field_name("left")
                    right = c.child_by_field_name("right")
                    if left is None:
                        continue
                    name = self.node_text(left)
                    cs, ce = self.span(c)
                    read = ir.Member(cs, ce, left, obj=source, prop=name)
                    value = ir.Binary(cs, ce, c, op="??", left=read, right=self.lower(right))
                    self._destructure_leaf(name, value, scope, branch, start_byte)
                elif ct == "pair_pattern":
                    key = c.child_by_field_name("key")
                    value = c.child_by_field_name("value")
                    prop = self._key_text(key) if key is not None else None
                    if prop is None or value is None:
                        continue
                    cs, ce = self.span(c)
                    member: ir.Node = ir.Member(cs, ce, key, obj=source, prop=prop)
                    if value.type == "assignment_pattern":
                        member = ir.Binary(
                            cs,
                            ce,
                            c,
                            op="??",
                            left=member,
                            right=self.lower(value.child_by_field_name("right")),
                        )
                        value = value.child_by_field_name("left")
                    self._destructure(value, member, scope, branch, start_byte)
        elif t == "array_pattern":
            for i, c in enumerate(pattern.named_children):
                cs, ce = self.span(c)
                idx = ir.Index(cs, ce, c, obj=source, index=ir.Const(cs, ce, None, value=float(i)))
                self._destructure(c, idx, scope, branch, start_byte)
        elif t == "assignment_pattern":
            left = pattern.child_by_field_name("left")
            right = pattern.child_by_field_name("right")
            value = ir.Binary(s, e, pattern, op="??", left=source, right=self.lower(right))
            if left is not None:
                self._destructure(left, value, scope, branch, start_byte)

    def _destructure_leaf(
        self, name: str, value: ir.Node, scope: _Scope, branch: tuple[int, int], start_byte: int
    ) -> None:
        scope.declared[name] = "let"
        self._bind(scope, name, start_byte, "=", None, branch, value)

    def _expression_binding(self, e: Any, scope: _Scope, branch: tuple[int, int]) -> None:
        t = e.type
        if t not in ("assignment_expression", "augmented_assignment_expression"):
            if t == "call_expression":
                self._require_side_effect(e, scope)
            return
        left = e.child_by_field_name("left")
        right = e.child_by_field_name("right")
        op_node = e.child_by_field_name("operator")
        op = self.node_text(op_node) if op_node is not None else "="
        if left is None or right is None:
            return
        if left.type == "identifier":
            self._bind(scope, self.node_text(left), e.end_byte, op, right, branch)
        elif left.type in ("member_expression", "subscript_expression"):
            dotted = self._dotted(left)
            if dotted:
                # `module.exports.X = ...`, `options.body = body`, `this.key = ...`
                self._bind(scope, dotted, e.end_byte, op, right, branch)
        elif left.type in ("object_pattern", "array_pattern"):
            self._destructure(left, self.lower(right), scope, branch, e.end_byte)

    def _require_side_effect(self, e: Any, scope: _Scope) -> None:
        return None

    def _dotted(self, node: Any) -> str:
        parts: list[str] = []
        while node is not None and node.type in ("member_expression", "subscript_expression"):
            if node.type == "member_expression":
                prop = node.child_by_field_name("property")
                parts.append(self.node_text(prop) if prop is not None else "?")
            else:
                index = node.child_by_field_name("index")
                if index is None or index.type != "string":
                    return ""
                parts.append(_unquote(self.node_text(index)))
            node = node.child_by_field_name("object")
        if node is None or node.type not in ("identifier", "this"):
            return ""
        parts.append(self.node_text(node))
        return ".".join(reversed(parts))

    def _import(self, s: Any, scope: _Scope) -> None:
        source = s.child_by_field_name("source")
        if source is None:
            return
        module = module_path(self.rel, _unquote(self.node_text(source)))
        for clause in s.named_children:
            if clause.type != "import_clause":
                continue
            for c in clause.named_children:
                if c.type == "identifier":
                    self._import_name(scope, self.node_text(c), module, "default")
                elif c.type == "namespace_import":
                    ident = c.named_children[0] if c.named_children else None
                    if ident is not None:
                        self._import_name(scope, self.node_text(ident), module, "*")
                elif c.type == "named_imports":
                    for spec in c.named_children:
                        if spec.type != "import_specifier":
                            continue
                        name = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias")
                        if name is None:
                            continue
                        imported = self.node_text(name).strip("'\"")
                        local = self.node_text(alias) if alias is not None else imported
                        self._import_name(scope, local, module, imported)

    def _reexport(self, s: Any, source: Any, scope: _Scope) -> None:
        """`export { A as B } from "./x"` and `export * from "./x"`."""
        module = module_path(self.rel, _unquote(self.node_text(source)))
        clause = next((c for c in s.named_children if c.type == "export_clause"), None)
        if clause is None:
            scope.reexports.setdefault("all", []).append(module)
            return
        names: dict[str, str] = scope.reexports.setdefault("names", {})
        for spec in clause.named_children:
            if spec.type != "export_specifier":
                continue
            name = spec.child_by_field_name("name")
            alias = spec.child_by_field_name("alias")
            if name is None:
                continue
            exported = self.node_text(alias if alias is not None else name).strip("'\"")
            names[exported] = f"{module}:{self.node_text(name).strip(chr(39) + chr(34))}"

    def _import_name(self, scope: _Scope, local: str, module: str, name: str) -> None:
        scope.declared[local] = "import"
        scope.imports[local] = ir.Import(module, name)

    # -- ir.Program ---------------------------------------------------------------------------

    def _declaring(self, name: str, at: ir.Node) -> tuple[_Scope, bool] | None:
        chain = self.scope_chain(at)
        for i, scope in enumerate(chain):
            if name in scope.declared or (name in scope.bindings and i == len(chain) - 1):
                return scope, i == 0
        return None

    def bindings(self, name: str, at: ir.Node) -> list[ir.Binding] | None:
        found = self._declaring(name, at)
        if found is None:
            return None
        scope, innermost = found
        raw = scope.bindings.get(name)
        if not raw:
            return [] if scope.declared.get(name) not in ("param", "import") else None
        out: list[ir.Binding] = []
        for start, op, value, b0, b1, synthetic in raw:
            if (
                innermost
                and start >= at.start
                and not (scope.node.type == "program" and scope.declared.get(name) == "func")
            ):
                continue
            definite = b0 <= at.start < b1 if innermost else (b0, b1) == (scope.start, scope.end)
            out.append(ir.Binding(name, start, op, value, definite, synthetic))
        return out

    def imported(self, name: str, at: ir.Node) -> ir.Import | None:
        found = self._declaring(name, at)
        if found is None:
            return None
        return found[0].imports.get(name)

    def param(self, name: str, at: ir.Node) -> tuple[str, ir.Node | None] | None:
        found = self._declaring(name, at)
        if found is None or found[0].declared.get(name) != "param":
            return None
        scope = found[0]
        default = scope.params.get(name)
        return scope.name, (self.lower(default) if default is not None else None)

    def this_field(self, prop: str, at: ir.Node) -> list[ir.Binding]:
        cls = self._class_of(at.origin)
        if cls is None:
            return []
        return [
            ir.Binding(prop, start, "=", value, definite, synthetic)
            for start, value, definite, synthetic in cls.fields.get(prop, [])
        ]

    def _class_of(self, node: Any) -> _Class | None:
        p = node
        while p is not None and p.type not in CLASSES:
            p = p.parent
        if p is None:
            return None
        done = self._classes.get(p.id)
        if done is not None:
            return done
        cls = _Class({})
        self._classes[p.id] = cls
        body = p.child_by_field_name("body")
        if body is None:
            return cls
        for member in body.named_children:
            t = member.type
            if t in ("public_field_definition", "field_definition"):
                name = member.child_by_field_name("name" if t != "field_definition" else "property")
                value = member.child_by_field_name("value")
                if name is not None and value is not None:
                    start, _ = self.span(member)
                    cls.fields.setdefault(self.node_text(name).lstrip("#"), []).append(
                        (start, value, True, None)
                    )
            elif t == "method_definition":
                mname = member.child_by_field_name("name")
                is_ctor = mname is not None and self.node_text(mname) == "constructor"
                params = member.child_by_field_name("parameters")
                if is_ctor and params is not None:
                    for prm in params.named_children:
                        if prm.type == "required_parameter" and any(
                            c.type == "accessibility_modifier" for c in prm.named_children
                        ):
                            pattern = prm.child_by_field_name("pattern")
                            if pattern is not None and pattern.type == "identifier":
                                ps, pe = self.span(pattern)
                                cls.fields.setdefault(self.node_text(pattern), []).append(
                                    (
                                        ps,
                                        None,
                                        True,
                                        ir.Name(ps, pe, pattern, name=self.node_text(pattern)),
                                    )
                                )
                scope = self._scope(member)
                for key, raws in scope.bindings.items():
                    if not key.startswith("this.") or key.count(".") != 1:
                        continue
                    for start, _op, value, b0, b1, synthetic in raws:
                        definite = is_ctor and (b0, b1) == (scope.start, scope.end)
                        cls.fields.setdefault(key[5:], []).append(
                            (start, value, definite, synthetic)
                        )
        for entries in cls.fields.values():
            entries.sort(key=lambda r: (not r[2], r[0]))
        return cls

    def returns(self, func: str, at: ir.Node) -> ir.Node | None:
        found = self._declaring(func, at)
        if found is None:
            return None
        scope = found[0]
        target = scope.funcs.get(func)
        if target is None:
            raw = scope.bindings.get(func)
            if raw and len(raw) == 1 and raw[0][2] is not None and raw[0][2].type in FUNCTIONS:
                target = raw[0][2]
        if target is None:
            return None
        inner = self._scope(target)
        if len(inner.returns) != 1:
            return None
        return self.lower(inner.returns[0])

    def uses(self, name: str, after: ir.Node, at: ir.Node | None = None) -> list[ir.Node]:
        """Reads of `name` after `after` (from the start of its scope when `after` has no
        place), in the scope that declares `name` as seen from `at` (default: `after`)."""
        found = self._declaring(name, at if at is not None else after)
        if found is None:
            return []
        scope = found[0]
        node = scope.node
        root = self._unit_of(node).tree.root_node
        # The name's occurrences found in the text at C speed, then confirmed by the tree: only
        # identifiers (not strings, comments, longer names or property names) are uses.
        data = self._data
        key = name.encode("utf-8")
        pos = max(node.start_byte, after.origin.end_byte if after.origin is not None else 0)
        stop = node.end_byte
        out: list[ir.Node] = []
        while len(out) < 24:
            pos = data.find(key, pos, stop)
            if pos < 0:
                break
            end = pos + len(key)
            before_ok = pos == 0 or not _IDENT_BYTE[data[pos - 1]]
            after_ok = end >= len(data) or not _IDENT_BYTE[data[end]]
            start_at, pos = pos, end
            if not (before_ok and after_ok):
                continue
            ident = root.descendant_for_byte_range(start_at, end)
            if ident is None or ident.type not in ("identifier", "shorthand_property_identifier"):
                continue
            if ident.start_byte != start_at or ident.end_byte != end:
                continue
            parent = ident.parent
            if (
                parent is not None
                and parent.type in ("variable_declarator",)
                and (parent.child_by_field_name("name") == ident)
            ):
                continue
            if (
                parent is not None
                and parent.type
                in (
                    "assignment_expression",
                    "augmented_assignment_expression",
                )
                and parent.child_by_field_name("left") == ident
            ):
                continue
            out.append(self.lower(ident))
        return out

    def _unit(self, node: Any) -> Any:
        trees = self.parsed.trees
        if len(trees) == 1:
            return trees[0]
        root = node
        while root.parent is not None:
            root = root.parent
        for unit in trees:
            if unit.tree.root_node == root:
                return unit
        return trees[0]

    def function_params(self, name: str, at: ir.Node) -> tuple[ir.Node, list[str]] | None:
        """(its parameter list, positional parameter names) of the function
        `name` visible at `at` (a declaration, or a variable bound to a function)."""
        found = self._declaring(name, at)
        if found is None:
            return None
        scope = found[0]
        target = scope.funcs.get(name)
        if target is None:
            raw = scope.bindings.get(name)
            if raw and len(raw) == 1 and raw[0][2] is not None and raw[0][2].type in FUNCTIONS:
                target = raw[0][2]
        if target is None:
            return None
        params_node = target.child_by_field_name("parameters")
        names: list[str] = []
        if params_node is not None:
            for prm in params_node.named_children:
                pattern = prm
                if prm.type in ("required_parameter", "optional_parameter"):
                    pattern = prm.child_by_field_name("pattern")
                elif prm.type == "assignment_pattern":
                    pattern = prm.child_by_field_name("left")
                names.append(
                    self.node_text(pattern)
                    if pattern is not None and pattern.type == "identifier"
                    else ""
                )
        else:
            single = target.child_by_field_name("parameter")
            if single is not None and single.type == "identifier":
                names.append(self.node_text(single))
        # Uses of the parameters come after the parameter list, inside the function's scope.
        anchor = params_node or target.child_by_field_name("parameter") or target
        return self.lower(anchor), names

    def may_hold_url(self, value: Any) -> bool:
        """Whether a module-level value can be a URL constant (cheap, before evaluating it):
        text with `://` or a leading `/`, or a name or expression built from other values."""
        if value is None:
            return False
        t = value.type
        if t in ("identifier", "member_expression", "binary_expression", "ternary_expression"):
            return True
        if t in ("string", "template_string", "object", "call_expression", "new_expression"):
            text = self._data[value.start_byte : value.end_byte]
            if t == "string" and is_host_piece(text[1:-1].decode("utf-8", "replace")):
                return True  # an area or a domain a URL is built from
            return b"://" in text or text[1:2] == b"/"
        return False

    def function_name(self, node: ir.Node) -> str:
        """The name of the function a statement is in (declared, or bound to a variable)."""
        p = node.origin
        while p is not None and p.type not in FUNCTIONS:
            p = p.parent
        if p is None:
            return ""
        name = p.child_by_field_name("name")
        if name is not None:
            return self.node_text(name)
        up = p.parent
        if up is not None and up.type == "variable_declarator":
            target = up.child_by_field_name("name")
            if target is not None and target.type == "identifier":
                return self.node_text(target)
        return ""

    def in_error_branch(self, node: ir.Node) -> bool:
        """In a `catch`, in the branch of `if (!res.ok)` / `status !== 200`, or in the `else`
        of `if (res.ok)`: a response body written out there is an error, not a token."""
        p = node.origin
        child = None
        while p is not None and p.type not in FUNCTIONS:
            if p.type == "catch_clause":
                return True
            if p.type == "if_statement" and child is not None:
                cond = p.child_by_field_name("condition")
                failing = _failure_test(self.node_text(cond)) if cond is not None else None
                consequence = p.child_by_field_name("consequence")
                if failing is True and child == consequence:
                    return True
                if failing is False and child.type == "else_clause":
                    return True
            child, p = p, p.parent
        return False

    def module_bindings(self) -> _Scope | None:
        trees = self.parsed.trees
        if not trees:
            return None
        return self._scope(trees[0].tree.root_node)

    def ir_at(self, origin: Any) -> ir.Node:
        return self.lower(origin)


_NEGATED_OK = re.compile(r"^\(?\s*!\s*\w+(\.\w+)*\.ok\b")
# `if (!tokens.access_token)`, `if (!token)`: the response holds no token, it is an error.
_NO_TOKEN = re.compile(r"^\(?\s*!\s*(\w+\.)*\w*(token|Token)\w*\s*\)?$")
_OK = re.compile(r"^\(?\s*\w+(\.\w+)*\.ok\s*\)?$")
_STATUS = re.compile(r"\.status(Code)?\s*(===?|!==?|>=?|<)\s*(\d+)")


def _failure_test(text: str) -> bool | None:
    """True: the condition means the request failed; False: it worked; None: cannot tell."""
    text = text.strip()
    if _NEGATED_OK.match(text) or _NO_TOKEN.match(text):
        return True
    if _OK.match(text):
        return False
    m = _STATUS.search(text)
    if m:
        op, code = m.group(2), int(m.group(3))
        if op in ("!=", "!==") or (op in (">", ">=") and code >= 300):
            return True
        if op in ("==", "===") and code < 300:
            return False
    return None


# Bytes that continue an identifier (ASCII letters, digits, _ and $; any non-ASCII byte).
_IDENT_BYTE = [chr(b).isalnum() or chr(b) in "_$" or b >= 0x80 for b in range(256)]

_CONTEXTS = {
    "variable_declarator": "assignment",
    "pair": "dict",
    "assignment_expression": "assignment",
    "public_field_definition": "assignment",
    "field_definition": "assignment",
    "assignment_pattern": "default",
    "object_assignment_pattern": "default",
    "required_parameter": "default",
}
