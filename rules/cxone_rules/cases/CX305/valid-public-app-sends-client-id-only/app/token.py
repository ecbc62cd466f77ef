import requests


def redeem(token_endpoint: str, client_id: str, code: str, verifier: str) -> dict:
    body = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": client_id,
        "code_verifier": verifier,
        "redirect_uri": "https://wallboard.acme.example/auth/callback",
    }
    return requests.post(token_endpoint, data=body, timeout=10).json()
