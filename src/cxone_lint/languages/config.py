"""Configuration files parsed by real parsers, keeping the position of every key and value.

Rules about a manifest or a config file must point at the exact line of the offending key or
value, but tomllib and json give values only. Each format uses the parser that keeps positions:
tomlkit (TOML, round-trip parser), json plus a linear offset scanner (JSON), PyYAML's composer
(YAML) and python-dotenv's parser (.env); INI files (configparser's format) are read line by
line, leniently: a line configparser would refuse is skipped, never a syntax error, since
`.cfg` and `.ini` files of other tools share the suffixes. Comments are collected too, so
suppressions work in TOML, YAML and INI.

The document types (Document, paths, positions) are in `cxone_lint.api.document`.
"""

from __future__ import annotations

import io
import json
import re
import sys
from typing import Any

from cxone_lint.api.context import FileResult
from cxone_lint.api.diagnostics import Position
from cxone_lint.api.document import Comment, Document, DocumentError, LineIndex, PathKey
from cxone_lint.api.extractor import Extractor
from cxone_lint.languages import PARSE_ERROR, UNREADABLE, crashed, problem

if sys.version_info >= (3, 11):
    import tomllib as _tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as _tomllib


def parse_document(kind: str, text: str) -> Document:
    """Parse `text`; DocumentError for anything a parser raises, whatever its class (an
    invalid YAML date, an integer past Python's digit limit): never a crash."""
    parser = _PARSERS.get(kind)
    if parser is None:
        raise DocumentError(f"no parser for file kind {kind!r}")
    try:
        return parser(text)
    except DocumentError:
        raise
    except RecursionError:
        raise DocumentError(f"invalid {_NAMES[kind]}: nested too deeply") from None
    except MemoryError:
        raise DocumentError(f"{_NAMES[kind]} too large to analyse", unanalysable=True) from None
    except Exception as exc:
        from cxone_lint.api.redact import scrub

        # The first clause says what is wrong ("Exceeds the limit (4300 digits) ..."); the rest
        # is advice for programmers.
        detail = str(exc).splitlines()[0].split(";")[0] if str(exc) else type(exc).__name__
        raise DocumentError(f"invalid {_NAMES[kind]}: {scrub(detail)}") from None


_NAMES = {"toml": "TOML", "json": "JSON", "yaml": "YAML", "env": ".env", "ini": "INI"}


# --- TOML -------------------------------------------------------------------------------------


def parse_toml(text: str) -> Document:
    import re

    import tomlkit

    # tomllib (tomli before 3.11) is the strict TOML 1.0 reference and words its errors best;
    # tomlkit then gives the round-trip tree that positions are read from.
    try:
        _tomllib.loads(text)
    except _tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        pos = Position(int(m.group(1)), max(1, int(m.group(2)))) if m else None
        msg = re.sub(r"(?<!\s)\s*\(at line \d+, column \d+\)", "", msg) if m else msg
        if pos is None and "(at end of document)" in msg:
            # The parser ran out of text: point at the last line, where the reader looks.
            lines = text.splitlines() or [""]
            pos = Position(len(lines), len(lines[-1]) + 1)
        raise DocumentError(f"invalid TOML: {msg}", pos) from None
    except RecursionError:
        raise DocumentError("invalid TOML: nested too deeply") from None
    try:
        tdoc = tomlkit.parse(text)
    except Exception as exc:  # tomlkit is laxer than tomllib; anything here is a tomlkit limit
        raise DocumentError(f"invalid TOML: {exc}") from None
    doc = Document(kind="toml", data=tdoc.unwrap())
    _TomlLocator(text, doc).locate(tdoc)
    return doc


