"""What a secret-looking value is, shared by the Python and config-file secret extractors.

Three questions, answered without ever keeping a value:

- Is this *name* the name of a secret (`client_secret`, `accessKeySecret`, `API_KEY`), or a
  false friend that only contains a secret word (`token_url`, `password_field`, `secret_name`)?
- Is this *value* a real secret, or a placeholder, an environment reference, a test dummy?
- What *kind* of credential is it: a JWT (decoded with pyjwt without verification to tell its
  issuer and expiry), a Basic key (`base64("App@Vendor:BU")`), a CXone access key secret?

The only thing about a value that ever leaves this module is a fingerprint: the first 12 hex
digits of a salted SHA-256. Descriptions (issuer host, expiry date, key shape) never include
claim values that are themselves secret.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from cxone_lint.api.clock import has_passed
from cxone_rules.domain import hosts

FINGERPRINT_SALT = "cxone-lint:"

# Kinds of credential, as rules and messages name them.
CLIENT_SECRET = "client-secret"
ACCESS_KEY_SECRET = "access-key-secret"
TOKEN = "token"
BASIC_KEY = "basic-key"
PASSWORD = "password"
API_KEY = "api-key"
SECRET = "secret"
PRIVATE_KEY = "private-key"
AUTHORIZATION = "authorization"

# Query parameters that carry a credential (CX908), lower-cased: URLs land in access logs,
# proxies and browser history. `token` is also a paging or CSRF word: the extractors count it
# only when the value is named as a bearer token.
QUERY_CREDENTIAL_KEYS = frozenset(
    {
        "access_token",
        "refresh_token",
        "id_token",
        "token",
        "client_secret",
        "password",
        "accesskeysecret",
        "access_key_secret",
        "api_key",
        "apikey",
    }
)
# The `shape` of a password found in URL userinfo (`https://user:password@host`).
URL_PASSWORD = "password in URL"

KIND_LABELS = {
    CLIENT_SECRET: "client secret",
    ACCESS_KEY_SECRET: "access key secret",
    TOKEN: "token",
    BASIC_KEY: "Basic key",
    PASSWORD: "password",
    API_KEY: "API key",
    SECRET: "secret",
    PRIVATE_KEY: "private key",
    AUTHORIZATION: "Authorization header value",
}


def fingerprint(value: str) -> str:
    """A short salted hash: lets a user match findings to a value they know, never reversible
    for a random secret, and stable so baselines survive code moving around."""
    return hashlib.sha256((FINGERPRINT_SALT + value).encode("utf-8", "surrogatepass")).hexdigest()[
        :12
    ]


# --- names ------------------------------------------------------------------------------------

_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")

# A name ending in one of these talks *about* a secret (where it lives, what it is called, how
# long it is), it does not hold one.
_FALSE_FRIEND_TAILS = frozenset(
    """
    url uri urls uris endpoint endpoints host hostname domain path paths file filename files
    dir directory name names label title type types kind id ids env var variable field fields
    column col attr attribute param parameter arg key_id length len size count min max expiry
    expires expiration exp ttl timeout lifetime age seconds secs minutes at time regex re
    pattern format fmt prefix suffix hint policy placeholder prompt message msg error errors
    help description desc hash hashed digest salt required mode method methods provider store
    manager location source ref arn version scope scopes class cls factory enabled disabled
    valid validator validation widget input form label index cache reset changed strength
    rotation rotated flag flags option options setting settings header_name key_name encoding
    encoder decoder parser handler callback fn func function generator gen request requests
    response endpoint_url location_url uri_template template schema spec status state set list
    dict map mapping keys prefixes types cmd command text str bytes len_ tokenizer tokens
    lexer start end pos offset line char chars
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# A name starting with one of these is a flag, a counter or an action, not a value.
_FALSE_FRIEND_HEADS = frozenset(
    """
    is has use uses should must can needs need get set check validate verify make generate gen
    create build parse load read fetch num max min len count no show hide mask redact reset
    forgot forget change update invalid valid new_password_required require requires with
    without allow allowed
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def name_words(name: str) -> list[str]:
    """`accessKeySecret` -> access key secret; `CXONE_CLIENT_SECRET` -> cxone client secret."""
    words: list[str] = []
    for part in re.split(r"[^A-Za-z0-9]+", name):
        words.extend(w.lower() for w in _CAMEL.findall(part))
    return words


_DUMMY_NAME_WORDS = frozenset({"fake", "dummy", "example", "sample", "mock", "placeholder"})


def dummy_name(name: str) -> bool:
    """`FAKE_TOKEN`, `dummy_secret`, `EXAMPLE_KEY`: the author says the value is not real."""
    return bool(_DUMMY_NAME_WORDS & set(name_words(name)))


def secret_kind_for_name(name: str) -> str | None:
    """The credential kind a variable, key or argument of this name holds, or None."""
    words = name_words(name)
    if not words:
        return None
    last = words[-1]
    if last in _FALSE_FRIEND_TAILS or words[0] in _FALSE_FRIEND_HEADS:
        return None
    if len(words) >= 2 and f"{words[-2]}_{last}" in ("key_id", "client_id", "header_name"):
        return None
    ws = set(words)
    if "secret" in ws or "secrets" in ws:
        if {"access", "key"} <= ws or "accesskey" in ws:
            return ACCESS_KEY_SECRET
        if ws & {"client", "app", "application", "consumer", "oauth"}:
            return CLIENT_SECRET
        return SECRET
    if ws & {"password", "passwd", "pwd", "passphrase"}:
        return PASSWORD
    if ws & {"token", "bearer", "jwt"}:
        return TOKEN
    if "apikey" in ws or ("api" in ws and "key" in ws):
        return API_KEY
    if "private" in ws and "key" in ws:
        return PRIVATE_KEY
    if "authorization" in ws or (
        "auth" in ws and ws & {"header", "key"} and last in ("header", "key")
    ):
        return AUTHORIZATION
    return None


# --- values -----------------------------------------------------------------------------------

_ENV_REF = re.compile(
    r"^\s*(\$\{\{[^}]*\}\}|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%\([^)]*\)s|%[A-Za-z_][A-Za-z0-9_]*%"
    r"|\{\{[^}]*\}\}|\{[A-Za-z_][A-Za-z0-9_.]*\}|<[^<>]*>|\[[^\[\]]*\])\s*$"
)
_PASSWORD_HASH = re.compile(
    r"^(\$2[aby]?\$\d\d\$|\$argon2|\$pbkdf2|pbkdf2_sha|\$[156]\$|\{S?SHA\}|sha\d+\$|md5\$)"
)
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")
# `X-Hub-Signature-256`: the name of the header a signature or key travels in.
_HEADER_NAME = re.compile(r"^X-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$", re.I)
# A value SOPS encrypted in place (`ENC[AES256_GCM,data:...,type:str]`); a Vault reference.
_ENCRYPTED = re.compile(r"^(ENC\[[A-Z0-9_]+,data:.*\]|vault:[\w./-]+(#\w+)?)$", re.S)
# Words that mark a value as a placeholder whatever else it holds.
_STRONG_PLACEHOLDER_WORDS = (
    "your",
    "changeme",
    "change_me",
    "change-me",
    "replace",
    "placeholder",
    "example",
    "sample",
    "dummy",
    "fake",
    "xxxx",
    "todo",
    "fixme",
    "redacted",
    "insert",
    "mock",
)
# Words that mark a short or low-entropy value as a dummy; a long random string can contain
# them by chance ("bAr" in base64), so they are not checked there.
_WEAK_PLACEHOLDER_WORDS = (
    "test",
    "xxx",
    "here",
    "none",
    "null",
    "undefined",
    "secret",
    "password",
    "passw",
    "token",
    "foo",
    "bar",
    "abc",
    "123456",
    "qwerty",
    "letmein",
    "hunter2",
    "default",
    "invalid",
    "enter",
)
_FILE_LIKE = re.compile(r"\.(json|ya?ml|toml|txt|pem|key|crt|cer|p12|pfx|env|ini|cfg|conf)$", re.I)


@dataclass(frozen=True)
class ValueVerdict:
    real: bool
    reason: str  # why it is (or is not) treated as a real secret; never the value


def shannon_entropy(value: str) -> float:
    if not value:
        return 0.0
    counts: dict[str, int] = {}
    for ch in value:
        counts[ch] = counts.get(ch, 0) + 1
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def placeholder_reason(value: str) -> str | None:
    """Why this value is not a real secret (placeholder, reference, dummy), or None."""
    v = value.strip()
    if not v:
        return "empty"
    if _ENV_REF.match(v):
        return "a reference to a variable or template"
    if _ENV_NAME.match(v):
        return "the name of an environment variable"
    if _PASSWORD_HASH.match(v):
        return "a password hash, not the password"
    if _HEADER_NAME.match(v):
        return "the name of an HTTP header"
    if _ENCRYPTED.match(v):
        return "an encrypted value or a vault reference"
    if v.lower().startswith(("http://", "https://", "file:", "/", "./", "~/", "arn:")):
        return "a URL, path or resource name"
    if "://" in v and not v.lower().startswith(("postgres", "mysql", "mongodb", "redis", "amqp")):
        return "a URL"
    if _FILE_LIKE.search(v):
        return "a file name"
    if any(ch.isspace() for ch in v):
        return "prose, not a credential"
    lower = v.lower()
    if any(word in lower for word in _STRONG_PLACEHOLDER_WORDS):
        return "a placeholder or dummy"
    random_looking = len(v) >= 24 and shannon_entropy(v) >= 4.0
    if not random_looking and any(word in lower for word in _WEAK_PLACEHOLDER_WORDS):
        return "a placeholder or dummy"
    if len(set(lower)) <= 3 or re.fullmatch(r"[*.x#_-]+", lower):
        return "a masked or repeated value"
    if re.fullmatch(r"[A-Za-z]{2,}([-_.][A-Za-z]{2,})*", v) and not (
        len(v) >= 20 and shannon_entropy(v) >= 4.0 and any(c.isupper() for c in v[1:])
    ):
        return "words (a header, field or setting name), not a generated credential"
    return None


def classify_value(value: str, kind: str | None, strict: bool = False) -> ValueVerdict:
    """Whether a literal bound to a secret-like name is a real secret.

    `strict` (test files, generic kinds) asks for a random-looking value: test suites are full
    of short memorable dummies, and a linter that reports them gets switched off.
    """
    reason = placeholder_reason(value)
    if reason is not None:
        return ValueVerdict(False, reason)
    v = value.strip()
    min_len = 8
    if kind in (CLIENT_SECRET, ACCESS_KEY_SECRET, API_KEY, PRIVATE_KEY, AUTHORIZATION):
        min_len = 12
    if kind == TOKEN:
        min_len = 16
    if len(v) < min_len:
        return ValueVerdict(False, "too short to be a real credential")
    classes = sum(
        (
            any(c.islower() for c in v),
            any(c.isupper() for c in v),
            any(c.isdigit() for c in v),
            any(not c.isalnum() for c in v),
        )
    )
    entropy = shannon_entropy(v)
    if strict:
        if len(v) < 16 or entropy < 3.5 or classes < 2:
            return ValueVerdict(False, "not random-looking enough for a test file")
        return ValueVerdict(True, "random-looking")
    if classes < 2 and not re.fullmatch(r"[0-9a-f]{16,}", v):
        return ValueVerdict(False, "a single word, not a generated credential")
    if entropy < 2.5:
        return ValueVerdict(False, "low entropy")
    return ValueVerdict(True, "looks like a real credential")


def looks_like_access_key_secret(value: str) -> bool:
    """CXone access key secrets are long base64 strings with `=` padding at the end."""
    v = value.strip()
    if len(v) < 40 or not v.endswith("="):
        return False
    if not re.fullmatch(r"[A-Za-z0-9+/_-]+", v.rstrip("=")):
        return False
    return shannon_entropy(v) >= 4.0


# --- JWTs -------------------------------------------------------------------------------------

# A JWT is three base64url segments joined by dots, the first two JSON objects ("eyJ" is
# base64 of '{"'). Found by splitting runs of token characters on the dots rather than by one
# regular expression: `eyJ[...]{8,}\.eyJ...` rescans the rest of the text from every "eyJ"
# (quadratic: minutes on a 1 MB string of "eyJ").
_TOKEN_RUN = re.compile(r"[A-Za-z0-9_.-]+")
_CXONE_AUTH_ISS = re.compile(r"^auth\.([a-z0-9-]+\.)?nice-incontact\.com$")
_CXONE_ID_ISS = re.compile(r"^cxone(-gov)?(\.[a-z0-9-]+)?\.niceincontact\.com$")


@dataclass(frozen=True)
class JwtInfo:
    """What a JWT is, with nothing secret: algorithm, issuer host, CXone or not, expiry."""

    alg: str
    issuer_host: str
    cxone: bool
    kind: str  # "CXone access token", "CXone id token", "CXone refresh token", "JWT"
    exp: int | None  # unix time

    def to_json(self) -> dict[str, Any]:
        return {
            "alg": self.alg,
            "issuer_host": self.issuer_host,
            "cxone": self.cxone,
            "kind": self.kind,
            "exp": self.exp,
        }

    @staticmethod
    def describe(data: dict[str, Any], now: float | None = None) -> str:
        """`CXone access token (issuer auth.na1.nice-incontact.com, HS256, expired 2024-01-02)`."""
        parts = []
        if data.get("issuer_host"):
            parts.append(f"issuer {data['issuer_host']}")
        if data.get("alg"):
            parts.append(str(data["alg"]))
        exp = data.get("exp")
        if isinstance(exp, (int, float)):
            when = datetime.fromtimestamp(exp, tz=timezone.utc).strftime("%Y-%m-%d")
            expired = has_passed(exp) if now is None else exp < now
            parts.append(f"expired {when}" if expired else f"valid until {when}")
        else:
            parts.append("no expiry")
        return f"{data.get('kind', 'JWT')} ({', '.join(parts)})"


def find_jwts(value: str) -> list[str]:
    r"""Every JWT-shaped token in `value`, in order (what `eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]
    {8,}\.[A-Za-z0-9_-]*` would find, in linear time)."""
    if "eyJ" not in value:
        return []
    found: list[str] = []
    for run in _TOKEN_RUN.finditer(value):
        parts = run.group(0).split(".")
        i = 0
        while i + 2 < len(parts):
            first, second = parts[i], parts[i + 1]
            at = first.find("eyJ")
            if at >= 0 and len(first) - at >= 11 and second.startswith("eyJ") and len(second) >= 11:
                found.append(f"{first[at:]}.{second}.{parts[i + 2]}")
                i += 3
            else:
                i += 1
    return found


def inspect_jwt(token: str) -> JwtInfo | None:
    """Decode without verification (we have no key and want no trust decision): only to say
    what the token is. Returns None when it is not a decodable JWT."""
    import jwt

    try:
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(
            token,
            options={"verify_signature": False, "verify_exp": False, "verify_aud": False},
            algorithms=None,
        )
    except (jwt.PyJWTError, ValueError, TypeError):
        return None
    if not isinstance(claims, dict):
        return None
    iss = claims.get("iss")
    host = ""
    if isinstance(iss, str):
        try:
            host = (urlsplit(iss).hostname or "") if "://" in iss else ""
        except ValueError:
            host = ""
    cx_claims = bool({"tenantId", "icBUId", "icClusterId", "icDomain", "tenant"} & set(claims))
    auth_iss = bool(_CXONE_AUTH_ISS.match(host))
    id_iss = bool(_CXONE_ID_ISS.match(host))
    cxone = auth_iss or id_iss or cx_claims
    if not cxone:
        kind = "JWT"
    elif "refresh" in str(claims.get("token_use", "")) or claims.get("typ") == "Refresh":
        kind = "CXone refresh token"
    elif id_iss or "nonce" in claims or "userId" in claims:
        kind = "CXone id token"
    else:
        kind = "CXone access token"
    exp = claims.get("exp")
    alg = header.get("alg") if isinstance(header.get("alg"), str) else ""
    return JwtInfo(
        alg=alg or "",
        issuer_host=host,
        cxone=cxone,
        kind=kind,
        exp=int(exp) if isinstance(exp, (int, float)) else None,
    )


# --- Basic keys -------------------------------------------------------------------------------

_APP_VENDOR_BU = re.compile(r"^[A-Za-z0-9 _.'-]+@[A-Za-z0-9 _.'-]+:[0-9]{2,}$")
_B64 = re.compile(r"^[A-Za-z0-9+/]{12,}={0,2}$")


def decode_basic(value: str) -> str | None:
    """The shape of a base64 Basic credential: "app@vendor:bu" (the legacy inContact key),
    "id:secret" (client_secret_basic built by hand), or None when it is not one."""
    v = value.strip()
    if not _B64.match(v) or len(v) % 4:
        return None
    try:
        raw = base64.b64decode(v, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if not raw.isprintable() or ":" not in raw:
        return None
    if _APP_VENDOR_BU.match(raw):
        return "app@vendor:bu"
    ident, _, secret = raw.partition(":")
    if not ident or placeholder_reason(secret) is not None or len(secret) < 6:
        return None
    return "id:secret"


def is_app_vendor_bu(value: str) -> bool:
    """A clear-text legacy key `App@Vendor:4600123` (about to be base64-encoded by hand)."""
    v = value.strip()
    if not _APP_VENDOR_BU.match(v) or "." in v:
        return False  # dots: user@host:port, not a key
    if len(v.rsplit(":", 1)[1]) < 4:
        return False  # in clear text, only a business-unit-sized number is evidence enough
    lower = v.lower()
    if any(word in lower for word in _STRONG_PLACEHOLDER_WORDS):
        return False
    bu = v.rsplit(":", 1)[1]
    return not _fake_number(bu)


def _fake_number(digits: str) -> bool:
    """`12345`, `012345`, `0000`: documentation business units, not real ones."""
    return len(set(digits)) == 1 or digits.lstrip("0") in "1234567890"


SAMPLE_JWT_PREFIX = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkw"


def is_sample_jwt(token: str) -> bool:
    """The jwt.io sample token, pasted into countless docs and tests."""
    return token.startswith(SAMPLE_JWT_PREFIX)


@dataclass(frozen=True)
class HeaderCredential:
    scheme: str  # "basic" or "bearer"
    kind: str
    detail: str  # shape or JWT description source


def header_credential(value: str) -> HeaderCredential | None:
    """`Basic <b64>` / `Bearer <token>` literals with a real credential in them."""
    parts = value.strip().split(None, 1)
    if len(parts) != 2:
        return None
    scheme, cred = parts[0].lower(), parts[1].strip()
    if scheme == "basic":
        shape = decode_basic(cred)
        return HeaderCredential("basic", BASIC_KEY, shape) if shape else None
    if scheme == "bearer":
        if find_jwts(cred):
            return HeaderCredential("bearer", TOKEN, "jwt")
        if classify_value(cred, TOKEN).real:
            return HeaderCredential("bearer", TOKEN, "opaque")
    return None


# --- CXone hosts and http:// ------------------------------------------------------------------


def is_cxone_host(host: str) -> bool:
    """A host under a CXone or inContact domain (domain/hosts.py decides)."""
    return hosts.is_cxone_host(host.lower().rstrip("."))


def insecure_cxone_host(url: str) -> str | None:
    """The CXone host of an `http://` URL, or None."""
    v = url.strip()
    if not v.lower().startswith("http://"):
        return None
    try:
        host = urlsplit(v).hostname or ""
    except ValueError:
        return None
    return host if host and is_cxone_host(host) else None


# --- file context -----------------------------------------------------------------------------

_TEST_PARTS = ("tests", "test", "testing", "fixtures", "__tests__", "spec", "specs")


def is_test_path(rel: str) -> bool:
    parts = rel.lower().split("/")
    name = parts[-1]
    return (
        any(p in _TEST_PARTS for p in parts[:-1])
        or name.startswith("test_")
        or name.endswith(("_test.py", "_tests.py"))
        or name == "conftest.py"
    )


_EXAMPLE_PARTS = ("example", "examples", "sample", "samples", "demo", "demos", "docs", "doc")


def is_example_path(rel: str) -> bool:
    """Example, demo and documentation code: it shows a format, and its generic "secrets" are
    demo values (CXone credentials are still reported there: real ones get pasted into demos)."""
    parts = rel.lower().split("/")
    name = parts[-1]
    return any(p in _EXAMPLE_PARTS for p in parts[:-1]) or example_file(name) or "demo" in name


def is_checkmarx(text: str) -> bool:
    """Checkmarx One ("CxOne") code uses CXONE_* names for a different product. A file that
    also names NICE CXone hosts is CXone code that merely mentions Checkmarx."""
    lower = text.lower()
    if "checkmarx" not in lower and "cxone.cx" not in lower:
        return False
    return not any(m in lower for m in ("niceincontact", "nice-incontact", "incontact.com"))


def example_file(rel: str) -> bool:
    """`.env.example`, `config.sample.json`: documentation of a config, not the config."""
    name = rel.lower().rsplit("/", 1)[-1]
    return any(w in name for w in ("example", "sample", "template", "dist", ".tmpl", "tpl"))
