"""Exact start and end positions: config documents (TOML, JSON, YAML, .env) on files with blank
lines, comments and CRLF line ends, and the findings built on them (manifest, config and engine
findings), down to the SARIF region and the GitHub annotation.

Spans are checked as the text they cover, so a test reads as what a reader would see underlined.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxone_lint.api.diagnostics import Position
from cxone_lint.cli.main import main
from cxone_lint.languages.config import (
    Comment,
    Document,
    LineIndex,
    PathKey,
    parse_env,
    parse_json,
    parse_toml,
    parse_yaml,
)


def covered(text: str, start: Position, end: Position) -> str:
    """The text between two positions (end exclusive), on the one line convention."""
    starts = LineIndex(text).starts
    return text[starts[start.line - 1] + start.column - 1 : starts[end.line - 1] + end.column - 1]


def value(doc: Document, text: str, path: PathKey) -> str:
    end = doc.end_position(path)
    assert end is not None, path
    return covered(text, doc.position(path), end)


def entry(doc: Document, text: str, path: PathKey) -> str:
    start = doc.key_position(path)
    end = doc.span_end(start)
    assert end is not None, path
    return covered(text, start, end)


# --- .env: the drift bug (one line up and one column right per blank line above) ----------------

ENV = (
    "# settings\n\nCLIENT_ID=abc\n\n\n# the secret\n\n"
    "SECRET='x y'  # noqa: CX401\nexport  TOKEN = tok \nEMPTY=\nHASH=a#b\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_env_positions_after_blank_lines_and_comments(newline: str) -> None:
    text = ENV.replace("\n", newline)
    doc = parse_env(text)
    assert doc.data == {
        "CLIENT_ID": "abc",
        "SECRET": "x y",
        "TOKEN": "tok",
        "EMPTY": "",
        "HASH": "a#b",
    }
    assert doc.key_position(("CLIENT_ID",)) == Position(3, 1)
    assert doc.position(("CLIENT_ID",)) == Position(3, 11)
    assert doc.key_position(("SECRET",)) == Position(8, 1)
    assert doc.position(("SECRET",)) == Position(8, 8)
    assert doc.key_position(("TOKEN",)) == Position(9, 9)
    assert doc.position(("TOKEN",)) == Position(9, 17)
    assert value(doc, text, ("CLIENT_ID",)) == "abc"
    assert value(doc, text, ("SECRET",)) == "'x y'"
    assert value(doc, text, ("TOKEN",)) == "tok"
    assert value(doc, text, ("HASH",)) == "a#b"
    assert doc.end_position(("EMPTY",)) == doc.position(("EMPTY",)) == Position(10, 7)
    assert entry(doc, text, ("SECRET",)) == "SECRET='x y'"
    assert entry(doc, text, ("TOKEN",)) == "TOKEN = tok"
    assert doc.comments == [
        Comment(1, 1, "# settings"),
        Comment(6, 1, "# the secret"),
        Comment(8, 15, "# noqa: CX401"),
    ]


# --- TOML ---------------------------------------------------------------------------------------

TOML = """# header

[app]

name = "Acme"  # noqa: CX101 -- reason
origins = [
  "https://a.example",  # first

  "https://b.example",
]
inline = { k = "v", n = 2 }
text = \"\"\"
two
lines\"\"\"

[[apps]]
paths = ["svc/"]
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_toml_spans(newline: str) -> None:
    text = TOML.replace("\n", newline)
    doc = parse_toml(text)
    assert doc.position(("app", "name")) == Position(5, 8)
    assert value(doc, text, ("app", "name")) == '"Acme"'
    assert entry(doc, text, ("app", "name")) == 'name = "Acme"'
    assert value(doc, text, ("app", "origins", 1)) == '"https://b.example"'
    assert doc.position(("app", "origins", 1)) == Position(9, 3)
    origins = entry(doc, text, ("app", "origins"))
    assert origins.startswith("origins = [")
    assert origins.endswith('"https://b.example",' + newline + "]")
    assert value(doc, text, ("app", "inline")) == '{ k = "v", n = 2 }'
    assert value(doc, text, ("app", "inline", "n")) == "2"
    assert value(doc, text, ("app", "text")) == f'"""{newline}two{newline}lines"""'
    # A table's span is its header; an array of tables' entry too.
    assert covered(text, doc.position(("app",)), doc.span_end(doc.position(("app",)))) == "[app]"
    assert value(doc, text, ("apps", 0)) == "[[apps]]"
    assert doc.comments[1] == Comment(5, 16, "# noqa: CX101 -- reason")


# --- JSON ---------------------------------------------------------------------------------------

