from urllib.parse import urlencode

ISSUER = "https://cxone.niceincontact.com"
SIGNED_OUT = "https://portal.acme.example/signed-out"


def logout_url(id_token: str) -> str:
    params = {"id_token_hint": id_token, "post_logout_redirect_uri": SIGNED_OUT}
    return f"{ISSUER}/auth/authorize/logout?{urlencode(params)}"
