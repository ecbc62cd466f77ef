import os

import requests


def fetch_token(discovery: dict) -> dict:
    response = requests.post(
        discovery["token_endpoint"],
        data={
            "grant_type": "password",
            "username": os.environ["CXONE_ACCESS_KEY_ID"],
            "password": os.environ["CXONE_ACCESS_KEY_SECRET"],
            "client_id": os.environ["CXONE_CLIENT_ID"],
            "client_secret": os.environ["CXONE_CLIENT_SECRET"],  # expect: CX301
        },
        timeout=10,
    )
    return response.json()
