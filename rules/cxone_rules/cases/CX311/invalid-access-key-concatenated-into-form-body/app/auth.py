import os

import requests


def token(token_endpoint: str) -> dict:
    key_id = os.environ["CXONE_ACCESS_KEY_ID"]
    secret = os.environ["CXONE_ACCESS_KEY_SECRET"]
    body = "grant_type=password&username=" + key_id + "&password=" + secret
    auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])
    return requests.post(token_endpoint, data=body, auth=auth, timeout=10).json()  # expect: CX311
