"""Values followed across modules, clients, functions and configuration files (the linker and
the extractors together), through the real engine: exact findings (code, file, line, column)
and the near-misses that must stay clean."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import libcst as cst
from cxone_rules.extract.javascript import analyse
from cxone_rules.extract.python.http import CxoneHttpExtractor
from cxone_rules.extract.python.secrets import PythonSecretsExtractor
from cxone_rules.facts.kinds import UPSTREAM_ERROR, Sink, TokenRequest, UrlUse

from cxone_lint.api.facts import BATCH_KEY, Fact, decode_batch
from cxone_lint.api.results import RunResult
from cxone_lint.languages import javascript as js
from cxone_lint.languages.python import run_python_extractors
from cxone_lint.testing import run_project, write_project

MANIFEST = """\
[app]
name = "Callback Scheduler"
type = "backend"
tenancy = "single"
environments = ["na1"]
government = false
auth_method = "client_secret_basic"
contacts = ["cx-integrations@acme.example"]

[api_user]
username = "svc-callback@acme.example"
"""

Finding = tuple[str, str, int, int]
F = TypeVar("F", bound=Fact)


def facts_of_kind(source: str, kind: type[F], path: str = "app/x.py") -> list[F]:
    """One file's facts of one kind, before linking."""
    extractor = CxoneHttpExtractor(path, source)
    batch = run_python_extractors(cst.parse_module(source), [extractor])["cxone.http"]
    return [f for f in decode_batch(batch[BATCH_KEY], path) if isinstance(f, kind)]


def run(tmp_path: Path, files: dict[str, str], *codes: str) -> RunResult:
    write_project(tmp_path, files)
    return run_project(tmp_path, list(codes))


def secret_facts(source: str, kind: type[F], path: str = "app/x.py") -> list[F]:
    extractor = PythonSecretsExtractor(path, source)
    batch = run_python_extractors(cst.parse_module(source), [extractor])["cxone.secrets"]
    return [f for f in decode_batch(batch[BATCH_KEY], path) if isinstance(f, kind)]


def found(result: RunResult) -> list[Finding]:
    return sorted((d.code, d.path, d.start.line, d.start.column) for d in result.active)


def related(result: RunResult, code: str) -> list[list[tuple[str, int, int]]]:
    return [
        [(r.path, r.start.line, r.start.column) for r in d.related]
        for d in sorted(result.active, key=lambda d: d.sort_key())
        if d.code == code
    ]


# -- 1. constants of every kind across modules ---------------------------------------------------

CONSTANTS = """\
from enum import Enum

from pydantic import Field
from pydantic_settings import BaseSettings

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"
GRANT = "client_credentials"
VERIFY_TLS = False
TIMEOUT = 10
METHODS = ("plain", "S256")


class Grant(str, Enum):
    PASSWORD = "password"
    CLIENTS = "client_credentials"


class Settings(BaseSettings):
    grant_type: str = Field(default="client_credentials", alias="CXONE_GRANT")
    challenge_method: str = "plain"
    verify_ssl: bool = Field(False)
"""


