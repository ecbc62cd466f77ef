import os

import requests

TOKEN_URL = "https://api.incontact.com/InContactAuthorizationServer/Token"


def login() -> dict:
    body = {
        "grant_type": "password",
        "username": os.environ["CXONE_USER"],
        "password": os.environ["CXONE_PASSWORD"],
        "scope": "RealTimeApi ReportingApi openid",
    }
    auth = (os.environ["CXONE_APP"], os.environ["CXONE_VENDOR_KEY"])
    return requests.post(TOKEN_URL, json=body, auth=auth, timeout=10).json()