class _TomlLocator:
    """Finds positions by walking tomlkit's body in source order with a cursor into the text.

    tomlkit round-trips the source exactly and keeps items in source order, so each key is the
    next occurrence of its own text after the previous item (comments and trailing comments are
    consumed first, so text inside them cannot be mistaken for a key).
    """

    def __init__(self, text: str, doc: Document) -> None:
        self.text = text
        self.doc = doc
        self.cursor = 0
        self.index = LineIndex(text)

    def pos(self, offset: int) -> Position:
        return self.index.pos(offset)

    def find(self, needle: str) -> int | None:
        if not needle:
            return None
        at = self.text.find(needle, self.cursor)
        if at < 0:
            return None
        self.cursor = at + len(needle)
        return at

    def locate(self, container: Any) -> None:
        self._container(container, ())

    def _container(self, container: Any, path: PathKey) -> None:
        from tomlkit import items

        body = container.body if hasattr(container, "body") else container.value.body
        for key, item in body:
            if key is None:
                if isinstance(item, items.Comment):
                    self._comment(item.as_string())
                else:
                    self.find(item.as_string()) if item.as_string().strip() else None
                continue
            self._item(key, item, path)

    def _comment(self, raw: str) -> None:
        stripped = raw.strip()
        at = self.find(stripped)
        if at is not None and stripped.startswith("#"):
            p = self.pos(at)
            self.doc.comments.append(Comment(p.line, p.column, stripped))

    def _item(self, key: Any, item: Any, path: PathKey) -> None:
        from tomlkit import items

        parts = [k.key for k in key] if key.is_dotted() else [key.key]
        here: PathKey = (*path, *parts)
        if isinstance(item, items.AoT):
            for index, table in enumerate(item.body):
                at = self.find("[[")
                if at is not None:
                    entry: PathKey = (*here, index)
                    self.doc.key_positions[entry] = self.pos(at)
                    self.doc.value_positions[entry] = self.pos(at)
                    close = self.find("]]")
                    if close is not None:
                        self.doc.value_ends[entry] = self.pos(close + 2)
                    self._trailing(table)
                self._container(table.value, (*here, index))
            return
        if isinstance(item, items.Table):
            if not item.is_super_table():
                at = self.find("[")
                if at is not None:
                    self.doc.key_positions[here] = self.pos(at)
                    self.doc.value_positions[here] = self.pos(at)
                    close = self.find("]")
                    if close is not None:
                        self.doc.value_ends[here] = self.pos(close + 1)
                    self._trailing(item)
            self._container(item.value, here)
            return
        # A key = value line (possibly dotted).
        key_text = key.as_string().strip()
        at = self.find(key_text)
        if at is not None:
            self.doc.key_positions[here] = self.pos(at)
            self.doc.key_ends[here] = self.pos(at + len(key_text))
            for i in range(1, len(parts)):
                self.doc.key_positions.setdefault((*path, *parts[:i]), self.pos(at))
        self._value(item, here)
        self._trailing(item)

    def _trailing(self, item: Any) -> None:
        trivia = getattr(item, "trivia", None)
        if trivia is not None and trivia.comment:
            self._comment(trivia.comment)

    def _value(self, item: Any, here: PathKey) -> None:
        from tomlkit import items

        if isinstance(item, items.Array):
            at = self.find("[")
            if at is not None:
                self.doc.value_positions[here] = self.pos(at)
            index = 0
            # tomlkit keeps array entries as groups of (indent, value, comma, comment), in
            # source order; a group without a value is whitespace or a lone comment (whose
            # value is a Null placeholder, not an entry).
            skip = (items.Whitespace, items.Null)
            for group in item._value:
                for part in group:
                    if isinstance(part, items.Comment):
                        self._comment(part.as_string())
                    elif part is group.value and not isinstance(part, skip):
                        self._value(part, (*here, index))
                        index += 1
            close = self.find("]")
            if close is not None and at is not None:
                self.doc.value_ends[here] = self.pos(close + 1)
            return
        if isinstance(item, items.InlineTable):
            at = self.find("{")
            if at is not None:
                self.doc.value_positions[here] = self.pos(at)
            for key, sub in item.value.body:
                if key is None:
                    continue
                self._item(key, sub, here)
            close = self.find("}")
            if close is not None and at is not None:
                self.doc.value_ends[here] = self.pos(close + 1)
            return
        raw = item.as_string()
        at = self.find(raw)
        if at is not None:
            self.doc.value_positions[here] = self.pos(at)
            self.doc.value_ends[here] = self.pos(at + len(raw))