def test_grants_from_constants_enums_and_settings_of_another_module(tmp_path: Path) -> None:
    auth = """\
import os

import requests

from app import constants
from app.constants import GRANT, TOKEN_URL, Grant, Settings

ID, SECRET = os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"]


def by_name() -> dict:
    body = {"grant_type": GRANT}
    return requests.post(TOKEN_URL, data=body, auth=(ID, SECRET), timeout=10).json()


def by_enum() -> dict:
    body = {"grant_type": Grant.CLIENTS.value}
    return requests.post(TOKEN_URL, data=body, auth=(ID, SECRET), timeout=10).json()


def by_module() -> dict:
    return requests.post(TOKEN_URL, data={"grant_type": constants.GRANT}, timeout=10).json()


def by_settings(settings: Settings) -> dict:
    body = {"grant_type": settings.grant_type}
    return requests.post(TOKEN_URL, data=body, auth=(ID, SECRET), timeout=10).json()


def fine() -> dict:
    body = {"grant_type": Grant.PASSWORD.value, "username": ID, "password": SECRET}
    return requests.post(TOKEN_URL, data=body, auth=(ID, SECRET), timeout=10).json()
"""
    files = {"app/__init__.py": "", "app/constants.py": CONSTANTS, "app/auth.py": auth}
    result = run(tmp_path, files, "CX303")
    assert found(result) == [
        ("CX303", "app/auth.py", 12, 27),
        ("CX303", "app/auth.py", 17, 27),
        ("CX303", "app/auth.py", 22, 57),
        ("CX303", "app/auth.py", 26, 27),
    ]
    # Each points at the use, with the constant's definition as a related location.
    assert related(result, "CX303") == [
        [("app/constants.py", 7, 9)],
        [("app/constants.py", 15, 15)],
        [("app/constants.py", 7, 9)],
        [("app/constants.py", 19, 37)],
    ]


def test_tls_flags_from_constants_settings_and_env_toggles(tmp_path: Path) -> None:
    client = """\
import os

import requests

from app.constants import VERIFY_TLS, Settings

CHECK = os.getenv("CXONE_VERIFY_TLS", "true").lower() == "true"
STRICT = os.getenv("CXONE_STRICT_TLS") != "false"
LOCAL = False


def one(url: str, settings: Settings) -> None:
    requests.get(url, verify=VERIFY_TLS, timeout=10)
    requests.get(url, verify=settings.verify_ssl, timeout=10)
    requests.get(url, verify=LOCAL, timeout=10)
    requests.get(url, verify=STRICT, timeout=10)
    requests.get(url, verify=CHECK, timeout=10)
    requests.get(url, verify=os.environ.get("CA_BUNDLE", "/etc/ssl/ca.pem"), timeout=10)
"""
    files = {
        "app/__init__.py": "",
        "app/constants.py": CONSTANTS,
        "app/client.py": client,
        ".env": "CXONE_STRICT_TLS=false\nCXONE_VERIFY_TLS=false\n",
    }
    result = run(tmp_path, files, "CX407")
    assert found(result) == [
        # The .env value that turns it off is where the finding points, the code line related.
        ("CX407", ".env", 1, 18),
        ("CX407", "app/client.py", 13, 23),
        ("CX407", "app/client.py", 14, 23),
        ("CX407", "app/client.py", 15, 23),
    ]
    assert related(result, "CX407") == [
        [("app/client.py", 16, 23)],
        [("app/constants.py", 8, 14)],
        [("app/constants.py", 21, 30)],
        [],
    ]
    # CHECK has its default in the code ("true"): what the file gives itself is what it
    # means, whatever .env says; a CA bundle path is not a flag.


def test_auth_method_and_pkce_method_from_another_module(tmp_path: Path) -> None:
    oauth = """\
AUTH_METHOD = "client_secret_post"
BASIC = "client_secret_basic"
PKCE = "plain"
"""
    client = """\
import os

from authlib.integrations.requests_client import OAuth2Session

from app.oauth import AUTH_METHOD, BASIC, PKCE

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"
ID, SECRET = os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"]


def token() -> dict:
    client = OAuth2Session(ID, SECRET, token_endpoint_auth_method=AUTH_METHOD)
    return client.fetch_token(TOKEN_URL, username=ID, password=SECRET)


def fine() -> dict:
    client = OAuth2Session(ID, SECRET, token_endpoint_auth_method=BASIC)
    return client.fetch_token(TOKEN_URL, username=ID, password=SECRET)


def login(verifier: str) -> str:
    client = OAuth2Session(ID, SECRET, code_challenge_method=PKCE)
    url, _ = client.create_authorization_url(
        "https://cxone.niceincontact.com/auth/authorize", code_verifier=verifier
    )
    return url
"""
    files = {
        "cxone-app.toml": MANIFEST,
        "app/__init__.py": "",
        "app/oauth.py": oauth,
        "app/client.py": client,
    }
    result = run(tmp_path, files, "CX301", "CX306")
    assert found(result) == [
        ("CX301", "app/client.py", 13, 12),
        ("CX306", "app/client.py", 22, 62),
    ]
    assert related(result, "CX301") == [[("app/oauth.py", 1, 15)]]
    assert related(result, "CX306") == [[("app/oauth.py", 3, 8)]]


