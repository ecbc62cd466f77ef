import logging

log = logging.getLogger(__name__)

def use(session, data):
    token = data["access_token"]
    log.info("got token %s", token)  # expect: CX406
    log.debug(f"prefix {token[:6]}")
    raise RuntimeError(f"refused with {token}")  # expect: CX406
