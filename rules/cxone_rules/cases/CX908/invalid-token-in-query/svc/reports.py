import requests

from svc.cxone import API, get_token


def skills() -> list:
    token = get_token()
    return requests.get(f"{API}/skills?access_token={token}", timeout=10).json()  # expect: CX908


def agents() -> list:
    return requests.get(f"{API}/agents", params={"access_token": get_token()}, timeout=10).json()  # expect: CX908
