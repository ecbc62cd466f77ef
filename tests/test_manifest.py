"""The registration manifest API: discovery, both formats, positions, app_for, problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cxone_rules.manifest import (
    ApiUser,
    App,
    Manifest,
    get_manifest,
    get_manifests,
    manifest_for,
)
from cxone_rules.manifest.urls import normal_origin, origin_problems, redirect_problems
from hypothesis import given, settings
from hypothesis import strategies as st

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Position
from cxone_lint.testing import run_project, write_project

TOML = """\
# Acme
[app]
name = "Acme Callback Scheduler"
client_id = "6f1c2a4e"
type = "backend"
tenancy = "all"
business_unit = 4600123
environments = ["na1", "eu1"]
government = false
auth_method = "client_secret_basic"
scope = ["PatronAPI"]
origins = []
contacts = [
  "ops@acme.example",
  "cx@acme.example",
]
status = "disabled"

[api_user]
username = "svc-callback@acme.example"
primary_role = "Acme API"
permissions = ["ACD > Contacts > View"]
attributes = []
shared_with_humans = false
"""

EXPORT = """\
{
  "id": "0b9d6c3e",
  "name": "Acme Portal",
  "type": "confidential",
  "tenancy": "single",
  "authMethod": "client_secret_post",
  "jwksEndpoint": "https://keys.acme.example/jwks",
  "scope": "openid  RealTimeDataAPI",
  "origins": ["https://portal.acme.example"],
  "redirects": ["https://portal.acme.example/cb"],
  "logouts": [],
  "contacts": ["ops@acme.example"],
  "isEnabled": true,
  "scheduledDeletionTime": null
}
"""

MONO = """\
[[apps]]
name = "billing"
type = "backend"
paths = ["services/billing/**"]

[apps.api_user]
username = "svc-billing"