# --- JSON -------------------------------------------------------------------------------------


def parse_json(text: str) -> Document:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"invalid JSON: {exc.msg}", LineIndex(text).pos(exc.pos)) from None
    doc = Document(kind="json", data=data)
    index = LineIndex(text)
    values, ends, keys, objects = _json_offsets(text)
    doc.value_positions = {path: index.pos(at) for path, at in values.items()}
    doc.value_ends = {path: index.pos(at) for path, at in ends.items()}
    doc.key_positions = {path: index.pos(at) for path, at in keys.items()}
    decoder = json.JSONDecoder()
    for path, members in objects:
        names = [name for name, _, _ in members]
        if len(set(names)) == len(names):
            continue
        last = {name: i for i, name in enumerate(names)}
        for i, (name, _, value_at) in enumerate(members):
            if last[name] != i:
                value, _ = decoder.raw_decode(text, value_at)
                doc.shadowed.append(((*path, name), value, index.pos(value_at)))
    return doc


_JSON_WS = re.compile(r"[ \t\n\r]*")
_JSON_SCALAR = re.compile(r"-?[0-9][0-9.eE+-]*|-?Infinity|NaN|true|false|null")


_Offsets = dict[PathKey, int]
_Members = list[tuple[PathKey, list[tuple[str, int, int]]]]


def _json_offsets(text: str) -> tuple[_Offsets, _Offsets, _Offsets, _Members]:
    """Where every value of a *valid* JSON text starts and ends (exclusive) and where every
    key starts, by path, and every object's members in order ((name, key offset, value
    offset), duplicates included).

    One iterative pass over the tokens (keys decoded exactly as json does, with
    json.decoder.scanstring), so nesting depth, key spelling (`/`, `~`, escapes) and size
    cost nothing special; a later duplicate key's value wins, as in `json.loads`.
    """
    from json import decoder

    scanstring = decoder.scanstring  # type: ignore[attr-defined]  # public, untyped in typeshed

    values: dict[PathKey, int] = {}
    ends: dict[PathKey, int] = {}
    keys: dict[PathKey, int] = {}
    objects: list[tuple[PathKey, list[tuple[str, int, int]]]] = []

    def ws(source: str, at: int) -> re.Match[str]:
        match = _JSON_WS.match(source, at)
        assert match is not None  # `*`: always matches
        return match

    stack: list[list[Any]] = []  # [kind, path, members | index]

    def member(frame: list[Any], at: int) -> tuple[PathKey, int]:
        name, end = scanstring(text, at + 1)
        colon = ws(text, end).end()  # the ':' (the text is valid JSON)
        value_at = ws(text, colon + 1).end()
        path = (*frame[1], name)
        keys[path] = at
        frame[2].append((name, at, value_at))
        return path, value_at

    path: PathKey = ()
    i = ws(text, 0).end()
    while True:
        # A value starts at i.
        values[path] = i
        ch = text[i]
        if ch == "{" or ch == "[":
            frame: list[Any] = ["o" if ch == "{" else "a", path, [] if ch == "{" else 0]
            stack.append(frame)
            i = ws(text, i + 1).end()
            if text[i] not in "}]":
                if ch == "{":
                    path, i = member(frame, i)
                else:
                    path = (*path, 0)
                continue
            i += 1
            stack.pop()
            ends[frame[1]] = i
            if ch == "{":
                objects.append((frame[1], frame[2]))
        elif ch == '"':
            _, i = scanstring(text, i + 1)
            ends[path] = i
        else:
            match = _JSON_SCALAR.match(text, i)
            i = match.end() if match else i + 1
            ends[path] = i
        # After a value: a separator, or the end of one or more containers.
        while stack:
            i = ws(text, i).end()
            frame = stack[-1]
            if text[i] == ",":
                i = ws(text, i + 1).end()
                if frame[0] == "o":
                    path, i = member(frame, i)
                else:
                    frame[2] += 1
                    path = (*frame[1], frame[2])
                break
            i += 1  # '}' or ']'
            stack.pop()
            ends[frame[1]] = i
            if frame[0] == "o":
                objects.append((frame[1], frame[2]))
        else:
            return values, ends, keys, objects


