"""Checks of one registered URL (an origin, a redirect, a logout, the JWKS endpoint).

Each function takes one string already extracted from the manifest and says what is wrong with
it, so the rules stay declarative. Nothing here goes to the network.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

DEFAULT_PORTS = {"https": 443, "http": 80}


@dataclass(frozen=True)
class UrlProblem:
    message: str
    hint: str | None = None
    # What is wrong, for fixes: trailing-slash, path, query, fragment, wildcard, scheme,
    # userinfo, not-url.
    kind: str = ""


def is_loopback(host: str) -> bool:
    """localhost, *.localhost, 127.0.0.0/8 and ::1: where a developer runs the app locally."""
    host = host.lower().strip("[]").rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _split(url: str) -> SplitResult | None:
    try:
        parts = urlsplit(url.strip())
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return None
    return parts


def normal_origin(url: str) -> str | None:
    """scheme://host[:port] in lower case without a default port; None without scheme or host."""
    parts = _split(url)
    if parts is None or not parts.scheme or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port is None or DEFAULT_PORTS.get(scheme) == port:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def is_private_use_scheme(scheme: str) -> bool:
    """A native app's private-use URI scheme (RFC 8252 section 7.1): reverse domain name."""
    return "." in scheme and scheme.lower() not in ("http", "https")


def origin_problems(text: str) -> list[UrlProblem]:
    """What keeps `text` from being a bare origin the browser sends (scheme://host[:port])."""
    value = text.strip()
    if "*" in value:
        return [
            UrlProblem(
                "contains a wildcard; CXone matches origins exactly",
                "list every origin the browser calls CXone from",
                "wildcard",
            )
        ]
    parts = _split(value)
    if parts is None or not parts.scheme or not parts.netloc or not parts.hostname:
        return [UrlProblem("is not an origin (scheme://host[:port])", kind="not-url")]
    out: list[UrlProblem] = []
    scheme = parts.scheme.lower()
    bare = normal_origin(value)
    if scheme not in ("https", "http"):
        out.append(
            UrlProblem(f"uses scheme {scheme}: a browser origin is https://host", kind="scheme")
        )
    elif scheme == "http" and not is_loopback(parts.hostname):
        out.append(
            UrlProblem(
                "is not https; plain http is accepted only for loopback (localhost) development",
                f"use https://{parts.hostname}",
                "scheme",
            )
        )
    if parts.username or parts.password:
        out.append(
            UrlProblem(
                "contains user information; an origin is scheme://host[:port]", kind="userinfo"
            )
        )
    if parts.path == "/" and not parts.query and not parts.fragment:
        out.append(
            UrlProblem(
                "has a trailing slash; the browser's Origin header never has one",
                f"write {bare}",
                "trailing-slash",
            )
        )
    elif parts.path:
        out.append(
            UrlProblem(
                f"has a path ({parts.path}); an origin is only scheme://host[:port]",
                f"write {bare}",
                "path",
            )
        )
    if parts.query:
        out.append(
            UrlProblem("has a query string; an origin is only scheme://host[:port]", kind="query")
        )
    if parts.fragment or value.endswith("#"):
        out.append(
            UrlProblem("has a fragment; an origin is only scheme://host[:port]", kind="fragment")
        )
    return out


def redirect_problems(text: str, allow_private_scheme: bool = False) -> list[UrlProblem]:
    """What is wrong with a redirect or logout URI (https, no wildcard, no fragment)."""
    value = text.strip()
    out: list[UrlProblem] = []
    if "*" in value:
        out.append(
            UrlProblem(
                "contains a wildcard; redirect URIs are compared exactly",
                "register each full redirect URI",
                "wildcard",
            )
        )
    parts = _split(value)
    if parts is None or not parts.scheme:
        return [*out, UrlProblem("is not an absolute URI", kind="not-url")]
    scheme = parts.scheme.lower()
    if allow_private_scheme and is_private_use_scheme(scheme):
        pass
    elif scheme == "http":
        if not parts.hostname or not is_loopback(parts.hostname):
            out.append(
                UrlProblem(
                    "is not https; plain http is accepted only for loopback (localhost) "
                    "development, since the authorization code travels in it",
                    f"use https://{parts.netloc}{parts.path}" if parts.netloc else None,
                    "http",
                )
            )
    elif scheme != "https":
        out.append(UrlProblem(f"uses scheme {scheme}; use https", kind="scheme"))
    elif not parts.hostname:
        out.append(UrlProblem("has no host", kind="not-url"))
    if parts.fragment or "#" in value:
        out.append(
            UrlProblem(
                "has a fragment (#...); redirect and logout URIs must not contain one "
                "(RFC 6749 3.1.2)",
                "remove the part from '#'",
                "fragment",
            )
        )
    return out


def jwks_problems(text: str) -> list[UrlProblem]:
    """What keeps a JWKS endpoint from being a https URL NICE can fetch."""
    value = text.strip()
    parts = _split(value)
    if parts is None or not parts.scheme or not parts.hostname:
        return [UrlProblem("is not an absolute https URL")]
    scheme = parts.scheme.lower()
    if scheme != "https":
        return [
            UrlProblem(
                f"uses {scheme}; keys must be served over https so they cannot be swapped "
                "in transit",
                f"use https://{parts.netloc}{parts.path}",
                "http" if scheme == "http" else "scheme",
            )
        ]
    if is_loopback(parts.hostname):
        return [UrlProblem("points at a loopback host, which NICE cannot reach")]
    if "*" in value or parts.fragment:
        return [UrlProblem("contains a wildcard or fragment; give the exact URL of the key set")]
    return []


def bare_origin_text(text: str) -> str | None:
    """scheme://netloc of a URL as written (case kept), or None when it has no host."""
    parts = _split(text.strip())
    if parts is None or not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def https_instead(text: str) -> str | None:
    """The same URL with https instead of http (as written otherwise), or None."""
    value = text.strip()
    if value != text or not value.lower().startswith("http://"):
        return None
    return "https://" + value[len("http://") :]
