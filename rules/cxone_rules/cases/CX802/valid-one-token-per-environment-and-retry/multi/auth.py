import os

import requests

ISSUERS = {"na1": "https://cxone.niceincontact.com", "gov": "https://cxone-gov.niceincontact.com"}


def tokens() -> dict:
    out = {}
    for env, issuer in ISSUERS.items():
        body = {"grant_type": "password", "username": os.environ[f"{env}_KEY_ID"], "password": os.environ[f"{env}_KEY_SECRET"]}
        out[env] = requests.post(f"{issuer}/auth/token", data=body, auth=(os.environ["CID"], os.environ["CS"]), timeout=10).json()
    return out


def login_with_retry() -> dict:
    for attempt in range(3):
        response = requests.post(f"{ISSUERS['na1']}/auth/token", data={"grant_type": "password"}, timeout=10)
        if response.ok:
            return response.json()
    raise RuntimeError("no token")