# --- YAML -------------------------------------------------------------------------------------


# An alias may be used many times; the tree it stands for is walked each time. Beyond this
# many nodes, and ten times the nodes actually written, the file is an alias bomb
# ("billion laughs": 300 bytes that expand to gigabytes) and is not analysed.
YAML_MAX_EXPANDED = 100_000


def parse_yaml(text: str) -> Document:
    """Every document of the stream (a multi-document file is a list of documents, paths
    starting with the document's index); duplicate keys' hidden values kept in `shadowed`."""
    import yaml

    index = LineIndex(text)
    loader = _recording_loader()(text)
    try:
        roots = []
        while loader.check_node():
            roots.append(loader.get_node())
        _check_expansion(roots)
        datas = [loader.construct_document(root) for root in roots]
        doc = Document(kind="yaml", data=datas[0] if len(datas) == 1 else (datas or None))
        for number, root in enumerate(roots):
            prefix: PathKey = () if len(roots) == 1 else (number,)
            _yaml_positions(root, prefix, doc, index, loader, text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        pos = index.pos(mark.index) if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DocumentError(f"invalid YAML: {problem}", pos) from None
    finally:
        loader.dispose()
    doc.comments.extend(_yaml_comments(text, index, loader.spans))
    return doc


def _recording_loader() -> Any:
    import yaml

    class RecordingLoader(yaml.SafeLoader):
        """SafeLoader that keeps the span of every token it reads (for comments)."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.spans: list[tuple[int, int]] = []

        def get_token(self) -> Any:
            token = super().get_token()
            if token is not None and token.end_mark.index > token.start_mark.index:
                self.spans.append((token.start_mark.index, token.end_mark.index))
            return token

    return RecordingLoader


def _children(node: Any) -> list[Any]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_expansion(roots: list[Any]) -> None:
    """How many nodes the documents stand for once every alias is expanded, computed on the
    node graph (each distinct node once), before anything walks the tree."""
    sizes: dict[int, int] = {}
    distinct = 0
    for root in roots:
        on_path: set[int] = set()
        stack: list[tuple[Any, bool]] = [(root, False)]
        while stack:
            node, done = stack.pop()
            key = id(node)
            if done:
                on_path.discard(key)
                sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
                continue
            if key in sizes:
                continue
            if key in on_path:
                raise DocumentError(
                    "YAML alias refers to itself (a recursive structure); not analysed",
                    unanalysable=True,
                )
            on_path.add(key)
            distinct += 1
            stack.append((node, True))
            stack.extend((c, False) for c in _children(node) if id(c) not in sizes)
    expanded = sum(sizes[id(r)] for r in roots)
    if expanded > YAML_MAX_EXPANDED and expanded > 10 * distinct:
        raise DocumentError(
            f"YAML aliases expand {distinct} nodes to {expanded} (an alias bomb?); not analysed",
            unanalysable=True,
        )


def _yaml_positions(
    node: Any, path: PathKey, doc: Document, index: LineIndex, loader: Any, text: str
) -> int:
    """Record where every node starts and ends; return the end offset of `node`."""
    import yaml

    # Marks carry a character offset: positions follow our line convention, not PyYAML's
    # (which also breaks lines at U+2028 and NEL).
    doc.value_positions[path] = index.pos(node.start_mark.index)
    end = node.end_mark.index
    if isinstance(node, yaml.MappingNode):
        last = node.start_mark.index
        names = [str(key_node.value) for key_node, _ in node.value]
        final = {name: i for i, name in enumerate(names)}
        for i, (key_node, value_node) in enumerate(node.value):
            sub = (*path, names[i])
            if final[names[i]] != i:
                # A later duplicate key wins in `data`; this value is still checked.
                value = loader.construct_document(value_node)
                doc.shadowed.append((sub, value, index.pos(value_node.start_mark.index)))
                last = max(last, _yaml_trim(text, value_node.end_mark.index, last))
                continue
            doc.key_positions[sub] = index.pos(key_node.start_mark.index)
            key_end = _yaml_trim(text, key_node.end_mark.index, key_node.start_mark.index)
            doc.key_ends[sub] = index.pos(key_end)
            last = max(key_end, _yaml_positions(value_node, sub, doc, index, loader, text))
        if not node.flow_style:
            end = last  # a block mapping's own end mark is the next token, lines below
    elif isinstance(node, yaml.SequenceNode):
        last = node.start_mark.index
        for i, item in enumerate(node.value):
            last = max(last, _yaml_positions(item, (*path, i), doc, index, loader, text))
        if not node.flow_style:
            end = last
    end = _yaml_trim(text, end, node.start_mark.index)
    doc.value_ends[path] = index.pos(end)
    return end


def _yaml_trim(text: str, end: int, start: int) -> int:
    """Block scalars (`|`, `>`) end after their line break: a span stops at its last
    character that is not white space (and never before it starts)."""
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return max(end, start)


def _yaml_comments(text: str, index: LineIndex, spans: list[tuple[int, int]]) -> list[Comment]:
    """A YAML comment is a '#' at line start or after whitespace, outside every token.

    PyYAML's scanner does not emit comments but it does give exact spans for every token (the
    loader records them while composing: one scan of the text, not two), so a '#' that no
    token covers is a comment (a '#' inside a quoted scalar is covered by it). One pass: the
    candidates, the token spans and the line starts are all walked in order.
    """
    import bisect

    spans = sorted(spans)
    span_starts = [a for a, _ in spans]
    line_starts = index.starts
    find_line = bisect.bisect_right
    out: list[Comment] = []
    for match in _YAML_HASH.finditer(text):
        found: re.Match[str] | None = match
        while found is not None:
            at = found.start()
            i = find_line(span_starts, at) - 1  # the token that starts last before `at`
            if i < 0 or spans[i][1] <= at:
                break
            # Inside a token (a quoted scalar): a comment may still follow it on this line.
            found = _YAML_HASH.search(text, at + 1, match.end())
        if found is None:
            continue
        at = found.start()
        line = find_line(line_starts, at)
        out.append(Comment(line, at - line_starts[line - 1] + 1, found.group(0).rstrip()))
    return out


# A '#' at the start of a line or after a blank, with the rest of its line (linear).
_YAML_HASH = re.compile(r"(?<![^ \t\r\n])#[^\r\n]*")


# --- .env -------------------------------------------------------------------------------------


def parse_env(text: str) -> Document:
    from dotenv.parser import parse_stream

    data: dict[str, Any] = {}
    doc = Document(kind="env", data=data)
    index = LineIndex(text)
    # python-dotenv hands each binding back with its original text, blank lines and comments
    # before it included, and the line that text starts on (not the key's). The originals
    # concatenate to the file, so offsets into the file give exact positions.
    offset = 0
    for binding in parse_stream(io.StringIO(text)):
        raw = binding.original.string
        base, offset = offset, offset + len(raw)
        if binding.error:
            # Name the key at most: the rest of a broken .env line is usually a secret.
            body = raw.lstrip()
            key = body.split("=", 1)[0].strip().removeprefix("export ").strip()
            what = f" for {key}" if key.isidentifier() else ""
            raise DocumentError(
                f"invalid .env line{what}: not KEY=VALUE, or a quote is not closed",
                Position(index.pos(base + len(raw) - len(body)).line, 1),
            )
        if binding.key is None:
            _env_comments(raw, base, index, doc)
            continue
        data[binding.key] = binding.value
        key_at = _env_key_offset(raw, binding.key)
        key_end = key_at + len(binding.key)
        doc.key_positions[(binding.key,)] = index.pos(base + key_at)
        doc.key_ends[(binding.key,)] = index.pos(base + key_end)
        value_at, value_end, comment_at = _env_value_span(raw, key_end)
        doc.value_positions[(binding.key,)] = index.pos(base + value_at)
        doc.value_ends[(binding.key,)] = index.pos(base + value_end)
        if comment_at is not None:
            line_end = len(raw.rstrip("\r\n"))
            p = index.pos(base + comment_at)
            doc.comments.append(Comment(p.line, p.column, raw[comment_at:line_end].strip()))
    return doc


def _env_key_offset(raw: str, key: str) -> int:
    """Where the key starts in a binding's text: after blank lines, indentation and `export`."""
    at = len(raw) - len(raw.lstrip())
    if raw.startswith("export", at) and raw[at + 6 : at + 7] in (" ", "\t"):
        at = len(raw) - len(raw[at + 6 :].lstrip())
    if raw.startswith(("'", '"'), at):  # a quoted key: 'KEY'=value
        at += 1
    found = raw.find(key, at)
    return found if found >= 0 else at


