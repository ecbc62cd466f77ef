import os

import requests

TOKEN_URL = "https://api.incontact.com/InContactAuthorizationServer/Token"


def login() -> dict:
    body = {"grant_type": "password", "username": os.environ["USER"], "password": os.environ["PASSWORD"]}
    auth = (os.environ["APP"], os.environ["VENDOR_KEY"])
    return requests.post(TOKEN_URL, json=body, auth=auth, timeout=10).json()
