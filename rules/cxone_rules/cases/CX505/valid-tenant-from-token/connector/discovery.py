import requests

ISSUER = "https://cxone.niceincontact.com"


def api_endpoint(tenant_id: str) -> str:
    url = f"{ISSUER}/.well-known/cxone-configuration"
    return requests.get(url, params={"tenantId": tenant_id}, timeout=10).json()["api_endpoint"]
