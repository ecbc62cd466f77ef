import time

import requests

from reports.auth import login

API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0"
session = requests.Session()
_token = {"value": "", "until": 0.0}


def _bearer() -> str:
    if time.monotonic() >= _token["until"]:
        body = login()
        _token["value"] = body["access_token"]
        _token["until"] = time.monotonic() + body["expires_in"] - 60
    return _token["value"]


def completed_contacts(since: str) -> list:
    session.headers["Authorization"] = f"Bearer {_bearer()}"
    return session.get(f"{API}/contacts/completed", params={"startDate": since}, timeout=10).json()
