import os

CLIENT_SECRET = os.environ["CLIENT_SECRET"]
