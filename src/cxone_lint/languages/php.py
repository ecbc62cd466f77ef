"""PHP source (.php, .phtml): one tree-sitter parse per file, HTML around `<?php` kept in place.

The `php` grammar (not `php_only`) reads a file as PHP does: text outside `<?php ... ?>` is
template output, so every position stays the file's own. Comments are `#`, `//` and `/* */`;
a suppression trailing a statement that spans several lines covers the whole statement.
"""

from __future__ import annotations

from typing import Any

from cxone_lint.api.context import FileResult
from cxone_lint.api.extractor import Extractor
from cxone_lint.languages import treesitter


def _load() -> Any:
    import tree_sitter_php

    return tree_sitter_php.language_php()


GRAMMAR = treesitter.Grammar(
    "php",
    _load,
    frozenset(
        {
            "expression_statement",
            "echo_statement",
            "return_statement",
            "const_declaration",
            "property_declaration",
            "array_element_initializer",
            "unset_statement",
        }
    ),
)
COMPARES_BEFORE = True


def versions() -> dict[str, str]:
    return treesitter.versions("tree-sitter-php")


def parse(text: str) -> treesitter.OneTree:
    return treesitter.parse(GRAMMAR, text)


def decode(data: bytes) -> str:
    return data.decode("utf-8-sig")


def parses(text: str, kind: str = "php", before: str | None = None) -> bool:
    return treesitter.fewer_errors(GRAMMAR, text, before)


def analyse(result: FileResult, text: str, wanted: list[Extractor], relevant: bool) -> None:
    treesitter.analyse(GRAMMAR, result, text, wanted, relevant)