# -- 2. client and session state -------------------------------------------------------------


def test_client_authentication_set_on_sessions_and_clients(tmp_path: Path) -> None:
    clients = Path(__file__).parent.joinpath("data", "flows", "clients.py").read_text()
    post = MANIFEST.replace("client_secret_basic", "client_secret_post")
    result = run(tmp_path, {"cxone-app.toml": post, "app/clients.py": clients}, "CX301")
    # Each finding points where the session or client got its Basic credentials, with the
    # token request as a related location; the session that posts the secret is clean.
    assert found(result) == [
        ("CX301", "app/clients.py", 16, 40),
        ("CX301", "app/clients.py", 22, 34),
        ("CX301", "app/clients.py", 27, 73),
        ("CX301", "app/clients.py", 34, 30),
        ("CX301", "app/clients.py", 41, 43),
    ]
    assert related(result, "CX301") == [
        [("app/clients.py", 17, 12)],
        [("app/clients.py", 23, 12)],
        [("app/clients.py", 28, 16)],
        [("app/clients.py", 37, 16)],
        [("app/clients.py", 42, 22)],
    ]


# -- 3. bodies and headers built step by step ----------------------------------------------------


def test_bodies_built_in_steps(tmp_path: Path) -> None:
    bodies = Path(__file__).parent.joinpath("data", "flows", "bodies.py").read_text()
    result = run(tmp_path, {"cxone-app.toml": MANIFEST, "app/bodies.py": bodies}, "CX301", "CX303")
    assert found(result) == [
        ("CX301", "app/bodies.py", 15, 29),  # form["client_secret"] = SECRET
        ("CX301", "app/bodies.py", 21, 52),  # form.update({... "client_secret": SECRET})
        ("CX301", "app/bodies.py", 27, 48),  # creds, merged with {**base, **creds}
        ("CX301", "app/bodies.py", 32, 78),  # a list of pairs, urlencoded
        ("CX301", "app/bodies.py", 37, 69),  # **options
        ("CX303", "app/bodies.py", 44, 12),  # the grant set by item assignment
    ]
    styles = {r.line: r.client_auth for r in facts_of_kind(bodies, TokenRequest)}
    assert styles[50] == ("basic-auth",)  # form.update(username=..., password=...): no secret
    assert styles[57] == ("basic-header",)  # headers["Authorization"] = "Basic " + ...


# -- 4. across function calls, one level both ways ---------------------------------------------

AUTH = """\
import requests

from app.headers import basic_headers


def fetch(url: str, grant: str, verify: bool) -> dict:
    body = {"grant_type": grant}
    return requests.post(url, data=body, verify=verify, timeout=10).json()


def with_headers(url: str) -> dict:
    form = {"grant_type": "password"}
    return requests.post(url, data=form, headers=basic_headers(), timeout=10).json()
"""
HEADERS = """\
import base64
import os


def basic_headers() -> dict:
    pair = f"{os.environ['CXONE_CLIENT_ID']}:{os.environ['CXONE_CLIENT_SECRET']}"
    headers = {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode()}
    return headers
"""
JOBS = """\
from app import auth

TOKEN = "https://cxone.niceincontact.com/auth/token"


def nightly() -> dict:
    return auth.fetch(TOKEN, "client_credentials", False)


def hourly() -> dict:
    return auth.with_headers(TOKEN)
"""


