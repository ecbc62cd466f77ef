"""Refreshes the NICE CXone access token."""

import os

import requests


def refresh(token_endpoint: str, refresh_token: str) -> dict:
    body = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": os.environ["CXONE_CLIENT_ID"],
        "client_secret": os.environ["CXONE_CLIENT_SECRET"],
    }
    return requests.post(token_endpoint, data=body, timeout=10).json()  # expect: CX302
