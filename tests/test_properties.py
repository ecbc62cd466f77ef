"""Property-based tests (hypothesis) over generated projects, with every rule enabled.

Generated inputs: Python modules composed of CXone-like one-line statements (token requests,
secrets, JWTs made with pyjwt, Basic keys, URLs of every host family, TLS switches, logging) and
the same modules broken by mutation; registration manifests in TOML and App Registration JSON
with known and unknown keys holding values of arbitrary types; .env, JSON and YAML files; and
suppression comments.

Properties: nothing crashes (no exception, no LINT003); the output is deterministic; every reported
location lies inside its file (line <= lines + 1, column <= line length + 1); a suppression
removes exactly the codes it names on its line, and names the unused ones (LINT010).

Example counts are kept modest (CI runs on 2 cores) and printed at the end of the module.
"""

from __future__ import annotations

import base64
import json
import re
import string
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import jwt
import tomlkit
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxone_lint.api.diagnostics import Diagnostic
from cxone_lint.api.results import RunResult
from cxone_lint.api.settings import Settings
from cxone_lint.run.engine import Engine, RunOptions
from cxone_lint.run.registry import load_registry
from cxone_lint.run.settings import apply_table
from cxone_lint.testing import write_project

# The installed packs only: "every rule enabled" means every rule a user would run.
REGISTRY = load_registry()
ALL = REGISTRY.select(["ALL"], [], [])
# Findings about suppression comments themselves (unused, unknown, malformed, no reason given).
TOOL_CODES = {"LINT010", "LINT011", "LINT012", "CX702"}
EXAMPLES = Counter()  # property -> examples run, printed by the last test

PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=False,
)


def run(files: dict[str, str], table: dict[str, Any] | None = None) -> RunResult:
    """Lint `files` in a fresh directory with every rule, in-process, no cache."""
    with tempfile.TemporaryDirectory(prefix="cxone-prop-") as name:
        tmp = Path(name)
        write_project(tmp, files)
        settings_ = Settings(root=tmp.resolve())
        apply_table(settings_, dict(table or {}), REGISTRY.options, "<property>")
        engine = Engine(settings_, REGISTRY, ALL)
        return engine.run(RunOptions(paths=[tmp], use_cache=False, jobs=1))


def check_invariants(files: dict[str, str], table: dict[str, Any] | None = None) -> RunResult:
    first = run(files, table)
    second = run(files, table)
    crashes = [d for d in first.diagnostics if d.code == "LINT003"]
    assert crashes == [], [d.message for d in crashes]
    assert [d.to_json() for d in first.diagnostics] == [d.to_json() for d in second.diagnostics]
    assert first.stats.files_seen == first.stats.files_analysed + len(first.stats.files_skipped)
    for d in first.diagnostics:
        _inside(d, files)
    return first


def _inside(d: Diagnostic, files: dict[str, str]) -> None:
    text = files[d.path].encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = text.removeprefix("\ufeff")
    # Universal newlines, as editors, tokenize and SARIF viewers count lines; a trailing line
    # break gives an empty last line (where an end-of-file error points).
    lines = re.split(r"\r\n|\r|\n", text)
    where = f"{d.code} {d.path}:{d.start.line}:{d.start.column} ({d.message})"
    for pos in (d.start, d.end or d.start):
        assert 1 <= pos.line <= len(lines), where
        assert 1 <= pos.column <= len(lines[pos.line - 1]) + 1, where


# -- Python -------------------------------------------------------------------------------------

ALNUM = string.ascii_letters + string.digits
HOSTS = [
    "https://cxone.niceincontact.com",
    "https://cxone-gov.niceincontact.com",
    "https://na1.nice-incontact.com",
    "http://na1.nice-incontact.com",
    "https://api-na1.niceincontact.com",
    "https://api.incontact.com",
    "https://api-c30.incontact.com",
    "https://auth.eu1.nice-incontact.com",
    "https://au1.cxone.niceincontact.com",
    "https://example.com",
    "http://localhost:8080",
]
PATHS = [
    "/auth/token",
    "/auth/authorize",
    "/.well-known/openid-configuration",
    "/InContactAuthorizationServer/Token",
    "/authentication/v1/token/access-key",
    "/inContactAPI/services/v26.0/agents",
    "/incontactapi/services/v31.0/contacts/active",
    "",
]
GRANTS = ["password", "client_credentials", "authorization_code", "implicit", "refresh_token"]

