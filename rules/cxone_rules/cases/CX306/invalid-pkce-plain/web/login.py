AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"


def params(client_id: str, verifier: str) -> dict:
    return {
        "response_type": "code",
        "client_id": client_id,
        "scope": "openid",
        "code_challenge": verifier,
        "code_challenge_method": "plain",  # expect: CX306
    }
