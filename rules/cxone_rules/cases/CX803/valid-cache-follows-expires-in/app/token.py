import os
import time

import requests

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"


class TokenCache:
    def __init__(self) -> None:
        self.token = ""
        self.expires_at = 0.0

    def get(self) -> str:
        if time.monotonic() >= self.expires_at:
            body = {"grant_type": "password", "username": os.environ["KEY_ID"], "password": os.environ["KEY_SECRET"]}
            reply = requests.post(TOKEN_URL, data=body, auth=(os.environ["CID"], os.environ["CS"]), timeout=10).json()
            self.token = reply["access_token"]
            self.expires_at = time.monotonic() + reply["expires_in"] - 60
        return self.token