[[apps]]
name = "portal"
type = "confidential"
paths = ["services/portal/**", "shared/auth.py"]
"""


def context(tmp_path: Path, files: dict[str, str], **settings: object) -> ProjectContext:
    """The context of a real run over `files` (so ctx.files and documents are the engine's)."""
    write_project(tmp_path, files)
    result = run_project(tmp_path, ["CX005"], dict(settings))
    assert result.context is not None
    ctx = result.context
    # A fresh cache: the tests call the API themselves.
    for key in [k for k in ctx.shared if k.startswith("cxone.manifest")]:
        del ctx.shared[key]
    return ctx


def test_toml_manifest_fields_and_positions(tmp_path: Path) -> None:
    ctx = context(tmp_path, {"cxone-app.toml": TOML, "src/app.py": "x = 1\n"})
    manifest = get_manifest(ctx)
    assert isinstance(manifest, Manifest)
    assert (manifest.path, manifest.format, manifest.error, manifest.problems) == (
        "cxone-app.toml",
        "toml",
        None,
        [],
    )
    [app] = manifest.apps
    assert isinstance(app, App)
    assert (app.name, app.client_id, app.type, app.tenancy, app.business_unit) == (
        "Acme Callback Scheduler",
        "6f1c2a4e",
        "backend",
        "all",
        4600123,
    )
    assert app.environments == ["na1", "eu1"]
    assert app.government is False
    assert app.scope == ["PatronAPI"]
    assert app.contacts == ["ops@acme.example", "cx@acme.example"]
    assert app.status == "disabled"
    assert app.table_path == ("app",)
    assert isinstance(app.api_user, ApiUser)
    assert app.api_user.username == "svc-callback@acme.example"
    assert app.api_user.shared_with_humans is False
    assert app.api_user.table_path == ("api_user",)
    assert manifest.position(app, "auth_method") == Position(10, 15)
    assert manifest.position(app, "contacts", 1) == Position(15, 3)
    assert manifest.position(app, "jwks_endpoint") == Position(2, 1)  # absent: the table
    assert manifest.position(app.api_user, "primary_role") == Position(21, 16)
    assert manifest.key_position(app, "scope") == Position(11, 1)
    assert manifest.app_for("src/app.py") is app
    assert ctx.shared["cxone.manifest"] is manifest
    assert get_manifest(ctx) is manifest  # cached


def test_json_export_maps_to_the_same_model(tmp_path: Path) -> None:
    ctx = context(tmp_path, {"cxone-app.json": EXPORT})
    manifest = get_manifest(ctx)
    assert manifest is not None and manifest.format == "json" and manifest.problems == []
    [app] = manifest.apps
    assert (app.client_id, app.auth_method, app.jwks_endpoint, app.status) == (
        "0b9d6c3e",
        "client_secret_post",
        "https://keys.acme.example/jwks",
        "enabled",
    )
    assert app.scope == ["openid", "RealTimeDataAPI"]
    assert app.table_path == ()
    assert manifest.position(app, "auth_method") == Position(6, 17)
    assert manifest.position(app, "status") == Position(13, 16)
    assert manifest.position(app, "origins", 0) == Position(9, 15)
    assert manifest.key_name("auth_method") == "authMethod"


def test_json_export_scheduled_for_deletion(tmp_path: Path) -> None:
    text = '{"id": "x", "isEnabled": false, "scheduledDeletionTime": "2026-12-01T00:00:00Z"}'
    ctx = context(tmp_path, {"cxone-app.json": text})
    manifest = get_manifest(ctx)
    assert manifest is not None and manifest.apps[0].status == "deleted"


def test_json_list_response(tmp_path: Path) -> None:
    text = '{"applications": [{"id": "a", "type": "backend"}, {"id": "b", "type": "public"}]}'
    ctx = context(tmp_path, {"cxone-app.json": text})
    manifest = get_manifest(ctx)
    assert manifest is not None
    assert [(a.client_id, a.table_path) for a in manifest.apps] == [
        ("a", ("applications", 0)),
        ("b", ("applications", 1)),
    ]


def test_monorepo_app_for(tmp_path: Path) -> None:
    ctx = context(tmp_path, {"cxone-app.toml": MONO})
    manifest = get_manifest(ctx)
    assert manifest is not None and manifest.multi and manifest.problems == []
    billing, portal = manifest.apps
    assert billing.api_user is not None and billing.api_user.table_path == ("apps", 0, "api_user")
    assert portal.api_user is None
    assert manifest.app_for("services/billing/jobs/run.py") is billing
    assert manifest.app_for("services/portal/app.py") is portal
    assert manifest.app_for("shared/auth.py") is portal
    assert manifest.app_for("tools/dev.py") is None
    assert manifest.position(portal, "type") == Position(11, 8)
    assert manifest.table_position(portal) == Position(9, 1)
    assert manifest.position(billing.api_user, "username") == Position(7, 12)


def test_nested_manifest_governs_its_directory(tmp_path: Path) -> None:
    files = {
        "README.md": "",
        "integrations/scheduler/cxone-app.toml": '[app]\nname = "Scheduler"\n',
        "integrations/scheduler/main.py": "x = 1\n",
        "tools/x.py": "x = 1\n",
        "cxone-lint.toml": "",
    }
    ctx = context(tmp_path, files)
    manifest = get_manifest(ctx)
    assert manifest is not None and manifest.path == "integrations/scheduler/cxone-app.toml"
    assert manifest.app_for("integrations/scheduler/main.py") is manifest.apps[0]
    assert manifest.app_for("tools/x.py") is None
    assert manifest_for(ctx, "integrations/scheduler/main.py") is manifest
    assert manifest_for(ctx, "tools/x.py") is None


def test_several_manifests_none_at_the_root(tmp_path: Path) -> None:
    files = {
        "cxone-lint.toml": "",
        "a/cxone-app.toml": '[app]\nname = "A"\n',
        "b/cxone-app.toml": '[app]\nname = "B"\n',
        "b/cxone-app.json": '{"name": "B as exported"}',
    }
    ctx = context(tmp_path, files)
    assert [m.path for m in get_manifests(ctx)] == ["a/cxone-app.toml", "b/cxone-app.toml"]
    assert get_manifest(ctx) is None
    assert manifest_for(ctx, "b/main.py") is not None
    assert manifest_for(ctx, "b/main.py").apps[0].name == "B"  # type: ignore[union-attr]


def test_manifest_setting(tmp_path: Path) -> None:
    files = {"cxone-app.toml": '[app]\nname = "root"\n', "reg/app.json": '{"name": "named"}'}
    ctx = context(tmp_path, files, manifest="reg/app.json")
    manifest = get_manifest(ctx)
    assert manifest is not None and manifest.apps[0].name == "named"
    assert [m.path for m in get_manifests(ctx)] == ["reg/app.json"]


def test_manifest_setting_naming_a_missing_file(tmp_path: Path) -> None:
    ctx = context(tmp_path, {"cxone-app.toml": "[app]\n"}, manifest="nope.toml")
    assert get_manifest(ctx) is None
    assert ctx.shared["cxone.manifest.note"] == (
        "the registration manifest named in settings (nope.toml) does not exist"
    )


def test_no_manifest(tmp_path: Path) -> None:
    ctx = context(tmp_path, {"app.py": "x = 1\n"})
    assert get_manifest(ctx) is None
    assert ctx.shared["cxone.manifest"] is None


def test_unparseable_manifest(tmp_path: Path) -> None:
    ctx = context(tmp_path, {"cxone-app.toml": '[app]\nname = "x\n'})
    manifest = get_manifest(ctx)
    assert manifest is not None
    assert manifest.document is None and manifest.apps == []
    assert manifest.error is not None and manifest.error.startswith("invalid TOML")
    assert manifest.error_position is not None and manifest.error_position.line == 2


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            '[app]\norigins = "https://a.example"\n',
            [("type", 2, "`app.origins` must be a list of strings, not a string")],
        ),
        (
            '[app]\nbusiness_unit = "abc"\n',
            [("type", 2, "`app.business_unit` must be an integer, not a string")],
        ),
        (
            "[app]\ngovernment = 0\n",
            [("type", 2, "`app.government` must be true or false, not an integer")],
        ),
        (
            '[app]\nAuthMethod = "client_secret_basic"\n',
            [
                (
                    "unknown",
                    2,
                    "unknown manifest key `AuthMethod` in app: it is ignored, so nothing checks "
                    "it (did you mean `auth_method`?)",
                )
            ],
        ),
        (
            '[app]\nbusiness-unit = 1\n[api_user]\nrole = "x"\n',
            [
                (
                    "unknown",
                    2,
                    "unknown manifest key `business-unit` in app: it is ignored, so nothing "
                    "checks it (did you mean `business_unit`?)",
                ),
                (
                    "unknown",
                    4,
                    "unknown manifest key `role` in api_user: it is ignored, so nothing checks it",
                ),
            ],
        ),
        ('app = "x"\n', [("type", 1, "`app` must be a table, not a string")]),
        (
            "[apps]\nname = 1\n",
            [("type", 1, "`apps` must be an array of tables ([[apps]]), not a table")],
        ),
    ],
)
def test_problems(tmp_path: Path, text: str, problems: list[tuple[str, int, str]]) -> None:
    ctx = context(tmp_path, {"cxone-app.toml": text})
    manifest = get_manifest(ctx)
    assert manifest is not None
    got = [(p.kind, p.position.line, p.message) for p in manifest.problems]
    assert got == problems


