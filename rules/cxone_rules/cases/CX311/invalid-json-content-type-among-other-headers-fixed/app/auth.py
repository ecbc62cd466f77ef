import os

import requests


def token(discovery: dict) -> dict:
    body = {
        "grant_type": "password",
        "username": os.environ["CXONE_ACCESS_KEY_ID"],
        "password": os.environ["CXONE_ACCESS_KEY_SECRET"],
    }
    auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])
    return requests.post(discovery["token_endpoint"], json=body, headers={"content-type": "application/json; charset=utf-8", "Accept": "application/json"}, auth=auth, timeout=10).json()  # expect: CX311
