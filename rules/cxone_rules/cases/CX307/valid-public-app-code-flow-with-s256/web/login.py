AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"


def params(client_id: str, challenge: str) -> dict:
    return {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": "https://wallboard.acme.example/auth/callback",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
