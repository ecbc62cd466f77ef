from urllib.parse import urlencode

AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"


def login_url(client_id: str) -> str:
    params = {"response_type": "token", "client_id": client_id, "scope": "openid"}  # expect: CX303
    return AUTHORIZE + "?" + urlencode(params)
