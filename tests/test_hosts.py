"""CXone host and URL classification (rules/cxone_rules/domain/hosts.py)."""

from __future__ import annotations

import pytest
from cxone_rules.domain.hosts import UNKNOWN, classify_url, is_cxone_host, shown, url_path_kind

# url -> (kind, area, government, environment, path_kind, cluster)
CASES = {
    "https://cxone.niceincontact.com/auth/token": (
        "issuer",
        None,
        False,
        "production",
        "token",
        None,
    ),
    "https://cxone.niceincontact.com/auth/authorize/logout": (
        "issuer",
        None,
        False,
        "production",
        "logout",
        None,
    ),
    "https://cxone-gov.niceincontact.com/.well-known/openid-configuration": (
        "issuer",
        None,
        True,
        "production",
        "discovery",
        None,
    ),
    "https://cxone.dev.niceincontact.com": ("issuer", None, False, "dev", None, None),
    "https://nicecxone-sov1.au/auth/token": ("issuer", None, False, "sovereign-au", "token", None),
    "https://nicecxone-sov1.eu": ("issuer", None, False, "sovereign-eu", None, None),
    "https://api-na1.niceincontact.com/inContactAPI/services/v31.0/agents": (
        "area-api",
        "na1",
        False,
        "production",
        "api",
        None,
    ),
    "https://api-na2.niceincontact.com": ("area-api", "na2", True, "production", None, None),
    "https://api-au1.test.niceincontact.com/x": ("area-api", "au1", False, "test", "api", None),
    "https://eu1.nice-incontact.com/authentication/v1/token/access-key": (
        "userhub",
        "eu1",
        False,
        "production",
        "access-key",
        None,
    ),
    "https://na1.nice-incontact.com/public/user/refresh": (
        "userhub",
        "na1",
        False,
        "production",
        "userhub-refresh",
        None,
    ),
    "https://api.incontact.com/InContactAuthorizationServer/Token": (
        "legacy-central",
        None,
        False,
        "production",
        "legacy-token",
        None,
    ),
    "https://api-c30.incontact.com/inContactAPI/services/v13.0/": (
        "legacy-central",
        None,
        False,
        "production",
        "api",
        "c30",
    ),
    "https://api-b32.nice-incontact.com/incontactapi/services/v31.0/scripts/start": (
        "cluster-api",
        None,
        False,
        "production",
        "api",
        "b32",
    ),
    "https://home-c200.nice-incontact.com": ("ui", None, False, "production", None, "c200"),
    "https://login.incontact.com": ("legacy-login", None, False, "production", None, None),
    "https://sc10.incontact.com/InContactAuthorizationServer/Token": (
        "legacy-central",
        None,
        False,
        "production",
        "legacy-token",
        "sc10",
    ),
    "https://status.incontact.com/api/v2/summary": (
        "other",
        None,
        False,
        "production",
        "api",
        None,
    ),
    "https://www.nicecxone-gov.com/chat": (
        "government-digital",
        None,
        True,
        "production",
        "api",
        None,
    ),
    "https://na1.test.nice-incontact.com/x": ("userhub", "na1", False, "test", "api", None),
    "https://developer.niceincontact.com/API": ("docs", None, False, "production", "api", None),
    "api-eu1.niceincontact.com/services": ("area-api", "eu1", False, "production", "api", None),
    f"https://api-{UNKNOWN}.niceincontact.com/x": (
        "area-api",
        None,
        False,
        "production",
        "api",
        None,
    ),
    f"https://{UNKNOWN}.nice-incontact.com/authentication/v1/token/access-key": (
        "userhub",
        None,
        False,
        "production",
        "access-key",
        None,
    ),
}


@pytest.mark.parametrize("url", sorted(CASES))
def test_classify_url(url: str) -> None:
    info = classify_url(url)
    assert info is not None
    got = (info.kind, info.area, info.government, info.environment, info.path_kind, info.cluster)
    assert got == CASES[url]


@pytest.mark.parametrize(
    "url",
    [
        "https://ast.checkmarx.net/api/projects",
        "https://eu.ast.checkmarx.net/auth/realms/acme/protocol/openid-connect/token",
        "https://iam.checkmarx.net/auth/token",
        "https://evilniceincontact.com/auth/token",
        "https://niceincontact.com.attacker.example/auth/token",
        "https://login.microsoftonline.com/common/oauth2/v2.0/token",
        "see https://cxone.niceincontact.com for details",
        "",
        "/auth/token",
        f"https://{UNKNOWN}/auth/token",
    ],
)
def test_not_cxone(url: str) -> None:
    assert classify_url(url) is None


def test_is_cxone_host() -> None:
    assert is_cxone_host("cxone.niceincontact.com")
    assert is_cxone_host("CXONE.NiceInContact.com:443")
    assert is_cxone_host("api-c14.incontact.com")
    assert is_cxone_host("nicecxone-sov1.au")
    assert not is_cxone_host("ast.checkmarx.net")
    assert not is_cxone_host("cxone.example.com")
    assert not is_cxone_host("myincontact.com")
    assert not is_cxone_host("")


def test_path_kind_with_unknown_host() -> None:
    assert url_path_kind(f"{UNKNOWN}/.well-known/cxone-configuration?tenantId={UNKNOWN}") == (
        "cxone-configuration"
    )
    assert url_path_kind(f"{UNKNOWN}/auth/token") == "token"
    assert url_path_kind(f"{UNKNOWN}{UNKNOWN}") is None
    assert url_path_kind("https://example.com/oauth/token") == "api"


def test_shown() -> None:
    assert shown(f"api-{UNKNOWN}.niceincontact.com") == "api-{...}.niceincontact.com"
