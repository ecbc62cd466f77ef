"""Facts of the cxone.http extractor (rules/cxone_rules/extract/python/http.py)."""

from __future__ import annotations

import json
from typing import TypeVar

import libcst as cst
from cxone_rules.extract.common import word_of
from cxone_rules.extract.python.http import CxoneHttpExtractor
from cxone_rules.facts.kinds import (
    AuthorizeRequest,
    DiscoveryCall,
    GrantValue,
    Import,
    JwtDecode,
    JwtEncode,
    RedirectUri,
    TokenRequest,
    UrlUse,
)
from cxone_rules.facts.symstr import lit

from cxone_lint.api.facts import BATCH_KEY, Fact, Span, decode_batch
from cxone_lint.languages.python import run_python_extractors

F = TypeVar("F", bound=Fact)


def stored(source: str, path: str = "app/auth.py") -> dict[str, object]:
    extractor = CxoneHttpExtractor(path, source)
    assert extractor.wants()
    return run_python_extractors(cst.parse_module(source), [extractor])["cxone.http"]


def facts(source: str, kind: type[F], path: str = "app/auth.py") -> list[F]:
    batch = stored(source, path)[BATCH_KEY]
    assert isinstance(batch, dict)
    return [f for f in decode_batch(batch, path) if isinstance(f, kind)]


def requests_of(source: str) -> list[TokenRequest]:
    return facts(source, TokenRequest)


def only_request(source: str) -> TokenRequest:
    found = requests_of(source)
    assert len(found) == 1, found
    return found[0]


HEAD = "import os\n\nimport requests\n\n"


def test_basic_auth_tuple_form_body_discovered() -> None:
    req = only_request(
        HEAD
        + "def token(conf):\n"
        + "    return requests.post(\n"
        + '        conf["token_endpoint"],\n'
        + '        data={"grant_type": "password", "username": u, "password": p},\n'
        + "        auth=(cid, secret),\n"
        + "    )\n"
    )
    assert req.span == Span(6, 12, 10, 6)  # the whole call, to its closing parenthesis
    assert req.endpoint == "discovered"
    assert req.grant == lit("password")
    assert req.client_auth == ("basic-auth",)
    assert req.body == "form"
    assert req.lib == "requests"
    assert str(req.url) == "{key:token_endpoint}"


def test_client_secret_post_and_hand_built_basic_header() -> None:
    req = only_request(
        HEAD + 'r = requests.post(URL, data={"grant_type": "password", "client_secret": s})\n'
    )
    assert req.client_auth == ("post",)
    req = only_request(
        HEAD
        + 'h = {"Authorization": "Basic " + b64}\n'
        + 'r = requests.post(URL, data="grant_type=password", headers=h)\n'
    )
    assert req.client_auth == ("basic-header",)
    assert req.body == "string"


def test_hand_built_body_encoding() -> None:
    raw = only_request(
        HEAD + 'body = f"grant_type=password&username={kid}&password={ksec}"\n'
        "r = requests.post(URL, data=body, auth=(a, b))\n"
    )
    assert raw.access_key_encoding == "raw"
    encoded = only_request(
        "from urllib.parse import quote\n"
        + HEAD
        + 'body = "grant_type=password&username={}&password={}".format(quote(kid), quote(ks))\n'
        "r = requests.post(URL, data=body, auth=(a, b))\n"
    )
    assert encoded.access_key_encoding == "encoded"
    partly = only_request(
        "from urllib.parse import quote\n"
        + HEAD
        + 'body = "grant_type=password&username=" + quote(kid) + "&password=" + ks\n'
        "r = requests.post(URL, data=body, auth=(a, b))\n"
    )
    assert partly.access_key_encoding == "raw"


def test_json_body_and_keyword_position() -> None:
    req = only_request(
        HEAD + 'r = requests.post(URL, json={"grant_type": "password"}, auth=(a, b))\n'
    )
    assert req.body == "json"
    assert req.body_keyword == Span(5, 24, 5, 28)


