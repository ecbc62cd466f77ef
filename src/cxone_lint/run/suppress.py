"""Suppressions applied to a file's comments (the grammar is cxone_lint.api.suppression)."""

from __future__ import annotations

from cxone_lint.api.document import Comment
from cxone_lint.api.suppression import Suppression, parse_comment

__all__ = ["Suppression", "parse_comment", "suppressions_for"]


def suppressions_for(
    comments: list[Comment],
    spans: dict[int, tuple[int, int]] | None = None,
    aliases: dict[str, str] | None = None,
) -> list[Suppression]:
    """The suppressions of a file's comments; old codes of renamed rules read as current ones."""
    out: list[Suppression] = []
    for comment in comments:
        sup = parse_comment(comment)
        if sup is None:
            continue
        if aliases:
            sup.renamed = tuple(c for c in sup.codes if c.upper() in aliases)
            sup.codes = tuple(aliases.get(c.upper(), c) for c in sup.codes)
        if spans and not sup.file_level and comment.line in spans:
            sup.first_line, sup.last_line = spans[comment.line]
        out.append(sup)
    return out
