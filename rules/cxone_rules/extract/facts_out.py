"""The one place where tree-sitter extraction builds its typed facts (facts/kinds.py).

The semantic extractor decides; these functions turn its symbolic values (`evaluate.Sym`) into
the pack's `SymStr` and fill the fact kinds every rule reads, whatever the language. Nothing here
ever stores a secret value: literal text reaches a fact only when it is URL-like or a vocabulary
word, and secrets are a kind and a fingerprint.
"""

from __future__ import annotations

from typing import Any

from cxone_lint.api.facts import Header, Span
from cxone_rules.domain import oauth
from cxone_rules.domain import secrets as sx
from cxone_rules.domain.hosts import UNKNOWN, redact_url
from cxone_rules.extract.common import is_url_like, scope_sym, word, word_sym
from cxone_rules.extract.evaluate import Hole as EvHole
from cxone_rules.extract.evaluate import Sym
from cxone_rules.facts.kinds import (
    AuthorizeRequest,
    ConfigRead,
    CorsPolicy,
    DiscoveryCall,
    EnvFix,
    EnvRef,
    Export,
    GrantValue,
    Import,
    JwtEncode,
    PlainHttpUrl,
    RedirectUri,
    SecretLiteral,
    Sink,
    TlsSetting,
    TokenRequest,
    UrlUse,
)
from cxone_rules.facts.symstr import Hole, SymStr, hole, lit

LANGUAGE = "javascript"
ENV_REPLACEMENT = "process.env.{env}"


# -- symbolic values -----------------------------------------------------------------------------


def _hole(h: EvHole, source: Sym | None = None) -> Hole:
    if h.enc is not None and h.kind == "call":
        args = (to_sym(source),) if source is not None else ()
        return Hole("enc", h.enc, None, args)
    if h.kind == "env":
        return Hole("env", h.name)
    if h.kind == "import":
        module, _, name = h.name.partition(":")
        return Hole("import", f"{module}:{name}" if name else module)
    if h.kind in ("key", "this"):
        return Hole("key", h.name)
    if h.kind == "param":
        return Hole("param", h.name)
    if h.kind == "call":
        return Hole("call", h.name)
    return Hole("unknown", h.name)


def raw_sym(sym: Sym) -> SymStr:
    """A value as literal pieces and holes (not yet made safe to store)."""
    options = sym.options()
    if len(options) > 1:
        first = _plain(options[0])
        # `process.env.X || "https://..."`: the env var with its default.
        if (
            len(first.pieces) == 1
            and isinstance(first.pieces[0], Hole)
            and first.pieces[0].kind == "env"
        ):
            for other in options[1:]:
                text = other.text
                if text is not None and UNKNOWN not in text:
                    return SymStr([Hole("env", first.pieces[0].name, lit(text))])
        return SymStr([Hole("alt", "", None, tuple(_plain(o) for o in options))])
    return _plain(sym)


def _plain(sym: Sym) -> SymStr:
    if sym.parts is None:
        return hole("unknown")
    pieces: list[str | Hole] = []
    for p in sym.parts:
        if isinstance(p, str):
            pieces.append(p)
        else:
            pieces.append(_hole(p, sym.source if p.enc is not None else None))
    return SymStr(pieces) if pieces else lit("")


def to_sym(sym: Sym | None) -> SymStr:
    """What a fact keeps of a value: the whole string when it is URL-like, else its holes."""
    if sym is None:
        return hole("unknown")
    return _safe(raw_sym(sym))


def _safe(value: SymStr) -> SymStr:
    rendered = value.render()
    keep = is_url_like(rendered)
    pieces: list[str | Hole] = []
    for p in value.pieces:
        if isinstance(p, str):
            if keep:
                pieces.append(redact_url(p) if "://" in p else p)
            continue
        default = p.default
        if default is not None and not is_url_like(default.render()):
            default = None
        args = tuple(_safe(a) for a in p.args)
        pieces.append(Hole(p.kind, p.name, default, args))
    if not pieces:
        return hole("redacted")
    return SymStr(pieces)


def word_value(sym: Sym | None) -> SymStr | None:
    """A vocabulary value (grant type, response type, method): the word, or withheld."""
    if sym is None:
        return None
    text = sym.best().text
    if text is None:
        return hole("unknown")
    return word_sym(text)


# -- facts ---------------------------------------------------------------------------------------


def url_use(
    at: Header, text: str, extra: dict[str, str] | None, built: SymStr | None = None
) -> UrlUse:
    """A CXone URL at `at`: its text, or the pieces a template literal was built from."""
    extra = extra or {}
    if built is not None:
        # Its interpolated pieces are already what a fact may keep (hosts, areas, holes).
        url = SymStr(
            redact_url(p) if isinstance(p, str) and "://" in p else p for p in built.pieces
        )
    else:
        url = lit(redact_url(text)) if UNKNOWN not in text else _safe(_split(text))
    return UrlUse(
        **at,
        url=url,
        fallback_for=extra.get("fallback_for"),
        env_default_for=extra.get("env"),
    )


def _split(text: str) -> SymStr:
    pieces: list[str | Hole] = []
    for i, chunk in enumerate(text.split(UNKNOWN)):
        if i:
            pieces.append(Hole("unknown"))
        pieces.append(chunk)
    return SymStr(pieces)


def grant(at: Header, value: str, source: str) -> GrantValue:
    return GrantValue(**at, value=word_sym(value) or hole("unknown"), source=source)


