import requests

from exporter.auth import login


def skills() -> list:
    tokens = login()
    base = tokens["resource_server_base_uri"]  # expect: CX809
    return requests.get(f"{base}services/v31.0/skills", headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=10).json()
