"""The PHP and PowerShell fixture projects give exactly their findings (code, file, line,
column) for the code rules (CX0xx engine checks, CX3xx auth, CX4xx secrets and transport,
CX5xx environments)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cxone_rules.facts.kinds import TokenRequest
from cxone_rules.facts.store import FactStore

from cxone_lint.api.results import RunResult
from cxone_lint.run.registry import load_registry
from cxone_lint.testing import run_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CODES = sorted(c for c in load_registry().rules if c.startswith(("CX0", "CX3", "CX4", "CX5")))

EXPECTED = {
    # Token vending service: a .env in the web root, a pasted client secret, the access key
    # put unencoded in a hand-built form body, TLS off, the token logged. (index.php echoes
    # the token response fetch_token() returns from another file: not seen across files.)
    "php-token-middleware": [
        ("CX409", ".env", 2, 1),
        ("CX309", "lib/config.php", 2, 27),
        ("CX401", "lib/config.php", 4, 29),
        ("CX407", "lib/cxone.php", 10, 9),
        ("CX311", "lib/cxone.php", 17, 13),
        ("CX406", "lib/cxone.php", 23, 5),
    ],
    # Laravel package: a literal default for env('CXONE_CLIENT_SECRET'), withoutVerifying(),
    # the token response logged from a field of the class, legacy hosts as class constants.
    "php-laravel-package": [
        ("CX401", "config/cxone.php", 5, 51),
        ("CX407", "src/CxoneClient.php", 18, 21),
        ("CX406", "src/CxoneClient.php", 31, 9),
        ("CX310", "src/Endpoints.php", 7, 26),
        ("CX503", "src/Endpoints.php", 8, 24),
    ],
    # PowerShell module: script-scope settings dot-sourced, a splatted Invoke-RestMethod with
    # the access key unencoded in its body and SkipCertificateCheck, the certificate callback
    # replaced, a plain-text SecureString, the token written to the verbose stream and the
    # whole token object returned to the pipeline.
    "ps-module": [
        ("CX309", "CxoneAdmin/Private/Settings.ps1", 1, 20),
        ("CX503", "CxoneAdmin/Private/Settings.ps1", 2, 19),
        ("CX405", "CxoneAdmin/Public/Connect-CxoneLab.ps1", 3, 40),
        ("CX407", "CxoneAdmin/Public/Get-CxoneAgent.ps1", 8, 5),
        ("CX407", "CxoneAdmin/Public/Get-CxoneToken.ps1", 26, 9),
        ("CX311", "CxoneAdmin/Public/Get-CxoneToken.ps1", 28, 14),
        ("CX406", "CxoneAdmin/Public/Get-CxoneToken.ps1", 29, 5),
        ("CX406", "CxoneAdmin/Public/Get-CxoneToken.ps1", 30, 5),
    ],
    # The same integrations written right (near-misses only).
    "php-clean": [],
    "php-laravel-clean": [],
    "ps-clean": [],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_php_ps_fixture_findings(name: str) -> None:
    result = run_project(FIXTURES / name, CODES)
    got = sorted((d.code, d.path, d.start.line, d.start.column) for d in result.active)
    assert got == sorted(EXPECTED[name])


def _requests(result: RunResult, rel: str) -> list[TokenRequest]:
    store = FactStore(result.files)
    return store.in_file(rel, TokenRequest)


def test_clean_fixtures_send_their_token_requests() -> None:
    """The clean fixtures are clean because their token requests are right, not unseen."""
    requests = _requests(run_project(FIXTURES / "php-clean", CODES), "src/Cxone.php")
    assert [(r.line, r.lib, r.client_auth, r.body, r.grant_type) for r in requests] == [
        (19, "guzzle", ("basic-auth",), "form", "password")
    ]
    rel = "CxoneReports/Public/Get-CxoneReportToken.ps1"
    requests = _requests(run_project(FIXTURES / "ps-clean", CODES), rel)
    assert [(r.line, r.lib, r.method, r.client_auth, r.body) for r in requests] == [
        (19, "invoke-restmethod", "post", ("basic-auth",), "form")
    ]