def test_parameters_take_their_callers_values_and_calls_what_the_callee_returns(
    tmp_path: Path,
) -> None:
    post = MANIFEST.replace("client_secret_basic", "client_secret_post")
    files = {
        "cxone-app.toml": post,
        "app/__init__.py": "",
        "app/auth.py": AUTH,
        "app/headers.py": HEADERS,
        "app/jobs.py": JOBS,
    }
    result = run(tmp_path, files, "CX301", "CX303", "CX407")
    assert found(result) == [
        ("CX301", "app/auth.py", 13, 50),  # headers=basic_headers(): Basic, registered post
        ("CX303", "app/auth.py", 7, 27),  # the grant parameter: the caller's client_credentials
        ("CX407", "app/auth.py", 8, 42),  # verify=verify: the caller's False
    ]
    assert related(result, "CX301") == [[("app/headers.py", 8, 12)]]
    assert related(result, "CX303") == [[("app/jobs.py", 7, 12)]]
    assert related(result, "CX407") == [[("app/jobs.py", 7, 12)]]


def test_a_parameter_called_with_several_values_is_each_of_them(tmp_path: Path) -> None:
    jobs = JOBS.replace(
        'auth.fetch(TOKEN, "client_credentials", False)',
        'auth.fetch(TOKEN, "password", True)\n\n\ndef other() -> dict:\n'
        '    return auth.fetch(TOKEN, "password", "/etc/ssl/ca.pem")',
    )
    files = {"app/__init__.py": "", "app/auth.py": AUTH, "app/headers.py": HEADERS}
    result = run(tmp_path, {**files, "app/jobs.py": jobs}, "CX303", "CX407")
    assert found(result) == []  # neither caller turns verification off or sends the grant
    files["app/jobs.py"] = jobs.replace('"/etc/ssl/ca.pem"', "False")
    result = run(tmp_path, files, "CX303", "CX407")
    assert found(result) == [("CX407", "app/auth.py", 8, 42)]  # one caller of two does


# -- 5. sinks ------------------------------------------------------------------------------------

GET_TOKEN = """\
import requests

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"


def get_token() -> dict:
    resp = requests.post(TOKEN_URL, data={"grant_type": "password"}, timeout=10)
    return resp.json()
"""
REPORT = """\
import logging

from app.auth import get_token

logger = logging.getLogger(__name__)


def run() -> None:
    tokens = get_token()
    print(tokens)
    show(tokens["access_token"])
    show("nothing secret")
    print(len(get_token()))


def show(value: str) -> None:
    logger.info("value: %s", value)
"""


def test_sinks_of_loggers_structlog_loguru_slices_and_routes(tmp_path: Path) -> None:
    sinks = Path(__file__).parent.joinpath("data", "flows", "sinks.py").read_text()
    result = run(tmp_path, {"app/sinks.py": sinks}, "CX406")
    assert found(result) == [
        ("CX406", "app/sinks.py", 22, 41),  # extra={"token": access}
        ("CX406", "app/sinks.py", 23, 38),  # structlog: token=access
        ("CX406", "app/sinks.py", 24, 23),  # loguru: logger.bind(token=access), aliased
        ("CX406", "app/sinks.py", 25, 29),  # access[:20]; access[-4:] is not reported
        ("CX406", "app/sinks.py", 27, 17),  # f"bearer {access}"
        ("CX406", "app/sinks.py", 34, 12),  # return fetch() from a route: fetch's tokens
    ]
    assert [d.message for d in result.active][3] == "part of the 'access_token' field is logged"
    assert related(result, "CX406")[5] == [("app/sinks.py", 29, 12)]
    # The failed token request's body handed back by /proxy: a fact for the CX9xx rules.
    (error,) = [f for f in secret_facts(sinks, Sink) if f.what == UPSTREAM_ERROR]
    assert (error.line, error.column, error.sink) == (41, 24, "HTTP response")


