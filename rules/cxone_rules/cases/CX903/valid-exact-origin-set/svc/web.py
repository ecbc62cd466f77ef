from flask import Flask, request

app = Flask(__name__)
ALLOWED = {"https://wallboard.acme.example"}


@app.after_request
def cors(response):
    origin = request.headers.get("Origin")
    if origin in ALLOWED:
        response.headers["Access-Control-Allow-Origin"] = origin
    return response
