"""Secret classification and the Python/config secret extractors, unit by unit."""

from __future__ import annotations

import base64
import json
import warnings

import jwt
import pytest
from cxone_rules.domain import secrets as sx
from cxone_rules.extract.config.secrets import ConfigSecretsExtractor
from cxone_rules.extract.python.secrets import PythonSecretsExtractor
from cxone_rules.facts.kinds import (
    EnvFix,
    EnvValue,
    PlainHttpUrl,
    SecretLiteral,
    Sink,
    TlsSetting,
)
from cxone_rules.facts.symstr import lit

from cxone_lint.api.facts import BATCH_KEY, Fact, Span, decode_batch
from cxone_lint.languages.config import parse_document
from cxone_lint.languages.python import parse_python, run_python_extractors

FAKE_CLIENT_SECRET = "Z61a7LXyT2nXW5uKcrHfkIw3oOyynsKfqIjsG8f4"
FAKE_ACCESS_KEY_SECRET = "GzMbzkJ+jjxEGGNaBIZJj3X7gSZp862PQVvnLiP6IT68hEPs7jkzJJUTQRV6BqY="
FAKE_LEGACY_PLAIN = "App@Vendor:4600123"
CLIENT_SECRET, ACCESS_KEY_SECRET = FAKE_CLIENT_SECRET, FAKE_ACCESS_KEY_SECRET


def make_jwt(claims: dict, key: str = "unit-test-hmac-key-0123456789abcdef") -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return jwt.encode(claims, key, algorithm="HS256")


def py_stored(text: str, path: str = "app.py") -> dict:
    extractor = PythonSecretsExtractor(path, text)
    return run_python_extractors(parse_python(text), [extractor])["cxone.secrets"]


def py_facts(text: str, path: str = "app.py") -> list[Fact]:
    return decode_batch(py_stored(text, path)[BATCH_KEY], path)


def config_stored(path: str, kind: str, text: str) -> dict:
    extractor = ConfigSecretsExtractor(path, text)
    extractor.extract_document(parse_document(kind, text))
    return extractor.facts


def config_facts(path: str, kind: str, text: str) -> list[Fact]:
    return decode_batch(config_stored(path, kind, text)[BATCH_KEY], path)


def secrets(facts: list[Fact]) -> list[SecretLiteral]:
    return [f for f in facts if isinstance(f, SecretLiteral)]


# -- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("client_secret", sx.CLIENT_SECRET),
        ("clientSecret", sx.CLIENT_SECRET),
        ("CXONE_CLIENT_SECRET", sx.CLIENT_SECRET),
        ("APP_SECRET", sx.CLIENT_SECRET),
        ("access_key_secret", sx.ACCESS_KEY_SECRET),
        ("accessKeySecret", sx.ACCESS_KEY_SECRET),
        ("password", sx.PASSWORD),
        ("DB_PASSWD", sx.PASSWORD),
        ("access_token", sx.TOKEN),
        ("refresh_token", sx.TOKEN),
        ("BEARER", sx.TOKEN),
        ("api_key", sx.API_KEY),
        ("apiKey", sx.API_KEY),
        ("Authorization", sx.AUTHORIZATION),
        ("auth_header", sx.AUTHORIZATION),
        ("private_key", sx.PRIVATE_KEY),
        ("USER_SECRET", sx.SECRET),
        # False friends: they talk about a secret, they do not hold one.
        ("token_url", None),
        ("TOKEN_ENDPOINT", None),
        ("password_field", None),
        ("secret_name", None),
        ("token_type", None),
        ("tokenize", None),
        ("tokens", None),
        ("client_id", None),
        ("access_key_id", None),
        ("use_token", None),
        ("max_password_length", None),
        ("secret_arn", None),
        ("token_expires_at", None),
    ],
)
def test_secret_kind_for_name(name: str, kind: str | None) -> None:
    assert sx.secret_kind_for_name(name) == kind


