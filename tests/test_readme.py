"""The README's rule table is generated from the rules; it must never go stale."""

from __future__ import annotations

from cxone_lint.cli.docs import END, START, render_section
from tests.conftest import REPO


def test_readme_rule_table_is_current() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(START)
    end = text.index(END) + len(END)
    assert text[start:end] == render_section(), "run: python -m cxone_lint.cli.docs README.md"


def test_readme_starts_with_the_two_commands() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = text.split("```")[1]
    assert "cxone-lint check fixtures/" in first_block
    assert "python -m pytest" in first_block
