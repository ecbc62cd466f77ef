import os
import time

import requests

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"


class TokenCache:
    def __init__(self) -> None:
        self._token = ""
        self._expires_at = 0.0

    def token(self) -> str:
        if time.time() >= self._expires_at - 60:
            return self._refresh()
        return self._token

    def is_expired(self) -> bool:
        return time.time() >= self._expires_at - 60

    def _refresh(self) -> str:
        body = {"grant_type": "password", "username": os.environ["KEY_ID"], "password": os.environ["KEY_SECRET"]}
        reply = requests.post(TOKEN_URL, data=body, auth=(os.environ["CID"], os.environ["CS"]), timeout=10).json()
        self._token = reply["access_token"]
        self._expires_at = time.time() + reply["expires_in"]
        return self._token
