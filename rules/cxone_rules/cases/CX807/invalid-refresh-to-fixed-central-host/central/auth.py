import base64
import os

import requests

TOKEN_URL = "https://api.incontact.com/InContactAuthorizationServer/Token"


def _key() -> str:
    return base64.b64encode(os.environ["CENTRAL_APP_KEY"].encode()).decode()


def login() -> dict:
    body = {"grant_type": "password", "username": os.environ["CENTRAL_USER"], "password": os.environ["CENTRAL_PASSWORD"], "scope": ""}
    return requests.post(TOKEN_URL, json=body, headers={"Authorization": f"basic {_key()}"}, timeout=10).json()


def refresh(tokens: dict) -> dict:
    body = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    return requests.post(TOKEN_URL, json=body, headers={"Authorization": f"basic {_key()}"}, timeout=10).json()  # expect: CX807