# -- values ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "your-secret",
        "<CLIENT_SECRET>",
        "changeme",
        "xxx",
        "TEST",
        "dummy",
        "${VAR}",
        "${{ secrets.CXONE_CLIENT_SECRET }}",
        "$CXONE_SECRET",
        "{{ cxone_secret }}",
        "%(secret)s",
        "secret",
        "password",
        "yourPwd",
        "APP_SECRET",
        "CXONE_CLIENT_SECRET",
        "your client secret",
        "generated from CXone user with API RBAC",
        "https://cxone.niceincontact.com/auth/token",
        "/run/secrets/client_secret",
        "client_secret.json",
        "********",
        "Proxy-Authorization",
        "hunter2",
        "client_secret_basic",
        "$2b$12$KIXQJ8Qh3zYwW1pV9mEoUeQm7sLk2Jd9Xa0Bc4Ef6Gh8Ij0Kl2Mn4",
        "pbkdf2_sha256$260000$c2FsdA$ZGlnZXN0ZGlnZXN0ZGlnZXN0",
        "X-Hub-Signature-256",
        "X-Cxone-Signature",
        "ENC[AES256_GCM,data:Tr7o1hRkXj8w0a9kY2Vb3Q==,iv:8C3h4c5d6e7f8g9h0i1j2k3l=,type:str]",
        "vault:secret/data/cxone#client_secret",
    ],
)
def test_placeholders_are_not_secrets(value: str) -> None:
    assert not sx.classify_value(value, sx.CLIENT_SECRET).real


@pytest.mark.parametrize("value", [CLIENT_SECRET, ACCESS_KEY_SECRET, "hT4#vQ9zLm2xWp7rK8sN"])
def test_random_values_are_secrets(value: str) -> None:
    assert sx.classify_value(value, sx.CLIENT_SECRET).real


def test_strict_mode_wants_random_values() -> None:
    assert sx.classify_value("Secr3tPass!", sx.PASSWORD).real
    assert not sx.classify_value("Secr3tPass!", sx.PASSWORD, strict=True).real
    assert sx.classify_value(CLIENT_SECRET, sx.PASSWORD, strict=True).real


def test_access_key_secret_shape() -> None:
    assert sx.looks_like_access_key_secret(ACCESS_KEY_SECRET)
    assert not sx.looks_like_access_key_secret(CLIENT_SECRET)  # no padding
    assert not sx.looks_like_access_key_secret("QUJD" * 10 + "=")  # repetitive


def test_fingerprint_is_short_salted_and_stable() -> None:
    fp = sx.fingerprint(CLIENT_SECRET)
    assert len(fp) == 12 and fp == sx.fingerprint(CLIENT_SECRET)
    import hashlib

    assert fp != hashlib.sha256(CLIENT_SECRET.encode()).hexdigest()[:12]  # salted
    assert fp == hashlib.sha256(("cxone-lint:" + CLIENT_SECRET).encode()).hexdigest()[:12]


# -- JWTs and Basic keys ---------------------------------------------------------------------


def test_cxone_access_token_is_recognised() -> None:
    token = make_jwt(
        {
            "iss": "https://auth.na1.nice-incontact.com",
            "tenantId": "11eb-tenant",
            "icBUId": 4600123,
            "exp": 1700000000,
        }
    )
    info = sx.inspect_jwt(token)
    assert info is not None
    assert (info.kind, info.issuer_host, info.alg, info.cxone) == (
        "CXone access token",
        "auth.na1.nice-incontact.com",
        "HS256",
        True,
    )
    text = sx.JwtInfo.describe(info.to_json(), now=1800000000)
    assert (
        text == "CXone access token (issuer auth.na1.nice-incontact.com, HS256, expired 2023-11-14)"
    )
    assert "11eb-tenant" not in json.dumps(info.to_json())


def test_cxone_id_token_and_foreign_jwt() -> None:
    id_token = make_jwt({"iss": "https://cxone.niceincontact.com", "nonce": "n", "exp": 4102444800})
    info = sx.inspect_jwt(id_token)
    assert info is not None and info.kind == "CXone id token"
    assert sx.JwtInfo.describe(info.to_json(), now=0).endswith("valid until 2100-01-01)")
    other = sx.inspect_jwt(make_jwt({"iss": "https://login.example.com", "sub": "x"}))
    assert other is not None and (other.kind, other.cxone) == ("JWT", False)
    assert sx.JwtInfo.describe(other.to_json()).endswith("no expiry)")
    assert sx.inspect_jwt("eyJhbGciOi.eyJub3QiOiJhIGp3dCJ9.x") is None


