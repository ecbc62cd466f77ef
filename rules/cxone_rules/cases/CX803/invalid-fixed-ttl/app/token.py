import os
import time

import requests

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"
TTL = 3300


class TokenCache:
    def __init__(self) -> None:
        self.token = ""
        self.expires_at = 0.0

    def get(self) -> str:
        if time.time() + 30 >= self.expires_at:
            body = {"grant_type": "password", "username": os.environ["KEY_ID"], "password": os.environ["KEY_SECRET"]}
            reply = requests.post(TOKEN_URL, data=body, auth=(os.environ["CID"], os.environ["CS"]), timeout=10)
            self.token = reply.json()["access_token"]
            self.expires_at = time.time() + TTL  # expect: CX803
        return self.token
