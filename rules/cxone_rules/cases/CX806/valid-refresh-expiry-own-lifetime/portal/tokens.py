import time

import requests

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"
REFRESH_LIFETIME = 7200


class Tokens:
    def store(self, reply: dict) -> None:
        now = time.time()
        self.access_token = reply["access_token"]
        self.refresh_token = reply["refresh_token"]
        self.expires_at = now + reply["expires_in"] - 60
        self.refresh_expires_at = now + reply.get("refresh_expires_in", REFRESH_LIFETIME) - 60