def test_basic_key_shapes() -> None:
    legacy = base64.b64encode(FAKE_LEGACY_PLAIN.encode()).decode()
    assert sx.decode_basic(legacy) == "app@vendor:bu"
    assert sx.decode_basic(base64.b64encode(f"acme:{CLIENT_SECRET}".encode()).decode()) == (
        "id:secret"
    )
    assert sx.decode_basic(base64.b64encode(b"acme:changeme").decode()) is None
    assert sx.decode_basic("not base64 at all") is None
    assert sx.is_app_vendor_bu(FAKE_LEGACY_PLAIN)
    assert not sx.is_app_vendor_bu("yourApp@yourVendor:4600123")
    assert not sx.is_app_vendor_bu("App@Vendor:12345")
    assert not sx.is_app_vendor_bu("postgres@db.internal:5432")
    assert not sx.is_app_vendor_bu("git@github:22")
    # Base64-encoded, the shape alone is evidence: someone built a Basic key.
    assert sx.decode_basic(base64.b64encode(b"Reports@AcmeCorp:42").decode()) == "app@vendor:bu"
    assert sx.header_credential(f"Basic {legacy}") == sx.HeaderCredential(
        "basic", sx.BASIC_KEY, "app@vendor:bu"
    )
    assert sx.header_credential("Bearer {token}") is None


def test_insecure_cxone_host() -> None:
    assert sx.insecure_cxone_host("http://api-c14.incontact.com/x") == "api-c14.incontact.com"
    assert sx.insecure_cxone_host("https://cxone.niceincontact.com") is None
    assert sx.insecure_cxone_host("http://localhost:3000/callback") is None


# -- the Python extractor --------------------------------------------------------------------


def test_python_facts_hold_no_value_and_exact_ranges() -> None:
    text = f'import os\n\nclass Settings:\n    client_secret: str = "{CLIENT_SECRET}"\n'
    (entry,) = secrets(py_facts(text))
    assert entry == SecretLiteral(
        line=4,
        column=26,
        end_line=4,
        end_column=26 + len(CLIENT_SECRET) + 2,
        file="app.py",
        language="python",
        kind="client-secret",
        name="client_secret",
        fingerprint=sx.fingerprint(CLIENT_SECRET),
        context="assignment",
        # `import os` is there already: the fix needs no import.
        env_fix=EnvFix("CLIENT_SECRET", 'os.environ["{env}"]', None, ""),
    )
    assert CLIENT_SECRET not in json.dumps(py_stored(text))


@pytest.mark.parametrize(
    "source",
    [
        f'requests.post(url, data={{"client_secret": "{CLIENT_SECRET}"}})\n',
        f'connect(client_secret="{CLIENT_SECRET}")\n',
        f'def login(client_secret="{CLIENT_SECRET}"):\n    pass\n',
        f'SECRET = os.getenv("CXONE_CLIENT_SECRET", "{CLIENT_SECRET}")\n',
        f'cfg["client_secret"] = "{CLIENT_SECRET}"\n',
        f'self.client_secret = "{CLIENT_SECRET}"\n',
    ],
)
def test_python_binding_sites(source: str) -> None:
    assert [s.kind for s in secrets(py_facts(source))] == ["client-secret"]


@pytest.mark.parametrize(
    "source",
    [
        "def connect(host, password=None, token=None):\n    pass\n",
        'CLIENT_SECRET = os.environ["CXONE_CLIENT_SECRET"]\n',
        'client_secret = settings.get("client_secret", "")\n',
        "token = tokenize.generate_tokens(readline)\n",
        'password_field = "password-input-field"\n',
        'TOKEN_URL = "https://cxone.niceincontact.com/auth/token"\n',
    ],
)
def test_python_non_secrets(source: str) -> None:
    assert secrets(py_facts(source)) == []


def test_import_line_after_docstring_and_future_imports() -> None:
    text = '"""Doc."""\n\nfrom __future__ import annotations\n\nimport requests\n'
    (entry,) = secrets(py_facts(text + f'client_secret = "{CLIENT_SECRET}"\n'))
    assert entry.env_fix == EnvFix("CLIENT_SECRET", 'os.environ["{env}"]', 5, "import os\n")


def test_leak_flow() -> None:
    text = (
        "import requests, logging\n"
        "log = logging.getLogger()\n"
        "def f(token_url, form):\n"
        "    r = requests.post(token_url, data=form)\n"
        "    if not r.ok:\n"
        "        log.error(r.text)\n"  # error body: no leak
        "    body = r.json()\n"
        '    t = body["access_token"]\n'
        "    log.info(len(t))\n"  # redacted: no leak
        '    log.info("%s", t)\n'  # leak, line 10
        "    t = 'x'\n"
        "    print(t)\n"  # reassigned: no leak
        '    print(body["expires_in"])\n'  # harmless field
        "    print(r.text)\n"  # leak, line 14
    )
    leaks = [(x.span, x.sink, x.what) for x in py_facts(text) if isinstance(x, Sink)]
    assert leaks == [  # each at the value written out
        (Span(10, 20, 10, 21), "log", "the 'access_token' field"),
        (Span(14, 11, 14, 17), "print", "the token response body"),
    ]


