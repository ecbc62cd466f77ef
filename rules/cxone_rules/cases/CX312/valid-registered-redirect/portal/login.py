import os

from requests_oauthlib import OAuth2Session

AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"
REDIRECT = os.environ.get("PORTAL_REDIRECT_URI", "https://portal.acme.example/oauth/callback")


def start(client_id: str) -> str:
    session = OAuth2Session(client_id, redirect_uri=REDIRECT, scope=["openid"])
    url, _state = session.authorization_url(AUTHORIZE)
    return url
