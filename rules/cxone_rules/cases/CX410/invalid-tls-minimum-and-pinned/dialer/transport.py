import ssl

import requests
from requests.adapters import HTTPAdapter

API = "https://api-na1.niceincontact.com"


def context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1  # expect: CX410
    return ctx


class LegacyAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        kwargs["ssl_version"] = ssl.PROTOCOL_TLSv1_1  # expect: CX410
        return super().init_poolmanager(*args, **kwargs)
