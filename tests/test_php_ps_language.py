"""PHP and PowerShell language entries: file kinds, suppressions in each comment syntax (a
trailing one covering a multi-line statement), character columns, syntax errors said where
they are, the grammar's own known error left out."""

from __future__ import annotations

from pathlib import Path

from cxone_rules.facts.kinds import Export, TokenRequest
from cxone_rules.facts.store import FactStore

from cxone_lint.languages import language_for, php, powershell
from cxone_lint.testing import run_project, write_project

FAKE_SECRET = "Z61a7LXyT2nXW5uKcrHfkIw3oOyynsKfqIjsG8f4"


def found(root: Path, select: list[str]) -> list[tuple[str, str, int, int]]:
    result = run_project(root, select)
    return sorted((d.code, d.path, d.start.line, d.start.column) for d in result.active)


def test_file_kinds() -> None:
    names = ("a.php", "v/B.PHTML", "x.ps1", "M.psm1", "M.psd1")
    kinds = {name: language_for(name) for name in names}
    assert {k: v.kind if v else None for k, v in kinds.items()} == {
        "a.php": "php",
        "v/B.PHTML": "php",
        "x.ps1": "powershell",
        "M.psm1": "powershell",
        "M.psd1": "powershell",
    }


def test_php_secret_columns_count_characters_in_html_around_php(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {"page.phtml": f"<p>Ünïcödé</p><?php $client_secret = '{FAKE_SECRET}'; ?>\n"},
    )
    assert found(tmp_path, ["CX401"]) == [("CX401", "page.phtml", 1, 38)]


def test_php_suppressions_in_every_comment_syntax(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "a.php": (
                "<?php\n"
                f"$client_secret = '{FAKE_SECRET}'; # noqa: CX401 -- rotated, kept for the demo\n"
                f"$clientSecret = '{FAKE_SECRET}x'; // noqa: CX401 -- rotated\n"
                f"$client_secret2 = '{FAKE_SECRET}y'; /* noqa: CX401 -- rotated */\n"
                "$options = [\n"
                "    'verify' => false,\n"
                "]; // noqa: CX407 -- lab proxy\n"
                f"$secret3 = '{FAKE_SECRET}z';\n"
            )
        },
    )
    assert found(tmp_path, ["CX401", "CX405", "CX407"]) == [("CX405", "a.php", 8, 12)]


def test_powershell_suppressions_in_line_and_block_comments(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "a.ps1": (
                f"$ClientSecret = '{FAKE_SECRET}' # noqa: CX401 -- rotated\n"
                f"$Secret = '{FAKE_SECRET}x' <# noqa: CX405 -- rotated #>\n"
                "$params = @{\n"
                "    Uri = $u\n"
                "    SkipCertificateCheck = $true\n"
                "} # noqa: CX407 -- lab tenant behind a TLS proxy\n"
                "Invoke-RestMethod @params -SkipCertificateCheck\n"
            )
        },
    )
    assert found(tmp_path, ["CX401", "CX405", "CX407"]) == [("CX407", "a.ps1", 7, 27)]


def test_syntax_error_is_said_and_the_rest_is_analysed(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "a.php": f"<?php\nfunction (\n$client_secret = '{FAKE_SECRET}';\n",
            "b.ps1": f"$x = @{{ a = \n$ClientSecret = '{FAKE_SECRET}'\n",
        },
    )
    result = run_project(tmp_path, ["CX002", "CX401"])
    got = sorted((d.code, d.path, d.start.line, d.start.column) for d in result.active)
    assert got == [
        ("CX002", "a.php", 2, 1),
        ("CX002", "b.ps1", 1, 1),
        ("CX401", "a.php", 3, 18),
        ("CX401", "b.ps1", 2, 17),
    ]


def test_the_powershell_grammars_known_error_is_not_reported() -> None:
    assert powershell.parse("Get-ChildItem -Path $PSScriptRoot\\Public\\*.ps1\n").errors == []
    assert powershell.parse("Get-ChildItem -Path (\n").errors != []


def test_fixed_text_parses_when_it_adds_no_error_region() -> None:
    before = "<?php\n$a = 1;\nfunction (\n"
    assert php.parses("<?php\n$a = getenv('A');\nfunction (\n", before=before)
    assert not php.parses("<?php\n$a = getenv('A';\nfunction (\n", before=before)
    assert powershell.parses("$a = $env:A\n") and not powershell.parses("$a = @{\n")


