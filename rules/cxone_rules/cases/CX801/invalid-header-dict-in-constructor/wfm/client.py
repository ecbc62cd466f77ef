import requests

from wfm.auth import login

API = "https://api-na1.niceincontact.com/inContactAPI/services/v31.0"


class CxoneClient:
    def __init__(self) -> None:
        token = login()["access_token"]
        self.headers = {"Authorization": f"Bearer {token}"}  # expect: CX801

    def agents(self) -> list:
        return requests.get(f"{API}/agents", headers=self.headers, timeout=10).json()


CLIENT = CxoneClient()
