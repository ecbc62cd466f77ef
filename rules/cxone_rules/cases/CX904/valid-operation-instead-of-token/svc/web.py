from flask import Flask, jsonify
from flask_login import login_required

from svc.cxone import list_agents

app = Flask(__name__)


@app.get("/api/agents")
@login_required
def agents():
    return jsonify(list_agents())
