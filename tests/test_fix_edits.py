"""Text edits land where positions say, on the one line convention (LF, CRLF, lone CR)."""

from __future__ import annotations

from cxone_lint.api.diagnostics import Edit, Position
from cxone_lint.run.fix import apply_edits


def test_edits_after_a_unicode_line_separator_land_on_the_right_line() -> None:
    # U+2028 inside a string is not a line break for libcst, SARIF or editors.
    text = 'a = 1\nb = "x\u2028y"\nc = 2\n'
    edit = Edit("f.py", Position(3, 5), Position(3, 6), "3")
    assert apply_edits(text, [edit]) == 'a = 1\nb = "x\u2028y"\nc = 3\n'


def test_inserted_lines_take_the_file_line_ending_and_lone_cr_counts() -> None:
    text = "a = 1\r\nb = 2\rc = 3\r\n"
    edits = [
        Edit("f.py", Position(1, 1), Position(1, 1), "import os\n"),
        Edit("f.py", Position(3, 5), Position(3, 6), "4"),
    ]
    assert apply_edits(text, edits) == "import os\r\na = 1\r\nb = 2\rc = 4\r\n"


def test_positions_past_the_end_are_clamped() -> None:
    text = "x = 1\n"
    edit = Edit("f.py", Position(9, 9), Position(9, 9), "y = 2\n")
    assert apply_edits(text, [edit]) == "x = 1\ny = 2\n"
