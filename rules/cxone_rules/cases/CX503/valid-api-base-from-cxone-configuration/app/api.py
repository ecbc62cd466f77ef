import requests


def api_base(issuer: str, tenant_id: str) -> str:
    url = f"{issuer}/.well-known/cxone-configuration"
    conf = requests.get(url, params={"tenantId": tenant_id}, timeout=10).json()
    return conf.get("api_endpoint", "https://api-na1.niceincontact.com")


def area_base(conf: dict) -> str:
    return f"https://api-{conf['area']}.niceincontact.com"
