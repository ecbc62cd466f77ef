import requests

from sync.auth import login

API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0"


def sync(agent_ids: list[str]) -> None:
    for agent_id in agent_ids:
        token = login()["access_token"]  # expect: CX802
        headers = {"Authorization": f"Bearer {token}"}
        requests.patch(f"{API}/agents/{agent_id}", json={"isActive": True}, headers=headers, timeout=10)
