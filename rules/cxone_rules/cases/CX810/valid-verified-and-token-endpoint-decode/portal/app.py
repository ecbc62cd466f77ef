import os

import jwt
import requests
from flask import Flask, jsonify, request

ISSUER = "https://cxone.niceincontact.com"
app = Flask(__name__)
JWKS = jwt.PyJWKClient(f"{ISSUER}/auth/jwks")


@app.post("/api/session")
def session():
    token = request.json["id_token"]
    key = JWKS.get_signing_key_from_jwt(token).key
    claims = jwt.decode(token, key, algorithms=["RS256"], audience=os.environ["CXONE_CLIENT_ID"])
    return jsonify(tenant=claims["tenantId"], user=claims["sub"])


def tenant_of_backend_login() -> str:
    tokens = requests.post(f"{ISSUER}/auth/token", data={"grant_type": "password"}, timeout=10).json()
    return jwt.decode(tokens["id_token"], options={"verify_signature": False})["tenantId"]
