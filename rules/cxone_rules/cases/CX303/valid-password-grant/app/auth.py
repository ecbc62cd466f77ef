import os

import requests


def fetch_token(discovery: dict) -> dict:
    response = requests.post(
        discovery["token_endpoint"],
        data={
            "grant_type": "password",
            "username": os.environ["CXONE_ACCESS_KEY_ID"],
            "password": os.environ["CXONE_ACCESS_KEY_SECRET"],
        },
        auth=(os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"]),
        timeout=10,
    )
    response.raise_for_status()
    return response.json()
