"""Symbolic strings (rules/cxone_rules/facts/symstr.py): the questions rules ask of a value."""

from __future__ import annotations

from cxone_rules.domain.hosts import UNKNOWN as HOSTS_UNKNOWN
from cxone_rules.facts.symstr import UNKNOWN, Hole, SymStr, alt, hole, lit, text_of

U = UNKNOWN


def test_the_marker_is_the_one_host_classification_reads() -> None:
    assert UNKNOWN == HOSTS_UNKNOWN


def test_literal_pieces_merge_and_empty_ones_vanish() -> None:
    s = SymStr(["https://", "", "a.example", Hole("param", "path"), "/x", "y"])
    assert s.pieces == ("https://a.example", Hole("param", "path"), "/xy")
    assert lit("a") + "b" == lit("ab")
    assert "a" + hole("env", "X") == SymStr(["a", Hole("env", "X")])


def test_text_render_and_display() -> None:
    s = SymStr.of("https://", hole("env", "HOST"), "/auth/token")
    assert s.text is None and not s.known
    assert s.render() == f"https://{U}/auth/token"
    assert str(s) == "https://{env:HOST}/auth/token"
    assert lit("password").text == "password"


def test_a_hole_with_a_default_stands_for_it() -> None:
    s = SymStr.of(Hole("env", "ISSUER", lit("https://cxone.niceincontact.com")), "/auth/token")
    assert s.text == "https://cxone.niceincontact.com/auth/token"
    assert not s.literal
    assert str(s) == "{env:ISSUER(https://cxone.niceincontact.com)}/auth/token"


def test_encoders_and_alternatives() -> None:
    basic = SymStr.of("Basic ", Hole("enc", "b64", None, (SymStr.of(hole("param", "id"), ":"),)))
    assert basic.startswith("Basic ") is True
    assert basic.render() == f"Basic {U}"
    assert str(basic) == "Basic {b64({param:id}:)}"
    quoted = SymStr((Hole("enc", "uri", None, (lit("https://a.example/cb"),)),))
    assert quoted.text == "https://a.example/cb"  # quoting keeps what a URL names
    either = alt(lit("https://a.example"), hole("key", "base_url"))
    assert either.text == "https://a.example"
    assert alt(lit("x")) == lit("x") and alt() == hole("unknown")


def test_startswith_is_undecided_behind_a_hole() -> None:
    assert lit("Bearer abc").startswith("Basic ") is False
    assert lit("basic abc").startswith("Basic ", case=False) is True
    assert SymStr.of("Ba", hole("param", "x")).startswith("Basic ") is None
    assert SymStr.of(hole("param", "scheme"), " abc").startswith("Basic ") is None
    assert SymStr.of("Bx", hole("param", "x")).startswith("Basic ") is False


def test_one_of_compares_whole_known_values() -> None:
    assert lit("client_credentials").one_of("client_credentials", "password")
    assert lit("PASSWORD").one_of("password", case=False)
    assert not SymStr.of("pass", hole("param", "x")).one_of("password")
    assert text_of(None) is None and text_of(lit("a")) == "a"


def test_host_only_when_scheme_and_host_are_known() -> None:
    assert lit("https://api-na1.niceincontact.com/x").host == "api-na1.niceincontact.com"
    assert SymStr.of("https://api-", hole("param", "area"), ".niceincontact.com").host is None
    assert SymStr.of(hole("env", "BASE"), "/auth/token").host is None
    assert SymStr.of("https://a.example", hole("param", "path")).host is None
    assert SymStr.of("https://a.example/", hole("param", "path")).host == "a.example"
    assert lit("/auth/token").host is None


def test_holes_and_names_include_nested_ones() -> None:
    s = SymStr.of(
        Hole("env", "A", SymStr.of(hole("import", "cfg:B"))),
        alt(hole("key", "token_endpoint"), hole("param", "url")),
    )
    assert [h.kind for h in s.holes()] == ["env", "import", "alt", "key", "param"]
    assert s.names("import") == ["cfg:B"] and s.names("key") == ["token_endpoint"]


def test_fill_replaces_known_holes_and_keeps_identity_otherwise() -> None:
    s = SymStr.of(hole("import", ".settings:ISSUER"), "/auth/token")
    same = s.fill(lambda h: None)
    assert same is s
    filled = s.fill(
        lambda h: lit("https://cxone.niceincontact.com") if h.kind == "import" else None
    )
    assert filled == lit("https://cxone.niceincontact.com/auth/token")
    nested = SymStr((Hole("enc", "uri", None, (hole("env", "CB"),)),))
    inner = nested.fill(lambda h: lit("https://a.example/cb") if h.kind == "env" else None)
    assert inner.text == "https://a.example/cb"


def test_json_round_trip_and_value_semantics() -> None:
    s = SymStr.of("https://", Hole("env", "H", lit("a.example")), Hole("alt", args=(lit("/x"),)))
    data = s.to_json()
    assert data == [
        "https://",
        {"h": "env", "n": "H", "d": ["a.example"]},
        {"h": "alt", "a": [["/x"]]},
    ]
    back = SymStr.from_json(data)
    assert back == s and hash(back) == hash(s)
    assert SymStr.from_json("plain") == lit("plain")
    assert SymStr.parse(f"https://{U}/x") == SymStr.of("https://", hole("unknown"), "/x")
