"""JavaScript and TypeScript source: grammar by extension, `<script>` blocks, comments, positions.

The engine side of the language: it knows syntax, never CXone. One parse per file with
tree-sitter (the grammar chosen by extension: the `typescript` grammar rejects JSX and `tsx`
rejects `<T>x` casts); `.html`, `.vue` and `.svelte` files are parsed in place with
`included_ranges`, so every position stays the file's own.

Positions: tree-sitter counts columns in UTF-8 bytes; everything handed out here is in
characters (`Source.char_offset`, `Source.position`), the convention of every other position
in the tool.

Syntax errors leave ERROR/MISSING nodes and the rest of the tree intact, so a file with an
error is still analysed: the error regions are reported (`Parsed.errors`) and the extractors
see everything else.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from typing import Any

from cxone_lint.api.context import FileResult
from cxone_lint.api.document import Comment
from cxone_lint.api.extractor import Extractor
from cxone_lint.api.suppression import parse_comment
from cxone_lint.languages import PARSE_ERROR, UNREADABLE, crashed, problem

EXTENSIONS: dict[str, str] = {
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
}
# Files whose `<script>` blocks hold JavaScript or TypeScript.
EMBEDDING = (".html", ".htm", ".vue", ".svelte")
SUFFIXES = (*EXTENSIONS, *EMBEDDING)

# Lines averaging more than this many characters: a bundle or minified file.
MINIFIED_LINE_LENGTH = 500
# tree-sitter parses in linear time; a parse that still fails gives no tree (reported).
PARSE_SECONDS = 20.0
# At most this many error regions are reported per file.
MAX_ERRORS = 5


def is_source(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def grammar_for(name: str) -> str | None:
    """The grammar of a file by its name: javascript, typescript, tsx, or None (embedding)."""
    lower = name.lower()
    for ext, grammar in EXTENSIONS.items():
        if lower.endswith(ext):
            return grammar
    return None


def skip_reason(name: str, text: str) -> str | None:
    """Why a JS/TS file is not analysed by default (it is listed with this reason), or None."""
    lower = name.lower().rsplit("/", 1)[-1]
    if lower.endswith((".d.ts", ".d.mts", ".d.cts")):
        return "type declarations (.d.ts): no runtime code"
    if ".min." in lower:
        return "minified (.min. file)"
    if lower.endswith(EMBEDDING):
        return None  # markup: long lines are normal, only its scripts are parsed
    lines = text.count("\n") + 1
    if len(text) > 2000 and len(text) / lines > MINIFIED_LINE_LENGTH:
        return f"minified (lines average {len(text) // lines} characters)"
    return None


@cache
def language(grammar: str) -> Any:
    import tree_sitter as ts

    if grammar == "javascript":
        import tree_sitter_javascript as tsjs

        return ts.Language(tsjs.language())
    import tree_sitter_typescript as tsts

    if grammar == "tsx":
        return ts.Language(tsts.language_tsx())
    return ts.Language(tsts.language_typescript())


def versions() -> dict[str, str]:
    """Parser and grammar versions (part of the cache key: a new grammar may read differently)."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for dist in ("tree-sitter", "tree-sitter-javascript", "tree-sitter-typescript"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "?"
    return out


# -- embedded scripts ---------------------------------------------------------------------------

# `<script type=...>` values that are not code (templates, data).
_NOT_CODE = ("json", "template", "x-tmpl", "text/html", "text/x-", "importmap", "ld+json")


@dataclass(frozen=True)
class Block:
    """One `<script>` body: character offsets in the file and its grammar."""

    start: int
    end: int
    grammar: str


