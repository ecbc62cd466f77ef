import configparser

import requests

parser = configparser.ConfigParser()
parser.read("config/app.ini")
cx = parser["cxone"]


def token():
    body = {"grant_type": cx["grant_type"], "client_secret": cx.get("client_secret")}
    url = parser.get("cxone", "token_url")
    return requests.post(url, data=body, verify=cx.getboolean("verify_ssl"), timeout=5)
