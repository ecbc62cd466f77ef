"""The escaping policy for everything the scanned repository can put in an output.

File names, manifest keys, dict keys, URLs and source lines come from the repository, which may
be hostile: a file named `x\n::error file=README.md::forged.py` would otherwise forge a GitHub
annotation in the job log, `::stop-commands::` would silence every later one, ESC sequences
would repaint the terminal, and `![t](https://attacker.example/t.png)` in a manifest's app name
would make a rendered report fetch an image. Every output escapes for its own target:

- text (concise, full, stderr, TOML comments): `terminal()` writes every control character
  (C0, DEL, C1), line and paragraph separators and bidirectional controls as a visible
  `\\x1b`, `\\n`, `\\u2028` escape, so one finding is one line and nothing is interpreted; a
  displayed path that would start a line with `::` or `##` (workflow-command syntax) gets `./`.
- github: `terminal()`, then the runner's own escapes for data and properties (report/github).
- markdown: `markdown_text()` escapes what makes links and images (brackets), raw HTML and
  autolinks (`<`), code spans and table cells; `markdown_code()` is for text in a code span.
- HTML and XML are escaped by their writers (html.escape and ElementTree), XML 1.0 forbidden
  characters replaced (report/junit).
"""

from __future__ import annotations

import re

# Characters that are shown as escapes in text outputs: every control character, the line and
# paragraph separators some terminals and editors break lines at, and the bidirectional
# controls that make text read differently from what it is ("Trojan source").
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_OTHERS = "\x7f-\x9f\u2028\u2029" + _BIDI
_UNSAFE = re.compile(f"[\x00-\x1f{_OTHERS}]")
_UNSAFE_BUT_BREAKS = re.compile(f"[\x00-\x09\x0b\x0c\x0e-\x1f{_OTHERS}]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Line starts a CI log interprets: GitHub workflow commands (`::error ...::`), Azure Pipelines
# and legacy GitHub logging commands (`##vso[...]`, `##[error]`).
_COMMAND_START = ("::", "##")


def _one(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str, keep_breaks: bool = False) -> str:
    """`text` with every control, separator and bidi character as a visible escape.

    `keep_breaks` leaves CR and LF for a writer that escapes them its own way (github)."""
    pattern = _UNSAFE_BUT_BREAKS if keep_breaks else _UNSAFE
    return pattern.sub(_one, text) if pattern.search(text) else text


def display_path(path: str) -> str:
    """A path for a text output: escaped, and never the start of a workflow command."""
    shown = terminal(path)
    return "./" + shown if shown.startswith(_COMMAND_START) else shown


def line_start_safe(line: str) -> str:
    """A whole output line that must not be read as a CI command."""
    return "./" + line if line.lstrip().startswith(_COMMAND_START) else line


def markdown_text(text: str) -> str:
    """One line of plain text in Markdown: nothing in it can become a link, an image, raw HTML,
    a code span or a table cell. Brackets are what links and images (`[t](u)`, `![t](u)`,
    `[t]: u`) are made of; `<` starts HTML and autolinks."""
    one_line = terminal(" ".join(text.split()))
    out = one_line.replace("\\", "\\\\").replace("|", "\\|").replace("`", "'")
    out = out.replace("[", "\\[").replace("]", "\\]")
    return out.replace("<", "&lt;")


def markdown_code(text: str) -> str:
    """Text inside a `code span`: nothing is interpreted there but the backtick that would end
    it (and `|`, which ends a table cell even inside code)."""
    one_line = terminal(" ".join(text.split()))
    return one_line.replace("`", "'").replace("|", "\\|")
