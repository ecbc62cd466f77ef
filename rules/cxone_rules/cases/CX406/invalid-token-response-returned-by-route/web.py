from flask import Flask
import requests

app = Flask(__name__)

@app.get("/token")
def token():
    return requests.post(TOKEN_URL, data={"grant_type": "password"}).json()  # expect: CX406