JSON = (
    '{\n\n  "type": "backend",\n  "origins": [\n\n    "https://x"\n  ],\n'
    '  "user": {"name": "svc"}\n}\n'
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_json_spans(newline: str) -> None:
    text = JSON.replace("\n", newline)
    doc = parse_json(text)
    assert doc.position(("type",)) == Position(3, 11)
    assert value(doc, text, ("type",)) == '"backend"'
    assert entry(doc, text, ("type",)) == '"type": "backend"'
    assert doc.position(("origins", 0)) == Position(6, 5)
    assert value(doc, text, ("origins", 0)) == '"https://x"'
    assert value(doc, text, ("user",)) == '{"name": "svc"}'
    assert entry(doc, text, ("user", "name")) == '"name": "svc"'


# --- YAML ---------------------------------------------------------------------------------------

YAML = """# deploy settings

auth:

  # the client
  secret: 'a # b'  # noqa: CX401
  note: |
    two
    lines

  list:
    - x

    - [1, 2]
other: plain text
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_yaml_spans(newline: str) -> None:
    text = YAML.replace("\n", newline)
    doc = parse_yaml(text)
    assert doc.position(("auth", "secret")) == Position(6, 11)
    assert value(doc, text, ("auth", "secret")) == "'a # b'"
    assert entry(doc, text, ("auth", "secret")) == "secret: 'a # b'"
    # A block scalar stops at its last character, not at the next key.
    assert value(doc, text, ("auth", "note")) == f"|{newline}    two{newline}    lines"
    assert value(doc, text, ("auth", "list", 1)) == "[1, 2]"
    assert doc.position(("auth", "list", 1)) == Position(14, 7)
    # A block mapping ends with its last value, not at the next key below it.
    auth = value(doc, text, ("auth",))
    assert auth.startswith("secret: ") and auth.endswith("- [1, 2]")
    assert value(doc, text, ("other",)) == "plain text"
    assert Comment(6, 20, "# noqa: CX401") in doc.comments


# --- findings built on those positions ----------------------------------------------------------


@pytest.fixture
def manifest_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cxone-app.toml").write_bytes(
        b'# draft\r\n\r\n[app]\r\n\r\nname = "Acme"\r\ntype = "backend"\r\n'
        b'tenancy = "single"\r\nbusiness_unit = 0\r\nauth_method = "client_secret_basic"\r\n'
        b'contacts = ["ops@acme.example"]\r\nscope = ["RealTimeDataAPI"]\r\n'
        b'status = "enabled"\r\nlogout = []\r\n'
    )
    (tmp_path / "bad.yaml").write_text("a:\n\n  b: [1,\n")
    (tmp_path / "app.py").write_text("X = 1  # noqa: CX401\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    main(["check", "--isolated", "--no-cache", "-o", "json", *args])
    return json.loads(capsys.readouterr().out)["findings"]


def test_manifest_and_engine_findings_have_real_ends(
    manifest_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    got = {
        f["code"]: (f["location"], f["end_location"])
        for f in findings(capsys, "--select", "CX001,CX006,CX010,CX101,CX401")
    }
    assert got == {
        # bad.yaml: a syntax error underlines the rest of the line the parser stopped on.
        "CX001": ({"line": 4, "column": 1}, {"line": 4, "column": 1}),
        # `logout = []`: the whole entry.
        "CX006": ({"line": 13, "column": 1}, {"line": 13, "column": 12}),
        # `business_unit = 0`: the value.
        "CX101": ({"line": 8, "column": 17}, {"line": 8, "column": 18}),
        # The unused suppression comment, all of it.
        "CX010": ({"line": 1, "column": 8}, {"line": 1, "column": 21}),
    }


def test_syntax_error_spans_the_rest_of_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.toml").write_text('[app]\n\nname = "x"\nname = "y"\n')
    monkeypatch.chdir(tmp_path)
    (finding,) = findings(capsys, "--select", "CX001")
    assert (finding["location"], finding["end_location"]) == (
        {"line": 4, "column": 11},
        {"line": 4, "column": 11},
    )
    (tmp_path / "broken.toml").write_text("[app]\n\nname = 'x\n")
    (finding,) = findings(capsys, "--select", "CX001")
    assert finding["location"]["line"] == 3
    assert finding["end_location"] == {"line": 3, "column": 10}


def test_sarif_region_and_github_annotation_use_the_end(
    manifest_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "--isolated", "--no-cache", "--select", "CX101", "-o", "sarif"])
    sarif = json.loads(capsys.readouterr().out)
    (result,) = sarif["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 8,
        "startColumn": 17,
        "endLine": 8,
        "endColumn": 18,
    }
    main(["check", "--isolated", "--no-cache", "--select", "CX006", "-o", "github"])
    out = capsys.readouterr().out
    assert out.startswith(
        "::warning file=cxone-app.toml,line=13,col=1,endLine=13,endColumn=12,"
        "title=CX006 unknown-manifest-key::"
    )