def test_wrong_type_is_invalid_not_missing(tmp_path: Path) -> None:
    ctx = context(tmp_path, {"cxone-app.toml": '[app]\nbusiness_unit = "4600123"\n'})
    manifest = get_manifest(ctx)
    assert manifest is not None
    [app] = manifest.apps
    assert app.business_unit is None and "business_unit" in app.invalid
    assert manifest.problems[0].hint == "write business_unit = 4600123 (a number, without quotes)"


def test_json_unknown_key_suggests_the_api_spelling(tmp_path: Path) -> None:
    ctx = context(tmp_path, {"cxone-app.json": '{\n  "jwks_endpoint": "https://k.example"\n}'})
    manifest = get_manifest(ctx)
    assert manifest is not None
    [problem] = manifest.problems
    assert (problem.kind, problem.position, problem.hint) == (
        "unknown",
        Position(2, 3),
        "did you mean `jwksEndpoint`?",
    )


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("https://App.Acme.example:443", "https://app.acme.example"),
        ("http://localhost:80", "http://localhost"),
        ("https://app.acme.example:8443/x", "https://app.acme.example:8443"),
        ("http://[::1]:3000", "http://[::1]:3000"),
        ("app.acme.example", None),
        ("https://app.acme.example:notaport", None),
    ],
)
def test_normal_origin(url: str, normal: str | None) -> None:
    assert normal_origin(url) == normal


@pytest.mark.parametrize(
    ("origin", "count"),
    [
        ("https://app.acme.example", 0),
        ("http://localhost:3000", 0),
        ("http://127.0.0.1:8765", 0),
        ("http://[::1]:8765", 0),
        ("https://app.acme.example/", 1),
        ("http://app.acme.example/x?y=1", 3),
        ("https://user@app.acme.example", 1),
        ("ftp://app.acme.example", 1),
        ("https://*.acme.example", 1),
    ],
)
def test_origin_problems(origin: str, count: int) -> None:
    assert len(origin_problems(origin)) == count


@pytest.mark.parametrize(
    ("uri", "public", "count"),
    [
        ("https://app.acme.example/cb", False, 0),
        ("http://localhost:3000/cb", False, 0),
        ("http://app.acme.example/cb", False, 1),
        ("https://app.acme.example/cb#x", False, 1),
        ("com.acme.app:/oauth2redirect", True, 0),
        ("com.acme.app:/oauth2redirect", False, 1),
        ("/relative/cb", False, 1),
    ],
)
def test_redirect_problems(uri: str, public: bool, count: int) -> None:
    assert len(redirect_problems(uri, allow_private_scheme=public)) == count