def test_vendor_folder_is_excluded_and_listed(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "src/a.php": "<?php\n",
            "vendor/guzzlehttp/guzzle/src/Client.php": f"<?php\n$secret = '{FAKE_SECRET}';\n",
        },
    )
    result = run_project(tmp_path, ["CX405"])
    assert result.active == []
    assert result.stats.files_skipped["vendor/"] == "dependencies (vendor/), excluded by default"
    assert "vendor/guzzlehttp/guzzle/src/Client.php" not in result.files


def test_secret_fixes_read_the_environment_in_each_language(tmp_path: Path) -> None:
    """PHP reads `getenv('X')` where a call may stand (not in a constant expression: `const`,
    class constants and property defaults would no longer compile), PowerShell `$env:X`."""
    php_code = (
        "<?php\n"
        f"const CXONE_CLIENT_SECRET = '{FAKE_SECRET}';\n"
        "class Auth {\n"
        f"    private $clientSecret = '{FAKE_SECRET}a';\n"
        "}\n"
        f"$client_secret = '{FAKE_SECRET}b';\n"
        f"$cfg = ['client_secret' => '{FAKE_SECRET}c'];\n"
    )
    write_project(
        tmp_path,
        {
            "a.php": php_code,
            "b.ps1": (
                f"$ClientSecret = '{FAKE_SECRET}'\n"
                f"function Get-T {{ param([string]$ClientSecret = '{FAKE_SECRET}a') }}\n"
            ),
        },
    )
    run_project(tmp_path, ["CX401"], fix=True, unsafe=True)
    assert (tmp_path / "a.php").read_text() == (
        "<?php\n"
        f"const CXONE_CLIENT_SECRET = '{FAKE_SECRET}';\n"
        "class Auth {\n"
        f"    private $clientSecret = '{FAKE_SECRET}a';\n"
        "}\n"
        "$client_secret = getenv('CLIENT_SECRET');\n"
        "$cfg = ['client_secret' => getenv('CLIENT_SECRET')];\n"
    )
    assert (tmp_path / "b.ps1").read_text() == (
        "$ClientSecret = $env:CLIENT_SECRET\n"
        "function Get-T { param([string]$ClientSecret = $env:CLIENT_SECRET) }\n"
    )
    assert found(tmp_path, ["CX401"]) == [("CX401", "a.php", 2, 29), ("CX401", "a.php", 4, 29)]


def test_guzzle_oauth2_grant_types_are_token_requests_to_the_configured_url(
    tmp_path: Path,
) -> None:
    """`new PasswordCredentials($config)` of the Guzzle OAuth2 plugins posts the configuration
    with its grant to `token_url`: client credentials as Basic unless `auth_location` is body,
    JSON when `body_type` says so; the URL is assembled from `config()` pieces the linker
    takes from what `config/cxone.php` returns."""
    write_project(
        tmp_path,
        {
            "config/cxone.php": (
                "<?php\nreturn ['oauth' => [\n"
                "    'domain' => env('CXONE_DOMAIN', 'cxone.niceincontact.com'),\n"
                "    'token_uri' => '/auth/token',\n]];\n"
            ),
            "src/Auth.php": (
                "<?php\n"
                "use Frankkessler\\Guzzle\\Oauth2\\GrantType\\PasswordCredentials;\n"
                "use Frankkessler\\Guzzle\\Oauth2\\GrantType\\AuthorizationCode;\n"
                "$url = 'https://' . config('cxone.oauth.domain')\n"
                "    . config('cxone.oauth.token_uri');\n"
                "$a = new PasswordCredentials(['client_id' => $id, 'username' => $u,\n"
                "    'password' => $p, 'token_url' => $url, 'body_type' => 'json']);\n"
                "$b = new AuthorizationCode(['client_id' => $id, 'client_secret' => $s,\n"
                "    'code' => $c, 'token_url' => $url, 'auth_location' => 'body']);\n"
                "$c = new PasswordCredentials(['client_id' => $id]);\n"
            ),
        },
    )
    store = FactStore(run_project(tmp_path, ["CX310"]).files)
    got = [
        (r.line, r.lib, r.grant_type, r.client_auth, r.body, r.url.render())
        for r in store.in_file("src/Auth.php", TokenRequest)
    ]
    token = "https://cxone.niceincontact.com/auth/token"
    assert got == [
        (6, "guzzle-oauth2", "password", ("basic-auth",), "json", token),
        (8, "guzzle-oauth2", "authorization_code", ("post",), "form", token),
        (10, "guzzle-oauth2", "password", ("basic-auth",), "form", "\ufffc"),
    ]
    exports = {e.name: e.value.text for e in store.in_file("config/cxone.php", Export)}
    assert exports == {
        "return.oauth.domain": "cxone.niceincontact.com",
        "return.oauth.token_uri": "/auth/token",
    }
