import os
import time
import uuid

import jwt
import requests


def assertion(client_id: str, token_endpoint: str) -> str:
    now = int(time.time())
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": token_endpoint,
        "jti": str(uuid.uuid4()),
        "iat": now,
        "exp": now + 120,
    }
    return jwt.encode(claims, os.environ["CXONE_CLIENT_SECRET"], algorithm="HS256")


def token(client_id: str, token_endpoint: str, body: dict) -> dict:
    body = {
        **body,
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": assertion(client_id, token_endpoint),
    }
    return requests.post(token_endpoint, data=body, timeout=10).json()
