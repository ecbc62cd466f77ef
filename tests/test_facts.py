"""Typed facts: the header, the JSON codec, batches (cxone_lint/api/facts.py) and the CXone
fact kinds (rules/cxone_rules/facts/kinds.py)."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError

import pytest
from cxone_rules.domain.secrets import JwtInfo
from cxone_rules.facts.kinds import (
    AuthorizeRequest,
    EnvFix,
    FileTraits,
    JwtEncode,
    SecretLiteral,
    TokenRequest,
    UrlUse,
)
from cxone_rules.facts.symstr import Hole, SymStr, hole, lit

from cxone_lint.api.diagnostics import Position
from cxone_lint.api.facts import Fact, Span, decode_batch, encode_batch, fact_kinds

AT = {"line": 3, "column": 5, "end_line": 4, "end_column": 9}


def roundtrip(fact: Fact, file: str = "app/auth.py", language: str = "python") -> Fact:
    data = json.loads(json.dumps(encode_batch([fact], language)))
    (back,) = decode_batch(data, file)
    return back


def request(**extra: object) -> TokenRequest:
    fields: dict[str, object] = {
        "lib": "requests",
        "method": "post",
        "url": SymStr.of(hole("import", ".settings:ISSUER"), "/auth/token"),
        "endpoint": "token",
        "target": "unknown",
        **extra,
    }
    return TokenRequest(**AT, **fields)  # type: ignore[arg-type]


def test_header_positions() -> None:
    req = request()
    assert (req.start, req.end) == (Position(3, 5), Position(4, 9))
    assert req.span == Span(3, 5, 4, 9)


def test_batch_leaves_file_and_language_to_the_file() -> None:
    data = encode_batch([request()], "python")
    assert data["language"] == "python"
    assert "file" not in json.dumps(data) and '"language"' not in json.dumps(data["facts"])
    back = roundtrip(request(), file="src/a.py")
    assert (back.file, back.language) == ("src/a.py", "python")


@pytest.mark.parametrize(
    "fact",
    [
        request(
            grant=lit("password"),
            client_auth=("basic-auth", "post"),
            body="form",
            redirect_uri=SymStr.of(Hole("env", "REDIRECT", lit("https://a.example/cb"))),
            body_keyword=Span(5, 24, 5, 28),
        ),
        AuthorizeRequest(**AT, source="params", response_type=lit("code"), code_challenge=True),
        JwtEncode(**AT, alg=lit("HS256"), claims=("aud", "exp"), lifetime_seconds=120),
        SecretLiteral(
            **AT,
            kind="token",
            name="TOKEN",
            fingerprint="0123456789ab",
            context="assignment",
            jwt=JwtInfo("HS256", "auth.na1.nice-incontact.com", True, "CXone access token", 9),
            env_fix=EnvFix("TOKEN", 'os.environ["{env}"]', 1, "import os\n"),
        ),
        FileTraits(line=1, column=1, end_line=1, end_column=1, cxone_named=True),
    ],
    ids=lambda f: type(f).__name__,
)
def test_json_round_trip(fact: Fact) -> None:
    back = roundtrip(fact)
    assert back == type(fact)(**{**fact.__dict__, "file": "app/auth.py", "language": "python"})


def test_defaults_are_left_out() -> None:
    assert request().to_json() == {
        "t": "TokenRequest",
        "at": [3, 5, 4, 9],
        "lib": "requests",
        "method": "post",
        "url": [{"h": "import", "n": ".settings:ISSUER"}, "/auth/token"],
        "endpoint": "token",
        "target": "unknown",
    }


def test_kinds_register_by_name_and_twice_is_an_error() -> None:
    assert fact_kinds()["TokenRequest"] is TokenRequest
    with pytest.raises(TypeError, match="defined twice"):

        class UrlUse(Fact):
            pass

    assert fact_kinds()["UrlUse"].__module__ == "cxone_rules.facts.kinds"


def test_an_unknown_kind_does_not_decode() -> None:
    with pytest.raises(ValueError, match="unknown fact kind"):
        decode_batch({"language": "python", "facts": [{"t": "Nope", "at": [1, 1, 1, 1]}]}, "a")


def test_facts_are_immutable_and_derive_from_their_fields() -> None:
    url = UrlUse(**AT, url=lit("https://api-na1.niceincontact.com/incontactapi/services"))
    with pytest.raises(FrozenInstanceError):
        url.line = 9  # type: ignore[misc]
    assert url.info is not None and (url.info.kind, url.info.area) == ("area-api", "na1")
    req = request(client_auth=("basic-auth",))
    assert req.host is None  # the issuer is in another module until the linker fills it
    assert req.auth_method == "client_secret_basic"
    assert request(endpoint="legacy-token", client_auth=("basic-header",)).auth_method is None