def test_requests_oauthlib_default_is_basic() -> None:
    source = (
        "from oauthlib.oauth2 import LegacyApplicationClient\n"
        "from requests_oauthlib import OAuth2Session\n\n"
        "s = OAuth2Session(client=LegacyApplicationClient(client_id=cid))\n"
        "t = s.fetch_token(token_url=url, username=u, password=p, client_secret=cs)\n"
        "t2 = s.fetch_token(token_url=url, username=u, password=p, client_id=cid,\n"
        "                   client_secret=cs, include_client_id=True)\n"
    )
    reqs = requests_of(source)
    assert [(r.line, r.lib, r.grant_type, r.client_auth) for r in reqs] == [
        (5, "requests-oauthlib", "password", ("basic-library-default",)),
        (6, "requests-oauthlib", "password", ("post",)),
    ]


def test_authlib_grant_guess_and_auth_method() -> None:
    source = (
        "from authlib.integrations.requests_client import OAuth2Session\n\n"
        "s = OAuth2Session(cid, cs, token_endpoint_auth_method='client_secret_post')\n"
        "a = s.fetch_token(url)\n"
        "b = s.fetch_token(url, username=u, password=p)\n"
        "c = s.fetch_token(url, grant_type='password', username=u, password=p)\n"
    )
    reqs = requests_of(source)
    assert [(r.grant_type, r.client_auth) for r in reqs] == [
        ("client_credentials", ("post",)),
        ("password", ("post",)),
        ("password", ("post",)),
    ]


def test_httpx_aiohttp_urllib() -> None:
    source = (
        "import aiohttp\nimport httpx\nimport urllib.request\n"
        "from urllib.parse import urlencode\n\n"
        "TOKEN = 'https://cxone.niceincontact.com/auth/token'\n"
        "async def a(session):\n"
        "    async with session.post(TOKEN, data={'grant_type': 'password'},\n"
        "                            auth=aiohttp.BasicAuth(i, s)) as r:\n"
        "        return await r.json()\n"
        "def b():\n"
        "    return httpx.post(TOKEN, data={'grant_type': 'password'},\n"
        "                      auth=httpx.BasicAuth(i, s))\n"
        "def c():\n"
        "    body = urlencode({'grant_type': 'password', 'username': u}).encode()\n"
        "    return urllib.request.Request(TOKEN, data=body)\n"
    )
    reqs = requests_of(source)
    assert [(r.line, r.endpoint, r.client_auth) for r in reqs] == [
        (8, "token", ("basic-auth",)),
        (12, "token", ("basic-auth",)),
        (16, "token", ("none",)),
    ]


def test_legacy_and_access_key_endpoints() -> None:
    source = HEAD + (
        "a = requests.post('https://api.incontact.com/InContactAuthorizationServer/Token',\n"
        "                  json={'grant_type': 'password'},\n"
        "                  headers={'Authorization': 'basic ' + k})\n"
        "b = requests.post(f'https://{area}.nice-incontact.com/authentication/v1/token/access-key',\n"
        "                  json={'accessKeyId': i, 'accessKeySecret': s})\n"
    )
    reqs = requests_of(source)
    assert [(r.endpoint, r.body, r.access_key_json) for r in reqs] == [
        ("legacy-token", "json", False),
        ("access-key", "json", True),
    ]
    assert str(reqs[1].url) == (
        "https://{unknown:area}.nice-incontact.com/authentication/v1/token/access-key"
    )


def test_grants_authorize_and_redirects() -> None:
    source = (
        "from urllib.parse import urlencode\n\n"
        "REDIRECT = 'https://app.acme.example/callback'\n"
        "params = {'response_type': 'code', 'redirect_uri': REDIRECT,\n"
        "          'code_challenge': c, 'code_challenge_method': 'S256'}\n"
        "token = {'grant_type': 'client_credentials'}\n"
        "url = 'https://cxone.niceincontact.com/auth/authorize?' + urlencode(params)\n"
    )
    assert [(g.span, g.value) for g in facts(source, GrantValue)] == [
        (Span(6, 24, 6, 44), lit("client_credentials"))
    ]
    assert [
        (a.span, a.response_type, a.code_challenge, a.challenge_method)
        for a in facts(source, AuthorizeRequest)
    ] == [(Span(4, 10, 5, 64), lit("code"), True, lit("S256"))]
    assert [(r.span, r.value) for r in facts(source, RedirectUri)] == [
        (Span(4, 52, 4, 60), lit("https://app.acme.example/callback"))
    ]
    urls = facts(source, UrlUse)
    assert [(u.span, u.info and u.info.path_kind) for u in urls] == [
        (Span(7, 7, 7, 56), "authorize")
    ]


