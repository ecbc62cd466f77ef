from flask import Flask, request

app = Flask(__name__)


@app.after_request
def cors(response):
    origin = request.headers.get("Origin")
    if origin and origin.endswith("acme.example"):
        response.headers["Access-Control-Allow-Origin"] = origin  # expect: CX903
    return response
