import functools
import os

import requests

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"


@functools.lru_cache(maxsize=1)  # expect: CX803
def get_token() -> str:
    body = {"grant_type": "password", "username": os.environ["KEY_ID"], "password": os.environ["KEY_SECRET"]}
    return requests.post(TOKEN_URL, data=body, auth=(os.environ["CID"], os.environ["CS"]), timeout=10).json()["access_token"]
