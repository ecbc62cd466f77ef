import json

import requests
import yaml

with open("config/settings.yaml") as f:
    CONFIG = yaml.safe_load(f)
LOCAL = json.load(open("app/local.json"))  # noqa: SIM115 (how integrations write it)


def token(cid: str, secret: str) -> dict:
    cx = CONFIG["cxone"]
    body = {"grant_type": cx["grant_type"]}
    resp = requests.post(cx["token_url"], data=body, auth=(cid, secret), verify=cx["verify_ssl"])
    return resp.json()


def other(url: str) -> None:
    requests.get(url, verify=LOCAL.get("tls", {}).get("verify_ssl", True), timeout=10)


def secret() -> str:
    return CONFIG["cxone"]["client_secret"]