secret_text = st.text(alphabet=ALNUM + "+/=_-", min_size=0, max_size=64)
identifier = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,20}", fullmatch=True).filter(
    lambda s: (
        s not in {"None", "True", "False", "def", "class", "import", "from", "return"}
        and not __import__("keyword").iskeyword(s)
    )
)
url = st.builds(
    lambda h, p, q: h + p + q,
    st.sampled_from(HOSTS),
    st.sampled_from(PATHS),
    st.sampled_from(["", "?x=1", "#f"]),
)
literal = st.one_of(
    secret_text.map(repr),
    st.integers().map(str),
    st.booleans().map(str),
    st.none().map(str),
    url.map(repr),
    st.text(max_size=30).map(repr),
)


@st.composite
def jwt_text(draw: st.DrawFn) -> str:
    text_claim = st.text(alphabet=ALNUM + ":.-", max_size=20)
    claims = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "iss": st.one_of(text_claim, url),
                "sub": text_claim,
                "aud": st.one_of(text_claim, url),
                "tenantId": text_claim,
                "icBUId": st.integers(0, 2**31),
                "exp": st.integers(0, 2**31),
                "iat": st.integers(0, 2**31),
            },
        )
    )
    key = draw(st.text(alphabet=ALNUM, min_size=64, max_size=64))
    return jwt.encode(claims, key, algorithm=draw(st.sampled_from(["HS256", "HS512"])))


basic_key = st.builds(
    lambda a, v, bu: base64.b64encode(f"{a}@{v}:{bu}".encode()).decode(),
    st.text(alphabet=string.ascii_letters, min_size=1, max_size=10),
    st.text(alphabet=string.ascii_letters, min_size=1, max_size=10),
    st.integers(1, 10**8),
)

STATEMENTS: list[st.SearchStrategy[str]] = [
    st.just("import requests"),
    st.just("import os, logging, ssl, base64"),
    st.builds(lambda s: f"CLIENT_SECRET = {s!r}", secret_text),
    st.builds(
        lambda s: f'client_secret = "{s}"', st.text(alphabet=ALNUM, min_size=30, max_size=45)
    ),
    st.builds(lambda s: f"ACCESS_KEY_SECRET = {s!r}", secret_text.map(lambda x: x + "=")),
    st.builds(lambda s: f"ACCESS_TOKEN = {s!r}", jwt_text()),
    st.builds(lambda k: f'HEADERS = {{"Authorization": "Basic {k}"}}', basic_key),
    st.builds(lambda k: f'AUTH = "basic {k}"', basic_key),
    st.builds(lambda u: f"TOKEN_URL = {u!r}", url),
    st.builds(lambda n, v: f"{n} = {v}", identifier, literal),
    st.builds(lambda n: f'{n} = os.environ["{n.upper()}"]', identifier),
    st.builds(
        lambda u, g, v, s: (
            f"r = requests.post({u!r}, data={{'grant_type': {g!r}, 'client_secret': {s!r}}}, "
            f"verify={v})"
        ),
        url,
        st.sampled_from(GRANTS),
        st.booleans(),
        secret_text,
    ),
    st.builds(lambda u, v: f"s = requests.get({u!r}, verify={v}, timeout=5)", url, st.booleans()),
    st.builds(
        lambda u, i, s: f"r = requests.post({u!r}, auth=({i!r}, {s!r}))",
        url,
        secret_text,
        secret_text,
    ),
    st.just("session = requests.Session(); session.verify = False"),
    st.just("ctx = ssl._create_unverified_context()"),
    st.just('token = r.json()["access_token"]; print(token)'),
    st.just('logging.info("token %s", r.json()["access_token"])'),
    st.builds(lambda t: f'jwt_claims = {{"iss": "client", "sub": "client", "aud": {t!r}}}', url),
    st.just("import pdb; pdb.set_trace()"),
]
statement = st.one_of(*STATEMENTS)


