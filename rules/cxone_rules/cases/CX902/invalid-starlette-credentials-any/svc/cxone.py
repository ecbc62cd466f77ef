import os
import time

import requests

ISSUER = "https://cxone.niceincontact.com"
API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0"
_cache = {"token": "", "until": 0.0}


def get_token() -> str:
    if time.monotonic() >= _cache["until"]:
        body = {"grant_type": "password", "username": os.environ["KEY_ID"], "password": os.environ["KEY_SECRET"]}
        reply = requests.post(f"{ISSUER}/auth/token", data=body, auth=(os.environ["CID"], os.environ["CS"]), timeout=10).json()
        _cache["token"] = reply["access_token"]
        _cache["until"] = time.monotonic() + reply["expires_in"] - 60
    return _cache["token"]


def list_agents() -> list:
    return requests.get(f"{API}/agents", headers={"Authorization": f"Bearer {get_token()}"}, timeout=10).json()