def test_client_assertion_claims() -> None:
    source = (
        "import time, uuid\nimport jwt\n\n"
        "def assertion(client_id, secret, token_endpoint):\n"
        "    claims = {'iss': client_id, 'sub': client_id, 'aud': token_endpoint,\n"
        "              'jti': str(uuid.uuid4()), 'exp': int(time.time()) + 5 * 60}\n"
        "    return jwt.encode(claims, secret, algorithm='HS256')\n"
        "body = {'client_assertion': a}\n"
    )
    (enc,) = facts(source, JwtEncode)
    assert enc == JwtEncode(
        line=7,
        column=12,
        end_line=7,
        end_column=57,
        file="app/auth.py",
        language="python",
        alg=lit("HS256"),
        claims=("aud", "exp", "iss", "jti", "sub"),
        iss_sub_same=True,
        iss_is_client_id=True,
        audience="token-endpoint",
        lifetime_seconds=300,
        key="client-secret",
    )


def test_jwt_decode_unverified() -> None:
    source = (
        "import jwt\n"
        "a = jwt.decode(t, options={'verify_signature': False})\n"
        "b = jwt.decode(t, key, algorithms=['RS256'], audience=cid)\n"
    )
    assert [d.span for d in facts(source, JwtDecode)] == [Span(2, 5, 2, 55)]


def test_config_call_with_bearer_from_helper() -> None:
    source = HEAD + (
        "def headers():\n"
        "    return {'Authorization': f'Bearer {tok}'}\n"
        "c = requests.get(f'{ISSUER}/.well-known/cxone-configuration?tenantId={t}',\n"
        "                 headers=headers())\n"
        "d = requests.get(f'{ISSUER}/.well-known/cxone-configuration',\n"
        "                 headers={'Authorization': x})\n"
    )
    calls = facts(source, DiscoveryCall)
    assert [(c.line, c.sends_authorization, c.authorization_removal) for c in calls] == [
        (7, True, None),
        (9, True, Span(9, 61, 10, 46)),  # `, headers={...}`: what the fix removes
    ]


def test_mocks_and_other_hosts_are_not_cxone_requests() -> None:
    source = HEAD + (
        "def test(requests_mock):\n"
        "    requests_mock.post('https://cxone.niceincontact.com/auth/token', json={})\n"
        "z = requests.post(f'https://{sub}.zendesk.com/oauth/tokens',\n"
        "                  data={'grant_type': 'client_credentials'})\n"
    )
    assert [(r.line, r.target) for r in requests_of(source)] == [(7, "other")]


def test_no_secret_values_in_facts() -> None:
    secret = "Zq8vN2rT5wXy7uB1cD4eF6gH9jK3mL0p="
    source = HEAD + (
        f"CLIENT_SECRET = '{secret}'\n"
        f"ACCESS_KEY_SECRET = os.getenv('KEY', '{secret}')\n"
        "body = {'grant_type': 'password', 'username': 'svc', 'password': ACCESS_KEY_SECRET,\n"
        "        'client_id': 'abc', 'client_secret': CLIENT_SECRET}\n"
        "r = requests.post('https://cxone.niceincontact.com/auth/token', data=body)\n"
        f"h = {{'Authorization': 'Basic {secret}'}}\n"
        "r2 = requests.post('https://cxone.niceincontact.com/auth/token', data=body, headers=h)\n"
    )
    dumped = json.dumps(stored(source))
    assert secret not in dumped
    assert secret[:12] not in dumped


def test_plain_python_gives_no_auth_facts() -> None:
    source = (
        "import tokenize\nimport urllib.request\n\n"
        "def read(path):\n"
        "    with urllib.request.urlopen('https://docs.python.org/3/') as r:\n"
        "        return list(tokenize.generate_tokens(r.readline))\n"
    )
    assert [f.type_name for f in facts(source, Fact) if not isinstance(f, Import)] == ["FileTraits"]
    assert [(i.local, i.module, i.name) for i in facts(source, Import)] == [
        ("tokenize", "tokenize", ""),
        ("urllib", "urllib", ""),
    ]


