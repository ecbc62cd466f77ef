import os
import time

import requests

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"
API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0"


def poll() -> None:
    while True:
        body = {"grant_type": "password", "username": os.environ["KEY_ID"], "password": os.environ["KEY_SECRET"]}
        token = requests.post(TOKEN_URL, data=body, auth=(os.environ["CID"], os.environ["CS"]), timeout=10).json()  # expect: CX802
        requests.get(f"{API}/agents/states", headers={"Authorization": f"Bearer {token['access_token']}"}, timeout=10)
        time.sleep(30)
