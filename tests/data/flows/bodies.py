import base64
import os
from urllib.parse import urlencode

import requests

TOKEN = "https://cxone.niceincontact.com/auth/token"
ID, SECRET = os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"]
GRANT = "client_credentials"


def items() -> dict:
    form = {"grant_type": "password"}
    form["client_id"] = ID
    form["client_secret"] = SECRET
    return requests.post(TOKEN, data=form, timeout=10).json()


def updated() -> dict:
    form = dict(grant_type="password")
    form.update({"client_id": ID, "client_secret": SECRET})
    return requests.post(TOKEN, data=form, timeout=10).json()


def merged() -> dict:
    base = {"grant_type": "password"}
    creds = {"client_id": ID, "client_secret": SECRET}
    return requests.post(TOKEN, data={**base, **creds}, timeout=10).json()


def pairs() -> dict:
    body = [("grant_type", "password"), ("client_id", ID), ("client_secret", SECRET)]
    return requests.post(TOKEN, data=urlencode(body), timeout=10).json()


def keyword_expansion() -> dict:
    options = dict(data={"grant_type": "password", "client_secret": SECRET}, timeout=10)
    return requests.post(TOKEN, **options).json()


def grant_set_later() -> dict:
    form: dict[str, str] = {}
    form["grant_type"] = GRANT
    return requests.post(TOKEN, data=form, auth=(ID, SECRET), timeout=10).json()


def basic_is_fine() -> dict:
    form = {"grant_type": "password"}
    form.update(username=ID, password=SECRET)
    return requests.post(TOKEN, data=form, auth=(ID, SECRET), timeout=10).json()


def header_in_steps() -> dict:
    headers = {"Accept": "application/json"}
    headers["Authorization"] = "Basic " + base64.b64encode(f"{ID}:{SECRET}".encode()).decode()
    form = {"grant_type": "password", "username": ID, "password": SECRET}
    return requests.post(TOKEN, data=form, headers=headers, timeout=10).json()
