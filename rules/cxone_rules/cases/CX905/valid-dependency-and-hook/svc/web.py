from flask import Flask, abort, jsonify, request

from svc import cxone

app = Flask(__name__)


@app.before_request
def require_api_key():
    if request.headers.get("X-Api-Key") != app.config["API_KEY"]:
        abort(401)


@app.get("/agents")
def agents():
    return jsonify(cxone.list_agents())
