import time

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"


def session_payload(reply: dict) -> dict:
    # The browser's clock counts milliseconds.
    expires_at = int(time.time() * 1000) + reply["expires_in"]  # expect: CX815
    return {"expiresAt": expires_at}
