from flask import Flask, jsonify

from svc import cxone

app = Flask(__name__)


@app.get("/agents")  # expect: CX905
def agents():
    return jsonify(cxone.list_agents())
