"""Suppressions applied to a file's comments (the grammar is cxone_lint.api.suppression)."""

from __future__ import annotations

from cxone_lint.api.document import Comment
from cxone_lint.api.suppression import Suppression, parse_comment

__all__ = ["Suppression", "parse_comment", "suppressions_for"]


def suppressions_for(
    comments: list[Comment], spans: dict[int, tuple[int, int]] | None = None
) -> list[Suppression]:
    out: list[Suppression] = []
    for comment in comments:
        sup = parse_comment(comment)
        if sup is None:
            continue
        if spans and not sup.file_level and comment.line in spans:
            sup.first_line, sup.last_line = spans[comment.line]
        out.append(sup)
    return out