def token_request(
    at: Header,
    *,
    lib: str,
    method: str | None,
    url: Sym,
    grant_value: str | None,
    styles: list[str],
    body: str,
    extra: dict[str, Any],
) -> TokenRequest:
    url_sym = to_sym(url)
    text = url.best().text
    if text is not None and text.startswith("/"):
        text = UNKNOWN + text  # a path sent to a base URL the code adds elsewhere
    keys = [h.name for h in url.holes() if h.kind in ("key", "this")]
    names = [h.name for h in url.holes() if h.kind in ("param", "import", "global")]
    from cxone_rules.extract.evaluate import snake

    _, endpoint, target = oauth.token_endpoint(
        text, [snake(k) for k in keys], [snake(n) for n in names]
    )
    redirect = extra.pop("redirect_uri", None)
    scope = extra.pop("scope", None)
    return TokenRequest(
        **at,
        lib=lib,
        method=word(method),
        url=url_sym,
        endpoint=endpoint,
        target=target,
        grant=word_sym(grant_value) if grant_value and UNKNOWN not in grant_value else None,
        client_auth=tuple(styles),
        body=body,
        redirect_uri=to_sym(redirect) if redirect is not None else None,
        scope=scope_sym(scope.best().text) if scope is not None else None,
        **extra,
    )


def authorize(
    at: Header,
    source: str,
    response_type: str | None,
    code_challenge: bool,
    method: str | None,
    redirect: Sym | None,
    state: Sym | None,
    nonce: Sym | None = None,
) -> AuthorizeRequest:
    return AuthorizeRequest(
        **at,
        source=source,
        response_type=word_sym(response_type),
        code_challenge=code_challenge,
        challenge_method=word_sym(method),
        redirect_uri=to_sym(redirect) if redirect is not None else None,
        state=_sent(state),
        nonce=_sent(nonce),
    )


def _sent(value: Sym | None) -> SymStr | None:
    """An authorize parameter as sent: a word (or withheld literal) when the code writes it,
    its holes when it is computed (`crypto.randomUUID()`); None when it is not sent."""
    if value is None:
        return None
    if value.best().known:
        return word_value(value)
    return to_sym(value)


def redirect_uri(at: Header, value: Sym) -> RedirectUri:
    return RedirectUri(**at, value=to_sym(value))


def discovery_call(at: Header, document: str, auth_header: bool) -> DiscoveryCall:
    return DiscoveryCall(**at, document=document, sends_authorization=auth_header)


def config_read(at: Header, key: str, via: str) -> ConfigRead:
    return ConfigRead(**at, key=key, via=via)


def jwt_encode(at: Header, *, alg: str | None, **fields: Any) -> JwtEncode:
    return JwtEncode(
        **at,
        alg=word_sym(alg),
        claims=tuple(fields["claims"]) if fields.get("claims") is not None else None,
        iss_sub_same=fields.get("iss_sub_same"),
        iss_is_client_id=fields.get("iss_client_id"),
        audience=fields.get("aud"),
        lifetime_seconds=fields.get("exp_seconds"),
        key=fields.get("key", "other"),
    )


def secret(
    at: Header,
    kind: str,
    value: str,
    name: str,
    context: str,
    detail: dict[str, Any] | None,
    env: str | None,
    replacement: str = ENV_REPLACEMENT,
) -> SecretLiteral:
    """`replacement`: how the file's language reads `{env}` from the environment."""
    detail = detail or {}
    jwt = detail.get("jwt")
    return SecretLiteral(
        **at,
        kind=kind,
        name=name,
        fingerprint=sx.fingerprint(value),
        context=context,
        shape=detail.get("shape"),
        jwt=jwt,
        env_fix=EnvFix(env=env, replacement=replacement) if env else None,
    )


def leak(at: Header, sink: str, what: str) -> Sink:
    return Sink(**at, sink=sink, what=what)


def tls(at: Header, what: str) -> TlsSetting:
    return TlsSetting(**at, what=what)


def insecure_http(at: Header, host: str, scheme: Span | None) -> PlainHttpUrl:
    return PlainHttpUrl(**at, host=host, scheme=scheme)


def env_ref(at: Header, name: str, default: Sym | None) -> EnvRef:
    return EnvRef(**at, name=name, default=to_sym(default) if default is not None else None)


def cors(
    at: Header, what: str, origin: str | None, fields: dict[str, Any] | None = None
) -> CorsPolicy:
    """`fields`: what the setting allows (CorsPolicy's allows, credentials, origins, loose,
    scope), from extract/runtime.py."""
    extra = dict(fields or {})
    extra["origins"] = tuple(o for o in extra.get("origins", ()) if is_url_like(o))
    return CorsPolicy(
        **at,
        what=what,
        origin=lit(origin)
        if origin and is_url_like(origin)
        else (lit("*") if origin == "*" else None),
        **extra,
    )


def export(at: Header, name: str, text: str) -> Export:
    return Export(**at, name=name, value=lit(redact_url(text)))


def reexport(at: Header, name: str, target: str) -> Export:
    return Export(**at, name=name, value=SymStr([Hole("import", target)]))


def import_(at: Header, local: str, module: str, name: str) -> Import:
    return Import(**at, local=local, module=module, name="" if name == "*" else name)


def env_name(name: str) -> str:
    words = sx.name_words(name)
    return "_".join(w.upper() for w in words) or "SECRET"
