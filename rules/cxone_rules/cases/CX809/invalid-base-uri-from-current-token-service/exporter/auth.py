import os

import requests

ISSUER = "https://cxone.niceincontact.com"
TOKEN_URL = f"{ISSUER}/auth/token"


def login() -> dict:
    body = {
        "grant_type": "password",
        "username": os.environ["CXONE_ACCESS_KEY_ID"],
        "password": os.environ["CXONE_ACCESS_KEY_SECRET"],
    }
    auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])
    return requests.post(TOKEN_URL, data=body, auth=auth, timeout=10).json()
