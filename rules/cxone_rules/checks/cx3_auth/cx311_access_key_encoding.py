from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.domain.oauth import LEGACY_ENDPOINTS
from cxone_rules.facts.profile import cxone_requests


class AccessKeyEncoding(Rule):
    """Access keys sent unencoded in a hand-built body, or as JSON, to the token endpoint.

    ## What it does
    Reports token requests to CXone whose body is a string built by hand with the
    `username`/`password` values not URL-encoded, and token requests that send the body as
    JSON (`json=`) to `/auth/token` (not to the legacy access-key endpoint, which takes JSON).

    ## Why
    The token endpoint takes `application/x-www-form-urlencoded`. Access key secrets end in
    `=` padding and may hold `+` and `/`: unencoded they arrive changed and the request fails
    with `invalid_grant`, intermittently, depending on the key.

    ## Example
    ```python
    body = f"grant_type=password&username={key_id}&password={key_secret}"
    requests.post(token_endpoint, data=body, auth=(cid, secret))
    ```
    Pass a dict (`data={"grant_type": "password", "username": key_id, ...}`) and let the
    library encode it.

    ## Fix safety
    For a JSON body an unsafe fix changes `json=` to `data=`, which makes the library send the
    same fields form-encoded, as CXone requires, and removes a `Content-Type: application/json`
    header the form body would contradict (from the call's `headers={...}`, or from a dict
    bound to a local name in the same function; a module-level headers dict may serve other
    requests and is left alone). It changes what goes over the wire, so it is applied only
    with `--unsafe-fixes`. Hand-built strings have no automatic fix.

    ## References
    - https://support.ringcentral.com/article-v2/Using-the-API-global-authentication-service.html
    - https://datatracker.ietf.org/doc/html/rfc6749#appendix-B
    """

    code = "CX311"
    name = "access-key-encoding"
    summary = "Access key sent unencoded or as JSON to the token endpoint"
    passed = "Access keys reach the token endpoint form-encoded"
    severity = Severity.ERROR
    fixable = "unsafe"
    tags = (
        "security",
        "auth",
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for req in cxone_requests(ctx):
            if req.endpoint in LEGACY_ENDPOINTS:
                continue
            if req.access_key_encoding == "raw":
                yield self.report(
                    req.file,
                    req.start,
                    "access key placed unencoded in a hand-built token request body",
                    end=req.end,
                    hint="pass the body as a dict (data={...}) or quote(value, safe='') each "
                    "value; access key secrets end in '=' padding",
                    key="raw-body",
                )
            elif req.body == "json" and req.grant is not None:
                fix = None
                keyword = req.body_keyword
                if keyword is not None:
                    edits = [Edit(req.file, keyword.start, keyword.end, "data")]
                    message = "send the body form-encoded (data= instead of json=)"
                    header = req.json_content_type
                    if header is not None:
                        # A form body under a JSON Content-Type contradicts itself: the header
                        # goes too, and the library sets the form one.
                        edits.append(Edit(req.file, header.start, header.end, ""))
                        message += ", without the Content-Type: application/json header"
                    fix = Fix(message, tuple(edits), Applicability.UNSAFE)
                yield self.report(
                    req.file,
                    req.start,
                    "token request body sent as JSON; CXone's token endpoint takes "
                    "application/x-www-form-urlencoded",
                    end=req.end,
                    hint="use data= so the access key is form-encoded",
                    key="json-body",
                    fix=fix,
                )
