"""PowerShell source (.ps1 scripts, .psm1 modules, .psd1 manifests): one tree-sitter parse.

Comments are `#` and `<# ... #>`; a suppression trailing a pipeline, an assignment or a
hashtable entry that spans several lines covers it whole. Windows PowerShell 5 reads a file
without a BOM in the system code page; modules on the Gallery are UTF-8 (often with a BOM),
which is what is decoded here, UTF-16 BOMs being honoured by the registry first.
"""

from __future__ import annotations

from typing import Any

from cxone_lint.api.context import FileResult
from cxone_lint.api.extractor import Extractor
from cxone_lint.languages import treesitter


def _load() -> Any:
    import tree_sitter_powershell

    return tree_sitter_powershell.language()


def _bareword_path(node: Any, data: bytes) -> bool:
    """tree-sitter-powershell 0.26 rejects a command argument that runs on from a variable
    (`Get-ChildItem -Path $PSScriptRoot\\Public\\*.ps1`, valid PowerShell): that error region is
    the grammar's, not the file's, and is not reported."""
    start = node.start_byte
    return (
        node.is_error
        and start > 0
        and data[start : start + 1] in (b"\\", b"/")
        and not data[start - 1 : start].isspace()
        and b"\n" not in data[start : node.end_byte]
    )


GRAMMAR = treesitter.Grammar(
    "powershell",
    _load,
    frozenset({"pipeline", "assignment_expression", "hash_entry", "flow_control_statement"}),
    _bareword_path,
)
COMPARES_BEFORE = True


def versions() -> dict[str, str]:
    return treesitter.versions("tree-sitter-powershell")


def parse(text: str) -> treesitter.OneTree:
    return treesitter.parse(GRAMMAR, text)


def decode(data: bytes) -> str:
    return data.decode("utf-8-sig")


def parses(text: str, kind: str = "powershell", before: str | None = None) -> bool:
    return treesitter.fewer_errors(GRAMMAR, text, before)


def analyse(result: FileResult, text: str, wanted: list[Extractor], relevant: bool) -> None:
    treesitter.analyse(GRAMMAR, result, text, wanted, relevant)
