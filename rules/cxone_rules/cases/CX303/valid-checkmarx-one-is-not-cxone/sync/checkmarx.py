import requests

IAM = "https://iam.checkmarx.net/auth/realms/acme/protocol/openid-connect/token"


def cxone_token(client_id: str, secret: str) -> str:
    body = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    return requests.post(IAM, data=body, timeout=10).json()["access_token"]
