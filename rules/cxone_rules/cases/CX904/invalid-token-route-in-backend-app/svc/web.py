from flask import Flask, jsonify

from svc.cxone import get_token

app = Flask(__name__)


@app.get("/api/token")  # expect: CX904
def token():
    return jsonify(access_token=get_token())
