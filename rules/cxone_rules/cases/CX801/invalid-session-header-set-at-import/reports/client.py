"""The shared session every report goes through."""

import requests

from reports.auth import login

API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0"

session = requests.Session()
session.headers["Authorization"] = f"Bearer {login()['access_token']}"  # expect: CX801


def completed_contacts(since: str) -> list:
    return session.get(f"{API}/contacts/completed", params={"startDate": since}, timeout=10).json()