def test_crlf_manifest_positions(tmp_path: Path) -> None:
    text = '[app]\r\nname = "Acme"\r\norigins = [\r\n  "https://a.example",\r\n]\r\n'
    ctx = context(tmp_path, {"cxone-app.toml": text})
    manifest = get_manifest(ctx)
    assert manifest is not None
    assert manifest.position(manifest.apps[0], "origins", 0) == Position(4, 3)


def test_undecodable_manifest(tmp_path: Path) -> None:
    ctx = context(tmp_path, {"cxone-app.toml": '[app]\nname = "caf\udce9"\n'})
    manifest = get_manifest(ctx)
    assert manifest is not None
    assert (manifest.document, manifest.error) == (None, "cannot be read")


def test_empty_manifest(tmp_path: Path) -> None:
    ctx = context(tmp_path, {"cxone-app.toml": ""})
    manifest = get_manifest(ctx)
    assert manifest is not None and manifest.apps == []
    assert [(p.kind, p.position.line) for p in manifest.problems] == [("structure", 1)]


@settings(max_examples=60, deadline=None)
@given(
    origins=st.lists(
        st.from_regex(r"https://[a-z]{1,8}\.example(:[0-9]{2,4})?", fullmatch=True),
        min_size=1,
        max_size=6,
    ),
    comments=st.lists(st.booleans(), min_size=6, max_size=6),
    blank=st.integers(min_value=0, max_value=3),
)
def test_item_positions_property(
    tmp_path_factory: pytest.TempPathFactory, origins: list[str], comments: list[bool], blank: int
) -> None:
    """Every origin's reported position is the exact line and column of its string."""
    lines = ["[app]", 'name = "Acme"'] + [""] * blank + ["origins = ["]
    for index, origin in enumerate(origins):
        if comments[index]:
            lines.append(f'  # "{origin}" was the old one')
        lines.append(f'  "{origin}",  # entry {index}')
    lines.append("]")
    toml_text = "\n".join(lines) + "\n"
    json_text = json.dumps({"name": "Acme", "origins": origins}, indent=2)
    for name, text in (("cxone-app.toml", toml_text), ("cxone-app.json", json_text)):
        root = tmp_path_factory.mktemp("prop")
        ctx = context(root, {name: text})
        manifest = get_manifest(ctx)
        assert manifest is not None and manifest.problems == []
        [app] = manifest.apps
        source = text.splitlines()
        for index, origin in enumerate(origins):
            pos = manifest.position(app, "origins", index)
            assert source[pos.line - 1][pos.column - 1 :].startswith(f'"{origin}"')


_FIELDS = [
    "name",
    "type",
    "tenancy",
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
    "api_user",
    "authMethod",
    "isEnabled",
    "id",
    "username",
    "primary_role",
    "permissions",
    "attributes",
    "login_authenticator",
    "shared_with_humans",
]
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.sampled_from(
        [
            "backend",
            "public",
            "all",
            "na2",
            "client_secret_jwt",
            "https://a.example/",
            "http://localhost:1/cb#x",
            "*",
            "Administrator",
            "jane.doe@x.example",
            "",
        ]
    ),
    st.text(max_size=12),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(_FIELDS), inner, max_size=6),
    ),
    max_leaves=20,
)
_MANIFESTS = st.dictionaries(
    st.sampled_from(["app", "api_user", "apps", "applications", *_FIELDS]), _VALUES, max_size=6
)


@settings(max_examples=80, deadline=None)
@given(data=_MANIFESTS)
def test_any_manifest_is_a_finding_never_a_crash(
    tmp_path_factory: pytest.TempPathFactory, data: dict
) -> None:
    """Whatever shape the manifest has, every CX0/CX1/CX2 rule finishes (no LINT003)."""
    root = tmp_path_factory.mktemp("fuzz")
    write_project(root, {"cxone-app.json": json.dumps(data)})
    result = run_project(root, ["CX0", "CX1", "CX2"])
    assert not [d for d in result.diagnostics if d.code == "LINT003"], [
        d.message for d in result.diagnostics if d.code == "LINT003"
    ]
    try:
        import tomlkit

        toml_text = tomlkit.dumps(_tomlable(data))
    except Exception:  # not every JSON shape is TOML (null, mixed arrays); JSON covered it
        return
    root = tmp_path_factory.mktemp("fuzz")
    write_project(root, {"cxone-app.toml": toml_text})
    result = run_project(root, ["CX0", "CX1", "CX2"])
    assert not [d for d in result.diagnostics if d.code == "LINT003"]


def _tomlable(value: object) -> object:
    if isinstance(value, dict):
        return {k: _tomlable(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_tomlable(v) for v in value if v is not None]
    return value