def test_tls_and_http() -> None:
    text = (
        "import requests, ssl\n"
        "requests.get(u, verify=False)\n"
        "ssl._create_default_https_context = ssl._create_unverified_context\n"
        'URL = "http://api-c30.incontact.com/inContactAPI"\n'
        'u = f"http://cxone.niceincontact.com/{path}"\n'
    )
    facts = py_facts(text)
    assert [(t.span, t.what) for t in facts if isinstance(t, TlsSetting)] == [
        (Span(2, 17, 2, 29), "verify=False"),
        (Span(3, 37, 3, 67), "ssl._create_unverified_context"),
    ]
    assert [(h.span, h.host, h.scheme) for h in facts if isinstance(h, PlainHttpUrl)] == [
        (Span(4, 7, 4, 50), "api-c30.incontact.com", Span(4, 8, 4, 15)),
        (Span(5, 5, 5, 45), "cxone.niceincontact.com", Span(5, 7, 5, 14)),
    ]


# -- config files ----------------------------------------------------------------------------


def test_env_file() -> None:
    text = (
        "# CXone\n"
        f"CXONE_CLIENT_SECRET={CLIENT_SECRET}\n"
        f'export CXONE_ACCESS_KEY_SECRET="{ACCESS_KEY_SECRET}"\n'
        "CXONE_CLIENT_ID=acme-app\n"
        "CXONE_TOKEN=\n"
    )
    facts = config_facts(".env", "env", text)
    got = [(s.kind, s.name, s.span) for s in secrets(facts)]
    assert got == [
        ("client-secret", "CXONE_CLIENT_SECRET", Span(2, 21, 2, 21 + len(CLIENT_SECRET))),
        # the quotes belong to the value's text
        (
            "access-key-secret",
            "CXONE_ACCESS_KEY_SECRET",
            Span(3, 32, 3, 34 + len(ACCESS_KEY_SECRET)),
        ),
    ]
    values = [
        (v.name, v.value, v.fingerprint is not None) for v in facts if isinstance(v, EnvValue)
    ]
    assert values == [
        ("CXONE_CLIENT_SECRET", None, True),
        ("CXONE_ACCESS_KEY_SECRET", None, True),
        ("CXONE_CLIENT_ID", None, True),
        ("CXONE_TOKEN", None, False),
    ]
    assert CLIENT_SECRET not in json.dumps(config_stored(".env", "env", text))


def test_env_values_keep_urls_and_vocabulary_only() -> None:
    text = (
        "CXONE_ISSUER=https://cxone.niceincontact.com\nCXONE_AREA=na1\nVERIFY=false\n"
        "CXONE_GRANT=password\nCXONE_SECRET=1234\nCXONE_NOTE=hello\nCXONE_PASSWORD=password\n"
    )
    values = [f for f in config_facts(".env", "env", text) if isinstance(f, EnvValue)]
    assert [(v.name, v.value) for v in values] == [
        ("CXONE_ISSUER", lit("https://cxone.niceincontact.com")),
        ("CXONE_AREA", lit("na1")),
        ("VERIFY", lit("false")),
        ("CXONE_GRANT", lit("password")),
        ("CXONE_SECRET", None),  # a number, but named a secret: only its fingerprint
        ("CXONE_NOTE", None),  # no vocabulary word
        # A vocabulary word is kept whatever the name: "password" is the grant's name here,
        # and a secret that is a vocabulary word reveals nothing a reader of the rules lacks.
        ("CXONE_PASSWORD", lit("password")),
    ]


def test_name_value_pairs_in_yaml() -> None:
    text = (
        "env:\n"
        "  - name: CXONE_CLIENT_SECRET\n"
        f"    value: {CLIENT_SECRET}\n"
        "  - name: CXONE_CLIENT_ID\n"
        "    value: acme-app\n"
    )
    facts = config_facts("deploy/values.yaml", "yaml", text)
    assert [(s.kind, s.name, s.line) for s in secrets(facts)] == [
        ("client-secret", "CXONE_CLIENT_SECRET", 3)
    ]


