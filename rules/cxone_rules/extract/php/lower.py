"""PHP trees -> the IR of `extract/ir.py`, lowered only where it matters.

As for JavaScript, one C-side query (`CANDIDATES`) finds the nodes the extractor starts from;
expressions are lowered on demand, each node once; scopes are built per function from its
statements only. PHP's own rules of names:
- variables (`$x`) belong to the function they are assigned in: a function does not see the
  file's variables (except through `global $x`), a closure sees those in its `use (...)`, an
  arrow function (`fn() =>`) sees them all;
- constants (`define('X', ...)`, `const X = ...`), functions and classes are global: found
  anywhere in the file; class constants (`self::X`, `Foo::X`) in their class;
- code at the top level of an included file runs in the including scope, so a name that the
  file does not bind, in a file that includes others (`require __DIR__ . '/config.php'`),
  is kept as a reference to the included module for the linker.

Lowered as: `$a['k']` and `$a->k` -> `Member`; arrays with keys -> `Obj` (keys as written,
constants by name: `[CURLOPT_URL => $u]` has the key `CURLOPT_URL`), lists -> `Arr`;
`"$a:{$b}"` and heredocs -> `Template`; `.` -> `Binary('.')`; `?:` -> `Binary('||')` (the
left value or the right, like JS `||`), `??` -> `Binary('??')`; `new X(...)` -> `Call(new)`;
`Foo::bar()` -> `Call(Member(Name('Foo'), 'bar'))`; `echo`/`print`/`exit` -> `Call` of that
name; `include`/`require` -> `Call(Name('require'), [path])`.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from cxone_rules.extract import ir, string_evidence

FUNCTIONS = frozenset(
    {"function_definition", "method_declaration", "anonymous_function", "arrow_function"}
)
CLASSES = frozenset(
    {"class_declaration", "trait_declaration", "interface_declaration", "enum_declaration"}
)
# Statements whose bodies are scanned for bindings (without opening a scope).
_NESTING = frozenset(
    {
        "compound_statement",
        "if_statement",
        "else_if_clause",
        "else_clause",
        "for_statement",
        "foreach_statement",
        "while_statement",
        "do_statement",
        "try_statement",
        "catch_clause",
        "finally_clause",
        "switch_statement",
        "switch_block",
        "case_statement",
        "default_statement",
        "namespace_definition",
        "colon_block",
        "declare_statement",
    }
)
# Blocks that make an assignment conditional (not `definite`) for uses outside them.
_BRANCHES = frozenset(
    {
        "if_statement",
        "else_if_clause",
        "else_clause",
        "for_statement",
        "foreach_statement",
        "while_statement",
        "do_statement",
        "catch_clause",
        "case_statement",
        "default_statement",
    }
)
_WRAPPERS = frozenset({"parenthesized_expression", "argument", "variadic_unpacking"})
_INCLUDES = frozenset(
    {
        "include_expression",
        "include_once_expression",
        "require_expression",
        "require_once_expression",
    }
)
# Binary operators whose value is one of their operands (the rest give booleans or numbers).
_VALUE_OPS = {".": ".", "??": "??"}

# -- triage: the C-side query -----------------------------------------------------------------

STRING_RE = rf"{string_evidence.STRING_RE}|Access-Control"
NAME_RE = (
    r"(?i)secret|passw|pwd|token|key|auth|credential|bearer|private|signature|grant|"
    r"response_type|redirect|assertion|challenge|cookie|^.?pass$|verify|origin"
)
CALL_RE = (
    r"^(curl_exec|curl_setopt|curl_setopt_array|curl_init|file_get_contents|"
    r"stream_context_create|header|error_log|var_dump|var_export|print_r|printf|vprintf|"
    r"syslog|trigger_error|die|exit|json_encode|base64_encode|http_build_query|setcookie|"
    r"fwrite|fputs|file_put_contents|dd|dump|info|logger|response|env|config)$|"
    r"^(post|get|put|patch|request|send|sendRequest|postJson|asForm|withBasicAuth|"
    r"withToken|withHeaders|withoutVerifying|withOptions|emergency|alert|critical|error|"
    r"warning|notice|info|debug|log|json|setContent|header|withHeader|requestAsync|"
    r"postAsync|fetchAccessTokenWithAuthCode|getAccessToken|encode)$"
)


def _query_text() -> str:
    return f"""
