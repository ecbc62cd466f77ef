import os

import requests

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"


def token() -> str:
    data = {"grant_type": "client_credentials"}  # expect: CX303
    auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])
    return requests.post(TOKEN_URL, data=data, auth=auth, timeout=10).json()["access_token"]