def test_toml_and_json() -> None:
    token = make_jwt({"iss": "https://auth.na1.nice-incontact.com", "icBUId": 1})
    toml = config_facts("c.toml", "toml", f'[cxone]\nbearer = "Bearer {token}"\n')
    end = 10 + len(f'"Bearer {token}"')
    assert [(s.kind, s.span) for s in secrets(toml)] == [("token", Span(2, 10, 2, end))]
    js = config_facts(
        "c.json", "json", '{\n  "issuer": "http://cxone.niceincontact.com",\n  "password": ""\n}\n'
    )
    assert secrets(js) == []
    assert [(h.host, h.span) for h in js if isinstance(h, PlainHttpUrl)] == [
        ("cxone.niceincontact.com", Span(2, 13, 2, 45))
    ]


def test_real_world_shapes_of_cxone_credentials() -> None:
    # Access keys as CXone issues them: base32 with "====" padding (id and secret alike); a
    # client secret pasted URL-encoded into a raw string. All invented here.
    key_id = base64.b32encode(bytes(range(7, 39))).decode()
    key_secret = base64.b32encode(bytes(range(101, 165, 2))).decode()
    text = (
        "client_id = r'0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'\n"
        "client_secret = r'kq7Vd2LwPz%2FHx9Tn4Rb8Ms%3D%3D'\n"
        f"username = '{key_id}'\n"
        f"password = '{key_secret}'\n"
    )
    got = [(s.line, s.kind) for s in secrets(py_facts(text))]
    assert got == [(2, "client-secret"), (4, "access-key-secret")]


def test_api_spec_examples_are_not_secrets() -> None:
    token = make_jwt({"iss": "https://auth.na1.nice-incontact.com", "icBUId": 1})
    text = (
        "components:\n"
        "  schemas:\n"
        "    Token:\n"
        "      properties:\n"
        "        access_token:\n"
        f"          example: {token}\n"
        f"access_token: {token}\n"
    )
    facts = config_facts("openapi.yaml", "yaml", text)
    assert [s.line for s in secrets(facts)] == [7]


def test_examples_and_tests_keep_cxone_credentials_drop_generic_ones() -> None:
    text = f'shared_secret = "{CLIENT_SECRET}"\nCLIENT_SECRET = "{CLIENT_SECRET}"\n'
    for path in ("examples/hmac/receiver.py", "tests/test_hmac.py", "demo_webhook.py"):
        kinds = [s.kind for s in secrets(py_facts(text, path))]
        assert kinds == ["client-secret"], path
    assert [s.kind for s in secrets(py_facts(text, "app/hmac.py"))] == [
        "secret",
        "client-secret",
    ]


def test_names_that_say_fake_hold_no_secret() -> None:
    text = f'FAKE_CLIENT_SECRET = "{CLIENT_SECRET}"\ndummy_token = "{CLIENT_SECRET}"\n'
    assert secrets(py_facts(text)) == []
    env = config_facts(".env", "env", f"EXAMPLE_CLIENT_SECRET={CLIENT_SECRET}\n")
    assert secrets(env) == []


def test_opaque_bearer_dummies_in_tests() -> None:
    text = f'HEADERS = {{"Authorization": "Bearer {CLIENT_SECRET}"}}\n'
    assert secrets(py_facts(text, "tests/test_api.py")) == []
    assert [s.kind for s in secrets(py_facts(text, "app/api.py"))] == ["token"]


def test_compose_environment_lists() -> None:
    text = (
        "services:\n"
        "  scheduler:\n"
        "    environment:\n"
        "      - CXONE_CLIENT_ID=acme-app\n"
        f"      - CXONE_CLIENT_SECRET={CLIENT_SECRET}\n"
        "      - CXONE_ACCESS_KEY_SECRET=${CXONE_ACCESS_KEY_SECRET}\n"
    )
    facts = config_facts("docker-compose.yml", "yaml", text)
    assert [(s.kind, s.name, s.line) for s in secrets(facts)] == [
        ("client-secret", "CXONE_CLIENT_SECRET", 5)
    ]


def test_pydantic_settings_defaults() -> None:
    text = (
        "from pydantic import BaseModel, Field, SecretStr\n\n"
        "class CxoneSettings(BaseModel):\n"
        f'    client_secret: SecretStr = SecretStr("{CLIENT_SECRET}")\n'
        f'    access_key_secret: str = Field(default="{ACCESS_KEY_SECRET}")\n'
        '    client_id: str = Field("acme-app")\n'
        '    password: SecretStr = Field(default=SecretStr(""))\n'
    )
    got = [(s.line, s.kind, s.env_fix.env if s.env_fix else None) for s in secrets(py_facts(text))]
    assert got == [
        (4, "client-secret", "CLIENT_SECRET"),
        (5, "access-key-secret", "ACCESS_KEY_SECRET"),
    ]
