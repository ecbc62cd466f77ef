"""Config-file extractor "cxone.config_secrets": secrets in .env, JSON, YAML and TOML files.

Every string leaf of the parsed Document is classified by its key (the nearest string key on its
path, or the `name` of a `{name: ..., value: ...}` pair as in Kubernetes and CI env lists) and by
its value (JWT, Basic key, access key secret, placeholder ...). Facts: `SecretLiteral` (kind,
fingerprint and the value's range, never the value), `PlainHttpUrl`, and for .env files an
`EnvValue` per variable (the value only when it is a URL) for the linker.
"""

from __future__ import annotations

from typing import Any, ClassVar

from cxone_lint.api.document import Document
from cxone_lint.api.extractor import Extractor
from cxone_lint.api.facts import BATCH_KEY, Fact, Header, encode_batch
from cxone_lint.api.redact import url_password
from cxone_rules.domain import secrets as sx
from cxone_rules.domain.hosts import redact_url
from cxone_rules.domain.oauth import VOCABULARY
from cxone_rules.extract.common import file_traits, is_safe_value, is_url_like
from cxone_rules.extract.config.urls import located_values
from cxone_rules.facts.kinds import EnvValue, PlainHttpUrl, SecretLiteral
from cxone_rules.facts.symstr import lit

_GENERIC = frozenset({sx.PASSWORD, sx.SECRET, sx.API_KEY, sx.PRIVATE_KEY, sx.AUTHORIZATION})
_DOC_KEYS = frozenset({"example", "examples", "x-example", "x-examples", "sample", "samples"})


def _leaf_name(doc: Document, path: tuple[str | int, ...]) -> str:
    """The key that names this value."""
    if path and path[-1] == "value" and len(path) >= 2:
        parent = doc.get(path[:-1])
        if isinstance(parent, dict):
            for label in ("name", "key", "id"):
                if isinstance(parent.get(label), str):
                    return str(parent[label])
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return ""


def classify_leaf(
    name: str, value: str, is_test: bool, is_example: bool = False
) -> tuple[str, dict[str, Any] | None] | None:
    """(kind, detail) when this config value is a real credential, else None."""
    if name and sx.dummy_name(name):
        return None
    password = url_password(value)
    real = password is not None and sx.classify_value(password, sx.PASSWORD).real
    if real and not (is_test or is_example):
        return sx.PASSWORD, {"shape": sx.URL_PASSWORD}
    jwts = sx.find_jwts(value)
    for token in jwts:
        info = sx.inspect_jwt(token)
        if info is None or (is_test and not info.cxone) or sx.is_sample_jwt(token):
            continue
        return sx.TOKEN, {"jwt": info}
    if jwts:
        return None
    header = sx.header_credential(value)
    if header is not None and header.detail == "opaque" and (is_test or is_example):
        return None  # "Bearer abc123..." in a test: a dummy; real JWTs are caught above
    if header is not None:
        return header.kind, {"shape": header.detail}
    shape = sx.decode_basic(value)
    kind = sx.secret_kind_for_name(name) if name else None
    if shape == "app@vendor:bu" or (shape is not None and kind is not None):
        return sx.BASIC_KEY, {"shape": shape}
    if sx.is_app_vendor_bu(value):
        return sx.BASIC_KEY, {"shape": "app@vendor:bu (clear text)"}
    if kind is None:
        return None
    if kind == sx.ACCESS_KEY_SECRET or (
        kind in (sx.PASSWORD, sx.SECRET) and sx.looks_like_access_key_secret(value)
    ):
        if sx.classify_value(value, sx.ACCESS_KEY_SECRET, strict=is_test).real:
            return sx.ACCESS_KEY_SECRET, None
        return None
    if kind == sx.AUTHORIZATION and value.split(None, 1)[:1] in (["Basic"], ["Bearer"]):
        return None
    if kind in _GENERIC and (is_test or is_example):
        return None  # demo passwords and keys in tests and examples: not worth a finding
    if sx.classify_value(value, kind, strict=is_test).real:
        return kind, None
    return None


class ConfigSecretsExtractor(Extractor):
    name: ClassVar[str] = "cxone.config_secrets"
    kinds: ClassVar[frozenset[str]] = frozenset({"env", "json", "yaml", "toml", "ini"})

    def extract_document(self, doc: Document) -> None:
        is_test = sx.is_test_path(self.path)
        is_example = sx.is_example_path(self.path)
        out: list[Fact] = [file_traits(self.text)]
        sealed = doc.kind == "yaml" and doc.get(("kind",)) == "SealedSecret"
        for path, value, at in located_values(doc):  # duplicates' hidden values too
            if not isinstance(value, str):
                continue
            if sealed and "encryptedData" in path:
                continue  # encrypted for the cluster's controller: only it can read them
            name = _leaf_name(doc, path)
            if doc.kind == "env" and len(path) == 1:
                out.append(_env_value(at, name, value))
            host = sx.insecure_cxone_host(value)
            if host and not is_test:
                out.append(PlainHttpUrl(**at, host=host, key=name))
            if any(isinstance(part, str) and part.lower() in _DOC_KEYS for part in path):
                continue  # an API spec's example values document a format, they are no secret
            if path and isinstance(path[-1], int):
                # docker-compose style `environment: ["KEY=value"]`
                key, eq, rest = value.partition("=")
                if eq and key.strip().isidentifier():
                    name, value = key.strip(), rest
            found = classify_leaf(name, value, is_test, is_example)
            if found is None:
                continue
            kind, detail = found
            self.secret_lines.update(range(at["line"], at["end_line"] + 1))  # never echoed
            out.append(
                SecretLiteral(
                    **at,
                    kind=kind,
                    name=name,
                    fingerprint=sx.fingerprint(value),
                    context=doc.kind,
                    shape=detail.get("shape") if detail else None,
                    jwt=detail.get("jwt") if detail else None,
                )
            )
        self.facts = {BATCH_KEY: encode_batch(out, doc.kind)}


def _env_value(at: Header, name: str, value: str) -> EnvValue:
    """A .env variable for the linker: its value when it is URL-like or a vocabulary word, a
    flag, a number or an area (never a secret, whatever the name), else only a fingerprint."""
    text = value.strip()
    if is_url_like(text):
        return EnvValue(**at, name=name, value=lit(redact_url(text)))
    if is_safe_value(text) and (text in VOCABULARY or sx.secret_kind_for_name(name) is None):
        return EnvValue(**at, name=name, value=lit(text))
    return EnvValue(**at, name=name, fingerprint=sx.fingerprint(value) if value else None)
