from flask import Flask, jsonify
from flask_cors import CORS
from flask_login import login_required

from svc import cxone

app = Flask(__name__)
CORS(app, origins=["https://wallboard.acme.example"])


@app.get("/agents")
@login_required
def agents():
    return jsonify(cxone.list_agents())