def _env_value_span(raw: str, key_end: int) -> tuple[int, int, int | None]:
    """(start, end, trailing comment start) of a binding's value, quotes included, with
    python-dotenv's own value patterns; an empty value is an insertion point after `=`."""
    from dotenv import parser

    eq = raw.find("=", key_end)
    if eq < 0:  # `KEY` alone: no value
        return key_end, key_end, None
    at = eq + 1
    while at < len(raw) and raw[at] in " \t":
        at += 1
    patterns = {"'": parser._single_quoted_value, '"': parser._double_quoted_value}
    pattern = patterns.get(raw[at : at + 1])
    if pattern is not None:
        m = pattern.match(raw, at)
        end = m.end() if m else at
    else:
        line_end = len(raw.rstrip("\r\n"))
        value = raw[at:line_end]
        hash_at = next(
            (i for i in range(len(value)) if value[i] == "#" and i and value[i - 1] in " \t"),
            None,
        )
        if hash_at is not None:
            value = value[:hash_at]
        end = at + len(value.rstrip())
    rest = raw[end:]
    stripped = rest.lstrip(" \t")
    comment = end + len(rest) - len(stripped) if stripped.startswith("#") else None
    return at, max(end, at), comment


def _env_comments(raw: str, base: int, index: LineIndex, doc: Document) -> None:
    """Comment lines among the blank lines python-dotenv groups into one binding."""
    at = 0
    for line in raw.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("#"):
            p = index.pos(base + at + line.index("#"))
            doc.comments.append(Comment(p.line, p.column, stripped))
        at += len(line)


