"""The wallboard fixtures, run through the real command line from inside each fixture: a
multi-file back-end service with the mistakes that show only in production (tokens that expire,
its own HTTP surface), and the same service done right, which no rule reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxone_lint.cli.main import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

PRODUCTION = [
    "wallboard/cache.py:21:13: CX803 the cached token expires after a fixed time, not after the "
    "expires_in of the token response: when the token expires first, every call fails with 401 "
    "until the fixed time runs out",
    "wallboard/cxone.py:15:9: CX801 the bearer token is set into `self.headers` once in the "
    "constructor and never renewed, and calls go through it later: every call through it fails "
    "with 401 once that token expires (CXone tokens last expires_in seconds, about an hour)",
    "wallboard/sync.py:13:17: CX802 login() requests a new CXone token each time and keeps none, "
    "and this loop calls it for every item: each one repeats the token request, slows the run "
    "and meets the token service's rate limits",
    "wallboard/web.py:12:1: CX901 CORS allows every origin, and GET /api/agents calls CXone with "
    "the server's token: any web page a user opens can call it from their browser and read the "
    "answer",
    # The route reaches CXone through a method of an object the module imports (CLIENT).
    "wallboard/web.py:15:1: CX905 GET /api/agents calls CXone with the integration's own token "
    "and authenticates no caller: anyone who can reach it acts as the API user",
    "wallboard/web.py:20:1: CX904 GET /api/token returns its CXone access token to whoever calls "
    "it: in a backend app that token acts as its API user, usable by any caller or script until "
    "it expires",
    # The redirect hands the token to the caller's browser in its Location.
    "wallboard/web.py:25:1: CX904 GET /board returns its CXone access token to whoever calls it: "
    "in a backend app that token acts as its API user, usable by any caller or script until it "
    "expires",
    "wallboard/web.py:27:21: CX908 the access_token goes in the URL's query string: servers, "
    "proxies and browser history log URLs, so it can be read there",
    "wallboard/web.py:31:5: CX906 the server listens on every interface (0.0.0.0) and GET "
    "/api/agents uses its CXone token without authenticating the caller: every network this "
    "host is on can reach that token",
]


def check(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.chdir(FIXTURES / name)
    code = main(["check", "--no-cache", *args, "."])
    out, err = capsys.readouterr()
    return code, out, err


def test_production_mistakes_exactly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = check("wallboard-production", monkeypatch, capsys, "--select", "CX8,CX9")
    assert (code, err) == (1, "")
    assert out == "\n".join(PRODUCTION) + "\nFound 9 findings.\n"


def test_production_fixture_under_the_default_rules(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Besides the production mistakes: its token URL (where it is written) and API host are
    # hard-coded.
    code, out, err = check("wallboard-production", monkeypatch, capsys)
    assert (code, err) == (1, "")
    assert [line.split(" ", 2)[:2] for line in out.splitlines()[:-1]] == [
        ["wallboard/auth.py:10:13:", "CX309"],
        ["wallboard/cache.py:21:13:", "CX803"],
        ["wallboard/cxone.py:9:7:", "CX503"],
        ["wallboard/cxone.py:15:9:", "CX801"],
        ["wallboard/sync.py:13:17:", "CX802"],
        ["wallboard/web.py:12:1:", "CX901"],
        ["wallboard/web.py:15:1:", "CX905"],
        ["wallboard/web.py:20:1:", "CX904"],
        ["wallboard/web.py:25:1:", "CX904"],
        ["wallboard/web.py:27:21:", "CX908"],
        ["wallboard/web.py:31:5:", "CX906"],
    ]
    assert out.splitlines()[-1] == "Found 11 findings."


def test_clean_service_has_no_finding_of_any_rule(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # CX7xx (CXexchange review readiness, off by default) judges a listing, which this
    # single-customer service is not.
    args = ("--select", "ALL", "--ignore", "CX7", "--fail-on", "info")
    assert check("wallboard-clean", monkeypatch, capsys, *args) == (
        0,
        "All checks passed (6 files checked).\n",
        "",
    )
