"""PowerShell trees -> the IR of `extract/ir.py`, lowered only where it matters.

The grammar wraps every expression in a chain of one-child nodes (pipeline, logical,
bitwise, comparison, additive, ... unary expression); lowering and navigation look through
them. PowerShell's own rules:
- a command is a `Call` of its name: positional arguments in `args`, `-Name value` in `named`
  (names in lower case, as PowerShell matches them; a switch is `True`), a splat `@params`
  under the key `@`; a value piped in (`$body | ConvertTo-Json`) is its first argument;
- `$env:X` reads the environment (`Member(Name('$env'), 'X')`); `$script:x` and `$x` read the
  same script-level variable from a function that does not assign `$x` itself;
- hashtables are `Obj` (keys as written), `"basic $Key"`, `"$($a.b)"` and here-strings are
  `Template`, `"{0}:{1}" -f $a, $b` is a `Template` too; `[Convert]::ToBase64String(x)` is a
  `Call` of `Convert.ToBase64String` (types without their `System.` prefix);
- a script dot-sourced (`. "$PSScriptRoot/config.ps1"`) or a module imported by path runs in
  or exports to the caller: a name the file does not assign is kept as a reference to it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from cxone_rules.extract import ir, string_evidence

# One-child nodes the grammar wraps expressions in.
WRAPPERS = frozenset(
    {
        "pipeline",
        "pipeline_chain",
        "logical_expression",
        "bitwise_expression",
        "comparison_expression",
        "additive_expression",
        "multiplicative_expression",
        "format_expression",
        "range_expression",
        "array_literal_expression",
        "unary_expression",
        "left_assignment_expression",
        "logical_argument_expression",
        "bitwise_argument_expression",
        "comparison_argument_expression",
        "additive_argument_expression",
        "multiplicative_argument_expression",
        "format_argument_expression",
        "range_argument_expression",
        "argument_expression",
        "expression_with_unary_operator",
        "string_literal",
        "integer_literal",
        "real_literal",
        "key_expression",
        "statement_list",
        "script_block_expression",
        "parenthesized_expression",
        "sub_expression",
        "command_name_expr",
        "argument_expression_list",
    }
)
FUNCTIONS = frozenset({"function_statement", "script_block_expression", "class_method_definition"})
_BRANCHES = frozenset(
    {
        "if_statement",
        "elseif_clause",
        "else_clause",
        "foreach_statement",
        "for_statement",
        "while_statement",
        "do_statement",
        "catch_clause",
        "switch_statement",
        "trap_statement",
    }
)
# Types whose static members are written without the `System.` prefix in callee names.
_SWITCHES = frozenset(
    {
        "skipcertificatecheck",
        "asplaintext",
        "force",
        "usebasicparsing",
        "usedefaultcredentials",
        "allowunencryptedauthentication",
        "skipheadervalidation",
        "passthru",
        "compress",
        "asjob",
    }
)

STRING_RE = string_evidence.STRING_RE
NAME_RE = (
    r"(?i)secret|passw|pwd|token|key|auth|credential|bearer|private|signature|grant|"
    r"response_type|redirect|assertion|challenge|cookie|^.?pass$|^.?akid$|^.?aksec$|"
    r"SkipCertificateCheck"
)
CALL_RE = (
    r"(?i)^(Invoke-RestMethod|Invoke-WebRequest|irm|iwr|Write-Host|Write-Verbose|"
    r"Write-Debug|Write-Information|Write-Warning|Write-Error|Write-Output|Out-File|"
    r"Set-Content|Add-Content|ConvertTo-SecureString|ConvertTo-Json|Import-Module|"
    r"Out-Host|Write-Log|Out-String)$"
)


def _query_text() -> str:
    return f"""