# --- INI (configparser) ------------------------------------------------------------------------

_INI_SECTION = re.compile(r"^\[([^\]\r\n]+)\][ \t]*([#;].*)?$")


def _ini_inline_comment(value: str) -> int | None:
    """Where a `#` or `;` after a blank starts a comment in a value, if one does."""
    for i in range(1, len(value)):
        if value[i] in "#;" and value[i - 1] in " \t":
            return i
    return None


def parse_ini(text: str) -> Document:
    """`[section]` then `key = value` (or `key: value`) lines, as configparser reads them:
    `data` is {section: {key: value}}, values are strings (configparser types nothing), an
    indented line continues the value above it, and `#` and `;` comments are kept (one after
    a blank ends the value, as with `inline_comment_prefixes`).
    Keys keep their case (configparser lowercases them; a reader asks in any case)."""
    data: dict[str, Any] = {}
    doc = Document(kind="ini", data=data)
    index = LineIndex(text)
    section: dict[str, Any] | None = None
    section_name = ""
    last: PathKey | None = None
    offset = 0
    for raw in text.splitlines(keepends=True):
        base, offset = offset, offset + len(raw)
        line = raw.rstrip("\r\n")
        body = line.strip()
        indent = len(line) - len(line.lstrip())
        if not body:
            last = None
            continue
        if body[0] in "#;":
            p = index.pos(base + indent)
            doc.comments.append(Comment(p.line, p.column, body))
            continue
        if indent and last is not None and section is not None:
            # A continuation line: part of the value above.
            section[str(last[-1])] += "\n" + body
            doc.value_ends[last] = index.pos(base + len(line.rstrip()))
            continue
        header = _INI_SECTION.match(body)
        if header:
            section_name = header.group(1).strip()
            section = data.setdefault(section_name, {})
            doc.key_positions[(section_name,)] = index.pos(base + indent)
            doc.key_ends[(section_name,)] = index.pos(base + indent + len(body))
            last = None
            continue
        cut = min(
            (i for i in (line.find("=", indent), line.find(":", indent)) if i > 0), default=-1
        )
        key = line[indent:cut].rstrip() if cut > indent else ""
        if not key or section is None:
            last = None  # configparser would refuse it: skipped
            continue
        path: PathKey = (section_name, key)
        value_at = cut + 1
        while value_at < len(line) and line[value_at] in " \t":
            value_at += 1
        value = line[value_at:].rstrip()
        hash_at = _ini_inline_comment(value)
        if hash_at is not None:
            # A trailing comment (a suppression, say) is not part of the value.
            p = index.pos(base + value_at + hash_at)
            doc.comments.append(Comment(p.line, p.column, value[hash_at:]))
            value = value[:hash_at].rstrip()
        section[key] = value
        doc.key_positions[path] = index.pos(base + indent)
        doc.key_ends[path] = index.pos(base + indent + len(key))
        doc.value_positions[path] = index.pos(base + value_at)
        doc.value_ends[path] = index.pos(base + value_at + len(value))
        last = path
    return doc


