"""Values of configuration documents that code loads, and settings checked where they are.

Extractor "cxone.config-values" (YAML, JSON, TOML). Code reads these documents
(`yaml.safe_load(open("config/settings.yaml"))["cxone"]["token_url"]`): the Python extractor
leaves `config:FILE#KEY` holes, the linker fills them from these facts.

Facts, each at the value's range:

- `ConfigValue`: every value facts may keep (a URL, an OAuth word, a flag, a number, an area;
  never anything else, whatever its key), with its dotted key path; a value under a secret's
  key as a redacted hole (so the code that reads it is known, never the value);
- `TlsSetting`: certificate verification turned off by a key that names it (`verify_ssl:
  false`, `insecure_skip_verify: true`, `verify: false` beside a URL), read or not;
- `GrantValue`: a `grant_type` value (source "config").

Lock files and package manifests hold thousands of URLs no code reads as settings: skipped.
"""

from __future__ import annotations

from typing import Any, ClassVar

from cxone_lint.api.document import Document
from cxone_lint.api.extractor import Extractor
from cxone_lint.api.facts import BATCH_KEY, Fact, encode_batch
from cxone_rules.domain import secrets as sx
from cxone_rules.domain.hosts import redact_url
from cxone_rules.domain.oauth import VOCABULARY, is_false
from cxone_rules.extract.common import is_safe_value, is_url_like, word_sym
from cxone_rules.extract.config.urls import located_values
from cxone_rules.facts.kinds import ConfigValue, GrantValue, TlsSetting
from cxone_rules.facts.symstr import hole, lit

# Documents that are not settings (package metadata, lock files).
SKIPPED_NAMES = frozenset(
    {
        "package.json",
        "package-lock.json",
        "npm-shrinkwrap.json",
        "composer.json",
        "composer.lock",
        "yarn.lock",
        "pnpm-lock.yaml",
        "poetry.lock",
        "Pipfile.lock",
        "tsconfig.json",
        "jsconfig.json",
    }
)
MAX_VALUES = 1000

# Keys that turn certificate verification off with a false value, and with a true one.
VERIFY_KEYS = frozenset(
    {
        "verify_ssl",
        "ssl_verify",
        "verify_tls",
        "tls_verify",
        "verify_certificate",
        "verify_certificates",
        "verify_cert",
        "ssl_verification",
        "verifyssl",
        "sslverify",
        "check_certificate",
    }
)
INSECURE_KEYS = frozenset(
    {"insecure", "insecure_skip_verify", "skip_tls_verify", "tls_insecure", "ssl_insecure"}
)


def _flag(value: Any) -> str | None:
    """A document's boolean-ish value as the text a flag reads (true/false, 0/1, yes/no)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip().lower() in (
        "true",
        "false",
        "yes",
        "no",
        "on",
        "off",
        "0",
        "1",
    ):
        return value.strip().lower()
    return None


class ConfigValuesExtractor(Extractor):
    name = "cxone.config-values"
    kinds: ClassVar[frozenset[str]] = frozenset({"toml", "json", "yaml", "ini"})

    def extract_document(self, doc: Document) -> None:
        out: list[Fact] = []
        name = self.path.rsplit("/", 1)[-1]
        if name in SKIPPED_NAMES or name.endswith(".lock"):
            self.facts = {BATCH_KEY: encode_batch(out, doc.kind)}
            return
        is_test = sx.is_test_path(self.path)
        leaves = list(located_values(doc))
        urls_beside = {path[:-1] for path, value, _ in leaves if _is_url(value)}
        for path, value, at in leaves[:MAX_VALUES]:
            key = ".".join(str(p) for p in path)
            leaf = str(path[-1]).lower() if path else ""
            text = _text(value)
            if text is not None and (is_safe_value(text) or text in VOCABULARY):
                shown = redact_url(text) if "://" in text else text
                out.append(ConfigValue(**at, key=key, value=lit(shown)))
            elif isinstance(value, str) and value and sx.secret_kind_for_name(leaf):
                # A secret's key: the code that reads it is told, its value never is.
                out.append(ConfigValue(**at, key=key, value=hole("redacted")))
            flag = _flag(value)
            if flag is not None and not is_test:
                off = (leaf in VERIFY_KEYS and is_false(flag)) or (
                    leaf in INSECURE_KEYS and not is_false(flag)
                )
                # `verify: false` is a TLS setting when the same table holds a URL.
                off = off or (leaf == "verify" and is_false(flag) and path[:-1] in urls_beside)
                if off:
                    out.append(TlsSetting(**at, what=f"{key}: {flag}", key=key))
            if leaf == "grant_type" and isinstance(value, str):
                grant = word_sym(value.strip())
                if grant is not None:
                    out.append(GrantValue(**at, value=grant, source="config"))
        self.facts = {BATCH_KEY: encode_batch(out, doc.kind)}


def _text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str) and len(value) <= 2000:
        return value.strip()
    return None


def _is_url(value: Any) -> bool:
    return isinstance(value, str) and "://" in value and is_url_like(value.strip())
