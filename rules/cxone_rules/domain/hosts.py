"""CXone host and URL classification: which CXone service, area and environment a URL names.

Three eras of CXone hosts appear in real integrations (see the fact sheet, section 3):

- current: the global issuers `cxone.niceincontact.com` (commercial), `cxone-gov.niceincontact.com`
  (FedRAMP), `cxone.dev.niceincontact.com` (dev), the sovereign issuers `nicecxone-sov1.au` /
  `nicecxone-sov1.eu`, and the area API hosts `api-{area}.niceincontact.com`;
- transitional: `{area}.nice-incontact.com` (UserHub: access keys, refresh, user management; also
  the `auth_endpoint`/`ui_endpoint` of cxone-configuration), `api-{cluster}.nice-incontact.com`,
  `home-{cluster}.nice-incontact.com`;
- legacy inContact (Central): `api.incontact.com`, `api-cNN.incontact.com`, `login.incontact.com`,
  `home-cNN.incontact.com`.

A `.test.` or `.dev.` label before the registrable domain names a non-production environment.
Checkmarx One ("CxOne", `*.checkmarx.net`) is a different product and never matches.

Values resolved statically may contain unknown parts (an f-string placeholder, an environment
variable without default): they are marked with `UNKNOWN` (the marker `SymStr.render()` puts
where a piece is unknown, see `facts/symstr.py`). A host like
`api-<unknown>.niceincontact.com` is still an area API host, with an unknown area.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

# The marker put where part of a string is not known statically (`facts.symstr.UNKNOWN`).
UNKNOWN = "\ufffc"

# Registrable CXone domains (commercial, legacy, FedRAMP digital, sovereign).
CXONE_DOMAINS = (
    "niceincontact.com",
    "nice-incontact.com",
    "incontact.com",
    "nicecxone-gov.com",
    "nicecxone-sov1.au",
    "nicecxone-sov1.eu",
)

# Area codes: officially na1/au1/eu1; na2 (FedRAMP), uk1, jp1, ca1 ... seen in SDK/third-party code.
AREA_RE = re.compile(r"^[a-z]{2}[0-9]$")
GOVERNMENT_AREAS = frozenset({"na2"})
# Cluster codes of the legacy/transitional cluster hosts: c8, c14, c30, c52, c200, b32 ...
CLUSTER_RE = re.compile(r"^[a-z][0-9]{1,3}$")
# Hosts that are documentation or help sites, not services an integration calls.
DOC_LABELS = frozenset({"developer", "help", "help-test", "support", "www", "docs", "community"})
ENV_LABELS = {"dev": "dev", "test": "test", "staging": "staging", "perf": "perf", "uat": "uat"}


@dataclass(frozen=True)
class HostInfo:
    """What a CXone URL names.

    kind: issuer | auth | area-api | cluster-api | userhub | ui | legacy-central | legacy-login |
          government-digital | docs | other
    area: na1, au1, eu1, na2 ... or None (unknown or not area-specific)
    government: FedRAMP host (cxone-gov issuer, area na2, nicecxone-gov.com)
    environment: production | dev | test | staging | sovereign-au | sovereign-eu ...
    path_kind: token | authorize | logout | discovery | cxone-configuration | jwks | userinfo |
               access-key | userhub-refresh | legacy-token | legacy-authorize | api | None
    """

    host: str
    kind: str
    area: str | None
    government: bool
    environment: str
    path_kind: str | None
    cluster: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def is_legacy(self) -> bool:
        return self.kind in ("legacy-central", "legacy-login") or self.path_kind in (
            "legacy-token",
            "legacy-authorize",
            "access-key",
            "userhub-refresh",
        )


def _domain_of(host: str) -> str | None:
    for domain in CXONE_DOMAINS:
        if host == domain or host.endswith("." + domain):
            # "niceincontact.com" also ends with "incontact.com" but not with ".incontact.com",
            # so the first match in CXONE_DOMAINS order is the right registrable domain.
            return domain
    return None


def is_cxone_host(host: str) -> bool:
    """True for a host name under a CXone / inContact domain (case-insensitive, port allowed)."""
    if not host:
        return False
    host = host.strip().lower().rstrip(".")
    host = host.rsplit("@", 1)[-1]
    if ":" in host:
        host = host.split(":", 1)[0]
    return _domain_of(host) is not None


def _label_area(label: str) -> tuple[str | None, bool]:
    """(area, matched) for a host label that should be an area code, UNKNOWN allowed."""
    if AREA_RE.match(label):
        return label, True
    if UNKNOWN in label and len(label) <= 4:
        return None, True
    return None, False


def path_kind(path: str) -> str | None:
    """Classify a URL path (case-insensitive, trailing slash ignored)."""
    p = path.lower().rstrip("/")
    if not p:
        return None
    if "/.well-known/openid-configuration" in p:
        return "discovery"
    if "/.well-known/cxone-configuration" in p:
        return "cxone-configuration"
    if "incontactauthorizationserver/token" in p:
        return "legacy-token"
    if "incontactauthorizationserver/authenticate" in p:
        return "legacy-authorize"
    if p.endswith("/authentication/v1/token/access-key"):
        return "access-key"
    if p.endswith("/public/user/refresh"):
        return "userhub-refresh"
    if p.endswith("/auth/authorize/logout"):
        return "logout"
    if p.endswith("/auth/authorize"):
        return "authorize"
    if p.endswith("/auth/token"):
        return "token"
    if p.endswith("/auth/jwks"):
        return "jwks"
    if p.endswith("/auth/userinfo"):
        return "userinfo"
    if p in ("/auth", "/.well-known"):
        return None
    return "api"


def classify_host(host: str) -> HostInfo | None:
    """Classify a bare host name; None when it is not a CXone host."""
    host = host.strip().lower().rstrip(".")
    if ":" in host:
        host = host.split(":", 1)[0]
    domain = _domain_of(host)
    if domain is None:
        return None
    sub = host[: -len(domain)].rstrip(".")
    labels = sub.split(".") if sub else []
    environment = "production"
    # A non-production environment label right before the domain: api-na1.test.niceincontact.com
    if labels and labels[-1] in ENV_LABELS:
        environment = ENV_LABELS[labels[-1]]
        labels = labels[:-1]
    first = labels[0] if labels else ""
    government = False
    area: str | None = None
    cluster: str | None = None
    kind = "other"

    if domain in ("nicecxone-sov1.au", "nicecxone-sov1.eu"):
        environment = "sovereign-" + domain.rsplit(".", 1)[-1]
        kind = "issuer" if not labels else "other"
        return HostInfo(host, kind, None, False, environment, None)
    if domain == "nicecxone-gov.com":
        return HostInfo(host, "government-digital", None, True, environment, None)
    if first in DOC_LABELS or first.startswith(("help", "developer")):
        return HostInfo(host, "docs", None, False, environment, None)

    if domain == "niceincontact.com":
        if first in ("cxone", "cxone-gov") and len(labels) == 1:
            kind = "issuer"
            government = first == "cxone-gov"
        elif first.startswith("api-"):
            area, ok = _label_area(first[4:])
            kind = "area-api" if ok else "other"
        elif first == "auth":
            kind = "auth"
        elif first == "api":
            kind = "area-api"
    elif domain == "nice-incontact.com":
        if first.startswith("api-"):
            code = first[4:]
            area, ok = _label_area(code)
            if ok:
                kind = "area-api"
            elif CLUSTER_RE.match(code) or UNKNOWN in code:
                kind, cluster = "cluster-api", (code if UNKNOWN not in code else None)
        elif first.startswith("home-"):
            kind = "ui"
            cluster = first[5:] if UNKNOWN not in first else None
        elif first == "auth":
            kind = "auth"
        else:
            area, ok = _label_area(first)
            if ok:
                kind = "userhub"
    else:  # incontact.com: the legacy inContact platform
        if first == "api" and len(labels) == 1:
            kind = "legacy-central"
        elif first.startswith("api-"):
            kind = "legacy-central"
            cluster = first[4:] if UNKNOWN not in first else None
        elif first == "login":
            kind = "legacy-login"
        elif first.startswith("home-"):
            kind = "ui"
            cluster = first[5:] if UNKNOWN not in first else None
        elif re.match(r"^(sc|c)[0-9]{1,3}$", first):  # cluster hosts such as sc10.incontact.com
            kind = "legacy-central"
            cluster = first
        else:  # status pages, marketing, unknown services: not something to judge
            kind = "other"
    if area in GOVERNMENT_AREAS:
        government = True
    return HostInfo(host, kind, area, government, environment, None, cluster)


def split_url(url: str) -> tuple[str, str] | None:
    """(host, path) of an absolute URL or a scheme-less `host/path`; None when no host."""
    text = url.strip()
    if not text:
        return None
    if "://" not in text:
        if text.startswith("//"):
            text = "https:" + text
        else:
            head = text.split("/", 1)[0]
            if "." not in head or " " in head:
                return None
            text = "https://" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        return None
    if not host:
        return None
    return host, parts.path


def classify_url(url: str) -> HostInfo | None:
    """Classify a URL (possibly with UNKNOWN parts); None unless its host is a CXone host."""
    if not url or any(c.isspace() for c in url.strip()):
        return None
    split = split_url(url)
    if split is None:
        return None
    host, path = split
    info = classify_host(host)
    if info is None:
        return None
    pk = path_kind(path)
    return HostInfo(
        info.host, info.kind, info.area, info.government, info.environment, pk, info.cluster
    )


def url_path_kind(text: str) -> str | None:
    """path_kind of a URL whose host may be unknown (`<issuer>/.well-known/cxone-configuration`)."""
    info = classify_url(text)
    if info is not None:
        return info.path_kind
    if "://" in text:
        split = split_url(text)
        return path_kind(split[1]) if split else None
    if text.startswith(UNKNOWN):
        rest = text.lstrip(UNKNOWN).split("?", 1)[0].split("#", 1)[0]
        return path_kind(rest) if rest.startswith("/") and UNKNOWN not in rest else None
    return None


def shown(text: str) -> str:
    """Text for messages: unknown parts shown as `{...}`."""
    return text.replace(UNKNOWN, "{...}")


def redact_url(text: str) -> str:
    """The URL without credentials in its authority (`https://***@host/...`)."""
    scheme, sep, rest = text.partition("://")
    if not sep:
        return text
    authority, slash, tail = rest.partition("/")
    if "@" in authority:
        authority = "***@" + authority.rsplit("@", 1)[1]
    return f"{scheme}{sep}{authority}{slash}{tail}"