@st.composite
def python_module(draw: st.DrawFn) -> str:
    lines = draw(st.lists(statement, min_size=1, max_size=12))
    if draw(st.booleans()):
        return "def f():\n" + "".join(f"    {line}\n" for line in lines)
    return "".join(f"{line}\n" for line in lines)


@st.composite
def broken(draw: st.DrawFn, text: st.SearchStrategy[str]) -> str:
    """A text mutated where a parser is most likely to trip."""
    s = draw(text)
    at = draw(st.integers(0, len(s)))
    how = draw(st.sampled_from(["insert", "delete", "truncate", "replace"]))
    junk = draw(st.text(alphabet="([{)]}:\"'\\\t\0\r\n#=\ufeff\u2028é", min_size=1, max_size=4))
    if how == "insert":
        return s[:at] + junk + s[at:]
    if how == "delete":
        return s[:at] + s[at + len(junk) :]
    if how == "truncate":
        return s[:at]
    return s[:at] + junk + s[at + 1 :]


@PROPERTY
@given(python_module())
def test_valid_python(module: str) -> None:
    EXAMPLES["valid python"] += 1
    result = check_invariants({"app.py": module, "pkg/client.py": module})
    assert not [d for d in result.diagnostics if d.code == "LINT001"], module


@PROPERTY
@given(st.one_of(broken(python_module()), st.text(max_size=300)))
def test_invalid_python(module: str) -> None:
    EXAMPLES["invalid python"] += 1
    check_invariants({"app.py": "import requests\n" + module, "ok.py": "import requests\n"})


# -- suppressions -------------------------------------------------------------------------------


