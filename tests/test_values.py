"""Static value resolution (rules/cxone_rules/extract/python/values.py)."""

from __future__ import annotations

import libcst as cst
import pytest
from cxone_rules.domain.hosts import UNKNOWN
from cxone_rules.extract.python.values import (
    Resolver,
    Scopes,
    collect_bindings,
    single_return,
)
from cxone_rules.facts.symstr import lit

U = UNKNOWN


def resolve(source: str):
    """Resolve the expression bound to RESULT in `source` (module-level bindings only)."""
    module = cst.parse_module(source)
    scopes = Scopes()
    names, _ = collect_bindings(module.body)
    scopes.module.update(names)
    for stmt in module.body:
        if isinstance(stmt, cst.FunctionDef):
            returned = single_return(stmt)
            if returned is not None:
                scopes.functions[stmt.name.value] = returned
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.ImportFrom) and not isinstance(
                    small.names, cst.ImportStar
                ):
                    mod = "." * len(small.relative) + (
                        cst.Module([]).code_for_node(small.module) if small.module else ""
                    )
                    for alias in small.names:
                        scopes.imports[alias.name.value] = f"{mod}:{alias.name.value}"
    return Resolver(scopes).resolve(names["RESULT"])


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ('RESULT = "https://cxone.niceincontact.com"', "https://cxone.niceincontact.com"),
        ('RESULT = "https://cxone" ".niceincontact.com"', "https://cxone.niceincontact.com"),
        ('A = "https://x.example"\nRESULT = A + "/auth/token"', "https://x.example/auth/token"),
        ('A = "https://x.example"\nRESULT = f"{A}/auth/token"', "https://x.example/auth/token"),
        ('RESULT = f"https://api-{area}.niceincontact.com"', f"https://api-{U}.niceincontact.com"),
        ('RESULT = "%s/auth/token" % "https://a.example"', "https://a.example/auth/token"),
        (
            'RESULT = "{}/auth/{x}".format("https://a.example", x="token")',
            "https://a.example/auth/token",
        ),
        ('RESULT = "{0}/{0}".format(host)', f"{U}/{U}"),
        (
            'from urllib.parse import urljoin\nRESULT = urljoin("https://a.example/v1/", "token")',
            "https://a.example/v1/token",
        ),
        ('RESULT = urljoin(base, "/auth/token")', f"{U}/auth/token"),
        (
            'import os\nRESULT = os.environ.get("ISSUER", "https://cxone.niceincontact.com")',
            "https://cxone.niceincontact.com",
        ),
        (
            'import os\nRESULT = os.getenv("ISSUER", default="https://b.example")',
            "https://b.example",
        ),
        ('import os\nRESULT = os.getenv("ISSUER") or "https://c.example"', "https://c.example"),
        ('RESULT = "https://a.example/".rstrip("/")', "https://a.example/"),
        ('RESULT = str("https://a.example")', "https://a.example"),
        ('D = {"url": "https://a.example"}\nRESULT = D["url"]', "https://a.example"),
        ('D = {"url": "https://a.example"}\nRESULT = D.get("url")', "https://a.example"),
        ('D = dict(url="https://a.example")\nRESULT = D["url"]', "https://a.example"),
        (
            'def base():\n    return "https://a.example"\nRESULT = base() + "/x"',
            "https://a.example/x",
        ),
        ('RESULT = "https://a.example" if flag else "https://b.example"', "https://a.example"),
    ],
)
def test_text(source: str, text: str) -> None:
    assert resolve(source).text == text


def test_unknown_name_is_a_ref() -> None:
    val = resolve("RESULT = TOKEN_URL")
    assert val.text is None and val.refs == ["TOKEN_URL"]


def test_imported_name_ref() -> None:
    val = resolve("from .settings import TOKEN_URL\nRESULT = TOKEN_URL")
    assert val.refs == [".settings:TOKEN_URL"]


def test_env_names_recorded() -> None:
    val = resolve('import os\nRESULT = os.environ["CXONE_TOKEN_URL"]')
    assert val.text is None and val.env == ["CXONE_TOKEN_URL"]
    val = resolve('import os\nRESULT = os.getenv("CXONE_ISSUER", "https://a.example") + "/x"')
    assert val.env == ["CXONE_ISSUER"] and val.text == "https://a.example/x"


def test_discovered_key() -> None:
    val = resolve('RESULT = discovery["token_endpoint"]')
    assert val.text is None and val.keys == ["token_endpoint"]
    val = resolve('RESULT = conf.get("api_endpoint")')
    assert val.keys == ["api_endpoint"]


def test_dict_items() -> None:
    val = resolve('RESULT = {"grant_type": "password", "username": user}')
    assert val.items is not None
    assert val.items["grant_type"].text == "password"
    assert val.items["username"].text is None


def test_facts_keep_only_url_like_text() -> None:
    assert str(resolve('RESULT = "s3cr3t-value"').to_sym()) == "{redacted}"
    assert resolve('RESULT = "https://a.example"').to_sym() == lit("https://a.example")
    assert str(resolve('RESULT = "https://u:pw@a.example/x"').to_sym()) == "https://***@a.example/x"
    defaulted = resolve('import os\nRESULT = os.getenv("KEY", "s3cr3t-value") + CONST')
    assert str(defaulted.to_sym()) == "{{env:KEY} | {unknown:CONST}}"  # no default kept


def test_self_reference_terminates() -> None:
    assert resolve("A = A + B\nRESULT = A").text is None


def test_url_like() -> None:
    from cxone_rules.extract.python.values import is_url_like

    assert is_url_like("https://cxone.niceincontact.com/auth/token")
    assert is_url_like("/auth/token")
    assert is_url_like("/.well-known/cxone-configuration?tenantId=x")
    assert is_url_like("api-na1.niceincontact.com")
    assert not is_url_like("/Zq8vN2rT5wXy7uB1cD4eF6gH9jK3mL0p=")
    assert not is_url_like("/abc+def/ghi")
    assert not is_url_like("/" + "a" * 41)
    assert not is_url_like("plain-secret-value")
    assert not is_url_like("two words")
