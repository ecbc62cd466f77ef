import requests

ISSUER = "https://cxone.niceincontact.com"
TENANT_ID = "11eb0358-fa42-4a2a-8d3e-0242ac110002"  # expect: CX505


def api_endpoint() -> str:
    url = f"{ISSUER}/.well-known/cxone-configuration?tenantId={TENANT_ID}"
    return requests.get(url, timeout=10).json()["api_endpoint"]
