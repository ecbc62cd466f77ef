"""`github` workflow annotations and `junit` XML: exact bytes, escaping, clean runs."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxone_lint.api.diagnostics import Diagnostic, Position, RunStats, Severity
from cxone_lint.api.results import RunResult
from cxone_lint.cli.main import main
from cxone_lint.report import ReportInput
from cxone_lint.report.escape import terminal
from cxone_lint.report.github import annotation, escape_data, escape_property
from cxone_lint.report.github import render as render_github
from cxone_lint.report.junit import render as render_junit
from cxone_lint.run.registry import Registry, load_registry

ENGINE = "CX001,CX002,CX003,CX010,CX011,CX012"


@functools.cache
def registry() -> Registry:
    return load_registry()


def data(*diagnostics: Diagnostic, show_suppressed: bool = False) -> ReportInput:
    result = RunResult(list(diagnostics), [], RunStats(), {})
    return ReportInput(result, registry(), Path("."), show_suppressed=show_suppressed)


def diag(**kw: object) -> Diagnostic:
    base: dict[str, object] = {
        "code": "CX401",
        "message": "hard-coded client secret",
        "path": "app/settings.py",
        "start": Position(3, 5),
        "rule_name": "hard-coded-secret",
        "severity": Severity.ERROR,
    }
    base.update(kw)
    return Diagnostic(**base)  # type: ignore[arg-type]


# -- github ----------------------------------------------------------------------------------------


def test_escaping_follows_the_runner() -> None:
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_data("a:b,c") == "a:b,c"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_annotation_levels_and_range() -> None:
    assert annotation(diag(end=Position(3, 19))) == (
        "::error file=app/settings.py,line=3,col=5,endLine=3,endColumn=19,"
        "title=CX401 hard-coded-secret::hard-coded client secret"
    )
    assert annotation(diag(severity=Severity.WARNING)) == (
        "::warning file=app/settings.py,line=3,col=5,"
        "title=CX401 hard-coded-secret::hard-coded client secret"
    )
    assert annotation(diag(severity=Severity.INFO, rule_name="")) == (
        "::notice file=app/settings.py,line=3,col=5,title=CX401::hard-coded client secret"
    )


def test_annotation_cannot_be_broken_out_of() -> None:
    nasty = diag(
        path="we,ird:dir/100%.py",
        message="line one\n::error::forged\r50% done",
        hint="use os.environ, not a literal",
    )
    assert annotation(nasty) == (
        "::error file=we%2Cird%3Adir/100%25.py,line=3,col=5,title=CX401 hard-coded-secret"
        "::line one%0A::error::forged%0D50%25 done%0Ahelp: use os.environ, not a literal"
    )
    # One physical line: the forged command is data of the first annotation.
    assert "\n" not in annotation(nasty)


def test_render_skips_suppressed_unless_asked() -> None:
    shown = diag()
    hidden = diag(start=Position(9, 1), suppressed="noqa: test fixture")
    assert render_github(data(shown, hidden)) == annotation(shown) + "\n"
    assert render_github(data(shown, hidden, show_suppressed=True)) == (
        annotation(shown) + "\n"
        "::notice file=app/settings.py,line=9,col=1,title=CX401 hard-coded-secret"
        "::hard-coded client secret (suppressed: noqa: test fixture)\n"
    )
    assert render_github(data()) == ""


# -- junit -----------------------------------------------------------------------------------------


def test_junit_exact_and_well_formed() -> None:
    a = diag(hint="read it from the environment")
    b = diag(
        code="CX001",
        rule_name="syntax-error",
        path="conf & <co>.json",
        start=Position(1, 2),
        message='bad "value" <here> & \x01 there',
    )
    text = render_junit(data(a, b, diag(suppressed="baseline")))
    assert text == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="cxone-lint" tests="2" failures="2">\n'
        '  <testsuite name="app/settings.py" tests="1" failures="1" errors="0" skipped="0">\n'
        '    <testcase name="CX401 hard-coded-secret at app/settings.py:3:5"'
        ' classname="app/settings.py" file="app/settings.py" line="3">\n'
        '      <failure message="hard-coded client secret" type="CX401">'
        "app/settings.py:3:5: CX401 [error] hard-coded client secret\n"
        "help: read it from the environment</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        '  <testsuite name="conf &amp; &lt;co&gt;.json" tests="1" failures="1" errors="0"'
        ' skipped="0">\n'
        '    <testcase name="CX001 syntax-error at conf &amp; &lt;co&gt;.json:1:2"'
        ' classname="conf &amp; &lt;co&gt;.json" file="conf &amp; &lt;co&gt;.json" line="1">\n'
        '      <failure message="bad &quot;value&quot; &lt;here&gt; &amp; \ufffd there"'
        ' type="CX001">conf &amp; &lt;co&gt;.json:1:2: CX001 [error] bad "value" &lt;here&gt;'
        " &amp; \ufffd there</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )
    root = ET.fromstring(text.encode("utf-8"))
    (failure,) = root.findall("./testsuite[@name='conf & <co>.json']/testcase/failure")
    assert failure.get("message") == 'bad "value" <here> & \ufffd there'


def test_junit_suppressed_are_skipped_cases_on_request() -> None:
    hidden = diag(suppressed="noqa: rotated already")
    text = render_junit(data(hidden, show_suppressed=True))
    root = ET.fromstring(text)
    assert (root.get("tests"), root.get("failures")) == ("2", "0")
    suite, clean = list(root)
    assert (suite.get("skipped"), suite.get("failures"), clean.get("name")) == (
        "1",
        "0",
        "cxone-lint",
    )
    (skipped,) = suite.iter("skipped")
    assert skipped.get("message") == "hard-coded client secret (suppressed: noqa: rotated already)"
    text = render_junit(data(hidden, diag(), show_suppressed=True))
    root = ET.fromstring(text)
    assert (root.get("tests"), root.get("failures")) == ("2", "1")
    assert [c.get("name") for c in root.iter("testcase")] == [
        "CX401 hard-coded-secret at app/settings.py:3:5",
        "CX401 hard-coded-secret at app/settings.py:3:5",
    ]


def test_junit_clean_run_is_one_passing_case() -> None:
    text = render_junit(data(diag(suppressed="noqa: accepted")))
    root = ET.fromstring(text)
    assert root.get("tests") == "1" and root.get("failures") == "0"
    (case,) = root.iter("testcase")
    assert case.get("name") == "no findings"
    assert list(case) == []


# -- through the command line ---------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "broken.toml").write_text('[app]\nname = "x"\nname = "y"\n')
    (tmp_path / "ok.py").write_text("x = 1  # noqa: CX999\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_github_and_junit_from_the_cli(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check", "--isolated", "--no-cache", "--select", ENGINE]
    assert main([*args, "-o", "github", "-o", "junit:out/junit.xml"]) == 2
    assert "cannot write out/junit.xml" in capsys.readouterr().err
    (project / "out").mkdir()
    assert main([*args, "-o", "github", "-o", "junit:out/junit.xml"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "::error file=broken.toml,line=3,col=11,title=CX001 syntax-error"
        "::invalid TOML: Cannot overwrite a value\n"
        "::warning file=ok.py,line=1,col=8,endLine=1,endColumn=21,"
        "title=CX011 unknown-suppression-code::suppression names unknown rule code CX999\n"
    )
    assert err == ""
    root = ET.parse(project / "out" / "junit.xml").getroot()
    assert [(s.get("name"), s.get("failures")) for s in root] == [
        ("broken.toml", "1"),
        ("ok.py", "1"),
    ]
    (project / "broken.toml").write_text('[app]\nname = "x"\n')
    (project / "ok.py").write_text("x = 1\n")
    assert main([*args, "-o", "github", "-o", "junit:out/junit.xml"]) == 0
    assert capsys.readouterr().out == ""
    root = ET.parse(project / "out" / "junit.xml").getroot()
    assert [c.get("name") for c in root.iter("testcase")] == ["no findings"]


# -- properties ------------------------------------------------------------------------------------


def _unescape(text: str) -> str:
    for code, char in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        text = text.replace(code, char)
    return text


@settings(max_examples=200, deadline=None)
@given(path=st.text(min_size=1), message=st.text())
def test_annotation_round_trips(path: str, message: str) -> None:
    """Whatever the path and message, the annotation is one line the runner splits back into
    exactly what was meant, with control characters other than line breaks (ESC ...) shown as
    visible escapes, since the runner would pass them to the log raw."""
    line = annotation(diag(path=path, message=message))
    assert "\n" not in line and "\r" not in line
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in line)
    head, sep, body = line[2:].partition("::")
    assert sep == "::"
    command, _, props = head.partition(" ")
    assert command == "error"
    pairs = dict(p.split("=", 1) for p in props.split(","))
    assert _unescape(pairs["file"]) == terminal(path, keep_breaks=True)
    assert _unescape(body) == terminal(message, keep_breaks=True)


@settings(max_examples=200, deadline=None)
@given(path=st.text(min_size=1), message=st.text())
def test_junit_always_parses(path: str, message: str) -> None:
    text = render_junit(data(diag(path=path, message=message)))
    root = ET.fromstring(text.encode("utf-8"))
    (failure,) = root.iter("failure")
    # Exactly the message, except characters XML 1.0 cannot hold at all, which become U+FFFD.
    allowed = {"\t", "\n", "\r"}
    expected = "".join(
        c
        if c in allowed or " " <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c > "\uffff"
        else "\ufffd"
        for c in message
    )
    assert failure.get("message") == expected
