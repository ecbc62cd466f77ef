import os
import secrets
from urllib.parse import urlencode

import requests
from flask import Flask, abort, redirect, request, session

ISSUER = "https://cxone.niceincontact.com"
REDIRECT = "https://portal.acme.example/callback"
app = Flask(__name__)
import jwt

JWKS = jwt.PyJWKClient(f"{ISSUER}/auth/jwks")


@app.get("/login")
def login():
    session["state"] = state = secrets.token_urlsafe(32)
    session["nonce"] = nonce = secrets.token_urlsafe(32)
    params = {"response_type": "code", "client_id": os.environ["CID"], "redirect_uri": REDIRECT, "scope": "openid", "state": state, "nonce": nonce}
    return redirect(f"{ISSUER}/auth/authorize?{urlencode(params)}")


@app.get("/callback")
def callback():
    if not secrets.compare_digest(request.args["state"], session.pop("state", "")):
        abort(400)
    body = {"grant_type": "authorization_code", "code": request.args["code"], "redirect_uri": REDIRECT}
    tokens = requests.post(f"{ISSUER}/auth/token", data=body, auth=(os.environ["CID"], os.environ["CS"]), timeout=10).json()
    key = JWKS.get_signing_key_from_jwt(tokens["id_token"]).key
    claims = jwt.decode(tokens["id_token"], key, algorithms=["RS256"], audience=os.environ["CID"])
    if claims["nonce"] != session.pop("nonce", None):
        abort(400)
    session["user"] = claims["sub"]
    return redirect("/")
