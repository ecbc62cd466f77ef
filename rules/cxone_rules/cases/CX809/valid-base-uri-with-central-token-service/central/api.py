import requests

from central.auth import login


def skills() -> list:
    tokens = login()
    base = tokens["resource_server_base_uri"]
    return requests.get(f"{base}services/v10.0/skills", headers={"Authorization": f"bearer {tokens['access_token']}"}, timeout=10).json()