@st.composite
def suppressed_module(draw: st.DrawFn) -> tuple[str, int, list[str]]:
    module = draw(python_module())
    lines = module.splitlines()
    index = draw(st.integers(0, len(lines) - 1))
    codes = draw(
        st.lists(
            st.sampled_from(sorted(c for c in REGISTRY.rules if c not in TOOL_CODES)),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    return module, index + 1, codes


@PROPERTY
@given(suppressed_module(), st.data())
def test_suppression_removes_exactly_the_named_codes(
    generated: tuple[str, int, list[str]], data: st.DataObject
) -> None:
    EXAMPLES["suppressions"] += 1
    module, line, extra_codes = generated
    before = check_invariants({"app.py": module})
    on_line = sorted({d.code for d in before.active if d.line == line and d.path == "app.py"})
    # Name some of the codes really reported there, plus some that are not.
    named = sorted(
        set(data.draw(st.lists(st.sampled_from(on_line), unique=True)) if on_line else [])
        | set(extra_codes[: data.draw(st.integers(0, len(extra_codes)))])
    )
    if not named:
        named = extra_codes[:1]
    reason = data.draw(st.sampled_from(["", " -- known test fixture", " because CX999 said so"]))
    lines = module.splitlines()
    lines[line - 1] += f"  # noqa: {', '.join(named)}{reason}"
    text = "\n".join(lines) + "\n"
    after = check_invariants({"app.py": text})

    def active(result: RunResult) -> Counter[tuple[str, int]]:
        return Counter((d.code, d.line) for d in result.active if d.code not in TOOL_CODES)

    expected = active(before)
    for key in list(expected):
        if key[1] == line and key[0] in named:
            del expected[key]
    assert active(after) == expected, text
    unused = sorted(c for c in named if c not in on_line)
    assert (
        sorted(d.message.split()[2].rstrip(":") for d in after.active if d.code == "LINT010")
        == unused
    ), text
    assert [d.code for d in after.active if d.code in ("LINT011", "LINT012")] == []


# -- manifests ----------------------------------------------------------------------------------

scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    url,
    st.sampled_from(
        [
            "backend",
            "confidential",
            "public",
            "single",
            "all",
            "na1",
            "enabled",
            "client_secret_basic",
            "client_secret_post",
            "client_secret_jwt",
            "",
        ]
    ),
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
APP_KEYS = [
    "name",
    "client_id",
    "type",
    "tenancy",
    "tenant_id",
    "business_unit",
    "environments",
    "government",
    "auth_method",
    "scope",
    "origins",
    "redirects",
    "logouts",
    "jwks_endpoint",
    "contacts",
    "status",
    "paths",
    "description",
]
JSON_KEYS = [
    "id",
    "name",
    "type",
    "tenancy",
    "redirects",
    "origins",
    "logouts",
    "authMethod",
    "jwksEndpoint",
    "scope",
    "contacts",
    "isEnabled",
    "businessUnit",
    "tenantId",
    "environments",
    "apiUser",
    "secret",
    "createdBy",
]
USER_KEYS = [
    "username",
    "login_authenticator",
    "primary_role",
    "permissions",
    "attributes",
    "shared_with_humans",
]


def table(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(
        st.one_of(st.sampled_from(keys), st.text(max_size=10)), value, max_size=8
    )


def _no_none(v: Any) -> Any:
    """TOML has no null; tomlkit also wants string keys and finite floats."""
    if isinstance(v, dict):
        return {str(k): _no_none(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [_no_none(x) for x in v if x is not None]
    return v


toml_manifest = st.one_of(
    st.fixed_dictionaries({"app": table(APP_KEYS)}, optional={"api_user": table(USER_KEYS)}),
    st.fixed_dictionaries({"apps": st.lists(table([*APP_KEYS, "api_user"]), max_size=3)}),
    table(["app", "api_user", "apps"]),
).map(_no_none)


@PROPERTY
@given(toml_manifest)
def test_toml_manifests(manifest: dict[str, Any]) -> None:
    EXAMPLES["toml manifests"] += 1
    text = tomlkit.dumps(manifest)
    check_invariants({"cxone-app.toml": text, "app.py": "import requests\n"})


json_manifest = st.one_of(
    st.fixed_dictionaries({}, optional={k: value for k in JSON_KEYS}),
    table(JSON_KEYS),
    value,
)


@PROPERTY
@given(json_manifest, st.sampled_from([None, 2]))
def test_app_registration_json(manifest: Any, indent: int | None) -> None:
    EXAMPLES["json manifests"] += 1
    text = json.dumps(manifest, indent=indent)
    check_invariants({"cxone-app.json": text, "app.py": "import requests\n"})


@PROPERTY
@given(
    st.one_of(broken(toml_manifest.map(tomlkit.dumps)), broken(json_manifest.map(json.dumps))),
    st.sampled_from(["cxone-app.toml", "cxone-app.json"]),
)
def test_broken_manifests(text: str, name: str) -> None:
    EXAMPLES["broken manifests"] += 1
    check_invariants({name: _no_unicode_breaks(text), "app.py": "import requests\n"})


# -- .env, JSON, YAML ---------------------------------------------------------------------------

env_key = st.one_of(
    st.sampled_from(
        [
            "CXONE_CLIENT_ID",
            "CXONE_CLIENT_SECRET",
            "ACCESS_KEY_SECRET",
            "TOKEN",
            "PASSWORD",
            "CXONE_AUTH",
            "API_URL",
            "DEBUG",
        ]
    ),
    st.from_regex(r"[A-Z_][A-Z0-9_]{0,15}", fullmatch=True),
)
env_value = st.one_of(
    secret_text,
    jwt_text(),
    basic_key,
    url,
    st.text(max_size=20),
    st.sampled_from(["changeme", "<your-secret>", "${OTHER}", "''", '""']),
)


@st.composite
def env_file(draw: st.DrawFn) -> str:
    lines = []
    for key, val in draw(st.lists(st.tuples(env_key, env_value), max_size=8)):
        style = draw(st.sampled_from(["plain", "single", "double", "export", "comment"]))
        if style == "single":
            lines.append(f"{key}='{val}'")
        elif style == "double":
            lines.append(f'{key}="{val}"')
        elif style == "export":
            lines.append(f"export {key}={val}")
        elif style == "comment":
            lines.append(f"# {key}={val}")
        else:
            lines.append(f"{key}={val}")
    return "\n".join(lines) + ("\n" if draw(st.booleans()) else "")


config_value = st.recursive(
    st.one_of(scalar, env_value),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(env_key.map(str.lower), st.text(max_size=8)), inner, max_size=4),
    ),
    max_leaves=15,
)


def _yaml(v: Any) -> str:
    return yaml.safe_dump(v, allow_unicode=True, sort_keys=False)


# Positions follow one line convention (LF, CRLF, lone CR; see the two tests below), but the
# suppression properties edit generated text line by line with str.splitlines, which also
# splits at NEL, LS and PS: those characters are kept out of generated config text.
_YAML_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})


def _no_unicode_breaks(text: str) -> str:
    return re.sub(r"\r(?!\n)", " ", text.translate(_YAML_BREAKS))


@PROPERTY
@given(
    st.one_of(env_file(), broken(env_file())),
    st.one_of(config_value.map(json.dumps), broken(config_value.map(json.dumps))).map(
        _no_unicode_breaks
    ),
    st.one_of(config_value.map(_yaml), broken(config_value.map(_yaml))).map(_no_unicode_breaks),
)
def test_config_files(env: str, json_text: str, yaml_text: str) -> None:
    EXAMPLES["config files"] += 1
    check_invariants(
        {
            ".env": env,
            ".env.production": env,
            "config/settings.json": json_text,
            "deploy/values.yaml": yaml_text,
            "app.py": "import os\n",
        }
    )


@PROPERTY
@given(config_value.filter(lambda v: isinstance(v, dict) and v), st.data())
def test_config_suppressions(doc: dict[str, Any], data: st.DataObject) -> None:
    """A YAML line's `# noqa` removes exactly the named codes reported on that line."""
    EXAMPLES["config suppressions"] += 1
    text = _no_unicode_breaks(_yaml(doc))
    before = check_invariants({"values.yaml": text})
    reported = sorted({(d.line, d.code) for d in before.active if d.code not in TOOL_CODES})
    if not reported:
        return
    line, code = data.draw(st.sampled_from(reported))
    lines = text.splitlines()
    if lines[line - 1].rstrip().endswith(("|", ">", "|-", ">-")) or "#" in lines[line - 1]:
        return  # a comment there would change the document
    lines[line - 1] += f"  # noqa: {code}"
    after = check_invariants({"values.yaml": "\n".join(lines) + "\n"})
    want = Counter((d.line, d.code) for d in before.active if d.code not in TOOL_CODES)
    del want[(line, code)]
    assert Counter((d.line, d.code) for d in after.active if d.code not in TOOL_CODES) == want


def test_yaml_unicode_line_separator() -> None:
    """Found by test_config_files: PyYAML's marks count NEL/LS/PS as line breaks, so a finding
    after one points past the last line an editor or SARIF viewer shows."""
    text = 'a: "x\u2028y"\nb: [\n'  # 3 lines (the last one empty); reported on line 4
    result = run({"values.yaml": text})
    (error,) = [d for d in result.active if d.code == "LINT001"]
    _inside(error, {"values.yaml": text})


def test_json_lone_carriage_return() -> None:
    """Found by test_broken_manifests: the json module counts lines by LF only, so an error
    after a lone CR is reported on the line before, at a column past its end."""
    text = "\rapps = []\n"
    result = run({"cxone-app.json": text})
    (error,) = [d for d in result.active if d.code == "LINT001"]
    _inside(error, {"cxone-app.json": text})


def test_zz_example_counts() -> None:
    """Printed with `pytest -s`; also asserts the properties really ran examples."""
    print("\nhypothesis examples per property:", dict(sorted(EXAMPLES.items())))
    assert all(count > 0 for count in EXAMPLES.values())