((string) @str (#match? @str "{STRING_RE}"))
((encapsed_string) @str (#match? @str "{STRING_RE}"))
((heredoc) @str (#match? @str "{STRING_RE}"))
(assignment_expression left: (_) @name right: (_) @value (#match? @name "{NAME_RE}"))
(augmented_assignment_expression left: (_) @name right: (_) @value (#match? @name "{NAME_RE}"))
(array_element_initializer . [(string) (encapsed_string) (name) (class_constant_access_expression)]
  @name . (_) @value (#match? @name "{NAME_RE}"))
(property_element name: (_) @name default_value: (_) @value (#match? @name "{NAME_RE}"))
(property_promotion_parameter name: (_) @name default_value: (_) @value
  (#match? @name "{NAME_RE}"))
(simple_parameter name: (_) @name default_value: (_) @value (#match? @name "{NAME_RE}"))
(const_element (name) @name . (_) @value (#match? @name "{NAME_RE}"))
(function_call_expression function: (name) @definefn arguments: (arguments . (argument
  (string) @name) . (argument (_) @value)) (#eq? @definefn "define") (#match? @name "{NAME_RE}"))
(function_call_expression function: [(name) (qualified_name)] @callee
  (#match? @callee "{CALL_RE}")) @call
(member_call_expression name: (name) @callee (#match? @callee "{CALL_RE}")) @call
(nullsafe_member_call_expression name: (name) @callee (#match? @callee "{CALL_RE}")) @call
(scoped_call_expression name: (name) @callee (#match? @callee "{CALL_RE}")) @call
(member_call_expression name: (variable_name)) @call
(object_creation_expression) @call
(echo_statement) @echo
(print_intrinsic) @echo
(exit_statement) @echo
(throw_expression) @throw
(subscript_expression (variable_name (name) @root) [(string) (encapsed_string)] @envname
  (#match? @root "^_(ENV|SERVER)$")) @envread
(function_call_expression function: (name) @envfn arguments: (arguments . (argument
  [(string) (encapsed_string)] @envname)) (#match? @envfn "^(getenv|env)$")) @envread
(member_access_expression name: (name) @prop
  (#match? @prop "^(api_endpoint|token_endpoint|tokenEndpoint|token_url|tokenUrl)$")) @member
(subscript_expression (_) (string) @prop (#match? @prop "api_endpoint|token_endpoint")) @member
"""


_QUERIES: dict[str, Any] = {}


def _query(kind: str, language: Any, text: str) -> Any:
    q = _QUERIES.get(kind)
    if q is None:
        import tree_sitter as ts

        q = _QUERIES[kind] = ts.Query(language, text)
    return q


@dataclass
class Candidates:
    strings: list[ir.Node] = field(default_factory=list)
    named: list[tuple[str, ir.Node, ir.Node, str]] = field(default_factory=list)
    calls: list[ir.Call] = field(default_factory=list)
    throws: list[tuple[ir.Node, ir.Node | None]] = field(default_factory=list)
    env_reads: list[tuple[str, ir.Node]] = field(default_factory=list)
    members: list[tuple[str, ir.Node]] = field(default_factory=list)


_CONTEXTS = {
    "assignment_expression": "assignment",
    "augmented_assignment_expression": "assignment",
    "array_element_initializer": "dict",
    "property_element": "assignment",
    "property_promotion_parameter": "default",
    "simple_parameter": "default",
    "const_element": "assignment",
    "argument": "assignment",  # define('NAME', value)
}

# -- strings ----------------------------------------------------------------------------------

_DOUBLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "v": "\v",
    "e": "\x1b",
    "f": "\f",
    "0": "\0",
    "\\": "\\",
    "$": "$",
    '"': '"',
}


def double_escape(seq: str) -> str:
    """The character a double-quoted string's escape sequence stands for."""
    body = seq[1:]
    if not body:
        return seq
    if body[0] in _DOUBLE_ESCAPES and len(body) == 1:
        return _DOUBLE_ESCAPES[body[0]]
    if body[0] == "x":
        try:
            return chr(int(body[1:], 16))
        except ValueError:
            return seq
    if body[0] == "u" and body[1:2] == "{":
        try:
            return chr(int(body[2:-1], 16))
        except ValueError:
            return seq
    if body.isdigit():
        try:
            return chr(int(body, 8) & 0xFF)
        except ValueError:
            return seq
    return seq


def single_quoted(text: str) -> str:
    """The value of a single-quoted literal's source text (only `\\'` and `\\\\` escape)."""
    body = text[1:-1] if len(text) >= 2 else ""
    if text[:1] in ("b", "B"):
        body = text[2:-1]
    return re.sub(r"\\([\\'])", r"\1", body)


def include_module(rel: str, path: str) -> str | None:
    """`config.php` included from `src/index.php` -> `src.config` (a dotted project path
    without the suffix, the key the linker finds constants under); None outside the project
    or for a path not known."""
    if not path or ir_unknown_in(path):
        return None
    if path.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    if joined.startswith(".."):
        return None
    for ext in (".php", ".phtml", ".inc"):
        if joined.endswith(ext):
            joined = joined[: -len(ext)]
            break
    return joined.replace("/", ".")


def ir_unknown_in(text: str) -> bool:
    from cxone_rules.domain.hosts import UNKNOWN

    return UNKNOWN in text


# -- scopes -----------------------------------------------------------------------------------

Raw = tuple[int, str, Any, int, int, "ir.Node | None"]


@dataclass
class _Scope:
    node: Any
    start: int
    end: int
    kind: str  # program | function | closure | arrow
    declared: dict[str, str] = field(default_factory=dict)  # name -> let|param|global
    bindings: dict[str, list[Raw]] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    imports: dict[str, ir.Import] = field(default_factory=dict)
    reexports: dict[str, Any] = field(default_factory=dict)  # none in PHP or PowerShell
    funcs: dict[str, Any] = field(default_factory=dict)
    returns: list[Any] = field(default_factory=list)
    captured: set[str] = field(default_factory=set)  # `use ($x)` of a closure
    name: str = ""


@dataclass
class _Class:
    name: str
    fields: dict[str, list[tuple[int, Any, bool, ir.Node | None]]] = field(default_factory=dict)
    consts: dict[str, Any] = field(default_factory=dict)
    methods: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Globals:
    """What is global in a PHP file: constants, functions, classes, `use` aliases, includes."""

    consts: dict[str, list[Raw]] = field(default_factory=dict)
    funcs: dict[str, Any] = field(default_factory=dict)
    classes: dict[str, Any] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # local name -> qualified name
    includes: list[str] = field(default_factory=list)  # included modules, in order


class PhpProgram:
    """One PHP file as an `ir.Program`."""

    def __init__(self, parsed: Any, rel: str) -> None:
        self.parsed = parsed
        self.rel = rel
        self.source = parsed.source
        self.text: str = parsed.source.text
        self._data: bytes = parsed.source.data
        self.unit = parsed.trees[0]
        self.root = self.unit.tree.root_node
        self._lowered: dict[int, ir.Node] = {}
        self._scopes: dict[int, _Scope] = {}
        self._classes: dict[int, _Class] = {}
        self._globals: _Globals | None = None

    # -- positions ----------------------------------------------------------------------------

    def span(self, node: Any) -> tuple[int, int]:
        src = self.source
        if src.ascii:
            return node.start_byte, node.end_byte
        return src.char_offset(node.start_byte), src.char_offset(node.end_byte)

    def node_text(self, node: Any) -> str:
        return self._data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def _char(self, byte: int) -> int:
        return byte if self.source.ascii else self.source.char_offset(byte)

    # -- triage -------------------------------------------------------------------------------

    def candidates(self) -> Candidates:
        import tree_sitter as ts

        out = Candidates()
        query = _query("candidates", self.unit.language, _query_text())
        matches = ts.QueryCursor(query).matches(self.root)
        matches.sort(key=lambda m: min(n[0].start_byte for n in m[1].values()))
        seen_calls: set[int] = set()
        for _, caps in matches:
            if "str" in caps:
                node = caps["str"][0]
                if node.parent is not None and node.parent.type == "encapsed_string":
                    continue
                out.strings.append(self.lower(node))
            elif "call" in caps or "echo" in caps:
                node = (caps.get("call") or caps["echo"])[0]
                if node.id in seen_calls:
                    continue
                seen_calls.add(node.id)
                call = self.lower(node)
                if isinstance(call, ir.Call):
                    out.calls.append(call)
            elif "throw" in caps:
                node = caps["throw"][0]
                value = node.named_children[0] if node.named_children else None
                out.throws.append(
                    (self._stmt(node), self.lower(value) if value is not None else None)
                )
            elif "envread" in caps:
                name = self._literal_text(caps["envname"][0])
                if name:
                    out.env_reads.append((name, self.lower(caps["envread"][0])))
            elif "member" in caps:
                prop = self.node_text(caps["prop"][0]).strip("'\"")
                out.members.append((prop, self.lower(caps["member"][0])))
            elif "name" in caps and "value" in caps:
                name_node, value_node = caps["name"][0], caps["value"][0]
                parent = name_node.parent
                ptype = parent.type if parent is not None else ""
                context = _CONTEXTS.get(ptype, "")
                name = self._key_text(name_node)
                if name is None:
                    continue
                out.named.append((name, self.lower(name_node), self.lower(value_node), context))
        return out

    def _literal_text(self, node: Any) -> str | None:
        value = self.lower(node)
        if isinstance(value, ir.Str):
            return value.value
        if isinstance(value, ir.Template) and all(isinstance(p, str) for p in value.parts):
            return "".join(p for p in value.parts if isinstance(p, str))
        return None

    def _key_text(self, node: Any) -> str | None:
        t = node.type
        if t == "variable_name":
            return self.node_text(node).lstrip("$")
        if t in ("string", "encapsed_string"):
            return self._literal_text(node)
        if t == "name":
            return self.node_text(node)
        if t in ("member_access_expression", "nullsafe_member_access_expression"):
            prop = node.child_by_field_name("name")
            return self.node_text(prop).lstrip("$") if prop is not None else None
        if t == "scoped_property_access_expression":
            prop = node.child_by_field_name("name")
            return self.node_text(prop).lstrip("$") if prop is not None else None
        if t == "class_constant_access_expression":
            last = node.named_children[-1] if node.named_children else None
            return self.node_text(last) if last is not None else None
        if t == "subscript_expression":
            index = node.named_children[1] if len(node.named_children) > 1 else None
            if index is not None and index.type in ("string", "encapsed_string"):
                return self._literal_text(index)
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
            inner = n.named_children[-1] if n.named_children else None
            return self.lower(inner) if inner is not None else ir.Unknown(start, end, n, kind=t)
        if t == "string":
            return ir.Str(start, end, n, value=single_quoted(self.node_text(n)))
        if t in ("encapsed_string", "heredoc"):
            return self._template(n, start, end)
        if t == "nowdoc":
            body = n.child_by_field_name("value")
            text = self.node_text(body) if body is not None else ""
            return ir.Str(start, end, n, value=text.removeprefix("\n"))
        if t in ("integer", "float"):
            text = self.node_text(n).replace("_", "")
            try:
                value: Any = float(int(text, 0)) if t == "integer" else float(text)
            except ValueError:
                value = None
            return ir.Const(start, end, n, value=value)
        if t == "boolean":
            return ir.Const(start, end, n, value=self.node_text(n).lower() == "true")
        if t == "null":
            return ir.Const(start, end, n, value=None)
        if t == "variable_name":
            name = self.node_text(n).lstrip("$")
            if name == "this":
                return ir.This(start, end, n)
            return ir.Name(start, end, n, name=name)
        if t in ("name", "qualified_name"):
            return self._constant_name(n, start, end)
        if t in ("member_access_expression", "nullsafe_member_access_expression"):
            obj = n.child_by_field_name("object")
            prop = n.child_by_field_name("name")
            if prop is not None and prop.type == "name":
                return ir.Member(start, end, n, obj=self.lower(obj), prop=self.node_text(prop))
            return ir.Index(start, end, n, obj=self.lower(obj), index=self.lower(prop))
        if t == "subscript_expression":
            kids = n.named_children
            obj = kids[0] if kids else None
            index = kids[1] if len(kids) > 1 else None
            key = self._literal_text(index) if index is not None else None
            if index is not None and index.type in ("string", "encapsed_string") and key:
                return ir.Member(start, end, n, obj=self.lower(obj), prop=key)
            return ir.Index(start, end, n, obj=self.lower(obj), index=self.lower(index))
        if t == "class_constant_access_expression":
            kids = n.named_children
            scope = kids[0] if kids else None
            const = kids[-1] if len(kids) > 1 else None
            cls = self._class_ref(scope)
            return ir.Member(
                start, end, n, obj=cls, prop=self.node_text(const) if const is not None else ""
            )
        if t == "scoped_property_access_expression":
            prop = n.child_by_field_name("name")
            name = self.node_text(prop).lstrip("$") if prop is not None else ""
            ts_, te = self.span(n.child_by_field_name("scope") or n)
            return ir.Member(start, end, n, obj=ir.This(ts_, te, None), prop=name)
        if t == "function_call_expression":
            function = n.child_by_field_name("function")
            args, named = self._arguments(n.child_by_field_name("arguments"))
            callee = self.lower(function)
            if isinstance(callee, ir.Name) and callee.name == "env" and len(args) == 2:
                # Laravel's env('X', 'default') is `getenv('X') ?? 'default'`.
                read = ir.Call(start, end, None, func=callee, args=args[:1])
                return ir.Binary(start, end, n, op="??", left=read, right=args[1])
            return ir.Call(start, end, n, func=callee, args=args, named=named)
        if t in ("member_call_expression", "nullsafe_member_call_expression"):
            obj = n.child_by_field_name("object")
            name = n.child_by_field_name("name")
            args, named = self._arguments(n.child_by_field_name("arguments"))
            if name is not None and name.type == "name":
                ns, ne = self.span(name)
                func: ir.Node = ir.Member(
                    ns if obj is None else self.span(obj)[0],
                    ne,
                    name,
                    obj=self.lower(obj),
                    prop=self.node_text(name),
                )
            else:
                # `$client->$method($url, ...)`: the method is a variable.
                func = ir.Member(
                    start, end, name, obj=self.lower(obj), prop="$" + self._var_method(name)
                )
            return ir.Call(start, end, n, func=func, args=args, named=named)
        if t == "scoped_call_expression":
            scope = n.child_by_field_name("scope")
            name = n.child_by_field_name("name")
            args, named = self._arguments(n.child_by_field_name("arguments"))
            func = ir.Member(
                start,
                self.span(name)[1] if name is not None else end,
                name,
                obj=self._class_ref(scope),
                prop=self.node_text(name) if name is not None else "",
            )
            return ir.Call(start, end, n, func=func, args=args, named=named)
        if t == "object_creation_expression":
            kids = [c for c in n.named_children if c.type != "arguments"]
            created = kids[0] if kids else None
            args_node = next((c for c in n.named_children if c.type == "arguments"), None)
            args, named = self._arguments(args_node)
            func = (
                self._class_ref(created)
                if created is not None
                else ir.Unknown(start, end, n, kind=t)
            )
            return ir.Call(start, end, n, func=func, args=args, named=named, new=True)
        if t in _INCLUDES:
            inner = n.named_children[0] if n.named_children else None
            ns, ne = self.span(n)
            return ir.Call(
                start,
                end,
                n,
                func=ir.Name(ns, ns + 7, None, name="require"),
                args=[self.lower(inner)] if inner is not None else [],
            )
        if t == "echo_statement":
            items = n.named_children
            args = []
            for c in items:
                if c.type == "sequence_expression":
                    args.extend(self.lower(x) for x in _flatten_sequence(c))
                else:
                    args.append(self.lower(c))
            return ir.Call(
                start, end, n, func=ir.Name(start, start + 4, None, name="echo"), args=args
            )
        if t == "print_intrinsic":
            inner = n.named_children[0] if n.named_children else None
            return ir.Call(
                start,
                end,
                n,
                func=ir.Name(start, start + 5, None, name="print"),
                args=[self.lower(inner)] if inner is not None else [],
            )
        if t == "exit_statement":
            inner = n.named_children[0] if n.named_children else None
            return ir.Call(
                start,
                end,
                n,
                func=ir.Name(start, start + 4, None, name="exit"),
                args=[self.lower(inner)] if inner is not None else [],
            )
        if t == "binary_expression":
            op_node = n.child_by_field_name("operator")
            op = self.node_text(op_node) if op_node is not None else ""
            left = self.lower(n.child_by_field_name("left"))
            right = self.lower(n.child_by_field_name("right"))
            return ir.Binary(start, end, n, op=_VALUE_OPS.get(op, op), left=left, right=right)
        if t == "conditional_expression":
            cond = self.lower(n.child_by_field_name("condition"))
            body = n.child_by_field_name("body")
            other = self.lower(n.child_by_field_name("alternative"))
            if body is None:  # `$a ?: $b`
                return ir.Binary(start, end, n, op="||", left=cond, right=other)
            return ir.Cond(start, end, n, test=cond, then=self.lower(body), other=other)
        if t == "cast_expression":
            value = n.child_by_field_name("value")
            return self.lower(value) if value is not None else ir.Unknown(start, end, n, kind=t)
        if t == "unary_op_expression":
            kids = n.named_children
            arg = kids[-1] if kids else None
            op = self.node_text(n)[:1]
            if op == "-" and arg is not None and arg.type in ("integer", "float"):
                inner = self.lower(arg)
                if isinstance(inner, ir.Const) and isinstance(inner.value, float):
                    return ir.Const(start, end, n, value=-inner.value)
            return ir.Unary(start, end, n, op=op, arg=self.lower(arg))
        if t == "error_suppression_expression":
            inner = n.named_children[0] if n.named_children else None
            return self.lower(inner) if inner is not None else ir.Unknown(start, end, n, kind=t)
        if t == "array_creation_expression":
            return self._array(n, start, end)
        if t in FUNCTIONS:
            name = n.child_by_field_name("name")
            return ir.Func(start, end, n, name=self.node_text(name) if name is not None else None)
        if t in ("assignment_expression", "augmented_assignment_expression"):
            op_node = n.child_by_field_name("operator")
            op = self.node_text(op_node) if op_node is not None else "="
            return ir.Assign(
                start,
                end,
                n,
                target=self.lower(n.child_by_field_name("left")),
                op={".=": "+=", "??=": "??="}.get(op, op),
                value=self.lower(n.child_by_field_name("right")),
            )
        if t == "sequence_expression":
            last = n.named_children[-1] if n.named_children else None
            return self.lower(last) if last is not None else ir.Unknown(start, end, n, kind=t)
        return ir.Unknown(start, end, n, kind=t)

    def _var_method(self, node: Any) -> str:
        return self.node_text(node).lstrip("$") if node is not None else ""

    def _template(self, n: Any, start: int, end: int) -> ir.Node:
        parts: list[str | ir.Node] = []
        kids = n.named_children
        if n.type == "heredoc":
            body = n.child_by_field_name("value")
            kids = body.named_children if body is not None else []
        for c in kids:
            ct = c.type
            if ct == "string_content":
                parts.append(self.node_text(c))
            elif ct == "escape_sequence":
                parts.append(double_escape(self.node_text(c)))
            elif ct in ("heredoc_start", "heredoc_end"):
                continue
            elif ct == "dynamic_variable_name":  # "${name}"
                inner = c.named_children[0] if c.named_children else None
                if inner is not None and inner.type == "name":
                    s, e = self.span(c)
                    parts.append(ir.Name(s, e, c, name=self.node_text(inner)))
                else:
                    parts.append(self.lower(inner))
            else:
                parts.append(self.lower(c))
        if n.type == "heredoc" and parts and isinstance(parts[0], str):
            parts[0] = parts[0].removeprefix("\n")
        if n.type == "heredoc" and parts and isinstance(parts[-1], str):
            parts[-1] = parts[-1].removesuffix("\n")
        if all(isinstance(p, str) for p in parts):
            return ir.Str(start, end, n, value="".join(p for p in parts if isinstance(p, str)))
        return ir.Template(start, end, n, parts=parts)

    def _arguments(self, args_node: Any) -> tuple[list[ir.Node], dict[str, ir.Node]]:
        args: list[ir.Node] = []
        named: dict[str, ir.Node] = {}
        if args_node is None:
            return args, named
        for a in args_node.named_children:
            if a.type != "argument":
                continue
            label = a.child_by_field_name("name")
            value = a.named_children[-1] if a.named_children else None
            if value is None:
                continue
            if label is not None and label != value:
                named[self.node_text(label)] = self.lower(value)
            else:
                args.append(self.lower(value))
        return args, named

    def _array(self, n: Any, start: int, end: int) -> ir.Node:
        entries: list[ir.Entry] = []
        items: list[ir.Node] = []
        keyed = False
        for c in n.named_children:
            if c.type != "array_element_initializer":
                continue
            kids = c.named_children
            if len(kids) == 1 and kids[0].type == "variadic_unpacking":
                inner = kids[0].named_children[0] if kids[0].named_children else None
                if inner is not None:
                    entries.append(ir.Entry(None, self.lower(inner)))
                continue
            if len(kids) >= 2:
                keyed = True
                k, v = kids[0], kids[-1]
                key = self._array_key(k)
                if key is None:
                    continue
                ks, ke = self.span(k)
                entries.append(ir.Entry(key, self.lower(v), ks, ke))
            elif kids:
                value = self.lower(kids[0])
                items.append(value)
                entries.append(ir.Entry(str(len(items) - 1), value, value.start, value.start))
        if keyed or any(e.key is None for e in entries):
            return ir.Obj(start, end, n, entries=entries)
        return ir.Arr(start, end, n, items=items)

    def _array_key(self, k: Any) -> str | None:
        t = k.type
        if t in ("string", "encapsed_string"):
            return self._literal_text(k)
        if t == "integer":
            return self.node_text(k)
        if t in ("name", "qualified_name"):
            return self.node_text(k).rsplit("\\", 1)[-1]
        if t == "class_constant_access_expression":
            value = self.lower(k)
            return ir.dotted(value) or None
        return None

    def _constant_name(self, n: Any, start: int, end: int) -> ir.Node:
        text = self.node_text(n)
        short = text.rsplit("\\", 1)[-1]
        upper = short.upper()
        if upper in ("TRUE", "FALSE"):
            return ir.Const(start, end, n, value=upper == "TRUE")
        if upper == "NULL":
            return ir.Const(start, end, n, value=None)
        if short == "__DIR__":
            return ir.Str(start, end, n, value=posixpath.dirname(self.rel) or ".")
        if short == "__FILE__":
            return ir.Str(start, end, n, value=self.rel)
        return ir.Name(start, end, n, name=short)

    def _class_ref(self, node: Any) -> ir.Node:
        """The class named in `Foo::x`, `new Foo`, `self::X` (`self`/`static` -> the class
        the code is in)."""
        if node is None:
            return ir.Unknown(0, 0, None, kind="none")
        start, end = self.span(node)
        if node.type == "relative_scope":
            word = self.node_text(node).lower()
            cls = self._enclosing_class(node)
            if word in ("self", "static") and cls is not None:
                name = cls.child_by_field_name("name")
                if name is not None:
                    return ir.Name(start, end, node, name=self.node_text(name))
            return ir.Name(start, end, node, name=word)
        if node.type in ("name", "qualified_name"):
            return ir.Name(start, end, node, name=self.node_text(node).rsplit("\\", 1)[-1])
        if node.type == "variable_name" and self.node_text(node) == "$this":
            cls = self._enclosing_class(node)  # `$this::X`
            name = cls.child_by_field_name("name") if cls is not None else None
            if name is not None:  # origin: the class's own name, not the variable
                return ir.Name(start, end, name, name=self.node_text(name))
        return self.lower(node)

    def _enclosing_class(self, node: Any) -> Any:
        p = node
        while p is not None and p.type not in CLASSES:
            p = p.parent
        return p

    # -- navigation ---------------------------------------------------------------------------

    def parent(self, node: ir.Node) -> ir.Node | None:
        """The expression or statement holding `node` (through arguments, array elements,
        parentheses and interpolation braces); statements come back as `ir.Unknown`."""
        ts_node = node.origin
        if ts_node is None:
            return None
        p = ts_node.parent
        while p is not None and p.type in (
            *_WRAPPERS,
            "arguments",
            "array_element_initializer",
            "sequence_expression",
            "dynamic_variable_name",
            "heredoc_body",
            "cast_expression",
            "error_suppression_expression",
        ):
            p = p.parent
        if p is None:
            return None
        if p.type in (
            "expression_statement",
            "return_statement",
            "program",
            "compound_statement",
            "if_statement",
            "const_element",
            "property_element",
            "global_declaration",
        ):
            return self._stmt(p)
        return self.lower(p)

    # -- scopes -------------------------------------------------------------------------------

    def _function_of(self, node: Any) -> Any:
        p = node
        while p is not None and p.type not in FUNCTIONS and p.type != "program":
            p = p.parent
        return p

    def _scope(self, node: Any) -> _Scope:
        key = node.id
        done = self._scopes.get(key)
        if done is not None:
            return done
        start, end = self.span(node)
        kind = {
            "program": "program",
            "anonymous_function": "closure",
            "arrow_function": "arrow",
        }.get(node.type, "function")
        scope = _Scope(node, start, end, kind)
        self._scopes[key] = scope
        if node.type == "program":
            self._scan(node.named_children, scope, (start, end))
            return scope
        name = node.child_by_field_name("name")
        scope.name = self.node_text(name) if name is not None else ""
        params = node.child_by_field_name("parameters")
        if params is not None:
            for prm in params.named_children:
                pname = prm.child_by_field_name("name")
                if pname is None:
                    continue
                text = self.node_text(pname).lstrip("$")
                scope.declared[text] = "param"
                scope.params[text] = prm.child_by_field_name("default_value")
        for c in node.named_children:
            if c.type == "anonymous_function_use_clause":
                for v in c.named_children:
                    scope.captured.add(self.node_text(v).lstrip("&$"))
        body = node.child_by_field_name("body")
        if body is not None:
            if body.type == "compound_statement":
                self._scan(body.named_children, scope, (start, end))
            else:
                scope.returns.append(body)  # fn() => expr
        return scope

    def _scan(self, stmts: list[Any], scope: _Scope, branch: tuple[int, int]) -> None:
        for s in stmts:
            self._statement(s, scope, branch)

    def _statement(self, s: Any, scope: _Scope, branch: tuple[int, int]) -> None:
        t = s.type
        if t == "expression_statement":
            e = s.named_children[0] if s.named_children else None
            if e is not None:
                self._expression_binding(e, scope, branch)
        elif t == "return_statement":
            if s.named_children:
                scope.returns.append(s.named_children[0])
        elif t == "global_declaration":
            for v in s.named_children:
                scope.declared[self.node_text(v).lstrip("$")] = "global"
        elif t == "function_static_declaration":
            for d in s.named_children:
                name = d.child_by_field_name("name")
                value = d.child_by_field_name("value")
                if name is not None:
                    text = self.node_text(name).lstrip("$")
                    scope.declared[text] = "let"
                    if value is not None:
                        self._bind(scope, text, d.end_byte, "=", value, branch)
        elif t in _NESTING:
            inner = self.span(s) if t in _BRANCHES else branch
            if t == "if_statement":
                cond = s.child_by_field_name("condition")
                if cond is not None:  # `if (!$base = config(...))`
                    for c in cond.named_children:
                        self._expression_binding(_unwrap_not(c), scope, branch)
            if t == "foreach_statement":
                self._foreach(s, scope, inner)
            for c in s.named_children:
                if c.type in FUNCTIONS or c.type in CLASSES:
                    continue
                if c.type in _NESTING or c.type.endswith(("statement", "declaration")):
                    self._statement(c, scope, inner)

    def _foreach(self, s: Any, scope: _Scope, branch: tuple[int, int]) -> None:
        kids = [c for c in s.named_children if c.type != "compound_statement"]
        targets = kids[1:2]
        if targets and targets[0].type == "pair":
            targets = targets[0].named_children
        for v in targets:
            if v.type == "variable_name":
                text = self.node_text(v).lstrip("$")
                scope.declared[text] = "let"
                self._bind(scope, text, v.end_byte, "=", None, branch, ir.Unknown(0, 0, None))

    def _expression_binding(self, e: Any, scope: _Scope, branch: tuple[int, int]) -> None:
        t = e.type
        if t not in ("assignment_expression", "augmented_assignment_expression"):
            return
        left = e.child_by_field_name("left")
        right = e.child_by_field_name("right")
        op_node = e.child_by_field_name("operator")
        op = self.node_text(op_node) if op_node is not None else "="
        op = {".=": "+=", "??=": "??="}.get(op, op)
        if left is None or right is None:
            return
        if right.type in ("assignment_expression", "augmented_assignment_expression"):
            self._expression_binding(right, scope, branch)  # $a = $b = ...
        if left.type == "variable_name":
            name = self.node_text(left).lstrip("$")
            if name != "this":
                scope.declared.setdefault(name, "let")
                self._bind(scope, name, e.end_byte, op, right, branch)
            return
        path = self._path(left)
        if not path:
            return
        root, keys = path[0], path[1:]
        if root == "this":
            if keys:
                self._bind(scope, "this." + keys[0], e.end_byte, op, right, branch)
            return
        if len(keys) == 1 and op == "=":
            # `$params['body'] = ...`: the array so far with that key set; `$list[] = ...`:
            # with that item added.
            scope.declared.setdefault(root, "let")
            self._bind(
                scope, root, e.end_byte, "key:" + keys[0] if keys[0] else "append", right, branch
            )

    def _path(self, node: Any) -> list[str]:
        """`$a['k']->j` -> ['a', 'k', 'j'] ('' for a key not known); [] for anything else."""
        keys: list[str] = []
        while node is not None:
            t = node.type
            if t == "variable_name":
                keys.append(self.node_text(node).lstrip("$"))
                return list(reversed(keys))
            if t == "subscript_expression":
                kids = node.named_children
                index = kids[1] if len(kids) > 1 else None
                if index is not None and not self._literal_text(index):
                    return []  # `$a[$k] = ...`: a key not known
                keys.append(self._literal_text(index) or "" if index is not None else "")
                node = kids[0] if kids else None
            elif t in ("member_access_expression", "nullsafe_member_access_expression"):
                prop = node.child_by_field_name("name")
                keys.append(self.node_text(prop) if prop is not None else "")
                node = node.child_by_field_name("object")
            elif t == "scoped_property_access_expression":
                prop = node.child_by_field_name("name")
                keys.append(self.node_text(prop).lstrip("$") if prop is not None else "")
                return ["this", *reversed(keys)]
            else:
                return []
        return []

    def _bind(
        self,
        scope: _Scope,
        name: str,
        end_byte: int,
        op: str,
        value: Any,
        branch: tuple[int, int],
        synthetic: ir.Node | None = None,
    ) -> None:
        scope.bindings.setdefault(name, []).append(
            (self._char(end_byte), op, value, branch[0], branch[1], synthetic)
        )

    # -- what is global in the file -----------------------------------------------------------

    def globals(self) -> _Globals:
        if self._globals is not None:
            return self._globals
        import tree_sitter as ts

        g = _Globals()
        self._globals = g
        query = _query(
            "globals",
            self.unit.language,
            """
(function_call_expression function: (name) @fn arguments: (arguments . (argument
  [(string) (encapsed_string)] @name) . (argument (_) @value)) (#eq? @fn "define")) @define
(const_declaration (const_element (name) @name . (_) @value)) @const
(function_definition name: (name) @func) @funcdef
(class_declaration name: (name) @class) @classdef
(namespace_use_clause) @use
[(include_expression) (include_once_expression) (require_expression)
 (require_once_expression)] @include
""",
        )
        matches = ts.QueryCursor(query).matches(self.root)
        matches.sort(key=lambda m: min(n[0].start_byte for n in m[1].values()))
        for _, caps in matches:
            if "define" in caps or "const" in caps:
                stmt = (caps.get("define") or caps["const"])[0]
                if "const" in caps and self._enclosing_class(stmt) is not None:
                    continue  # a class constant
                name = self._key_text(caps["name"][0])
                if name:
                    start = self._char(stmt.end_byte)
                    g.consts.setdefault(name, []).append(
                        (start, "=", caps["value"][0], 0, len(self.text), None)
                    )
            elif "funcdef" in caps:
                g.funcs[self.node_text(caps["func"][0])] = caps["funcdef"][0]
            elif "classdef" in caps:
                g.classes[self.node_text(caps["class"][0])] = caps["classdef"][0]
            elif "use" in caps:
                clause = caps["use"][0]
                qual = next(
                    (c for c in clause.named_children if c.type in ("qualified_name", "name")),
                    None,
                )
                alias = clause.child_by_field_name("alias")
                if qual is None:
                    continue
                full = self.node_text(qual).lstrip("\\")
                local = self.node_text(alias) if alias is not None else full.rsplit("\\", 1)[-1]
                g.aliases[local] = full
            elif "include" in caps:
                node = caps["include"][0]
                inner = node.named_children[0] if node.named_children else None
                if inner is None:
                    continue
                path = _static_path(self, self.lower(inner))
                module = include_module(self.rel, path) if path else None
                if module and module not in g.includes:
                    g.includes.append(module)
        return g

    def qualified(self, local: str) -> str:
        """The fully qualified name a class name stands for (`use` aliases followed)."""
        return self.globals().aliases.get(local, local)

    # -- ir.Program ---------------------------------------------------------------------------

    def _is_variable(self, at: ir.Node) -> bool:
        origin = at.origin
        return origin is None or origin.type in ("variable_name", "dynamic_variable_name")

    def _declaring(self, name: str, at: ir.Node) -> tuple[_Scope, bool] | None:
        """The scope a variable is bound in, seen from `at` (PHP's rules: see the module
        docstring), and whether it is the innermost one."""
        if at.origin is None:
            return None
        func = self._function_of(at.origin)
        innermost = True
        while func is not None:
            scope = self._scope(func)
            if scope.declared.get(name) == "global":
                return self._scope(self.root), False
            if name in scope.declared or name in scope.bindings:
                return scope, innermost
            if scope.kind == "arrow" or (scope.kind == "closure" and name in scope.captured):
                func = self._function_of(func.parent)
                innermost = False
                continue
            return None
        return None

    def bindings(self, name: str, at: ir.Node) -> list[ir.Binding] | None:
        if not self._is_variable(at):
            return self._constant_bindings(name, at)
        found = self._declaring(name, at)
        if found is None:
            return None
        scope, innermost = found
        raw = scope.bindings.get(name)
        if not raw:
            return [] if scope.declared.get(name) not in ("param", "global") else None
        out: list[ir.Binding] = []
        for start, op, value, b0, b1, synthetic in raw:
            if innermost and start >= at.start:
                continue
            definite = b0 <= at.start < b1 if innermost else (b0, b1) == (scope.start, scope.end)
            out.append(ir.Binding(name, start, op, value, definite, synthetic))
        return out

    def _constant_bindings(self, name: str, at: ir.Node) -> list[ir.Binding] | None:
        g = self.globals()
        raw = g.consts.get(name)
        if raw:
            return [ir.Binding(name, s, op, v, True, syn) for s, op, v, _b0, _b1, syn in raw]
        cls_node = g.classes.get(name)
        if cls_node is not None:
            # A class named as a value (`Foo::X`): its constants as an object.
            cls = self._class(cls_node)
            entries = [ir.Entry(k, self.lower(v)) for k, v in cls.consts.items()]
            s, e = self.span(cls_node)
            obj = ir.Obj(s, e, None, entries=entries)
            return [ir.Binding(name, 0, "=", None, True, obj)]
        return None

    def imported(self, name: str, at: ir.Node) -> ir.Import | None:
        g = self.globals()
        if not self._is_variable(at):
            if name in g.consts or name in g.classes or name in g.funcs:
                return None
            origin = at.origin
            parent = origin.parent if origin is not None else None
            if parent is not None and parent.type in (
                "class_constant_access_expression",
                "scoped_call_expression",
                "scoped_property_access_expression",
                "object_creation_expression",
            ):
                # A class of another file: its module is found by the class's short name.
                return ir.Import(self.qualified(name).rsplit("\\", 1)[-1], "*")
            if g.includes and name.isupper():
                return ir.Import(g.includes[0], name)
            return None
        if at.origin is None or not g.includes:
            return None
        found = self._declaring(name, at)
        func = self._function_of(at.origin)
        top = found is None and func is not None and func.type == "program"
        at_top = top or (found is not None and found[0].kind == "program")
        if at_top and (found is None or not found[0].bindings.get(name)):
            return ir.Import(g.includes[0], name)
        return None

    def param(self, name: str, at: ir.Node) -> tuple[str, ir.Node | None] | None:
        if not self._is_variable(at):
            return None
        found = self._declaring(name, at)
        if found is None or found[0].declared.get(name) != "param":
            return None
        scope = found[0]
        default = scope.params.get(name)
        return scope.name, (self.lower(default) if default is not None else None)

    def this_field(self, prop: str, at: ir.Node) -> list[ir.Binding]:
        cls_node = self._enclosing_class(at.origin) if at.origin is not None else None
        if cls_node is None:
            return []
        cls = self._class(cls_node)
        return [
            ir.Binding(prop, start, "=", value, definite, synthetic)
            for start, value, definite, synthetic in cls.fields.get(prop, [])
        ]

    def _class(self, node: Any) -> _Class:
        done = self._classes.get(node.id)
        if done is not None:
            return done
        name = node.child_by_field_name("name")
        cls = _Class(self.node_text(name) if name is not None else "")
        self._classes[node.id] = cls
        body = node.child_by_field_name("body")
        for member in body.named_children if body is not None else []:
            t = member.type
            if t == "const_declaration":
                for el in member.named_children:
                    kids = el.named_children
                    if el.type == "const_element" and len(kids) >= 2:
                        cls.consts[self.node_text(kids[0])] = kids[-1]
            elif t == "property_declaration":
                for el in member.named_children:
                    if el.type != "property_element":
                        continue
                    pname = el.child_by_field_name("name")
                    value = el.child_by_field_name("default_value")
                    if pname is not None and value is not None:
                        cls.fields.setdefault(self.node_text(pname).lstrip("$"), []).append(
                            (self.span(el)[0], value, True, None)
                        )
            elif t == "method_declaration":
                mname = member.child_by_field_name("name")
                if mname is None:
                    continue
                method = self.node_text(mname)
                cls.methods[method] = member
                is_ctor = method == "__construct"
                params = member.child_by_field_name("parameters")
                if is_ctor and params is not None:
                    for prm in params.named_children:
                        if prm.type != "property_promotion_parameter":
                            continue
                        pname = prm.child_by_field_name("name")
                        if pname is not None:
                            ps, pe = self.span(pname)
                            text = self.node_text(pname).lstrip("$")
                            cls.fields.setdefault(text, []).append(
                                (ps, None, True, ir.Name(ps, pe, pname, name=text))
                            )
                scope = self._scope(member)
                for key, raws in scope.bindings.items():
                    if not key.startswith("this."):
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
        target = None
        if func.startswith("this."):
            cls_node = self._enclosing_class(at.origin) if at.origin is not None else None
            if cls_node is not None:
                target = self._class(cls_node).methods.get(func[5:])
        else:
            target = self.globals().funcs.get(func)
        if target is None:
            return None
        inner = self._scope(target)
        if len(inner.returns) != 1:
            return None
        return self.lower(inner.returns[0])

    def uses(self, name: str, after: ir.Node, at: ir.Node | None = None) -> list[ir.Node]:
        """Reads of `$name` after `after` in the function that binds it (seen from `at`,
        default `after`); for a function or method name, its calls."""
        import tree_sitter as ts

        where = at if at is not None else after
        found = self._declaring(name, where) if where.origin is not None else None
        if found is None:
            return self._calls_of(name)
        scope = found[0]
        node = scope.node
        cursor = ts.QueryCursor(_query("vars", self.unit.language, "(variable_name) @v"))
        begin = after.origin.end_byte if after.origin is not None else 0
        cursor.set_byte_range(max(node.start_byte, begin), node.end_byte)
        out: list[ir.Node] = []
        target = "$" + name
        for var in sorted(cursor.captures(node).get("v", ()), key=lambda n: n.start_byte):
            if self.node_text(var) != target:
                continue
            parent = var.parent
            if (
                parent is not None
                and parent.type in ("assignment_expression", "augmented_assignment_expression")
                and parent.child_by_field_name("left") == var
            ):
                continue
            if self._function_of(var) != node and scope.kind == "program":
                continue  # another function's variable of the same name
            out.append(self.lower(var))
            if len(out) >= 24:
                break
        return out

    def _calls_of(self, name: str) -> list[ir.Node]:
        import tree_sitter as ts

        query = _query(
            "callsites",
            self.unit.language,
            """
(function_call_expression function: (name) @f)
(member_call_expression name: (name) @f)
(scoped_call_expression name: (name) @f)
""",
        )
        out: list[ir.Node] = []
        for node in sorted(
            ts.QueryCursor(query).captures(self.root).get("f", ()), key=lambda n: n.start_byte
        ):
            if self.node_text(node) != name:
                continue
            call = self.lower(node.parent)
            if isinstance(call, ir.Call) and call.func is not None:
                out.append(call.func)
            if len(out) >= 24:
                break
        return out

    def function_params(self, name: str, at: ir.Node) -> tuple[ir.Node, list[str]] | None:
        """(its parameter list, positional parameter names) of the function `name` of this
        file: what a call passes is followed into its body (one level)."""
        target = self.globals().funcs.get(name)
        params = target.child_by_field_name("parameters") if target is not None else None
        if params is None:
            return None
        names = []
        for prm in params.named_children:
            pname = prm.child_by_field_name("name")
            names.append(self.node_text(pname).lstrip("$") if pname is not None else "")
        return self._stmt(params), names

    def may_hold_url(self, value: Any) -> bool:
        """Whether a module-level value can be a URL constant (cheap, before evaluating it):
        anything but a literal without `://` or a leading `/`."""
        if value is None:
            return False
        text = self._data[value.start_byte : value.end_byte]
        if value.type in ("string", "encapsed_string", "verbatim_string_characters"):
            return b"://" in text or text[1:2] == b"/"
        return True

    def function_name(self, node: ir.Node) -> str:
        p = node.origin
        while p is not None and p.type not in FUNCTIONS:
            p = p.parent
        if p is None:
            return ""
        name = p.child_by_field_name("name")
        return self.node_text(name) if name is not None else ""

    def in_error_branch(self, node: ir.Node) -> bool:
        """In a `catch`, or in the branch of a test that says the request failed
        (`if ($code !== 200)`, `if (curl_errno($ch))`, `if (isset($r->error))`), or in the
        `else` of a test that says it worked."""
        p = node.origin
        child = None
        while p is not None and p.type not in FUNCTIONS:
            if p.type == "catch_clause":
                return True
            if p.type in ("if_statement", "else_if_clause") and child is not None:
                cond = p.child_by_field_name("condition")
                failing = _failure_test(self.node_text(cond)) if cond is not None else None
                body = p.child_by_field_name("body")
                if failing is True and child == body:
                    return True
                if failing is False and child.type == "else_clause":
                    return True
            child, p = p, p.parent
        return False

    def module_bindings(self) -> _Scope:
        """The file's top-level names, with its constants and class constants (what other
        files may include or name): the linker's `constants`."""
        scope = self._scope(self.root)
        g = self.globals()
        merged = _Scope(scope.node, scope.start, scope.end, "program")
        merged.bindings = {k: v for k, v in scope.bindings.items() if not k.startswith("this.")}
        for name, raws in g.consts.items():
            merged.bindings.setdefault(name, raws)
        for cls_node in g.classes.values():
            for cname, value in self._class(cls_node).consts.items():
                merged.bindings.setdefault(cname, [(0, "=", value, 0, 0, None)])
        if len(scope.returns) == 1:  # `return [...]`: a configuration file
            merged.bindings.setdefault("return", [(0, "=", scope.returns[0], 0, 0, None)])
        return merged


def _static_path(program: PhpProgram, node: ir.Node) -> str | None:
    """The text of an include path built from literals and `__DIR__`."""
    if isinstance(node, ir.Str):
        return node.value
    if isinstance(node, ir.Binary) and node.op == ".":
        left = _static_path(program, node.left) if node.left is not None else None
        right = _static_path(program, node.right) if node.right is not None else None
        if left is not None and right is not None:
            return left + right
        return None
    if isinstance(node, ir.Call) and ir.callee(node) == "dirname" and node.args:
        inner = _static_path(program, node.args[0])
        return posixpath.dirname(inner) if inner is not None else None
    if isinstance(node, ir.Template) and all(isinstance(p, str) for p in node.parts):
        return "".join(p for p in node.parts if isinstance(p, str))
    return None


def _flatten_sequence(node: Any) -> list[Any]:
    out: list[Any] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "sequence_expression":
            stack.extend(reversed(n.named_children))
        else:
            out.append(n)
    return out


def _unwrap_not(node: Any) -> Any:
    while node is not None and node.type in ("unary_op_expression", "parenthesized_expression"):
        node = node.named_children[-1] if node.named_children else None
    return node


_STATUS = re.compile(
    r"(status(_?code)?|http_?code|StatusCode\(\)|getStatusCode\(\)|code)\s*(===?|!==?|>=?|<)\s*(\d+)",
    re.IGNORECASE,
)
_FAILED = re.compile(
    r"curl_errno|curl_error|->failed\(\)|->clientError\(\)|->serverError\(\)|isset\(\s*\$\w+(->|\[['\"])error"
)
_OK = re.compile(r"->(successful|ok)\(\)")
# Spaces only after what they follow (no two `\s*` side by side: linear).
_NO_TOKEN = re.compile(r"^\(\s*!\s*(?:(?:isset|empty)\s*)?(?:\(\s*)?\$\w+(\[['\"]|->)access_token")
_EMPTY_TOKEN = re.compile(r"^\(\s*empty\(\s*\$\w+(\[['\"]|->)access_token")


def _failure_test(text: str) -> bool | None:
    """True: the condition means the request failed; False: it worked; None: cannot tell."""
    text = text.strip()
    if _NO_TOKEN.match(text) or _EMPTY_TOKEN.match(text) or _FAILED.search(text):
        return True
    if re.match(r"^\(\s*!\s*\$\w+->(successful|ok)\(\)", text):
        return True
    if _OK.search(text):
        return False
    m = _STATUS.search(text)
    if m:
        op, code = m.group(3), int(m.group(4))
        if op in ("!=", "!==") or (op in (">", ">=") and code >= 300):
            return True
        if op in ("==", "===") and code < 300:
            return False
    return None
