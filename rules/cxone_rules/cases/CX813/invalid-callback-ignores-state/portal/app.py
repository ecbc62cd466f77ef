import os
import secrets
from urllib.parse import urlencode

import requests
from flask import Flask, abort, redirect, request, session

ISSUER = "https://cxone.niceincontact.com"
REDIRECT = "https://portal.acme.example/callback"
app = Flask(__name__)


@app.get("/login")
def login():
    session["state"] = state = secrets.token_urlsafe(32)
    params = {"response_type": "code", "client_id": os.environ["CID"], "redirect_uri": REDIRECT, "scope": "openid", "state": state}
    return redirect(f"{ISSUER}/auth/authorize?{urlencode(params)}")


@app.get("/callback")
def callback():
    body = {"grant_type": "authorization_code", "code": request.args["code"], "redirect_uri": REDIRECT}
    tokens = requests.post(f"{ISSUER}/auth/token", data=body, auth=(os.environ["CID"], os.environ["CS"]), timeout=10).json()  # expect: CX813
    session["user"] = tokens["access_token"]
    return redirect("/")