_PARSERS = {
    "toml": parse_toml,
    "json": parse_json,
    "yaml": parse_yaml,
    "env": parse_env,
    "ini": parse_ini,
}


def decode(data: bytes) -> str:
    return data.decode("utf-8-sig")


def parses(text: str, kind: str) -> bool:
    try:
        parse_document(kind, text)
    except DocumentError:
        return False
    return True


def analyse(result: FileResult, text: str, wanted: list[Extractor], relevant: bool) -> None:
    """Config files are always parsed (it is cheap): a broken one is reported, never skipped."""
    _config(result, text, wanted, result.kind)


def _config(result: FileResult, text: str, wanted: list[Extractor], kind: str) -> None:
    # Config files are always parsed (it is cheap): a broken one is reported, never skipped.
    try:
        doc = parse_document(kind, text)
    except DocumentError as exc:
        pos = exc.position or Position(1, 1)
        if exc.unanalysable:  # valid, but beyond what is analysed (an alias bomb)
            result.status, result.reason = "skipped", "not analysable"
            problem(result, UNREADABLE, exc.message, pos.line, pos.column)
            return
        result.status, result.reason = "skipped", "does not parse"
        problem(result, PARSE_ERROR, exc.message, pos.line, pos.column, text)
        return
    result.comments = doc.comments
    for extractor in wanted:
        try:
            extractor.extract_document(doc)
        except Exception as exc:
            crashed(result, extractor, exc)
            continue
        result.facts[extractor.name] = extractor.facts
