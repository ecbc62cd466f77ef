from flask import Flask, jsonify
from flask_cors import CORS

from svc import cxone

app = Flask(__name__)
CORS(app)  # expect: CX901


@app.get("/agents")
def agents():
    return jsonify(cxone.list_agents())
