from flask import Flask, jsonify
from flask_login import login_required

from svc import cxone

app = Flask(__name__)


@app.get("/agents")
@login_required
def agents():
    return jsonify(cxone.list_agents())


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
