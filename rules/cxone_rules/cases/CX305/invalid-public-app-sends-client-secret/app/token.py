import os

import requests


def redeem(token_endpoint: str, code: str, verifier: str) -> dict:
    body = {
        "grant_type": "authorization_code",
        "code": code,
        "code_verifier": verifier,
        "redirect_uri": "https://wallboard.acme.example/auth/callback",
    }
    auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])
    return requests.post(token_endpoint, data=body, auth=auth, timeout=10).json()  # expect: CX305
