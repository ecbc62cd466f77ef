import secrets

from flask import Flask, make_response

from svc.cxone import get_token

app = Flask(__name__)
SESSIONS: dict = {}


@app.post("/session")
def start():
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = {"access_token": get_token()}
    response = make_response("", 204)
    response.set_cookie("sid", sid, secure=True, httponly=True, samesite="Strict")
    return response
