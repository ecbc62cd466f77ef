from urllib.parse import urlencode

AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"  # expect: CX304


def login_url(client_id: str, challenge: str) -> str:
    params = {  # expect: CX304
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": "https://scheduler.acme.example/callback",
        "scope": "openid",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    return AUTHORIZE + "?" + urlencode(params)
