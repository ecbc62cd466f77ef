"""Applying fixes: text edits, non-overlapping, verified by re-parsing, written atomically.

Like ruff: apply every applicable fix that does not overlap another, re-lint, repeat until
nothing changes (at most MAX_PASSES). A file whose fixed text no longer parses is left as it
was and reported. Files are written through a temporary file in the same directory and
os.replace, so a crash mid-write leaves the old file; mode bits are kept; line endings are the
file's own: edits are applied to the text exactly as read, and line breaks in inserted text
follow the file's first line ending. The text is encoded back exactly as it was stored (the
PEP 263 codec, a UTF-8 BOM, UTF-16).

What may be rewritten is decided by run/writes.py (fix_target): only the linted file of the
finding itself, inside the root and reached without a symlink, a regular file that its mode
bits do not make read-only (whoever runs the tool) and that has no other hard link. Anything
else is refused and said, never split or written through.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cxone_lint.api.diagnostics import Applicability, Diagnostic, Edit, Fix, Position
from cxone_lint.api.document import LineIndex
from cxone_lint.api.results import RunResult
from cxone_lint.languages import decode_text, parses
from cxone_lint.run import writes
from cxone_lint.run.engine import Engine, RunOptions
from cxone_lint.run.workspace import file_kind

MAX_PASSES = 10


def _offset(index: LineIndex, size: int, pos: Position) -> int:
    """A position to a text offset, on the line convention every position uses (LF, CRLF,
    lone CR: libcst's and documents.LineIndex's), clamped to the line and the text."""
    starts = index.starts
    line = min(max(pos.line, 1), len(starts))
    start = starts[line - 1]
    end = starts[line] if line < len(starts) else size
    return min(start + max(pos.column - 1, 0), end)


def _line_ending(text: str) -> str:
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def apply_edits(text: str, edits: list[Edit]) -> str:
    index = LineIndex(text)
    # Rules write "\n" in inserted text; a CRLF file must stay CRLF (ruff does the same).
    newline = _line_ending(text)

    def content(e: Edit) -> str:
        if newline == "\n":
            return e.content
        return e.content.replace("\r\n", "\n").replace("\n", newline)

    size = len(text)
    spans = sorted(
        (_offset(index, size, e.start), _offset(index, size, e.end), content(e)) for e in edits
    )
    out: list[str] = []
    cursor = 0
    for start, end, replacement in spans:
        out.append(text[cursor:start])
        out.append(replacement)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def _allowed(fix: Fix, unsafe: bool) -> bool:
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def _parses(rel: str, text: str, before: str) -> bool:
    kind = file_kind(rel.rsplit("/", 1)[-1])
    return kind is None or parses(kind, text, before)


def write_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Rewrite a file that run/writes.py allows fixing (see writes.fix_target)."""
    writes.replace_file(path, text.encode(encoding))


def _choose(diagnostics: list[Diagnostic], unsafe: bool) -> dict[str, list[Fix]]:
    """Non-overlapping fixes per file, in position order; a fix touching several files is
    taken only if none of its edits overlaps a chosen one."""
    taken: dict[str, list[tuple[Position, Position]]] = defaultdict(list)
    chosen: dict[str, list[Fix]] = defaultdict(list)
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        if d.suppressed or d.fix is None or not _allowed(d.fix, unsafe):
            continue
        if any(e.path != d.path for e in d.fix.edits):
            # A fix edits the linted file of its own finding and nothing else (a forged or
            # buggy fix naming another path is never applied).
            continue
        overlaps = any(
            not (e.end <= s or e.start >= t) or (e.start == s and e.end == t)
            for e in d.fix.edits
            for s, t in taken[e.path]
        )
        if overlaps:
            continue
        for e in d.fix.edits:
            taken[e.path].append((e.start, e.end))
        for path in {e.path for e in d.fix.edits}:
            chosen[path].append(d.fix)
    return chosen


@dataclass
class FixOutcome:
    result: RunResult  # the run after fixing (what is left)
    applied: int  # findings fixed
    problems: list[str]  # files a fix could not be applied to, and why (project-relative)
    # Project-relative path -> (text before, text after) of every file changed.
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Any]:
        """`result, applied, problems = apply_fixes(...)` keeps working."""
        return iter((self.result, self.applied, self.problems))


def apply_fixes(
    engine: Engine, options: RunOptions, result: RunResult, unsafe: bool, write: bool = True
) -> FixOutcome:
    """Fix, lint again, repeat. With `write=False` (`--diff`) nothing is written: fixed texts
    are linted again from memory (RunOptions.overlay), and `changed` holds what would change."""
    root = engine.settings.root
    applied = 0
    problems: list[str] = []
    refused: set[str] = set()
    originals: dict[str, str] = {}
    overlay: dict[str, str] = dict(options.overlay)
    run_options = replace(options, overlay=overlay) if not write else options
    for _ in range(MAX_PASSES):
        chosen = _choose([d for d in result.active if d.path not in refused], unsafe)
        if not chosen:
            break
        changed = False
        for rel, fixes in sorted(chosen.items()):
            try:
                path = writes.fix_target(root, rel)
            except writes.WriteRefusedError as exc:
                problems.append(f"{rel}: cannot fix: {exc}")
                refused.add(rel)
                continue
            try:
                raw = path.read_bytes()
                stored, encoding = decode_text(raw, file_kind(path.name) or "text")
            except (OSError, UnicodeDecodeError, SyntaxError, LookupError) as exc:
                problems.append(f"{rel}: cannot read for fixing: {exc}")
                refused.add(rel)
                continue
            text = overlay.get(rel, stored)
            edits = [e for f in fixes for e in f.edits if e.path == rel]
            new = apply_edits(text, edits)
            if new == text:
                refused.add(rel)
                continue
            if not _parses(rel, new, text):
                problems.append(f"{rel}: a fix would break the file's syntax; left unchanged")
                refused.add(rel)
                continue
            try:
                # Written back exactly as it was stored: same codec (PEP 263 cookie), same BOM.
                data = encoding.encode(new)
            except UnicodeEncodeError:
                problems.append(
                    f"{rel}: cannot fix: the fix needs characters its encoding "
                    f"({encoding.codec}) cannot hold"
                )
                refused.add(rel)
                continue
            if write:
                try:
                    writes.replace_file(path, data)
                except OSError as exc:
                    problems.append(f"{rel}: cannot write fix: {exc.strerror or exc}")
                    refused.add(rel)
                    continue
            else:
                overlay[rel] = new
            originals.setdefault(rel, text)
            applied += len(fixes)
            changed = True
        if not changed:
            break
        result = engine.run(run_options)
    final = {rel: overlay[rel] if not write else _current(root / rel) for rel in originals}
    return FixOutcome(
        result,
        applied,
        problems,
        {rel: (originals[rel], final[rel]) for rel in sorted(originals)},
    )


def _current(path: Path) -> str:
    try:
        return decode_text(path.read_bytes(), file_kind(path.name) or "text")[0]
    except (OSError, UnicodeDecodeError, SyntaxError, LookupError):
        return ""


def unified_diff(changed: dict[str, tuple[str, str]], shown: Callable[[str], str]) -> str:
    """The changes as one unified diff (`--- a/path`, `+++ b/path`, as git writes them, so
    `git apply` takes it); paths as `shown` gives them. Line ends stay as in the file."""
    import difflib

    out: list[str] = []
    for rel, (before, after) in sorted(changed.items()):
        name = shown(rel)
        lines = difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
        for line in lines:
            out.append(
                line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
            )
    return "".join(out)
