import base64
import os

import aiohttp
import httpx
import requests

TOKEN = "https://cxone.niceincontact.com/auth/token"
ID, SECRET = os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"]
FORM = {"grant_type": "password", "username": ID, "password": SECRET}


def headers_later() -> dict:
    s = requests.Session()
    basic = base64.b64encode(f"{ID}:{SECRET}".encode()).decode()
    s.headers.update({"Authorization": "Basic " + basic})
    return s.post(TOKEN, data=FORM, timeout=10).json()


def header_item() -> dict:
    s = requests.Session()
    s.headers["Authorization"] = "Basic " + base64.b64encode(f"{ID}:{SECRET}".encode()).decode()
    return s.post(TOKEN, data=FORM, timeout=10).json()


def base_url() -> dict:
    with httpx.Client(base_url="https://cxone.niceincontact.com", auth=(ID, SECRET)) as c:
        return c.post("/auth/token", data=FORM).json()


class Client:
    def __init__(self) -> None:
        self.session = requests.Session()
        self.session.auth = (ID, SECRET)

    def token(self) -> dict:
        return self.session.post(TOKEN, data=FORM, timeout=10).json()


async def aio() -> dict:
    async with aiohttp.ClientSession(auth=aiohttp.BasicAuth(ID, SECRET)) as session:
        resp = await session.post(TOKEN, data=FORM)
        return await resp.json()


def posted() -> dict:
    s = requests.Session()
    s.headers.update({"Accept": "application/json"})
    body = dict(FORM, client_id=ID, client_secret=SECRET)
    return s.post(TOKEN, data=body, timeout=10).json()
