import requests

ISSUER = "https://cxone.niceincontact.com"


def api_endpoint(token: str, tenant_id: str) -> str:
    url = f"{ISSUER}/.well-known/cxone-configuration?tenantId={tenant_id}"
    response = requests.get(url, timeout=10)
    return response.json()["api_endpoint"]
