import time

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"


def expiry(reply: dict) -> float:
    expires_at = time.time() + reply["expires_in"] - 60
    return expires_at
