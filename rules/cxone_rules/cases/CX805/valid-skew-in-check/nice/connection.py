import os
import time

import requests

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"
SKEW = 60
_cache = {"token": "", "expires": 0.0}


def token() -> str:
    if time.time() + SKEW < _cache["expires"]:
        return _cache["token"]
    body = {"grant_type": "password", "username": os.environ["KEY_ID"], "password": os.environ["KEY_SECRET"]}
    reply = requests.post(TOKEN_URL, data=body, auth=(os.environ["CID"], os.environ["CS"]), timeout=10).json()
    _cache["token"] = reply["access_token"]
    _cache["expires"] = time.time() + reply["expires_in"]
    return _cache["token"]
