import os

import requests

from svc.cxone import API, ISSUER, get_token


def skills() -> list:
    return requests.get(f"{API}/skills?top=100", headers={"Authorization": f"Bearer {get_token()}"}, timeout=10).json()


def login() -> dict:
    body = f"grant_type=password&username={os.environ['KEY_ID']}&password={os.environ['KEY_SECRET']}"
    return requests.post(f"{ISSUER}/auth/token", data=body, timeout=10).json()
