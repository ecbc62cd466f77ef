import time

import requests

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"
_state = {"token": None}


def token() -> str:
    cached = _state["token"]
    if cached is None or time.time() > cached["expires_in"]:  # expect: CX804
        _state["token"] = requests.post(TOKEN_URL, data={"grant_type": "password"}, timeout=10).json()
    return _state["token"]["access_token"]