class _ScriptFinder(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                starts.append(i + 1)
        self.line_starts = starts
        self.blocks: list[Block] = []
        self._open: tuple[int, str] | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = {k.lower(): (v or "").lower() for k, v in attrs}
        kind = values.get("type", "")
        if any(word in kind for word in _NOT_CODE):
            return
        lang = values.get("lang", "")
        grammar = {"ts": "typescript", "typescript": "typescript", "tsx": "tsx"}.get(
            lang, "javascript"
        )
        # The body starts after the start tag, whose text HTMLParser keeps.
        tag_text = self.get_starttag_text() or ""
        self._open = (self._offset() + len(tag_text), grammar)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            start, grammar = self._open
            end = self._offset()
            if self.text[start:end].strip():
                self.blocks.append(Block(start, end, grammar))
            self._open = None


def script_blocks(text: str) -> list[Block]:
    """The `<script>` bodies of an HTML, Vue or Svelte file (empty and `src=` ones left out)."""
    finder = _ScriptFinder(text)
    try:
        finder.feed(text)
        finder.close()
    except Exception:  # HTMLParser is lenient; whatever it cannot read has no scripts for us
        return finder.blocks
    return finder.blocks


# -- positions ----------------------------------------------------------------------------------


_LINE_END = re.compile(r"\r\n|\r|\n")


class Source:
    """A file's text and UTF-8 bytes, with byte offset -> character offset -> (line, column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8", "surrogatepass")
        self.ascii = len(self.data) == len(text)
        # One line convention for the whole tool: LF, CRLF or a lone CR end a line.
        if "\r" in text:
            starts = [0, *(m.end() for m in _LINE_END.finditer(text))]
        else:
            starts = [0]
            find, i = text.find, text.find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = find("\n", i + 1)
        self.line_starts = starts
        self._byte_starts: list[int] | None = None

    def char_offset(self, byte: int) -> int:
        if self.ascii:
            return byte
        if self._byte_starts is None:
            starts, text, total = self.line_starts, self.text, 0
            byte_starts = [0]
            for a, b in itertools.pairwise(starts):
                total += len(text[a:b].encode("utf-8", "surrogatepass"))
                byte_starts.append(total)
            self._byte_starts = byte_starts
        line = bisect_right(self._byte_starts, byte) - 1
        prefix = self.data[self._byte_starts[line] : byte]
        return self.line_starts[line] + len(prefix.decode("utf-8", "ignore"))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def byte_offset(self, char: int) -> int:
        if self.ascii:
            return char
        self.char_offset(0)  # builds the per-line byte starts
        assert self._byte_starts is not None
        line = bisect_right(self.line_starts, char) - 1
        prefix = self.text[self.line_starts[line] : char]
        return self._byte_starts[line] + len(prefix.encode("utf-8", "surrogatepass"))


# -- parsing ------------------------------------------------------------------------------------


@dataclass
class Tree:
    """One parsed unit: the whole file, or all `<script>` blocks of one grammar in a markup file."""

    grammar: str
    tree: Any
    language: Any


@dataclass
class Parsed:
    source: Source
    trees: list[Tree]
    errors: list[tuple[int, int]] = field(default_factory=list)  # 1-based (line, column)
    timed_out: bool = False
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def has_error(self) -> bool:
        return bool(self.errors)

    def comments(self) -> list[tuple[int, int, int, str]]:
        return comments(self)


class ParseTimeoutError(Exception):
    pass


def parse(text: str, name: str) -> Parsed:
    """Parse a JS/TS file, or the scripts of a markup file, keeping the file's positions.
    A `tsconfig.json` (JSON with comments and trailing commas) is read as the JavaScript
    expression it is, `(...)`, one character to the right."""
    import tree_sitter as ts

    lower = name.lower().rsplit("/", 1)[-1]
    if lower.endswith(".json"):
        text = "(" + text + "\n)"
        name = name + ".js"
    source = Source(text)
    grammar = grammar_for(name)
    units: list[tuple[str, list[Any] | None]] = []
    if grammar is not None:
        units.append((grammar, None))
    else:
        by_grammar: dict[str, list[Any]] = {}
        for block in script_blocks(text):
            start_b, end_b = source.byte_offset(block.start), source.byte_offset(block.end)
            by_grammar.setdefault(block.grammar, []).append(
                ts.Range(_point(source.data, start_b), _point(source.data, end_b), start_b, end_b)
            )
        units.extend(by_grammar.items())
    parsed = Parsed(source, [])
    for unit_grammar, ranges in units:
        lang = language(unit_grammar)
        parser = ts.Parser(lang) if ranges is None else ts.Parser(lang, included_ranges=ranges)
        # From the bytes, not a read callback: queries read node text for their predicates
        # from the tree's source, and through a callback that costs 10x (measured).
        tree = parser.parse(source.data)
        if tree is None:
            raise ParseTimeoutError(f"the parser gave up after {PARSE_SECONDS:.0f} s")
        parsed.trees.append(Tree(unit_grammar, tree, lang))
        if tree.root_node.has_error:
            parsed.errors.extend(_errors(tree.root_node, source))
    parsed.errors.sort()
    return parsed


def _point(data: bytes, byte: int) -> tuple[int, int]:
    """tree-sitter's (row, byte column): rows end at LF only."""
    return data.count(b"\n", 0, byte), byte - (data.rfind(b"\n", 0, byte) + 1)


def _jsx_ampersand(node: Any, source: Source) -> bool:
    """tree-sitter-typescript 0.23 rejects a bare `&` in JSX text (valid JSX, upstream issue
    366): such an error region is the grammar's, not the file's, and is not reported."""
    parent = node.parent
    return (
        node.is_error
        and parent is not None
        and parent.type in ("jsx_element", "jsx_fragment")
        and source.data[node.start_byte : node.start_byte + 1] == b"&"
    )


def _errors(root: Any, source: Source) -> list[tuple[int, int]]:
    """Where the first error regions start (ERROR nodes and MISSING tokens)."""
    out: list[tuple[int, int]] = []
    stack = [root]
    while stack and len(out) < MAX_ERRORS:
        node = stack.pop()
        if not node.has_error:
            continue
        if node.is_error or node.is_missing:
            if not _jsx_ampersand(node, source):
                out.append(source.position(source.char_offset(node.start_byte)))
            continue
        stack.extend(reversed(node.children))
    return out


# -- comments -----------------------------------------------------------------------------------


def comments(parsed: Parsed) -> list[tuple[int, int, int, str]]:
    """Every comment: (start char offset, line, column, text)."""
    import tree_sitter as ts

    out: list[tuple[int, int, int, str]] = []
    source = parsed.source
    for unit in parsed.trees:
        query = _comment_query(unit.grammar)
        for node in ts.QueryCursor(query).captures(unit.tree.root_node).get("c", ()):
            start = source.char_offset(node.start_byte)
            end = source.char_offset(node.end_byte)
            line, col = source.position(start)
            out.append((start, line, col, source.text[start:end]))
    out.sort()
    return out


@cache
def _comment_query(grammar: str) -> Any:
    import tree_sitter as ts

    return ts.Query(language(grammar), "(comment) @c")


# Statements a trailing suppression comment covers entirely when they span several lines.
_STATEMENTS = frozenset(
    {
        "expression_statement",
        "lexical_declaration",
        "variable_declaration",
        "return_statement",
        "throw_statement",
        "public_field_definition",
        "field_definition",
        "pair",
    }
)
# A statement longer than this is not covered by a comment on one of its lines.
MAX_SPAN_LINES = 30


def statement_span(parsed: Parsed, offset: int) -> tuple[int, int] | None:
    """(first, last) line of the statement a comment at `offset` trails or starts, when that
    statement spans several lines: a suppression there covers the whole statement, as a
    Python logical line does."""
    source = parsed.source
    line, col = source.position(offset)
    if col == 1:
        return None
    byte = source.byte_offset(offset) - 1
    for unit in parsed.trees:
        node = unit.tree.root_node.descendant_for_byte_range(max(0, byte - 1), max(0, byte - 1))
        while node is not None and node.type not in _STATEMENTS:
            node = node.parent
        if node is None:
            continue
        first, last = node.start_point[0] + 1, node.end_point[0] + 1
        if last - first >= MAX_SPAN_LINES or not first <= line <= last or first == last:
            return None
        return first, last
    return None


# -- the language entry (see cxone_lint.languages) -----------------------------------------------

COMPARES_BEFORE = True


def decode(data: bytes) -> str:
    return data.decode("utf-8-sig")


def parses(
    text: str, kind: str = "javascript", before: str | None = None, name: str = "x.tsx"
) -> bool:
    """tree-sitter always gives a tree: a fixed text parses when it has no more error regions
    than the text before the fix."""
    after = len(parse(text, name).errors)
    return after == 0 if before is None else after <= len(parse(before, name).errors)


def _analyse_settings(result: FileResult, text: str, wanted: list[Extractor]) -> None:
    """tsconfig.json/jsconfig.json: parsed, handed to the extractors; errors are the
    compiler's business (a broken file is not reported here)."""
    if not wanted:
        result.status = "not-relevant"
        return
    parsed = parse(text, result.rel)
    for extractor in wanted:
        try:
            extractor.extract_tree(parsed)  # type: ignore[attr-defined]
        except Exception as exc:
            crashed(result, extractor, exc)
            continue
        result.facts[extractor.name] = extractor.facts


def analyse(result: FileResult, text: str, wanted: list[Extractor], relevant: bool) -> None:
    """JS/TS (and the scripts of HTML/Vue/Svelte): one tree-sitter parse shared by every
    extractor. A syntax error leaves the rest of the tree usable, so the file is analysed and
    the error regions are said (LINT002, a warning): findings there may be missing."""
    if result.kind == "jsconfig":
        _analyse_settings(result, text, wanted)
        return
    reason = skip_reason(result.rel, text)
    if reason is not None:
        result.status, result.reason = "skipped", reason
        return
    if not wanted:
        result.status = "not-relevant"
        return
    try:
        parsed = parse(text, result.rel)
    except ParseTimeoutError as exc:
        result.status, result.reason = "skipped", "parser timed out"
        problem(result, PARSE_ERROR, f"syntax error: {exc}")
        return
    extract_parsed(result, text, parsed, statement_span, wanted, relevant)


def extract_parsed(
    result: FileResult,
    text: str,
    parsed: Any,
    span_of: Callable[[Any, int], tuple[int, int] | None],
    wanted: list[Extractor],
    relevant: bool,
) -> None:
    """What every tree-sitter language does with its parse (JS/TS here, PHP and PowerShell in
    treesitter.py): suppression comments with the statement each covers, one LINT002 for the
    regions that did not parse (the rest is analysed), each extractor isolated."""
    if "noqa" in text:
        for offset, line, col, comment in parsed.comments():
            found = Comment(line, col, comment)
            if parse_comment(found) is None:
                continue
            result.comments.append(found)
            span = span_of(parsed, offset)
            if span is not None:
                result.spans[line] = span
    if parsed.errors:
        line, col = parsed.errors[0]
        more = len(parsed.errors) - 1
        if more:
            places = f"{more} more place{'s' if more != 1 else ''}"
            message = (
                f"syntax errors at {line}:{col} and {places}: those regions were not "
                "analysed, the rest of the file was"
            )
        else:
            message = (
                f"syntax error at {line}:{col}: that region was not analysed, the rest of the "
                "file was"
            )
        problem(result, UNREADABLE, message, line, col)
    for extractor in wanted:
        try:
            extractor.extract_tree(parsed)  # type: ignore[attr-defined]
        except RecursionError:
            problem(result, UNREADABLE, "code nested too deeply to analyse; not analysed")
            result.status, result.reason = "skipped", "nested too deeply"
            return
        except Exception as exc:
            crashed(result, extractor, exc)
            continue
        result.facts[extractor.name] = extractor.facts
    if not relevant:
        result.status, result.reason = "not-relevant", ""
        result.diagnostics = [d for d in result.diagnostics if d.code != UNREADABLE]