((expandable_string_literal) @str (#match? @str "{STRING_RE}"))
((verbatim_string_characters) @str (#match? @str "{STRING_RE}"))
((expandable_here_string_literal) @str (#match? @str "{STRING_RE}"))
((verbatim_here_string_characters) @str (#match? @str "{STRING_RE}"))
(assignment_expression (left_assignment_expression) @name value: (_) @value
  (#match? @name "{NAME_RE}"))
(hash_entry (key_expression) @name (_) @value (#match? @name "{NAME_RE}"))
(script_parameter (variable) @name (script_parameter_default) @value
  (#match? @name "{NAME_RE}"))
(command command_name: (command_name) @callee (#match? @callee "{CALL_RE}")) @call
(command (command_invokation_operator) command_name: (_)) @call
(flow_control_statement) @flow
((variable) @envread (#match? @envread "^\\\\$env:"))
(member_access (member_name) @prop
  (#match? @prop "^(api_endpoint|token_endpoint)$")) @member
(assignment_expression (left_assignment_expression) @tls value: (_)
  (#match? @tls "(ServerCertificateValidationCallback|CertificatePolicy)$")) @tlsset
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
    outputs: list[tuple[ir.Node, ir.Node]] = field(default_factory=list)  # (statement, value)
    tls: list[ir.Assign] = field(default_factory=list)


_CONTEXTS = {"assignment_expression": "assignment", "hash_entry": "dict"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "a": "\a", "b": "\b", "e": "\x1b"}
# An item's format stops at the next brace (a scan from every `{` ends there: linear).
_FORMAT = re.compile(r"\{(\d+)(?:[,:][^{}]*)?\}")


def unescape(text: str) -> str:
    """Backtick escapes of an expandable string."""
    if "`" not in text:
        return text
    return re.sub(r"`(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text, flags=re.S)


def type_name(text: str) -> str:
    """`[System.Text.Encoding]` -> `Text.Encoding` (the name callee tables use)."""
    name = text.strip("[] ")
    if name.lower().startswith("system."):
        name = name[7:]
    return name


@dataclass
class _Scope:
    node: Any
    start: int
    end: int
    declared: dict[str, str] = field(default_factory=dict)  # lower-case name -> let|param
    bindings: dict[str, list[tuple[int, str, Any, int, int, ir.Node | None]]] = field(
        default_factory=dict
    )
    params: dict[str, Any] = field(default_factory=dict)
    outputs: list[Any] = field(default_factory=list)  # values the function writes out
    imports: dict[str, ir.Import] = field(default_factory=dict)
    reexports: dict[str, Any] = field(default_factory=dict)  # none in PHP or PowerShell
    name: str = ""


class PsProgram:
    """One PowerShell file as an `ir.Program`."""

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
        self._funcs: dict[str, Any] | None = None
        self._includes: list[str] | None = None

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
        for _, caps in matches:
            if "str" in caps:
                node = caps["str"][0]
                if node.type == "verbatim_string_characters" and node.parent is not None:
                    node = node.parent
                out.strings.append(self.lower(node))
            elif "call" in caps:
                call = self.lower(caps["call"][0])
                if isinstance(call, ir.Call):
                    out.calls.append(call)
                    if ir.callee(call).lower() == "write-output" and call.args:
                        out.outputs.append((call, call.args[0]))
            elif "flow" in caps:
                node = caps["flow"][0]
                word = self.node_text(node).split(None, 1)[0].lower() if node.text else ""
                value = _first_named(node)
                if word == "return" and value is not None:
                    out.outputs.append((self._stmt(node), self.lower(value)))
                elif word == "throw":
                    out.throws.append(
                        (self._stmt(node), self.lower(value) if value is not None else None)
                    )
            elif "envread" in caps:
                node = caps["envread"][0]
                name = self.node_text(node)[5:].strip("{}")
                out.env_reads.append((name, self.lower(node)))
            elif "member" in caps:
                out.members.append((self.node_text(caps["prop"][0]), self.lower(caps["member"][0])))
            elif "tlsset" in caps:
                value = self.lower(caps["tlsset"][0])
                if isinstance(value, ir.Assign):
                    out.tls.append(value)
            elif "name" in caps and "value" in caps:
                name_node, value_node = caps["name"][0], caps["value"][0]
                parent = name_node.parent
                context = _CONTEXTS.get(parent.type if parent is not None else "", "default")
                name = self._key_text(name_node) or ""
                if not name:
                    continue
                if value_node.type == "script_parameter_default":
                    value_node = _first_named(value_node)
                out.named.append((name, self.lower(name_node), self.lower(value_node), context))
        for stmt in self._bare_outputs():
            out.outputs.append((self._stmt(stmt), self.lower(stmt)))
        return out

    def _bare_outputs(self) -> list[Any]:
        """Statements of a function body that write a variable or member to the pipeline
        (`$Token` alone on its line)."""
        found: list[Any] = []
        for func in self.functions().values():
            body = func.child_by_field_name("body") or _child(func, "script_block")
            for stmt in _statements(body):
                inner = _unwrap(stmt)
                if inner is not None and inner.type in ("variable", "member_access"):
                    found.append(inner)
        return found

    def _key_text(self, node: Any) -> str | None:
        inner = _unwrap(node)
        if inner is None:
            return None
        t = inner.type
        if t == "variable":
            return _var_name(self.node_text(inner))
        if t == "simple_name":
            return self.node_text(inner)
        if t in ("verbatim_string_characters", "expandable_string_literal"):
            value = self.lower(inner)
            return value.value if isinstance(value, ir.Str) else None
        if t == "member_access":
            name = _child(inner, "member_name")
            return self.node_text(name) if name is not None else None
        if t == "element_access":
            value = self.lower(inner)
            return value.prop if isinstance(value, ir.Member) else None
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
        named = n.named_children
        if t == "pipeline_chain" and len(named) > 1:
            return self.lower(named[-1])  # the last command, with what is piped into it
        unwraps = len(named) == 1 or t in ("sub_expression", "parenthesized_expression")
        if t in WRAPPERS and t != "script_block_expression" and unwraps:
            inner = _last_value(n)
            return self.lower(inner) if inner is not None else ir.Unknown(start, end, n, kind=t)
        if t in ("generic_token", "command_name"):  # a bareword argument: `-Method Post`
            return ir.Str(start, end, n, value=self.node_text(n))
        if t == "verbatim_string_characters":
            text = self.node_text(n)
            return ir.Str(start, end, n, value=text[1:-1].replace("''", "'"))
        if t == "verbatim_here_string_characters":
            text = self.node_text(n)
            return ir.Str(start, end, n, value=_here_body(text))
        if t in ("expandable_string_literal", "expandable_here_string_literal"):
            return self._template(n, start, end)
        if t in ("decimal_integer_literal", "hexadecimal_integer_literal"):
            try:
                return ir.Const(start, end, n, value=float(int(self.node_text(n).rstrip("lL"), 0)))
            except ValueError:
                return ir.Const(start, end, n, value=None)
        if t == "variable":
            return self._variable(n, start, end)
        if t == "member_access":
            obj = named[0] if named else None
            member = _child(n, "member_name")
            prop = self._member_name(member)
            if prop is None:
                return ir.Index(start, end, n, obj=self.lower(obj), index=self.lower(member))
            return ir.Member(start, end, n, obj=self.lower(obj), prop=prop)
        if t == "element_access":
            obj = named[0] if named else None
            index = named[1] if len(named) > 1 else None
            key = self.lower(index) if index is not None else None
            if isinstance(key, ir.Str):
                return ir.Member(start, end, n, obj=self.lower(obj), prop=key.value)
            return ir.Index(start, end, n, obj=self.lower(obj), index=key)
        if t == "invokation_expression":
            obj = named[0] if named else None
            member = _child(n, "member_name")
            args_node = _child(n, "argument_list")
            args = [self.lower(a) for a in _arguments(args_node)]
            prop = self._member_name(member) or ""
            me = self.span(member)[1] if member is not None else end
            func = ir.Member(start, me, member, obj=self.lower(obj), prop=prop)
            return ir.Call(start, end, n, func=func, args=args)
        if t == "type_literal":
            return ir.Name(start, end, n, name=type_name(self.node_text(n)))
        if t == "cast_expression":
            value = named[-1] if named else None
            return self.lower(value) if value is not None else ir.Unknown(start, end, n, kind=t)
        if t == "hash_literal_expression":
            return self._hashtable(n, start, end)
        if t == "array_literal_expression":
            return ir.Arr(start, end, n, items=[self.lower(c) for c in named])
        if t == "array_expression":
            inner = _last_value(n)
            return ir.Arr(start, end, n, items=[self.lower(inner)] if inner is not None else [])
        if t == "additive_expression" and len(named) == 2:
            op = (
                "+"
                if "+"
                in self.node_text(n)[
                    named[0].end_byte - n.start_byte : named[1].start_byte - n.start_byte
                ]
                else "-"
            )
            return ir.Binary(
                start, end, n, op=op, left=self.lower(named[0]), right=self.lower(named[1])
            )
        if t == "format_expression" and len(named) == 3:
            return self._format(n, named[0], named[2], start, end)
        if t in ("comparison_expression", "logical_expression", "bitwise_expression"):
            return ir.Binary(start, end, n, op="bool")
        if t == "script_block_expression" or t == "script_block":
            return ir.Func(start, end, n)
        if t == "assignment_expression":
            left = named[0] if named else None
            op_node = _child(n, "assignement_operator")
            op = self.node_text(op_node) if op_node is not None else "="
            value = n.child_by_field_name("value")
            return ir.Assign(start, end, n, target=self.lower(left), op=op, value=self.lower(value))
        if t == "command":
            return self._command(n, start, end)
        return ir.Unknown(start, end, n, kind=t)

    def _member_name(self, member: Any) -> str | None:
        if member is None:
            return None
        inner = _unwrap(member)
        if inner is None:
            return None
        if inner.type in ("simple_name", "member_name"):
            return self.node_text(inner)
        value = self.lower(inner)
        return value.value if isinstance(value, ir.Str) else None

    def _variable(self, n: Any, start: int, end: int) -> ir.Node:
        text = self.node_text(n)
        low = text.lower()
        if low in ("$true", "$false"):
            return ir.Const(start, end, n, value=low == "$true")
        if low == "$null":
            return ir.Const(start, end, n, value=None)
        if low == "$this":
            return ir.This(start, end, n)
        if low.startswith("$env:"):
            return ir.Member(
                start, end, n, obj=ir.Name(start, start + 4, None, name="$env"), prop=text[5:]
            )
        if low == "$psscriptroot":
            return ir.Str(start, end, n, value=".")  # paths are taken from the script's folder
        return ir.Name(start, end, n, name=_var_name(text))

    def _template(self, n: Any, start: int, end: int) -> ir.Node:
        text = self.node_text(n)
        here = n.type == "expandable_here_string_literal"
        open_len = 2 if here else 1
        parts: list[str | ir.Node] = []
        pos = n.start_byte + open_len
        end_byte = n.end_byte - open_len
        for c in n.named_children:
            if c.start_byte > pos:
                parts.append(unescape(self._data[pos : c.start_byte].decode("utf-8", "replace")))
            parts.append(self.lower(c))
            pos = c.end_byte
        if end_byte > pos:
            parts.append(unescape(self._data[pos:end_byte].decode("utf-8", "replace")))
        if here:
            if parts and isinstance(parts[0], str):
                parts[0] = re.sub(r"^[ \t]*\r?\n", "", parts[0])
            if parts and isinstance(parts[-1], str):
                parts[-1] = re.sub(r"\r?\n$", "", parts[-1])
        del text
        if all(isinstance(p, str) for p in parts):
            return ir.Str(start, end, n, value="".join(p for p in parts if isinstance(p, str)))
        return ir.Template(start, end, n, parts=parts)

    def _format(self, n: Any, left: Any, right: Any, start: int, end: int) -> ir.Node:
        """`"{0}:{1}" -f $a, $b` -> a template of the format's pieces and the values."""
        fmt = self.lower(left)
        values = self.lower(right)
        items = values.items if isinstance(values, ir.Arr) else [values]
        if not isinstance(fmt, ir.Str):
            return ir.Unknown(start, end, n, kind="format")
        parts: list[str | ir.Node] = []
        pos = 0
        for m in _FORMAT.finditer(fmt.value):
            parts.append(fmt.value[pos : m.start()])
            i = int(m.group(1))
            parts.append(items[i] if i < len(items) else ir.Unknown(start, end, None))
            pos = m.end()
        parts.append(fmt.value[pos:])
        return ir.Template(start, end, n, parts=[p for p in parts if p != ""])

    def _hashtable(self, n: Any, start: int, end: int) -> ir.Obj:
        entries: list[ir.Entry] = []
        body = _child(n, "hash_literal_body")
        for entry in body.named_children if body is not None else []:
            if entry.type != "hash_entry":
                continue
            kids = entry.named_children
            if len(kids) < 2:
                continue
            key = self._key_text(kids[0])
            if key is None:
                continue
            ks, ke = self.span(kids[0])
            entries.append(ir.Entry(key, self.lower(kids[-1]), ks, ke))
        return ir.Obj(start, end, n, entries=entries)

    def _command(self, n: Any, start: int, end: int) -> ir.Node:
        name_node = n.child_by_field_name("command_name")
        invoke = _child(n, "command_invokation_operator")
        args: list[ir.Node] = []
        named: dict[str, ir.Node] = {}
        if invoke is not None and self.node_text(invoke) == ".":
            func: ir.Node = ir.Name(start, start + 1, None, name=".")
            if name_node is not None:
                args.append(self.lower(name_node))
        elif name_node is not None and name_node.type == "command_name":
            func = ir.Name(*self.span(name_node), name_node, name=self.node_text(name_node))
        else:
            func = self.lower(name_node) if name_node is not None else ir.Unknown(start, end, n)
        elements = n.child_by_field_name("command_elements")
        items = (
            [c for c in elements.named_children if c.type != "command_argument_sep"]
            if (elements is not None)
            else []
        )
        i = 0
        while i < len(items):
            c = items[i]
            if c.type == "command_parameter":
                pname = self.node_text(c).lstrip("-").rstrip(":").lower()
                nxt = items[i + 1] if i + 1 < len(items) else None
                colon = self.node_text(c).endswith(":") or (
                    nxt is not None and self._data[c.end_byte : c.end_byte + 1] == b":"
                )
                if (
                    nxt is not None
                    and nxt.type != "command_parameter"
                    and (colon or pname not in _SWITCHES)
                ):
                    named[pname] = self.lower(nxt)
                    i += 2
                    continue
                cs, ce = self.span(c)
                named[pname] = ir.Const(cs, ce, c, value=True)
            elif c.type == "variable" and self.node_text(c).startswith("@"):
                named["@"] = self.lower(c)
            elif c.type == "redirection":
                pass
            else:
                args.append(self.lower(c))
            i += 1
        chain = n.parent
        while chain is not None and chain.type != "pipeline_chain" and chain.type in WRAPPERS:
            chain = chain.parent
        if chain is not None and chain.type == "pipeline_chain":
            elems = chain.named_children
            index = next((k for k, e in enumerate(elems) if _contains(e, n)), 0)
            if index > 0:
                args.insert(0, self.lower(elems[index - 1]))
        return ir.Call(start, end, n, func=func, args=args, named=named)

    # -- navigation ---------------------------------------------------------------------------

    def parent(self, node: ir.Node) -> ir.Node | None:
        ts_node = node.origin
        if ts_node is None:
            return None
        p = ts_node.parent
        while p is not None and (
            p.type
            in (
                "command_elements",
                "hash_literal_body",
                "hash_entry",
                "argument_list",
                "cast_expression",
                "member_name",
            )
            or (
                p.type in WRAPPERS
                and p.type != "script_block_expression"
                and (
                    len(p.named_children) == 1
                    or p.type in ("sub_expression", "parenthesized_expression")
                )
            )
        ):
            if p.type == "pipeline_chain" and len(p.named_children) > 1:
                break
            p = p.parent
        if p is None:
            return None
        if p.type in ("program", "script_block_body", "flow_control_statement", "if_statement"):
            return self._stmt(p)
        if p.type == "script_parameter_default":
            return self._stmt(p)
        return self.lower(p)

    # -- scopes -------------------------------------------------------------------------------

    def functions(self) -> dict[str, Any]:
        if self._funcs is None:
            import tree_sitter as ts

            q = _query("funcs", self.unit.language, "(function_statement (function_name) @n) @f")
            out: dict[str, Any] = {}
            for _, caps in ts.QueryCursor(q).matches(self.root):
                out[self.node_text(caps["n"][0]).lower()] = caps["f"][0]
            self._funcs = out
        return self._funcs

    def includes(self) -> list[str]:
        """Scripts dot-sourced and modules imported by a path in the project."""
        if self._includes is not None:
            return self._includes
        import tree_sitter as ts

        q = _query("cmds", self.unit.language, "(command) @c")
        found: list[str] = []
        for node in ts.QueryCursor(q).captures(self.root).get("c", ()):
            call = self.lower(node)
            if not isinstance(call, ir.Call):
                continue
            name = ir.callee(call).lower()
            target = None
            if name == "." and call.args:
                target = call.args[0]
            elif name == "import-module":
                target = call.named.get("name") or (call.args[0] if call.args else None)
            path = _static(target)
            if path and path.lower().endswith((".ps1", ".psm1")):
                module = include_module(self.rel, path)
                if module and module not in found:
                    found.append(module)
        self._includes = found
        return found

    def _function_of(self, node: Any) -> Any:
        p = node
        while p is not None and p.type != "function_statement" and p.type != "program":
            p = p.parent
        return p

    def _scope(self, node: Any) -> _Scope:
        done = self._scopes.get(node.id)
        if done is not None:
            return done
        start, end = self.span(node)
        scope = _Scope(node, start, end)
        self._scopes[node.id] = scope
        if node.type == "function_statement":
            name = _child(node, "function_name")
            scope.name = self.node_text(name) if name is not None else ""
            for prm in _params(node):
                var = _child(prm, "variable")
                if var is None:
                    continue
                vname = _var_name(self.node_text(var)).lower()
                scope.declared[vname] = "param"
                default = _child(prm, "script_parameter_default")
                scope.params[vname] = _first_named(default) if default is not None else None
            body = _child(node, "script_block")
            self._scan(_statements(body), scope, (start, end))
        else:
            self._scan(_statements(node), scope, (start, end))
        return scope

    def _scan(self, stmts: list[Any], scope: _Scope, branch: tuple[int, int]) -> None:
        for s in stmts:
            self._statement(s, scope, branch)

    def _statement(self, s: Any, scope: _Scope, branch: tuple[int, int]) -> None:
        inner = _unwrap(s)
        if inner is None:
            return
        t = inner.type
        if t == "assignment_expression":
            self._assignment(inner, scope, branch)
        elif t == "flow_control_statement":
            word = self.node_text(inner).split(None, 1)[0].lower()
            value = _first_named(inner)
            if word == "return" and value is not None:
                scope.outputs.append(value)
        elif t == "command":
            call = self.lower(inner)
            if (
                isinstance(call, ir.Call)
                and ir.callee(call).lower() == "write-output"
                and call.args
                and call.args[0].origin is not None
            ):
                scope.outputs.append(call.args[0].origin)
        elif t in ("variable", "member_access") and branch == (scope.start, scope.end):
            scope.outputs.append(inner)
        elif t == "function_statement":
            return
        else:
            sub = self.span(inner) if t in _BRANCHES else branch
            for c in inner.named_children:
                if c.type in ("statement_block", "script_block", "statement_list"):
                    self._scan(_statements(c), scope, sub)
                elif c.type in _BRANCHES or c.type.endswith(("_clause", "_statement")):
                    self._statement(c, scope, self.span(c) if c.type in _BRANCHES else sub)

    def _assignment(self, e: Any, scope: _Scope, branch: tuple[int, int]) -> None:
        named = e.named_children
        target = _unwrap(named[0]) if named else None
        op_node = _child(e, "assignement_operator")
        op = self.node_text(op_node) if op_node is not None else "="
        value = e.child_by_field_name("value")
        if target is None or value is None:
            return
        end = self._char(e.end_byte)
        entry = (end, op if op in ("=", "+=") else "?", value, branch[0], branch[1], None)
        if target.type == "variable":
            raw = self.node_text(target)
            name = _var_name(raw).lower()
            bind_scope = scope
            if raw.lower().startswith(("$script:", "$global:")):
                bind_scope = self._scope(self.root)
            bind_scope.declared.setdefault(name, "let")
            bind_scope.bindings.setdefault(name, []).append(entry)
        elif target.type in ("member_access", "element_access") and op == "=":
            lowered = self.lower(target)
            if isinstance(lowered, ir.Member) and isinstance(lowered.obj, ir.Name):
                name = lowered.obj.name.lower()
                scope.declared.setdefault(name, "let")
                scope.bindings.setdefault(name, []).append(
                    (end, "key:" + lowered.prop, value, branch[0], branch[1], None)
                )

    def _declaring(self, name: str, at: ir.Node) -> tuple[_Scope, bool] | None:
        if at.origin is None:
            return None
        low = name.lower()
        func = self._function_of(at.origin)
        if func is not None and func.type == "function_statement":
            scope = self._scope(func)
            if low in scope.declared or low in scope.bindings:
                return scope, True
            top = self._scope(self.root)
            if low in top.declared:
                return top, False
            return None
        top = self._scope(self.root)
        if low in top.declared:
            return top, True
        return None

    def bindings(self, name: str, at: ir.Node) -> list[ir.Binding] | None:
        found = self._declaring(name, at)
        if found is None:
            return None
        scope, innermost = found
        raw = scope.bindings.get(name.lower())
        if not raw:
            return [] if scope.declared.get(name.lower()) != "param" else None
        out: list[ir.Binding] = []
        for start, op, value, b0, b1, synthetic in raw:
            if innermost and start >= at.start:
                continue
            definite = b0 <= at.start < b1 if innermost else (b0, b1) == (scope.start, scope.end)
            out.append(ir.Binding(name, start, op, value, definite, synthetic))
        return out

    def imported(self, name: str, at: ir.Node) -> ir.Import | None:
        includes = self.includes()
        if includes and self._declaring(name, at) is None:
            return ir.Import(includes[0], name)
        return None

    def param(self, name: str, at: ir.Node) -> tuple[str, ir.Node | None] | None:
        found = self._declaring(name, at)
        if found is None or found[0].declared.get(name.lower()) != "param":
            return None
        scope = found[0]
        default = scope.params.get(name.lower())
        return scope.name, (self.lower(default) if default is not None else None)

    def this_field(self, prop: str, at: ir.Node) -> list[ir.Binding]:
        return []

    def returns(self, func: str, at: ir.Node) -> ir.Node | None:
        target = self.functions().get(func.lower())
        if target is None:
            return None
        outputs = self._scope(target).outputs
        return self.lower(outputs[0]) if len(outputs) == 1 else None

    def uses(self, name: str, after: ir.Node, at: ir.Node | None = None) -> list[ir.Node]:
        import tree_sitter as ts

        where = at if at is not None else after
        found = self._declaring(name, where) if where.origin is not None else None
        if found is None:
            return self._calls_of(name)
        node = found[0].node
        cursor = ts.QueryCursor(_query("vars", self.unit.language, "(variable) @v"))
        begin = after.origin.end_byte if after.origin is not None else 0
        cursor.set_byte_range(max(node.start_byte, begin), node.end_byte)
        low = name.lower()
        out: list[ir.Node] = []
        for var in sorted(cursor.captures(node).get("v", ()), key=lambda v: v.start_byte):
            if _var_name(self.node_text(var)).lower() != low:
                continue
            up = var.parent
            while up is not None and up.type in WRAPPERS and len(up.named_children) == 1:
                up = up.parent
            if up is not None and up.type == "assignment_expression":
                first = _unwrap(up.named_children[0]) if up.named_children else None
                if first == var:
                    continue
            out.append(self.lower(var))
            if len(out) >= 24:
                break
        return out

    def _calls_of(self, name: str) -> list[ir.Node]:
        import tree_sitter as ts

        q = _query("cmdnames", self.unit.language, "(command command_name: (command_name) @n)")
        out: list[ir.Node] = []
        for node in ts.QueryCursor(q).captures(self.root).get("n", ()):
            if self.node_text(node).lower() == name.lower():
                call = self.lower(node.parent)
                if isinstance(call, ir.Call) and call.func is not None:
                    out.append(call.func)
        return out[:24]

    def function_params(self, name: str, at: ir.Node) -> tuple[ir.Node, list[str]] | None:
        """(its parameter list, positional parameter names) of the function `name` of this
        file: what a call passes positionally is followed into its body (one level)."""
        target = self.functions().get(name.lower())
        if target is None:
            return None
        params = _params(target)
        if not params:
            return None
        names = []
        for prm in params:
            var = _child(prm, "variable")
            names.append(_var_name(self.node_text(var)) if var is not None else "")
        return self._stmt(params[0]), names

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
        func = self._function_of(node.origin) if node.origin is not None else None
        if func is None or func.type != "function_statement":
            return ""
        name = _child(func, "function_name")
        return self.node_text(name) if name is not None else ""

    def in_error_branch(self, node: ir.Node) -> bool:
        p = node.origin
        while p is not None and p.type != "function_statement":
            if p.type == "catch_clause":
                return True
            p = p.parent
        return False

    def module_bindings(self) -> _Scope:
        top = self._scope(self.root)
        merged = _Scope(top.node, top.start, top.end)
        merged.bindings = dict(top.bindings)
        return merged


# -- tree helpers ---------------------------------------------------------------------------------


def _var_name(text: str) -> str:
    """`$script:Base` -> `Base`, `${my var}` -> `my var`, `@params` -> `params`."""
    name = text.lstrip("$@").strip("{}")
    if ":" in name:
        scope, rest = name.split(":", 1)
        if scope.lower() in ("script", "global", "local", "private", "using"):
            name = rest
    return name


def _child(node: Any, kind: str) -> Any:
    if node is None:
        return None
    for c in node.named_children:
        if c.type == kind:
            return c
    return None


def _first_named(node: Any) -> Any:
    if node is None:
        return None
    return node.named_children[0] if node.named_children else None


def _unwrap(node: Any) -> Any:
    """The node a chain of one-child wrappers stands for."""
    while node is not None and node.type in WRAPPERS and len(node.named_children) == 1:
        if node.type in ("script_block_expression",):
            break
        node = node.named_children[0]
    return node


def _last_value(node: Any) -> Any:
    """The value of a `$( ... )`, `( ... )` or one-child wrapper: its last statement."""
    kids = node.named_children
    if not kids:
        return None
    last = kids[-1]
    while last is not None and last.type == "statement_list":
        last = last.named_children[-1] if last.named_children else None
    return last


def _statements(body: Any) -> list[Any]:
    if body is None:
        return []
    if body.type in ("script_block", "statement_block"):
        out: list[Any] = []
        for c in body.named_children:
            out.extend(_statements(c))
        return out
    if body.type in ("script_block_body",):
        lst = body.child_by_field_name("statement_list") or _child(body, "statement_list")
        return list(lst.named_children) if lst is not None else []
    if body.type in ("statement_list", "program"):
        out = []
        for c in body.named_children:
            out.extend(c.named_children if c.type == "statement_list" else [c])
        return out
    return []


def _params(func: Any) -> list[Any]:
    """The parameters of a function: `function f($a)` or its body's `param(...)`."""
    out: list[Any] = []
    plist = _child(func, "function_parameter_declaration")
    if plist is not None:
        inner = _child(plist, "parameter_list")
        out.extend(inner.named_children if inner is not None else [])
    body = _child(func, "script_block")
    block = _child(body, "param_block") if body is not None else None
    inner = _child(block, "parameter_list") if block is not None else None
    out.extend(inner.named_children if inner is not None else [])
    return [p for p in out if p.type == "script_parameter"]


def _arguments(args_node: Any) -> list[Any]:
    if args_node is None:
        return []
    lst = args_node.child_by_field_name("argument_expression_list") or _child(
        args_node, "argument_expression_list"
    )
    return list(lst.named_children) if lst is not None else []


def _contains(outer: Any, inner: Any) -> bool:
    return bool(outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte)


def _here_body(text: str) -> str:
    body = text[2:-2]
    body = re.sub(r"^[ \t]*\r?\n", "", body)
    return re.sub(r"\r?\n$", "", body)


def _static(node: ir.Node | None) -> str | None:
    """The text of a path written with literals and `$PSScriptRoot`."""
    if isinstance(node, ir.Str):
        return node.value
    if isinstance(node, ir.Template):
        out = ""
        for p in node.parts:
            if isinstance(p, str):
                out += p
            elif isinstance(p, ir.Str):
                out += p.value
            else:
                return None
        return out
    return None


def include_module(rel: str, path: str) -> str | None:
    """`./lib/Config.ps1` from `Auth/Get-Token.ps1` -> `Auth.lib.Config`."""
    path = path.replace("\\", "/")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    if joined.startswith(".."):
        return None
    for ext in (".ps1", ".psm1"):
        if joined.lower().endswith(ext):
            joined = joined[: -len(ext)]
    return joined.replace("/", ".")