def test_a_token_response_from_another_module_printed_and_passed_on(tmp_path: Path) -> None:
    files = {"app/__init__.py": "", "app/auth.py": GET_TOKEN, "app/report.py": REPORT}
    result = run(tmp_path, files, "CX406")
    assert found(result) == [
        ("CX406", "app/report.py", 10, 11),  # print(tokens): tokens = get_token()
        ("CX406", "app/report.py", 17, 30),  # show()'s value: a caller passes access_token
    ]
    assert related(result, "CX406") == [[("app/auth.py", 8, 12)], [("app/report.py", 11, 5)]]


# -- 6. configuration files feeding code -------------------------------------------------------


def project(name: str) -> dict[str, str]:
    root = Path(__file__).parent / "data" / "flows" / name
    return {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*") if p.is_file()}


def test_values_of_loaded_documents_are_checked_where_they_are_written(tmp_path: Path) -> None:
    files = project("config-project")
    result = run(tmp_path, files, "CX303", "CX310", "CX401", "CX407")
    # Each at the configuration value, with the code line that reads it as related; the
    # grant and the TLS key are checked there even before code reads them (one finding).
    assert found(result) == [
        ("CX303", "config/settings.yaml", 3, 15),
        ("CX310", "config/settings.yaml", 2, 14),
        ("CX401", "config/settings.yaml", 6, 18),
        ("CX407", "app/local.json", 1, 24),
        ("CX407", "config/settings.yaml", 4, 15),
    ]
    by_code = {d.code + str(d.start.line): d for d in result.active}
    also = {
        key: [(r.path, r.start.line, r.start.column) for r in d.related]
        for key, d in by_code.items()
    }
    assert also == {
        "CX4071": [("app/client.py", 19, 23)],  # .get("tls", {}).get("verify_ssl", True)
        "CX3102": [("app/client.py", 14, 12)],  # requests.post(cx["token_url"], ...)
        # {"grant_type": cx["grant_type"]} and the request that sends it
        "CX3033": [("app/client.py", 13, 27), ("app/client.py", 14, 12)],
        "CX4074": [("app/client.py", 14, 74)],  # verify=cx["verify_ssl"]
        "CX4016": [("app/client.py", 23, 12)],  # CONFIG["cxone"]["client_secret"]
    }
    # settings.example.yaml documents settings; worker.yaml's `verify: false` has no URL
    # beside it and its `verify_ssl: true` keeps verification on.


def test_a_document_no_code_reads_is_checked_too(tmp_path: Path) -> None:
    files = project("config-project")
    del files["app/client.py"]
    result = run(tmp_path, files, "CX303", "CX407")
    assert found(result) == [
        ("CX303", "config/settings.yaml", 3, 15),  # the document names a CXone host
        ("CX407", "app/local.json", 1, 24),
        ("CX407", "config/settings.yaml", 4, 15),
    ]


# -- 7. hosts built from known values ------------------------------------------------------------

HOSTS = """\
from string import Template
from urllib.parse import urljoin

import requests

from app.regions import AREA

AREAS = ["na1", "au1"]
LOCAL = "ca1"
DOMAIN = "niceincontact.com"
V = "/incontactapi/services/v27.0"


def f_string():
    return f"https://api-{AREA}.{DOMAIN}{V}"


def format_call():
    return "https://api-{}.niceincontact.com/incontactapi/services/v27.0".format(LOCAL)


def percent():
    return "https://api-%s.niceincontact.com/incontactapi/services/v27.0" % (LOCAL,)


def template():
    return Template("https://api-$area.$domain/incontactapi").substitute(area=AREA, domain=DOMAIN)


def every_area():
    for area in AREAS:
        requests.get(f"https://api-{area}.niceincontact.com/incontactapi/services/v27.0/agents")


def joined():
    return urljoin(f"https://api-{AREA}.niceincontact.com", V)


def unknown_cluster(cluster):
    return "https://api-{}.niceincontact.com/incontactapi/services/v27.0".format(cluster)


def credentials(password):
    return "https://svc:{}@api-na1.niceincontact.com/incontactapi/services/v27.0".format(password)
"""

REGIONS = """\
AREA = "eu1"
"""


def test_hosts_built_from_areas_constants_and_loops(tmp_path: Path) -> None:
    files = {"cxone-app.toml": MANIFEST, "app/hosts.py": HOSTS, "app/regions.py": REGIONS}
    result = run(tmp_path, files, "CX501")
    # One finding per host and file, its other uses related: api-eu1 from an f-string with
    # an imported area, a Template and an urljoin() base; api-ca1 from .format() and %; the
    # loop's au1 (na1 is registered).
    assert found(result) == [
        ("CX501", "app/hosts.py", 15, 12),
        ("CX501", "app/hosts.py", 19, 12),
        ("CX501", "app/hosts.py", 32, 22),
    ]
    assert related(result, "CX501") == [
        [("app/hosts.py", 27, 21), ("app/hosts.py", 36, 20)],
        [("app/hosts.py", 23, 12)],
        [],
    ]
    messages = {d.start.line: d.message for d in result.active}
    assert messages[32].startswith("api-au1.niceincontact.com is in area au1")
    # An unknown cluster and a password stay holes: never a finding, never a value.
    urls = {u.start.line: str(u.url) for u in facts_of_kind(HOSTS, UrlUse, "app/hosts.py")}
    assert urls[40] == (
        "https://api-{param:unknown_cluster:cluster}.niceincontact.com/incontactapi/services/v27.0"
    )
    assert urls[44] == (
        "https://svc:{param:credentials:password}@api-na1.niceincontact.com"
        "/incontactapi/services/v27.0"
    )


# -- 9. one hard-coded host, one finding --------------------------------------------------------

REPEATED = """\
import requests

API = "https://api-na1.niceincontact.com/incontactapi/services/v27.0"


def agents():
    return requests.get(f"{API}/agents", timeout=10)


def skills():
    return requests.get(f"{API}/skills", timeout=10)


def other():
    return requests.get("https://api-c32.nice-incontact.com/inContactAPI/services/v27.0/x")
"""


def test_one_hard_coded_host_is_one_finding_with_its_uses_related(tmp_path: Path) -> None:
    result = run(tmp_path, {"cxone-app.toml": MANIFEST, "app/api.py": REPEATED}, "CX503")
    assert found(result) == [("CX503", "app/api.py", 3, 7), ("CX503", "app/api.py", 15, 25)]
    assert related(result, "CX503") == [[("app/api.py", 7, 25), ("app/api.py", 11, 25)], []]


def test_one_unregistered_or_government_host_is_one_finding_per_file(tmp_path: Path) -> None:
    eu = REPEATED.replace("api-na1", "api-eu1")
    gov = MANIFEST.replace("government = false", "government = true")
    files = {"cxone-app.toml": MANIFEST, "app/api.py": eu, "gov/cxone-app.toml": gov}
    files["gov/api.py"] = REPEATED
    result = run(tmp_path, files, "CX501", "CX502")
    assert found(result) == [
        ("CX501", "app/api.py", 3, 7),
        ("CX502", "gov/api.py", 3, 7),
    ]
    uses = [[("app/api.py", 7, 25), ("app/api.py", 11, 25)]]
    assert related(result, "CX501") == uses
    assert related(result, "CX502") == [[("gov/api.py", 7, 25), ("gov/api.py", 11, 25)]]


# -- 8. files an app lists are CXone code ------------------------------------------------------

APPS_MANIFEST = """\
[[apps]]
name = "portal"
type = "backend"
tenancy = "single"
environments = ["na1"]
government = false
auth_method = "client_secret_basic"
contacts = ["cx-integrations@acme.example"]
paths = ["portal/**"]
[apps.api_user]
username = "svc-portal@acme.example"
"""

NO_HOST = """\
import os

import requests


def token():
    body = {"grant_type": "client_credentials", "scope": "openid"}
    return requests.post(os.environ["TOKEN_URL"], data=body, timeout=10).json()
"""


def test_a_file_an_app_lists_is_cxone_code_though_it_names_no_host(tmp_path: Path) -> None:
    files = {"cxone-app.toml": APPS_MANIFEST, "portal/auth.py": NO_HOST, "tools/auth.py": NO_HOST}
    result = run(tmp_path, files, "CX303")
    # tools/ is not in the app's paths: its token request may be anyone's.
    assert found(result) == [("CX303", "portal/auth.py", 7, 27)]


def test_a_single_app_without_paths_does_not_make_every_file_cxone_code(tmp_path: Path) -> None:
    result = run(tmp_path, {"cxone-app.toml": MANIFEST, "tools/auth.py": NO_HOST}, "CX303")
    assert found(result) == []


JS_HOSTS = """\
import axios from "axios";
import { AREA } from "./regions";

const LOCAL = "ca1";
const API = "https://api-na1.niceincontact.com/incontactapi/services/v27.0";

export const agents = () => axios.get(`https://api-${AREA}.niceincontact.com/incontactapi/v27.0/x`);
export const skills = () => axios.get(`https://api-${LOCAL}.niceincontact.com/incontactapi/v27.0/y`);
export const login = (password) => axios.get(`https://svc:${password}@api-na1.niceincontact.com/`);
export const client = axios.create({ baseURL: "https://api-na1.niceincontact.com" });

const AREAS = ["na1", "au1"];
const PASSWORD = "Hunter2Secret9";
export function each() {
  for (const area of AREAS) axios.get(`https://api-${area}.niceincontact.com/incontactapi/v2/x`);
  axios.get(`https://svc:${PASSWORD}@api-${process.env.AREA || "Hunter2Sec9"}.niceincontact.com`);
}
"""


def test_js_template_hosts_from_constants_and_imports(tmp_path: Path) -> None:
    files = {
        "cxone-app.toml": MANIFEST,
        "src/api.js": JS_HOSTS,
        "src/regions.js": 'export const AREA = "eu1";\n',
    }
    result = run(tmp_path, files, "CX501", "CX503")
    assert found(result) == [
        ("CX501", "src/api.js", 7, 39),  # api-eu1 from ./regions
        ("CX501", "src/api.js", 8, 39),  # api-ca1 from a constant of the file
        ("CX501", "src/api.js", 15, 39),  # the loop's au1 (na1 is registered)
        ("CX503", "src/api.js", 5, 13),
        ("CX503", "src/api.js", 7, 39),
        ("CX503", "src/api.js", 8, 39),
    ]
    # The same host again in the file (the password template, the client's base URL, the
    # loop's first area).
    assert related(result, "CX503")[0] == [
        ("src/api.js", 9, 46),
        ("src/api.js", 10, 47),
        ("src/api.js", 15, 39),
    ]
    # A password and an environment default that is no host never enter a URL fact.
    urls = [
        f for f in analyse(js.parse(JS_HOSTS, "src/api.js"), "src/api.js") if isinstance(f, UrlUse)
    ]
    assert [str(u.url) for u in urls if u.line == 16] == [
        "https://svc:{unknown}@api-{unknown}.niceincontact.com"
    ]


SEALED = """\
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: cxone
spec:
  encryptedData:
    CXONE_CLIENT_SECRET: AgBy8hCi8Q7ZlK3v9dYf2mJ1xL0Q9PZk3N5vC2sR8tY7uI6oP4aS3dF1gH0jK9lZ2xC5vB8nM
"""

NOT_SEALED = """\
kind: Secret
encryptedData:
  CXONE_CLIENT_SECRET: AgBy8hCi8Q7ZlK3v9dYf2mJ1xL0Q9PZk3N5vC2sR8tY7uI6oP4aS3dF1gH0jK9lZ2xC5vB8nM
"""

SOPS = """\
cxone:
  client_secret: ENC[AES256_GCM,data:Tr7o1hRkXj8w0a9kY2Vb3Q==,iv:8C3h4c5d6e7f8g9h0i1j2k3l=,type:str]
  api_secret: q8Zr3Kp0Wm7Xv2Lt9Yc4Bn6Hd1Fs5Ja0
sops:
  version: 3.8.1
"""

HEADER_NAMES = """\
CXONE_SECRET_HEADER = "X-Cxone-Signature"
WEBHOOK_SECRET_HEADER = "X-Hub-Signature-256"
CLIENT_SECRET = "vault:secret/data/cxone#client_secret"
ACCESS_KEY_SECRET = "X-9f8Qw3Lz0Rt7Yp2Mk5Vb1Nc4Xd6Hs8Ja=="
"""


def test_header_names_and_encrypted_values_are_not_secrets(tmp_path: Path) -> None:
    files = {
        "cxone-app.toml": MANIFEST,
        "k8s/sealed.yaml": SEALED,
        "k8s/plain.yaml": NOT_SEALED,
        "k8s/secrets.enc.yaml": SOPS,
        "app/settings.py": HEADER_NAMES,
    }
    result = run(tmp_path, files, "CX401", "CX402", "CX405")
    # Only the values no key encrypts: a Secret's data outside a SealedSecret, the value SOPS
    # left in clear beside an encrypted one, an access key secret that begins with X-.
    assert found(result) == [
        ("CX401", "k8s/plain.yaml", 3, 24),
        ("CX402", "app/settings.py", 4, 21),
        ("CX405", "k8s/secrets.enc.yaml", 3, 15),
    ]


def test_configparser_files_are_read_and_checked_where_they_are_written(tmp_path: Path) -> None:
    files = project("ini-project")
    result = run(tmp_path, files, "CX303", "CX310", "CX401", "CX407")
    # setup.cfg names no CXone value and keeps its odd lines to itself (no syntax error);
    # tox.ini's secret is a dummy; the SOPS value is encrypted.
    assert found(result) == [
        ("CX303", "config/app.ini", 5, 14),
        ("CX310", "config/app.ini", 3, 13),
        ("CX401", "config/app.ini", 6, 17),
        ("CX407", "config/app.ini", 4, 14),
    ]
    by_code = {
        d.code: [(r.path, r.start.line, r.start.column) for r in d.related] for d in result.active
    }
    assert by_code == {
        # {"grant_type": cx["grant_type"], ...} and the request that sends it
        "CX303": [("app/client.py", 11, 27), ("app/client.py", 13, 12)],
        "CX310": [("app/client.py", 13, 12)],  # parser.get("cxone", "token_url")
        "CX401": [],
        "CX407": [("app/client.py", 13, 42)],  # cx.getboolean("verify_ssl")
    }


DEFAULTS = """\
def api(area="eu1"):
    return f"https://api-{area}.niceincontact.com/incontactapi/services/v27.0"


def passed(area="au1"):
    return f"https://api-{area}.niceincontact.com/incontactapi/services/v27.0"


def main():
    return passed("na1")
"""


def test_a_parameter_default_stands_in_when_no_caller_passes_the_argument(
    tmp_path: Path,
) -> None:
    result = run(tmp_path, {"cxone-app.toml": MANIFEST, "app/api.py": DEFAULTS}, "CX501", "CX503")
    # api() keeps its eu1; passed() is called with the registered na1, its au1 never used.
    assert found(result) == [
        ("CX501", "app/api.py", 2, 12),
        ("CX503", "app/api.py", 2, 12),
        ("CX503", "app/api.py", 6, 12),
    ]
    assert [d.message.split()[2] for d in result.active if d.code == "CX503"] == [
        "api-eu1.niceincontact.com",
        "api-na1.niceincontact.com",
    ]
