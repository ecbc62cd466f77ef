"""Position-aware documents: every key and value keeps its line and column."""

from __future__ import annotations

import pytest

from cxone_lint.api.diagnostics import Position
from cxone_lint.api.document import Comment, DocumentError
from cxone_lint.languages.config import (
    parse_document,
    parse_env,
    parse_json,
    parse_toml,
    parse_yaml,
)

TOML = """# header
[app]
name = "Acme"  # noqa: CX101 -- reason
origins = [
  "https://a.example",  # first
  "https://b.example",
]
inline = { k = "v" }

[[apps]]
paths = ["svc/"]

[api_user]
username = "svc@acme.example"
"""


def test_toml_positions_of_keys_values_and_items() -> None:
    doc = parse_toml(TOML)
    assert doc.get(("app", "name")) == "Acme"
    assert doc.key_position(("app", "name")) == Position(3, 1)
    assert doc.position(("app", "name")) == Position(3, 8)
    assert doc.position(("app", "origins", 0)) == Position(5, 3)
    assert doc.position(("app", "origins", 1)) == Position(6, 3)
    assert doc.position(("app", "inline", "k")) == Position(8, 16)
    assert doc.position(("apps", 0, "paths", 0)) == Position(11, 10)
    assert doc.position(("api_user",)) == Position(13, 1)
    assert doc.position(("api_user", "username")) == Position(14, 12)
    # A missing key falls back to its table.
    assert doc.position(("api_user", "primary_role")) == Position(13, 1)
    assert doc.comments == [
        Comment(1, 1, "# header"),
        Comment(3, 16, "# noqa: CX101 -- reason"),
        Comment(5, 25, "# first"),
    ]


def test_toml_key_text_inside_a_comment_does_not_mislead() -> None:
    doc = parse_toml("a = 1  # b = 2\nb = 3\n")
    assert doc.key_position(("b",)) == Position(2, 1)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [("a = 1\na = 2\n", "invalid TOML: Cannot overwrite a value", 2), ("x = [\n", None, None)],
)
def test_toml_errors(text: str, message: str | None, line: int | None) -> None:
    with pytest.raises(DocumentError) as info:
        parse_toml(text)
    assert info.value.message.startswith("invalid TOML")
    if message:
        assert info.value.message == message
        assert info.value.position is not None and info.value.position.line == line


def test_json_positions_and_errors() -> None:
    doc = parse_json('{\n  "type": "backend",\n  "origins": [\n    "https://x"\n  ]\n}')
    assert doc.position(("type",)) == Position(2, 11)
    assert doc.key_position(("type",)) == Position(2, 3)
    assert doc.position(("origins", 0)) == Position(4, 5)
    with pytest.raises(DocumentError) as info:
        parse_json('{\n  "a": ,\n}')
    assert info.value.message == "invalid JSON: Expecting value"
    assert info.value.position == Position(2, 8)


def test_yaml_positions_and_comments() -> None:
    doc = parse_yaml("auth:\n  secret: 'a # b'  # noqa: CX401\n  list:\n    - x\n")
    assert doc.position(("auth", "secret")) == Position(2, 11)
    assert doc.position(("auth", "list", 0)) == Position(4, 7)
    assert doc.comments == [Comment(2, 20, "# noqa: CX401")]
    with pytest.raises(DocumentError) as info:
        parse_yaml("a: [\n")
    assert info.value.message.startswith("invalid YAML")


def test_env_positions_comments_and_errors() -> None:
    doc = parse_env("# comment\nexport CLIENT_ID=abc\nSECRET='x y' # noqa: CX401\n")
    assert doc.data == {"CLIENT_ID": "abc", "SECRET": "x y"}
    assert doc.key_position(("CLIENT_ID",)) == Position(2, 8)
    assert doc.position(("SECRET",)) == Position(3, 8)
    assert doc.comments == [Comment(1, 1, "# comment"), Comment(3, 14, "# noqa: CX401")]


def test_toml_error_at_end_of_document_points_at_the_last_line() -> None:
    with pytest.raises(DocumentError) as info:
        parse_toml("a = 1\nb = [\n")
    assert info.value.position == Position(2, 6)


def test_ini_documents_keep_sections_keys_values_and_comments() -> None:
    text = (
        "; about\n"
        "[cxone]\n"
        "token_url = https://cxone.niceincontact.com/auth/token  # noqa: CX309\n"
        "scopes: openid\n"
        "  profile\n"
        "no option here\n"
        "[DEFAULT]\n"
        " verify = false\n"
    )
    doc = parse_document("ini", text)
    assert doc.data == {
        "cxone": {
            "token_url": "https://cxone.niceincontact.com/auth/token",
            "scopes": "openid\nprofile",
        },
        "DEFAULT": {"verify": "false"},
    }
    assert doc.value_positions[("cxone", "token_url")] == Position(3, 13)
    assert doc.value_ends[("cxone", "token_url")] == Position(3, 55)
    assert doc.value_ends[("cxone", "scopes")] == Position(5, 10)
    assert doc.key_positions[("DEFAULT", "verify")] == Position(8, 2)
    assert [(c.line, c.column, c.text) for c in doc.comments] == [
        (1, 1, "; about"),
        (3, 57, "# noqa: CX309"),
    ]
    # a key before any section is skipped, as the rest of what configparser refuses
    assert parse_document("ini", "key = value\n").data == {}
