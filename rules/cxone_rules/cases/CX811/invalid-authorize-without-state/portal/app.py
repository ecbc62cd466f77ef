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
    params = {  # expect: CX811
        "response_type": "code",
        "client_id": os.environ["CID"],
        "redirect_uri": REDIRECT,
        "scope": "openid",
    }
    return redirect(f"{ISSUER}/auth/authorize?{urlencode(params)}")
