import os
from urllib.parse import quote

import requests


def token(token_endpoint: str) -> dict:
    key_id = quote(os.environ["CXONE_ACCESS_KEY_ID"], safe="")
    secret = quote(os.environ["CXONE_ACCESS_KEY_SECRET"], safe="")
    body = f"grant_type=password&username={key_id}&password={secret}"
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])
    return requests.post(token_endpoint, data=body, headers=headers, auth=auth).json()
