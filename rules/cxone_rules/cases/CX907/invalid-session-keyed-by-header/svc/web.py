from flask import Flask, request

from svc.cxone import get_token

app = Flask(__name__)
SESSIONS: dict = {}


@app.post("/session")
def start():
    sid = request.headers["X-Session-Id"]
    SESSIONS[sid] = {"access_token": get_token()}  # expect: CX907
    return "", 204