def test_self_attributes_and_settings_class_defaults() -> None:
    source = HEAD + (
        "class Settings:\n"
        "    cxone_token_url: str = 'https://cxone.niceincontact.com/auth/token'\n\n"
        "settings = Settings()\n\n"
        "class Client:\n"
        "    def __init__(self):\n"
        "        if True:\n"
        "            self.url = 'https://api.incontact.com/InContactAuthorizationServer/Token'\n\n"
        "    def legacy(self):\n"
        "        return requests.post(self.url, data={'grant_type': 'password'})\n\n"
        "def current():\n"
        "    return requests.post(settings.cxone_token_url, data={'grant_type': 'password'})\n"
    )
    reqs = requests_of(source)
    assert [(r.line, r.endpoint, r.target) for r in reqs] == [
        (16, "legacy-token", "cxone"),
        (19, "token", "cxone"),
    ]


def test_config_urls_extractor() -> None:
    from cxone_rules.extract.config.urls import ConfigUrlExtractor

    from cxone_lint.languages.config import parse_document

    text = (
        "CXONE_ISSUER=https://cxone-gov.niceincontact.com\n"
        "PROXY=https://user:pa55w0rd@api-na1.niceincontact.com/x\n"
        "OTHER=https://example.com\n"
    )
    extractor = ConfigUrlExtractor(".env", text)
    assert extractor.wants()
    extractor.extract_document(parse_document("env", text))
    assert extractor.facts[BATCH_KEY]["language"] == "env"
    urls = [f for f in decode_batch(extractor.facts[BATCH_KEY], ".env") if isinstance(f, UrlUse)]
    assert [(u.span, u.key, u.info and (u.info.kind, u.info.government)) for u in urls] == [
        (Span(1, 14, 1, 49), "CXONE_ISSUER", ("issuer", True)),
        (Span(2, 7, 2, 56), "PROXY", ("area-api", False)),
    ]
    assert urls[1].url == lit("https://***@api-na1.niceincontact.com/x")
    assert "pa55w0rd" not in json.dumps(extractor.facts)


def test_grants_in_prose_are_not_grants() -> None:
    source = (
        '"""We never send grant_type=client_credentials: CXone rejects it."""\n'
        "BODY = 'grant_type=client_credentials&scope=x'\n"
    )
    assert [(g.line, g.value) for g in facts(source, GrantValue)] == [
        (2, lit("client_credentials"))
    ]


def test_session_auth_attribute() -> None:
    source = HEAD + (
        "session = requests.Session()\n"
        "session.auth = (cid, secret)\n"
        "r = session.post(conf['token_endpoint'], data={'grant_type': 'password'})\n"
    )
    assert only_request(source).client_auth == ("basic-auth",)


def test_authorization_url_calls() -> None:
    source = (
        "from requests_oauthlib import OAuth2Session\n\n"
        "AUTHORIZE = 'https://cxone.niceincontact.com/auth/authorize'\n"
        "s = OAuth2Session(cid, redirect_uri='https://app.acme.example/cb', scope=['openid'])\n"
        "a, state = s.authorization_url(AUTHORIZE)\n"
        "b, state = s.authorization_url(AUTHORIZE, code_challenge=ch,\n"
        "                               code_challenge_method='S256')\n"
    )
    auths = facts(source, AuthorizeRequest)
    assert [(a.line, a.source, a.code_challenge, a.challenge_method) for a in auths] == [
        (5, "authorization_url", False, None),
        (6, "authorization_url", True, lit("S256")),
    ]
    assert [r.line for r in facts(source, RedirectUri)] == [4]


def test_authlib_pkce_from_session() -> None:
    source = (
        "from authlib.integrations.requests_client import OAuth2Session\n\n"
        "s = OAuth2Session(cid, code_challenge_method='S256')\n"
        "u, st = s.create_authorization_url(AUTHORIZE, code_verifier=verifier)\n"
    )
    (auth,) = facts(source, AuthorizeRequest)
    assert (auth.code_challenge, auth.challenge_method) == (True, lit("S256"))


def test_vocabulary_values_only() -> None:
    secret = "k3Y$ecret-Val/ue=="
    source = HEAD + (
        f"r = requests.post(URL, data={{'grant_type': '{secret}'}})\n"
        f"p = {{'response_type': '{secret}', 'code_challenge_method': '{secret}'}}\n"
    )
    assert [word_of(g.value) for g in facts(source, GrantValue)] == ["other"]
    assert str(only_request(source).grant) == "{redacted}"
    (auth,) = facts(source, AuthorizeRequest)
    assert (word_of(auth.response_type), word_of(auth.challenge_method)) == ("other", "other")
    assert secret not in json.dumps(stored(source))
