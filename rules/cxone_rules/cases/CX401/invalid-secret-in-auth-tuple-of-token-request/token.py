import requests

def token(url):
    return requests.post(
        url, data={"grant_type": "password"},
        auth=("acme-app", "Z61a7LXyT2nXW5uKcrHfkIw3oOyynsKfqIjsG8f4"),  # expect: CX401
    )
