"""Configuration files parsed by real parsers, keeping the position of every key and value.

Rules about a manifest or a config file must point at the exact line of the offending key or
value, but tomllib and json give values only. Each format uses the parser that keeps positions:
tomlkit (TOML, round-trip parser), json-source-map (JSON), PyYAML's composer (YAML) and
python-dotenv's parser (.env). Comments are collected too, so suppressions work in TOML and YAML.

The document types (Document, paths, positions) are in `cxone_lint.api.document`.
"""

from __future__ import annotations

import io
import json
import sys
from typing import Any

from cxone_lint.api.context import FileResult
from cxone_lint.api.diagnostics import Position
from cxone_lint.api.document import Comment, Document, DocumentError, LineIndex, PathKey
from cxone_lint.api.extractor import Extractor
from cxone_lint.languages import PARSE_ERROR, crashed, problem

if sys.version_info >= (3, 11):
    import tomllib as _tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as _tomllib


def parse_document(kind: str, text: str) -> Document:
    parser = _PARSERS.get(kind)
    if parser is None:
        raise DocumentError(f"no parser for file kind {kind!r}")
    return parser(text)


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
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg) if m else msg
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
    import json_source_map

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"invalid JSON: {exc.msg}", LineIndex(text).pos(exc.pos)) from None
    except RecursionError:
        raise DocumentError("invalid JSON: nested too deeply") from None
    doc = Document(kind="json", data=data)
    try:
        entries = json_source_map.calculate(text)
    except Exception:  # positions are a bonus; the data is already valid JSON
        return doc
    index = LineIndex(text)
    for pointer, entry in entries.items():
        path = _pointer_to_path(pointer, data)
        doc.value_positions[path] = index.pos(entry.value_start.position)
        if entry.value_end is not None:
            doc.value_ends[path] = index.pos(entry.value_end.position)
        if entry.key_start is not None:
            doc.key_positions[path] = index.pos(entry.key_start.position)
            doc.key_ends[path] = index.pos(entry.key_end.position)
    return doc


def _pointer_to_path(pointer: str, data: Any) -> PathKey:
    if not pointer:
        return ()
    out: list[str | int] = []
    node = data
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            idx = int(part)
            out.append(idx)
            node = node[idx] if idx < len(node) else None
        else:
            out.append(part)
            node = node.get(part) if isinstance(node, dict) else None
    return tuple(out)


# --- YAML -------------------------------------------------------------------------------------


def parse_yaml(text: str) -> Document:
    import yaml

    index = LineIndex(text)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        pos = index.pos(mark.index) if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DocumentError(f"invalid YAML: {problem}", pos) from None
    except RecursionError:
        raise DocumentError("invalid YAML: nested too deeply") from None
    doc = Document(kind="yaml", data=data)
    if root is not None:
        _yaml_positions(root, (), doc, index, text)
    doc.comments.extend(_yaml_comments(text, index))
    return doc


def _yaml_positions(node: Any, path: PathKey, doc: Document, index: LineIndex, text: str) -> int:
    """Record where every node starts and ends; return the end offset of `node`."""
    import yaml

    # Marks carry a character offset: positions follow our line convention, not PyYAML's
    # (which also breaks lines at U+2028 and NEL).
    doc.value_positions[path] = index.pos(node.start_mark.index)
    end = node.end_mark.index
    if isinstance(node, yaml.MappingNode):
        last = node.start_mark.index
        for key_node, value_node in node.value:
            sub = (*path, str(key_node.value))
            doc.key_positions[sub] = index.pos(key_node.start_mark.index)
            key_end = _yaml_trim(text, key_node.end_mark.index, key_node.start_mark.index)
            doc.key_ends[sub] = index.pos(key_end)
            last = max(key_end, _yaml_positions(value_node, sub, doc, index, text))
        if not node.flow_style:
            end = last  # a block mapping's own end mark is the next token, lines below
    elif isinstance(node, yaml.SequenceNode):
        last = node.start_mark.index
        for i, item in enumerate(node.value):
            last = max(last, _yaml_positions(item, (*path, i), doc, index, text))
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


def _yaml_comments(text: str, index: LineIndex) -> list[Comment]:
    """A YAML comment is a '#' at line start or after whitespace, outside every token.

    PyYAML's scanner does not emit comments but it does give exact spans for every token, so a
    '#' that no token covers is a comment (a '#' inside a quoted scalar is covered by it).
    """
    import bisect

    import yaml

    spans: list[tuple[int, int]] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.end_mark.index > token.start_mark.index:
                spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        return []
    spans.sort()
    starts = [a for a, _ in spans]
    out: list[Comment] = []
    at = text.find("#")
    while at >= 0:
        covered = False
        i = bisect.bisect_right(starts, at) - 1
        # Token spans do not nest deeply; look back a few in case a long one covers `at`.
        for a, b in spans[max(0, i - 3) : i + 1]:
            if a <= at < b:
                covered = True
                break
        if not covered and (at == 0 or text[at - 1] in " \t\r\n"):
            end = len(text)
            for stop in ("\n", "\r"):
                found = text.find(stop, at)
                if 0 <= found < end:
                    end = found
            p = index.pos(at)
            out.append(Comment(p.line, p.column, text[at:end].rstrip()))
            at = text.find("#", end)
            continue
        at = text.find("#", at + 1)
    return out


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


_PARSERS = {"toml": parse_toml, "json": parse_json, "yaml": parse_yaml, "env": parse_env}


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
        result.status, result.reason = "skipped", "does not parse"
        pos = exc.position or Position(1, 1)
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
