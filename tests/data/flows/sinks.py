import logging
import os

import requests
import structlog
from flask import Flask, jsonify
from loguru import logger as events

logger = logging.getLogger(__name__)
log = structlog.get_logger()
app = Flask(__name__)
TOKEN_URL = "https://cxone.niceincontact.com/auth/token"
FORM = {"grant_type": "password", "username": os.environ["KEY_ID"], "password": os.environ["KEY"]}


def fetch() -> dict:
    resp = requests.post(TOKEN_URL, data=FORM, timeout=10)
    if resp.status_code != 200:
        raise RuntimeError(f"token request failed: {resp.status_code}")
    tokens = resp.json()
    access = tokens["access_token"]
    logger.info("token obtained", extra={"token": access})
    log.info("token obtained", token=access)
    events.bind(token=access).info("token obtained")
    logger.info("token %s", access[:20])
    logger.info("token ending %s", access[-4:])
    logger.info(f"bearer {access}")
    logger.info("expires in %s s", tokens["expires_in"], exc_info=False)
    return tokens


@app.route("/token")
def token_route() -> dict:
    return fetch()


@app.route("/proxy")
def proxy() -> tuple:
    resp = requests.post(TOKEN_URL, data=FORM, timeout=10)
    if not resp.ok:
        return jsonify(resp.json()), resp.status_code
    return {"ok": True}, 200
