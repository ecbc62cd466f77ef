import requests

AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"


def params(client_id: str) -> dict:
    return {  # expect: CX307
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": "https://wallboard.acme.example/auth/callback",
    }


def redeem(token_endpoint: str, client_id: str, code: str) -> dict:
    body = {"grant_type": "authorization_code", "code": code, "client_id": client_id}
    return requests.post(token_endpoint, data=body, timeout=10).json()  # expect: CX307
