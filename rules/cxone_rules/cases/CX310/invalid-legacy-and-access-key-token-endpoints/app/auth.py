import base64
import os

import requests

TOKEN_URL = "https://api.incontact.com/InContactAuthorizationServer/Token"  # expect: CX310


def token() -> dict:
    key = base64.b64encode(os.environ["CENTRAL_APP_KEY"].encode()).decode()
    body = {"grant_type": "password", "username": os.environ["USER"], "password": "", "scope": ""}
    headers = {"Authorization": "basic " + key}
    return requests.post(TOKEN_URL, json=body, headers=headers, timeout=10).json()


def access_key_token(area: str) -> dict:
    url = f"https://{area}.nice-incontact.com/authentication/v1/token/access-key"  # expect: CX310
    body = {"accessKeyId": os.environ["KEY_ID"], "accessKeySecret": os.environ["KEY_SECRET"]}
    return requests.post(url, json=body, timeout=10).json()
